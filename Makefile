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
#   make ARCH=arm             build/arm/contig.elf and build/arm/Image (QEMU vexpress-a9)
#   make run | debug          boot the ARM image on QEMU (run ARCH=host: hosted kernel)
#   make run-gui              the same with QEMU's window showing the display
#   make screenshot [SCREENSHOT=FILE]  the CMA region view after a small
#                             workload, as build/screenshot.png (ARCH=host: the
#                             hosted kernel's; default QEMU's, via QMP screendump)
#   make uboot-disks          build/arm/uboot/*.img: disks U-Boot boots the image from
#   make run-uboot            boot it on QEMU virt through Debian's U-Boot
#   make frames               build/frames/frames.raw, the capture device's frames
#   make fuzz [FUZZ_TIME=60]  run each libFuzzer target in tests/fuzz/ (clang, ASan+UBSan)
#   make soak                 the long soak: migrations and random carves, ASan and TSan
#   make run | run-gui | run-uboot | debug | check | bench | bench-qemu | fuzz | soak,
#   make ARCH=arm | menuconfig
#                             (install missing Debian packages first, so
#                             each works as the first command on Debian 12)
#   make clean | distclean
#
# Sources are found with wildcards: every .c under mm/ kernel/ lib/ init/ app/ drivers/,
# tests/ktest/ when CONFIG_KTEST=y, and every .c and .S under arch/$(ARCH)/
# (subdirectories too: arch/host/os/, arch/host/emu/).
# Adding a file needs no Makefile change. A directory with a Kbuild file
# instead builds only the objects it lists for enabled symbols
# ("obj-$(CONFIG_FOO) += foo.o"); drivers/*/ use that.
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

