// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "device": the device model and the platform bus
 * (drivers/base). The first cases check what platform_bus_init() made of
 * the board DT at boot; the others add devices and drivers at run time
 * (devices without a DT node, matched by name to the driver "devtest")
 * and check probe, deferral, failure, remove and unbinding, also with
 * several CPUs adding and deleting devices at once.
 */
#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/mm_debug.h>
#include <contig/of.h>
#include <contig/platform_device.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>

#include "dma_test_util.h"

/* ---- what the bus made at boot -------------------------------------- */

/*
 * The cases below look at vexpress-a9's nodes (the board the host boots
 * too); on another board (QEMU virt through U-Boot) they skip.
 */
static bool board_has(struct ktest *t, const char *path)
{
	if (fdt_path_offset(initial_boot_params, path) >= 0)
		return true;
	ktest_skip(t, "the board DT has no %s (a vexpress-a9 node)", path);
	return false;
}

static void the_bus_made_a_device_for_each_enabled_node(struct ktest *t)
{
	struct platform_device *pdev;
	struct device *dev = device_find("clcd@10020000");

	if (!board_has(t, "/clcd@10020000"))
		return;
	KTEST_ASSERT_NOT_NULL(t, dev);
	KTEST_EXPECT_TRUE(t, dev->bus == &platform_bus_type);
	KTEST_EXPECT_EQ(t, dev->of_node,
			fdt_path_offset(initial_boot_params, "/clcd@10020000"));
	pdev = to_platform_device(dev);
	KTEST_EXPECT_EQ(t, pdev->num_regs, 1);
	KTEST_EXPECT_EQ(t, pdev->reg_base[0], 0x10020000);
	KTEST_EXPECT_EQ(t, pdev->reg_size[0], 0x1000);
	KTEST_EXPECT_EQ(t, pdev->num_irqs, 1);
	KTEST_EXPECT_EQ(t, platform_get_irq(pdev, 0), 32 + 44);
	/* A node without compatible (/memory) and a disabled one are no devices. */
	KTEST_EXPECT_NULL(t, device_find("memory@60000000"));
	if (fdt_path_offset(initial_boot_params, "/dmatest-off") >= 0)
		KTEST_EXPECT_NULL(t, device_find("dmatest-off"));
}

static void devices_under_a_simple_bus_get_translated_registers(struct ktest *t)
{
	struct device *bus = device_find("motherboard-bus@10000000");
	struct device *dev = device_find("serial@a000");
	struct platform_device *pdev;

	if (!board_has(t, "/motherboard-bus@10000000"))
		return;
	KTEST_ASSERT_NOT_NULL(t, bus);
	KTEST_ASSERT_NOT_NULL(t, dev);
	KTEST_EXPECT_TRUE(t, dev->parent == bus);
	pdev = to_platform_device(dev);
	KTEST_EXPECT_EQ(t, pdev->reg_base[0], 0x1000a000);
	KTEST_EXPECT_EQ(t, platform_get_irq(pdev, 0), 32 + 6);
}

static void nodes_an_early_driver_runs_are_left_alone(struct ktest *t)
{
	const void *fdt = initial_boot_params;
	int node, depth = 0, owned = 0;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (!of_early_node_owned(node))
			continue;
		owned++;
		if (!KTEST_EXPECT_NULL(t, device_find_by_node(node)))
			ktest_info(t, "%s has a platform device", fdt_get_name(fdt, node, NULL));
	}
	if (!owned)
		ktest_skip(t, "no early driver runs on this port");
}

static void a_deferred_device_binds_after_what_it_waits_for(struct ktest *t)
{
	struct device *a = dmatest_device(t, "dmatest-defer-a");
	struct device *b = dmatest_device(t, "dmatest-defer-b");

	if (!a || !b)
		return;
	/* a comes first in the DT: it deferred once, then bound after b. */
	KTEST_EXPECT_EQ(t, a->probe_calls, 2);
	KTEST_EXPECT_EQ(t, b->probe_calls, 1);
	KTEST_EXPECT_STREQ(t, a->driver->name, "dma-test");
}

static void a_bound_device_is_bound_to_its_memory(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");

	if (!dev)
		return;
	KTEST_EXPECT_NOT_NULL(t, dev->cma);
	KTEST_EXPECT_NULL(t, dev->dma_pool);
	KTEST_EXPECT_EQ(t, dev->coherent_dma_mask, DMA_BIT_MASK(32));
	KTEST_EXPECT_EQ(t, dev->dma_mask, DMA_BIT_MASK(32));
}

