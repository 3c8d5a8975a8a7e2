// SPDX-License-Identifier: GPL-2.0-only
/* Host files: the DTB of --dtb and the backing files of --drive (host_os.h). */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_os.h"

int os_open_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int os_file_size(int fd, u64 *size, bool *regular)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	*size = (u64)st.st_size;
	*regular = S_ISREG(st.st_mode);
	return 0;
}

long os_read(int fd, void *buf, size_t len)
{
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

long os_pread(int fd, void *buf, size_t len, u64 off)
{
	ssize_t n;

	do {
		n = pread(fd, buf, len, (off_t)off);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

void os_close(int fd)
{
	close(fd);
}
