# plenum - text analytics and trend statistics over dated meeting reports.
# GNU make.  Targets: all check (test) unit e2e demo bench install
# uninstall clean distclean deps valgrind.  See README.md.

VERSION		= 0.1.0
PREFIX		?= /usr/local
DESTDIR		?=
BINDIR		= $(PREFIX)/bin
MANDIR		= $(PREFIX)/share/man
PKG_CONFIG	?= pkg-config
CC		?= cc
BUILD		?= build

PKGS		= sqlite3 gsl cairo pangocairo libpng zlib libutf8proc jansson opencc glib-2.0

WARN		= -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes \
		  -Wwrite-strings -Wvla
ifeq ($(DEVELOPER),1)
WARN		+= -Werror
endif
OPT		?= -O2 -g
CFLAGS		?=
CPPFLAGS	+= -D_GNU_SOURCE -DPL_VERSION='"$(VERSION)"' -Iinclude
ifneq ($(SANITIZE),)
SAN_FLAGS	= -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_LDFLAGS	= -fsanitize=$(SANITIZE)
endif

# Dependencies come only from pkg-config; a missing one stops the build.
ifeq ($(filter deps clean distclean,$(MAKECMDGOALS)),)
PKG_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	:= $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
PKG_OK		:= $(shell $(PKG_CONFIG) --exists $(PKGS) 2>/dev/null && echo yes)
endif

ALL_CFLAGS	= -std=c11 $(WARN) $(OPT) $(SAN_FLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS	= $(SAN_LDFLAGS) $(LDFLAGS)
LIBS		= $(PKG_LIBS) -lpthread -lm

LIB_SRC		= $(sort $(wildcard lib/*.c))
LIB_OBJ		= $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/stopwords.o \
		  $(BUILD)/gen/seglex.o
CMD_SRC		= $(sort $(wildcard cmd/*.c))
CMD_OBJ		= $(CMD_SRC:%.c=$(BUILD)/%.o)
PLOT_SRC	= $(sort $(wildcard plots/*.c))
PLOT_OBJ	= $(PLOT_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC	= $(wildcard tests/unit/*-test.c)
UNIT_BIN	= $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
DEPS		= $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(PLOT_OBJ:.o=.d) $(UNIT_BIN:=.d)

PROG		= $(BUILD)/plenum
MANPAGES	= $(wildcard docs/man/*.1)

.PHONY: all check test unit e2e demo bench install uninstall clean \
	distclean deps valgrind pkgcheck

all: pkgcheck plenum $(UNIT_BIN)

pkgcheck:
ifneq ($(PKG_OK),yes)
	@echo "make: missing libraries: pkg-config cannot find all of: $(PKGS)" >&2
	@echo "make: run 'make deps' (as root) to install them" >&2
	@exit 1
endif

deps:
	@sh build-aux/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

# The stopword lists are compiled in, so the binary needs no data files.
$(BUILD)/gen/stopwords.c: data/stopwords-en.txt data/stopwords-zh.txt build-aux/embed.sh
	@mkdir -p $(@D)
	sh build-aux/embed.sh data/stopwords-en.txt data/stopwords-zh.txt > $@

$(BUILD)/gen/stopwords.o: $(BUILD)/gen/stopwords.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

# The segmenter's lexicon: jieba's dictionary and HMM (python3-jieba) and
# data/terms-zh.txt compiled into one blob in the binary's read-only data.
JIEBA_DIR	?= /usr/lib/python3/dist-packages/jieba
$(BUILD)/gen/seglex.bin: build-aux/seglex.py data/terms-zh.txt $(JIEBA_DIR)/dict.txt
	@mkdir -p $(@D)
	python3 build-aux/seglex.py $(JIEBA_DIR) data/terms-zh.txt $@.tmp && mv $@.tmp $@

$(BUILD)/gen/seglex.c: build-aux/embed.sh
	@mkdir -p $(@D)
	sh build-aux/embed.sh --blob pl_seglex_blob $(BUILD)/gen/seglex.bin > $@

$(BUILD)/gen/seglex.o: $(BUILD)/gen/seglex.c $(BUILD)/gen/seglex.bin
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libplenum.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# The plotting module is its own library on top of lib.
$(BUILD)/libplenumplot.a: $(PLOT_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(PLOT_OBJ)

$(PROG): $(CMD_OBJ) $(BUILD)/libplenumplot.a $(BUILD)/libplenum.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libplenumplot.a \
		$(BUILD)/libplenum.a $(LIBS)

# The tests and the README run ./plenum from the top of the tree.
plenum: $(PROG)
	@if [ "$(BUILD)" = build ]; then cp $(PROG) plenum; fi

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libplenumplot.a $(BUILD)/libplenum.a tests/unit/tap.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Ilib $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/libplenumplot.a $(BUILD)/libplenum.a $(LIBS)

# fontconfig's process-lifetime caches are not leaks (tests/lsan.supp).
LSAN_ENV	= LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0

check test: deps
	@$(MAKE) --no-print-directory all
	@$(LSAN_ENV) PLENUM_BIN_DIR=$(abspath $(dir $(PROG))) sh tests/run-tests.sh $(BUILD)/tests

unit: all
	@PLENUM_BIN_DIR=$(abspath $(dir $(PROG))) sh tests/run-tests.sh --unit-only $(BUILD)/tests

valgrind: all
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full" \
		PLENUM_BIN_DIR=$(abspath $(dir $(PROG))) sh tests/run-tests.sh $(BUILD)/tests

demo: deps
	@$(MAKE) --no-print-directory all
	@sh build-aux/demo.sh

# make bench runs every bench/*.sh; make bench BENCH="plot trends" a few.
BENCH		?= $(patsubst bench/%.sh,%,$(sort $(wildcard bench/*.sh)))
bench:
	@sh build-aux/deps.sh --bench
	@$(MAKE) --no-print-directory all
	@for b in $(BENCH); do \
		echo "bench: bench/$$b.sh" >&2; \
		bash bench/$$b.sh >> bench/RESULTS.md || exit 1; \
	done
	@tail -n 30 bench/RESULTS.md

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/plenum
	for m in $(MANPAGES); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plenum
	for m in $(MANPAGES); do rm -f $(DESTDIR)$(MANDIR)/man1/$$(basename $$m); done

# Build trees are build/ and build-NAME/ (BUILD=build-san ...); build-aux/
# is source.
clean:
	rm -rf build $(filter-out build-aux,$(wildcard build-*)) plenum \
		tests/trash out demo.db demo.db-wal demo.db-shm

distclean: clean

-include $(DEPS)
