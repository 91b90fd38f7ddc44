# SPDX-License-Identifier: GPL-2.0-only
# pkeyctl: one non-recursive Makefile. Objects under build/; V=1 shows the commands.

VERSION := 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
PK_CFLAGS := -std=gnu11 -pthread -Wall -Wextra -Werror -D_GNU_SOURCE -DPKEYCTL_VERSION='"$(VERSION)"' \
	-Isrc -I. $(shell $(PKG_CONFIG) --cflags libcpuid jansson 2>/dev/null)
PK_LIBS := $(shell $(PKG_CONFIG) --libs libcpuid jansson 2>/dev/null) -lm
PK_STATIC_LIBS := $(shell $(PKG_CONFIG) --static --libs libcpuid jansson 2>/dev/null) -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The architecture layer: the only place an architecture is chosen.
ARCH ?= $(shell uname -m)
ifeq ($(ARCH),x86_64)
ARCH_SRCS := src/arch/x86.c src/arch/x86-cpuid.c
else
ARCH_SRCS := src/arch/none.c
endif

# Pure logic, linked into the unit tests as well as the binary.
CORE_SRCS := src/verdict.c src/procfs.c src/sys.c src/out.c src/parse.c src/pkru.c src/script.c \
	src/stats.c src/results.c src/plot.c
SRCS := src/main.c $(wildcard src/cmd-*.c) src/probe.c src/fault.c src/session.c src/atomic.c \
	$(wildcard bench/*.c) $(CORE_SRCS) $(ARCH_SRCS)

B := build
OBJS := $(SRCS:%.c=$(B)/obj/%.o)
STATIC_OBJS := $(SRCS:%.c=$(B)/static-obj/%.o)
SAN_OBJS := $(SRCS:%.c=$(B)/san-obj/%.o)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test-*.c))
# Everything below the commands (main.c and session.c report through main.c's helpers):
# what the unit tests link, as the objects of the build they test.
UNIT_SRCS := $(filter-out src/main.c src/cmd-%.c src/session.c,$(SRCS))
UNIT_LIBS := $(shell $(PKG_CONFIG) --libs cmocka libcpuid jansson 2>/dev/null) -lm

.PHONY: all static run check check-unit check-cli check-vm check-san install uninstall clean deps
.DEFAULT_GOAL := all

all: $(B)/pkeyctl

$(B)/pkeyctl: $(OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PK_LIBS)

HDRS := $(wildcard src/*.h src/arch/*.h bench/*.h)

$(B)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(PK_CFLAGS) $(CFLAGS) -c -o $@ $<

# A static binary: what the VM tier puts into its initramfs.
static: $(B)/static/pkeyctl

$(B)/static/pkeyctl: $(STATIC_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) -static $(LDFLAGS) -o $@ $^ $(PK_STATIC_LIBS)

$(B)/static-obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC      $< (static)"
	$(Q)$(CC) $(PK_CFLAGS) $(CFLAGS) -c -o $@ $<

# AddressSanitizer and UndefinedBehaviorSanitizer build of the binary and the unit tests.
$(B)/san/pkeyctl: $(SAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(PK_LIBS)

$(B)/san-obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC      $< (asan+ubsan)"
	$(Q)$(CC) $(PK_CFLAGS) -O1 -g $(SAN_FLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(UNIT_SRCS:%.c=$(B)/obj/%.o) $(HDRS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  CCLD    $@"
	$(Q)$(CC) $(PK_CFLAGS) -Itests/unit -DFIXTURES=\"tests/fixtures\" $(CFLAGS) -o $@ $< \
		$(UNIT_SRCS:%.c=$(B)/obj/%.o) $(UNIT_LIBS)

$(B)/san-tests/%: tests/unit/%.c $(UNIT_SRCS:%.c=$(B)/san-obj/%.o) $(HDRS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  CCLD    $@ (asan+ubsan)"
	$(Q)$(CC) $(PK_CFLAGS) -Itests/unit -DFIXTURES=\"tests/fixtures\" -O1 -g $(SAN_FLAGS) -o $@ $< \
		$(UNIT_SRCS:%.c=$(B)/san-obj/%.o) $(UNIT_LIBS)

deps:
	$(Q)scripts/install-deps build

run: deps
	$(Q)$(MAKE) --no-print-directory all
	@# Exit 4 ("not usable here") is an answer, not a failure of make run.
	$(Q)./$(B)/pkeyctl probe; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 4 ]

# Every tier writes TAP into build/tap/; the last line sums them up.
check:
	$(Q)scripts/install-deps all
	$(Q)$(MAKE) --no-print-directory all static $(UNIT_TESTS:%=$(B)/tests/%) \
		$(B)/san/pkeyctl $(UNIT_TESTS:%=$(B)/san-tests/%)
	$(Q)rm -rf $(B)/tap && mkdir -p $(B)/tap
	$(Q)scripts/run-tier unit     $(B)/tap/unit.tap     scripts/run-unit $(UNIT_TESTS:%=$(B)/tests/%)
	$(Q)scripts/run-tier cli      $(B)/tap/cli.tap      env PKEYCTL=$(B)/pkeyctl bats --tap tests/cli
	$(Q)scripts/run-tier unit-san $(B)/tap/unit-san.tap scripts/run-unit $(UNIT_TESTS:%=$(B)/san-tests/%)
	$(Q)scripts/run-tier cli-san  $(B)/tap/cli-san.tap  env PKEYCTL=$(B)/san/pkeyctl bats --tap tests/cli
	$(Q)scripts/run-tier vm       $(B)/tap/vm.tap       tests/vm/run $(B)/static/pkeyctl $(B)/vm
	$(Q)scripts/tap-summary $(B)/tap/*.tap

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 0755 $(B)/pkeyctl $(DESTDIR)$(BINDIR)/pkeyctl
	install -m 0644 man/pkeyctl.1 $(DESTDIR)$(MANDIR)/man1/pkeyctl.1
	install -m 0644 completions/pkeyctl.bash $(DESTDIR)$(BASHCOMPDIR)/pkeyctl

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pkeyctl $(DESTDIR)$(MANDIR)/man1/pkeyctl.1 \
		$(DESTDIR)$(BASHCOMPDIR)/pkeyctl

clean:
	rm -rf $(B)
