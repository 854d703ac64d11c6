/* The KPI catalogue: each KPI's measure, filter and target, parsed from text and checked, so
 * that a coordinator can write the next plan's catalogue as a CSV without recompiling. */
#ifndef CBKPI_ANALYZE_CATALOGUE_H
#define CBKPI_ANALYZE_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum measure_kind {
    MEASURE_MEMBERS_WITH_STATUS,
    MEASURE_COUNT_TOTAL,
    MEASURE_COUNT_PER_YEAR,
    MEASURE_COUNT_PER_QUARTER,
    MEASURE_COUNT_PER_WINDOW,
    MEASURE_DISTINCT_MEMBERS_PER_YEAR,
    MEASURE_DISTINCT_MEMBERS_TOTAL,
    MEASURE_SHARE_OF_ACTIVITIES,
    MEASURE_MEAN_EVALUATION,
    MEASURE_FEMALE_PARTICIPATION_SHARE,
    MEASURE_FEMALE_HOD_GROWTH,
    MEASURE_MANUAL,
    MEASURE_KINDS
} measure_kind;

/* The activity flags a filter or a share can name. */
typedef enum activity_flag { FLAG_NONE = -1, FLAG_REQUESTED, FLAG_ACCREDITED_EXPERT,
                             FLAG_REQUEST_MET, FLAG_COUNT } activity_flag;

#define FILTER_MAX_WORDS 16

typedef struct word_set {
    size_t n;                        /* 0: any value matches */
    char *words[FILTER_MAX_WORDS];
} word_set;

typedef struct kpi_filter {
    word_set actions;                /* action=... */
    word_set types;                  /* type=... */
    int flags[FLAG_COUNT];           /* requested=yes|no ...: 1, 0, or -1 for any */
    activity_flag share_flag;        /* flag=... for share_of_activities */
    unsigned status_mask;            /* status=...: bit per STATUS_*; default implemented */
    int window_years;                /* years=N for count_per_window */
} kpi_filter;

typedef enum comparator { CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_EQ } comparator;

typedef struct kpi_target {
    comparator cmp;
    double number;                   /* 25% is stored as 0.25 */
    bool percent;
} kpi_target;

typedef struct kpi_def {
    char *id, *action, *text, *filter_text, *target_text;
    int pillar;
    measure_kind measure;
    kpi_filter filter;
    kpi_target target;
    long deadline;                   /* days since 1970-01-01 */
    long line;                       /* in the catalogue file */
} kpi_def;

typedef struct catalogue {
    kpi_def *kpis;
    size_t count, cap;
} catalogue;

/** The measure named by text, or false. */
bool catalogue_parse_measure(const char *text, measure_kind *out);
/** The measure's name as written in a catalogue. */
const char *catalogue_measure_name(measure_kind m);
/** Parses a filter ("action=3.j type=success_story") for a measure; false with a reason in why
 *  when a key is unknown, does not apply to the measure, or a value is invalid. */
bool catalogue_parse_filter(const char *text, measure_kind m, kpi_filter *out, char *why,
                            size_t cap);
/** Releases a filter's words. */
void catalogue_filter_free(kpi_filter *f);
/** Parses a target (">=35", ">=25%"); false with a reason in why. */
bool catalogue_parse_target(const char *text, kpi_target *out, char *why, size_t cap);
/** True when value satisfies the target. */
bool catalogue_target_met(const kpi_target *t, double value);
/** True when a word set matches text (case-insensitive; an empty set matches anything). */
bool catalogue_words_match(const word_set *set, const char *text, size_t len);

/** Adds a KPI after checking its measure, filter and target; false with a reason in why (the
 *  catalogue is then unchanged). Strings are copied. */
bool catalogue_add(catalogue *c, const char *id, int pillar, const char *action, const char *text,
                   const char *measure, const char *filter, const char *target, long deadline,
                   long line, char *why, size_t cap);
/** Frees the KPIs. */
void catalogue_free(catalogue *c);

#endif
