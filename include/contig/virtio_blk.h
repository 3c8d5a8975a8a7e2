/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtio block device's interface (virtio 1.x, section 5.2), shared by
 * the driver (drivers/block/virtio_blk.c) and the hosted port's emulated
 * device.
 *
 * A request is a chain of three parts: the device-readable header (type,
 * sector), the data (device-writable for a read), and one device-writable
 * status byte. Sectors are always 512 bytes, whatever blk_size says.
 */
#ifndef _CONTIG_VIRTIO_BLK_H
#define _CONTIG_VIRTIO_BLK_H

#include <contig/compiler.h>
#include <contig/types.h>

/* Feature bits (5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX 1 /* size_max: largest segment */
#define VIRTIO_BLK_F_SEG_MAX 2  /* seg_max: most segments per request */
#define VIRTIO_BLK_F_GEOMETRY 4
#define VIRTIO_BLK_F_RO 5       /* read-only */
#define VIRTIO_BLK_F_BLK_SIZE 6 /* blk_size: the optimal block size */
#define VIRTIO_BLK_F_FLUSH 9

/* Device configuration layout (5.2.4); only the fields the driver reads. */
struct virtio_blk_config {
	u64 capacity; /* in 512-byte sectors */
	u32 size_max;
	u32 seg_max;
	struct {
		u16 cylinders;
		u8 heads;
		u8 sectors;
	} geometry;
	u32 blk_size;
} __packed;

/* Request types and status values (5.2.6). */
#define VIRTIO_BLK_T_IN 0  /* read */
#define VIRTIO_BLK_T_OUT 1 /* write */
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

struct virtio_blk_outhdr {
	u32 type;
	u32 reserved; /* "ioprio" in legacy devices */
	u64 sector;
};

#define VIRTIO_BLK_SECTOR_SHIFT 9
#define VIRTIO_BLK_SECTOR_SIZE 512

#endif /* _CONTIG_VIRTIO_BLK_H */
