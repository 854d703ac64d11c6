/* Unit tests of analyze/plan.c: the plan window, its plan years, quarters and multi-year
 * windows, their labels, and the elapsed share of a period (PRODUCT.md: "a plan year runs
 * from the start month to the month before it (label 2024/25)"). Every expected day is a
 * calendar date worked by hand; day numbers come from util/date.h. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/plan.h"
#include "util/date.h"

#define D(y, m, d) date_from_civil((y), (m), (d))

#define assert_day(actual, y, m, d)                                                            \
    do {                                                                                       \
        long a_ = (actual);                                                                    \
        char got_[16];                                                                         \
        date_format_iso(a_, got_);                                                             \
        cr_assert_eq(a_, D(y, m, d), "%s = %s, expected %04d-%02d-%02d", #actual, got_, y, m,  \
                     d);                                                                       \
    } while (0)

#define assert_label(p, i, expected)                                                           \
    do {                                                                                       \
        char l_[64];                                                                           \
        plan_period_label((p), (i), l_, sizeof l_);                                            \
        cr_assert_str_eq(l_, (expected), "label of period %d is \"%s\", expected \"%s\"",      \
                         (int)(i), l_, (expected));                                            \
    } while (0)

/* The default window of PRODUCT.md: --plan-start 2024-07-01, --plan-end 2026-06-30. */
static plan_window default_window(long as_of)
{
    plan_window w = {D(2024, 7, 1), D(2026, 6, 30), as_of};
    return w;
}

/* ------------------------------------------------------------------------ plan_add_months */

Test(plan, add_months_keeps_the_day)
{
    assert_day(plan_add_months(D(2024, 7, 1), 12), 2025, 7, 1);
    assert_day(plan_add_months(D(2024, 7, 1), 3), 2024, 10, 1);
    assert_day(plan_add_months(D(2024, 7, 1), 24), 2026, 7, 1);
    assert_day(plan_add_months(D(2024, 7, 1), 0), 2024, 7, 1);
    /* 2024-11-15 + 2 months crosses the year: 2025-01-15. */
    assert_day(plan_add_months(D(2024, 11, 15), 2), 2025, 1, 15);
    /* Backwards across a year: 2024-01-15 - 1 month = 2023-12-15; 2024-07-01 - 12 = 2023-07-01. */
    assert_day(plan_add_months(D(2024, 1, 15), -1), 2023, 12, 15);
    assert_day(plan_add_months(D(2024, 7, 1), -12), 2023, 7, 1);
}

Test(plan, add_months_clamps_to_the_end_of_a_short_month)
{
    /* 2024 is a leap year: 2024-01-31 + 1 month = 2024-02-29 (there is no 02-30 or 02-31). */
    assert_day(plan_add_months(D(2024, 1, 31), 1), 2024, 2, 29);
    /* + 13 months: 2025-02, not a leap year: 2025-02-28. */
    assert_day(plan_add_months(D(2024, 1, 31), 13), 2025, 2, 28);
    /* + 2 months: 2024-03-31 exists. + 3: April has 30 days: 2024-04-30. */
    assert_day(plan_add_months(D(2024, 1, 31), 2), 2024, 3, 31);
    assert_day(plan_add_months(D(2024, 1, 31), 3), 2024, 4, 30);
    /* 2024-02-29 + 12 months = 2025-02-28; 2024-03-31 - 1 month = 2024-02-29. */
    assert_day(plan_add_months(D(2024, 2, 29), 12), 2025, 2, 28);
    assert_day(plan_add_months(D(2024, 3, 31), -1), 2024, 2, 29);
}

/* ------------------------------------------------------------------------------ plan_divide */

