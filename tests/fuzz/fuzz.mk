# Coverage-guided fuzzing with clang's libFuzzer (included by the Makefile).
#
#   make fuzz                    every regression input once, then each target FUZZ_SECONDS
#                                seconds (default 60); fails when any of it fails
#   make fuzz FUZZ_SECONDS=600   longer runs;  make -j2 fuzz  runs two targets at a time
#   make fuzz FUZZ_TARGETS=needs only some targets
#   make fuzz-build              only builds $(BUILD)/fuzz/fuzz_<target>
#   make fuzz-regress            only replays tests/fuzz/regressions/<target>-<name>
#   make fuzz-run-<target>       fuzzes one target
#
# Seeds (committed) live in tests/fuzz/corpus/<target>/, dictionaries in
# tests/fuzz/<target>.dict; what the fuzzer learns goes to $(BUILD)/fuzz/work/<target>/, its
# log to $(BUILD)/fuzz/logs/<target>.log and any crashing input to
# $(BUILD)/fuzz/artifacts/<target>-crash-*. The library is compiled again with clang into
# $(BUILD)/fuzz/obj/, apart from the gcc objects of the other builds.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ALL_TARGETS := reader boundary ingest catalogue evaluate needs parts
FUZZ_TARGETS ?= $(FUZZ_ALL_TARGETS)
FUZZ_DIR     := tests/fuzz
FUZZ_BUILD   := $(BUILD)/fuzz
FUZZ_CFLAGS  := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CPPFLAGS = $(DEFS) $(shell pkg-config --cflags $(PKGS))
FUZZ_OPTIONS := -max_len=65536 -timeout=10 -rss_limit_mb=512
FUZZ_ENV     := ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# More environment for the runs, e.g. FUZZ_EXTRA_ENV=LSAN_OPTIONS=suppressions=/tmp/known.supp
# to fuzz on past a leak that is reported and not fixed yet (never commit such a file).
FUZZ_EXTRA_ENV ?=
# More libFuzzer flags for the runs, e.g. FUZZ_FLAGS=-jobs=2 or -use_value_profile=1.
FUZZ_FLAGS ?=
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

.PHONY: fuzz fuzz-build fuzz-regress $(FUZZ_TARGETS:%=fuzz-run-%)
.SECONDARY: $(FUZZ_LIB_OBJ) $(FUZZ_ALL_TARGETS:%=$(FUZZ_BUILD)/obj/$(FUZZ_DIR)/fuzz_%.o)

fuzz-build: $(FUZZ_BINS)

# -k: a failing regression or target does not stop the others; make still fails at the end.
fuzz: fuzz-build
	@$(MAKE) --no-print-directory --output-sync=target -k fuzz-regress $(FUZZ_TARGETS:%=fuzz-run-%)

# The library (generated catalogue included), instrumented like the harnesses.
$(FUZZ_BUILD)/obj/%.o: %.c $(HEADERS) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) -c $< -o $@

$(FUZZ_BUILD)/obj/$(FUZZ_DIR)/fuzz_%.o: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz_common.h $(HEADERS) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wall -Wextra -pedantic $(FUZZ_CPPFLAGS) -c $< -o $@

# `boundary` is the reader target built with FUZZ_READER_BOUNDARY.
$(FUZZ_BUILD)/obj/$(FUZZ_DIR)/fuzz_boundary.o: $(FUZZ_DIR)/fuzz_reader.c

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/$(FUZZ_DIR)/fuzz_%.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $^ -o $@ $(LIBS)

# Each file of tests/fuzz/regressions/ once through the target its name starts with, so that
# fixed bugs stay fixed.
fuzz-regress: $(FUZZ_BINS)
	@status=0; n=0; \
	for f in $(FUZZ_DIR)/regressions/*; do \
	    [ -f "$$f" ] || continue; \
	    name=$${f##*/}; target=$${name%%-*}; \
	    case " $(FUZZ_TARGETS) " in *" $$target "*) ;; \
	        *) case " $(FUZZ_ALL_TARGETS) " in *" $$target "*) continue ;; esac; \
	           echo "fuzz: $$f: no target '$$target' (file names are <target>-<name>)"; \
	           status=1; continue ;; esac; \
	    n=$$((n + 1)); \
	    if $(FUZZ_ENV) $(FUZZ_BUILD)/fuzz_$$target $(FUZZ_OPTIONS) "$$f" \
	            > $(FUZZ_BUILD)/regress.log 2>&1; then :; else \
	        echo "== fuzz regression FAILED: $$f"; cat $(FUZZ_BUILD)/regress.log; status=1; \
	    fi; \
	done; \
	echo "== fuzz regressions: $$n inputs replayed"; exit $$status

# One target for FUZZ_SECONDS: new inputs go to the working corpus (listed first), the seeds
# are only read. The last status line and the run count are shown; the whole log on failure.
$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: $(FUZZ_BUILD)/fuzz_%
	@mkdir -p $(FUZZ_BUILD)/work/$* $(FUZZ_BUILD)/logs $(FUZZ_BUILD)/artifacts $(FUZZ_DIR)/corpus/$*
	@echo "== fuzzing $* for $(FUZZ_SECONDS) s (log: $(FUZZ_BUILD)/logs/$*.log)"
	@if $(FUZZ_ENV) $(FUZZ_EXTRA_ENV) $(FUZZ_BUILD)/fuzz_$* $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_SECONDS) \
	        -print_final_stats=1 $(FUZZ_FLAGS) -artifact_prefix=$(FUZZ_BUILD)/artifacts/$*- \
	        $(if $(wildcard $(FUZZ_DIR)/$*.dict),-dict=$(FUZZ_DIR)/$*.dict) \
	        $(FUZZ_BUILD)/work/$* $(FUZZ_DIR)/corpus/$* > $(FUZZ_BUILD)/logs/$*.log 2>&1; then \
	    grep -E '^#[0-9]+' $(FUZZ_BUILD)/logs/$*.log | tail -n 1; \
	    grep -E '^Done [0-9]+ runs' $(FUZZ_BUILD)/logs/$*.log; \
	else \
	    echo "== fuzz target $* FAILED:"; tail -n 80 $(FUZZ_BUILD)/logs/$*.log; \
	    ls $(FUZZ_BUILD)/artifacts/$*-* 2>/dev/null; exit 1; \
	fi
