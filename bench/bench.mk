# `make bench`: cbkpi evaluate at 20k, 2M and 20M generated rows against pandas + XlsxWriter and
# DuckDB, with the figures of all three checked against each other (bench/run.py says how).
# Included at the end of the top Makefile, which defines BUILD, CC, PYTHON, DEPS_OK and the rule
# for $(BUILD)/cbkpi. Data goes to bench/data/ (ignored by git).
#
# Under 10 minutes on a 2-core machine: bench-clock, the first prerequisite, notes when
# `make bench` started, and the runner fits its runs into BENCH_BUDGET seconds from then,
# builds and installs included, skipping what would not fit and saying so.
# BENCH_ARGS passes more options to bench/run.py, e.g. BENCH_ARGS=--sizes=20000,2000000.

BUILD        ?= build
PYTHON       ?= /usr/bin/python3
BENCH_BUDGET ?= 570
BENCH_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2
BENCH_TOOLS  := $(BUILD)/bench/gen $(BUILD)/bench/csvcount

.PHONY: bench bench-clock bench-deps

bench: bench-clock $(BUILD)/cbkpi $(BENCH_TOOLS) bench-deps
	$(PYTHON) bench/run.py --cbkpi $(BUILD)/cbkpi --gen $(BUILD)/bench/gen \
	    --csvcount $(BUILD)/bench/csvcount --budget $(BENCH_BUDGET) \
	    --started $$(cat $(BUILD)/bench/started) $(BENCH_ARGS)

bench-clock:
	@mkdir -p $(BUILD)/bench && date +%s > $(BUILD)/bench/started

bench-deps:
	@./bench/ensure-deps.sh

$(BUILD)/bench/gen: bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $< -o $@

$(BUILD)/bench/csvcount: bench/csvcount.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $< -o $@ -lcsv

# Instructions per row at 2M rows under callgrind (about 7 minutes): see bench/README.md.
.PHONY: bench-instructions
bench-instructions: $(BUILD)/cbkpi $(BUILD)/bench/gen
	./bench/instructions.sh $(BUILD)/cbkpi $(BUILD)/bench/gen
