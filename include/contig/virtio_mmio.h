/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtio-mmio register layout (virtio 1.x, section 4.2.2), shared by
 * the transport driver (drivers/virtio/virtio_mmio.c) and the hosted
 * port's emulated device. All registers are 32 bits wide, little-endian;
 * the device-specific configuration space starts at VIRTIO_MMIO_CONFIG.
 *
 * Version 2 is the virtio 1.x ("modern") interface this kernel drives.
 * Version 1 is the legacy interface (QueuePFN, GuestPageSize), which QEMU
 * 7.2 exposes by default (virtio-mmio's force-legacy property defaults to
 * true); scripts/qemu-arm.sh passes -global virtio-mmio.force-legacy=false.
 */
#ifndef _CONTIG_VIRTIO_MMIO_H
#define _CONTIG_VIRTIO_MMIO_H

#define VIRTIO_MMIO_MAGIC_VALUE 0x000 /* reads "virt" */
#define VIRTIO_MMIO_VERSION 0x004
#define VIRTIO_MMIO_DEVICE_ID 0x008 /* 0: no device behind this transport */
#define VIRTIO_MMIO_VENDOR_ID 0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW 0x090 /* "QueueDriver" */
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW 0x0a0 /* "QueueDevice" */
#define VIRTIO_MMIO_QUEUE_USED_HIGH 0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG 0x100

/* Legacy (version 1) only: not driven, named for the error message. */
#define VIRTIO_MMIO_LEGACY_QUEUE_PFN 0x040

/* Little-endian "virt". */
#define VIRTIO_MMIO_MAGIC 0x74726976

/* InterruptStatus / InterruptACK bits. */
#define VIRTIO_MMIO_INT_VRING (1U << 0)  /* a used buffer */
#define VIRTIO_MMIO_INT_CONFIG (1U << 1) /* the configuration changed */

#endif /* _CONTIG_VIRTIO_MMIO_H */
