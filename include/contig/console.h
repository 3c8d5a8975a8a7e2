/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Consoles (lib/console.c). A port whose console is a device (ARM) writes
 * through the registered console; output before one exists is kept in a
 * small buffer and flushed when the first console registers.
 */
#ifndef _CONTIG_CONSOLE_H
#define _CONTIG_CONSOLE_H

#include <contig/types.h>

struct console {
	const char *name;
	void (*write)(const char *buf, size_t len);
	/* Next input byte, ARCH_CONSOLE_NONE or ARCH_CONSOLE_EOF (arch.h). */
	int (*getc)(void);
};

void register_console(const struct console *con);
/* For ports: write to / read from the registered console. */
void console_write(const char *buf, size_t len);
int console_getc(void);

#endif /* _CONTIG_CONSOLE_H */
