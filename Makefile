# SPDX-License-Identifier: GPL-2.0-only
#
# contig build. Out of tree into build/<arch>[-<san>]/, objects mirror the
# source paths, parallel (-j) and incremental (gcc -MMD -MP; every object
# depends on the generated autoconf.h through its .d file).
#
#   make [ARCH=host]          build/host/contig and every dts/**/*.dtb
#   make ARCH=host SAN=asan   build/host-asan/contig (ASan + UBSan)
#   make ARCH=host SAN=tsan   build/host-tsan/contig (ThreadSanitizer)
#   make unit                 build/host/unit/<name> for tests/unit/*_test.c
#   make dtbs                 build/dtb/**/*.dtb
#   make defconfig | olddefconfig | savedefconfig | menuconfig
#   make run | check | bench  (install missing Debian packages first)
#   make clean | distclean
#
# Sources are found with wildcards: every .c under mm/ lib/ init/ drivers/,
# tests/ktest/ when CONFIG_KTEST=y, and every .c and .S under arch/$(ARCH)/.
# Adding a file needs no Makefile change.
#
# V=1 prints the full commands; W=error turns warnings into errors.

ARCH ?= host
SAN ?=
V ?= 0
W ?=

ifeq ($(filter host arm,$(ARCH)),)
$(error ARCH=$(ARCH) is not supported: use ARCH=host or ARCH=arm)
endif
ifneq ($(SAN),)
ifneq ($(ARCH),host)
$(error SAN=$(SAN) needs ARCH=host: the sanitizers run only in the hosted port)
endif
ifeq ($(filter asan tsan,$(SAN)),)
$(error SAN=$(SAN) is not supported: use SAN=asan (ASan+UBSan) or SAN=tsan)
endif
endif

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-9s %s\n'
endif

MAKEFLAGS += --no-builtin-rules --no-print-directory
.SUFFIXES:
.DELETE_ON_ERROR:

PY := /usr/bin/python3
NPROC := $(shell nproc 2>/dev/null || echo 2)

# ---- directories ------------------------------------------------------
# The sanitizer builds share build/host's configuration.
CFGDIR := build/$(ARCH)
O := build/$(ARCH)$(if $(SAN),-$(SAN))
KCONFIG_CONFIG := $(CFGDIR)/.config
GENDIR := $(CFGDIR)/include/generated
AUTOCONF := $(GENDIR)/autoconf.h
KCONFIG_STAMP := $(GENDIR)/.autoconf.stamp
KCONFIG_FILES := $(wildcard Kconfig */Kconfig arch/$(ARCH)/Kconfig)
KCONFIG_ENV := ARCH=$(ARCH) srctree=$(CURDIR) KCONFIG_CONFIG=$(KCONFIG_CONFIG)
DEFCONFIG := configs/$(ARCH)_defconfig

DTBDIR := build/dtb
DEFAULT_DTB := $(DTBDIR)/vexpress-a9.dtb

# Goals that must not read (or create) .config: they either manage it
# themselves or drive a sub-make that does.
NOCONFIG_GOALS := clean distclean help install-deps install-deps-arm \
		  run check bench defconfig olddefconfig savedefconfig \
		  menuconfig dtbs ktap-selftest
ifneq ($(filter-out $(NOCONFIG_GOALS),$(MAKECMDGOALS)),)
NEED_CONFIG := 1
else ifeq ($(MAKECMDGOALS),)
NEED_CONFIG := 1
endif

ifeq ($(NEED_CONFIG),1)
-include $(KCONFIG_CONFIG)
endif

# ---- toolchain ----------------------------------------------------------
ifeq ($(ARCH),arm)
CROSS_COMPILE ?= arm-none-eabi-
endif
ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc
endif
HOSTCC ?= gcc
DTC ?= dtc
CPP_DTS ?= cpp

# ---- flags --------------------------------------------------------------
COMMON_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-Wno-sign-compare -Werror=implicit-function-declaration \
	-fno-strict-aliasing
