# fioscope: a plain Makefile.  make, make test, make demo, make install.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/fioscope
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=
CC      ?= cc
PKG_CONFIG ?= pkg-config
B       := build
V       ?=
Q       := $(if $(V),,@)

# json-c parses fio's JSON, sqlite3 is the store, zlib gunzips, libcrypto
# (OpenSSL) hashes with SHA-256 (zlib also adds pHYs and tEXt to gnuplot's
# PNGs: png_meta.c), libpng reads PNGs back in the tests (pnginfo), cairo
# draws (render_cairo.c only).
PKGS    := json-c sqlite3 zlib libcrypto libpng
# cairo's flags pull in glib's include paths: only the file that draws
# with cairo gets them.
CAIRO_CFLAGS = $(shell $(PKG_CONFIG) --cflags cairo)
# Warnings are errors in a git checkout (development, CI); a release build
# (a tarball, without .git) or WERROR=0 keeps building when a newer
# compiler warns about something new.
WERROR  ?= $(if $(wildcard .git),1,0)
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 \
	   -Wold-style-definition -Wwrite-strings -Wvla -Wpointer-arith \
	   -Wdeclaration-after-statement -Werror=implicit-function-declaration \
	   $(if $(filter 1,$(WERROR)),-Werror)
SANITIZE ?=
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   $(WARN) $(CFLAGS) $(if $(SANITIZE),-fsanitize=$(SANITIZE) \
	   -fno-omit-frame-pointer -fno-sanitize-recover=all) \
	   -DFSC_DATADIR='"$(DATADIR)"' -I$(B) -Isrc \
	   $(shell $(PKG_CONFIG) --cflags $(PKGS))
LDLIBS  = $(shell $(PKG_CONFIG) --libs $(PKGS) cairo librsvg-2.0 libzip) \
	  -lpthread -lm
ALL_LDFLAGS = $(LDFLAGS) $(if $(SANITIZE),-fsanitize=$(SANITIZE))

