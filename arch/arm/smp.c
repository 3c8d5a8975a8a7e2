// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMP on the Cortex-A9 MPCore: secondary CPU bring-up, per-CPU state,
 * IPIs and arch_smp_run().
 *
 * CPUs. The /cpus nodes of the DT list the cores by MPIDR (reg). The boot
 * CPU is logical CPU 0; the others get 1, 2, ... in DT order, up to
 * CONFIG_NR_CPUS and the boot parameter maxcpus=. arch_cpu_id() reads the
 * logical number from TPIDRPRW, which head.S sets on each core.
 *
 * Bring-up (arm_smp_init(), at the end of arm_start(), once the GIC and
 * the timer run):
 *   1. enable the SCU ("arm,cortex-a9-scu") and clean+invalidate the boot
 *      CPU's L1, so the duplicate tags know every line it holds;
 *   2. attach the IPI handlers (SGIs, asm/smp.h);
 *   3. build the identity table the secondaries turn their MMU on with;
 *   4. get the cores to secondary_startup (head.S), by the board's method:
 *      - cpu nodes with enable-method = "psci" (QEMU virt, through U-Boot
 *        or QEMU's own loader): PSCI CPU_ON (drivers/firmware/psci.c),
 *        one CPU at a time in step 5;
 *      - vexpress ("arm,vexpress"): the boot loader (QEMU's -kernel stub,
 *        or U-Boot) parks the cores in wfi and lets them jump to the
 *        address in the system flags register (sysreg SYS_FLAGS, set
 *        through SYS_FLAGSSET after clearing it through SYS_FLAGSCLR)
 *        once an interrupt wakes them: we write the physical address of
 *        secondary_startup there and send IPI_WAKEUP to all other cores,
 *        which then wait in the holding pen of head.S;
 *   5. release the CPUs one at a time: fill arm_secondary_data (its stacks,
 *      its logical number, the tables), put its MPIDR in arm_pen_release,
 *      write both back to memory (the CPU reads them with its caches off)
 *      and sev (PSCI: then CPU_ON); then wait, bounded by
 *      ARM_CPU_UP_TIMEOUT_MS of the clock, until it says it is online. A
 *      CPU whose start fails (the SCU says it is not there, CPU_ON fails)
 *      is reported by number and the others go on. One that was released
 *      but did not answer in time is reported too, but it may have left
 *      the pen and still be on its way to read arm_secondary_data: no
 *      other CPU is started after it (each is reported), so that data
 *      stays its own.
 * A secondary (arm_secondary_start()) claims its state, sets up its GIC
 * CPU interface and its tick, marks itself online and idles in wfi with
 * interrupts on; one that comes too late finds itself given up on and
 * parks (enum arm_cpu_state).
 *
 * Work. arch_smp_run() hands each participating CPU a work item (release
 * store) and wakes it with IPI_WAKEUP; the idle loop runs it in thread
 * context with interrupts enabled, so the CPU keeps taking IPIs and ticks
 * while it works, and reports completion with a release decrement the
 * caller waits for. With no work item it first runs idle work
 * (idle_work(), contig/idle.h) with interrupts on, and polls again while a
 * job did something. The idle loop masks interrupts, checks for work and
 * only then executes wfi, which wakes on a pending interrupt even while
 * masked: a wakeup between the check and the wfi is never lost.
 *
 * IPIs: IPI_WAKEUP (nothing to do but leave wfi), IPI_CALL_FUNC
 * (smp_call_function_interrupt(), lib/smp.c) and IPI_STOP (halt, sent by
 * arch_poweroff() so that no other CPU runs on while the machine stops).
 *
 * Lock contract: bring-up runs on the boot CPU before anything else uses
 * the other CPUs. arm_cpus[] state changes with release stores and is
 * read with acquire loads; a work item belongs to its CPU from the release
 * store of the pointer until that CPU clears it.
 */
#define pr_fmt(fmt) "smp: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/of.h>
#include <contig/params.h>
#include <contig/psci.h>
#include <contig/smp.h>
#include <contig/idle.h>
#include <contig/string.h>
#include <asm/smp.h>
#include <libfdt.h>

#include "internal.h"

#define ARM_CPU_UP_TIMEOUT_MS 2000

/* vexpress system registers (V2M-P1 sysreg) */
#define SYS_FLAGSSET 0x30
#define SYS_FLAGSCLR 0x34

/* Cortex-A9 SCU */
#define SCU_CTRL 0x00
#define SCU_CONFIG 0x04
#define SCU_ENABLE (1U << 0)

/*
 * A secondary moves its own state POSSIBLE -> STARTING -> ONLINE, each
 * step a compare-and-swap; the boot CPU gives up on it by swapping
 * POSSIBLE or STARTING for FAILED. Whoever swaps first wins: a CPU that
 * finds itself FAILED parks for good (arm_secondary_start()), so FAILED
 * is final and ONLINE means the CPU serves IPIs and work.
 */
enum arm_cpu_state {
	CPU_ABSENT,	/* no such logical CPU */
	CPU_POSSIBLE,	/* in the DT, not started (yet) */
	CPU_STARTING,	/* left the pen, setting up its interrupts and tick */
	CPU_ONLINE,
	CPU_FAILED,	/* given up on: not started, or too late */
};

struct smp_work {
	void (*fn)(unsigned int index, void *arg);
	void *arg;
	int remaining; /* CPUs other than the caller still running fn */
};

struct arm_cpu {
	u32 hwid;		/* MPIDR affinity */
	int state;		/* enum arm_cpu_state */
	struct smp_work *work;	/* set by arch_smp_run(), cleared when done */
	unsigned int work_index;
	unsigned long ipis[NR_IPI];
} __aligned(32);

/* The boot CPU is online from the start (arch_nr_cpus() counts it). */
static struct arm_cpu arm_cpus[CONFIG_NR_CPUS] = { [0] = { .state = CPU_ONLINE } };
static int smp_running;

struct arm_secondary_data arm_secondary_data;
u32 arm_pen_release = ~0U;

_Static_assert(offsetof(struct arm_secondary_data, ttbr_idmap) == 0 &&
	       offsetof(struct arm_secondary_data, ttbr_swapper) == 4 &&
	       offsetof(struct arm_secondary_data, cpu) == 8 &&
	       offsetof(struct arm_secondary_data, stacks) == 12,
	       "head.S SD_* offsets");

/* A maxcpus= value: a decimal number, at least 1. */
static bool parse_maxcpus(const char *val, unsigned long *n)
{
	char *end;

	if (!val || !*val)
		return false;
	*n = strtoul(val, &end, 10);
	return !*end && *n >= 1;
}

static int maxcpus_param(const char *val)
{
	unsigned long n;

	if (!parse_maxcpus(val, &n)) {
		pr_err("maxcpus=%s is not valid: use maxcpus=N with N from 1 to %d "
		       "(all CPUs were started)\n", val ? val : "", CONFIG_NR_CPUS);
		return -EINVAL;
	}
	return 0; /* applied by arm_smp_init(), before the command line is parsed */
}
early_param("maxcpus", maxcpus_param);

/** arm_cpu_online - whether logical CPU @cpu is up. Return: true when online. */
bool arm_cpu_online(unsigned int cpu)
{
	return cpu < CONFIG_NR_CPUS &&
	       __atomic_load_n(&arm_cpus[cpu].state, __ATOMIC_ACQUIRE) == CPU_ONLINE;
}

/**
 * arch_nr_cpus - how many CPUs arch_smp_run() can use
 *
 * Return: the CPUs that came up (the boot CPU included): those that
 * arm_cpu_online() finds, so the two never disagree.
 */
unsigned int arch_nr_cpus(void)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		n += arm_cpu_online(cpu);
	return n;
}

