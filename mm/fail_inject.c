// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection points for the carve path (CONFIG_FAIL_INJECT).
 *
 * Each point has a trigger (nth call, and whether it repeats) and two
 * counters: calls seen and failures injected since it was armed. A call
 * of fail_inject() on an armed point takes a ticket with an atomic
 * increment, so concurrent carves on several CPUs still fail exactly the
 * calls asked for: with nth = 3 the third ticket fails, with every also
 * the sixth, the ninth and so on. Disarmed points cost one atomic load.
 *
 * The points (include/contig/fail_inject.h) sit where the carve can fail
 * for real: a migration target that cannot be allocated (the page stays
 * where it is), a pageblock that cannot be isolated (a long-term pinned
 * or unmovable page), a range that does not test isolated (a page freed
 * late or taken back), and a take that finds a page gone. A failure
 * injected there must be rolled back like the real one:
 * tests/ktest/fail_inject_test.c checks that for every call in turn.
 *
 * fail_inject=<point>:<nth>[:every][,<point>:<nth>[:every]...] arms
 * points at boot; each bad entry gets one message and is ignored.
 */
#define pr_fmt(fmt) "fail_inject: " fmt

#include <contig/atomic.h>
#include <contig/errno.h>
#include <contig/fail_inject.h>
#include <contig/kernel.h>
#include <contig/params.h>
#include <contig/printk.h>
#include <contig/string.h>

struct fail_point_state {
	atomic_long_t nth;      /* 0: disarmed */
	atomic_long_t every;
	atomic_long_t calls;
	atomic_long_t failures;
};

static struct fail_point_state points[NR_FAIL_POINTS];
unsigned int fail_inject_armed;

#define FAIL_NTH_MAX (~0UL >> 1)

static const char *const point_names[NR_FAIL_POINTS] = {
	[FAIL_MIGRATE_TARGET] = "migrate_target",
	[FAIL_ISOLATE] = "isolate",
	[FAIL_TEST_ISOLATED] = "test_isolated",
	[FAIL_TAKE] = "take",
};

/**
 * __fail_inject - should this call of a point fail? (use fail_inject())
 * @point: the point
 *
 * Return: true for the call (or calls) the point was armed to fail.
 */
bool __fail_inject(enum fail_point point)
{
	struct fail_point_state *p = &points[point];
	long nth = atomic_long_read(&p->nth), ticket;

	if (!nth)
		return false;
	ticket = atomic_long_add_return(1, &p->calls);
	if (atomic_long_read(&p->every) ? ticket % nth != 0 : ticket != nth)
		return false;
	atomic_long_add_return(1, &p->failures);
	return true;
}

/**
 * fail_inject_set - arm or disarm a point
 * @point: the point
 * @nth: the call that fails (1: the next one); 0 disarms the point
 * @every: fail each @nth call, not only the first
 *
 * The counters restart from zero.
 * Return: 0, or -EINVAL when @point is not a point.
 */
int fail_inject_set(enum fail_point point, unsigned long nth, bool every)
{
	struct fail_point_state *p;

	if (!IS_ENABLED(CONFIG_FAIL_INJECT))
		return -EOPNOTSUPP;
	if ((unsigned int)point >= NR_FAIL_POINTS || nth > FAIL_NTH_MAX)
		return -EINVAL;
	p = &points[point];
	__atomic_fetch_and(&fail_inject_armed, ~(1u << point), __ATOMIC_RELAXED);
	atomic_long_set(&p->nth, 0);
	atomic_long_set(&p->calls, 0);
	atomic_long_set(&p->failures, 0);
	atomic_long_set(&p->every, every);
	atomic_long_set(&p->nth, (long)nth);
	if (nth)
		__atomic_fetch_or(&fail_inject_armed, 1u << point, __ATOMIC_RELAXED);
	return 0;
}

/** fail_inject_clear - disarm every point */
void fail_inject_clear(void)
{
	unsigned int i;

	for (i = 0; i < NR_FAIL_POINTS; i++)
		fail_inject_set(i, 0, false);
}

