// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM PrimeCell PL011 UART as a polled console.
 *
 * Probed early (OF_EARLY_CONSOLE) for the node /chosen/stdout-path names.
 * Transmit waits for room in the FIFO (FR.TXFF) and turns "\n" into
 * "\r\n"; receive reads one byte when the FIFO is not empty (FR.RXFE) and
 * never blocks. Interrupts stay masked. When the boot loader already
 * enabled the UART its line settings are kept; otherwise it is enabled for
 * 8N1, FIFOs left as the firmware set them (QEMU ignores the baud rate).
 */
#define pr_fmt(fmt) "pl011: " fmt

#include <contig/arch.h>
#include <contig/console.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTLCR_H 0x2c
#define UARTCR 0x30
#define UARTIMSC 0x38
#define UARTICR 0x44

#define FR_TXFF (1 << 5)
#define FR_RXFE (1 << 4)
#define FR_BUSY (1 << 3)
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

static int pl011_init(const void *fdt, int node)
{
	phys_addr_t base, size;
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
	if (!(readl(pl011_base + UARTCR) & CR_UARTEN)) {
		/*
		 * 8 data bits; keep FEN as found: changing it flushes the
		 * receiver, which loses input typed before boot got here.
		 */
		writel(LCRH_WLEN8 | (readl(pl011_base + UARTLCR_H) & LCRH_FEN),
		       pl011_base + UARTLCR_H);
		writel(CR_UARTEN | CR_TXE | CR_RXE, pl011_base + UARTCR);
	}
	register_console(&pl011_console);
	pr_info("console on the PL011 at %#llx\n", (unsigned long long)base);
	return 0;
}

OF_EARLY_DECLARE(pl011, "arm,pl011", OF_EARLY_CONSOLE, pl011_init);