/**
 * arch_send_call_ipi - raise the call-function IPI on CPU @cpu
 * @cpu: logical CPU
 *
 * Return: true when @cpu is online (and not the caller) and was sent it.
 */
bool arch_send_call_ipi(unsigned int cpu)
{
	if (cpu == arch_cpu_id() || !arm_cpu_online(cpu))
		return false;
	return irq_send_ipi(cpu, IPI_CALL_FUNC) == 0;
}

/* ---- IPI handlers --------------------------------------------------- */

static void ipi_handler(unsigned int irq, void *dev)
{
	struct arm_cpu *c = &arm_cpus[arch_cpu_id()];

	c->ipis[irq]++;
	if (irq == IPI_CALL_FUNC)
		smp_call_function_interrupt();
	else if (irq == IPI_STOP)
		arm_halt();
	/* IPI_WAKEUP: leaving wfi was the point. */
}

/**
 * arm_ipi_count - IPIs of kind @ipi CPU @cpu has taken
 * @cpu: logical CPU
 * @ipi: IPI_* (asm/smp.h)
 *
 * Return: the count, 0 for bad arguments.
 */
unsigned long arm_ipi_count(unsigned int cpu, unsigned int ipi)
{
	if (cpu >= CONFIG_NR_CPUS || ipi >= NR_IPI)
		return 0;
	return READ_ONCE(arm_cpus[cpu].ipis[ipi]);
}

