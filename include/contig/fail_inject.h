/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault injection points (CONFIG_FAIL_INJECT, mm/fail_inject.c).
 *
 * A point is a place in the carve path that can be told to fail: its Nth
 * call after it was armed fails, or (every) each Nth call. Boot arms
 * points with fail_inject=<point>:<nth>[:every][,...]; ktest arms them
 * with fail_inject_set(). Without CONFIG_FAIL_INJECT, fail_inject() is a
 * constant false, the points cost nothing and fail_inject= is refused.
 * Documentation/dev-tools/testing.rst describes the points and their
 * tests.
 */
#ifndef _CONTIG_FAIL_INJECT_H
#define _CONTIG_FAIL_INJECT_H

#include <contig/types.h>

enum fail_point {
	FAIL_MIGRATE_TARGET, /* the allocation of a migration target: NULL */
	FAIL_ISOLATE,        /* isolating one pageblock of a carve: -EBUSY */
	FAIL_TEST_ISOLATED,  /* test_pages_isolated(): -EBUSY */
	FAIL_TAKE,           /* take_isolated_free_range(): -EBUSY */
	NR_FAIL_POINTS
};

bool __fail_inject(enum fail_point point);
/* Bit P set: point P is armed (fail_inject_set()). */
extern unsigned int fail_inject_armed;

/*
 * Whether @point is armed: one load, constant false without
 * CONFIG_FAIL_INJECT. A caller that asks per item may skip its loop when not.
 */
static inline bool fail_inject_is_armed(enum fail_point point)
{
	return IS_ENABLED(CONFIG_FAIL_INJECT) &&
	       (__atomic_load_n(&fail_inject_armed, __ATOMIC_RELAXED) & (1u << point));
}

/*
 * True when this call of @point must fail (the call is counted when the
 * point is armed). Constant false without CONFIG_FAIL_INJECT; one load
 * while the point is disarmed.
 */
static inline bool fail_inject(enum fail_point point)
{
	return fail_inject_is_armed(point) && __fail_inject(point);
}

/*
 * Arm @point: its @nth call from now fails, or with @every each @nth call.
 * @nth 0 disarms it. Return: 0, -EINVAL for a bad point or @nth, or
 * -EOPNOTSUPP without CONFIG_FAIL_INJECT.
 */
int fail_inject_set(enum fail_point point, unsigned long nth, bool every);
/* Disarm every point. */
void fail_inject_clear(void);
/* Calls of @point and failures injected since it was last armed. */
unsigned long fail_inject_calls(enum fail_point point);
unsigned long fail_inject_failures(enum fail_point point);
/* The name fail_inject= uses for @point ("take"), or NULL. */
const char *fail_inject_name(enum fail_point point);

#endif /* _CONTIG_FAIL_INJECT_H */
