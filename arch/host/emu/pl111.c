// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated ARM PrimeCell PL111 CLCD controller ("arm,pl111") for the
 * hosted port, after the PL111 TRM (DDI 0293) and with QEMU's pixel
 * conventions, so that a driver and its tests behave the same on the host
 * and on QEMU vexpress-a9.
 *
 * Registers: LCDTiming0-3, LCDUPBASE, LCDLPBASE, LCDControl (0x018 on the
 * PL111), LCDIMSC, LCDRIS, LCDMIS, LCDICR, LCDUPCURR, LCDLPCURR and the
 * PrimeCell ID registers. The palette and cursor read as zero and ignore
 * writes (the palettised and cursor modes are not emulated).
 *
 * The display. While LcdEn and LcdPwr are set, a frame starts every frame
 * period, which comes from the timing registers and the CLCDCLK frequency
 * (the node's "clcdclk" clock, a fixed-clock), counted from the enable on
 * CLOCK_MONOTONIC (arch_clock_ns()'s clock). At the start of a frame the
 * model latches LCDUPBASE into LCDUPCURR, checks that the whole
 * frame lies in RAM (a bus master's view, host_emu_dma_ptr()) and records
 * its base, geometry and pixel format as the frame on screen, then raises
 * LNBU (next base update) and VCOMP (vertical compare) in LCDRIS; the
 * interrupt line is high while LCDRIS & LCDIMSC is not zero. A frame
 * buffer that is not all in RAM raises MBERROR instead, and the screen
 * stays the last frame scanned out. Pixels are converted to RGB (8 bits a
 * channel, as QEMU's screendump gives them) only when a test captures the
 * screen, from the recorded base: a frame nobody looks at costs nothing.
 *
 * Pixel formats (LcdBpp, TFT): 16 bpp 1:5:5:5 (4), 24 bpp (5: one 32-bit
 * little-endian word a pixel), 16 bpp 5:6:5 (6) and 12 bpp 4:4:4 (7). With
 * BGR clear, red is in the low bits (24 bpp: 0x00BBGGRR); BGR set swaps
 * red and blue (24 bpp: 0x00RRGGBB, i.e. XRGB8888). Components narrower
 * than 8 bits are shifted left, as QEMU does (5 bits: << 3). The
 * palettised modes (1-8 bpp) and big-endian byte/pixel ordering are
 * refused: the screen is not updated and host_pl111_capture() says why.
 *
 * Frame boundaries come from the clock, not from a thread being scheduled:
 * every MMIO access and every capture first starts the frames whose time
 * has come (pl111_catch_up()), so a register read made one frame period
 * after a base update always sees it latched and LNBU raised, however
 * loaded the host is; frames a busy host skipped collapse into one (they
 * would all have latched the same registers). A device thread does the
 * same on time when it gets the CPU, so that interrupts come without MMIO.
 * This makes a driver's bound of N frame periods on arch_clock_ns() hold
 * on the host as it does on hardware: the device cannot fall behind the
 * clock the driver reads.
 *
 * Host tests see the screen through host_pl111_capture(), which waits for
 * the next frame and converts it (asm/host_emu.h).
 *
 * Locking: all state is under the device's mutex (host_emu_lock()); the
 * frame thread and host_pl111_capture() take it, MMIO accesses get it from
 * the framework. The thread never calls kernel functions (it is not a CPU).
 */
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/pl111.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <asm/host_emu.h>

#define DEFAULT_CLCDCLK 24000000U
#define MAX_DIM 2048

static const u8 pl111_id[8] = { 0x11, 0x11, 0x24, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

struct pl111_model {
	struct host_emu_device dev;
	char name[48];
	int irq;
	u32 clcdclk; /* Hz */

	u32 tim[4], upbase, lpbase, cntl, imsc, ris, upcurr;

	/* The screen: the last frame scanned out (converted on capture). */
	unsigned int width, height;
	phys_addr_t image_base;
	u32 image_cntl;       /* LCDControl of that frame: its pixel format */
	unsigned long frames; /* frames scanned out since boot */
	u64 next_frame_ns;    /* os_monotonic_ns() start of the next frame, if enabled */
	const char *error;    /* why the last frame was not scanned, or NULL */

	bool thread_started;
	struct os_cond wake;  /* control or timing changed (os_monotonic_ns()) */
	struct os_cond frame; /* a frame was scanned out (os_monotonic_ns()) */
};

static struct pl111_model *models[4];
static unsigned int nr_models;

static bool pl111_enabled(const struct pl111_model *m)
{
	return (m->cntl & (CNTL_LCDEN | CNTL_LCDPWR)) == (CNTL_LCDEN | CNTL_LCDPWR);
}

static unsigned int pl111_cols(const struct pl111_model *m)
{
	return (((m->tim[0] >> 2) & 0x3f) + 1) * 16;
}

static unsigned int pl111_rows(const struct pl111_model *m)
{
	return (m->tim[1] & 0x3ff) + 1;
}

static unsigned int pl111_bpp_bits(u32 cntl)
{
	static const unsigned int bits[8] = { 1, 2, 4, 8, 16, 32, 16, 16 };

	return bits[(cntl >> CNTL_BPP_SHIFT) & 7];
}

/* One frame: pixel clocks of a whole line times lines, over the pixel clock. */
static u64 pl111_frame_ns(const struct pl111_model *m)
{
	u64 hsw = ((m->tim[0] >> 8) & 0xff) + 1, hfp = ((m->tim[0] >> 16) & 0xff) + 1;
	u64 hbp = ((m->tim[0] >> 24) & 0xff) + 1;
	u64 vsw = ((m->tim[1] >> 10) & 0x3f) + 1, vfp = (m->tim[1] >> 16) & 0xff;
	u64 vbp = (m->tim[1] >> 24) & 0xff;
	u64 pcd = (m->tim[2] & 0x1f) | (((m->tim[2] >> 27) & 0x1f) << 5);
	u64 div = (m->tim[2] & (1U << 26)) ? 1 : pcd + 2;
	u64 clocks = (pl111_cols(m) + hsw + hfp + hbp) * (pl111_rows(m) + vsw + vfp + vbp);

	return max(clocks * div * 1000000000ULL / m->clcdclk, 1ULL);
}

static void pl111_update_irq(struct pl111_model *m)
{
	if (m->irq >= 0)
		host_emu_set_irq((unsigned int)m->irq, (m->ris & m->imsc) != 0);
}

/* Convert one pixel of the frame buffer to RGB. */
static void pl111_pixel(u32 cntl, const u8 *src, unsigned int x, u8 rgb[3])
{
	unsigned int r, g, b, t;
	u32 v;

	switch ((cntl >> CNTL_BPP_SHIFT) & 7) {
	case 4: /* 1:5:5:5 */
		v = src[2 * x] | (src[2 * x + 1] << 8);
		r = (v & 0x1f) << 3;
		g = ((v >> 5) & 0x1f) << 3;
		b = ((v >> 10) & 0x1f) << 3;
		break;
	case 5: /* 24 bpp in a 32-bit word */
		v = src[4 * x] | (src[4 * x + 1] << 8) | (src[4 * x + 2] << 16);
		r = v & 0xff;
		g = (v >> 8) & 0xff;
		b = (v >> 16) & 0xff;
		break;
	case 6: /* 5:6:5 */
		v = src[2 * x] | (src[2 * x + 1] << 8);
		r = (v & 0x1f) << 3;
		g = ((v >> 5) & 0x3f) << 2;
		b = ((v >> 11) & 0x1f) << 3;
		break;
	default: /* 7: 4:4:4 */
		v = src[2 * x] | (src[2 * x + 1] << 8);
		r = (v & 0xf) << 4;
		g = ((v >> 4) & 0xf) << 4;
		b = ((v >> 8) & 0xf) << 4;
		break;
	}
	if (cntl & CNTL_BGR) {
		t = r;
		r = b;
		b = t;
	}
	rgb[0] = (u8)r;
	rgb[1] = (u8)g;
	rgb[2] = (u8)b;
}

static size_t pl111_stride(unsigned int width, u32 cntl)
{
	return (size_t)width * pl111_bpp_bits(cntl) / 8;
}

/* A frame starts: latch and check the base, raise LNBU and VCOMP. Locked. */
static void pl111_do_frame(struct pl111_model *m)
{
	unsigned int w = pl111_cols(m), h = pl111_rows(m), bpp = pl111_bpp_bits(m->cntl);

	m->upcurr = m->upbase;
	m->error = NULL;
	if (!(m->cntl & CNTL_TFT) || bpp < 16)
		m->error = "only the TFT 12/16/24 bpp modes are emulated";
	else if (m->cntl & (CNTL_BEBO | CNTL_BEPO))
		m->error = "big-endian byte or pixel ordering is not emulated";
	else if (h > MAX_DIM)
		m->error = "more than 2048 lines";
	if (m->error)
		goto done;
	if (!host_emu_dma_ptr(m->upcurr, pl111_stride(w, m->cntl) * h)) {
		m->error = "the frame buffer is not in RAM (MBERROR)";
		m->ris |= INT_MBERROR;
		goto done;
	}
	m->width = w;
	m->height = h;
	m->image_base = m->upcurr;
	m->image_cntl = m->cntl;
done:
	m->frames++;
	m->ris |= INT_LNBU | INT_VCOMP;
	pl111_update_irq(m);
	os_cond_broadcast(&m->frame);
}

/*
 * Start the frame whose time has come, if any, and schedule the next one
 * (the first frame period boundary after now). Locked; any thread.
 */
static void pl111_catch_up(struct pl111_model *m)
{
	u64 now, period;

	if (!pl111_enabled(m))
		return;
	now = os_monotonic_ns();
	if (now < m->next_frame_ns)
		return;
	pl111_do_frame(m);
	period = pl111_frame_ns(m);
	m->next_frame_ns += ((now - m->next_frame_ns) / period + 1) * period;
}

/* Starts frames on time when the host gives it the CPU: the interrupts. */
static void *pl111_thread(void *arg)
{
	struct pl111_model *m = arg;

	host_emu_lock(&m->dev);
	for (;;) {
		while (!pl111_enabled(m))
			os_cond_wait(&m->wake, &m->dev.lock);
		pl111_catch_up(m);
		/* Woken early by a register write: catching up then is harmless. */
		os_cond_wait_until(&m->wake, &m->dev.lock, m->next_frame_ns);
	}
	return NULL;
}

static u32 pl111_read(struct host_emu_device *dev, unsigned long off, unsigned int size)
{
	struct pl111_model *m = dev->priv;
	unsigned long reg = off & ~3UL;
	u32 v = 0;

	pl111_catch_up(m);
	if (reg >= CLCD_PERIPH_ID0)
		v = pl111_id[(reg - CLCD_PERIPH_ID0) / 4];
	else if (reg <= CLCD_TIM3)
		v = m->tim[reg / 4];
	else
		switch (reg) {
		case CLCD_UBAS: v = m->upbase; break;
		case CLCD_LBAS: v = m->lpbase; break;
		case CLCD_CNTL: v = m->cntl; break;
		case CLCD_IMSC: v = m->imsc; break;
		case CLCD_RIS: v = m->ris; break;
		case CLCD_MIS: v = m->ris & m->imsc; break;
		case CLCD_UCUR: v = m->upcurr; break;
		case CLCD_LCUR: v = m->lpbase; break;
		}
	return v >> ((off & 3) * 8);
}

static void pl111_write(struct host_emu_device *dev, unsigned long off, u32 val,
			unsigned int size)
{
	struct pl111_model *m = dev->priv;

	bool was_enabled;

	if (size != 4)
		return; /* the PL111 takes word writes only */
	pl111_catch_up(m);
	was_enabled = pl111_enabled(m);
	switch (off) {
	case CLCD_TIM0:
	case CLCD_TIM1:
	case CLCD_TIM2:
	case CLCD_TIM3:
		m->tim[off / 4] = val;
		os_cond_signal(&m->wake);
		break;
	case CLCD_UBAS: m->upbase = val & ~7U; break;
	case CLCD_LBAS: m->lpbase = val & ~7U; break;
	case CLCD_CNTL:
		m->cntl = val & 0x1ffff;
		if (pl111_enabled(m) && !was_enabled)
			m->next_frame_ns = os_monotonic_ns() + pl111_frame_ns(m);
		if (pl111_enabled(m) && !m->thread_started) {
			if (!os_thread_start(NULL, pl111_thread, m))
				m->thread_started = true;
			else
				m->error = "cannot start the frame thread";
		}
		os_cond_signal(&m->wake);
		break;
	case CLCD_IMSC:
		m->imsc = val & INT_ALL;
		pl111_update_irq(m);
		break;
	case CLCD_ICR:
		m->ris &= ~(val & INT_ALL);
		pl111_update_irq(m);
		break;
	}
}

static const struct host_emu_ops pl111_ops = {
	.read = pl111_read,
	.write = pl111_write,
};

/* CLCDCLK: the fixed-clock the node's "clcdclk" clock names, or 24 MHz. */
static u32 pl111_clcdclk(const void *fdt, int node)
{
	u32 rate = of_clk_rate(fdt, node, "clcdclk");

	return rate ? rate : DEFAULT_CLCDCLK;
}

static int pl111_create(const void *fdt, int node, phys_addr_t base, unsigned long size,
			int irq)
{
	struct pl111_model *m;
	int err;

	if (nr_models == ARRAY_SIZE(models))
		return -ENOSPC;
	m = os_zalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	snprintf(m->name, sizeof(m->name), "pl111@%llx", (unsigned long long)base);
	m->irq = irq;
	m->clcdclk = pl111_clcdclk(fdt, node);
	os_cond_init(&m->frame);
	os_cond_init(&m->wake);
	m->dev.name = m->name;
	m->dev.base = base;
	m->dev.size = size < 0x1000 ? size : 0x1000;
	m->dev.ops = &pl111_ops;
	m->dev.priv = m;
	err = host_emu_register(&m->dev);
	if (err) {
		os_free(m);
		return err;
	}
	models[nr_models++] = m;
	return 0;
}
HOST_EMU_MODEL(pl111, "arm,pl111", pl111_create);

static struct pl111_model *pl111_find(phys_addr_t regs)
{
	unsigned int i;

	for (i = 0; i < nr_models; i++)
		if (models[i]->dev.base == regs)
			return models[i];
	return NULL;
}

/** host_pl111_first - the registers of the first emulated PL111 (--screendump) */
int host_pl111_first(phys_addr_t *regs)
{
	if (!nr_models)
		return -ENODEV;
	*regs = models[0]->dev.base;
	return 0;
}

/* Convert the frame on screen to RGB into @rgb. Locked. */
static void pl111_convert(const struct pl111_model *m, const u8 *fb, u8 *rgb)
{
	size_t stride = pl111_stride(m->width, m->image_cntl);
	unsigned int x, y;

	for (y = 0; y < m->height; y++)
		for (x = 0; x < m->width; x++)
			pl111_pixel(m->image_cntl, fb + y * stride, x,
				    rgb + ((size_t)y * m->width + x) * 3);
}

/**
 * host_pl111_capture - wait for the next frame of an emulated PL111, copy it
 * @regs: physical address of its registers (the DT reg)
 * @f: filled with the frame's geometry, base, sequence number and error
 * @rgb: width * height * 3 bytes of RGB, or NULL for the description only
 * @rgb_size: size of @rgb
 *
 * Waits for a frame that starts after the call, so what it returns shows
 * every register and RAM write made before the call; the pixels are read
 * from the frame's base once it has started (so a write to that buffer
 * racing with the capture may show, as on a real screen). The wait ends at
 * the next frame boundary on the clock, whether or not the frame thread
 * ran (the capture starts the frame itself): it does not depend on how
 * loaded the host is.
 * Return: 0; -ENODEV (no PL111 there), -EAGAIN (the display is off, or
 * its next frame is more than a second away), -EIO (the frame was not
 * scanned out: f->error says why), -E2BIG (@rgb too small).
 */
int host_pl111_capture(phys_addr_t regs, struct host_pl111_frame *f, u8 *rgb,
		       size_t rgb_size)
{
	struct pl111_model *m = pl111_find(regs);
	unsigned long seq;
	int ret = 0;

	if (!m)
		return -ENODEV;
	host_emu_lock(&m->dev);
	pl111_catch_up(m); /* frames due before the call are not the one we want */
	seq = m->frames;
	while (pl111_enabled(m) && m->frames == seq &&
	       m->next_frame_ns <= os_monotonic_ns() + 1000000000ULL) {
		os_cond_wait_until(&m->frame, &m->dev.lock, m->next_frame_ns);
		pl111_catch_up(m);
	}
	if (m->frames == seq) {
		ret = -EAGAIN;
		goto out;
	}
	f->width = m->width;
	f->height = m->height;
	f->base = m->image_base;
	f->seq = m->frames;
	f->error = m->error;
	if (m->error) {
		ret = -EIO;
		goto out;
	}
	if (rgb) {
		const u8 *fb = host_emu_dma_ptr(m->image_base,
						pl111_stride(m->width, m->image_cntl) * m->height);

		/* The frame checked that its buffer is in RAM, which does not move. */
		if (rgb_size < (size_t)m->width * m->height * 3)
			ret = -E2BIG;
		else if (fb)
			pl111_convert(m, fb, rgb);
		else
			ret = -EIO;
	}
out:
	host_emu_unlock(&m->dev);
	return ret;
}
