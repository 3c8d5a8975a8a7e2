# SPDX-License-Identifier: GPL-2.0-only
"""The two case grammars: a line of tests/boot/cases.txt and a
tests/boot/uboot/NAME.env file, each parsed into the dict
judge.judge_boot_case() takes; selftest() checks the cases.txt parser."""

import os
import re
import shlex

from .common import LOGDIR, ROOT


def parse_boot_cases(path):
    """Parse tests/boot/cases.txt; see the comment at the top of that file."""
    cases, errors = [], []
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split(" | ")]
            where = "%s:%d" % (os.path.relpath(path, ROOT), lineno)
            if len(fields) not in (5, 6):
                errors.append("%s: expected 5 or 6 fields separated by ' | ', "
                              "got %d" % (where, len(fields)))
                continue
            name, dtb, append, expect, forbid = fields[:5]
            exit_code = 0
            qemu = False
            host = True
            machine = None
            smp = None
            opt_error = None
            for opt in (fields[5].split() if len(fields) == 6 else []):
                m = re.match(r"^exit=(\d+|nonzero)$", opt)
                if m:
                    exit_code = (m.group(1) if m.group(1) == "nonzero"
                                 else int(m.group(1)))
                elif re.match(r"^smp=[1-9]\d*$", opt):
                    smp = int(opt[4:])
                elif opt == "qemu":
                    qemu = True
                elif opt == "qemu-only":
                    qemu = True
                    host = False
                elif opt == "virt":
                    qemu = True
                    host = False
                    machine = "virt"
                else:
                    opt_error = ("%s: 6th field takes exit=N, exit=nonzero, "
                                 "qemu, qemu-only, virt and smp=N, got '%s'" %
                                 (where, opt))
            if opt_error:
                errors.append(opt_error)
                continue
            try:
                exp = [re.compile(r) for r in expect.split(" && ")
                       if r and expect != "-"]
                forb = [re.compile(r) for r in forbid.split(" && ")
                        if r and forbid != "-"]
            except re.error as e:
                errors.append("%s: bad regex: %s" % (where, e))
                continue
            if not re.match(r"^[\w.+-]+$", name):
                errors.append("%s: case name '%s' must be one word" %
                              (where, name))
                continue
            cases.append(dict(name=name, dtb=dtb,
                              append="" if append == "-" else append,
                              expect=exp, forbid=forb, exit=exit_code,
                              qemu=qemu, host=host, machine=machine, smp=smp,
                              where=where))
    return cases, errors


def parse_uboot_case(path):
    """A tests/boot/uboot/NAME.env case: its settings are U-Boot's (the boot
    script imports them), its "# expect: REGEX", "# forbid: REGEX",
    "# exit: N" and "# qemu: OPTIONS" (for scripts/qemu-arm.sh) comment
    lines are ours. Returns a judge_boot_case() dict."""
    name = os.path.basename(path)[:-len(".env")]
    where = os.path.relpath(path, ROOT)
    c = dict(name=name, dtb="-", append="", expect=[], forbid=[], exit=0,
             where=where, qemu_args=[])
    for r in (r"assertion failed", r"BUG at", r"panic"):
        c["forbid"].append(re.compile(r))
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = re.match(r"^# (expect|forbid|exit|qemu): (.*)$", line)
            if m:
                key, val = m.groups()
                if key == "exit":
                    c["exit"] = int(val)
                    continue
                if key == "qemu":
                    c["qemu_args"] += shlex.split(val)
                    continue
                try:
                    c[key].append(re.compile(val))
                except re.error as e:
                    raise ValueError("%s:%d: bad regex: %s" %
                                     (where, lineno, e))
            elif line.startswith("contig_args="):
                # judge_boot_case() parses the KTAP when ktest= is given.
                c["append"] = line[len("contig_args="):]
    if not c["expect"]:
        raise ValueError("%s: no '# expect: REGEX' line: a case must assert "
                         "something" % where)
    return c


def selftest(expect):
    """Parse one cases.txt line written to build/check/."""
    boot_line = "x | - | ktest=cma | a && b(c|d) | - | exit=3\n"
    tmp = os.path.join(LOGDIR, "selftest-cases.txt")
    os.makedirs(LOGDIR, exist_ok=True)
    with open(tmp, "w") as f:
        f.write("# comment\n\n" + boot_line)
    bc, berr = parse_boot_cases(tmp)
    expect("boot case errors", berr, [])
    if bc:
        expect("boot case", (bc[0]["name"], bc[0]["dtb"], bc[0]["append"],
                             [r.pattern for r in bc[0]["expect"]],
                             bc[0]["forbid"], bc[0]["exit"]),
               ("x", "-", "ktest=cma", ["a", "b(c|d)"], [], 3))
    os.unlink(tmp)