UBOOT_DIR := build/arm/uboot
UBOOT_CMD := arch/arm/boot/uboot/boot.cmd
UBOOT_ENVS := $(sort $(wildcard arch/arm/boot/uboot/*.env tests/boot/uboot/*.env))
UBOOT_DISKS := $(foreach e,$(UBOOT_ENVS),$(UBOOT_DIR)/$(basename $(notdir $(e))).img)
UBOOT_EXTRA := $(DTBDIR)/qemu-virt.dtb
ifneq ($(words $(UBOOT_DISKS)),$(words $(sort $(UBOOT_DISKS))))
$(error two U-Boot settings files have the same name: $(UBOOT_ENVS))
endif

# The capture device's backing file (scripts/mkframes.py): frames in the
# display's mode (the board's panel, 640x480; the PL111 driver's XRGB8888).
FRAMES := build/frames/frames.raw
FRAMES_ARGS := --width 640 --height 480 --format xrgb8888 --frames 32
# The kernel parameter that binds the capture device to the camera region.
CAMERA_MAP := cma_map=virtio_mmio*=camera

# Goals that must not read (or create) .config: they either manage it
# themselves or drive a sub-make that does.
NOCONFIG_GOALS := clean distclean help install-deps install-deps-arm \
		  run run-gui run-uboot uboot-disks debug check bench bench-qemu defconfig \
		  olddefconfig savedefconfig menuconfig dtbs ktap-selftest frames soak fuzz
ifneq ($(filter-out $(NOCONFIG_GOALS),$(MAKECMDGOALS)),)
NEED_CONFIG := 1
else ifeq ($(MAKECMDGOALS),)
NEED_CONFIG := 1
endif

ifeq ($(NEED_CONFIG),1)
include $(KCONFIG_CONFIG)
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
ARCH_LDLIBS := -lfdt -lpthread -lpng
ARCH_LDFLAGS := -rdynamic
TARGET := $(O)/contig
else
# Cortex-A9, ARM state, hard-float VFPv3-D16 like Debian's armhf libfdt.a
# (and newlib's thumb/v7-a+fp/hard multilib), int-sized enums, APCS frames
# so the fault handler can walk the frame-pointer chain.
MACHINE_CFLAGS := -mcpu=cortex-a9 -mfpu=vfpv3-d16 -mfloat-abi=hard -marm \
	-fno-short-enums -mapcs-frame -fno-omit-frame-pointer
COMMON_CFLAGS += $(MACHINE_CFLAGS) -Wno-psabi
ARCH_CFLAGS := -ffreestanding
ARCH_AFLAGS := -D__ASSEMBLY__
ARMHF_LIBFDT := build/deps/armhf/usr/lib/arm-linux-gnueabihf/libfdt.a
# libfdt's headers (the same as the host's libfdt-dev) from the armhf package.
CPPFLAGS += -isystem build/deps/armhf/usr/include
# newlib's libc.a and libgcc.a are asked of the compiler in the link recipe
# (recursive variables), not when make parses this file: on a fresh machine
# the toolchain is installed (arm-deps) after the parse.
ARM_LIBC = $(shell $(CC) $(MACHINE_CFLAGS) -print-file-name=libc.a 2>/dev/null)
ARM_LIBGCC = $(shell $(CC) $(MACHINE_CFLAGS) -print-libgcc-file-name 2>/dev/null)
ARCH_LDLIBS = -Wl,--start-group $(ARMHF_LIBFDT) $(ARM_LIBC) $(ARM_LIBGCC) -Wl,--end-group
ARCH_LDFLAGS := -nostdlib -static -T arch/arm/contig.lds -Wl,--no-warn-rwx-segments \
	-Wl,-Map,$(O)/contig.map -Wl,--no-enum-size-warning -Wl,-z,noexecstack -Wl,--fatal-warnings
TARGET := $(O)/contig.elf
IMAGE := $(O)/Image
OBJCOPY := $(CROSS_COMPILE)objcopy
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

# Kbuild gating: a directory holding a file named Kbuild builds only the
# objects it lists ("obj-y += foo.o", "obj-$(CONFIG_FOO) += bar.o", with
# CONFIG_* from .config), not its subdirectories; every other directory
# keeps the wildcard. Only "obj-y" entries are built, so a symbol that is
# off (or unset) leaves its objects out.
KBUILD_FILES := $(call find-src,mm kernel lib init drivers tests/ktest arch/$(ARCH),Kbuild)
KBUILD_DIRS := $(patsubst %/,%,$(dir $(KBUILD_FILES)))
define kbuild-objs
obj-y :=
include $(1)/Kbuild
KBUILD_SRCS += $$(addprefix $(1)/,$$(patsubst %.o,%.c,$$(filter %.o,$$(obj-y))))
endef
KBUILD_SRCS :=
$(foreach d,$(KBUILD_DIRS),$(eval $(call kbuild-objs,$(d))))
obj-y :=
# Sources under a gated directory (its subdirectories too) come only from
# its Kbuild list.
kbuild-gated = $(filter-out $(addsuffix /%,$(KBUILD_DIRS)),$(1))
find-src-gated = $(call kbuild-gated,$(call find-src,$(1),$(2)))

PORTABLE_DIRS := mm kernel lib init app drivers $(if $(filter y,$(CONFIG_KTEST)),tests/ktest)
PORTABLE_SRCS := $(sort $(call find-src-gated,$(PORTABLE_DIRS),*.c) \
	$(filter-out arch/%,$(KBUILD_SRCS)))
ARCH_C_SRCS := $(sort $(call find-src-gated,arch/$(ARCH),*.c) $(filter arch/%,$(KBUILD_SRCS)))
ARCH_S_SRCS := $(call find-src-gated,arch/$(ARCH),*.S)

OBJS := $(patsubst %.c,$(O)/%.o,$(PORTABLE_SRCS) $(ARCH_C_SRCS)) \
	$(patsubst %.S,$(O)/%.o,$(ARCH_S_SRCS))

DTS_SRCS := $(call find-src,dts,*.dts)
DTBS := $(patsubst dts/%.dts,$(DTBDIR)/%.dtb,$(DTS_SRCS))
# Corrupt copies of the board DTB, one defect each (scripts/mkcorrupt-dtb.py),
# for the boot cases of a corrupt DTB; built with the other DTBs.
CORRUPT_DTBS := $(addprefix $(DTBDIR)/corrupt/,$(addsuffix .dtb,memory-reg-len-wrap \
	rmem-size-len-too-big cpus-bad-tag chosen-bad-nameoff stdout-path-bad-nameoff))
DTBS += $(CORRUPT_DTBS)

UNIT_TESTS := $(sort $(wildcard tests/unit/*_test.c tests/unit/*/*_test.c))
UNITDIR := build/host/unit
UNIT_BINS := $(patsubst tests/unit/%.c,$(UNITDIR)/%,$(UNIT_TESTS))

