// SPDX-License-Identifier: GPL-2.0-only
/* Kernel string helpers that the C library does not have. */
#include <contig/errno.h>
#include <contig/string.h>

/**
 * strscpy_trunc - copy a string, truncating to fit
 * Copies at most @size - 1 bytes of @src into @dst and terminates it.
 * Return: strlen(@src), so callers can detect truncation (>= @size).
 */
size_t strscpy_trunc(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/**
 * errname - symbolic name of an errno value (either sign)
 * Return: "ENOMEM" and so on, or "E?" for values this kernel does not use.
 */
const char *errname(int err)
{
	switch (err < 0 ? -err : err) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case ENOSYS: return "ENOSYS";
	case ENODATA: return "ENODATA";
	case EOVERFLOW: return "EOVERFLOW";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EPROBE_DEFER: return "EPROBE_DEFER";
	default: return "E?";
	}
}
