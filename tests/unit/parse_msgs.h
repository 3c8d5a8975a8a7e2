/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Message sink for the parser unit tests: the parsers report each error
 * through a callback; the tests keep the first few and count them all.
 */
#ifndef _TESTS_UNIT_PARSE_MSGS_H
#define _TESTS_UNIT_PARSE_MSGS_H

#define MAX_MSGS 8

static char msgs[MAX_MSGS][320];
static int nr_msgs;

static void collect(void *ctx, const char *msg)
{
	(void)ctx;
	if (nr_msgs < MAX_MSGS)
		strscpy_trunc(msgs[nr_msgs], msg, sizeof(msgs[0]));
	nr_msgs++;
}

static void msgs_reset(void)
{
	nr_msgs = 0;
	memset(msgs, 0, sizeof(msgs));
}

#endif /* _TESTS_UNIT_PARSE_MSGS_H */
