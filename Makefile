# ttdt — one plain Makefile (GNU make, Debian 12).  See README.md.
#
#   make            build ./build/ttdt
#   make run        install missing packages, build, create a demo database
#                   if there is none, and serve it on http://127.0.0.1:8080
#   make check      everything: -Werror build, unit, Mustache spec, fuzz
#                   corpus replay, HTTP, browser; then unit + HTTP again
#                   under AddressSanitizer + UndefinedBehaviorSanitizer
#   make fuzz       live fuzzing with libFuzzer (clang), never in CI
#   make install    PREFIX=/usr/local DESTDIR=
#   make fmt        clang-format every C file

-include config.mk

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config

PKGS := libmicrohttpd sqlite3 libutf8proc inih vips zlib libsodium nettle gumbo \
	libcurl libmagic \
	libqrencode
TEST_PKGS := cmocka jansson

WARN := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wformat=2 -Wformat-security -Wvla -Wshadow
OPT ?= -O2 -g
ifeq ($(SAN),1)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

CPPFLAGS += -Isrc -Isrc/lib -Isrc/http -Isrc/web -Isrc/domain -Isrc/store -Isrc/cmd -DTTDT_VERSION='"$(VERSION)"' \
	-DTTDT_DATADIR='"$(PREFIX)/share/ttdt"' -D_FILE_OFFSET_BITS=64
CFLAGS += -std=c17 $(WARN) $(OPT) -pthread $(PKG_CFLAGS)
LDLIBS += $(PKG_LIBS) -pthread -lm

ALL_C := $(shell find src -name '*.c' | sort)
TEST_C := $(filter %_test.c,$(ALL_C))
# Test fixtures (*_fixture.c) are linked into test programs only.
FIXTURE_C := $(filter %_fixture.c,$(ALL_C))
FIXTURE_O := $(FIXTURE_C:%.c=$(BUILD)/obj/%.o)
MAIN_C := src/main.c
LIB_C := $(filter-out $(TEST_C) $(FIXTURE_C) $(MAIN_C),$(ALL_C))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
LIB_O := $(LIB_C:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/migrations.o
TEST_BINS := $(patsubst src/%_test.c,$(BUILD)/tests/%_test,$(TEST_C))
FUZZ_C := $(wildcard fuzz/fuzz_*.c)
REPLAY_BINS := $(patsubst fuzz/fuzz_%.c,$(BUILD)/replay/%,$(FUZZ_C))
TOOL_C := $(wildcard tests/tools/*.c)
TOOL_BINS := $(patsubst tests/tools/%.c,$(BUILD)/tools/%,$(TOOL_C))

.SECONDARY:
.PHONY: FORCE

.PHONY: all run check unit spec fuzz-replay http browser test-bins fuzz \
	install fmt fmt-check lint clean demo

all: $(BUILD)/ttdt

# The newsroom editor's browser packages (frontend/package.json), which
# scripts/install-deps installs with npm: their dist files are copied
# into static/vendor/ (not committed), and so ship with `make install`.
# Without frontend/node_modules the editor's textarea still works.
VENDOR := static/vendor/squire.js static/vendor/purify.js \
	static/vendor/squire.LICENSE.txt static/vendor/purify.LICENSE.txt
ifneq ($(wildcard frontend/node_modules/squire-rte),)
all install test-bins: $(VENDOR)
endif

static/vendor/squire.js: frontend/node_modules/squire-rte/dist/squire.js
static/vendor/purify.js: frontend/node_modules/dompurify/dist/purify.min.js
static/vendor/squire.LICENSE.txt: frontend/node_modules/squire-rte/LICENSE
static/vendor/purify.LICENSE.txt: frontend/node_modules/dompurify/LICENSE
$(VENDOR):
	@mkdir -p $(@D)
	@$(if $(Q),echo "  VENDOR  $@")
	$(Q)cp $< $@

ifneq ($(V),1)
Q := @
endif

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/migrations.c: $(MIGRATIONS) scripts/embed-sql
	@mkdir -p $(@D)
	$(Q)scripts/embed-sql $@ $(MIGRATIONS)

$(BUILD)/obj/gen/migrations.o: $(BUILD)/gen/migrations.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-overlength-strings -c $< -o $@

# The data folder is compiled in (config.c's defaults): rebuild when
# PREFIX changes.
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' >$@

$(BUILD)/obj/src/config.o: $(BUILD)/prefix.stamp

$(BUILD)/libttdt.a: $(LIB_O)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)ar rcs $@ $^

# An archive, so a test pulls in only the fixtures it uses.
$(BUILD)/libfixture.a: $(FIXTURE_O)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/ttdt: $(BUILD)/obj/src/main.o $(BUILD)/libttdt.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/obj/%_test.o: %_test.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(TEST_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%_test: $(BUILD)/obj/src/%_test.o $(BUILD)/libfixture.a $(BUILD)/libttdt.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(TEST_LIBS) $(LDLIBS)

# Fuzz targets built without libFuzzer: a main that replays corpus files.
$(BUILD)/replay/%: fuzz/fuzz_%.c fuzz/replay.c $(BUILD)/libttdt.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/replay.c \
		$(BUILD)/libttdt.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/tools/%: tests/tools/%.c $(BUILD)/libttdt.a
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(TEST_CFLAGS) -o $@ $< \
		$(BUILD)/libttdt.a $(LDFLAGS) $(TEST_LIBS) $(LDLIBS)

test-bins: $(BUILD)/ttdt $(TEST_BINS) $(REPLAY_BINS) $(TOOL_BINS)

run:
	scripts/install-deps
	$(MAKE) all
	@test -f var/demo.db || { mkdir -p var && $(BUILD)/ttdt init --config etc/ttdt-dev.ini --demo; }
	@echo "ttdt: serving http://127.0.0.1:8080/ (Ctrl-C stops)"
	$(BUILD)/ttdt serve --config etc/ttdt-dev.ini

check:
	scripts/install-deps --test
	tests/run-all

unit spec fuzz-replay http browser:
	tests/run-all --only $@

fuzz:
	scripts/fuzz

lint: fmt-check
	tests/lint-sql

fmt:
	clang-format -i $(ALL_C) $(shell find src -name '*.h')

fmt-check:
	clang-format --dry-run --Werror $(ALL_C) $(shell find src -name '*.h')

install: $(BUILD)/ttdt
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ttdt
	install -m 755 $(BUILD)/ttdt $(DESTDIR)$(PREFIX)/bin/ttdt
	cp -R templates static $(DESTDIR)$(PREFIX)/share/ttdt/
	install -d $(DESTDIR)$(PREFIX)/share/doc/ttdt/examples
	install -m 644 etc/ttdt.ini etc/ttdt.service etc/ttdt-backup.service \
		etc/ttdt-backup.timer etc/nginx-ttdt.conf \
		$(DESTDIR)$(PREFIX)/share/doc/ttdt/examples/

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
