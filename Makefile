# nivaran — nightly SLA and risk reports for KESCO complaint exports.
# `make` builds ./nivaran; `make test`, `make asan`, `make bench`, `make demo`,
# `make fuzz`, `make install` (PREFIX, DESTDIR). Missing Debian packages are
# installed by `make deps`, which every other target runs first.

PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
CC       ?= cc
PKGS      = sqlite3 xlsxwriter harfbuzz freetype2 inih libcrypto minizip expat
SAN      ?=
OPT      ?= -O2 -g
CFLAGS_BASE = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) -Wall -Wextra -Werror \
              -Iinclude -I$(BUILD) $(SAN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS       = $(PKG_LIBS) -lhpdf -lcsv -lm -lpthread
DATADIR    = $(PREFIX)/share/nivaran

# Debian packages the build, the tests and the demo need.
DEB_PKGS = build-essential pkg-config libcsv-dev libsqlite3-dev libxlsxwriter-dev libhpdf-dev \
           libharfbuzz-dev libfreetype-dev libinih-dev libcmocka-dev libssl-dev libminizip-dev libexpat1-dev \
           fonts-noto-core fonts-dejavu-core python3-openpyxl qpdf poppler-utils sqlite3 \
           valgrind clang clang-format libclang-rt-14-dev time

SRCS      = $(filter-out src/cli/main.c,$(sort $(shell find src -name '*.c')))
OBJS      = $(patsubst src/%.c,$(BUILD)/%.o,$(SRCS)) $(BUILD)/queries_gen.o
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
QUERIES   = $(sort $(wildcard queries/*.sql))
FORMAT_FILES = $(shell find src include -name '*.[ch]') tests/unit/*.c tools/*.c

.PHONY: FORCE all deps test asan valgrind bench demo fuzz install clean format check-format unit

# ./nivaran is the default build's binary; other builds (build-asan) keep
# theirs in $(BUILD) so that a sanitizer run never replaces it.
ifeq ($(BUILD),build)
all: deps nivaran
else
all: deps $(BUILD)/nivaran
endif

deps: $(BUILD)/.deps
$(BUILD)/.deps: Makefile
	@mkdir -p $(BUILD)
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
	@touch $@

nivaran: $(BUILD)/nivaran
	@cp $(BUILD)/nivaran $@.$$$$.tmp && mv $@.$$$$.tmp $@

# Every build product is written under a temporary name and renamed, so that
# concurrent makes in one tree never see (or leave) a half-written file.
$(BUILD)/nivaran: $(BUILD)/cli/main.o $(BUILD)/libnivaran.a
	@echo "  LD $@"
	@$(CC) $(CFLAGS_BASE) -o $@.$$$$.tmp $^ $(LIBS) && mv $@.$$$$.tmp $@

# The archive is rebuilt when the list of sources changes (a file removed).
$(BUILD)/objs.list: FORCE | $(BUILD)/.deps
	@echo "$(OBJS)" | cmp -s - $@ || echo "$(OBJS)" > $@
FORCE:

$(BUILD)/libnivaran.a: $(OBJS) $(BUILD)/objs.list
	@echo "  AR $@"
	@rm -f $@.$$$$.tmp && ar rcs $@.$$$$.tmp $(OBJS) && mv $@.$$$$.tmp $@

# Each object depends on every header it includes (-MMD -MP writes
# $(BUILD)/DIR/x.d beside it), so that editing a src/DIR/*_int.h rebuilds its users.
$(BUILD)/%.o: src/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS_BASE) $(PKG_CFLAGS) -MMD -MP -MF $(@:.o=.d) -MT $@ -c -o $@.$$$$.tmp $< && mv $@.$$$$.tmp $@

# The SQL of queries/*.sql is compiled into the binary (see include/nivaran/store/queries.h).
$(BUILD)/embed: tools/embed.c | $(BUILD)/.deps
	@$(CC) -std=c11 -O1 -o $@.$$$$.tmp $< && mv $@.$$$$.tmp $@
$(BUILD)/queries_gen.c: $(QUERIES) $(BUILD)/embed
	@$(BUILD)/embed $(QUERIES) > $@.$$$$.tmp && mv $@.$$$$.tmp $@
$(BUILD)/queries_gen.o: $(BUILD)/queries_gen.c
	@$(CC) $(CFLAGS_BASE) -c -o $@.$$$$.tmp $< && mv $@.$$$$.tmp $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnivaran.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(CFLAGS_BASE) -Isrc $(PKG_CFLAGS) -MMD -MP -MF $@.d -MT $@ -o $@.$$$$.tmp $< $(BUILD)/libnivaran.a $(LIBS) -lcmocka && mv $@.$$$$.tmp $@

-include $(OBJS:.o=.d) $(BUILD)/cli/main.d $(UNIT_BINS:=.d)

unit: deps $(UNIT_BINS)

# Every suite: unit tests (cmocka) then end-to-end scripts; one closing line.
test: all unit $(BUILD)/xlsxread_dump
	@NIVARAN=$(CURDIR)/$(BUILD)/nivaran BUILD=$(BUILD) tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" test

valgrind: all unit
	@BUILD=$(BUILD) tools/valgrind.sh

bench: all $(BUILD)/xlsxread_dump $(BUILD)/xlsx_floor $(BUILD)/load_floor
	@tools/bench.sh

# Reads sheets of workbooks with xlsxread, for bench.sh and tests/e2e/xlsxread.sh.
$(BUILD)/xlsxread_dump: tools/xlsxread_dump.c $(BUILD)/libnivaran.a
	@echo "  LD $@"
	@$(CC) $(CFLAGS_BASE) $(PKG_CFLAGS) -o $@.$$$$.tmp $< $(BUILD)/libnivaran.a $(LIBS) && mv $@.$$$$.tmp $@

# Deflates the workbooks' XML again with zlib, timed: their floor, for bench.sh.
$(BUILD)/xlsx_floor: tools/xlsx_floor.c
	@echo "  LD $@"
	@$(CC) $(CFLAGS_BASE) $(PKG_CFLAGS) -o $@.$$$$.tmp $< $(LIBS) && mv $@.$$$$.tmp $@

# The floor of the loader's work (parse, normalise, a bare insert), for bench.sh.
$(BUILD)/load_floor: tools/load_floor.c $(BUILD)/libnivaran.a
	@echo "  LD $@"
	@$(CC) $(CFLAGS_BASE) $(PKG_CFLAGS) -o $@.$$$$.tmp $< $(BUILD)/libnivaran.a $(LIBS) && mv $@.$$$$.tmp $@

demo: all
	./nivaran demo --out out

fuzz: deps
	@tools/fuzz.sh $${FUZZ_SECONDS:-30}

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/nivaran $(DESTDIR)$(PREFIX)/bin/nivaran
	cp -R templates $(DESTDIR)$(DATADIR)/
	install -m 644 nivaran.1 $(DESTDIR)$(PREFIX)/share/man/man1/nivaran.1

format:
	clang-format -i $(FORMAT_FILES)

check-format:
	clang-format --dry-run -Werror $(FORMAT_FILES)

clean:
	rm -rf build build-asan build-fuzz nivaran
