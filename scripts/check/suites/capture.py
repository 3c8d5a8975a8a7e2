# SPDX-License-Identifier: GPL-2.0-only
"""capture: the camera on both ports with build/frames/frames.raw
attached: ktest=capture* (host, ASan, TSan, QEMU), the pipeline, a device
I/O error (QEMU's blkdebug, the host's ioerr=), legacy virtio-mmio
refused, the capture commands in the host's shell, and a captured frame
in QEMU's screendump.
Needs: make frames, make ARCH=host [SAN=asan|tsan], make ARCH=arm,
qemu-system-arm (without QEMU the host's boots still run)."""

import os
import re

from ..common import FAIL, FAILED_BUILDS, PASS, ROOT, Suite, binary
from ..judge import boot_cases_in_parallel, shell_session
from ..proc import SAN_ENV, run, tsan_wrapper
from ..qemu import (DISPLAY_WAIT, QEMU_IMAGE, QEMU_TIMEOUT, SHELL_ERROR,
                    SHELL_FORBIDDEN, QemuShell, qemu_cmd, qemu_missing)
from ..screen import frame_rgb, frames_header, screendump_problem


FRAMES = "build/frames/frames.raw"
CAMERA_MAP = "cma_map=virtio_mmio*=camera"
# The frame whose sectors the fault-injection boots make fail.
IOERR_FRAME = 2


# The capture commands by hand: start with cached buffers, grab, status,
# stop, a second stop refused, a grab while stopped refused.
CAPTURE_SHELL = ("capture start 2 cached\ncapture grab 3\ncapture status\n"
                 "capture stop\ncapture stop\ncapture grab\nplay 2 4\npoweroff\n")
CAPTURE_SHELL_EXPECT = [
    r"capture: started, 2 cached buffers \(2400 KiB\) from camera in [0-9.]+ ms",
    r"capture: frame 0 \(buffer 0, sequence 0\): CRC ok, shown",
    r"capture: frame 2 \(buffer 0, sequence 2\): CRC ok, shown",
    r"streaming: 2 cached buffers, 2400 KiB of camera\n  1 streams, 3 frames, "
    r"0 errors",
    r"capture: stopped, 2400 KiB back to camera",
    r"contig> capture stop\nerror: not streaming",
    r"contig> capture grab\nerror: not streaming: capture start first",
    # Playback through the block read cache: the second cycle hits it.
    r"playback: cycle 1: .* 4 frames read .*; 4 shown, 0 not matching",
    r"playback: cycle 2: .* 4 frames read .*, 0 pages missed, .*; 4 shown, 0 not "
    r"matching\nplayback: done"]


def capture_boots(frames, hdr):
    """The boots of the capture suite as boot_cases_in_parallel() cases:
    what judge_boot_case() takes, plus name, where (the binary it boots),
    cmd (None when that binary is missing), env (run()'s) and qemu (True
    for a boot on QEMU)."""
    bad_sector = (hdr["header_size"] + IOERR_FRAME * hdr["stride"]) // 512 + 7
    arm = binary(QEMU_IMAGE, executable=False)

    def case(append, expect=(), forbid=(), exit=0):
        return dict(append=append, expect=[re.compile(r) for r in expect],
                    forbid=[re.compile(r) for r in forbid], exit=exit)

    def on_host(rel, append, drive=frames, wrap=(), env=None):
        exe = binary(rel)
        cmd = exe and list(wrap) + [exe] + \
            (["--drive", drive] if drive else []) + ["--append", append]
        return dict(where=rel, cmd=cmd, env=env, qemu=False)

    def on_qemu(append, *extra):
        cmd = arm and qemu_cmd(arm, append) + ["--frames", frames] + \
            list(extra)
        return dict(where=QEMU_IMAGE, cmd=cmd, env=None, qemu=True)

    ktest = "%s ktest=capture*" % CAMERA_MAP
    pipeline = case("pipeline=2", expect=[
        r"pipeline: cycle 2: camera \d+% movable; start: ring of 4 x \d+ KiB "
        r"carved from camera in [0-9.]+ ms, \d+ pages migrated",
        # "shown" depends on the display's flips, which the display suite
        # and the screendump check; capture must be complete and exact.
        r"pipeline: cycle 2: 32 frames from frame \d+ on: 32 captured, \d+ "
        r"shown, 0 failed, 0 not matching",
        r"pipeline: workload of \d+ MiB verified: 0 corrupt pages",
        r"pipeline: done"], forbid=[r"FAILED", r"error"])
    ioerr = case("pipeline=1", expect=[
        r"vda: I/O error reading sectors \d+-\d+ \(device status 1",
        r"vda: frame %d \(buffer %d\) not captured: EIO; not shown" %
        (IOERR_FRAME, IOERR_FRAME),
        r"pipeline: cycle 1: 32 frames from frame 0 on: 31 captured, \d+ "
        r"shown, 1 failed, 0 not matching", r"pipeline: FAILED"], exit=1)
    legacy = case("pipeline=1", expect=[
        r"virtio_mmio@10013600: legacy virtio-mmio \(version 1\) is not "
        r"supported: start QEMU with -global virtio-mmio.force-legacy=false",
        r"vcam: no capture device: start QEMU with -drive"], exit=1)
    ktest_case = case(ktest)
    host, asan, tsan = ("build/host/contig", "build/host-asan/contig",
                        "build/host-tsan/contig")
    boots = [
        ("host", on_host(host, ktest), ktest_case),
        ("host-asan", on_host(asan, ktest, env=SAN_ENV), ktest_case),
        ("host-tsan", on_host(tsan, ktest, wrap=tsan_wrapper(),
                              env=SAN_ENV), ktest_case),
        ("qemu", on_qemu("ktest=capture*"), case("ktest=capture*")),
        ("pipeline-host", on_host(host, CAMERA_MAP + " pipeline=2"),
         pipeline),
        ("pipeline-qemu", on_qemu("pipeline=2"), pipeline),
        ("ioerr-host", on_host(host, CAMERA_MAP + " pipeline=1",
                               drive="%s,ioerr=%d" % (frames, bad_sector)),
         ioerr),
        ("ioerr-qemu", on_qemu("pipeline=1", "--frames-ioerr",
                               str(bad_sector)), ioerr),
        ("legacy-qemu", on_qemu("pipeline=1", "--virtio-legacy"), legacy),
    ]
    return [dict(name=name, **how, **judge) for name, how, judge in boots]