/**
 * arm_smp_stop_others - halt every other online CPU (power off, panic)
 *
 * Sends IPI_STOP and does not wait: the caller may run with interrupts
 * masked, and a CPU that is itself stopping never answers.
 */
void arm_smp_stop_others(void)
{
	unsigned int cpu, self = arch_cpu_id();

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (cpu != self && arm_cpu_online(cpu))
			irq_send_ipi(cpu, IPI_STOP);
}

/* ---- arch_smp_run ------------------------------------------------------ */

/**
 * arch_smp_run - run @fn(index, @arg) on @nr CPUs at once and wait for all
 * @nr: CPUs wanted; capped at arch_nr_cpus()
 * @fn: the function; index 0 runs on the caller, the others on idle CPUs
 * @arg: passed to every call
 *
 * Not reentrant: calling it from inside @fn panics.
 *
 * Return: how many CPUs ran @fn.
 */
unsigned int arch_smp_run(unsigned int nr, void (*fn)(unsigned int cpu, void *arg),
			  void *arg)
{
	struct smp_work work = { .fn = fn, .arg = arg };
	unsigned int self = arch_cpu_id(), n, index, cpu;

	n = min(nr, arch_nr_cpus());
	if (!n)
		return 0;
	if (__atomic_exchange_n(&smp_running, 1, __ATOMIC_ACQUIRE))
		panic("arm: nested arch_smp_run() on cpu %u is not supported\n", self);
	work.remaining = (int)n - 1;
	for (cpu = 0, index = 1; cpu < CONFIG_NR_CPUS && index < n; cpu++) {
		struct arm_cpu *c = &arm_cpus[cpu];

		if (cpu == self || !arm_cpu_online(cpu))
			continue;
		ASSERT_MSG(!__atomic_load_n(&c->work, __ATOMIC_ACQUIRE), "cpu %u is busy", cpu);
		c->work_index = index++;
		__atomic_store_n(&c->work, &work, __ATOMIC_RELEASE);
		irq_send_ipi(cpu, IPI_WAKEUP);
	}
	ASSERT_MSG(index == n, "found %u of %u CPUs online", index, n);
	fn(0, arg);
	while (__atomic_load_n(&work.remaining, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	__atomic_store_n(&smp_running, 0, __ATOMIC_RELEASE);
	return n;
}

static __noreturn void cpu_idle_loop(struct arm_cpu *c)
{
	for (;;) {
		unsigned long flags;
		struct smp_work *w = __atomic_load_n(&c->work, __ATOMIC_ACQUIRE);

		/* Idle work (contig/idle.h) first, interrupts on; poll again after. */
		if (!w && idle_work())
			continue;
		flags = arch_irq_save();
		w = __atomic_load_n(&c->work, __ATOMIC_ACQUIRE);

		if (!w)
			__asm__ __volatile__("dsb\n\twfi" ::: "memory");
		arch_irq_restore(flags);
		if (!w)
			continue;
		w->fn(c->work_index, w->arg);
		__atomic_store_n(&c->work, NULL, __ATOMIC_RELAXED);
		__atomic_sub_fetch(&w->remaining, 1, __ATOMIC_RELEASE);
	}
}

/* ---- bring-up ------------------------------------------------------------ */

/* Move @c from @from to @to unless another CPU moved it first. */
static bool cpu_state_move(struct arm_cpu *c, int from, int to)
{
	return __atomic_compare_exchange_n(&c->state, &from, to, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

/*
 * A secondary the boot CPU gave up on: stay out of everything, for good.
 * wfe, not wfi: with interrupts masked a pending interrupt (the tick, an
 * SGI the boot loader's stub left) would end every wfi at once.
 */
static __noreturn void cpu_park(void)
{
	arch_irq_save();
	for (;;)
		__asm__ __volatile__("wfe" ::: "memory");
}

/**
 * arm_secondary_start - C entry of a secondary CPU (head.S)
 * @cpu: its logical number
 *
 * Runs on the CPU's own stacks with the MMU on and interrupts masked.
 * Claims its CPU_POSSIBLE state before it touches anything shared, and
 * goes online unless the boot CPU gave up on it meanwhile (then it parks).
 * Never returns.
 */
void arm_secondary_start(unsigned int cpu);
void arm_secondary_start(unsigned int cpu)
{
	struct arm_cpu *c = &arm_cpus[cpu];

	if (!cpu_state_move(c, CPU_POSSIBLE, CPU_STARTING))
		cpu_park();
	irq_cpu_init();
	tick_cpu_start();
	if (!cpu_state_move(c, CPU_STARTING, CPU_ONLINE))
		cpu_park();
	__asm__ __volatile__("dsb ishst\n\tsev" ::: "memory");
	arch_irq_restore(0);
	cpu_idle_loop(c);
}

/* Logical CPUs from /cpus: the boot CPU first. Return: how many. */
static unsigned int read_cpus(const void *fdt, u32 boot_hwid)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	unsigned int n = 1, ignored = 0;
	bool boot_seen = false;

	arm_cpus[0].hwid = boot_hwid;
	arm_cpus[0].state = CPU_ONLINE;
	if (cpus < 0)
		return 1;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg;
		int len;
		u32 hwid;

		if (!type || strcmp(type, "cpu") || !of_node_is_enabled(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < 4) {
			pr_warn("%s has no reg (its MPIDR): ignored\n",
				fdt_get_name(fdt, node, NULL));
			continue;
		}
		hwid = fdt32_to_cpu(reg[0]) & MPIDR_HWID_MASK;
		if (hwid == boot_hwid) {
			boot_seen = true;
			continue;
		}
		if (n == CONFIG_NR_CPUS) {
			ignored++;
			continue;
		}
		arm_cpus[n].hwid = hwid;
		arm_cpus[n].state = CPU_POSSIBLE;
		n++;
	}
	if (!boot_seen)
		pr_warn("the boot CPU (MPIDR %#x) has no /cpus node\n", boot_hwid);
	if (ignored)
		pr_warn("%u CPU(s) of the DT ignored: this kernel supports %d (CONFIG_NR_CPUS)\n",
			ignored, CONFIG_NR_CPUS);
	return n;
}

/*
 * Enable the Cortex-A9 SCU if the DT has one and it is off.
 * Return: the number of cores the SCU reports, 0 without an SCU.
 */
static unsigned int scu_enable(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a9-scu");
	phys_addr_t base, size;
	void __iomem *scu;
	unsigned int cores;
	u32 ctrl;

	if (node < 0 || of_get_reg(fdt, node, 0, &base, &size))
		return 0;
	scu = ioremap(base, size);
	if (!scu) {
		pr_err("cannot map the SCU at %#llx\n", (unsigned long long)base);
		return 0;
	}
	ctrl = readl_relaxed(scu + SCU_CTRL);
	cores = (readl_relaxed(scu + SCU_CONFIG) & 3) + 1;
	pr_info("SCU at %#llx: %u core(s), %s\n", (unsigned long long)base, cores,
		ctrl & SCU_ENABLE ? "enabled" : "enabling");
	if (!(ctrl & SCU_ENABLE)) {
		writel(ctrl | SCU_ENABLE, scu + SCU_CTRL);
		/* Lines cached before the SCU ran are not in its duplicate tags. */
		arm_flush_l1_dcache_all();
	}
	return cores;
}

/*
 * vexpress: the boot loader's stub jumps through SYS_FLAGS once woken.
 * Return: 0, or -ENODEV without a sysreg node.
 */
static int vexpress_set_entry(const void *fdt, phys_addr_t entry)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,vexpress-sysreg");
	phys_addr_t base, size;
	void __iomem *sys;

	if (node < 0 || of_get_reg(fdt, node, 0, &base, &size))
		return -ENODEV;
	sys = ioremap(base, size);
	if (!sys)
		return -ENOMEM;
	writel(~0U, sys + SYS_FLAGSCLR);
	writel((u32)entry, sys + SYS_FLAGSSET);
	return 0;
}

enum smp_method { SMP_NONE, SMP_PSCI, SMP_VEXPRESS };

/* How this board starts its secondary CPUs (see the top of the file). */
static enum smp_method smp_method_of(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;

	fdt_for_each_subnode(node, fdt, cpus) {
		const char *m = fdt_getprop(fdt, node, "enable-method", NULL);

		if (m && !strcmp(m, "psci"))
			return SMP_PSCI;
	}
	if (!fdt_node_check_compatible(fdt, 0, "arm,vexpress"))
		return SMP_VEXPRESS;
	return SMP_NONE;
}

/*
 * Wait, bounded by ARM_CPU_UP_TIMEOUT_MS, until @c is online; at the
 * limit, give up on it (CPU_FAILED) unless it went online just then.
 * Return: true when it is online.
 */
static bool wait_cpu_online(struct arm_cpu *c)
{
	u64 t0 = arch_clock_ns(), limit = (u64)ARM_CPU_UP_TIMEOUT_MS * 1000000;
	unsigned long spins = 0;
	int state;

	/* The clock runs by now; without one, count loops instead. */
	while (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) != CPU_ONLINE) {
		if (arch_clock_ns() ? arch_clock_ns() - t0 > limit : ++spins > (1UL << 28))
			break;
		arch_cpu_relax();
	}
	state = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);
	while (state != CPU_ONLINE && !cpu_state_move(c, state, CPU_FAILED))
		state = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);
	return state == CPU_ONLINE;
}

