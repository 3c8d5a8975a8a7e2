// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest: the in-kernel test runner.
 *
 * Suites are collected by the linker: ktest_register() drops a pointer to
 * each struct ktest_suite into the section "contig_ktest_suites", and the
 * runner walks __start_contig_ktest_suites .. __stop_contig_ktest_suites
 * (weak, so an image without suites still links).
 *
 * Output is KTAP version 1 (Linux's Documentation/dev-tools/ktap.rst):
 *
 *   KTAP version 1
 *   1..<suites selected>
 *       KTAP version 1
 *       # Subtest: <suite>
 *       1..<cases>
 *       # <file>:<line>: <message>      (diagnostics of a failing case)
 *       not ok 1 <case>
 *       ok 2 <case> # SKIP <reason>
 *   ok 1 <suite>
 *   # ktest: P passed, F failed, S skipped
 *
 * Every suite ends with one extra case per registered check
 * (ktest_register_check(), section "contig_ktest_checks"): with
 * CONFIG_DEBUG_MM, mm registers "<suite>_leaves_mm_consistent", which runs
 * mm_check_consistency(true) and fails when the suite left the mm
 * inconsistent. The checks are part of the suite's plan, so the plan line
 * stays exact.
 *
 * Cases run one at a time on the calling CPU; a case may start other CPUs
 * (arch_smp_run()), so ktest_fail()/ktest_info() may be called from any
 * CPU and are serialised by ktest_lock.
 */
#define pr_fmt(fmt) "ktest: " fmt

#include <contig/idle.h>
#include <contig/ktest.h>
#include <contig/spinlock.h>
#include <contig/string.h>

extern struct ktest_suite *const __start_contig_ktest_suites[] __attribute__((weak));
extern struct ktest_suite *const __stop_contig_ktest_suites[] __attribute__((weak));
extern const struct ktest_check *const __start_contig_ktest_checks[] __attribute__((weak));
extern const struct ktest_check *const __stop_contig_ktest_checks[] __attribute__((weak));

static unsigned int nr_checks(void)
{
	if (!__start_contig_ktest_checks || !__stop_contig_ktest_checks)
		return 0;
	return (unsigned int)(__stop_contig_ktest_checks - __start_contig_ktest_checks);
}

#define KTEST_FILTER_MAX 256
#define KTEST_MAX_TOKENS 32

static DEFINE_SPINLOCK(ktest_lock);

struct ktest_totals {
	unsigned int passed, failed, skipped;
};

static struct ktest_suite *const *suites_begin(void)
{
	return __start_contig_ktest_suites;
}

static unsigned int suites_count(void)
{
	if (!__start_contig_ktest_suites || !__stop_contig_ktest_suites)
		return 0;
	return (unsigned int)(__stop_contig_ktest_suites - __start_contig_ktest_suites);
}

static unsigned int suite_nr_cases(const struct ktest_suite *s)
{
	unsigned int n = 0;

	while (s->cases && s->cases[n].run)
		n++;
	return n;
}

/**
 * ktest_fail - record a failure of @t and print where it happened
 * Prints "    # file:line: message" (a KTAP diagnostic) before the case's
 * result line. Safe to call from any CPU.
 */
void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	const char *base = strrchr(file, '/');
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	spin_lock(&ktest_lock);
	__atomic_store_n(&t->failed, true, __ATOMIC_RELAXED);
	spin_unlock(&ktest_lock);
	printk("    # %s:%d: %s\n", base ? base + 1 : file, line, msg);
}

/**
 * ktest_skip - mark @t skipped with a reason (printed after "# SKIP")
 * The case function should return right after calling it.
 */
void ktest_skip(struct ktest *t, const char *fmt, ...)
{
	va_list ap;

	spin_lock(&ktest_lock);
	va_start(ap, fmt);
	vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	t->skipped = true;
	spin_unlock(&ktest_lock);
}

/**
 * ktest_info - print a diagnostic line "# ..." inside the running case
 */
void ktest_info(struct ktest *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	(void)t;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("    # %s\n", msg);
}

static void report_case(unsigned int idx, const char *name, const struct ktest *t,
			struct ktest_totals *tot)
{
	bool failed = __atomic_load_n(&t->failed, __ATOMIC_RELAXED);

	if (failed) {
		printk("    not ok %u %s\n", idx, name);
		tot->failed++;
	} else if (t->skipped) {
		printk("    ok %u %s # SKIP %s\n", idx, name, t->skip_reason);
		tot->skipped++;
	} else {
		printk("    ok %u %s\n", idx, name);
		tot->passed++;
	}
}

/*
 * Run every case of @s and print its subtest block; the suite's own result
 * line is printed by the caller. Returns the number of failed cases.
 */
static unsigned int run_suite(const struct ktest_suite *s, unsigned int idx,
			      struct ktest_totals *tot)
{
	unsigned int nr = suite_nr_cases(s), i, failed = 0, skipped = 0;
	unsigned int checks = nr_checks();
	struct ktest t;

	printk("    KTAP version 1\n");
	printk("    # Subtest: %s\n", s->name);
	printk("    1..%u\n", nr + checks);