/* ---- run-time devices and drivers --------------------------------------- */

static struct {
	int probe_ret;               /* what the next probes return */
	unsigned int probes, removes;
	const struct device *waits_for; /* defer until it is bound */
} devtest;

static int devtest_probe(struct platform_device *pdev)
{
	const struct device *w = __atomic_load_n(&devtest.waits_for, __ATOMIC_ACQUIRE);

	__atomic_add_fetch(&devtest.probes, 1, __ATOMIC_RELAXED);
	if (w && w != &pdev->dev && w->state != DEVICE_BOUND)
		return -EPROBE_DEFER;
	return __atomic_load_n(&devtest.probe_ret, __ATOMIC_RELAXED);
}

static void devtest_remove(struct platform_device *pdev)
{
	__atomic_add_fetch(&devtest.removes, 1, __ATOMIC_RELAXED);
}

static struct platform_driver devtest_driver = {
	.probe = devtest_probe,
	.remove = devtest_remove,
	.driver = { .name = "devtest" },
};

/* A second driver for the devices named "devtest.b...", which "devtest" matches too. */
static unsigned int devtest_b_probes;

static int devtest_b_probe(struct platform_device *pdev)
{
	__atomic_add_fetch(&devtest_b_probes, 1, __ATOMIC_RELAXED);
	return 0;
}

static struct platform_driver devtest_b_driver = {
	.probe = devtest_b_probe,
	.driver = { .name = "devtest.b" },
};

static int device_test_init(struct ktest *t)
{
	memset(&devtest, 0, sizeof(devtest));
	return 0;
}

static void device_test_exit(struct ktest *t)
{
	if (devtest_driver.driver.bus)
		platform_driver_unregister(&devtest_driver);
	devtest_driver.driver.bus = NULL;
	if (devtest_b_driver.driver.bus)
		platform_driver_unregister(&devtest_b_driver);
	devtest_b_driver.driver.bus = NULL;
}

static struct platform_device *new_pdev(const char *fmt, unsigned int n)
{
	struct platform_device *pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);

	if (!pdev)
		return NULL;
	device_initialize(&pdev->dev, fmt, n);
	pdev->dev.bus = &platform_bus_type;
	return pdev;
}

static void del_pdev(struct platform_device *pdev)
{
	if (!pdev)
		return;
	device_del(&pdev->dev);
	kfree(pdev);
}

static void a_driver_registered_later_binds_the_devices_it_matches(struct ktest *t)
{
	struct platform_device *a = new_pdev("devtest@%u", 1), *b = new_pdev("other@%u", 2);

	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_EQ(t, device_add(&a->dev), 0);
	KTEST_EXPECT_EQ(t, device_add(&b->dev), 0);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_UNBOUND);
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), 0);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_BOUND);
	KTEST_EXPECT_TRUE(t, a->dev.driver == &devtest_driver.driver);
	KTEST_EXPECT_NOT_NULL(t, a->dev.cma);
	KTEST_EXPECT_EQ(t, b->dev.state, DEVICE_UNBOUND);
	KTEST_EXPECT_EQ(t, devtest.probes, 1);
	/* Registering it again, or another driver of that name, is refused. */
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), -EEXIST);
	del_pdev(a);
	KTEST_EXPECT_EQ(t, devtest.removes, 1);
	del_pdev(b);
}

static void a_device_name_is_unique(struct ktest *t)
{
	struct platform_device *a = new_pdev("devtest@%u", 7), *b = new_pdev("devtest@%u", 7);

	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_EQ(t, device_add(&a->dev), 0);
	KTEST_EXPECT_EQ(t, device_add(&b->dev), -EEXIST);
	KTEST_EXPECT_EQ(t, device_add(&a->dev), -EINVAL);
	KTEST_EXPECT_TRUE(t, device_find("devtest@7") == &a->dev);
	del_pdev(a);
	kfree(b);
	KTEST_EXPECT_NULL(t, device_find("devtest@7"));
}