# ---- top-level goals --------------------------------------------------------
.PHONY: all dtbs unit clean distclean help defconfig olddefconfig \
	savedefconfig menuconfig install-deps install-deps-arm run run-gui debug check \
	bench bench-qemu ktap-selftest run-uboot uboot-disks frames screenshot FORCE

ifeq ($(ARCH),arm)
all: $(TARGET) $(IMAGE) $(DTBS)
else ifneq ($(SAN),)
all: $(TARGET)
else
all: $(TARGET) $(DTBS)
endif

dtbs: $(DTBS)

frames: $(FRAMES)

$(FRAMES): scripts/mkframes.py
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)$(PY) scripts/mkframes.py -o $@ $(FRAMES_ARGS) >/dev/null

# ---- configuration ----------------------------------------------------------
KCONFIG_MISSING := echo "kconfiglib is missing: run scripts/install-deps.sh" \
	"(Debian package python3-kconfiglib, used with /usr/bin/python3)" >&2; exit 1

# The packages the build needs: install-deps.sh installs the missing ones
# of the arch's set (CONTIG_NO_INSTALL=1 skips it; the ARM build still
# checks for the armhf libfdt.a). It is the first step of the .config
# recipe, which make runs before anything else (kconfiglib is one of the
# packages), and of arm-deps.
ifeq ($(CONTIG_NO_INSTALL),1)
ifeq ($(ARCH),arm)
DEPS_CMD = test -f $(ARMHF_LIBFDT) || { echo "$(ARMHF_LIBFDT) is missing: run" \
	"scripts/install-deps.sh arm (or make without CONTIG_NO_INSTALL=1)" >&2; exit 1; }
else
DEPS_CMD = true
endif
else
DEPS_CMD = bash scripts/install-deps.sh $(ARCH)
endif

# The first build starts from the defconfig. A Kconfig file newer than
# .config (say, a new driver's symbol) refreshes it with olddefconfig; make
# then restarts with the new values, so the new symbol's objects are built
# by this very make, not the next one.
$(KCONFIG_CONFIG): $(KCONFIG_FILES)
	$(Q)$(DEPS_CMD)
	@mkdir -p $(@D)
	$(Q)if [ -f $@ ]; then \
		printf '  %-9s %s\n' OLDCONFIG $@; \
		$(KCONFIG_ENV) $(PY) -m olddefconfig Kconfig >/dev/null && touch $@; \
	else \
		printf '  %-9s %s\n' DEFCONFIG $(DEFCONFIG); \
		$(KCONFIG_ENV) $(PY) -m defconfig --kconfig Kconfig $(DEFCONFIG) >/dev/null; \
	fi || { $(KCONFIG_MISSING); }

# Regenerate autoconf.h from .config (which the rule above keeps current
# with the Kconfig files). genconfig leaves autoconf.h alone when its
# contents do not change, so objects are rebuilt only when a value really
# changed.
$(KCONFIG_STAMP): $(KCONFIG_CONFIG)
	@mkdir -p $(@D)
	$(quiet) GEN $(AUTOCONF)
	$(Q)$(KCONFIG_ENV) $(PY) -m genconfig --header-path $(AUTOCONF) Kconfig \
		>/dev/null || { $(KCONFIG_MISSING); }
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

