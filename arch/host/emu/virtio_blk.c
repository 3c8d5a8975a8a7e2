// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated virtio-mmio transports with virtio block devices behind them,
 * for the hosted port: the kernel's virtio-mmio, virtio_blk and vcam
 * drivers run on the host as they do on QEMU vexpress-a9.
 *
 * The board. With --drive FILE (up to four times) the loader adds what
 * QEMU's vexpress-a9 adds to the DTB it is given: four "virtio,mmio" nodes
 * at the root, virtio_mmio@10013000 .. @10013600, 0x200 bytes each,
 * edge-triggered SPIs 40-43, "dma-coherent", the GIC as interrupt parent;
 * and, like QEMU, it plugs the first drive into the last transport
 * (@10013600), the next into the one before. Without --drive the DTB is
 * left alone. "--drive FILE,ioerr=N" makes every read that covers sector N
 * fail with VIRTIO_BLK_S_IOERR (a bad sector; QEMU can do the same with
 * its blkdebug driver).
 *
 * The transport: the virtio 1.x MMIO registers (version 2 only; the
 * layout is contig/virtio_mmio.h), one queue of up to 256 entries, feature
 * negotiation (VERSION_1 and BLK_SIZE offered; FEATURES_OK is refused when
 * the driver accepts anything else or not VERSION_1), reset by writing 0
 * to Status, InterruptStatus/InterruptACK with a level-triggered line
 * (high while InterruptStatus is not zero; the DT says edge as QEMU's does,
 * which the kernel's handler does not depend on).
 *
 * The block device: a QueueNotify wakes the device's thread, which takes
 * every new chain from the available ring: a device-readable header (type,
 * sector), device-writable data, a device-writable status byte. Reads
 * (VIRTIO_BLK_T_IN) go from the file into RAM by physical address (a bus
 * master's view, host_emu_dma_ptr()); a read beyond the end of the file or
 * over the bad sector gets IOERR, any other type UNSUPP. A malformed chain
 * (out of range index, loop, buffer outside RAM, no status byte) sets
 * DEVICE_NEEDS_RESET and raises a configuration interrupt, as the spec
 * says a device does, and the device stops until it is reset.
 *
 * Locking: the device's mutex (host_emu_lock()) guards every register and
 * the queue state; the thread holds it while it serves the available ring,
 * so a reset (Status = 0, written under the same lock) never overlaps a
 * transfer: once the driver reads Status 0, the device writes RAM no more.
 * The thread never calls kernel functions (it is not a CPU).
 */
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <contig/virtio.h>
#include <contig/virtio_blk.h>
#include <contig/virtio_mmio.h>
#include <contig/virtio_ring.h>
#include <asm/host_emu.h>
#include <libfdt.h>

#include "../internal.h"
#include "../os/host_os.h"

#define VMIO_BASE 0x10013000ULL
#define VMIO_SIZE 0x200
#define VMIO_COUNT 4
#define VMIO_SPI 40
#define VMIO_VENDOR 0x4749544e /* "NTIG", as "QEMU" reads 0x554d4551 */
#define VMIO_QUEUE_MAX 256
#define VMIO_NO_SECTOR (~0ULL)

struct vmio_drive {
	const char *path;
	u64 ioerr_sector;
};

static struct vmio_drive drives[VMIO_COUNT];
static unsigned int nr_drives;

struct vmio_model {
	struct host_emu_device dev;
	char name[32];
	int irq;
	int fd;                 /* -1: an empty transport */
	u64 capacity;           /* sectors */
	u64 ioerr_sector;

	/* Registers. */
	u32 status, isr, dev_sel, drv_sel, queue_sel;
	u64 driver_features;
	u32 q_num;
	bool q_ready;
	u64 q_desc, q_avail, q_used;

	/* Device side of the queue. */
	u16 last_avail, used_idx;
	bool broken;

	struct os_thread thread;
	struct os_cond kick;
	bool kicked;
};

static const u64 vmio_features =
	(1ULL << VIRTIO_F_VERSION_1) | (1ULL << VIRTIO_BLK_F_BLK_SIZE);

/* ---- the command line and the device tree ------------------------------- */

/**
 * host_virtio_add_drive - --drive FILE[,ioerr=SECTOR]
 * @spec: the option's value
 *
 * Return: 0, or -1 with a message on stderr.
 */
int host_virtio_add_drive(const char *spec)
{
	char *path = os_strdup(spec), *opt;
	struct vmio_drive *d;

	if (!path)
		return -1;
	if (nr_drives == VMIO_COUNT) {
		os_eprintf("contig: --drive %s: the board has %d virtio-mmio transports\n",
			   spec, VMIO_COUNT);
		return -1;
	}
	d = &drives[nr_drives];
	d->ioerr_sector = VMIO_NO_SECTOR;
	opt = strchr(path, ',');
	if (opt) {
		char *end;

		*opt++ = 0;
		if (strncmp(opt, "ioerr=", 6) ||
		    (d->ioerr_sector = strtoull(opt + 6, &end, 0), end == opt + 6 || *end)) {
			os_eprintf("contig: --drive %s: the only option is ioerr=SECTOR\n",
				   spec);
			return -1;
		}
	}
	d->path = path;
	nr_drives++;
	return 0;
}

/**
 * host_virtio_add_nodes - add QEMU's virtio-mmio nodes to @fdt
 * @fdt: the board DTB, opened with room to grow
 *
 * Does nothing without --drive. Return: 0, or a libfdt error.
 */
int host_virtio_add_nodes(void *fdt)
{
	int gic, i, err;
	u32 phandle;

	if (!nr_drives)
		return 0;
	gic = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a9-gic");
	if (gic < 0)
		return gic; /* QEMU adds the nodes only when it finds the GIC, too */
	phandle = fdt_get_phandle(fdt, gic);
	if (!phandle) {
		err = fdt_generate_phandle(fdt, &phandle);
		if (!err)
			err = fdt_setprop_u32(fdt, gic, "phandle", phandle);
		if (err)
			return err;
	}
	/* A new subnode goes first: add the last one first, as QEMU does. */
	for (i = VMIO_COUNT - 1; i >= 0; i--) {
		u64 base = VMIO_BASE + (u64)i * VMIO_SIZE;
		fdt32_t reg[2] = { cpu_to_fdt32((u32)base), cpu_to_fdt32(VMIO_SIZE) };
		fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(VMIO_SPI + i), cpu_to_fdt32(1) };
		char name[32];
		int node;

		snprintf(name, sizeof(name), "virtio_mmio@%llx", (unsigned long long)base);
		node = fdt_add_subnode(fdt, 0, name);
		if (node < 0)
			return node;
		err = fdt_setprop_string(fdt, node, "compatible", "virtio,mmio");
		if (!err)
			err = fdt_setprop(fdt, node, "reg", reg, sizeof(reg));
		if (!err)
			err = fdt_setprop_u32(fdt, node, "interrupt-parent", phandle);
		if (!err)
			err = fdt_setprop(fdt, node, "interrupts", irq, sizeof(irq));
		if (!err)
			err = fdt_setprop_empty(fdt, node, "dma-coherent");
		if (err)
			return err;
	}
	return 0;
}

/* ---- the device thread ------------------------------------------------------ */

static void vmio_raise(struct vmio_model *m, u32 bits)
{
	m->isr |= bits;
	host_emu_set_irq((unsigned int)m->irq, true);
}

static void vmio_fail(struct vmio_model *m, const char *why, unsigned int head)
{
	os_eprintf("contig: host: %s: request at descriptor %u: %s; the device needs a reset\n",
		   m->name, head, why);
	m->broken = true;
	m->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
	vmio_raise(m, VIRTIO_MMIO_INT_CONFIG);
}

/* Serve one chain; false when it was malformed (the device is broken). */
static bool vmio_serve(struct vmio_model *m, struct vring_desc *table, u16 head)
{
	struct vring_desc chain[VMIO_QUEUE_MAX];
	struct virtio_blk_outhdr hdr;
	unsigned int n = 0, i;
	u64 data_len = 0, off;
	u16 d = head;
	u8 status = VIRTIO_BLK_S_OK, *st;
	struct vring_used *used;

	for (;;) {
		if (d >= m->q_num || n == m->q_num)
			return vmio_fail(m, "descriptor index out of range or a loop", head), false;
		chain[n] = table[d];
		if (!host_emu_dma_ptr(chain[n].addr, chain[n].len))
			return vmio_fail(m, "buffer outside RAM", head), false;
		if (!(chain[n++].flags & VRING_DESC_F_NEXT))
			break;
		d = table[d].next;
	}
	if (n < 2 || chain[0].len < sizeof(hdr) || (chain[0].flags & VRING_DESC_F_WRITE) ||
	    !(chain[n - 1].flags & VRING_DESC_F_WRITE) || chain[n - 1].len < 1)
		return vmio_fail(m, "not header, data, status", head), false;
	memcpy(&hdr, host_emu_dma_ptr(chain[0].addr, sizeof(hdr)), sizeof(hdr));
	for (i = 1; i < n - 1; i++) {
		if (!(chain[i].flags & VRING_DESC_F_WRITE) && hdr.type == VIRTIO_BLK_T_IN)
			return vmio_fail(m, "read into a device-readable buffer", head), false;
		data_len += chain[i].len;
	}

	if (hdr.type != VIRTIO_BLK_T_IN) {
		status = VIRTIO_BLK_S_UNSUPP;
	} else if (data_len % VIRTIO_BLK_SECTOR_SIZE || hdr.sector > m->capacity ||
		   data_len / VIRTIO_BLK_SECTOR_SIZE > m->capacity - hdr.sector) {
		status = VIRTIO_BLK_S_IOERR;
	} else if (m->ioerr_sector != VMIO_NO_SECTOR && m->ioerr_sector >= hdr.sector &&
		   m->ioerr_sector < hdr.sector + data_len / VIRTIO_BLK_SECTOR_SIZE) {
		status = VIRTIO_BLK_S_IOERR;
	} else {
		off = hdr.sector * VIRTIO_BLK_SECTOR_SIZE;
		for (i = 1; i < n - 1 && status == VIRTIO_BLK_S_OK; i++) {
			u8 *p = host_emu_dma_ptr(chain[i].addr, chain[i].len);
			size_t done = 0;

			while (done < chain[i].len) {
				long r = os_pread(m->fd, p + done, chain[i].len - done, off + done);

				if (r <= 0) {
					status = VIRTIO_BLK_S_IOERR;
					break;
				}
				done += (size_t)r;
			}
			off += chain[i].len;
		}
	}
	st = host_emu_dma_ptr(chain[n - 1].addr + chain[n - 1].len - 1, 1);
	*st = status;

	used = host_emu_dma_ptr(m->q_used, sizeof(*used) + m->q_num * sizeof(used->ring[0]));
	used->ring[m->used_idx % m->q_num].id = head;
	used->ring[m->used_idx % m->q_num].len = (u32)(data_len + 1);
	m->used_idx++;
	/* The element and the data before the index. */
	__atomic_store_n(&used->idx, m->used_idx, __ATOMIC_RELEASE);
	return true;
}

/* Take every new chain of the available ring (lock held). */
static void vmio_serve_queue(struct vmio_model *m)
{
	struct vring_desc *table;
	struct vring_avail *avail;
	bool served = false;

	if (!m->q_ready || m->broken || !(m->status & VIRTIO_CONFIG_S_DRIVER_OK))
		return;
	table = host_emu_dma_ptr(m->q_desc, m->q_num * sizeof(*table));
	avail = host_emu_dma_ptr(m->q_avail, sizeof(*avail) + m->q_num * sizeof(u16));
	if (!table || !avail ||
	    !host_emu_dma_ptr(m->q_used, sizeof(struct vring_used) +
					     m->q_num * sizeof(struct vring_used_elem))) {
		vmio_fail(m, "queue outside RAM", 0);
		return;
	}
	while (__atomic_load_n(&avail->idx, __ATOMIC_ACQUIRE) != m->last_avail) {
		u16 head = __atomic_load_n(&avail->ring[m->last_avail % m->q_num],
					   __ATOMIC_RELAXED);

		m->last_avail++;
		if (!vmio_serve(m, table, head))
			return;
		served = true;
	}
	if (served)
		vmio_raise(m, VIRTIO_MMIO_INT_VRING);
}

static void *vmio_thread(void *arg)
{
	struct vmio_model *m = arg;

	host_emu_lock(&m->dev);
	for (;;) {
		while (!m->kicked)
			os_cond_wait(&m->kick, &m->dev.lock);
		m->kicked = false;
		vmio_serve_queue(m);
	}
	return NULL;
}

/* ---- registers ------------------------------------------------------------------ */

static void vmio_reset(struct vmio_model *m)
{
	m->status = 0;
	m->isr = 0;
	m->dev_sel = m->drv_sel = m->queue_sel = 0;
	m->driver_features = 0;
	m->q_num = 0;
	m->q_ready = false;
	m->q_desc = m->q_avail = m->q_used = 0;
	m->last_avail = m->used_idx = 0;
	m->broken = false;
	m->kicked = false;
	host_emu_set_irq((unsigned int)m->irq, false);
}

static u32 vmio_config(struct vmio_model *m, unsigned long off, unsigned int size)
{
	u8 cfg[sizeof(struct virtio_blk_config)] = { 0 };
	struct virtio_blk_config c = { 0 };
	u32 v = 0;

	c.capacity = m->capacity;
	c.blk_size = VIRTIO_BLK_SECTOR_SIZE;
	memcpy(cfg, &c, sizeof(c));
	if (off + size <= sizeof(cfg))
		memcpy(&v, cfg + off, size);
	return v;
}

static u32 vmio_read(struct host_emu_device *dev, unsigned long off, unsigned int size)
{
	struct vmio_model *m = dev->priv;

	if (off >= VIRTIO_MMIO_CONFIG)
		return m->fd >= 0 ? vmio_config(m, off - VIRTIO_MMIO_CONFIG, size) : 0;
	if (size != 4) {
		os_eprintf("contig: host: %s: %u-byte read of register %#lx (registers are 32-bit)\n",
			   m->name, size, off);
		return 0;
	}
	switch (off) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		return VIRTIO_MMIO_MAGIC;
	case VIRTIO_MMIO_VERSION:
		return 2;
	case VIRTIO_MMIO_DEVICE_ID:
		return m->fd >= 0 ? VIRTIO_ID_BLOCK : 0;
	case VIRTIO_MMIO_VENDOR_ID:
		return VMIO_VENDOR;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return m->dev_sel < 2 ? (u32)(vmio_features >> (32 * m->dev_sel)) : 0;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		return m->queue_sel == 0 ? VMIO_QUEUE_MAX : 0;
	case VIRTIO_MMIO_QUEUE_READY:
		return m->queue_sel == 0 && m->q_ready;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		return m->isr;
	case VIRTIO_MMIO_STATUS:
		return m->status;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		return 0;
	}
	return 0;
}