/*
 * Release CPU @cpu from the pen (PSCI: start it with CPU_ON) and wait for
 * it. The pen is closed again whatever happened.
 * Return: 0 when it came up; -ENODEV when CPU_ON failed (the CPU never
 * ran); -ETIMEDOUT when it did not answer in time: it was released and
 * may still run late, reading arm_secondary_data, which must then stay
 * as it is - no other CPU may be started. Each failure is reported.
 */
static int boot_secondary(unsigned int cpu, u32 ttbr_idmap, enum smp_method method)
{
	struct arm_cpu *c = &arm_cpus[cpu];
	int ret = 0;

	arm_secondary_data.ttbr_idmap = ttbr_idmap;
	arm_secondary_data.ttbr_swapper = arm_ttbr_swapper();
	arm_secondary_data.cpu = cpu;
	arm_secondary_data.stacks = (u32)(uintptr_t)arm_cpu_stacks[cpu];
	arm_clean_to_poc(&arm_secondary_data, sizeof(arm_secondary_data));
	WRITE_ONCE(arm_pen_release, c->hwid);
	arm_clean_to_poc(&arm_pen_release, sizeof(arm_pen_release));
	__asm__ __volatile__("sev" ::: "memory");
	if (method == SMP_PSCI) {
		ret = psci_cpu_on(c->hwid, kimage_phys(secondary_startup));
		if (ret) {
			pr_err("CPU%u (MPIDR %#x): PSCI CPU_ON failed (%s); going on without it\n",
			       cpu, c->hwid, errname(ret));
			cpu_state_move(c, CPU_POSSIBLE, CPU_FAILED);
			ret = -ENODEV;
		}
	}
	if (!ret && !wait_cpu_online(c)) {
		pr_err("CPU%u (MPIDR %#x) did not come up within %d ms; going on without it\n",
		       cpu, c->hwid, ARM_CPU_UP_TIMEOUT_MS);
		ret = -ETIMEDOUT;
	}
	WRITE_ONCE(arm_pen_release, ~0U);
	arm_clean_to_poc(&arm_pen_release, sizeof(arm_pen_release));
	return ret;
}

