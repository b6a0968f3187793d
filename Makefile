# Flattor: GNU make.  `make check` and `make demo` first run scripts/setup,
# which installs missing Debian build dependencies when run as root.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
BUILD ?= build
PKGS = libcurl jansson libsecp256k1 libcrypto

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla -Wconversion
ifeq ($(WERROR),1)
WARN += -Werror
endif
ifeq ($(SANITIZE),1)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
BUILD = build-san
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# lib/ by layer: record (the record format and what every tool shares),
# bitcoin (primitives), relay (relays, weighing, capping, the chain),
# payout (building and showing the payout), stage (the lib/ half of each
# tool's main).  Headers are included by name alone.
LIB_DIRS = $(sort $(dir $(wildcard lib/*/*.h)))
LIB_INC = $(patsubst %/,-I%,$(LIB_DIRS))

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             $(WARN) $(SANFLAGS) $(LIB_INC) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lm

LIB_SRC = $(sort $(wildcard lib/*/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIBA = $(BUILD)/libflattor.a
TOOLS = $(sort $(patsubst cmd/%.c,%,$(wildcard cmd/*.c)))
SCRIPT_TOOLS = $(sort $(notdir $(wildcard scripts/bin/*)))
BINS = $(TOOLS:%=$(BUILD)/bin/%)
UNIT_SRC = $(sort $(wildcard tests/unit/test-*.c))
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BINS = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
MAN1 = $(sort $(wildcard man/*.1))
MAN7 = $(sort $(wildcard man/*.7))

.PHONY: all check test setup setup-test demo bench fuzz lint install uninstall clean
.SECONDARY:

all: $(BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/bin/%: $(BUILD)/cmd/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(LIBS)

# Fuzz targets, replaying their saved corpus (make fuzz runs libFuzzer).
$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/driver.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/tests/fuzz/driver.o $(LIBA) $(LIBS)

# Set-up first, then a fresh make so that pkg-config sees what it installed.
check: setup-test
	$(MAKE) test

setup:
	sh scripts/setup

setup-test:
	sh scripts/setup --test

demo: setup
	$(MAKE) all
	sh scripts/demo $(BUILD)/bin

# The tests: TAP from every unit-test binary and every test script, two
# at a time (each uses its own mktemp directory and a port of its own).
test: all $(UNIT_BINS) $(FUZZ_BINS)
	BUILD=$(BUILD) FLATTOR_BIN=$(CURDIR)/$(BUILD)/bin \
	    prove -j2 --exec '' $(UNIT_BINS) tests/cmd.sh $(sort $(wildcard tests/t-*.sh))

bench: setup-test
	$(MAKE) all
	sh scripts/bench $(BUILD)/bin

fuzz:
	sh scripts/fuzz

lint:
	@st=0; for m in $(MAN1) $(MAN7); do \
	    out=$$(groff -mandoc -ww -z $$m 2>&1); \
	    if [ -n "$$out" ]; then echo "$$m: $$out"; st=1; fi; \
	done; \
	if command -v clang-format >/dev/null; then \
	    for f in lib/*/*.[ch] cmd/*.c tests/unit/*.[ch]; do \
	        clang-format $$f | cmp -s - $$f || { echo "$$f: not formatted (clang-format)"; st=1; }; \
	    done; \
	fi; exit $$st

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	for t in $(TOOLS); do install -m 755 $(BUILD)/bin/$$t $(DESTDIR)$(BINDIR)/$$t; done
	for t in $(SCRIPT_TOOLS); do install -m 755 scripts/bin/$$t $(DESTDIR)$(BINDIR)/$$t; done
	for m in $(MAN1); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN7); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done

uninstall:
	for t in $(TOOLS) $(SCRIPT_TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	for m in $(notdir $(MAN1)); do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done
	for m in $(notdir $(MAN7)); do rm -f $(DESTDIR)$(MANDIR)/man7/$$m; done

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
