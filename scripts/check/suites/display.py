# SPDX-License-Identifier: GPL-2.0-only
"""display: the ARM image with the shell on QEMU; after each "display"
command of screen.DISPLAY_STEPS, QEMU's screendump (QMP) of the PL111
compared pixel by pixel with the picture scripts/display_pattern.py draws;
PPMs in build/check/.
Needs: make ARCH=arm, make dtbs, qemu-system-arm, fdtget."""

import os

from ..common import FAIL, PASS, ROOT, SKIP, Suite
from ..proc import save_log
from ..qemu import (DISPLAY_WAIT, QEMU_DTB, SHELL_ERROR, SHELL_FORBIDDEN,
                    QemuShell, qemu_image, qemu_missing)
from ..screen import (DISPLAY_STEPS, display_geometry, display_pattern_lib,
                      screendump_problem)


def suite_display(args):
    """Boot the ARM image with the shell, draw the patterns, take QEMU's
    screendump (QMP, -display none) after each and compare it pixel by
    pixel with the picture scripts/display_pattern.py draws from the same
    table (drivers/video/display_patterns.h)."""
    dp = display_pattern_lib()
    s = Suite("display")
    name = "display.qemu"
    if qemu_missing(s, name):
        return s
    image = qemu_image(s, name)
    if not image:
        return s
    dtb = os.path.join(ROOT, QEMU_DTB)
    width, height = display_geometry(dtb)
    pats = dp.load_patterns()
    con = QemuShell("display", image, dtb=dtb)
    try:
        m, qmp = con.prompt()
        if not m:
            s.add(name + ".<boot>", FAIL, "no shell prompt (see %s)" %
                  save_log("display-qemu", con.cmd, con.out))
            return s
        pos = m.end()
        for step, line, marker, pattern in DISPLAY_STEPS:
            case = "%s.%s" % (name, step)
            con.send(line)
            m = con.wait_for(r"(?P<ok>%s)|\nerror: (?P<err>[^\n]*)\n" % marker,
                             pos, DISPLAY_WAIT)
            if m and m.group("err") and "no display" in m.group("err"):
                # A kernel built without the driver: nothing to look at.
                s.add(case, SKIP, "the kernel has no display: %s" %
                      m.group("err"))
                break
            if not m or not m.group("ok"):
                s.add(case, FAIL, "typed '%s' but no /%s/ came%s (see %s)" %
                      (line, marker, ": error: " + m.group("err") if m else "",
                       save_log("display-qemu", con.cmd, con.out)))
                break
            pos = m.end()
            res = screendump_problem(qmp, "display-qemu-" + step, dp.render(
                pats[pattern], width, height), width, height)
            if res:
                s.add(case, FAIL, "the screen is not pattern %s: %s" %
                      (pattern, res))
            else:
                s.add(case, PASS)
        con.send("poweroff")
    except OSError as e:
        s.add(name + ".<qmp>", FAIL, "QMP: %s" % e)
    finally:
        status = con.finish(DISPLAY_WAIT)
    forbidden = [r"did not confirm the flip"] + SHELL_FORBIDDEN
    if not any(c.status == SKIP for c in s.cases):
        forbidden.append(SHELL_ERROR)
    log, problems = con.judge(status, "display-qemu", forbidden)
    s.add(name + ".session", FAIL if problems else PASS,
          "; ".join(problems) + " (see %s)" % log if problems else "")
    return s