menuconfig: install-deps
	@mkdir -p $(CFGDIR)
	@test -f $(KCONFIG_CONFIG) || $(KCONFIG_ENV) $(PY) -m defconfig --kconfig Kconfig $(DEFCONFIG)
	$(Q)$(KCONFIG_ENV) $(PY) -m menuconfig Kconfig

# ---- compile and link ---------------------------------------------------------
# Portable code is freestanding; arch code may use the C library (in
# arch/host only arch/host/os/ does: scripts/check-includes.sh).
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

ifeq ($(ARCH),arm)
# The ARM toolchain, QEMU and the armhf libfdt.a come from
# scripts/install-deps.sh arm (idempotent; skipped with CONTIG_NO_INSTALL=1).
.PHONY: arm-deps
arm-deps:
	$(Q)$(DEPS_CMD)
$(OBJS) $(DTBS) $(FRAMES) $(UBOOT_DIR)/boot.scr: | arm-deps

$(TARGET): $(OBJS) arch/arm/contig.lds
	@mkdir -p $(@D)
	$(quiet) LD $@
	$(Q)$(CC) $(MACHINE_CFLAGS) $(ARCH_LDFLAGS) $(EXTRA_LDFLAGS) -o $@ $(OBJS) $(ARCH_LDLIBS)

# The raw image QEMU's -kernel and U-Boot's bootz load (zImage header in
# arch/arm/head.S).
$(IMAGE): $(TARGET)
	$(quiet) OBJCOPY $@
	$(Q)$(OBJCOPY) -O binary $< $@

# Disks for QEMU's virt board booting through U-Boot: each settings file
# (arch/arm/boot/uboot/*.env for make run-uboot and make check,
# tests/boot/uboot/*.env for the boot cases) gives one disk NAME.img with
# the image, the compiled boot script, the settings as contig.env and the
# board DTB qemu-virt.dtb for contig_fdtfile (scripts/mkdisk-uboot.sh).
$(UBOOT_DIR)/boot.scr: $(UBOOT_CMD)
	@mkdir -p $(@D)
	$(quiet) MKIMAGE $@
	$(Q)mkimage -A arm -O linux -T script -C none -n "contig boot script" -d $< $@ >/dev/null

define uboot-disk-rule
$(UBOOT_DIR)/$(basename $(notdir $(1))).img: $(1) $(IMAGE) $(UBOOT_DIR)/boot.scr \
		$(UBOOT_EXTRA) scripts/mkdisk-uboot.sh
	$$(quiet) DISK $$@
	$$(Q)bash scripts/mkdisk-uboot.sh $$@ $(IMAGE) $(UBOOT_DIR)/boot.scr $(1) $(UBOOT_EXTRA)
endef
$(foreach e,$(UBOOT_ENVS),$(eval $(call uboot-disk-rule,$(e))))

.PHONY: uboot-disks-arm
uboot-disks-arm: $(UBOOT_DISKS)
else
$(TARGET): $(OBJS)
	@mkdir -p $(@D)
	$(quiet) LD $@
	$(Q)$(CC) $(SAN_FLAGS) $(ARCH_LDFLAGS) $(EXTRA_LDFLAGS) -o $@ $(OBJS) $(ARCH_LDLIBS)
endif