# Every src/*.c is library code but the thin programs: cli*.c, cmd_*.c and
# fioscope.c (main and dispatch).
CMD_SRC := $(sort $(notdir $(wildcard src/cli*.c src/cmd_*.c))) fioscope.c
LIB_SRC := $(filter-out $(CMD_SRC),$(sort $(notdir $(wildcard src/*.c))))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
CMD_OBJ := $(CMD_SRC:%.c=$(B)/%.o)
# The commands (src/cmd_CMD.c); each is also a program, fioscope-CMD.
CMDS    := $(patsubst src/cmd_%.c,%,$(sort $(wildcard src/cmd_*.c)))
PROGS   := $(B)/fioscope $(CMDS:%=$(B)/fioscope-%)
UNIT    := $(B)/unit_test $(B)/check_pcts $(B)/pnginfo

all: $(PROGS)

$(B)/.dir:
	$(Q)mkdir -p $(B) && touch $@

# The schema's one source of truth, compiled in as a C string.
$(B)/schema_sql.h: schema/fioscope.sql | $(B)/.dir
	$(Q){ echo '/* generated from schema/fioscope.sql; DO NOT EDIT */'; \
	  echo 'const char fsc_schema_sql[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@

$(B)/store.o: $(B)/schema_sql.h
$(B)/render_cairo.o: ALL_CFLAGS += $(CAIRO_CFLAGS)
# librsvg draws the SVG figures onto the slides' PDF pages, libzip packs
# the PPTX (deck_pdf.c and deck_pptx.c only).
RSVG_CFLAGS = $(shell $(PKG_CONFIG) --cflags librsvg-2.0)
ZIP_CFLAGS = $(shell $(PKG_CONFIG) --cflags libzip)
$(B)/deck_pdf.o: ALL_CFLAGS += $(CAIRO_CFLAGS) $(RSVG_CFLAGS)
$(B)/deck_pptx.o: ALL_CFLAGS += $(ZIP_CFLAGS)

$(B)/%.o: src/%.c | $(B)/.dir
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libfioscope.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/fioscope: $(CMD_OBJ) $(B)/libfioscope.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(B)/libfioscope.a $(LDLIBS)

# The per-command programs are links to the same binary (dispatch by name).
$(B)/fioscope-%: $(B)/fioscope
	$(Q)ln -f $< $@

$(B)/unit_test: tests/unit/unit_test.c $(B)/libfioscope.a
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(B)/libfioscope.a $(LDLIBS)

$(B)/check_pcts: tests/unit/check_pcts.c $(B)/libfioscope.a
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(B)/libfioscope.a $(LDLIBS)

# the figure tests' PNG reader (libpng)
$(B)/pnginfo: tests/unit/pnginfo.c | $(B)/.dir
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LDLIBS)

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d)

# Debian packages that build, tests and demo need; installed when missing.
deps:
	$(Q)sh tests/deps.sh

test check: deps
	$(Q)$(MAKE) --no-print-directory all $(UNIT)
	$(Q)sh tests/run.sh

# ---- reliability checks (README "Reliability") ----
# check-sanitize: the whole suite on an ASan+UBSan build; any report fails.
check-sanitize: deps
	$(Q)$(MAKE) --no-print-directory B=build-san CC=clang \
	  SANITIZE=address,undefined CFLAGS='-O1 -g' test-bins
	$(Q)FSC_BUILD=build-san CC=clang sh tests/sanitize.sh

# check-tsan: the whole suite on a ThreadSanitizer build; any report fails.
check-tsan: deps
	$(Q)$(MAKE) --no-print-directory B=build-tsan CC=clang \
	  SANITIZE=thread CFLAGS='-O1 -g' test-bins
	$(Q)FSC_BUILD=build-tsan CC=clang sh tests/sanitize.sh thread

# check-valgrind: the commands listed in tests/valgrind.cmds under memcheck.
check-valgrind: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tests/valgrind.sh

# fuzz: build the libFuzzer targets (tests/fuzz/fuzz_*.c) and run each for
# FUZZ_SECONDS, one after the other.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= fiojson ingest logfile layout hist outputs
# The same targets with a plain main() (tests/fuzz/replay.c), built by any
# compiler for make test, which replays the saved inputs (t9400).
UNIT += $(FUZZ_TARGETS:%=$(B)/replay_%)
$(B)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(B)/libfioscope.a
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ tests/fuzz/replay.c $< \
	  $(B)/libfioscope.a $(LDLIBS)
test-bins: all $(UNIT)
$(B)/fuzz_%: tests/fuzz/fuzz_%.c $(B)/libfioscope.a
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(ALL_LDFLAGS) -o $@ $< \
	  $(B)/libfioscope.a $(LDLIBS)

fuzz-build: deps
	$(Q)$(MAKE) --no-print-directory B=build-fuzz CC=clang \
	  SANITIZE=address,undefined CFLAGS='-O1 -g -fsanitize=fuzzer-no-link' \
	  $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

fuzz: fuzz-build
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

demo: deps all
	$(Q)rm -f output/fioscope.db output/fioscope.db-wal output/fioscope.db-shm
	$(Q)./$(B)/fioscope ingest --quiet --db output/fioscope.db \
	  --layout 'rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json' sample-data
	$(Q)FIOSCOPE_TEMPLATES=$(CURDIR)/templates ./$(B)/fioscope report \
	  --db output/fioscope.db --out output
	@echo "demo: open output/index.html (store: output/fioscope.db; try ./$(B)/fioscope ls --db output/fioscope.db)"

# The benchmark (not part of make test): see bench/run.sh and bench/results.md.
bench: deps all
	$(Q)sh bench/run.sh $(BENCH_RUNS)
	$(Q)sh bench/figures.sh $(BENCH_RUNS)

# Where bash-completion looks for a command's completion (by its name).
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
MAN1    := $(sort $(wildcard man/*.1))
MAN5    := $(sort $(wildcard man/*.5))

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	  $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPDIR)
	install -m 755 $(B)/fioscope $(DESTDIR)$(BINDIR)/fioscope
	for p in $(CMDS); do ln -f $(DESTDIR)$(BINDIR)/fioscope \
	  $(DESTDIR)$(BINDIR)/fioscope-$$p || exit 1; done
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completion/fioscope.bash $(DESTDIR)$(COMPDIR)/fioscope
	for p in $(CMDS); do ln -sf fioscope \
	  $(DESTDIR)$(COMPDIR)/fioscope-$$p || exit 1; done
	install -m 644 schema/*.sql $(DESTDIR)$(DATADIR)/schema/
	for f in templates/*; do [ -f "$$f" ] && install -m 644 "$$f" \
	  $(DESTDIR)$(DATADIR)/templates/ || :; done
	install -d $(DESTDIR)$(DATADIR)/templates/pptx
	install -m 644 templates/pptx/* $(DESTDIR)$(DATADIR)/templates/pptx/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fioscope $(CMDS:%=$(DESTDIR)$(BINDIR)/fioscope-%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) \
	  $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(DESTDIR)$(COMPDIR)/fioscope $(CMDS:%=$(DESTDIR)$(COMPDIR)/fioscope-%)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-tsan build-fuzz $(filter-out build build-san build-tsan build-fuzz,$(B))

.PHONY: all deps test check check-sanitize check-tsan check-valgrind fuzz fuzz-build test-bins \
	demo bench install uninstall clean