static void a_failed_probe_is_reported_and_leaves_the_device_unbound(struct ktest *t)
{
	struct platform_device *a = new_pdev("devtest@%u", 3);
	char log[DMATEST_LOG];

	KTEST_ASSERT_NOT_NULL(t, a);
	devtest.probe_ret = -ENODEV;
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), 0);
	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_EQ(t, device_add(&a->dev), 0);
	printk_capture_end();
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_FAILED);
	KTEST_EXPECT_EQ(t, a->dev.probe_err, -ENODEV);
	KTEST_EXPECT_NULL(t, a->dev.driver);
	KTEST_EXPECT_NULL(t, a->dev.cma);
	DMATEST_EXPECT_LOG(t, log, "devtest@3: driver devtest failed to probe: ENODEV (-19)");
	/* remove() is never called for a device that did not bind. */
	del_pdev(a);
	KTEST_EXPECT_EQ(t, devtest.removes, 0);
}

static void a_failed_device_is_offered_to_a_new_driver_not_the_one_that_failed(struct ktest *t)
{
	struct platform_device *a = new_pdev("devtest.b@%u", 11);

	KTEST_ASSERT_NOT_NULL(t, a);
	devtest_b_probes = 0;
	devtest.probe_ret = -ENODEV;
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), 0);
	KTEST_EXPECT_EQ(t, device_add(&a->dev), 0);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_FAILED);
	KTEST_EXPECT_EQ(t, devtest.probes, 1);
	/* devtest comes first in the driver list and still matches: it is skipped. */
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_b_driver), 0);
	KTEST_EXPECT_EQ(t, devtest_b_probes, 1);
	KTEST_EXPECT_EQ(t, devtest.probes, 1);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_BOUND);
	KTEST_EXPECT_TRUE(t, a->dev.driver == &devtest_b_driver.driver);
	del_pdev(a);
	platform_driver_unregister(&devtest_b_driver);
	devtest_b_driver.driver.bus = NULL;
}

static void a_deferred_probe_is_retried_after_another_device_binds(struct ktest *t)
{
	struct platform_device *a = new_pdev("devtest@%u", 4), *b = new_pdev("devtest@%u", 5);

	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), 0);
	devtest.waits_for = &b->dev;
	KTEST_EXPECT_EQ(t, device_add(&a->dev), 0);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_DEFERRED);
	KTEST_EXPECT_NOT_NULL(t, a->dev.cma); /* a deferred device keeps its memory */
	KTEST_EXPECT_EQ(t, a->dev.probe_calls, 1);
	KTEST_EXPECT_EQ(t, device_report_deferred() >= 1, 1);
	KTEST_EXPECT_EQ(t, device_add(&b->dev), 0);
	KTEST_EXPECT_EQ(t, b->dev.state, DEVICE_BOUND);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_BOUND);
	KTEST_EXPECT_EQ(t, a->dev.probe_calls, 2);
	devtest.waits_for = NULL;
	del_pdev(a);
	del_pdev(b);
	KTEST_EXPECT_EQ(t, devtest.removes, 2);
}

static void unregistering_a_driver_unbinds_its_devices(struct ktest *t)
{
	struct platform_device *a = new_pdev("devtest@%u", 6);

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), 0);
	KTEST_EXPECT_EQ(t, device_add(&a->dev), 0);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_BOUND);
	platform_driver_unregister(&devtest_driver);
	devtest_driver.driver.bus = NULL;
	KTEST_EXPECT_EQ(t, devtest.removes, 1);
	KTEST_EXPECT_EQ(t, a->dev.state, DEVICE_UNBOUND);
	KTEST_EXPECT_NULL(t, a->dev.driver);
	KTEST_EXPECT_NULL(t, a->dev.cma);
	del_pdev(a);
	KTEST_EXPECT_EQ(t, devtest.removes, 1);
}

