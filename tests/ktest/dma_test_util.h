/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the DMA ktest suites (device, cma_dev, dma, trace):
 * find the test devices of dts/include/contig-dma-test.dtsi, run a call
 * while capturing what it prints, and check a message was printed.
 */
#ifndef _TESTS_KTEST_DMA_TEST_UTIL_H
#define _TESTS_KTEST_DMA_TEST_UTIL_H

#include <contig/cma.h>
#include <contig/device.h>
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

#endif /* _TESTS_KTEST_DMA_TEST_UTIL_H */