ifeq ($(W),error)
COMMON_CFLAGS += -Werror
endif
CPPFLAGS := -include $(AUTOCONF) -include include/contig/kconfig.h \
	-Iinclude -Iarch/$(ARCH)/include -I$(CFGDIR)/include
PORTABLE_CFLAGS := -ffreestanding

ifeq ($(ARCH),host)
ARCH_CFLAGS := -D_GNU_SOURCE
ARCH_AFLAGS := -DHOST_DEFAULT_DTB=\"$(DEFAULT_DTB)\"
ARCH_LDLIBS := -lfdt -lpthread
ARCH_LDFLAGS := -rdynamic
TARGET := $(O)/contig
else
# The ARM issue fills these in (linker script, newlib, libfdt for armhf).
ARCH_CFLAGS := -mcpu=cortex-a9 -marm
ARCH_AFLAGS := -D__ASSEMBLY__
ARCH_LDLIBS :=
ARCH_LDFLAGS := $(if $(wildcard arch/arm/contig.lds),-T arch/arm/contig.lds)
TARGET := $(O)/contig.elf
endif

SAN_FLAGS :=
ifeq ($(SAN),asan)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
endif
ifeq ($(SAN),tsan)
SAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
endif

EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

# ---- sources ------------------------------------------------------------
find-src = $(sort $(shell find $(1) -type f -name '$(2)' 2>/dev/null))

PORTABLE_DIRS := mm lib init drivers $(if $(filter y,$(CONFIG_KTEST)),tests/ktest)
PORTABLE_SRCS := $(call find-src,$(PORTABLE_DIRS),*.c)
ARCH_C_SRCS := $(call find-src,arch/$(ARCH),*.c)
ARCH_S_SRCS := $(call find-src,arch/$(ARCH),*.S)

OBJS := $(patsubst %.c,$(O)/%.o,$(PORTABLE_SRCS) $(ARCH_C_SRCS)) \
	$(patsubst %.S,$(O)/%.o,$(ARCH_S_SRCS))

DTS_SRCS := $(call find-src,dts,*.dts)
DTBS := $(patsubst dts/%.dts,$(DTBDIR)/%.dtb,$(DTS_SRCS))