	for (i = 0; i < nr; i++) {
		const struct ktest_case *c = &s->cases[i];
		bool init_ok = true;

		memset(&t, 0, sizeof(t));
		t.name = c->name;
		if (s->init) {
			int err = s->init(&t);

			if (err) {
				init_ok = false;
				ktest_fail(&t, __FILE__, __LINE__,
					   "suite init failed with %d", err);
			}
		}
		if (!t.failed && !t.skipped)
			c->run(&t);
		if (s->exit && init_ok)
			s->exit(&t);
		report_case(i + 1, c->name, &t, tot);
		if (t.failed)
			failed++;
		else if (t.skipped)
			skipped++;
	}

	for (i = 0; i < checks; i++) {
		const struct ktest_check *chk = __start_contig_ktest_checks[i];
		char name[96];
		unsigned long bad;

		snprintf(name, sizeof(name), "%s_%s", s->name, chk->name);
		memset(&t, 0, sizeof(t));
		t.name = name;
		bad = chk->run();
		if (bad)
			ktest_fail(&t, __FILE__, __LINE__,
				   "%s found %lu inconsistencies after suite %s",
				   chk->what, bad, s->name);
		report_case(nr + 1 + i, name, &t, tot);
		if (t.failed)
			failed++;
	}

	if (failed)
		printk("not ok %u %s\n", idx, s->name);
	else if (nr && skipped == nr)
		printk("ok %u %s # SKIP all cases skipped\n", idx, s->name);
	else
		printk("ok %u %s\n", idx, s->name);
	return failed;
}

static bool name_matches(const char *pattern, const char *name)
{
	size_t len = strlen(pattern);

	if (len && pattern[len - 1] == '*')
		return strncmp(pattern, name, len - 1) == 0;
	return strcmp(pattern, name) == 0;
}

/* Split @buf in place at commas; empty tokens are dropped. */
static unsigned int split_filter(char *buf, char **tok, unsigned int max)
{
	unsigned int n = 0;
	char *p = buf;

	while (*p && n < max) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		if (*p)
			tok[n++] = p;
		if (!comma)
			break;
		p = comma + 1;
	}
	return n;
}

/**
 * ktest_run - run the suites selected by @filter and print KTAP
 * @filter: "all", or a comma-separated list of suite names, where a name
 * ending in '*' selects every suite with that prefix. A name that selects
 * no suite is reported as a failed suite of its own.
 * "list" prints the suites (ktest_list()) instead of running them.
 * Return: the number of failed cases (plus one per unknown name).
 */
int ktest_run(const char *filter)
{
	unsigned int nsuites = suites_count(), ntok, i, j, planned = 0, idx = 0;
	struct ktest_suite *const *all = suites_begin();
	char buf[KTEST_FILTER_MAX];
	char *tok[KTEST_MAX_TOKENS];
	bool selected_any[KTEST_MAX_TOKENS];
	struct ktest_totals tot = { 0, 0, 0 };
	int failed = 0;

	if (!filter || !*filter)
		filter = "all";
	if (!strcmp(filter, "list")) {
		ktest_list();
		return 0;
	}
	if (strlen(filter) >= sizeof(buf)) {
		pr_err("filter \"%s\" is longer than %d characters; name fewer suites or use a prefix*\n",
		       filter, KTEST_FILTER_MAX - 1);
		return 1;
	}
	strscpy_trunc(buf, filter, sizeof(buf));
	ntok = split_filter(buf, tok, KTEST_MAX_TOKENS);
	if (!ntok) {
		tok[0] = "all";
		ntok = 1;
	}

	/* Plan: every selected suite once (in link order) + unknown names. */
	for (j = 0; j < ntok; j++)
		selected_any[j] = false;
	for (i = 0; i < nsuites; i++) {
		bool sel = false;

		for (j = 0; j < ntok; j++) {
			if (!strcmp(tok[j], "all") || name_matches(tok[j], all[i]->name)) {
				selected_any[j] = true;
				sel = true;
			}
		}
		if (sel)
			planned++;
	}
	for (j = 0; j < ntok; j++)
		if (!selected_any[j])
			planned++;

	printk("KTAP version 1\n");
	printk("1..%u\n", planned);
	/* No idle job runs behind a test; suites call the jobs themselves. */
	idle_work_hold();

	for (i = 0; i < nsuites; i++) {
		bool sel = false;

		for (j = 0; j < ntok; j++)
			if (!strcmp(tok[j], "all") || name_matches(tok[j], all[i]->name))
				sel = true;
		if (!sel)
			continue;
		failed += (int)run_suite(all[i], ++idx, &tot);
	}
	for (j = 0; j < ntok; j++) {
		if (selected_any[j])
			continue;
		printk("# ktest: error: no suite matches \"%s\"; ktest=list shows the suites\n",
		       tok[j]);
		printk("not ok %u %s\n", ++idx, tok[j]);
		tot.failed++;
		failed++;
	}
	idle_work_release();
	printk("# ktest: %u passed, %u failed, %u skipped\n", tot.passed, tot.failed,
	       tot.skipped);
	return failed;
}

/**
 * ktest_list - print every registered suite with its cases
 */
void ktest_list(void)
{
	struct ktest_suite *const *all = suites_begin();
	unsigned int nsuites = suites_count(), i, c;

	printk("# ktest: %u suites\n", nsuites);
	for (i = 0; i < nsuites; i++) {
		unsigned int nr = suite_nr_cases(all[i]);

		printk("%s (%u cases)\n", all[i]->name, nr);
		for (c = 0; c < nr; c++)
			printk("    %s\n", all[i]->cases[c].name);
	}
}
