/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IS_ENABLED(CONFIG_FOO): 1 when CONFIG_FOO is y, else 0, usable in C
 * expressions so code does not need #ifdef islands. The build force-includes
 * this header and the generated autoconf.h.
 */
#ifndef _CONTIG_KCONFIG_H
#define _CONTIG_KCONFIG_H

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)

#define IS_ENABLED(option) __is_defined(option)

#endif /* _CONTIG_KCONFIG_H */
