// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host signals and backtraces: SIGSEGV/SIGBUS are the hosted kernel's page
 * faults (arch/host/fault.c says what they mean). Nothing here allocates.
 */
#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "host_os.h"

static void (*fault_handler)(enum os_fault kind, uintptr_t addr);

static void on_fault(int sig, siginfo_t *si, void *ucontext)
{
	fault_handler(sig == SIGBUS ? OS_FAULT_BUS : OS_FAULT_SEGV,
		      (uintptr_t)si->si_addr);
}

void os_fault_handler_install(void (*handler)(enum os_fault kind,
					      uintptr_t addr))
{
	struct sigaction sa;

	fault_handler = handler;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void os_fault_stack(void *stack, size_t size)
{
	stack_t ss = { .ss_sp = stack,
		       .ss_size = size,
		       .ss_flags = stack ? 0 : SS_DISABLE };

	sigaltstack(&ss, NULL);
}

void os_backtrace_init(void)
{
	void *frame;

	/* backtrace() loads libgcc on first use. */
	backtrace(&frame, 1);
}

void os_backtrace(void)
{
	void *frames[64];
	int n = backtrace(frames, 64);

	backtrace_symbols_fd(frames, n, STDOUT_FILENO);
}