static void unbinding_reports_and_frees_the_buffers_a_driver_left(struct ktest *t)
{
	struct platform_device *a = new_pdev("devtest@%u", 8);
	struct cma *dflt = cma_default_area();
	char log[DMATEST_LOG];
	struct cma_stats before, after;
	dma_addr_t big, small;
	void *p1, *p2;

	KTEST_ASSERT_NOT_NULL(t, a);
	if (!dflt) {
		ktest_skip(t, "no default CMA area");
		kfree(a);
		return;
	}
	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), 0);
	KTEST_EXPECT_EQ(t, device_add(&a->dev), 0);
	cma_get_stats(dflt, &before);
	p1 = dma_alloc_coherent(&a->dev, 64 * PAGE_SIZE, &big, GFP_KERNEL);
	p2 = dma_alloc_coherent(&a->dev, PAGE_SIZE, &small, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, p1 && p2);
	printk_capture_begin(log, sizeof(log));
	del_pdev(a);
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log, "devtest@8: still holds a cma buffer at %#llx (64 pages)",
			    (unsigned long long)big);
	DMATEST_EXPECT_LOGF(t, log, "devtest@8: still holds a pages buffer at %#llx (1 pages)",
			    (unsigned long long)small);
	cma_get_stats(dflt, &after);
	KTEST_EXPECT_EQ(t, after.used, before.used);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(big), ARCH_LINEAR_CACHED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(small), ARCH_LINEAR_CACHED);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void platform_helpers_report_missing_windows_and_interrupts(struct ktest *t)
{
	struct device *dev = device_find("clcd@10020000");
	struct platform_device *pdev;
	char log[DMATEST_LOG];

	if (!board_has(t, "/clcd@10020000"))
		return;
	KTEST_ASSERT_NOT_NULL(t, dev);
	pdev = to_platform_device(dev);
	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_NULL(t, platform_ioremap_resource(pdev, 1));
	KTEST_EXPECT_EQ(t, platform_get_irq(pdev, 3), -ENXIO);
	printk_capture_end();
	DMATEST_EXPECT_LOG(t, log, "clcd@10020000: has no register window 1 (its DT reg has 1)");
	DMATEST_EXPECT_LOG(t, log, "clcd@10020000: has no interrupt 3 (its DT interrupts have 1)");
	/* The board maps the window; the host has no device registers. */
	if (IS_ENABLED(CONFIG_ARCH_ARM))
		KTEST_EXPECT_NOT_NULL(t, platform_ioremap_resource(pdev, 0));
}

struct churn {
	struct ktest *t;
	unsigned int rounds;
};

static void churn_fn(unsigned int cpu, void *arg)
{
	struct churn *c = arg;
	unsigned int i;

	for (i = 0; i < c->rounds; i++) {
		struct platform_device *p = new_pdev("devtest@9%u", cpu * 1000 + i);
		dma_addr_t h;
		void *v;

		if (!p) {
			KTEST_EXPECT_NOT_NULL(c->t, p);
			return;
		}
		KTEST_EXPECT_EQ(c->t, device_add(&p->dev), 0);
		KTEST_EXPECT_EQ(c->t, p->dev.state, DEVICE_BOUND);
		v = dma_alloc_coherent(&p->dev, (i % 3 + 1) * PAGE_SIZE, &h, GFP_KERNEL);
		KTEST_EXPECT_NOT_NULL(c->t, v);
		if (v && i % 2)
			dma_free_coherent(&p->dev, (i % 3 + 1) * PAGE_SIZE, v, h);
		del_pdev(p); /* frees what is left */
	}
}

static void devices_come_and_go_on_several_cpus(struct ktest *t)
{
	struct churn c = { .t = t, .rounds = 40 };
	unsigned int cpus;

	KTEST_EXPECT_EQ(t, platform_driver_register(&devtest_driver), 0);
	cpus = arch_smp_run(4, churn_fn, &c);
	KTEST_EXPECT_GE(t, cpus, 1);
	KTEST_EXPECT_EQ(t, devtest.probes, cpus * c.rounds);
	KTEST_EXPECT_EQ(t, devtest.removes, cpus * c.rounds);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static struct ktest_case device_cases[] = {
	KTEST_CASE(the_bus_made_a_device_for_each_enabled_node),
	KTEST_CASE(devices_under_a_simple_bus_get_translated_registers),
	KTEST_CASE(nodes_an_early_driver_runs_are_left_alone),
	KTEST_CASE(a_deferred_device_binds_after_what_it_waits_for),
	KTEST_CASE(a_bound_device_is_bound_to_its_memory),
	KTEST_CASE(a_driver_registered_later_binds_the_devices_it_matches),
	KTEST_CASE(a_device_name_is_unique),
	KTEST_CASE(a_failed_probe_is_reported_and_leaves_the_device_unbound),
	KTEST_CASE(a_failed_device_is_offered_to_a_new_driver_not_the_one_that_failed),
	KTEST_CASE(a_deferred_probe_is_retried_after_another_device_binds),
	KTEST_CASE(unregistering_a_driver_unbinds_its_devices),
	KTEST_CASE(unbinding_reports_and_frees_the_buffers_a_driver_left),
	KTEST_CASE(platform_helpers_report_missing_windows_and_interrupts),
	KTEST_CASE(devices_come_and_go_on_several_cpus),
	{}
};

static struct ktest_suite device_suite = {
	.name = "device",
	.cases = device_cases,
	.init = device_test_init,
	.exit = device_test_exit,
};
ktest_register(device_suite);
