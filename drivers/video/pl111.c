// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM PrimeCell PL111 colour LCD controller ("arm,pl111"), a platform
 * driver and a display (include/contig/display.h). On QEMU vexpress-a9 it
 * drives the daughterboard CLCD at 0x10020000 (GIC SPI 44); on the hosted
 * port the same node is an emulated PL111 (arch/host/emu/pl111.c).
 *
 * Probe:
 *   1. map the registers and check the PrimeCell ID (part 0x111);
 *   2. read the mode from the DT as Linux's arm,pl11x binding gives it: the
 *      node's port endpoint links to a panel whose "panel-timing" node (or
 *      "display-timings" with native-mode) has hactive, vactive, the porches,
 *      the sync lengths and clock-frequency; every value is checked against
 *      what the timing registers can hold, and a bad one is reported with
 *      the property's path;
 *      A port that leads to a bridge (the Versatile Express DVI
 *      transmitter of Linux's DTS) rather than a panel has no timing in
 *      the DT: the driver then uses VGA 640x480 at 60 Hz and says so;
 *   3. check the mode against "max-memory-bandwidth" (bytes/s the
 *      controller may fetch, as Linux's binding gives it); set the 32-bit
 *      DMA mask of its AHB master and allocate two frame buffers with
 *      dma_alloc_coherent(): the bus binds the device to its
 *      "memory-region" (a reserved region the controller can reach), so
 *      they come from it, uncached; a node without one (Linux's
 *      daughterboard CLCD) gets them from the default CMA area;
 *   4. program LCDTiming0-3 (pixel clock divided from CLCDCLK, the node's
 *      "clcdclk" clock; a clock whose rate the DT does not give, such as a
 *      programmable oscillator, is taken to run at the pixel clock and
 *      used undivided), LCDUPBASE = buffer 0, and LCDControl: TFT, 24 bpp,
 *      BGR (the pixel is the little-endian word 0x00RRGGBB, XRGB8888, which
 *      QEMU's model and the TRM agree on), LcdEn, then LcdPwr;
 *   5. attach the combined interrupt; without an interrupt controller (or
 *      interrupt) flips are polled.
 * Any failure undoes what was done, frees both buffers and fails the probe
 * with a message naming the device and what to change.
 *
 * Flip (display core ops): write the back buffer's address to LCDUPBASE,
 * then clear LNBU (LCD next base update) and wait for it to be set again:
 * it is set at the start of a frame, when the controller loads LCDUPBASE,
 * so once it is seen the new buffer is on screen and the old one is free.
 * (Clearing first could see the frame start of the old base.) With an
 * interrupt the wait is for the handler, which acknowledges the status and
 * masks LNBU again; otherwise LCDRIS is polled. Either way the wait gives
 * up after several frame times with -ETIMEDOUT.
 *
 * Locking: the display core serialises flips; the handler only
 * acknowledges and sets flip_done (an atomic). Probe and remove run one at
 * a time (the bus).
 */
#define pr_fmt(fmt) "pl111: " fmt

#include <contig/arch.h>
#include <contig/display.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/of.h>
#include <contig/pl111.h>
#include <contig/platform_device.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>

/* Wait this many frame times for a flip, and at least this long. */
#define FLIP_TIMEOUT_FRAMES 8
#define FLIP_TIMEOUT_MIN_NS 200000000ULL

struct pl111_mode {
	u32 clock;  /* pixel clock, Hz */
	u32 hactive, hfp, hbp, hsync;
	u32 vactive, vfp, vbp, vsync;
	bool hsync_high, vsync_high, pclk_neg;
};

struct pl111 {
	struct platform_device *pdev;
	void __iomem *regs;
	int irq;        /* attached interrupt, or -1: polled */
	struct display disp;
	u64 frame_ns;
	int flip_done;  /* set by the handler (atomic) */
};

/* ---- the mode from the device tree -------------------------------------- */

/*
 * The device the clcd's port endpoint links to (a panel, or a bridge such
 * as the Versatile Express DVI transmitter), or a negative errno. The
 * remote endpoint sits in a "port" node, itself in the device or in the
 * device's "ports".
 */
static int pl111_panel_node(const void *fdt, int node)
{
	int port, ep;
	const fdt32_t *ph;
	const char *name;

	port = fdt_subnode_offset(fdt, node, "port");
	if (port < 0) {
		int ports = fdt_subnode_offset(fdt, node, "ports");

		port = ports < 0 ? ports : fdt_subnode_offset(fdt, ports, "port@0");
	}
	if (port < 0)
		return port;
	fdt_for_each_subnode(ep, fdt, port) {
		name = fdt_get_name(fdt, ep, NULL);
		if (name && !strncmp(name, "endpoint", 8))
			break;
	}
	if (ep < 0)
		return ep;
	ph = fdt_getprop(fdt, ep, "remote-endpoint", NULL);
	if (!ph)
		return -FDT_ERR_NOTFOUND;
	ep = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph));
	if (ep < 0)
		return ep;
	port = fdt_parent_offset(fdt, ep);         /* the remote port */
	if (port < 0)
		return port;
	node = fdt_parent_offset(fdt, port);       /* the device, or its "ports" */
	name = node < 0 ? NULL : fdt_get_name(fdt, node, NULL);
	if (name && !strcmp(name, "ports"))
		node = fdt_parent_offset(fdt, node);
	return node;
}

/* The panel-timing node (or display-timings' native mode), or -errno. */
static int pl111_timing_node(const void *fdt, int panel)
{
	int t = fdt_subnode_offset(fdt, panel, "panel-timing"), dt;
	const fdt32_t *native;

	if (t >= 0)
		return t;
	dt = fdt_subnode_offset(fdt, panel, "display-timings");
	if (dt < 0)
		return dt;
	native = fdt_getprop(fdt, dt, "native-mode", NULL);
	if (native)
		return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*native));
	return fdt_first_subnode(fdt, dt);
}