/* The 64-bit queue address register @off is half of (Low at +0, High at +4). */
static u64 *queue_addr_reg(struct vmio_model *m, unsigned long off)
{
	switch (off & ~4UL) {
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
		return &m->q_desc;
	case VIRTIO_MMIO_QUEUE_AVAIL_LOW:
		return &m->q_avail;
	case VIRTIO_MMIO_QUEUE_USED_LOW:
		return &m->q_used;
	}
	return NULL;
}

static void set_half(u64 *reg, bool high, u32 val)
{
	if (high)
		*reg = (*reg & 0xffffffffULL) | (u64)val << 32;
	else
		*reg = (*reg & ~0xffffffffULL) | val;
}

static void vmio_write_status(struct vmio_model *m, u32 val)
{
	if (!val) {
		vmio_reset(m);
		return;
	}
	if ((val & VIRTIO_CONFIG_S_FEATURES_OK) && !(m->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		/* Refuse what was not offered, and a legacy (pre-1.0) driver. */
		if ((m->driver_features & ~vmio_features) ||
		    !(m->driver_features & (1ULL << VIRTIO_F_VERSION_1)))
			val &= ~(u32)VIRTIO_CONFIG_S_FEATURES_OK;
	}
	m->status = val | (m->status & VIRTIO_CONFIG_S_NEEDS_RESET);
	if (val & VIRTIO_CONFIG_S_DRIVER_OK) {
		m->kicked = true;
		os_cond_signal(&m->kick);
	}
}

static void vmio_write(struct host_emu_device *dev, unsigned long off, u32 val,
		       unsigned int size)
{
	struct vmio_model *m = dev->priv;
	bool queue_live = m->q_ready && m->queue_sel == 0;

	if (size != 4 || off >= VIRTIO_MMIO_CONFIG) {
		os_eprintf("contig: host: %s: %u-byte write of %#lx ignored\n", m->name,
			   size, off);
		return;
	}
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		m->dev_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		m->drv_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if (m->drv_sel < 2)
			set_half(&m->driver_features, m->drv_sel, val);
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		m->queue_sel = val;
		break;
	case VIRTIO_MMIO_QUEUE_NUM:
		if (m->queue_sel == 0 && !queue_live && val && val <= VMIO_QUEUE_MAX &&
		    is_power_of_2(val))
			m->q_num = val;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		if (m->queue_sel == 0)
			m->q_ready = val == 1 && m->q_num;
		break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
	case VIRTIO_MMIO_QUEUE_AVAIL_LOW:
	case VIRTIO_MMIO_QUEUE_AVAIL_HIGH:
	case VIRTIO_MMIO_QUEUE_USED_LOW:
	case VIRTIO_MMIO_QUEUE_USED_HIGH:
		/* A live queue's addresses do not change. */
		if (m->queue_sel == 0 && !queue_live)
			set_half(queue_addr_reg(m, off), off & 4, val);
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		if (val == 0) {
			m->kicked = true;
			os_cond_signal(&m->kick);
		}
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		m->isr &= ~val;
		if (!m->isr)
			host_emu_set_irq((unsigned int)m->irq, false);
		break;
	case VIRTIO_MMIO_STATUS:
		vmio_write_status(m, val);
		break;
	}
}

