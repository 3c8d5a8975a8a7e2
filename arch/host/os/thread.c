// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host time, threads and locks: CLOCK_MONOTONIC and POSIX threads, in the
 * opaque storage of host_os.h (checked here to be large enough).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>

#include "host_os.h"

_Static_assert(sizeof(pthread_t) <= sizeof(struct os_thread),
	       "struct os_thread too small");
_Static_assert(sizeof(pthread_mutex_t) <= sizeof(struct os_mutex),
	       "struct os_mutex too small");
_Static_assert(sizeof(pthread_cond_t) <= sizeof(struct os_cond),
	       "struct os_cond too small");

#define MUTEX(m) ((pthread_mutex_t *)(void *)(m)->opaque)
#define COND(c) ((pthread_cond_t *)(void *)(c)->opaque)

u64 os_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

void os_yield(void)
{
	sched_yield();
}

int os_thread_start(struct os_thread *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t th;
	int err;

	pthread_attr_init(&attr);
	if (!t)
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&th, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	if (err)
		return -err;
	if (t)
		memcpy(&t->handle, &th, sizeof(th));
	return 0;
}

int os_thread_join(struct os_thread *t)
{
	pthread_t th;

	memcpy(&th, &t->handle, sizeof(th));
	return -pthread_join(th, NULL);
}

void os_mutex_init(struct os_mutex *m)
{
	static const pthread_mutex_t init = PTHREAD_MUTEX_INITIALIZER;
	static const struct os_mutex zero;

	/* OS_MUTEX_INIT (all zero) must be PTHREAD_MUTEX_INITIALIZER. */
	if (memcmp(&init, &zero, sizeof(init)))
		__builtin_trap();
	pthread_mutex_init(MUTEX(m), NULL);
}

void os_mutex_lock(struct os_mutex *m)
{
	pthread_mutex_lock(MUTEX(m));
}

void os_mutex_unlock(struct os_mutex *m)
{
	pthread_mutex_unlock(MUTEX(m));
}

void os_cond_init(struct os_cond *c)
{
	pthread_condattr_t ca;

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(COND(c), &ca);
	pthread_condattr_destroy(&ca);
}

void os_cond_wait(struct os_cond *c, struct os_mutex *m)
{
	pthread_cond_wait(COND(c), MUTEX(m));
}

bool os_cond_wait_until(struct os_cond *c, struct os_mutex *m, u64 deadline_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(deadline_ns / 1000000000ULL),
		.tv_nsec = (long)(deadline_ns % 1000000000ULL),
	};

	return pthread_cond_timedwait(COND(c), MUTEX(m), &ts) != ETIMEDOUT;
}

void os_cond_signal(struct os_cond *c)
{
	pthread_cond_signal(COND(c));
}

void os_cond_broadcast(struct os_cond *c)
{
	pthread_cond_broadcast(COND(c));
}
