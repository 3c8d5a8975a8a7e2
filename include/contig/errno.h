/* SPDX-License-Identifier: GPL-2.0-only */
/* Error numbers, with Linux's values. Functions return them negated. */
#ifndef _CONTIG_ERRNO_H
#define _CONTIG_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
#define ENODATA 61
#define EOVERFLOW 75
#define EOPNOTSUPP 95
#define ETIMEDOUT 110
#define EPROBE_DEFER 517

const char *errname(int err);

#endif /* _CONTIG_ERRNO_H */
