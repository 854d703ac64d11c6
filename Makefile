# cbkpi — `make run` writes the workbooks from samples/ into out/; `make test` runs every test.

PREFIX   ?= /usr/local
CC       ?= cc
VERSION  := 0.1.0
BUILD    := build
PYTHON   := /usr/bin/python3

PKGS     := xlsxwriter
WARN     := -std=c11 -Wall -Wextra -Werror -pedantic-errors -Wno-overlength-strings
DEFS     := -D_POSIX_C_SOURCE=200809L -DCBKPI_VERSION='"$(VERSION)"' -I.
LIBS      = $(shell pkg-config --libs $(PKGS)) -lcsv -lm
TEST_LIBS = $(shell pkg-config --libs criterion)

ASAN_ENV      := detect_leaks=1:abort_on_error=0:exitcode=86
UBSAN_ENV     := print_stacktrace=1:halt_on_error=1
RELEASE_FLAGS := -O2 -g
ASAN_FLAGS    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

LIB_SRC  := $(sort $(wildcard util/*.c ingest/*.c analyze/*.c export/*.c)) $(filter-out cli/main.c,$(sort $(wildcard cli/*.c)))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
HEADERS  := $(wildcard util/*.h ingest/*.h analyze/*.h export/*.h cli/*.h)

REL_OBJ  := $(LIB_SRC:%.c=$(BUILD)/release/%.o)
ASAN_OBJ := $(LIB_SRC:%.c=$(BUILD)/asan/%.o)
DEPS_OK  := $(BUILD)/.deps-ok

.PHONY: all run test unit golden install clean deps
all: $(BUILD)/cbkpi

deps: $(DEPS_OK)
$(DEPS_OK): tools/ensure-deps.sh
	@./tools/ensure-deps.sh
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/release/%.o: %.c $(HEADERS) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(RELEASE_FLAGS) $(DEFS) $(shell pkg-config --cflags $(PKGS)) -c $< -o $@

$(BUILD)/asan/%.o: %.c $(HEADERS) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(ASAN_FLAGS) $(DEFS) $(shell pkg-config --cflags $(PKGS) criterion) -c $< -o $@

$(BUILD)/cbkpi: $(REL_OBJ) $(BUILD)/release/cli/main.o
	$(CC) $(RELEASE_FLAGS) $^ -o $@ $(LIBS)

$(BUILD)/asan/cbkpi: $(ASAN_OBJ) $(BUILD)/asan/cli/main.o
	$(CC) $(ASAN_FLAGS) $^ -o $@ $(LIBS)

$(BUILD)/release/unit-tests: $(REL_OBJ) $(TEST_SRC:%.c=$(BUILD)/release/%.o)
	$(CC) $(RELEASE_FLAGS) $^ -o $@ $(LIBS) $(TEST_LIBS)

$(BUILD)/asan/unit-tests: $(ASAN_OBJ) $(TEST_SRC:%.c=$(BUILD)/asan/%.o)
	$(CC) $(ASAN_FLAGS) $^ -o $@ $(LIBS) $(TEST_LIBS)

# The workbooks of the samples, as a new user first sees them.
run: $(BUILD)/cbkpi
	@mkdir -p out
	$(BUILD)/cbkpi evaluate --workshops samples/workshops.csv --evaluations samples/evaluations.csv \
	    --members samples/members.csv -o out/evaluation.xlsx
	$(BUILD)/cbkpi needs --survey samples/needs.csv --members samples/members.csv -o out/needs-2025.xlsx

# Every test twice: an optimised build, then AddressSanitizer + UndefinedBehaviorSanitizer.
test: unit golden

unit: $(BUILD)/release/unit-tests $(BUILD)/asan/unit-tests
	@echo "== unit tests (release build)"
	@cd tests/unit && ../../$(BUILD)/release/unit-tests --jobs 2
	@echo "== unit tests (AddressSanitizer + UndefinedBehaviorSanitizer build)"
	@cd tests/unit && ASAN_OPTIONS=$(ASAN_ENV) UBSAN_OPTIONS=$(UBSAN_ENV) ../../$(BUILD)/asan/unit-tests --jobs 2

golden: $(BUILD)/cbkpi $(BUILD)/asan/cbkpi
	@echo "== golden tests (release build)"
	@$(PYTHON) tests/golden/run_golden.py $(BUILD)/cbkpi
	@echo "== golden tests (AddressSanitizer + UndefinedBehaviorSanitizer build)"
	@ASAN_OPTIONS=$(ASAN_ENV) UBSAN_OPTIONS=$(UBSAN_ENV) $(PYTHON) tests/golden/run_golden.py $(BUILD)/asan/cbkpi

install: $(BUILD)/cbkpi
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/cbkpi $(DESTDIR)$(PREFIX)/bin/cbkpi

clean:
	rm -rf $(BUILD) out