/*
 * One timing value: a single cell, or <min typ max> (the typical one).
 * Return: 0, -ENOENT (absent, with a message unless @optional), -EINVAL.
 */
static int pl111_timing_u32(struct device *dev, const void *fdt, int tnode,
			    const char *tname, const char *prop, bool optional, u32 *val)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, tnode, prop, &len);

	if (!p) {
		if (!optional)
			dev_err(dev, "%s/%s is missing: the panel timing needs hactive, vactive, "
				"hfront-porch, hback-porch, hsync-len, vfront-porch, vback-porch, "
				"vsync-len and clock-frequency\n", tname, prop);
		return -ENOENT;
	}
	if (len == 4)
		*val = fdt32_to_cpu(p[0]);
	else if (len == 12)
		*val = fdt32_to_cpu(p[1]);
	else {
		dev_err(dev, "%s/%s has %d bytes: give one cell, or <min typ max>\n", tname,
			prop, len);
		return -EINVAL;
	}
	return 0;
}

/* Check @val is in [lo, hi] (and a multiple of @mult); message otherwise. */
static int pl111_check(struct device *dev, const char *tname, const char *prop, u32 val,
		       u32 lo, u32 hi, u32 mult)
{
	if (val >= lo && val <= hi && !(val % mult))
		return 0;
	if (mult > 1)
		dev_err(dev, "%s/%s = <%u>: the PL111 takes a multiple of %u from %u to %u\n",
			tname, prop, val, mult, lo, hi);
	else
		dev_err(dev, "%s/%s = <%u>: the PL111 takes %u to %u\n", tname, prop, val, lo,
			hi);
	return -EINVAL;
}

/*
 * VGA 640x480 at 59.94 Hz (25.175 MHz), negative syncs: what a bridge to a
 * DVI or HDMI sink gets when its modes are not in the DT.
 */
static const struct pl111_mode pl111_vga_mode = {
	.clock = 25175000,
	.hactive = 640, .hfp = 16, .hbp = 48, .hsync = 96,
	.vactive = 480, .vfp = 10, .vbp = 33, .vsync = 2,
};

/* A panel (its timing must be in the DT), not a bridge or encoder. */
static bool pl111_is_panel(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	const char *compat;
	int len, off;

	if (name && !strncmp(name, "panel", 5))
		return true;
	compat = fdt_getprop(fdt, node, "compatible", &len);
	for (off = 0; compat && off < len; off += (int)strnlen(compat + off, len - off) + 1)
		if (!strncmp(compat + off, "panel", 5) || strstr(compat + off, ",panel"))
			return true;
	return false;
}