static const struct host_emu_ops vmio_ops = {
	.read = vmio_read,
	.write = vmio_write,
};

/* ---- creation from the device tree ------------------------------------------------ */

static int vmio_create(const void *fdt, int node, phys_addr_t base, unsigned long size,
		       int irq)
{
	struct vmio_model *m;
	unsigned int slot;
	int err;

	if (base < VMIO_BASE || base >= VMIO_BASE + VMIO_COUNT * VMIO_SIZE || irq < 0)
		return -EINVAL;
	slot = (unsigned int)((base - VMIO_BASE) / VMIO_SIZE);
	m = os_zalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	snprintf(m->name, sizeof(m->name), "virtio_mmio@%llx", (unsigned long long)base);
	m->irq = irq;
	m->fd = -1;
	m->ioerr_sector = VMIO_NO_SECTOR;
	/* The first drive goes into the last transport, as on QEMU. */
	if (VMIO_COUNT - 1 - slot < nr_drives) {
		const struct vmio_drive *d = &drives[VMIO_COUNT - 1 - slot];
		bool regular;
		u64 bytes;

		m->fd = os_open_read(d->path);
		err = m->fd < 0 ? m->fd : os_file_size(m->fd, &bytes, &regular);
		if (err) {
			os_eprintf("contig: --drive %s: %s\n", d->path, os_strerror(err));
			os_exit(2);
		}
		m->capacity = bytes / VIRTIO_BLK_SECTOR_SIZE;
		m->ioerr_sector = d->ioerr_sector;
	}
	os_cond_init(&m->kick);
	m->dev.name = m->name;
	m->dev.base = base;
	m->dev.size = min(size, (unsigned long)VMIO_SIZE);
	m->dev.ops = &vmio_ops;
	m->dev.priv = m;
	err = host_emu_register(&m->dev);
	if (err)
		goto fail;
	if (m->fd >= 0 && os_thread_start(&m->thread, vmio_thread, m)) {
		err = -EAGAIN;
		goto fail;
	}
	return 0;
fail:
	if (m->fd >= 0)
		os_close(m->fd);
	os_free(m);
	return err;
}
HOST_EMU_MODEL(virtio_mmio, "virtio,mmio", vmio_create);