# ---- device trees -------------------------------------------------------------
$(CORRUPT_DTBS) &: $(DEFAULT_DTB) scripts/mkcorrupt-dtb.py
	$(quiet) GEN $(DTBDIR)/corrupt
	$(Q)$(PY) scripts/mkcorrupt-dtb.py $(DEFAULT_DTB) $(DTBDIR)/corrupt

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
# tests/unit/DIR/NAME_test.c (the mm private-world tests in tests/unit/mm/)
# becomes build/host/unit/DIR/NAME_test.
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
$(UNITDIR)/$(patsubst tests/unit/%.c,%,$(1)): $(UNIT_OBJDIR)/$(1:.c=.o) \
		$(patsubst %.c,$(UNIT_OBJDIR)/%.o,$(call unit-sources,$(1)))
	@mkdir -p $$(@D)
	$$(quiet) LD $$@
	$$(Q)$$(HOSTCC) -o $$@ $$^ -lcmocka -lfdt -lpthread
endef
ifeq ($(ARCH),host)
$(foreach t,$(UNIT_TESTS),$(eval $(call unit-test-rule,$(t))))
else
unit:
	@echo "unit tests run on the host: use make ARCH=host unit" >&2; exit 1
endif

# ---- fuzzers (libFuzzer) ----------------------------------------------------
# Each tests/fuzz/NAME_fuzz.c names the code under test in a comment line
#   /* fuzz-sources: mm/cma_parse.c lib/cmdline.c lib/parse.c lib/string.c */
# and is linked with those sources, all compiled by clang with libFuzzer's
# coverage, ASan and UBSan (-DFUZZ_TEST), into build/host/fuzz/NAME_fuzz.
# make fuzz runs each for FUZZ_TIME seconds from its corpus
# (tests/fuzz/corpus/NAME/, plus every DTB the tree builds and Debian's
# board DTBs for the fdt target) into build/host/fuzz/work/NAME/; crashes
# land in build/host/fuzz/crashes/NAME/. make check replays the corpora and
# runs each for a fixed number of executions with a fixed seed (check.py's
# fuzz suite). Documentation/dev-tools/testing.rst has the details.
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
# An input that runs longer than this many seconds is saved as a hang.
FUZZ_HANG ?= 30
FUZZ_DIR := build/host/fuzz
FUZZ_OBJDIR := $(FUZZ_DIR)/obj
FUZZ_TESTS := $(sort $(wildcard tests/fuzz/*_fuzz.c))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(FUZZ_DIR)/%,$(FUZZ_TESTS))
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter \
	-Wno-sign-compare -Werror=implicit-function-declaration \
	-fno-strict-aliasing -DFUZZ_TEST $(FUZZ_SAN) -fsanitize=fuzzer-no-link
fuzz-sources = $(shell sed -n 's@.*fuzz-sources:[[:space:]]*\([^*]*\).*@\1@p' $(1))
# The seeds of the fdt fuzzer: every DTB the tree builds, and Debian's
# board DTBs when scripts/install-deps.sh unpacked them.
FUZZ_DTB_SEEDS = $(shell find $(DTBDIR) -name '*.dtb' 2>/dev/null) \
	$(wildcard build/deps/linux-armmp/usr/lib/linux-image-*-armmp/*.dtb)

.PHONY: fuzz fuzz-build fuzz-seeds
fuzz-build: $(FUZZ_BINS) fuzz-seeds

# build/host/fuzz/seed/fdt_fuzz/: the DTBs as one flat corpus directory.
fuzz-seeds: $(DTBS)
	@rm -rf $(FUZZ_DIR)/seed/fdt_fuzz && mkdir -p $(FUZZ_DIR)/seed/fdt_fuzz
	$(Q)for f in $(FUZZ_DTB_SEEDS); do \
		cp $$f $(FUZZ_DIR)/seed/fdt_fuzz/$$(echo $$f | tr / _); done

$(FUZZ_OBJDIR)/%.o: %.c | $(KCONFIG_STAMP)
	@mkdir -p $(@D)
	$(quiet) FUZZCC $<
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(call src-cflags,$<) -D_GNU_SOURCE $(CPPFLAGS) \
		-MMD -MP -c -o $@ $<

define fuzz-test-rule
$(FUZZ_DIR)/$(basename $(notdir $(1))): $(FUZZ_OBJDIR)/$(1:.c=.o) \
		$(patsubst %.c,$(FUZZ_OBJDIR)/%.o,$(call fuzz-sources,$(1)))
	$$(quiet) LD $$@
	$$(Q)$$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $$@ $$^ -lfdt
endef
ifeq ($(ARCH),host)
$(foreach t,$(FUZZ_TESTS),$(eval $(call fuzz-test-rule,$(t))))
endif

# make fuzz [FUZZ_TIME=seconds] [FUZZ_TARGETS="cma_param_fuzz ..."] [FUZZ_HANG=seconds]
FUZZ_TARGETS ?= $(notdir $(FUZZ_BINS))
fuzz: install-deps
	$(Q)$(MAKE) ARCH=host fuzz-build
	$(Q)for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/work/$$t $(FUZZ_DIR)/crashes/$$t; \
		echo "  FUZZ      $$t for $(FUZZ_TIME) s"; \
		$(FUZZ_DIR)/$$t -max_total_time=$(FUZZ_TIME) -timeout=$(FUZZ_HANG) \
			-print_final_stats=1 \
			-artifact_prefix=$(FUZZ_DIR)/crashes/$$t/ \
			$(FUZZ_DIR)/work/$$t tests/fuzz/corpus/$$t \
			$$( [ -d $(FUZZ_DIR)/seed/$$t ] && echo $(FUZZ_DIR)/seed/$$t) \
			>$(FUZZ_DIR)/$$t.log 2>&1; st=$$?; \
		grep -E '^stat::(number_of_executed_units|new_units_added)' $(FUZZ_DIR)/$$t.log | \
			sed 's/^/            /'; \
		if [ $$st -ne 0 ]; then echo "  FUZZ      $$t FAILED: see $(FUZZ_DIR)/$$t.log" \
			"and $(FUZZ_DIR)/crashes/$$t/"; exit 1; fi; \
	done

# ---- driver targets ---------------------------------------------------------
install-deps:
ifeq ($(CONTIG_NO_INSTALL),1)
	@echo "  INSTALL   skipped (CONTIG_NO_INSTALL=1)"
else
	$(Q)bash scripts/install-deps.sh host
endif

install-deps-arm:
	$(Q)bash scripts/install-deps.sh arm

# make run boots the ARM image on QEMU vexpress-a9 (scripts/qemu-arm.sh;
# Ctrl-A X leaves QEMU) unless ARCH=host is given, which runs the hosted
# kernel. Both attach the frames file as the capture device and run the
# demo, the camera-to-display pipeline, then the console shell (a host
# terminal echoes by itself: shell_echo=0). make debug starts QEMU halted
# for gdb.
ifeq ($(origin ARCH),command line)
RUN_ARCH := $(ARCH)
else
RUN_ARCH := arm
endif
RUN_APPEND ?= demo pipeline shell$(if $(filter host,$(RUN_ARCH)), shell_echo=0)
# The ARM sub-make installs the ARM set itself (arm-deps); the hosted
# kernel needs the host set.
run: $(if $(filter host,$(RUN_ARCH)),install-deps)
ifeq ($(RUN_ARCH),arm)
	$(Q)$(MAKE) ARCH=arm all frames
	$(Q)bash scripts/qemu-arm.sh --frames $(FRAMES) \
		$(if $(RUN_APPEND),--append "$(RUN_APPEND)")
else
	$(Q)$(MAKE) ARCH=$(RUN_ARCH) all frames
	./build/$(RUN_ARCH)/contig --drive $(FRAMES) \
		--append "$(CAMERA_MAP)$(if $(RUN_APPEND), $(RUN_APPEND))"
endif

# make run-gui: QEMU's window shows the PL111 display (the serial console
# stays on the terminal); the boot shows the colour bars until something
# else draws. Its packages are the ARM set plus QEMU's GTK window
# (install-deps.sh gui); with no display to open a window on, qemu-arm.sh
# says so and serves the display over VNC instead.
run-gui:
ifneq ($(CONTIG_NO_INSTALL),1)
	$(Q)bash scripts/install-deps.sh gui
endif
	$(Q)$(MAKE) ARCH=arm all frames
	$(Q)bash scripts/qemu-arm.sh --gui --frames $(FRAMES) \
		--append "$(RUN_APPEND) display_pattern=bars"

# make screenshot boots the board (QEMU vexpress-a9 unless ARCH=host), runs
# a small workload (memhog, carves for two devices and for none), shows
# "display cma" and writes the screen as a PNG (QEMU: QMP screendump with
# format png; the hosted kernel: --screendump, libpng), with the console
# beside it (FILE.log). scripts/cmaview_check.py does it.
SCREENSHOT ?= build/screenshot.png
screenshot: $(if $(filter host,$(RUN_ARCH)),install-deps)
	$(Q)$(MAKE) ARCH=$(RUN_ARCH) all
	$(Q)$(PY) scripts/cmaview_check.py screenshot --arch $(RUN_ARCH) --out $(SCREENSHOT)

# make run-uboot boots the same image on QEMU virt through Debian's U-Boot
# (build/arm/uboot/run.img: arch/arm/boot/uboot/boot.cmd adds the regions
# and boots it with arch/arm/boot/uboot/run.env's settings).
run-uboot:
	$(Q)$(MAKE) ARCH=arm all uboot-disks-arm
	$(Q)bash scripts/qemu-arm.sh --uboot $(UBOOT_DIR)/run.img

uboot-disks:
	$(Q)$(MAKE) ARCH=arm all uboot-disks-arm

debug:
	$(Q)$(MAKE) ARCH=arm all frames
	$(Q)bash scripts/qemu-arm.sh --debug --frames $(FRAMES) \
		$(if $(RUN_APPEND),--append "$(RUN_APPEND)")

# The benchmarks (scripts/bench.sh): make bench on the hosted kernel, make
# bench-qemu on the ARM image under QEMU (TCG); each runs the carve, the SMP
# and the coherent benchmark (on ARM under -icount) and prints their RESULT
# lines.
bench: install-deps
	$(Q)$(MAKE) ARCH=host all
	$(Q)sh scripts/bench.sh host

bench-qemu:
	$(Q)$(MAKE) ARCH=arm all
	$(Q)sh scripts/bench.sh arm

# make soak (scripts/soak.sh): the long soak on the host, under ASan+UBSan
# and under TSan, four CPUs each; not part of make check. SOAK_MIGRATIONS,
# SOAK_CARVES, SOAK_TSAN_MIGRATIONS, SOAK_TSAN_CARVES, SOAK_SANS and
# SOAK_SEED set its size.
.PHONY: soak
soak: install-deps
	$(Q)$(MAKE) ARCH=host SAN=asan
	$(Q)$(MAKE) ARCH=host SAN=tsan
	$(Q)sh scripts/soak.sh

# check.py builds every variant itself (each build is a test case), so a
# build failure is reported, not fatal.
# The QEMU suites need the ARM toolchain, QEMU and the armhf libfdt too,
# and the linux-* suites the DTBs of Debian's Linux kernel (the check set).
check: install-deps
ifneq ($(CONTIG_NO_INSTALL),1)
	$(Q)bash scripts/install-deps.sh check
endif
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

# The header above: from line 3 to the first line that is not a comment.
help:
	@sed -n '3,/^[^#]/s/^# \{0,1\}//p' Makefile

-include $(OBJS:.o=.d)
-include $(DTBS:=.d)
-include $(shell find $(UNIT_OBJDIR) -name '*.d' 2>/dev/null)
-include $(shell find $(FUZZ_OBJDIR) -name '*.d' 2>/dev/null)