def capture_screendump(s, frames, hdr):
    """On QEMU: capture one frame from the shell, take QEMU's screendump
    and compare it pixel by pixel with that frame of the file."""
    name = "capture.screendump-qemu"
    image = binary(QEMU_IMAGE, executable=False)
    if not image:
        s.add(name, FAIL, "%s is missing: make ARCH=arm failed" % QEMU_IMAGE)
        return
    con = QemuShell("capture", image, extra=["--frames", frames])
    problems = []
    try:
        m, qmp = con.prompt()
        if not m:
            problems.append("no shell prompt")
        for line in ("capture start 1", "capture grab 2") if m else ():
            con.send(line)
            m = con.wait_for(r"\ncontig> ", m.end(), DISPLAY_WAIT)
            if not m:
                problems.append("'%s' did not finish" % line)
                break
        shown = re.findall(r"capture: frame (\d+) \(buffer \d+, sequence 1\): "
                           r"CRC ok, shown", con.out)
        if m and not shown:
            problems.append("no second frame was shown")
        if m and shown:
            res = screendump_problem(
                qmp, "capture-qemu-screen",
                frame_rgb(frames, hdr, int(shown[0])), hdr["width"],
                hdr["height"])
            if res:
                problems.append("the screen is not frame %s: %s" %
                                (shown[0], res))
        con.send("capture stop")
        con.send("poweroff")
    except OSError as e:
        problems.append("QMP: %s" % e)
    finally:
        status = con.finish(DISPLAY_WAIT)
    log, more = con.judge(status, name, [SHELL_ERROR] + SHELL_FORBIDDEN)
    problems += more
    s.add(name, FAIL if problems else PASS,
          "; ".join(problems) + " (see %s)" % log if problems else "")


def suite_capture(args):
    """The capture device on both ports (ktest=capture* with a frames file
    attached, on the host also under ASan and TSan), the pipeline boot,
    a device I/O error (QEMU's blkdebug, the host's ioerr=), QEMU's legacy
    virtio-mmio refused, and a captured frame in QEMU's screendump."""
    s = Suite("capture")
    frames = os.path.join(ROOT, FRAMES)
    if "frames" in FAILED_BUILDS:
        s.add("capture.<frames>", FAIL, "make frames failed, %s may be stale "
              "(see build/check/build-frames.log)" % FRAMES)
        return s
    try:
        hdr = frames_header(frames)
    except (OSError, ValueError) as e:
        s.add("capture.<frames>", FAIL, "%s: %s (make frames, or the build "
              "suite, writes it)" % (FRAMES, e))
        return s
    # Without QEMU the host's boots and shell session still run.
    qemu = not qemu_missing(s, "capture")

    def boot(c):
        if not c["cmd"]:
            return c, None, "missing: the build failed (see " \
                "build/check/build-*.log)"
        return c, (c["cmd"],) + run(c["cmd"], QEMU_TIMEOUT, env=c["env"],
                                     label="capture." + c["name"]), None

    boot_cases_in_parallel(s, "capture.", [
        c for c in capture_boots(frames, hdr) if qemu or not c["qemu"]], boot)
    exe = binary("build/host/contig")
    shell_session(s, "capture.shell-host", exe and [
        exe, "--drive", frames, "--append", CAMERA_MAP + " shell"],
        "build/host/contig", CAPTURE_SHELL, CAPTURE_SHELL_EXPECT, 0)
    if qemu:
        capture_screendump(s, frames, hdr)
    return s
