// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host process: exit, stderr and stdout, the raw console streams and
 * the command line. Thin wrappers over glibc (host_os.h).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host_os.h"

const char *os_strerror(int err)
{
	return strerror(err < 0 ? -err : err);
}

void os_exit(int status)
{
	fflush(NULL);
	exit(status);
}

void os_exit_now(int status)
{
	_exit(status);
}

void os_wait_forever(void)
{
	for (;;)
		pause();
}

void os_veprintf(const char *fmt, va_list ap)
{
	vfprintf(stderr, fmt, ap);
}

void os_eprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void os_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
}

long os_stdout_write(const void *buf, size_t len)
{
	ssize_t n = write(STDOUT_FILENO, buf, len);

	return n < 0 ? -errno : n;
}

int os_stdin_poll(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	int r = poll(&p, 1, 0);

	if (r < 0)
		return -errno;
	if (r && (p.revents & POLLNVAL))
		return -EBADF;
	return r > 0;
}

long os_stdin_read(void *buf, size_t len)
{
	ssize_t n = read(STDIN_FILENO, buf, len);

	return n < 0 ? -errno : n;
}

int os_getopt(int argc, char **argv, const struct os_option *opts,
	      const char **arg, int *next)
{
	struct option lo[16];
	int i, opt;

	for (i = 0; opts[i].name; i++) {
		if (i == 15)
			abort();
		lo[i] = (struct option){ opts[i].name,
					 opts[i].has_arg ? required_argument :
							   no_argument,
					 NULL, opts[i].val };
	}
	lo[i] = (struct option){ NULL, 0, NULL, 0 };
	opt = getopt_long(argc, argv, "", lo, NULL);
	*arg = optarg;
	*next = optind;
	return opt;
}
