// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test-only platform driver for the "contig,dma-test" devices of
 * dts/include/contig-dma-test.dtsi, built with the ktest suites. Its probe
 * does what the tests need a real driver to have done:
 *
 *   - a node with "contig,wait-for = <&other>" defers its probe
 *     (-EPROBE_DEFER) until the other node's device is bound;
 *   - a node with "contig,probe-error = <errno>" fails its probe with
 *     -errno (a boot case checks the message);
 *   - everything else binds, so the suites allocate for bound devices.
 *
 * remove() does nothing: the suites free what they allocate, and a buffer
 * left behind is what dma_deconfigure() reports.
 */
#define pr_fmt(fmt) "dma-test: " fmt

#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/platform_device.h>
#include <libfdt.h>

static int dma_test_probe(struct platform_device *pdev)
{
	const void *fdt = initial_boot_params;
	int node = pdev->dev.of_node;
	const fdt32_t *prop;
	struct device *other;
	int len;

	if (node < 0)
		return 0;
	prop = fdt_getprop(fdt, node, "contig,probe-error", &len);
	if (prop && len == 4)
		return -(int)fdt32_to_cpu(*prop);
	prop = fdt_getprop(fdt, node, "contig,wait-for", &len);
	if (prop && len == 4) {
		other = device_find_by_node(fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*prop)));
		if (!other || other->state != DEVICE_BOUND)
			return -EPROBE_DEFER;
	}
	return 0;
}

static const struct of_device_id dma_test_ids[] = {
	{ .compatible = "contig,dma-test" },
	{}
};

static struct platform_driver dma_test_driver = {
	.probe = dma_test_probe,
	.driver = {
		.name = "dma-test",
		.of_match_table = dma_test_ids,
	},
};
module_platform_driver(dma_test_driver);
