/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ARM PrimeCell PL111 colour LCD controller's registers (PL111 TRM,
 * ARM DDI 0293), shared by the driver (drivers/video/pl111.c) and the
 * hosted port's model of it (arch/host/emu/pl111.c), so both read the
 * same map.
 */
#ifndef _CONTIG_PL111_H
#define _CONTIG_PL111_H

#define CLCD_TIM0 0x000 /* horizontal timing */
#define CLCD_TIM1 0x004 /* vertical timing */
#define CLCD_TIM2 0x008 /* clock and signal polarity */
#define CLCD_TIM3 0x00c /* line end */
#define CLCD_UBAS 0x010 /* upper panel frame base */
#define CLCD_LBAS 0x014 /* lower panel frame base */
#define CLCD_CNTL 0x018 /* LCDControl */
#define CLCD_IMSC 0x01c /* interrupt mask set/clear */
#define CLCD_RIS 0x020  /* raw interrupt status */
#define CLCD_MIS 0x024  /* masked interrupt status */
#define CLCD_ICR 0x028  /* interrupt clear */
#define CLCD_UCUR 0x02c /* upper panel current address */
#define CLCD_LCUR 0x030 /* lower panel current address */
#define CLCD_PERIPH_ID0 0xfe0 /* PrimeCell peripheral and cell IDs, 8 words */

#define CNTL_LCDEN (1U << 0)
#define CNTL_BPP_SHIFT 1 /* LcdBpp, 3 bits: 5 is 24 bpp */
#define CNTL_BPP24 (5U << CNTL_BPP_SHIFT)
#define CNTL_TFT (1U << 5)
#define CNTL_BGR (1U << 8)
#define CNTL_BEBO (1U << 9)  /* big-endian byte order */
#define CNTL_BEPO (1U << 10) /* big-endian pixel order */
#define CNTL_LCDPWR (1U << 11)

#define INT_FUF (1U << 1)     /* FIFO underflow */
#define INT_LNBU (1U << 2)    /* next base address loaded */
#define INT_VCOMP (1U << 3)   /* vertical compare */
#define INT_MBERROR (1U << 4) /* AHB master bus error */
#define INT_ALL (INT_FUF | INT_LNBU | INT_VCOMP | INT_MBERROR)

#define TIM2_IVS (1U << 11) /* invert vertical sync */
#define TIM2_IHS (1U << 12) /* invert horizontal sync */
#define TIM2_IPC (1U << 13) /* invert panel clock */
#define TIM2_BCD (1U << 26) /* bypass the pixel clock divider */

#endif /* _CONTIG_PL111_H */