static int pl111_read_mode(struct device *dev, const void *fdt, int node,
			   struct pl111_mode *m)
{
	static const struct {
		const char *prop;
		size_t off;
		u32 lo, hi, mult;
	} f[] = {
		{ "hactive", offsetof(struct pl111_mode, hactive), 16, 1024, 16 },
		{ "hfront-porch", offsetof(struct pl111_mode, hfp), 1, 256, 1 },
		{ "hback-porch", offsetof(struct pl111_mode, hbp), 1, 256, 1 },
		{ "hsync-len", offsetof(struct pl111_mode, hsync), 1, 256, 1 },
		{ "vactive", offsetof(struct pl111_mode, vactive), 1, 1024, 1 },
		{ "vfront-porch", offsetof(struct pl111_mode, vfp), 0, 255, 1 },
		{ "vback-porch", offsetof(struct pl111_mode, vbp), 0, 255, 1 },
		{ "vsync-len", offsetof(struct pl111_mode, vsync), 1, 64, 1 },
		{ "clock-frequency", offsetof(struct pl111_mode, clock), 1, 0xffffffff, 1 },
	};
	char tname[64];
	int panel, t, ret;
	unsigned int i;
	u32 v;

	panel = pl111_panel_node(fdt, node);
	if (panel < 0) {
		dev_err(dev, "no panel: give the node a port with an endpoint whose "
			"remote-endpoint is the port endpoint of a panel (compatible "
			"\"panel-dpi\") with a panel-timing node (see "
			"Documentation/devicetree/bindings/display/arm,pl11x.rst)\n");
		return -EINVAL;
	}
	t = pl111_timing_node(fdt, panel);
	if (t < 0 && !pl111_is_panel(fdt, panel)) {
		char path[96];

		*m = pl111_vga_mode;
		dev_info(dev, "the port leads to %s (%s), a bridge with no panel-timing: using "
			 "VGA 640x480 at 60 Hz, the mode every DVI sink takes (contig reads no "
			 "EDID)\n", of_node_path(fdt, panel, path, sizeof(path)),
			 (const char *)fdt_getprop(fdt, panel, "compatible", NULL) ?: "?");
		return 0;
	}
	if (t < 0) {
		dev_err(dev, "panel %s has no panel-timing (or display-timings) node\n",
			fdt_get_name(fdt, panel, NULL));
		return -EINVAL;
	}
	snprintf(tname, sizeof(tname), "%s/%s", fdt_get_name(fdt, panel, NULL),
		 fdt_get_name(fdt, t, NULL));
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		ret = pl111_timing_u32(dev, fdt, t, tname, f[i].prop, false, &v);
		if (!ret)
			ret = pl111_check(dev, tname, f[i].prop, v, f[i].lo, f[i].hi, f[i].mult);
		if (ret)
			return -EINVAL;
		*(u32 *)((u8 *)m + f[i].off) = v;
	}
	m->hsync_high = !pl111_timing_u32(dev, fdt, t, tname, "hsync-active", true, &v) && v;
	m->vsync_high = !pl111_timing_u32(dev, fdt, t, tname, "vsync-active", true, &v) && v;
	m->pclk_neg = !pl111_timing_u32(dev, fdt, t, tname, "pixelclk-active", true, &v) && !v;
	return 0;
}

/*
 * LCDTiming0-3 for mode @m into @tim, and the frame time and refresh rate
 * into @p; the pixel clock is CLCDCLK / (PCD + 2) or CLCDCLK.
 */
static void pl111_compute_timing(struct pl111 *p, const struct pl111_mode *m, u32 clcdclk,
				 u32 tim[4])
{
	u32 div, pcd, htotal, vtotal;

	tim[0] = ((m->hactive / 16 - 1) << 2) | ((m->hsync - 1) << 8) |
		 ((m->hfp - 1) << 16) | ((m->hbp - 1) << 24);
	tim[1] = (m->vactive - 1) | ((m->vsync - 1) << 10) | (m->vfp << 16) |
		 (m->vbp << 24);
	div = DIV_ROUND_UP(clcdclk, m->clock);
	tim[2] = ((m->hactive - 1) << 16) | (m->vsync_high ? 0 : TIM2_IVS) |
		 (m->hsync_high ? 0 : TIM2_IHS) | (m->pclk_neg ? TIM2_IPC : 0);
	if (div <= 1) {
		div = 1;
		tim[2] |= TIM2_BCD;
	} else {
		if (div > 1025)
			div = 1025;
		pcd = div - 2;
		tim[2] |= (pcd & 0x1f) | ((pcd >> 5) << 27);
	}
	tim[3] = 0;
	htotal = m->hactive + m->hfp + m->hbp + m->hsync;
	vtotal = m->vactive + m->vfp + m->vbp + m->vsync;
	p->frame_ns = (u64)htotal * vtotal * div * 1000000000ULL / clcdclk;
	p->disp.info.refresh_mhz = (unsigned int)((u64)clcdclk * 1000 / div / htotal / vtotal);
}