/* maxcpus= from the raw command line (early_param runs later). */
static unsigned int read_maxcpus(const void *fdt)
{
	unsigned long n;
	char val[16];

	/* A bad value is reported by maxcpus_param(): start every CPU. */
	if (arm_bootargs_get(fdt, "maxcpus", val, sizeof(val)) < 0 || !parse_maxcpus(val, &n))
		return CONFIG_NR_CPUS;
	return (unsigned int)min_t(unsigned long, n, CONFIG_NR_CPUS);
}

/**
 * arm_smp_init - find the other CPUs and bring them up
 * @fdt: the device tree
 *
 * Called by arm_start() on the boot CPU once the interrupt controller and
 * the timer run. Prints which CPUs came up; a CPU that did not is named
 * and left out (arch_nr_cpus() counts those that came up).
 */
void arm_smp_init(const void *fdt)
{
	u32 mpidr, ttbr_idmap;
	unsigned int possible, want, cpu, i, scu_cores;
	enum smp_method method;
	int ret;

	__asm__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	possible = read_cpus(fdt, mpidr & MPIDR_HWID_MASK);
	want = min(possible, read_maxcpus(fdt));
	if (CONFIG_NR_CPUS == 1 || want <= 1) {
		if (possible > 1)
			pr_info("%u CPUs in the DT; running on the boot CPU only (%s)\n",
				possible, CONFIG_NR_CPUS == 1 ? "CONFIG_NR_CPUS=1" : "maxcpus=1");
		return;
	}
	if ((mpidr & (MPIDR_MP | MPIDR_UP)) != MPIDR_MP) {
		pr_warn("the boot CPU is not part of a multiprocessor (MPIDR %#x): "
			"not starting other CPUs\n", mpidr);
		return;
	}
	for (i = 0; i < NR_IPI; i++) {
		ret = request_irq(i, ipi_handler, NULL);
		if (ret) {
			pr_err("cannot attach IPI %u (%s): no interrupt controller? Running on "
			       "the boot CPU only\n", i, errname(ret));
			return;
		}
	}
	method = smp_method_of(fdt);
	if (method == SMP_NONE) {
		pr_warn("no way to start the other CPUs of this board (not arm,vexpress, no "
			"enable-method = \"psci\" in /cpus): running on the boot CPU only\n");
		return;
	}
	if (method == SMP_PSCI && !psci_available()) {
		pr_err("the cpu nodes say enable-method = \"psci\" but there is no usable PSCI "
		       "node (arm,psci-0.2 or later, CONFIG_ARM_PSCI=y): running on the boot "
		       "CPU only\n");
		return;
	}
	scu_cores = scu_enable(fdt);
	ttbr_idmap = arm_build_idmap(kimage_phys(secondary_startup));
	if (method == SMP_VEXPRESS) {
		ret = vexpress_set_entry(fdt, kimage_phys(secondary_startup));
		if (ret) {
			pr_err("no arm,vexpress-sysreg node to hand the CPUs their entry address "
			       "(%s): running on the boot CPU only\n", errname(ret));
			return;
		}
		irq_send_ipi_allbutself(IPI_WAKEUP);
	}

	for (cpu = 1; cpu < want; cpu++) {
		u32 hwid = arm_cpus[cpu].hwid;

		/* A core of this cluster that the SCU says is not there. */
		if (scu_cores && (hwid & ~0xffU) == (mpidr & MPIDR_HWID_MASK & ~0xffU) &&
		    (hwid & 0xff) >= scu_cores) {
			__atomic_store_n(&arm_cpus[cpu].state, CPU_FAILED, __ATOMIC_RELEASE);
			pr_err("CPU%u (MPIDR %#x) not started: the SCU has %u core(s); going on "
			       "without it\n", cpu, hwid, scu_cores);
			continue;
		}
		if (boot_secondary(cpu, ttbr_idmap, method) == -ETIMEDOUT)
			break;
	}
	/* After a timeout: the late CPU would read the next one's start-up data. */
	for (i = cpu + 1; i < want; i++) {
		__atomic_store_n(&arm_cpus[i].state, CPU_FAILED, __ATOMIC_RELEASE);
		pr_err("CPU%u (MPIDR %#x) not started: CPU%u did not answer and may still start "
		       "late, reading the start-up data; going on without it\n", i,
		       arm_cpus[i].hwid, cpu);
	}
	pr_info("%u of %u CPUs online (%s)%s\n", arch_nr_cpus(), possible,
		method == SMP_PSCI ? "PSCI CPU_ON" : "vexpress boot flags",
		want < possible ? ", maxcpus=" : "");
}

