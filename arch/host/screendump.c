// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hosted port's screenshot: --screendump FILE writes the screen of the
 * emulated PL111 (emu/pl111.c) as a PNG when the kernel powers off, the
 * host's counterpart of QEMU's QMP "screendump" with format png (make
 * screenshot ARCH=host, the cma_view checks).
 *
 * The picture is the next frame the model scans out after power-off was
 * asked for (host_pl111_capture()), so it shows every flip made before;
 * it is written by libpng as 8-bit RGB (os/png.c). A display that is off (no frame
 * in SCREENDUMP_TRIES waits of a second), a frame
 * that could not be scanned out or a file that cannot be written gives a
 * message on stderr naming the file and the reason, and exit status 4
 * when the kernel's own status was 0 (the caller asked for a picture and
 * did not get one).
 */
#include <contig/errno.h>
#include <asm/host_emu.h>

#include "internal.h"
#include "os/host_os.h"

#define SCREENDUMP_TRIES 5

static const char *screendump_file;

/**
 * host_screendump - write the first emulated PL111's screen to --screendump's file
 * Return: 0, or -1 with a message (no file asked for: 0, nothing done).
 */
int host_screendump(void)
{
	struct host_pl111_frame f = { 0 };
	phys_addr_t regs;
	size_t size;
	unsigned int tries;
	u8 *rgb;
	int ret;

	if (!screendump_file)
		return 0;
	if (host_pl111_first(&regs)) {
		os_eprintf("contig: --screendump %s: the board has no PL111 display\n",
			screendump_file);
		return -1;
	}
	/* A loaded host may miss the model's one-second wait: try a few times. */
	for (tries = 0; tries < SCREENDUMP_TRIES; tries++) {
		ret = host_pl111_capture(regs, &f, NULL, 0);
		if (ret != -EAGAIN)
			break;
	}
	if (ret) {
		os_eprintf("contig: --screendump %s: no picture: %s\n", screendump_file,
			ret == -EAGAIN ? "the display is off or scans no frames" :
			f.error ? f.error : "the display could not be read");
		return -1;
	}
	size = (size_t)f.width * f.height * 3;
	rgb = os_alloc(size);
	if (!rgb)
		return -1;
	ret = host_pl111_capture(regs, &f, rgb, size);
	if (ret) {
		os_eprintf("contig: --screendump %s: capture failed (%d)%s%s\n",
			screendump_file, ret, f.error ? ": " : "", f.error ? f.error : "");
		os_free(rgb);
		return -1;
	}
	ret = os_write_png_rgb(screendump_file, rgb, f.width, f.height);
	os_free(rgb);
	if (ret) {
		os_eprintf("contig: --screendump %s: %s\n", screendump_file,
			   ret == -EIO ? "libpng could not write it" : os_strerror(ret));
		return -1;
	}
	os_eprintf("contig: screendump: %ux%u to %s\n", f.width, f.height, screendump_file);
	return 0;
}

/** host_screendump_setup - remember --screendump's @file for power-off */
void host_screendump_setup(const char *file)
{
	screendump_file = file;
}