/*
 * max-memory-bandwidth (bytes/s, optional): what the controller may read
 * from memory. The mode fetches cpp bytes per active pixel at the pixel
 * clock, i.e. pixclk * cpp * active / total on average, which is what
 * Linux checks. contig draws XRGB8888 only: a mode that needs more is
 * refused with the figures.
 */
static int pl111_check_bandwidth(struct device *dev, const void *fdt,
				 const struct pl111_mode *m, u32 clcdclk, const u32 tim[4])
{
	u32 limit = of_read_u32(fdt, dev->of_node, "max-memory-bandwidth", 0);
	u32 div = (tim[2] & TIM2_BCD) ? 1 : ((tim[2] & 0x1f) | ((tim[2] >> 27) << 5)) + 2;
	u64 htotal = m->hactive + m->hfp + m->hbp + m->hsync;
	u64 vtotal = m->vactive + m->vfp + m->vbp + m->vsync;
	u64 bw = (u64)(clcdclk / div) * 4 * m->hactive * m->vactive / (htotal * vtotal);

	if (!limit || bw <= limit)
		return 0;
	dev_err(dev, "%ux%u XRGB8888 at a %u Hz pixel clock reads %llu bytes/s, more than "
		"max-memory-bandwidth = <%u>; contig draws 32-bit pixels only: give a smaller "
		"mode or a slower clock\n", (unsigned int)m->hactive, (unsigned int)m->vactive,
		(unsigned int)(clcdclk / div), (unsigned long long)bw, (unsigned int)limit);
	return -EINVAL;
}

/* ---- flips ------------------------------------------------------------- */

static void pl111_irq(unsigned int irq, void *data)
{
	struct pl111 *p = data;
	u32 status = readl(p->regs + CLCD_MIS);

	writel(status, p->regs + CLCD_ICR);
	if (status & INT_LNBU) {
		writel(readl(p->regs + CLCD_IMSC) & ~INT_LNBU, p->regs + CLCD_IMSC);
		__atomic_store_n(&p->flip_done, 1, __ATOMIC_RELEASE);
	}
	if (status & INT_MBERROR)
		dev_err(&p->pdev->dev, "AHB master error: the controller could not read its "
			"frame buffer\n");
}

/*
 * A flip writes LCDUPBASE and waits for LNBU: the controller latched it into
 * LCDUPCURR at the start of a frame. LNBU is cleared before the write, and
 * if it is already set right after it, a frame started in between and
 * may have latched the old base: clear it again and wait for the next one,
 * which latches the new base. The flip is then never reported early (the
 * old buffer may still be on screen) nor lost (its LNBU cleared after the
 * fact), the price being one frame in the rare case.
 *
 * The bound: FLIP_TIMEOUT_FRAMES frame periods (at least
 * FLIP_TIMEOUT_MIN_NS) on arch_clock_ns(). A controller that scans frames
 * latches the base within one period, so this only ends a wait on a dead
 * controller. Before giving up the wait reads the raw status (LCDRIS) as
 * well as flip_done: a completion whose interrupt was not taken yet is a
 * completion, not a timeout. That read is also what makes the bound hold
 * on the hosted port, whose PL111 model starts on every register access
 * the frames the clock says are due (arch/host/emu_pl111.c): a loaded host
 * that did not schedule the model's thread does not turn a flip into
 * -ETIMEDOUT. The bound is in periods of the clock both sides read, not in
 * how fast anything ran.
 */
