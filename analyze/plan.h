/* The plan window and its periods: plan years (from the start month to the month before it),
 * quarters and multi-year windows, and how much of a period has elapsed by the as-of date. */
#ifndef CBKPI_ANALYZE_PLAN_H
#define CBKPI_ANALYZE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#define PLAN_MAX_PERIODS 128 /* quarters of 32 years; the command line allows 16 */

typedef struct plan_window {
    long start;   /* first day, days since 1970-01-01 */
    long end;     /* last day */
    long as_of;   /* data after this day does not count */
} plan_window;

typedef enum period_kind { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_WINDOW } period_kind;

/* A run of consecutive periods covering the plan window. */
typedef struct plan_periods {
    period_kind kind;
    int months;                       /* length of one period */
    int count;
    long first[PLAN_MAX_PERIODS];     /* first day of each period */
    long last[PLAN_MAX_PERIODS];      /* last day (the last period ends with the window) */
} plan_periods;

/** The same day `months` months later (or earlier, when negative); a day past the end of a
 *  short month becomes its last day. */
long plan_add_months(long day, int months);
/** Divides the window into periods of `months` months from its start (12: plan years, 3:
 *  quarters, 24: two-year windows). */
plan_periods plan_divide(const plan_window *w, period_kind kind, int months);
/** The period that holds day, or -1 outside the window. */
int plan_period_of(const plan_periods *p, long day);
/** A label: "2024/25" for a plan year, "2024/25 Q1" for a quarter, "2024/25-2025/26" for a
 *  window. */
void plan_period_label(const plan_periods *p, int i, char *out, size_t cap);
/** Share of the days first..last that have passed by as_of (0 before, 1 after). */
double plan_elapsed(long first, long last, long as_of);
/** True when day lies in the window and not after the as-of date. */
bool plan_counts(const plan_window *w, long day);
/** The index of the period that holds the as-of date (the current one); count - 1 after the
 *  window, -1 before it. */
int plan_current_period(const plan_periods *p, long as_of);

#endif
