// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM PrimeCell PL011 UART as a polled console.
 *
 * Probed early (OF_EARLY_CONSOLE) for the node console=ttyAMA<n>,
 * /chosen/stdout-path, earlycon= or the DT order chooses (lib/of_console.c).
 * Transmit waits for room in the FIFO (FR.TXFF) and turns "\n" into
 * "\r\n"; receive reads one byte when the FIFO is not empty (FR.RXFE) and
 * never blocks. Interrupts stay masked. When the boot loader already
 * enabled the UART its line settings are kept; otherwise it is enabled for
 * 8N1, FIFOs left as the firmware set them (QEMU ignores the baud rate).
 * Options ("115200n8", Linux's <baud><parity><bits>) set the line: the
 * parity and word length always, the baud rate when the node's "uartclk"
 * rate is in the DT (divisor = UARTCLK / (16 * baud), 6 fractional bits).
 */
#define pr_fmt(fmt) "pl011: " fmt

#include <contig/arch.h>
#include <contig/console.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <contig/string.h>

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTIBRD 0x24
#define UARTFBRD 0x28
#define UARTLCR_H 0x2c
#define UARTCR 0x30
#define UARTIMSC 0x38
#define UARTICR 0x44

#define FR_TXFF (1 << 5)
#define FR_RXFE (1 << 4)
#define FR_BUSY (1 << 3)
#define LCRH_PEN (1 << 1)
#define LCRH_EPS (1 << 2)
#define LCRH_FEN (1 << 4)
#define LCRH_WLEN8 (3 << 5)
#define CR_UARTEN (1 << 0)
#define CR_TXE (1 << 8)
#define CR_RXE (1 << 9)

static void __iomem *pl011_base;

static void pl011_putc(char c)
{
	while (readl_relaxed(pl011_base + UARTFR) & FR_TXFF)
		;
	writel_relaxed((u8)c, pl011_base + UARTDR);
}

static void pl011_write(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			pl011_putc('\r');
		pl011_putc(buf[i]);
	}
}

static int pl011_getc(void)
{
	if (readl_relaxed(pl011_base + UARTFR) & FR_RXFE)
		return ARCH_CONSOLE_NONE;
	return (int)(readl_relaxed(pl011_base + UARTDR) & 0xff);
}

static const struct console pl011_console = {
	.name = "pl011",
	.write = pl011_write,
	.getc = pl011_getc,
};

/*
 * Parse console options "<baud>[<parity>[<bits>]]" into @baud and the
 * LCR_H bits. Return: 0, or -EINVAL with a message.
 */
static int pl011_parse_options(const char *opts, u32 *baud, u32 *lcrh)
{
	const char *p = opts;
	char *end;
	unsigned long b = strtoul(p, &end, 10);
	u32 bits = 8;

	*lcrh = 0;
	if (end == p || !b) {
		pr_err("console options '%s': expected <baud>[n|o|e[5-8]], like 115200n8; "
		       "keeping the line as it is\n", opts);
		return -EINVAL;
	}
	p = end;
	if (*p == 'o' || *p == 'e')
		*lcrh |= LCRH_PEN | (*p == 'e' ? LCRH_EPS : 0);
	else if (*p && *p != 'n')
		goto bad;
	if (*p)
		p++;
	if (*p >= '5' && *p <= '8')
		bits = (u32)(*p++ - '0');
	if (*p == 'r')
		p++; /* RTS/CTS flow control: the polled console ignores it */
	if (*p)
		goto bad;
	*baud = (u32)b;
	*lcrh |= (bits - 5) << 5;
	return 0;
bad:
	pr_err("console options '%s': expected <baud>[n|o|e[5-8]], like 115200n8; keeping "
	       "the line as it is\n", opts);
	return -EINVAL;
}

/* Program the options' line settings (the UART is off). */
static void pl011_set_line(const void *fdt, int node, const char *opts, u32 *lcrh)
{
	u32 baud, bits, clk, div;

	if (pl011_parse_options(opts, &baud, &bits))
		return;
	*lcrh = (*lcrh & LCRH_FEN) | bits;
	clk = of_clk_rate(fdt, node, "uartclk");
	if (!clk) {
		pr_warn("console options '%s': the DT gives no uartclk rate, so the baud rate "
			"is left as the firmware set it\n", opts);
		return;
	}
	div = (u32)(((u64)clk * 4 + baud / 2) / baud); /* 64 * clk / (16 * baud) */
	if (div < 64 || div >= (65536U << 6)) {
		pr_warn("console options '%s': %u baud is out of reach of UARTCLK %u Hz; "
			"baud rate left as it was\n", opts, (unsigned int)baud, (unsigned int)clk);
		return;
	}
	writel(div >> 6, pl011_base + UARTIBRD);
	writel(div & 0x3f, pl011_base + UARTFBRD);
}

static int pl011_init(const void *fdt, int node)
{
	phys_addr_t base, size;
	const char *opts;
	int err;

	if (pl011_base)
		return -EBUSY;
	err = of_get_reg(fdt, node, 0, &base, &size);
	if (err)
		return err;
	pl011_base = ioremap(base, size);
	if (!pl011_base)
		return -ENOMEM;
	writel(0, pl011_base + UARTIMSC);
	writel(0x7ff, pl011_base + UARTICR);
	opts = of_console_options();
	if (!(readl(pl011_base + UARTCR) & CR_UARTEN) || *opts) {
		/*
		 * 8 data bits unless the options say otherwise; keep FEN as
		 * found: changing it flushes the receiver, which loses input
		 * typed before boot got here. The line is programmed with
		 * the UART off and the transmitter drained.
		 */
		u32 lcrh = LCRH_WLEN8 | (readl(pl011_base + UARTLCR_H) & LCRH_FEN);

		while (readl(pl011_base + UARTFR) & FR_BUSY)
			;
		writel(0, pl011_base + UARTCR);
		if (*opts)
			pl011_set_line(fdt, node, opts, &lcrh);
		writel(lcrh, pl011_base + UARTLCR_H); /* also latches IBRD/FBRD */
		writel(CR_UARTEN | CR_TXE | CR_RXE, pl011_base + UARTCR);
	}
	register_console(&pl011_console);
	pr_info("console on the PL011 at %#llx%s%s\n", (unsigned long long)base,
		*opts ? ", options " : "", opts);
	return 0;
}

OF_EARLY_DECLARE(pl011, "arm,pl011", OF_EARLY_CONSOLE, pl011_init);
