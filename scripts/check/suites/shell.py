# SPDX-License-Identifier: GPL-2.0-only
"""shell: scripted console-shell sessions (SHELL_SESSIONS) piped into
build/host/contig --append shell, and the same over the ARM image's
serial line on QEMU when build/arm/Image exists (typed ahead of the boot:
no byte may be lost).
Needs: make ARCH=host; make ARCH=arm and QEMU for the shell.qemu-* cases."""

import os

from ..common import ROOT, Suite, binary
from ..judge import shell_session
from ..qemu import QEMU_DTB, QEMU_IMAGE, qemu_cmd


# (name, script on stdin, regexes expected, exit status)
SHELL_SESSIONS = [
    ("scripted-session",
     "help\ncma list\ncma alloc video 4M\ncma list\ncma free 1\n"
     "cma free 1\nmeminfo\npoweroff\n",
     # The display's two frame buffers (300 pages each, 2 MiB aligned) are
     # in video from boot on: 600 pages, 2 allocations.
     [r"contig> help\n(.*\n)*  cma alloc <region\|device> <size>",
      r"  poweroff \[status\]",
      r"\nvideo +0x78000000 +64 +16384 +600 +2 ",
      r"buffer 1: video 0x78400000-0x787fffff, 1024 pages \(4096 KiB\), "
      r"[0-9.]+ ms, \d+ pages migrated, \d+ discarded",
      r"\nvideo +0x78000000 +64 +16384 +1624 +3 ",
      r"buffer 1: released 1024 pages to video",
      r"contig> cma free 1\nerror: no buffer with id 1",
      r"MemTotal: +\d+ kB(.*\n)*CmaFree: +177824 kB",
      r"Kmalloc: ",
      r"contig> poweroff\ncontig: power(ing)? off,? \(?status 0\)?"], 0),
    # Backspace (DEL), CR LF line ends, Ctrl-U and Ctrl-C (else "foo" and
    # "bad" would be unknown commands), an arrow key, poweroff's status.
    ("line-editing",
     "cma lisz\x7ft\r\nfoo\x15mmcheck\r\nbad\x03\x1b[Acma map camera\n"
     "poweroff 5\n",
     [r"\ncamera +0x76000000 +32 +8192 ",
      r"mmcheck: consistent",
      r"bad\^C\ncontig> cma map camera\nmap of camera",
      r"contig: power(ing)? off,? \(?status 5\)?"], 5),
    # Devices and their DMA memory: the test devices of contig-dma-test.dtsi.
    ("devices",
     "dev list\ndma info dmatest-named capture\ncma alloc dmatest-named 2M capture\n"
     "cma holders camera\ndma info dmatest-named\ntrace 2\ncma free 1\n"
     "cma holders camera\npoweroff\n",
     [r"\ndmatest-single +bound +dma-test +0/0 +video \(memory-region\)",
      r"\ndmatest-pool +bound +dma-test +0/0 +dmapool \(coherent pool\)",
      r"regions for type capture, from memory-region, tried in this order:\n"
      r"  1\. camera +0x[0-9a-f]+-0x[0-9a-f]+ +8192 pages,.*\n  2\. video ",
      r"buffer 1: camera (0x[0-9a-f]+)-0x[0-9a-f]+, 512 pages \(2048 KiB\) "
      r"for dmatest-named",
      r"camera: \d+ of 8192 pages carved out \(peak \d+\)\n(.*\n)*"
      r"  dmatest-named +1 buffer\(s\) +512 pages",
      r"buffers it holds:\n  cma +camera +0x[0-9a-f]+ +512 pages cma_dev_alloc\(\)",
      r"cma_alloc_finish camera +dmatest-named +pages=512 pfn=0x[0-9a-f]+ "
      r"latency=\d+us",
      r"buffer 1: released 512 pages to camera",
      r"contig: power(ing)? off,? \(?status 0\)?"], 0),
    # A line longer than the shell's buffer (159 characters) is refused
    # whole, never run cut ("cma alloc video 1" here, a 1-byte buffer);
    # Ctrl-U starts a fresh line after an overlong start.
    ("line-too-long",
     "cma alloc video 1" + " " * 300 + "4096M\ncma list\n"
     + "x" * 200 + "\x15meminfo\npoweroff\n",
     [r"error: line longer than 159 characters: nothing run",
      r"\nvideo +0x78000000 +64 +16384 +600 +2 ",
      r"MemTotal: +\d+ kB",
      r"contig: power(ing)? off,? \(?status 0\)?"], 0),
]


def suite_shell(args):
    """Pipe scripts into the hosted kernel's console shell and check them.

    tests/boot/cases.txt cannot feed stdin, so this suite runs
    `build/host/contig --append shell` itself with each script on stdin.
    """
    s = Suite("shell")
    exe = binary("build/host/contig")
    # The same scripts over the ARM image's serial line, typed ahead of the
    # boot as a pipe delivers them: no byte may be lost on the way.
    arm = os.path.exists(os.path.join(ROOT, QEMU_IMAGE))
    runs = [("shell.", exe and [exe, "--append", "shell"], "build/host/contig")]
    if arm:
        runs.append(("shell.qemu-", qemu_cmd(QEMU_IMAGE, "shell", dtb=QEMU_DTB),
                     QEMU_IMAGE))
    for prefix, base_cmd, what in runs:
        for sname, script, expect, want_status in SHELL_SESSIONS:
            shell_session(s, prefix + sname, base_cmd, what, script, expect,
                          want_status)
    return s