UNIT_TESTS := $(sort $(wildcard tests/unit/*_test.c))
UNITDIR := build/host/unit
UNIT_BINS := $(patsubst tests/unit/%.c,$(UNITDIR)/%,$(UNIT_TESTS))

# ---- top-level goals --------------------------------------------------------
.PHONY: all dtbs unit clean distclean help defconfig olddefconfig \
	savedefconfig menuconfig install-deps install-deps-arm run check \
	bench ktap-selftest FORCE

ifeq ($(ARCH),arm)
ifeq ($(ARCH_C_SRCS)$(ARCH_S_SRCS),)
all:
	@echo "make ARCH=arm: the ARM port is not in the tree yet (arch/arm/ has no" \
	      "sources); use ARCH=host." >&2
	@exit 1
else
all: $(TARGET) $(DTBS)
endif
else ifneq ($(SAN),)
all: $(TARGET)
else
all: $(TARGET) $(DTBS)
endif

dtbs: $(DTBS)

# ---- configuration ----------------------------------------------------------
KCONFIG_MISSING := echo "kconfiglib is missing: run scripts/install-deps.sh" \
	"(Debian package python3-kconfiglib, used with /usr/bin/python3)" >&2; exit 1

# The first build starts from the defconfig.
$(KCONFIG_CONFIG):
	@mkdir -p $(@D)
	$(quiet) DEFCONFIG $(DEFCONFIG)
	$(Q)$(KCONFIG_ENV) $(PY) -m defconfig --kconfig Kconfig $(DEFCONFIG) \
		>/dev/null || { $(KCONFIG_MISSING); }

# Refresh .config against the Kconfig files and regenerate autoconf.h.
# genconfig leaves autoconf.h alone when its contents do not change, so
# objects are rebuilt only when a value really changed.
$(KCONFIG_STAMP): $(KCONFIG_CONFIG) $(KCONFIG_FILES)
	@mkdir -p $(@D)
	$(quiet) GEN $(AUTOCONF)
	$(Q)$(KCONFIG_ENV) $(PY) -m olddefconfig Kconfig >/dev/null || { $(KCONFIG_MISSING); }
	$(Q)$(KCONFIG_ENV) $(PY) -m genconfig --header-path $(AUTOCONF) Kconfig \
		>/dev/null
	$(Q)touch $@

$(AUTOCONF): $(KCONFIG_STAMP) ;

defconfig:
	@mkdir -p $(CFGDIR)
	$(Q)$(KCONFIG_ENV) $(PY) -m defconfig --kconfig Kconfig $(DEFCONFIG)

olddefconfig:
	@mkdir -p $(CFGDIR)
	$(Q)$(KCONFIG_ENV) $(PY) -m olddefconfig Kconfig

savedefconfig:
	@test -f $(KCONFIG_CONFIG) || { echo "no $(KCONFIG_CONFIG): run make defconfig first" >&2; exit 1; }
	$(Q)$(KCONFIG_ENV) $(PY) -m savedefconfig --kconfig Kconfig --out $(CFGDIR)/defconfig
	@echo "minimal configuration written to $(CFGDIR)/defconfig" \
	      "(copy it to $(DEFCONFIG) to make it the default)"

menuconfig:
	@mkdir -p $(CFGDIR)
	@test -f $(KCONFIG_CONFIG) || $(KCONFIG_ENV) $(PY) -m defconfig --kconfig Kconfig $(DEFCONFIG)
	$(Q)$(KCONFIG_ENV) $(PY) -m menuconfig Kconfig

# ---- compile and link ---------------------------------------------------------
# Portable code is freestanding; arch code may use the C library.
src-cflags = $(if $(filter arch/%,$(1)),$(ARCH_CFLAGS),$(PORTABLE_CFLAGS))

# The stamp is order-only: it makes sure autoconf.h exists and is current
# before anything compiles; an object is rebuilt when autoconf.h (or any
# header) really changed, through its .d file.
$(O)/%.o: %.c | $(KCONFIG_STAMP)
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(COMMON_CFLAGS) $(call src-cflags,$<) $(SAN_FLAGS) $(CPPFLAGS) \
		$(EXTRA_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/%.o: %.S | $(KCONFIG_STAMP)
	@mkdir -p $(@D)
	$(quiet) AS $<
	$(Q)$(CC) $(COMMON_CFLAGS) $(ARCH_CFLAGS) $(SAN_FLAGS) $(CPPFLAGS) \
		-D__ASSEMBLY__ $(ARCH_AFLAGS) $(EXTRA_CFLAGS) -MMD -MP -c -o $@ $<

# The hosted kernel embeds the default board's DTB (.incbin HOST_DEFAULT_DTB).
ifeq ($(ARCH),host)
$(patsubst %.S,$(O)/%.o,$(ARCH_S_SRCS)): $(DEFAULT_DTB)
endif

$(TARGET): $(OBJS)
	@mkdir -p $(@D)
	$(quiet) LD $@
	$(Q)$(CC) $(SAN_FLAGS) $(ARCH_LDFLAGS) $(EXTRA_LDFLAGS) -o $@ $(OBJS) $(ARCH_LDLIBS)

# ---- device trees -------------------------------------------------------------
# cpp first, so a .dts may #include .dtsi files and dt-bindings headers.
$(DTBDIR)/%.dtb: dts/%.dts
	@mkdir -p $(@D)
	$(quiet) DTC $<
	$(Q)$(CPP_DTS) -nostdinc -undef -x assembler-with-cpp -I dts/include -I dts \
		-MD -MP -MF $@.d -MT $@ -o $@.pre.dts $<
	$(Q)$(DTC) -q -I dts -O dtb -i $(dir $<) -o $@ $@.pre.dts
	@rm -f $@.pre.dts

# ---- unit tests (cmocka) ----------------------------------------------------------
# Each tests/unit/NAME_test.c names the code under test in a comment line
#   /* unit-sources: mm/cma_map.c lib/string.c */
# and is linked with those sources, all compiled for the host with the
# kernel's flags plus -DUNIT_TEST, into build/host/unit/NAME_test.
UNIT_OBJDIR := $(UNITDIR)/obj
unit-sources = $(shell sed -n 's@.*unit-sources:[[:space:]]*\([^*]*\).*@\1@p' $(1))

unit: $(UNIT_BINS)

$(UNIT_OBJDIR)/tests/unit/%.o: tests/unit/%.c | $(KCONFIG_STAMP)
	@mkdir -p $(@D)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(COMMON_CFLAGS) -D_GNU_SOURCE -DUNIT_TEST $(CPPFLAGS) \
		$(EXTRA_CFLAGS) -MMD -MP -c -o $@ $<

$(UNIT_OBJDIR)/%.o: %.c | $(KCONFIG_STAMP)
	@mkdir -p $(@D)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(COMMON_CFLAGS) $(call src-cflags,$<) -DUNIT_TEST $(CPPFLAGS) \
		$(EXTRA_CFLAGS) -MMD -MP -c -o $@ $<

define unit-test-rule
$(UNITDIR)/$(basename $(notdir $(1))): $(UNIT_OBJDIR)/$(1:.c=.o) \
		$(patsubst %.c,$(UNIT_OBJDIR)/%.o,$(call unit-sources,$(1)))
	$$(quiet) LD $$@
	$$(Q)$$(HOSTCC) -o $$@ $$^ -lcmocka -lfdt -lpthread
endef
ifeq ($(ARCH),host)
$(foreach t,$(UNIT_TESTS),$(eval $(call unit-test-rule,$(t))))
else
unit:
	@echo "unit tests run on the host: use make ARCH=host unit" >&2; exit 1
endif

# ---- driver targets ---------------------------------------------------------
install-deps:
ifeq ($(CONTIG_NO_INSTALL),1)
	@echo "  INSTALL   skipped (CONTIG_NO_INSTALL=1)"
else
	$(Q)bash scripts/install-deps.sh host
endif

install-deps-arm:
	$(Q)bash scripts/install-deps.sh arm

RUN_APPEND ?=
run: install-deps
	$(Q)$(MAKE) ARCH=$(ARCH) all
	./$(TARGET) $(if $(RUN_APPEND),--append "$(RUN_APPEND)")

# The bench action prints a line starting with RESULT.
BENCH_APPEND ?= cma=bench=128M bench=carve
bench: install-deps
	$(Q)$(MAKE) ARCH=host all
	$(Q)if [ -f scripts/bench.sh ]; then sh scripts/bench.sh; \
	else { ./build/host/contig --append "$(BENCH_APPEND)" 2>&1; \
	       echo $$? >build/host/bench.status; } | tee build/host/bench.log; \
	     st=$$(cat build/host/bench.status); echo; \
	     grep '^RESULT' build/host/bench.log || \
	     { echo "bench: no RESULT line in the output" >&2; exit 1; }; \
	     exit $$st; fi

# check.py builds every variant itself (each build is a test case), so a
# build failure is reported, not fatal.
check: install-deps
	$(Q)$(PY) scripts/check.py --build --jobs $(NPROC)

ktap-selftest:
	$(Q)$(PY) scripts/check.py --selftest

# ---- housekeeping -----------------------------------------------------------
# clean keeps each build/<arch>/.config; distclean removes everything.
clean:
	$(Q)rm -rf build/host-asan build/host-tsan build/dtb
	$(Q)for d in build/host build/arm; do [ -d $$d ] || continue; \
		find $$d -mindepth 1 -maxdepth 1 ! -name '.config*' -exec rm -rf {} +; done

distclean:
	$(Q)rm -rf build

help:
	@sed -n '3,21s/^# \{0,1\}//p' Makefile

-include $(OBJS:.o=.d)
-include $(DTBS:=.d)
-include $(shell find $(UNIT_OBJDIR) -name '*.d' 2>/dev/null)