/** fail_inject_calls - calls of @point since it was armed */
unsigned long fail_inject_calls(enum fail_point point)
{
	return (unsigned int)point < NR_FAIL_POINTS ?
		       (unsigned long)atomic_long_read(&points[point].calls) : 0;
}

/** fail_inject_failures - failures @point injected since it was armed */
unsigned long fail_inject_failures(enum fail_point point)
{
	return (unsigned int)point < NR_FAIL_POINTS ?
		       (unsigned long)atomic_long_read(&points[point].failures) : 0;
}

/** fail_inject_name - the name of @point in fail_inject=, or NULL */
const char *fail_inject_name(enum fail_point point)
{
	return (unsigned int)point < NR_FAIL_POINTS ? point_names[point] : NULL;
}

#define FAIL_INJECT_HINT \
	"write fail_inject=<point>:<nth>[:every] with point migrate_target, isolate, test_isolated or take and nth >= 1"

/* One "point:nth[:every]" entry of fail_inject= (@len characters at @s). */
static void parse_entry(const char *s, size_t len)
{
	char buf[64], *f[3] = { buf, NULL, NULL };
	unsigned int nf = 1, i;
	const char *end;
	bool ovf = false;
	u64 nth;
	int point = -1;

	if (len >= sizeof(buf)) {
		pr_err("fail_inject=%.*s...: entry too long; %s; entry ignored\n", 24, s,
		       FAIL_INJECT_HINT);
		return;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (i = 0; i < len; i++) {
		if (buf[i] != ':')
			continue;
		if (nf == ARRAY_SIZE(f)) {
			pr_err("fail_inject=%.*s: too many ':' fields; %s; entry ignored\n", (int)len, s,
			       FAIL_INJECT_HINT);
			return;
		}
		buf[i] = '\0';
		f[nf++] = &buf[i + 1];
	}
	for (i = 0; i < NR_FAIL_POINTS; i++)
		if (!strcmp(f[0], point_names[i]))
			point = (int)i;
	if (point < 0) {
		pr_err("fail_inject=%.*s: unknown point \"%s\"; %s; entry ignored\n", (int)len, s, f[0],
		       FAIL_INJECT_HINT);
		return;
	}
	if (nf < 2) {
		pr_err("fail_inject=%.*s: missing :<nth>; %s; entry ignored\n", (int)len, s,
		       FAIL_INJECT_HINT);
		return;
	}
	nth = memparse(f[1], &end, &ovf);
	if (end == f[1] || *end || ovf || nth == 0 || nth > FAIL_NTH_MAX) {
		pr_err("fail_inject=%.*s: bad call number \"%s\"; %s; entry ignored\n", (int)len, s,
		       f[1], FAIL_INJECT_HINT);
		return;
	}
	if (nf == 3 && strcmp(f[2], "every")) {
		pr_err("fail_inject=%.*s: unknown flag \"%s\" (only \"every\"); %s; entry ignored\n",
		       (int)len, s, f[2], FAIL_INJECT_HINT);
		return;
	}
	fail_inject_set(point, (unsigned long)nth, nf == 3);
	pr_info("%s fails at call %llu%s\n", f[0], (unsigned long long)nth,
		nf == 3 ? " and every multiple of it" : "");
}

static int fail_inject_setup(const char *val)
{
	const char *p = val, *comma;

	if (!IS_ENABLED(CONFIG_FAIL_INJECT)) {
		pr_err("fail_inject=%s: this kernel has no fault injection points; build it with CONFIG_FAIL_INJECT=y; ignored\n",
		       val ? val : "");
		return -EOPNOTSUPP;
	}
	if (!val || !*val) {
		pr_err("fail_inject needs a value; %s\n", FAIL_INJECT_HINT);
		return -EINVAL;
	}
	for (;;) {
		comma = strchr(p, ',');
		if ((comma ? comma : p + strlen(p)) == p)
			pr_err("fail_inject=%s: empty entry (two commas or a comma at an end); %s; entry ignored\n",
			       val, FAIL_INJECT_HINT);
		else
			parse_entry(p, comma ? (size_t)(comma - p) : strlen(p));
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}
early_param("fail_inject", fail_inject_setup);
