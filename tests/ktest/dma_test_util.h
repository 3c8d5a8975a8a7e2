/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the DMA ktest suites (device, cma_dev, dma, trace):
 * find the test devices of dts/include/contig-dma-test.dtsi, run a call
 * while capturing what it prints, check a message was printed, and put
 * back the DMA masks a case changed.
 */
#ifndef _TESTS_KTEST_DMA_TEST_UTIL_H
#define _TESTS_KTEST_DMA_TEST_UTIL_H

#include <contig/cma.h>
#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/ktest.h>
#include <contig/string.h>

#define DMATEST_LOG 2048

/*
 * The bound test device @name; NULL after marking @t skipped when the DT
 * has no such device (a board without contig-dma-test.dtsi).
 */
static inline struct device *dmatest_device(struct ktest *t, const char *name)
{
	struct device *dev = device_find(name);

	if (!dev) {
		ktest_skip(t, "no device %s: the DT lacks contig-dma-test.dtsi", name);
		return NULL;
	}
	if (!KTEST_EXPECT_EQ(t, dev->state, DEVICE_BOUND))
		return NULL;
	return dev;
}

/* The CMA region @name, or NULL after marking @t skipped. */
static inline struct cma *dmatest_region(struct ktest *t, const char *name)
{
	struct cma *cma = cma_find(name);

	if (!cma)
		ktest_skip(t, "no CMA region %s on this boot", name);
	return cma;
}

/* True when [@phys, @phys + @size) lies inside region @cma. */
static inline bool dmatest_in_region(const struct cma *cma, u64 phys, u64 size)
{
	return phys >= cma_get_base(cma) && phys + size <= cma_get_base(cma) + cma_get_size(cma);
}

/* True when no byte of [@phys, @phys + @size) lies in any CMA region. */
static inline bool dmatest_outside_cma(u64 phys, u64 size)
{
	unsigned int i;

	for (i = 0; i < cma_area_count(); i++) {
		const struct cma *c = cma_area(i);

		if (phys < cma_get_base(c) + cma_get_size(c) && phys + size > cma_get_base(c))
			return false;
	}
	return true;
}

/* Expect @needle in @log, and say what was printed when it is not. */
#define DMATEST_EXPECT_LOG(t, log, needle)                                        \
	({                                                                        \
		bool __found = strstr((log), (needle)) != NULL;                   \
		if (!__found)                                                     \
			ktest_fail(t, __FILE__, __LINE__,                         \
				   "expected \"%s\" in the messages, got: %.300s", \
				   (needle), (log));                              \
		__found;                                                          \
	})

/* DMATEST_EXPECT_LOG() for the message printf(@fmt, ...) gives. */
#define DMATEST_EXPECT_LOGF(t, log, fmt, ...)                                           \
	({                                                                              \
		char __want[256];                                                       \
		bool __ok = (size_t)snprintf(__want, sizeof(__want), fmt, __VA_ARGS__) < \
			    sizeof(__want);                                             \
		if (!__ok)                                                              \
			ktest_fail(t, __FILE__, __LINE__,                               \
				   "expected message longer than %zu bytes: %s",        \
				   sizeof(__want), __want);                             \
		__ok && DMATEST_EXPECT_LOG(t, log, __want);                             \
	})

/*
 * The test device whose DMA masks the running case changed, if any: a
 * case sets it before it changes them, and the suite's exit,
 * dmatest_masks_exit(), puts both back to 32 bits. One per suite file.
 */
static struct device *dmatest_masked_dev __maybe_unused;

/* A suite's init: no device has changed masks yet. */
static inline int dmatest_masks_init(struct ktest *t)
{
	dmatest_masked_dev = NULL;
	return 0;
}

/* A suite's exit: restore the masks of dmatest_masked_dev. */
static inline void dmatest_masks_exit(struct ktest *t)
{
	if (dmatest_masked_dev)
		dma_set_mask_and_coherent(dmatest_masked_dev, DMA_BIT_MASK(32));
	dmatest_masked_dev = NULL;
}

#endif /* _TESTS_KTEST_DMA_TEST_UTIL_H */