static int pl111_flip(struct display *d, unsigned int index)
{
	struct pl111 *p = container_of(d, struct pl111, disp);
	u64 timeout = p->frame_ns * FLIP_TIMEOUT_FRAMES, t0;

	if (timeout < FLIP_TIMEOUT_MIN_NS)
		timeout = FLIP_TIMEOUT_MIN_NS;
	__atomic_store_n(&p->flip_done, 0, __ATOMIC_RELAXED);
	writel(INT_LNBU, p->regs + CLCD_ICR);
	/* writel orders the CPU's frame writes before the base update. */
	writel((u32)d->buf[index].dma, p->regs + CLCD_UBAS);
	if (readl(p->regs + CLCD_RIS) & INT_LNBU)
		writel(INT_LNBU, p->regs + CLCD_ICR);
	if (p->irq >= 0)
		writel(readl(p->regs + CLCD_IMSC) | INT_LNBU, p->regs + CLCD_IMSC);
	t0 = arch_clock_ns();
	for (;;) {
		if (p->irq >= 0 ? __atomic_load_n(&p->flip_done, __ATOMIC_ACQUIRE)
				: (readl(p->regs + CLCD_RIS) & INT_LNBU))
			return 0;
		if (arch_clock_ns() - t0 > timeout)
			break;
		arch_cpu_relax();
	}
	if (p->irq >= 0)
		writel(readl(p->regs + CLCD_IMSC) & ~INT_LNBU, p->regs + CLCD_IMSC);
	/* The handler clears LCDRIS before it sets flip_done: read in this order. */
	if ((readl(p->regs + CLCD_RIS) & INT_LNBU) ||
	    __atomic_load_n(&p->flip_done, __ATOMIC_ACQUIRE))
		return 0;
	return -ETIMEDOUT;
}

static const struct display_ops pl111_display_ops = {
	.flip = pl111_flip,
};

/* ---- probe and remove ---------------------------------------------------- */

static void pl111_free_buffers(struct pl111 *p)
{
	unsigned int i;

	for (i = 0; i < DISPLAY_MAX_BUFFERS; i++)
		if (p->disp.buf[i].vaddr) {
			dma_free_coherent(&p->pdev->dev, p->disp.buf[i].size, p->disp.buf[i].vaddr,
					  p->disp.buf[i].dma);
			p->disp.buf[i].vaddr = NULL;
		}
}

static void pl111_disable(struct pl111 *p)
{
	u32 cntl = readl(p->regs + CLCD_CNTL);

	/* Power down first, then disable, as the TRM's sequence wants. */
	writel(cntl & ~CNTL_LCDPWR, p->regs + CLCD_CNTL);
	writel(cntl & ~(CNTL_LCDPWR | CNTL_LCDEN), p->regs + CLCD_CNTL);
	writel(0, p->regs + CLCD_IMSC);
	writel(INT_ALL, p->regs + CLCD_ICR);
}

static int pl111_alloc_buffers(struct pl111 *p)
{
	struct device *dev = &p->pdev->dev;
	struct display_info *info = &p->disp.info;
	size_t size = ALIGN((size_t)info->pitch * info->height, PAGE_SIZE);
	unsigned int i;
	int ret;

	/*
	 * LCDUPBASE holds a 32-bit bus address (its low 3 bits ignored): the
	 * buffers must lie below 4 GiB; being pages, they are 8-byte aligned.
	 */
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
	if (ret) {
		dev_err(dev, "the controller scans out of 32-bit addresses only and there is no RAM below 4 GiB for its frame buffers\n");
		return ret;
	}
	for (i = 0; i < DISPLAY_MAX_BUFFERS; i++) {
		struct display_buffer *b = &p->disp.buf[i];

		b->vaddr = dma_alloc_coherent(dev, size, &b->dma, GFP_KERNEL);
		if (!b->vaddr) {
			dev_err(dev, "cannot allocate frame buffer %u (%zu KiB, %ux%u %s): its "
				"memory-region is too small or in use; give the region at least "
				"%zu KiB free for the two buffers\n", i, size >> 10, info->width,
				info->height, "XRGB8888", (size * DISPLAY_MAX_BUFFERS) >> 10);
			pl111_free_buffers(p);
			return -ENOMEM;
		}
		b->size = size;
	}
	return 0;
}