/* ---- stacks ---------------------------------------------------------------- */

static const struct {
	const char *name;
	unsigned long top, size;
} stack_layout[] = {
	{ "SVC", CPU_STACK_SVC_TOP, SVC_STACK_SIZE },
	{ "ABT", CPU_STACK_ABT_TOP, EXC_STACK_SIZE },
	{ "UND", CPU_STACK_UND_TOP, EXC_STACK_SIZE },
	{ "IRQ", CPU_STACK_IRQ_TOP, EXC_STACK_SIZE },
	{ "FIQ", CPU_STACK_FIQ_TOP, EXC_STACK_SIZE },
};

/**
 * arm_stack_name - which per-CPU stack (or guard page) @addr is in
 * @addr: a virtual address
 * @cpu: set to the CPU whose block it is in
 * @guard: set when it is the guard page below that stack
 * @size: if not NULL, set to the size of that stack in bytes
 *
 * Return: "SVC", "ABT", ..., or NULL when @addr is in no CPU's block.
 */
const char *arm_stack_name(uintptr_t addr, unsigned int *cpu, bool *guard, unsigned long *size)
{
	uintptr_t base = (uintptr_t)arm_cpu_stacks;
	unsigned long off;
	unsigned int i;

	if (addr < base || addr >= base + sizeof(char[CONFIG_NR_CPUS][CPU_STACKS_SIZE]))
		return NULL;
	*cpu = (unsigned int)((addr - base) / CPU_STACKS_SIZE);
	off = (addr - base) % CPU_STACKS_SIZE;
	for (i = 0; i < ARRAY_SIZE(stack_layout); i++) {
		unsigned long lo = stack_layout[i].top - stack_layout[i].size;

		if (off >= lo - STACK_GUARD_SIZE && off < stack_layout[i].top) {
			*guard = off < lo;
			if (size)
				*size = stack_layout[i].size;
			return stack_layout[i].name;
		}
	}
	return NULL;
}

/**
 * arm_stack_contains - is @addr on one of CPU @cpu's stacks?
 * @cpu: logical CPU
 * @addr: virtual address
 *
 * Return: true inside a stack (not a guard page) of that CPU.
 */
bool arm_stack_contains(unsigned int cpu, uintptr_t addr)
{
	unsigned int c;
	bool guard;

	return arm_stack_name(addr, &c, &guard, NULL) && c == cpu && !guard;
}

/**
 * arm_unmap_stack_guards - unmap the guard page below every stack
 *
 * Called once by arm_start(), for every CPU's block.
 */
void arm_unmap_stack_guards(void)
{
	unsigned int cpu, i;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		for (i = 0; i < ARRAY_SIZE(stack_layout); i++)
			arm_unmap_page_kimage(arm_cpu_stacks[cpu] + stack_layout[i].top -
					      stack_layout[i].size - STACK_GUARD_SIZE);
}
