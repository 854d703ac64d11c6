/* Fuzz target `catalogue`: the bytes up to the first NUL or newline are a filter, the rest a
 * target (up to its own first NUL). Parses the filter for every measure and the target, then
 * adds a KPI of every measure (and one of an unknown measure) with them, and frees it all. */
#include "tests/fuzz/fuzz_common.h"

#include "analyze/catalogue.h"

static void touch_filter(const kpi_filter *f)
{
    FUZZ_CHECK(f->actions.n <= FILTER_MAX_WORDS && f->types.n <= FILTER_MAX_WORDS,
               "%zu actions, %zu types", f->actions.n, f->types.n);
    for (size_t i = 0; i < f->actions.n; i++) {
        fuzz_touch_string(f->actions.words[i]);
        FUZZ_CHECK(catalogue_words_match(&f->actions, f->actions.words[i],
                                         strlen(f->actions.words[i])),
                   "action word %zu does not match itself", i);
    }
    for (size_t i = 0; i < f->types.n; i++)
        fuzz_touch_string(f->types.words[i]);
    fuzz_touch(f->flags, sizeof f->flags);
    fuzz_touch(&f->share_flag, sizeof f->share_flag);
    fuzz_touch(&f->status_mask, sizeof f->status_mask);
    FUZZ_CHECK(f->window_years >= 0 && f->window_years <= 10, "years=%d", f->window_years);
    (void)catalogue_words_match(&f->types, "mission", 7);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cut = 0;
    while (cut < size && data[cut] != '\0' && data[cut] != '\n')
        cut++;
    char *filter = malloc(cut + 1);
    memcpy(filter, data, cut);
    filter[cut] = '\0';
    size_t rest = cut < size ? size - cut - 1 : 0;
    char *target = malloc(rest + 1);
    if (rest)
        memcpy(target, data + cut + 1, rest);
    target[rest] = '\0';

    char why[200];
    for (int m = 0; m < MEASURE_KINDS; m++) {
        kpi_filter f;
        why[0] = '\0';
        if (catalogue_parse_filter(filter, (measure_kind)m, &f, why, sizeof why)) {
            touch_filter(&f);
            catalogue_filter_free(&f);
        } else {
            FUZZ_CHECK(why[0] != '\0', "filter refused for %s without a reason",
                       catalogue_measure_name((measure_kind)m));
            fuzz_touch_string(why);
        }
    }
    kpi_target t;
    why[0] = '\0';
    bool target_ok = catalogue_parse_target(target, &t, why, sizeof why);
    if (target_ok) {
        FUZZ_CHECK(t.number >= 0 && t.number == t.number, "target number %g", t.number);
        static const double values[] = {0, 0.25, 1, 4, 35, 1e9};
        for (size_t i = 0; i < sizeof values / sizeof *values; i++)
            fuzz_touch(&(int){catalogue_target_met(&t, values[i])}, sizeof(int));
    } else {
        fuzz_touch_string(why);
    }

    catalogue c = {0};
    size_t added = 0;
    for (int m = 0; m <= MEASURE_KINDS; m++) {
        const char *measure = m < MEASURE_KINDS ? catalogue_measure_name((measure_kind)m)
                                                : "no_such_measure";
        why[0] = '\0';
        if (catalogue_add(&c, "1.a-1", 1, "1.a", "fuzzed KPI", measure, filter, target,
                          20000 + m, m + 2, why, sizeof why)) {
            FUZZ_CHECK(m < MEASURE_KINDS, "unknown measure accepted");
            FUZZ_CHECK(target_ok, "target refused alone but accepted by catalogue_add");
            added++;
            const kpi_def *k = &c.kpis[c.count - 1];
            FUZZ_CHECK(k->measure == (measure_kind)m, "measure %d stored as %d", m,
                       (int)k->measure);
            FUZZ_CHECK(strcmp(k->filter_text, filter) == 0 && strcmp(k->target_text, target) == 0,
                       "texts not copied");
            touch_filter(&k->filter);
        } else {
            FUZZ_CHECK(why[0] != '\0', "KPI refused without a reason");
        }
        FUZZ_CHECK(c.count == added, "%zu KPIs after %zu additions", c.count, added);
    }
    catalogue_free(&c);
    free(filter);
    free(target);
    return 0;
}