static int pl111_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	const void *fdt = initial_boot_params;
	struct display_info *info;
	struct pl111_mode mode;
	struct pl111 *p;
	u32 id, clcdclk, tim[4];
	int irq, ret, i;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->pdev = pdev;
	p->irq = -1;
	p->regs = platform_ioremap_resource(pdev, 0);
	if (!p->regs) {
		ret = -ENOMEM;
		goto err_free;
	}
	for (id = 0, i = 0; i < 4; i++)
		id |= (readl(p->regs + CLCD_PERIPH_ID0 + 4 * i) & 0xff) << (8 * i);
	if ((id & 0xfff) != 0x111) {
		dev_err(dev, "peripheral ID %#x is not a PL111 (part 0x111): check the node's "
			"reg and compatible\n", id);
		ret = -ENODEV;
		goto err_free;
	}
	if (dev->of_node < 0 || pl111_read_mode(dev, fdt, dev->of_node, &mode)) {
		ret = -EINVAL;
		goto err_free;
	}
	if (!fdt_getprop(fdt, dev->of_node, "clocks", NULL)) {
		dev_err(dev, "no clcdclk: give clocks = <&clcd_clock ...> with "
			"clock-names = \"clcdclk\", ... (a fixed-clock)\n");
		ret = -EINVAL;
		goto err_free;
	}
	clcdclk = of_clk_rate(fdt, dev->of_node, "clcdclk");
	if (!clcdclk) {
		/*
		 * A programmable oscillator whose rate the DT does not fix:
		 * Linux sets it to the pixel clock; contig programs no clock
		 * and runs the panel on CLCDCLK undivided.
		 */
		dev_info(dev, "clcdclk has no rate contig can read: assuming it runs at the "
			 "mode's %u Hz, undivided\n", (unsigned int)mode.clock);
		clcdclk = mode.clock;
	}

	info = &p->disp.info;
	info->width = mode.hactive;
	info->height = mode.vactive;
	info->format = DRM_FORMAT_XRGB8888;
	info->cpp = 4;
	info->pitch = info->width * 4;
	info->nr_buffers = DISPLAY_MAX_BUFFERS;
	pl111_compute_timing(p, &mode, clcdclk, tim);
	ret = pl111_check_bandwidth(dev, fdt, &mode, clcdclk, tim);
	if (ret)
		goto err_free;
	if (!fdt_getprop(fdt, dev->of_node, "memory-region", NULL))
		dev_info(dev, "no memory-region: frame buffers come from the default CMA "
			 "area\n");

	ret = pl111_alloc_buffers(p);
	if (ret)
		goto err_free;

	/* Off, then the mode, the base, and on (enable, then power). */
	pl111_disable(p);
	for (i = 0; i < 4; i++)
		writel(tim[i], p->regs + CLCD_TIM0 + 4 * i);
	writel((u32)p->disp.buf[0].dma, p->regs + CLCD_UBAS);
	writel(0, p->regs + CLCD_LBAS);
	writel(CNTL_TFT | CNTL_BPP24 | CNTL_BGR | CNTL_LCDEN, p->regs + CLCD_CNTL);
	writel(CNTL_TFT | CNTL_BPP24 | CNTL_BGR | CNTL_LCDEN | CNTL_LCDPWR,
	       p->regs + CLCD_CNTL);

	irq = platform_get_irq(pdev, 0);
	if (irq >= 0) {
		ret = request_irq((unsigned int)irq, pl111_irq, p);
		if (!ret)
			p->irq = irq;
		else if (ret != -ENODEV)
			dev_warn(dev, "cannot attach interrupt %d (%d); flips are polled\n", irq,
				 ret);
	}

	p->disp.dev = dev;
	p->disp.ops = &pl111_display_ops;
	p->disp.front = 0;
	dev_set_drvdata(dev, p);
	ret = display_register(&p->disp);
	if (ret)
		goto err_off;
	dev_info(dev, "%ux%u XRGB8888, %u.%03u Hz (CLCDCLK %u Hz), frame buffers %#llx and "
		 "%#llx, %s\n", info->width, info->height, info->refresh_mhz / 1000,
		 info->refresh_mhz % 1000, clcdclk, (unsigned long long)p->disp.buf[0].dma,
		 (unsigned long long)p->disp.buf[1].dma,
		 p->irq >= 0 ? "interrupt-driven flips" : "polled flips (no interrupt)");
	return 0;

err_off:
	if (p->irq >= 0)
		free_irq((unsigned int)p->irq);
	pl111_disable(p);
	pl111_free_buffers(p);
err_free:
	dev_set_drvdata(dev, NULL);
	kfree(p);
	return ret;
}

static void pl111_remove(struct platform_device *pdev)
{
	struct pl111 *p = dev_get_drvdata(&pdev->dev);

	if (!p)
		return;
	display_unregister(&p->disp);
	if (p->irq >= 0)
		free_irq((unsigned int)p->irq);
	pl111_disable(p);
	pl111_free_buffers(p);
	dev_set_drvdata(&pdev->dev, NULL);
	kfree(p);
}

static const struct of_device_id pl111_of_match[] = {
	{ .compatible = "arm,pl111" },
	{}
};

static struct platform_driver pl111_driver = {
	.probe = pl111_probe,
	.remove = pl111_remove,
	.driver = {
		.name = "pl111",
		.of_match_table = pl111_of_match,
	},
};
module_platform_driver(pl111_driver);
