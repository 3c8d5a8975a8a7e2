#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""console-hold.py MARKER -- COMMAND... - run COMMAND (QEMU) and hold our
standard input back from it until its output has shown MARKER.

scripts/qemu-arm.sh --uboot uses it when its input is a pipe or a file: a
boot loader reads the serial line long before the kernel does (U-Boot's
autoboot countdown takes any character as "stop here", and its Ctrl-C
checks eat more), so lines meant for contig's shell would be lost to it,
or stop the boot. Held until contig's prompt, they reach the shell as they
do under make run. COMMAND's output is copied to ours as it comes;
COMMAND's exit status is ours. SIGINT, SIGTERM and SIGHUP are passed on to
COMMAND. Should COMMAND end before MARKER showed, the input is never sent.
"""

import os
import signal
import subprocess
import sys
import threading


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.stderr.write(__doc__.split("\n")[0] + "\n")
        return 2
    marker = sys.argv[1].encode()
    cmd = sys.argv[3:]
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    except OSError as e:
        sys.stderr.write("console-hold.py: cannot run %s: %s\n" % (cmd[0], e))
        return 127

    def forward(signum, frame):
        try:
            p.send_signal(signum)
        except OSError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, forward)

    seen = threading.Event()

    def feed():
        seen.wait()
        fd = sys.stdin.fileno()
        try:
            while True:
                b = os.read(fd, 4096)
                if not b:
                    break
                p.stdin.write(b)
                p.stdin.flush()
        except OSError:
            pass
        try:
            p.stdin.close()
        except OSError:
            pass

    threading.Thread(target=feed, daemon=True).start()

    out = sys.stdout.buffer
    tail = b""
    while True:
        try:
            b = p.stdout.read1(4096)
        except InterruptedError:
            continue
        if not b:
            break
        out.write(b)
        out.flush()
        if not seen.is_set():
            tail = (tail + b)[-(len(marker) + 4096):]
            if marker in tail:
                seen.set()
    return p.wait()


if __name__ == "__main__":
    sys.exit(main())
