/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot parameters (lib/cmdline.c). The command line is /chosen/bootargs.
 * early_param() handlers run before memory is set up (cma=, cma_map=,
 * loglevel=); the rest (ktest=, bench=, ...) are read by their users with
 * cmdline_get(). A handler returns 0, or a negative errno after printing
 * what is wrong with the value. The value a handler gets has its double
 * quotes removed and is valid only during the call: copy what you keep.
 * Documentation/admin-guide/kernel-parameters.rst is the reference.
 */
#ifndef _CONTIG_PARAMS_H
#define _CONTIG_PARAMS_H

#include <contig/compiler.h>
#include <contig/types.h>
#include <contig/parse.h>

struct kernel_param {
	const char *name;
	int (*setup)(const char *val); /* val is NULL for a bare "name" */
};

#define early_param(str, fn)                                              \
	static const struct kernel_param __early_param_##fn __used         \
		__section("contig_early_params") __aligned(sizeof(void *)) = \
			{ str, fn }

/* Keep a copy of @cmdline and run every early_param() handler on it. */
void parse_early_params(const char *cmdline);
const char *boot_command_line(void);

/*
 * Value of the last "@name=value" on the command line, copied to @buf.
 * Return: true when present ("@name" alone gives an empty value).
 */
bool cmdline_get(const char *name, char *buf, size_t size);

#endif /* _CONTIG_PARAMS_H */
