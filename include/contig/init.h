/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot actions: what the kernel does once it is up, each asked for by a
 * boot parameter. start_kernel() (init/main.c) runs them from the linker
 * section contig_init_actions, so the applications (app/) register theirs
 * beside their code and init/ never calls them by name:
 *
 *   static int demo_action(const char *arg, int status)
 *   {
 *           return demo_run() ? EXIT_TESTS_FAILED : status;
 *   }
 *   init_action("demo", INIT_ORDER_DEMO, INIT_ACTION_DEFAULT, demo_action);
 *
 * The actions asked for run in their order, each getting the status the
 * ones before left (0 at first) and returning the status to go on with;
 * the machine powers off with the last one.
 */
#ifndef _CONTIG_INIT_H
#define _CONTIG_INIT_H

#include <contig/compiler.h>
#include <contig/types.h>

/* Run orders: the tests first, the interactive shell last. */
enum {
	INIT_ORDER_KTEST = 10,	  /* ktest=FILTER */
	INIT_ORDER_BENCH = 20,	  /* bench=NAME */
	INIT_ORDER_DEMO = 30,	  /* demo */
	INIT_ORDER_PIPELINE = 40, /* pipeline[=N] */
	INIT_ORDER_MMCHECK = 50,  /* mmcheck */
	INIT_ORDER_SHELL = 90,	  /* shell */
};

/* Runs when no other action was asked for (the demo). */
#define INIT_ACTION_DEFAULT 0x1
/* Asking for it alone still runs the default action (a check: mmcheck). */
#define INIT_ACTION_CHECK 0x2

/**
 * struct init_action - one boot action
 * @param: the boot parameter that asks for it ("bench" for bench=NAME)
 * @order: when it runs (INIT_ORDER_*; equal orders in link order)
 * @flags: INIT_ACTION_DEFAULT, INIT_ACTION_CHECK
 * @run: the action; @arg is the parameter's value ("" when it has none,
 *       NULL when a default action runs without being asked for),
 *       @status what the actions before left. Returns the status to go on
 *       with: @status, or EXIT_TESTS_FAILED when the action failed.
 */
struct init_action {
	const char *param;
	unsigned int order;
	unsigned int flags;
	int (*run)(const char *arg, int status);
};

#define init_action(param, order, flags, fn)                                 \
	static const struct init_action __init_action_##fn = { param, order, \
							       flags, fn };  \
	static const struct init_action *const __init_action_ptr_##fn __used \
		__section("contig_init_actions") __aligned(sizeof(void *)) = \
			&__init_action_##fn

#endif /* _CONTIG_INIT_H */