Test(plan, default_window_has_two_plan_years)
{
    plan_window w = default_window(D(2025, 1, 1));
    plan_periods p = plan_divide(&w, PERIOD_YEAR, 12);
    cr_assert_eq(p.kind, PERIOD_YEAR);
    cr_assert_eq(p.months, 12);
    cr_assert_eq(p.count, 2);
    assert_day(p.first[0], 2024, 7, 1);
    assert_day(p.last[0], 2025, 6, 30);
    assert_day(p.first[1], 2025, 7, 1);
    assert_day(p.last[1], 2026, 6, 30);
    assert_label(&p, 0, "2024/25");
    assert_label(&p, 1, "2025/26");
}

Test(plan, default_window_has_eight_quarters)
{
    plan_window w = default_window(D(2025, 1, 1));
    plan_periods p = plan_divide(&w, PERIOD_QUARTER, 3);
    cr_assert_eq(p.kind, PERIOD_QUARTER);
    cr_assert_eq(p.count, 8);
    /* Quarters from July: Jul-Sep, Oct-Dec, Jan-Mar, Apr-Jun, twice. */
    static const int first[8][3] = {{2024, 7, 1}, {2024, 10, 1}, {2025, 1, 1}, {2025, 4, 1},
                                    {2025, 7, 1}, {2025, 10, 1}, {2026, 1, 1}, {2026, 4, 1}};
    static const int last[8][3] = {{2024, 9, 30}, {2024, 12, 31}, {2025, 3, 31}, {2025, 6, 30},
                                   {2025, 9, 30}, {2025, 12, 31}, {2026, 3, 31}, {2026, 6, 30}};
    static const char *const labels[8] = {"2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4",
                                          "2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4"};
    for (int i = 0; i < 8; i++) {
        assert_day(p.first[i], first[i][0], first[i][1], first[i][2]);
        assert_day(p.last[i], last[i][0], last[i][1], last[i][2]);
        assert_label(&p, i, labels[i]);
    }
}

Test(plan, default_window_is_one_two_year_window)
{
    plan_window w = default_window(D(2025, 1, 1));
    plan_periods p = plan_divide(&w, PERIOD_WINDOW, 24);
    cr_assert_eq(p.kind, PERIOD_WINDOW);
    cr_assert_eq(p.count, 1);
    assert_day(p.first[0], 2024, 7, 1);
    assert_day(p.last[0], 2026, 6, 30);
    /* From plan year 2024/25 through plan year 2025/26. */
    assert_label(&p, 0, "2024/25-2025/26");
}

Test(plan, a_window_longer_than_the_plan_window_is_cut_at_its_end)
{
    /* years=3 over a two-year plan window: one window, ending with the plan window. */
    plan_window w = default_window(D(2025, 1, 1));
    plan_periods p = plan_divide(&w, PERIOD_WINDOW, 36);
    cr_assert_eq(p.count, 1);
    assert_day(p.first[0], 2024, 7, 1);
    assert_day(p.last[0], 2026, 6, 30);
}

/* A window that ends inside a plan year: 2024-07-01..2025-12-31 in one window of 2 years.
 * It runs from plan year 2024/25 into plan year 2025/26 (which holds 2025-12-31), so its label
 * is "2024/25-2025/26", in the same style at both ends (not the calendar year "2025"). */
Test(plan, window_label_when_the_window_ends_inside_a_plan_year)
{
    plan_window w = {D(2024, 7, 1), D(2025, 12, 31), D(2025, 1, 1)};
    plan_periods p = plan_divide(&w, PERIOD_WINDOW, 24);
    cr_assert_eq(p.count, 1);
    assert_day(p.last[0], 2025, 12, 31);
    assert_label(&p, 0, "2024/25-2025/26");
}

Test(plan, last_period_ends_with_the_window)
{
    /* 2024-07-01..2025-12-31: plan year 1 whole, plan year 2 cut at 2025-12-31. */
    plan_window w = {D(2024, 7, 1), D(2025, 12, 31), D(2025, 1, 1)};
    plan_periods p = plan_divide(&w, PERIOD_YEAR, 12);
    cr_assert_eq(p.count, 2);
    assert_day(p.last[0], 2025, 6, 30);
    assert_day(p.first[1], 2025, 7, 1);
    assert_day(p.last[1], 2025, 12, 31);
}

