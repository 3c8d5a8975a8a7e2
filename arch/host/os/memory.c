// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host memory: the C library's heap, anonymous mappings and their
 * protection. Thin wrappers over glibc (host_os.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host_os.h"

void *os_alloc(size_t size)
{
	return malloc(size);
}

void *os_zalloc(size_t size)
{
	return calloc(1, size);
}

void os_free(void *p)
{
	free(p);
}

char *os_strdup(const char *s)
{
	return strdup(s);
}

unsigned long os_page_size(void)
{
	return (unsigned long)sysconf(_SC_PAGESIZE);
}

void *os_map(void *addr, size_t len, unsigned int flags, int *err)
{
	int prot = flags & OS_MAP_RW ? PROT_READ | PROT_WRITE : PROT_NONE;
	int mf = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	void *p;

	if (flags & OS_MAP_AT)
		mf |= MAP_FIXED_NOREPLACE;
	p = mmap(addr, len, prot, mf, -1, 0);
	if (p == MAP_FAILED) {
		if (err)
			*err = -errno;
		return NULL;
	}
	/* A kernel older than 4.17 takes MAP_FIXED_NOREPLACE as a hint. */
	if ((flags & OS_MAP_AT) && p != addr) {
		munmap(p, len);
		if (err)
			*err = -EEXIST;
		return NULL;
	}
	return p;
}

int os_unmap(void *addr, size_t len)
{
	return munmap(addr, len) ? -errno : 0;
}

int os_protect(void *addr, size_t len, bool rw)
{
	return mprotect(addr, len, rw ? PROT_READ | PROT_WRITE : PROT_NONE) ?
		       -errno :
		       0;
}

void os_populate(void *addr, size_t len)
{
	size_t off;

#ifdef MADV_POPULATE_WRITE
	if (madvise(addr, len, MADV_POPULATE_WRITE) == 0)
		return;
#endif
	for (off = 0; off < len; off += 4096)
		((volatile char *)addr)[off] = 0;
}

int os_addr_accessible(uintptr_t a)
{
	char line[512];
	int ret = -1;
	FILE *f;

	f = fopen("/proc/self/maps", "re");
	if (!f)
		return -1;
	while (ret < 0 && fgets(line, sizeof(line), f)) {
		char *end, *perms;
		uintptr_t lo = (uintptr_t)strtoull(line, &end, 16), hi;

		if (*end != '-')
			continue;
		hi = (uintptr_t)strtoull(end + 1, &perms, 16);
		if (a < lo || a >= hi)
			continue;
		while (*perms == ' ')
			perms++;
		ret = perms[0] == 'r' && perms[1] == 'w';
	}
	fclose(f);
	return ret;
}