Test(plan, a_window_ending_before_it_starts_has_no_periods)
{
    plan_window w = {D(2024, 7, 1), D(2024, 6, 30), D(2024, 7, 1)};
    plan_periods p = plan_divide(&w, PERIOD_YEAR, 12);
    cr_assert_eq(p.count, 0);
    cr_assert_eq(plan_current_period(&p, D(2024, 7, 1)), -1);
    cr_assert_eq(plan_period_of(&p, D(2024, 7, 1)), -1);
}

Test(plan, calendar_year_window_labels_are_the_year)
{
    plan_window w = {D(2024, 1, 1), D(2025, 12, 31), D(2024, 6, 1)};
    plan_periods y = plan_divide(&w, PERIOD_YEAR, 12);
    cr_assert_eq(y.count, 2);
    assert_day(y.last[0], 2024, 12, 31);
    assert_day(y.first[1], 2025, 1, 1);
    assert_label(&y, 0, "2024");
    assert_label(&y, 1, "2025");

    plan_periods q = plan_divide(&w, PERIOD_QUARTER, 3);
    cr_assert_eq(q.count, 8);
    assert_label(&q, 0, "2024 Q1");
    assert_label(&q, 3, "2024 Q4");
    assert_label(&q, 4, "2025 Q1");
    assert_label(&q, 7, "2025 Q4");
}

/* The contract: a period runs from its start month to the month before the next one. A window
 * that starts mid-month has a short first period; the others start on the 1st:
 *   p0 2024-01-31..01-31, p1 02-01..02-29, p2 03-01..03-31, p3 04-01..04-30,
 *   p4 05-01..05-30 (the window end). No gaps, no overlaps. */
Test(plan, periods_from_the_31st_clamp_without_gaps_or_overlaps)
{
    plan_window w = {D(2024, 1, 31), D(2024, 5, 30), D(2024, 5, 30)};
    plan_periods p = plan_divide(&w, PERIOD_WINDOW, 1);
    cr_assert_eq(p.count, 5);
    assert_day(p.first[0], 2024, 1, 31);
    assert_day(p.last[0], 2024, 1, 31);
    assert_day(p.first[1], 2024, 2, 1);
    assert_day(p.last[1], 2024, 2, 29);
    assert_day(p.first[2], 2024, 3, 1);
    assert_day(p.last[2], 2024, 3, 31);
    assert_day(p.first[3], 2024, 4, 1);
    assert_day(p.last[3], 2024, 4, 30);
    assert_day(p.first[4], 2024, 5, 1);
    assert_day(p.last[4], 2024, 5, 30);
    for (int i = 1; i < p.count; i++)
        cr_assert_eq(p.first[i], p.last[i - 1] + 1, "gap or overlap before period %d", i);
    /* plan_add_months still clamps to the end of a short month */
    assert_day(plan_add_months(D(2024, 1, 31), 1), 2024, 2, 29);
    assert_day(plan_add_months(D(2023, 1, 31), 1), 2023, 2, 28);
    assert_day(plan_add_months(D(2024, 3, 31), -1), 2024, 2, 29);
}

/* -------------------------------------------------------------------------- plan_period_of */

Test(plan, period_of_on_the_boundaries)
{
    plan_window w = default_window(D(2025, 1, 1));
    plan_periods p = plan_divide(&w, PERIOD_YEAR, 12);
    cr_assert_eq(plan_period_of(&p, D(2024, 7, 1)), 0);
    cr_assert_eq(plan_period_of(&p, D(2025, 6, 30)), 0);
    cr_assert_eq(plan_period_of(&p, D(2025, 7, 1)), 1);
    cr_assert_eq(plan_period_of(&p, D(2026, 6, 30)), 1);
    cr_assert_eq(plan_period_of(&p, D(2024, 6, 30)), -1);
    cr_assert_eq(plan_period_of(&p, D(2026, 7, 1)), -1);

    plan_periods q = plan_divide(&w, PERIOD_QUARTER, 3);
    cr_assert_eq(plan_period_of(&q, D(2024, 9, 30)), 0);
    cr_assert_eq(plan_period_of(&q, D(2024, 10, 1)), 1);
    cr_assert_eq(plan_period_of(&q, D(2025, 12, 31)), 5);
    cr_assert_eq(plan_period_of(&q, D(2026, 1, 1)), 6);
}

/* ---------------------------------------------------------------------------- plan_elapsed */

Test(plan, elapsed_share_of_a_period)
{
    long first = D(2024, 7, 1), last = D(2025, 6, 30);
    /* 2024-07-01..2025-06-30 holds 365 days (February 2025 has 28). */
    cr_assert_eq(last - first + 1, 365);
    cr_assert_float_eq(plan_elapsed(first, last, first - 1), 0.0, 1e-15);
    cr_assert_float_eq(plan_elapsed(first, last, D(2020, 1, 1)), 0.0, 1e-15);
    /* The first day itself has passed: 1/365. */
    cr_assert_float_eq(plan_elapsed(first, last, first), 1.0 / 365.0, 1e-15);
    /* 2024-07-01..2024-12-31 = 31+31+30+31+30+31 = 184 days. */
    cr_assert_float_eq(plan_elapsed(first, last, D(2024, 12, 31)), 184.0 / 365.0, 1e-15);
    cr_assert_float_eq(plan_elapsed(first, last, last), 1.0, 1e-15);
    cr_assert_float_eq(plan_elapsed(first, last, last + 100), 1.0, 1e-15);
    /* The whole two-year window: 730 days; 2025-06-30 is day 365: exactly half. */
    cr_assert_float_eq(plan_elapsed(D(2024, 7, 1), D(2026, 6, 30), D(2025, 6, 30)), 0.5, 1e-15);
}

/* ----------------------------------------------------------------------------- plan_counts */

Test(plan, counts_days_in_the_window_up_to_the_as_of_date)
{
    plan_window w = default_window(D(2025, 3, 31));
    cr_assert_not(plan_counts(&w, D(2024, 6, 30)));
    cr_assert(plan_counts(&w, D(2024, 7, 1)));
    cr_assert(plan_counts(&w, D(2025, 3, 31)));
    cr_assert_not(plan_counts(&w, D(2025, 4, 1)));
    cr_assert_not(plan_counts(&w, D(2026, 6, 30)));

    plan_window after = default_window(D(2027, 1, 1));
    cr_assert(plan_counts(&after, D(2026, 6, 30)));
    cr_assert_not(plan_counts(&after, D(2026, 7, 1)));
    cr_assert_not(plan_counts(&after, D(2024, 6, 30)));
}

/* --------------------------------------------------------------------- plan_current_period */

Test(plan, current_period_before_inside_and_after_the_window)
{
    plan_window w = default_window(D(2025, 1, 1));
    plan_periods p = plan_divide(&w, PERIOD_YEAR, 12);
    cr_assert_eq(plan_current_period(&p, D(2024, 6, 30)), -1);
    cr_assert_eq(plan_current_period(&p, D(2024, 7, 1)), 0);
    cr_assert_eq(plan_current_period(&p, D(2025, 6, 30)), 0);
    cr_assert_eq(plan_current_period(&p, D(2025, 7, 1)), 1);
    cr_assert_eq(plan_current_period(&p, D(2026, 6, 30)), 1);
    /* After the window: the last period. */
    cr_assert_eq(plan_current_period(&p, D(2026, 7, 1)), 1);
    cr_assert_eq(plan_current_period(&p, D(2030, 1, 1)), 1);

    plan_periods q = plan_divide(&w, PERIOD_QUARTER, 3);
    cr_assert_eq(plan_current_period(&q, D(2025, 1, 1)), 2);
    cr_assert_eq(plan_current_period(&q, D(2027, 1, 1)), 7);
}
