/* Unit tests of analyze/measures.c: every measure of the KPI vocabulary computed from rows fed
 * by hand, and judged Met / On track / Off track / No data as PRODUCT.md ("Status of a KPI",
 * "Statistics") and plans/README.md ("Measures") define them. Every expected value is worked
 * by hand in the comment above it; none is computed with the code under test.
 *
 * The window is the default plan window 2024-07-01..2026-06-30 (730 days; plan year 1 is
 * 2024-07-01..2025-06-30, 365 days; plan year 2 is 2025-07-01..2026-06-30, 365 days). */
#include <criterion/criterion.h>

#include "tests/unit/near.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analyze/catalogue.h"
#include "analyze/evaluation.h"
#include "analyze/measures.h"
#include "analyze/plan.h"
#include "ingest/schema.h"
#include "util/date.h"

#define D(y, m, d) date_from_civil((y), (m), (d))
#define NA EVAL_NO_ANSWER

/* z(0.975) and t(0.975, 2), given constants. */
#define Z_975 1.959963984540054
#define T_DF2 4.302652729749464

/* ------------------------------------------------------------------------------ fixtures */

/* Everything a test allocates hangs here and is freed by the suite's fini, so that a failed
 * assertion (which ends the test at once) leaves no leak report behind under LeakSanitizer. */
static catalogue cat;
static scorecard *sc;
static evaluation *ev;

static void cleanup(void)
{
    scorecard_free(sc);
    sc = NULL;
    evaluation_free(ev);
    ev = NULL;
    catalogue_free(&cat);
}

TestSuite(measures, .fini = cleanup);

static const long DEADLINE_DAY_UNSET = 0;

/* Adds a KPI to the test catalogue (deadline 2026-06-30 unless given); returns its index. */
static size_t kpi_dl(const char *id, const char *measure, const char *filter, const char *target,
                     long deadline)
{
    char why[256] = "";
    long dl = deadline == DEADLINE_DAY_UNSET ? D(2026, 6, 30) : deadline;
    cr_assert(catalogue_add(&cat, id, id[0] - '0', id, "text", measure, filter, target, dl,
                            (long)cat.count + 2, why, sizeof why),
              "KPI %s: %s", id, why);
    return cat.count - 1;
}

static size_t kpi(const char *id, const char *measure, const char *filter, const char *target)
{
    return kpi_dl(id, measure, filter, target, DEADLINE_DAY_UNSET);
}

/* The scorecard over the default window with the given as-of date. */
static void start(long as_of, size_t n_members)
{
    plan_window w = {D(2024, 7, 1), D(2026, 6, 30), as_of};
    sc = scorecard_new(&cat, &w, n_members);
}

static void act_full(long date, const char *action, const char *type, const size_t *members,
                     size_t n_members, int requested, int accredited, int request_met)
{
    activity_row a = {date, action, strlen(action), type, strlen(type), members, n_members,
                      {requested, accredited, request_met}};
    scorecard_add_activity(sc, &a);
}

static void act(long date, const char *action, const char *type)
{
    act_full(date, action, type, NULL, 0, -1, -1, -1);
}

static void status(size_t member, const char *action, int st, long as_of)
{
    scorecard_add_status(sc, member, action, strlen(action), st, as_of);
}

static void manual(const char *id, double value, long as_of)
{
    scorecard_add_manual(sc, id, strlen(id), value, as_of);
}

/* n delegations headed by gender g (0 female, 1 male, 2 other) on a day. */
static void delegations(long date, int g, int n)
{
    for (int i = 0; i < n; i++)
        scorecard_add_delegation(sc, date, g);
}

#define assert_status(r, expected)                                                             \
    cr_assert_eq((r).status, (expected), "status %s, expected %s (basis: %s)",                 \
                 kpi_status_name((r).status), kpi_status_name(expected), (r).basis)

#define assert_value(r, expected)                                                              \
    do {                                                                                       \
        cr_assert((r).has_value, "no value (basis: %s)", (r).basis);                           \
        cr_assert(fabs((r).value - (expected)) <= TOL, "value %.17g, expected %.17g (%s)",     \
                  (r).value, (double)(expected), (r).basis);                                   \
    } while (0)

#define assert_no_data(r)                                                                      \
    do {                                                                                       \
        assert_status((r), KPI_NO_DATA);                                                       \
        cr_assert_not((r).has_value, "a KPI without data has the value %g", (r).value);       \
        cr_assert_str_eq((r).basis, "no input rows behind this measure");                      \
    } while (0)

/* ------------------------------------------------------------------ names and accessors */

Test(measures, status_names)
{
    cr_assert_str_eq(kpi_status_name(KPI_MET), "Met");
    cr_assert_str_eq(kpi_status_name(KPI_ON_TRACK), "On track");
    cr_assert_str_eq(kpi_status_name(KPI_OFF_TRACK), "Off track");
    cr_assert_str_eq(kpi_status_name(KPI_NO_DATA), "No data");
}

Test(measures, free_null_is_allowed)
{
    scorecard_free(NULL);
}

Test(measures, years_and_evaluation_accessors)
{
    kpi("3.h", "mean_evaluation", "", ">=4");
    start(D(2025, 6, 30), 2);
    const plan_periods *y = scorecard_years(sc);
    cr_assert_eq(y->count, 2);
    cr_assert_eq(y->first[0], D(2024, 7, 1));
    cr_assert_eq(y->last[1], D(2026, 6, 30));
    cr_assert_null(scorecard_evaluation(sc));
    ev = evaluation_new(1, 5, 2);
    scorecard_set_evaluation(sc, ev);
    cr_assert_eq(scorecard_evaluation(sc), ev);
}

/* -------------------------------------------------------------------- judging, directly */

Test(measures, judge_cumulative)
{
    kpi_target ge10 = {CMP_GE, 10.0, false};
    /* Half the window elapsed: on track from 10 x 0.5 = 5 (the example of plans/README.md). */
    cr_assert_eq(kpi_judge_cumulative(&ge10, 5.0, 0.5, false), KPI_ON_TRACK);
    cr_assert_eq(kpi_judge_cumulative(&ge10, 4.9, 0.5, false), KPI_OFF_TRACK);
    cr_assert_eq(kpi_judge_cumulative(&ge10, 10.0, 0.5, false), KPI_MET);
    cr_assert_eq(kpi_judge_cumulative(&ge10, 10.0, 1.0, true), KPI_MET);
    /* Deadline passed: not met is off track, whatever the share. */
    cr_assert_eq(kpi_judge_cumulative(&ge10, 9.0, 1.0, true), KPI_OFF_TRACK);
    cr_assert_eq(kpi_judge_cumulative(&ge10, 9.0, 0.5, true), KPI_OFF_TRACK);
    /* Nothing elapsed: 0 >= 10 x 0. */
    cr_assert_eq(kpi_judge_cumulative(&ge10, 0.0, 0.0, false), KPI_ON_TRACK);

    kpi_target gt2 = {CMP_GT, 2.0, false};
    cr_assert_eq(kpi_judge_cumulative(&gt2, 2.0, 0.5, false), KPI_ON_TRACK); /* 2 >= 2 x 0.5 */
    cr_assert_eq(kpi_judge_cumulative(&gt2, 3.0, 0.5, false), KPI_MET);

    /* "<=" (and "<", "=") targets are never pro-rated: never On track. */
    kpi_target le10 = {CMP_LE, 10.0, false};
    cr_assert_eq(kpi_judge_cumulative(&le10, 12.0, 0.1, false), KPI_OFF_TRACK);
    cr_assert_eq(kpi_judge_cumulative(&le10, 10.0, 0.1, false), KPI_MET);
    kpi_target lt5 = {CMP_LT, 5.0, false};
    cr_assert_eq(kpi_judge_cumulative(&lt5, 5.0, 0.5, false), KPI_OFF_TRACK);
    kpi_target eq1 = {CMP_EQ, 1.0, false};
    cr_assert_eq(kpi_judge_cumulative(&eq1, 0.0, 0.0, false), KPI_OFF_TRACK);
    cr_assert_eq(kpi_judge_cumulative(&eq1, 1.0, 0.5, false), KPI_MET);
}

Test(measures, judge_periods)
{
    kpi_target ge2 = {CMP_GE, 2.0, false};
    /* Completed year met, current year half gone with 1 >= 2 x 0.5: on track. */
    double a[] = {2, 1};
    cr_assert_eq(kpi_judge_periods(&ge2, a, 2, 0.5, false), KPI_ON_TRACK);
    /* Current year below 2 x 0.5 = 1: off track. */
    double b[] = {2, 0};
    cr_assert_eq(kpi_judge_periods(&ge2, b, 2, 0.5, false), KPI_OFF_TRACK);
    /* A completed year below the target: off track, even though the current one is met. */
    double c[] = {1, 2};
    cr_assert_eq(kpi_judge_periods(&ge2, c, 2, 0.5, false), KPI_OFF_TRACK);
    double d[] = {2, 3};
    cr_assert_eq(kpi_judge_periods(&ge2, d, 2, 0.5, false), KPI_MET);
    /* The current period is complete (elapsed 1): short is off track. */
    cr_assert_eq(kpi_judge_periods(&ge2, a, 2, 1.0, false), KPI_OFF_TRACK);
    /* Only the first period started. */
    double e[] = {1};
    cr_assert_eq(kpi_judge_periods(&ge2, e, 1, 0.25, false), KPI_ON_TRACK); /* 1 >= 0.5 */
    cr_assert_eq(kpi_judge_periods(&ge2, e, 1, 0.75, false), KPI_OFF_TRACK); /* 1 < 1.5 */
    /* "<=": never pro-rated. */
    kpi_target le4 = {CMP_LE, 4.0, false};
    double f[] = {3, 5};
    cr_assert_eq(kpi_judge_periods(&le4, f, 2, 0.5, false), KPI_OFF_TRACK);
    double g[] = {3, 4};
    cr_assert_eq(kpi_judge_periods(&le4, g, 2, 0.5, false), KPI_MET);
    /* Past the deadline nothing is on track any more: a short current period is off track. */
    cr_assert_eq(kpi_judge_periods(&ge2, a, 2, 0.5, true), KPI_OFF_TRACK);
}

/* ---------------------------------------------------------------- members_with_status */

Test(measures, members_with_status_latest_row_wins)
{
    size_t k = kpi("1.a", "members_with_status", "action=1.a", ">=3");
    start(D(2025, 6, 30), 4);
    /* Member 0: implemented, then not_started later: not_started counts. */
    status(0, "1.a", STATUS_IMPLEMENTED, D(2024, 1, 1));
    status(0, "1.a", STATUS_NOT_STARTED, D(2025, 1, 1));
    /* ... and an implemented row after the as-of date does not count. */
    status(0, "1.a", STATUS_IMPLEMENTED, D(2025, 7, 1));
    /* Member 1: not_started, then implemented later. */
    status(1, "1.a", STATUS_NOT_STARTED, D(2024, 1, 1));
    status(1, "1.a", STATUS_IMPLEMENTED, D(2025, 3, 1));
    /* Member 2: two rows of the same date: the one read later wins. */
    status(2, "1.a", STATUS_IN_PROGRESS, D(2025, 2, 1));
    status(2, "1.a", STATUS_IMPLEMENTED, D(2025, 2, 1));
    /* Member 3: a row read later with an earlier date does not replace the later one. */
    status(3, "1.a", STATUS_IMPLEMENTED, D(2025, 2, 1));
    status(3, "1.a", STATUS_IN_PROGRESS, D(2025, 1, 1));
    /* A Member index outside the registry is ignored. */
    status(4, "1.a", STATUS_IMPLEMENTED, D(2025, 1, 1));

    cr_assert_eq(scorecard_member_status(sc, 0, "1.a"), STATUS_NOT_STARTED);
    cr_assert_eq(scorecard_member_status(sc, 1, "1.a"), STATUS_IMPLEMENTED);
    cr_assert_eq(scorecard_member_status(sc, 2, "1.a"), STATUS_IMPLEMENTED);
    cr_assert_eq(scorecard_member_status(sc, 3, "1.a"), STATUS_IMPLEMENTED);
    cr_assert_eq(scorecard_member_status(sc, 0, "9.z"), -1);

    /* Implemented: Members 1, 2, 3 = 3 >= 3: Met. All four have a status. */
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 3);
    assert_status(r, KPI_MET);
    cr_assert_not(r.per_year);
    cr_assert_not(r.has_interval);
    cr_assert_str_eq(r.basis, "3 of 4 Members (4 with a status for 1.a)");
}

Test(measures, members_with_status_ignores_rows_after_the_as_of_date)
{
    size_t k = kpi("1.a", "members_with_status", "action=1.a", ">=2");
    size_t later = kpi("1.b", "members_with_status", "action=1.b", ">=1");
    start(D(2025, 6, 30), 4);
    /* Member 0: its only row is dated after the as-of date. */
    status(0, "1.a", STATUS_IMPLEMENTED, D(2025, 7, 1));
    /* Member 1: in_progress, then implemented after the as-of date: in_progress stays. */
    status(1, "1.a", STATUS_IN_PROGRESS, D(2025, 1, 1));
    status(1, "1.a", STATUS_IMPLEMENTED, D(2025, 7, 1));
    /* Member 2: a row from before the window still counts (latest on or before as-of). */
    status(2, "1.a", STATUS_IMPLEMENTED, D(2020, 1, 1));
    /* Action 1.b has rows only after the as-of date. */
    status(0, "1.b", STATUS_IMPLEMENTED, D(2025, 12, 1));

    cr_assert_eq(scorecard_member_status(sc, 0, "1.a"), -1);
    cr_assert_eq(scorecard_member_status(sc, 1, "1.a"), STATUS_IN_PROGRESS);
    cr_assert_eq(scorecard_member_status(sc, 2, "1.a"), STATUS_IMPLEMENTED);
    cr_assert_eq(scorecard_member_status(sc, 3, "1.a"), -1);

    /* Implemented: Member 2 only = 1; Members 1 and 2 have a status. Half the window
     * (365 of 730 days) has elapsed: 1 >= 2 x 0.5 = 1: On track. */
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 1);
    assert_status(r, KPI_ON_TRACK);
    cr_assert_str_eq(r.basis, "1 of 4 Members (2 with a status for 1.a)");

    assert_no_data(scorecard_result(sc, later));
}

Test(measures, members_with_status_status_sets)
{
    size_t def = kpi("1.ll", "members_with_status", "action=1.ll", ">=2");
    size_t both = kpi("1.lm", "members_with_status", "action=1.ll status=implemented,in_progress",
                      ">=2");
    size_t rest = kpi("1.ln", "members_with_status", "action=1.ll status=planned,not_started",
                      ">=3");
    size_t at_most = kpi("1.lo", "members_with_status", "action=1.ll", "<=0");
    start(D(2025, 6, 30), 5);
    status(0, "1.ll", STATUS_IMPLEMENTED, D(2025, 1, 1));
    status(1, "1.ll", STATUS_IN_PROGRESS, D(2025, 1, 1));
    status(2, "1.ll", STATUS_PLANNED, D(2025, 1, 1));
    status(3, "1.ll", STATUS_NOT_STARTED, D(2025, 1, 1));
    /* Member 4 has no row. Elapsed share of the window: 365 / 730 = 0.5. */

    /* Default (implemented): Member 0 = 1; 1 >= 2 x 0.5: On track. */
    kpi_result r = scorecard_result(sc, def);
    assert_value(r, 1);
    assert_status(r, KPI_ON_TRACK);
    cr_assert_str_eq(r.basis, "1 of 5 Members (4 with a status for 1.ll)");
    /* implemented,in_progress: Members 0, 1 = 2: Met. */
    r = scorecard_result(sc, both);
    assert_value(r, 2);
    assert_status(r, KPI_MET);
    /* planned,not_started: Members 2, 3 = 2 < 3, but >= 3 x 0.5 = 1.5: On track. */
    r = scorecard_result(sc, rest);
    assert_value(r, 2);
    assert_status(r, KPI_ON_TRACK);
    /* "<=0" with 1: not met, and a "<=" target is never On track. */
    r = scorecard_result(sc, at_most);
    assert_value(r, 1);
    assert_status(r, KPI_OFF_TRACK);
}

Test(measures, members_with_status_no_data_without_rows_for_the_action)
{
    size_t other = kpi("1.b", "members_with_status", "action=1.b", ">=27");
    start(D(2025, 6, 30), 3);
    status(0, "1.a", STATUS_IMPLEMENTED, D(2025, 1, 1));
    status(1, "1.a", STATUS_IMPLEMENTED, D(2025, 1, 1));
    assert_no_data(scorecard_result(sc, other));
    cr_assert_eq(scorecard_member_status(sc, 0, "1.b"), -1);
}

Test(measures, members_with_status_after_the_deadline)
{
    size_t short_of = kpi("1.a", "members_with_status", "action=1.a", ">=2");
    size_t met = kpi("1.b", "members_with_status", "action=1.b", ">=1");
    start(D(2026, 7, 1), 3);
    status(0, "1.a", STATUS_IMPLEMENTED, D(2025, 1, 1));
    status(1, "1.a", STATUS_PLANNED, D(2025, 1, 1));
    status(0, "1.b", STATUS_IMPLEMENTED, D(2026, 7, 1));
    /* 1 of >= 2 with the deadline 2026-06-30 passed: Off track. */
    kpi_result r = scorecard_result(sc, short_of);
    assert_value(r, 1);
    assert_status(r, KPI_OFF_TRACK);
    /* Met stays Met after the deadline. */
    r = scorecard_result(sc, met);
    assert_value(r, 1);
    assert_status(r, KPI_MET);
}

/* ----------------------------------------------------------------------- count_total */

Test(measures, count_total_pro_rated_over_the_window)
{
    size_t on = kpi("3.j", "count_total", "action=3.j type=success_story", ">=10");
    size_t off = kpi("3.x", "count_total", "action=3.x type=success_story", ">=10");
    start(D(2025, 6, 30), 2);
    /* 3.j: 5 in the window up to the as-of date; one before the window and one after the
     * as-of date do not count; a publication does not match. */
    act(D(2024, 7, 1), "3.j", "success_story");
    act(D(2024, 12, 1), "3.j", "success_story");
    act(D(2025, 1, 1), "3.j", "SUCCESS_STORY");
    act(D(2025, 3, 1), "3.J", "success_story");
    act(D(2025, 6, 30), "3.j", "success_story");
    act(D(2024, 6, 30), "3.j", "success_story");
    act(D(2025, 7, 1), "3.j", "success_story");
    act(D(2025, 1, 1), "3.j", "publication");
    /* 3.x: 4. */
    for (int i = 1; i <= 4; i++)
        act(D(2025, 1, i), "3.x", "success_story");

    /* Elapsed 365/730 = 0.5: on track from 10 x 0.5 = 5. */
    kpi_result r = scorecard_result(sc, on);
    assert_value(r, 5);
    assert_status(r, KPI_ON_TRACK);
    cr_assert_not(r.per_year);
    cr_assert_str_eq(r.basis, "5 matching activities in the window");

    r = scorecard_result(sc, off);
    assert_value(r, 4);
    assert_status(r, KPI_OFF_TRACK);
}

Test(measures, count_total_after_the_deadline)
{
    size_t short_of = kpi("3.j", "count_total", "action=3.j", ">=10");
    size_t met = kpi("3.k", "count_total", "action=3.j", ">=9");
    start(D(2026, 7, 1), 2);
    /* 9 activities, one on the last day of the window; one after the window. */
    for (int i = 1; i <= 8; i++)
        act(D(2025, 1, i), "3.j", "success_story");
    act(D(2026, 6, 30), "3.j", "success_story");
    act(D(2026, 7, 1), "3.j", "success_story");
    kpi_result r = scorecard_result(sc, short_of);
    assert_value(r, 9);
    assert_status(r, KPI_OFF_TRACK);
    r = scorecard_result(sc, met);
    assert_value(r, 9);
    assert_status(r, KPI_MET);
}

/* The thousands separator of the basis text: 1,000,000, not 1000,000. */
Test(measures, count_total_basis_groups_thousands)
{
    size_t k = kpi("3.j", "count_total", "action=3.j", ">=10");
    size_t small = kpi("3.i", "count_total", "action=3.i", ">=10");
    start(D(2025, 6, 30), 1);
    for (int i = 0; i < 1234; i++)
        act(D(2025, 1, 1), "3.i", "report");
    for (long i = 0; i < 1000000; i++)
        act(D(2025, 1, 1), "3.j", "success_story");
    kpi_result r = scorecard_result(sc, small);
    cr_assert_str_eq(r.basis, "1,234 matching activities in the window");
    r = scorecard_result(sc, k);
    assert_value(r, 1000000);
    assert_status(r, KPI_MET);
    cr_expect_str_eq(r.basis, "1,000,000 matching activities in the window");
}

/* PRODUCT.md: No data is "no input rows behind the measure (... no activities.csv)". When the
 * activity log has rows but none match a count KPI, the count is 0, a value like any other:
 * 0 success stories with half the window gone is 0 < 10 x 0.5, Off track. */
/* The rows behind an activity KPI are the rows of its action: a log with nothing about 3.j
 * says nothing about 3.j (No data), while a 3.j row of another type makes a count of 0 a
 * value (0 < 10 x 365/730 pro-rated: Off track). */
Test(measures, count_without_rows_of_its_action_is_no_data)
{
    size_t k = kpi("3.j", "count_total", "action=3.j type=success_story", ">=10");
    start(D(2025, 6, 30), 1);
    act(D(2025, 1, 1), "3.g", "workshop");
    kpi_result r = scorecard_result(sc, k);
    cr_expect_not(r.has_value, "a value without any 3.j row (basis: %s)", r.basis);
    cr_expect_eq(r.status, KPI_NO_DATA, "status %s, expected No data", kpi_status_name(r.status));
}

Test(measures, count_with_rows_of_its_action_but_no_match_is_zero)
{
    size_t k = kpi("3.j", "count_total", "action=3.j type=success_story", ">=10");
    start(D(2025, 6, 30), 1);
    act(D(2025, 1, 1), "3.j", "meeting");
    kpi_result r = scorecard_result(sc, k);
    cr_expect(r.has_value, "no value for a count of 0 (basis: %s)", r.basis);
    cr_expect_eq(r.value, 0.0);
    cr_expect_eq(r.status, KPI_OFF_TRACK, "status %s, expected Off track",
                 kpi_status_name(r.status));
}

/* --------------------------------------------------------------------- count_per_year */

/* The rows shared by the count_per_year tests: plan year 1 holds 3 matching reports, plan
 * year 2 one (up to 2025-12-29), and several rows that do not count. */
static void feed_reports(void)
{
    act(D(2024, 6, 30), "1.v", "report");   /* before the window */
    act(D(2024, 7, 1), "1.v", "report");    /* year 1, first day */
    act(D(2024, 9, 1), "1.V", "REPORT");    /* year 1: codes match case-insensitively */
    act(D(2025, 6, 30), "1.v", "report");   /* year 1, last day */
    act(D(2025, 7, 1), "1.v", "report");    /* year 2, first day */
    act(D(2024, 8, 1), "1.v", "meeting");   /* another type */
    act(D(2024, 8, 1), "1.vv", "report");   /* another action */
    act(D(2024, 8, 1), "", "report");       /* no action */
    act(D(2026, 1, 20), "1.v", "report");   /* after every as-of date below */
    act(D(2026, 7, 1), "1.v", "report");    /* after the window */
}

Test(measures, count_per_year_year_boundaries_and_on_track)
{
    size_t k = kpi("1.v", "count_per_year", "action=1.v type=report", ">=2");
    start(D(2025, 12, 29), 1);
    feed_reports();
    /* Year 1: 3 >= 2 met. Year 2 so far: 1; 2025-07-01..2025-12-29 is 153 + 29 = 182 of 365
     * days: 2 x 182/365 = 0.997 <= 1: On track. The value is the current year's count. */
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 1);
    assert_status(r, KPI_ON_TRACK);
    cr_assert(r.per_year);
    cr_assert(r.year_has_value[0]);
    cr_assert(r.year_has_value[1]);
    assert_near(r.year_value[0], 3);
    assert_near(r.year_value[1], 1);
    cr_assert_str_eq(r.basis, "2024/25: 3, 2025/26: 1");
}

Test(measures, count_per_year_below_the_pro_rated_target_is_off_track)
{
    size_t k = kpi("1.v", "count_per_year", "action=1.v type=report", ">=2");
    start(D(2026, 1, 5), 1);
    feed_reports();
    /* Year 2: 2025-07-01..2026-01-05 is 184 + 5 = 189 of 365 days: 2 x 189/365 = 1.036 > 1. */
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 1);
    assert_status(r, KPI_OFF_TRACK);
    assert_near(r.year_value[0], 3);
}

Test(measures, count_per_year_a_missed_completed_year_is_off_track)
{
    size_t k = kpi("1.aa", "count_per_year", "action=1.aa type=survey", ">=2");
    start(D(2025, 12, 29), 1);
    /* Year 1: 1 < 2 (completed). Year 2: 2 >= 2 (met). */
    act(D(2025, 1, 1), "1.aa", "survey");
    act(D(2025, 8, 1), "1.aa", "survey");
    act(D(2025, 9, 1), "1.aa", "survey");
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 2);
    assert_status(r, KPI_OFF_TRACK);
    assert_near(r.year_value[0], 1);
    assert_near(r.year_value[1], 2);
}

Test(measures, count_per_year_first_year_only)
{
    size_t k = kpi("1.aa", "count_per_year", "action=1.aa type=survey", ">=1");
    start(D(2024, 12, 31), 1);
    act(D(2024, 8, 1), "1.aa", "survey");
    /* Only plan year 1 has started: one value; the second year has none. */
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 1);
    assert_status(r, KPI_MET);
    cr_assert(r.year_has_value[0]);
    cr_assert_not(r.year_has_value[1]);
    cr_assert_str_eq(r.basis, "2024/25: 1");
}

Test(measures, count_per_year_after_the_window)
{
    size_t met = kpi("2.a", "count_per_year", "action=2.a type=report,meeting", ">=2");
    size_t missed = kpi("2.b", "count_per_year", "action=2.b type=meeting", ">=2");
    start(D(2027, 1, 1), 1);
    /* 2.a: 2 and 2. 2.b: 2 and 1. Both years complete. */
    act(D(2024, 10, 1), "2.a", "report");
    act(D(2025, 2, 1), "2.a", "meeting");
    act(D(2025, 10, 1), "2.a", "meeting");
    act(D(2026, 6, 30), "2.a", "report");
    act(D(2024, 10, 1), "2.b", "meeting");
    act(D(2024, 11, 1), "2.b", "meeting");
    act(D(2026, 6, 30), "2.b", "meeting");
    kpi_result r = scorecard_result(sc, met);
    assert_value(r, 2);
    assert_status(r, KPI_MET);
    r = scorecard_result(sc, missed);
    assert_value(r, 1);
    assert_status(r, KPI_OFF_TRACK);
}

/* PRODUCT.md: On track requires that "the deadline has not passed". A per-year KPI whose
 * deadline (2026-03-31) falls inside its last plan year, judged on 2026-05-01: year 1 met
 * (8 >= 8), year 2 has 7 < 8 by the deadline. 7 >= 8 x 274/365 = 6.005 would be "on track"
 * if the deadline had not passed; it has, so the KPI is Off track. */
Test(measures, count_per_year_after_an_early_deadline_is_not_on_track)
{
    size_t k = kpi_dl("1.hh", "count_per_year", "action=1.hh type=workshop", ">=8",
                      D(2026, 3, 31));
    start(D(2026, 5, 1), 1);
    for (int i = 1; i <= 8; i++)
        act(D(2024, 8, i), "1.hh", "workshop");
    for (int i = 1; i <= 7; i++)
        act(D(2025, 9, i), "1.hh", "workshop");
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 7);
    cr_expect_eq(r.status, KPI_OFF_TRACK, "status %s, expected Off track: the deadline "
                 "2026-03-31 has passed on 2026-05-01 (basis: %s)", kpi_status_name(r.status),
                 r.basis);
}

/* --------------------------------------------------------- count_per_quarter / _window */

Test(measures, count_per_quarter)
{
    size_t every = kpi("4.c", "count_per_quarter", "action=4.c type=publication,newsletter", ">=1");
    size_t gap = kpi("4.d", "count_per_quarter", "action=4.d type=publication,newsletter", ">=1");
    start(D(2025, 3, 31), 1);
    /* 4.c: one in each of Q1 (Jul-Sep), Q2 (Oct-Dec) and Q3 (Jan-Mar, complete on 03-31). */
    act(D(2024, 8, 15), "4.c", "publication");
    act(D(2024, 12, 31), "4.c", "newsletter");
    act(D(2025, 1, 1), "4.c", "publication");
    act(D(2025, 4, 1), "4.c", "publication"); /* after the as-of date */
    /* 4.d: Q1 and Q3, nothing in Q2. */
    act(D(2024, 7, 1), "4.d", "publication");
    act(D(2025, 2, 1), "4.d", "newsletter");

    kpi_result r = scorecard_result(sc, every);
    assert_value(r, 1);
    assert_status(r, KPI_MET);
    cr_assert_not(r.per_year);
    cr_assert_str_eq(r.basis, "2024/25 Q1: 1, 2024/25 Q2: 1, 2024/25 Q3: 1");

    r = scorecard_result(sc, gap);
    assert_value(r, 1);
    assert_status(r, KPI_OFF_TRACK);
    cr_assert_str_eq(r.basis, "2024/25 Q1: 1, 2024/25 Q2: 0, 2024/25 Q3: 1");
}

Test(measures, count_per_quarter_pro_rates_the_current_quarter)
{
    size_t k = kpi("4.e", "count_per_quarter", "action=4.e", ">=2");
    start(D(2025, 2, 14), 1);
    /* Q1 2, Q2 2, Q3 (2025-01-01..03-31, 90 days) 1 by 2025-02-14 = day 45: 1 >= 2 x 45/90. */
    act(D(2024, 7, 1), "4.e", "publication");
    act(D(2024, 9, 30), "4.e", "publication");
    act(D(2024, 10, 1), "4.e", "publication");
    act(D(2024, 11, 1), "4.e", "publication");
    act(D(2025, 1, 10), "4.e", "publication");
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 1);
    assert_status(r, KPI_ON_TRACK);
}

Test(measures, count_per_window)
{
    size_t met = kpi("4.b", "count_per_window", "action=4.b type=dialogue years=2", ">=1");
    size_t half = kpi("4.x", "count_per_window", "action=4.b type=dialogue years=2", ">=2");
    size_t short_of = kpi("4.y", "count_per_window", "action=4.b type=dialogue years=2", ">=3");
    start(D(2025, 6, 30), 1);
    act(D(2025, 3, 1), "4.b", "dialogue");
    act(D(2025, 3, 1), "4.b", "meeting");
    /* One window 2024/25-2025/26, 365 of 730 days gone: share 0.5. */
    kpi_result r = scorecard_result(sc, met);
    assert_value(r, 1);
    assert_status(r, KPI_MET);
    cr_assert_not(r.per_year);
    cr_assert_str_eq(r.basis, "2024/25-2025/26: 1");
    /* 1 >= 2 x 0.5: On track. */
    r = scorecard_result(sc, half);
    assert_status(r, KPI_ON_TRACK);
    /* 1 < 3 x 0.5 = 1.5: Off track. */
    r = scorecard_result(sc, short_of);
    assert_status(r, KPI_OFF_TRACK);
}

/* A long plan window (--plan-start 2024-07-01 --plan-end 2041-06-30 is accepted by the command
 * line): 17 years = 68 quarters, more than PLAN_MAX_PERIODS (64). An activity in the last
 * quarter (2040/41 Q4, 2041-04-01..06-30) must be counted there, and never written outside the
 * accumulators of the periods (under AddressSanitizer a write before the Member bitsets
 * crashes the test). */
Test(measures, a_window_of_more_than_64_quarters_stays_in_bounds)
{
    /* the KPI's deadline is the end of this long window, so its last quarter is judged */
    size_t k = kpi_dl("4.c", "count_per_quarter", "action=4.c", ">=1", D(2041, 6, 30));
    plan_window w = {D(2024, 7, 1), D(2041, 6, 30), D(2041, 6, 30)};
    sc = scorecard_new(&cat, &w, 8);
    static const size_t m0[] = {0};
    act_full(D(2041, 5, 1), "4.c", "publication", m0, 1, -1, -1, -1);
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 1);
}

/* ---------------------------------------------------------------- distinct Members */

Test(measures, distinct_members_per_year_and_total)
{
    size_t per_year = kpi("1.ff", "distinct_members_per_year",
                          "action=1.ff type=discussion,publication", ">=2");
    size_t total = kpi("1.fg", "distinct_members_total", "action=1.ff type=discussion,publication",
                       ">=3");
    start(D(2025, 12, 29), 5);
    static const size_t m01[] = {0, 1}, m1[] = {1}, m2[] = {2}, m3[] = {3}, m4[] = {4};
    act_full(D(2024, 9, 1), "1.ff", "discussion", m01, 2, -1, -1, -1);
    act_full(D(2024, 10, 1), "1.ff", "publication", m1, 1, -1, -1, -1); /* Member 1 again */
    act_full(D(2025, 8, 1), "1.ff", "discussion", m2, 1, -1, -1, -1);
    act_full(D(2025, 9, 1), "1.ff", "meeting", m3, 1, -1, -1, -1);       /* type not counted */
    act_full(D(2026, 1, 2), "1.ff", "discussion", m4, 1, -1, -1, -1);    /* after as-of */
    act_full(D(2024, 6, 1), "1.ff", "discussion", m3, 1, -1, -1, -1);    /* before window */

    /* Year 1: {0, 1} = 2 (Member 1 in two activities counts once): met. Year 2: {2} = 1,
     * 182/365 of the year gone: 1 >= 2 x 0.4986: On track. */
    kpi_result r = scorecard_result(sc, per_year);
    assert_value(r, 1);
    assert_status(r, KPI_ON_TRACK);
    cr_assert(r.per_year);
    assert_near(r.year_value[0], 2);
    assert_near(r.year_value[1], 1);
    cr_assert_str_eq(r.basis, "2024/25: 2, 2025/26: 1 Members");

    /* Over the window: {0, 1, 2} = 3 Members in 3 matching activities: Met. */
    r = scorecard_result(sc, total);
    assert_value(r, 3);
    assert_status(r, KPI_MET);
    cr_assert_not(r.per_year);
    cr_assert_str_eq(r.basis, "3 Members in 3 matching activities");
}

Test(measures, distinct_members_across_years_count_once_in_the_total)
{
    size_t total = kpi("1.u", "distinct_members_total", "action=1.u", ">=11");
    start(D(2026, 6, 30), 12);
    static const size_t a[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, b[] = {5, 6, 7, 8, 9, 10, 11};
    act_full(D(2024, 9, 1), "1.u", "discussion", a, 10, -1, -1, -1);
    act_full(D(2025, 9, 1), "1.u", "publication", b, 7, -1, -1, -1);
    /* {0..9} and {5..11}: 12 distinct Members >= 11: Met. */
    kpi_result r = scorecard_result(sc, total);
    assert_value(r, 12);
    assert_status(r, KPI_MET);
    cr_assert_str_eq(r.basis, "12 Members in 2 matching activities");
}

/* -------------------------------------------------------------------- share_of_activities */

Test(measures, share_of_activities_with_the_flag_given_or_not)
{
    size_t k = kpi("3.b", "share_of_activities", "type=mission requested=yes flag=accredited_expert",
                   ">=50%");
    start(D(2025, 6, 30), 1);
    act_full(D(2024, 8, 1), "3.b", "mission", NULL, 0, 1, 1, -1);  /* yes */
    act_full(D(2024, 9, 1), "1.a", "mission", NULL, 0, 1, 1, -1);  /* yes, any action */
    act_full(D(2024, 10, 1), "3.b", "mission", NULL, 0, 1, 0, -1); /* no */
    act_full(D(2024, 11, 1), "3.b", "mission", NULL, 0, 1, -1, -1); /* flag blank: left out */
    act_full(D(2024, 12, 1), "3.b", "mission", NULL, 0, 0, 1, -1); /* not requested */
    act_full(D(2025, 1, 1), "3.b", "mission", NULL, 0, -1, 1, -1); /* requested blank */
    act_full(D(2025, 2, 1), "3.b", "workshop", NULL, 0, 1, 1, -1); /* not a mission */
    act_full(D(2025, 7, 1), "3.b", "mission", NULL, 0, 1, 0, -1);  /* after the as-of date */
    /* 2 of 3 = 0.6667 >= 0.5: Met. Wilson, n = 3, p = 2/3, z = 1.959964:
     *   z^2/n = 1.280486; centre = (p + z^2/2n) / (1 + z^2/n) = 0.9468 / 2.280486 = 0.5731;
     *   margin = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n) = 0.3654
     *   -> [0.2076596008, 0.9385080553]: it straddles 0.5, so not conclusive. */
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 2.0 / 3.0);
    assert_status(r, KPI_MET);
    cr_assert(r.has_interval);
    assert_near(r.low, 0.20765960080204768);
    assert_near(r.high, 0.9385080552796037);
    cr_assert_not(r.conclusive);
    cr_assert_str_eq(r.basis, "2 of 3 matching activities");
}

Test(measures, share_of_activities_conclusive_and_below)
{
    size_t met = kpi("3.d", "share_of_activities", "type=request flag=request_met", ">=75%");
    size_t below = kpi("3.e", "share_of_activities", "type=mission flag=accredited_expert", ">=50%");
    start(D(2025, 6, 30), 1);
    for (int i = 1; i <= 20; i++)
        act_full(D(2025, 1, i), "3.d", "request", NULL, 0, -1, -1, 1);
    /* 20 of 20: Wilson low = n / (n + z^2) = 20 / 23.841459 = 0.83887484, high 1:
     * wholly above 0.75, conclusive. */
    kpi_result r = scorecard_result(sc, met);
    assert_value(r, 1.0);
    assert_status(r, KPI_MET);
    assert_near(r.low, 20.0 / (20.0 + Z_975 * Z_975));
    assert_near(r.high, 1.0);
    cr_assert(r.conclusive);

    /* 1 of 4 missions with an accredited expert: 0.25 < 0.5. A share is not pro-rated:
     * Off track, not On track, with half the window gone. */
    act_full(D(2025, 2, 1), "3.b", "mission", NULL, 0, -1, 1, -1);
    for (int i = 2; i <= 4; i++)
        act_full(D(2025, 2, i), "3.b", "mission", NULL, 0, -1, 0, -1);
    r = scorecard_result(sc, below);
    assert_value(r, 0.25);
    assert_status(r, KPI_OFF_TRACK);
    cr_assert_str_eq(r.basis, "1 of 4 matching activities");
}

Test(measures, share_of_activities_without_any_flag_is_no_data)
{
    size_t k = kpi("3.b", "share_of_activities", "type=mission flag=accredited_expert", ">=50%");
    start(D(2025, 6, 30), 1);
    /* Matching missions, but none says whether an accredited expert was used. */
    act_full(D(2025, 1, 1), "3.b", "mission", NULL, 0, 1, -1, -1);
    act_full(D(2025, 1, 2), "3.b", "mission", NULL, 0, 1, -1, -1);
    kpi_result r = scorecard_result(sc, k);
    assert_status(r, KPI_NO_DATA);
    cr_assert_not(r.has_value);
    cr_assert_not(r.has_interval);
}

/* --------------------------------------------------------------- evaluation measures */

static eval_workshop workshop(const char *id, bool has_participants, long long f, long long m,
                              long long o)
{
    eval_workshop w = {0};
    w.id = (char *)id;
    w.title = (char *)"Workshop";
    w.action = (char *)"3.g";
    w.modality = (char *)"in-person";
    w.start_date = D(2024, 9, 1);
    w.has_participants = has_participants;
    w.participants[0] = f;
    w.participants[1] = m;
    w.participants[2] = o;
    return w;
}

static const char *const ITEMS[] = {"Content", "Delivery"};

/* W1: 3 women, 7 men, 0 other; W2 gave no participant counts. Respondent scores:
 * W1 (5, 4) -> 4.5; W1 (3, -) -> 3; W2 (4, 4) -> 4. */
static void build_evaluation(void)
{
    ev = evaluation_new(1, 5, 4);
    eval_workshop w1 = workshop("W1", true, 3, 7, 0), w2 = workshop("W2", false, 0, 0, 0);
    size_t i1 = evaluation_add_workshop(ev, &w1);
    size_t i2 = evaluation_add_workshop(ev, &w2);
    evaluation_set_items(ev, 2, ITEMS);
    static const int r1[] = {5, 4}, r2[] = {3, NA}, r3[] = {4, 4};
    cr_assert(evaluation_add_response(ev, i1, r1, EVAL_GENDER_FEMALE, 0));
    cr_assert(evaluation_add_response(ev, i1, r2, EVAL_GENDER_MALE, -1));
    cr_assert(evaluation_add_response(ev, i2, r3, EVAL_GENDER_OTHER, 1));
}

Test(measures, mean_evaluation)
{
    size_t off = kpi("3.h", "mean_evaluation", "", ">=4");
    size_t met = kpi("3.i", "mean_evaluation", "", ">=3.5");
    start(D(2025, 6, 30), 4);
    build_evaluation();
    scorecard_set_evaluation(sc, ev);
    /* Mean of respondent scores (4.5 + 3 + 4) / 3 = 3.8333. Sample SD: deviations 0.6667,
     * -0.8333, 0.1667; squares sum 0.4444 + 0.6944 + 0.0278 = 1.1667; / 2 = 0.5833;
     * SD 0.763763. CI = 3.8333 -+ 4.302653 x 0.763763 / sqrt 3 = 3.8333 -+ 1.897292
     * = [1.936042, 5.730625]. */
    kpi_result r = scorecard_result(sc, off);
    assert_value(r, 11.5 / 3.0);
    /* Below 4: Off track (a mean is not pro-rated). */
    assert_status(r, KPI_OFF_TRACK);
    cr_assert(r.has_interval);
    cr_assert(fabs(r.low - 1.9360418165349527) <= 1e-9, "low %.17g", r.low);
    cr_assert(fabs(r.high - 5.730624850131714) <= 1e-9, "high %.17g", r.high);
    cr_assert_not(r.conclusive);
    cr_assert_str_eq(r.basis, "mean of 3 respondent scores");

    r = scorecard_result(sc, met);
    assert_value(r, 11.5 / 3.0);
    assert_status(r, KPI_MET);
    cr_assert_not(r.conclusive); /* 1.94 < 3.5 <= 5.73 */
}

Test(measures, female_participation_share)
{
    size_t met = kpi("3.e", "female_participation_share", "", ">=25%");
    size_t conclusive = kpi("3.f", "female_participation_share", "", ">=10%");
    size_t below = kpi("3.g", "female_participation_share", "", ">=40%");
    start(D(2025, 6, 30), 4);
    build_evaluation();
    scorecard_set_evaluation(sc, ev);
    /* W1 only (W2 has no counts): 3 / (3 + 7 + 0) = 0.3. Wilson, n = 10:
     * [0.1077912674, 0.6032218525]. */
    kpi_result r = scorecard_result(sc, met);
    assert_value(r, 0.3);
    assert_status(r, KPI_MET);
    cr_assert(r.has_interval);
    assert_near(r.low, 0.10779126740630099);
    assert_near(r.high, 0.6032218525388546);
    cr_assert_not(r.conclusive); /* 0.108 < 0.25 <= 0.603 */

    r = scorecard_result(sc, conclusive);
    cr_assert(r.conclusive); /* 0.108 >= 0.10: wholly above */
    assert_status(r, KPI_MET);

    r = scorecard_result(sc, below);
    assert_status(r, KPI_OFF_TRACK);
    cr_assert_not(r.conclusive); /* 0.108 < 0.40 <= 0.603 */

    /* 3 women of 10 participants. */
    r = scorecard_result(sc, met);
    cr_expect_str_eq(r.basis, "3 of 10 participants");
}

Test(measures, evaluation_measures_without_an_evaluation_are_no_data)
{
    size_t mean = kpi("3.h", "mean_evaluation", "", ">=4");
    size_t share = kpi("3.e", "female_participation_share", "", ">=25%");
    start(D(2025, 6, 30), 4);
    assert_no_data(scorecard_result(sc, mean));
    assert_no_data(scorecard_result(sc, share));
}

Test(measures, female_share_without_participant_counts_is_no_data)
{
    size_t mean = kpi("3.h", "mean_evaluation", "", ">=4");
    size_t share = kpi("3.e", "female_participation_share", "", ">=25%");
    start(D(2025, 6, 30), 4);
    ev = evaluation_new(1, 5, 4);
    eval_workshop w2 = workshop("W2", false, 0, 0, 0);
    size_t i2 = evaluation_add_workshop(ev, &w2);
    evaluation_set_items(ev, 2, ITEMS);
    static const int r3[] = {4, 5};
    cr_assert(evaluation_add_response(ev, i2, r3, EVAL_GENDER_OTHER, -1));
    scorecard_set_evaluation(sc, ev);
    /* One respondent, score 4.5 >= 4: Met, no interval with n = 1. */
    kpi_result r = scorecard_result(sc, mean);
    assert_value(r, 4.5);
    assert_status(r, KPI_MET);
    cr_assert_not(r.has_interval);
    cr_assert_not(r.conclusive);
    assert_no_data(scorecard_result(sc, share));
}

/* ------------------------------------------------------------------ female_hod_growth */

Test(measures, hod_growth_without_the_year_before_the_window)
{
    size_t k = kpi("3.e-2", "female_hod_growth", "", ">=20%");
    start(D(2026, 6, 30), 1);
    /* The 12 months before the window are 2023-07-01..2024-06-30; 2023-06-30 is outside. */
    delegations(D(2023, 6, 30), 0, 1);
    /* Year 1: 5 women, 3 men. Year 2: 6 women, 1 man. After the window: ignored. */
    delegations(D(2024, 7, 1), 0, 1);
    delegations(D(2024, 12, 1), 0, 2);
    delegations(D(2025, 6, 30), 0, 2);
    delegations(D(2024, 8, 1), 1, 3);
    delegations(D(2025, 7, 1), 0, 3);
    delegations(D(2026, 6, 30), 0, 3);
    delegations(D(2026, 1, 1), 1, 1);
    delegations(D(2026, 7, 1), 0, 4);

    cr_assert_eq(scorecard_delegations(sc, -1, 0), 0);
    cr_assert_eq(scorecard_delegations(sc, 0, 0), 5);
    cr_assert_eq(scorecard_delegations(sc, 0, 1), 3);
    cr_assert_eq(scorecard_delegations(sc, 0, 2), 0);
    cr_assert_eq(scorecard_delegations(sc, 1, 0), 6);
    cr_assert_eq(scorecard_delegations(sc, 1, 1), 1);

    /* Year 1 has nothing before it to compare with: n/a. Year 2: (6 - 5) / 5 = 0.2 >= 0.2. */
    kpi_result r = scorecard_result(sc, k);
    cr_assert(r.per_year);
    cr_assert_not(r.year_has_value[0], "year 1 growth %g without a year before it",
                  r.year_value[0]);
    cr_assert(r.year_has_value[1]);
    assert_near(r.year_value[1], 0.2);
    assert_value(r, 0.2);
    assert_status(r, KPI_MET);
    cr_assert_str_eq(r.basis, "headed by a woman: 2024/25 5; 2025/26 6");
}

Test(measures, hod_growth_from_zero_is_undefined)
{
    size_t k = kpi("3.e-2", "female_hod_growth", "", ">=20%");
    start(D(2026, 6, 30), 1);
    /* Before the window: 2 delegations, both headed by men: F = 0. */
    delegations(D(2023, 7, 1), 1, 1);
    delegations(D(2024, 6, 30), 1, 1);
    /* Year 1: 4 women; year 2: 4 women. */
    delegations(D(2024, 10, 1), 0, 4);
    delegations(D(2025, 10, 1), 0, 4);
    cr_assert_eq(scorecard_delegations(sc, -1, 0), 0);
    cr_assert_eq(scorecard_delegations(sc, -1, 1), 2);
    /* Year 1: from 0 to 4: undefined (n/a, never 0 or infinity). Year 2: (4 - 4) / 4 = 0
     * < 0.2: Off track. */
    kpi_result r = scorecard_result(sc, k);
    cr_assert_not(r.year_has_value[0], "growth from 0 given as %g", r.year_value[0]);
    cr_assert(r.year_has_value[1]);
    assert_near(r.year_value[1], 0.0);
    assert_value(r, 0.0);
    assert_status(r, KPI_OFF_TRACK);
    cr_assert_str_eq(r.basis, "headed by a woman: before the window 0; 2024/25 4; 2025/26 4");
}

Test(measures, hod_growth_met_when_every_defined_year_reaches_the_target)
{
    size_t k = kpi("3.e-2", "female_hod_growth", "", ">=20%");
    start(D(2026, 6, 30), 1);
    /* Before: 5 women (2023-07-01 is the first day of the year before). Year 1: 6. Year 2: 8.
     * Growth (6 - 5) / 5 = 0.2 and (8 - 6) / 6 = 0.3333: both >= 0.2: Met. */
    delegations(D(2023, 7, 1), 0, 2);
    delegations(D(2024, 3, 1), 0, 3);
    delegations(D(2025, 1, 1), 0, 6);
    delegations(D(2026, 1, 1), 0, 8);
    cr_assert_eq(scorecard_delegations(sc, -1, 0), 5);
    kpi_result r = scorecard_result(sc, k);
    cr_assert(r.year_has_value[0]);
    cr_assert(r.year_has_value[1]);
    assert_near(r.year_value[0], 0.2);
    assert_near(r.year_value[1], 2.0 / 6.0);
    assert_value(r, 2.0 / 6.0);
    assert_status(r, KPI_MET);
}

Test(measures, hod_growth_one_defined_year_missed_is_off_track)
{
    size_t k = kpi("3.e-2", "female_hod_growth", "", ">=20%");
    start(D(2026, 6, 30), 1);
    /* Before: 5; year 1: 6 (0.2, met); year 2: 7 ((7 - 6) / 6 = 0.1667, missed): Off track. */
    delegations(D(2024, 1, 1), 0, 5);
    delegations(D(2025, 1, 1), 0, 6);
    delegations(D(2026, 1, 1), 0, 7);
    kpi_result r = scorecard_result(sc, k);
    assert_near(r.year_value[0], 0.2);
    assert_value(r, 1.0 / 6.0);
    assert_status(r, KPI_OFF_TRACK);
}

Test(measures, hod_growth_latest_year_undefined_has_no_value)
{
    size_t k = kpi("3.e-2", "female_hod_growth", "", ">=20%");
    start(D(2026, 6, 30), 1);
    /* Before: 5 women. Year 1: none (2 men): (0 - 5) / 5 = -1. Year 2: 3 women from 0: n/a.
     * The value is the latest year's growth: n/a. Status: year 1 (defined) missed: Off track. */
    delegations(D(2024, 1, 1), 0, 5);
    delegations(D(2025, 1, 1), 1, 2);
    delegations(D(2026, 1, 1), 0, 3);
    kpi_result r = scorecard_result(sc, k);
    cr_assert(r.year_has_value[0]);
    assert_near(r.year_value[0], -1.0);
    cr_assert_not(r.year_has_value[1], "growth from 0 given as %g", r.year_value[1]);
    cr_assert_not(r.has_value, "the latest year's growth is n/a, not %g", r.value);
    cr_assert(!isinf(r.value) && !isnan(r.value));
    assert_status(r, KPI_OFF_TRACK);
}

Test(measures, hod_growth_with_no_defined_year_is_never_met_or_off_track)
{
    size_t k = kpi("3.e-2", "female_hod_growth", "", ">=20%");
    start(D(2025, 3, 1), 1);
    /* Year 1 so far: 3 women; nothing before the window. */
    delegations(D(2024, 9, 1), 0, 3);
    delegations(D(2025, 3, 2), 0, 3); /* after the as-of date */
    cr_assert_eq(scorecard_delegations(sc, 0, 0), 3);
    kpi_result r = scorecard_result(sc, k);
    cr_assert_not(r.has_value);
    cr_assert_not(r.year_has_value[0]);
    cr_assert_neq(r.status, KPI_MET);
    cr_assert_neq(r.status, KPI_OFF_TRACK);
}

Test(measures, hod_growth_without_delegations_in_the_window_is_no_data)
{
    size_t k = kpi("3.e-2", "female_hod_growth", "", ">=20%");
    start(D(2026, 6, 30), 1);
    delegations(D(2024, 1, 1), 0, 4);
    delegations(D(2024, 1, 1), 7, 1); /* not a gender: ignored */
    cr_assert_eq(scorecard_delegations(sc, -1, 0), 4);
    assert_no_data(scorecard_result(sc, k));
}

/* ---------------------------------------------------------------------------- manual */

Test(measures, manual_latest_value_up_to_the_as_of_date)
{
    size_t mras = kpi("1.e", "manual", "", ">=28");
    size_t hs = kpi("1.i-2", "manual", "", ">=6");
    size_t none = kpi("1.z", "manual", "", ">=1");
    size_t count = kpi("3.j", "count_total", "action=3.j", ">=10");
    start(D(2025, 6, 30), 1);
    manual("1.e", 20, D(2025, 1, 1));
    manual("1.e", 24, D(2025, 6, 30));
    manual("1.e", 30, D(2025, 7, 1));  /* after the as-of date */
    manual("1.e", 10, D(2024, 1, 1));  /* read later, dated earlier */
    manual("1.ee", 99, D(2025, 6, 1)); /* another id */
    manual("1.i-2", 7, D(2025, 3, 1));
    manual("1.i-2", 2, D(2025, 3, 1)); /* same date, read later: wins */
    manual("3.j", 50, D(2025, 3, 1));  /* not a manual KPI */

    /* 1.e: 24; half the window gone: 24 >= 28 x 0.5 = 14: On track. */
    kpi_result r = scorecard_result(sc, mras);
    assert_value(r, 24);
    assert_status(r, KPI_ON_TRACK);
    cr_assert_str_eq(r.basis, "reported in kpi_values.csv");
    /* 1.i-2: 2 < 6 x 0.5 = 3: Off track. */
    r = scorecard_result(sc, hs);
    assert_value(r, 2);
    assert_status(r, KPI_OFF_TRACK);
    assert_no_data(scorecard_result(sc, none));
    assert_no_data(scorecard_result(sc, count));
}

Test(measures, manual_after_the_deadline)
{
    size_t k = kpi("1.e", "manual", "", ">=28");
    start(D(2026, 7, 1), 1);
    manual("1.e", 27, D(2026, 6, 30));
    kpi_result r = scorecard_result(sc, k);
    assert_value(r, 27);
    assert_status(r, KPI_OFF_TRACK);
}

/* ---------------------------------------------------------------- no data, whole set */

Test(measures, every_measure_without_input_rows_is_no_data)
{
    kpi("1.a", "members_with_status", "action=1.a", ">=35");
    kpi("3.j", "count_total", "action=3.j type=success_story", ">=10");
    kpi("1.v", "count_per_year", "action=1.v type=report", ">=1");
    kpi("4.c", "count_per_quarter", "action=4.c type=publication", ">=1");
    kpi("4.b", "count_per_window", "action=4.b type=dialogue years=2", ">=1");
    kpi("1.n", "distinct_members_per_year", "action=1.n type=workshop", ">=5");
    kpi("1.u", "distinct_members_total", "action=1.u type=discussion", ">=11");
    kpi("3.b", "share_of_activities", "type=mission flag=accredited_expert", ">=50%");
    kpi("3.h", "mean_evaluation", "", ">=4");
    kpi("3.e", "female_participation_share", "", ">=25%");
    kpi("3.f", "female_hod_growth", "", ">=20%");
    kpi("1.e", "manual", "", ">=28");
    cr_assert_eq(cat.count, (size_t)MEASURE_KINDS);
    start(D(2025, 6, 30), 3);
    for (size_t i = 0; i < cat.count; i++) {
        kpi_result r = scorecard_result(sc, i);
        cr_assert_eq(r.status, KPI_NO_DATA, "%s (%s): %s", cat.kpis[i].id,
                     catalogue_measure_name(cat.kpis[i].measure), kpi_status_name(r.status));
        cr_assert_not(r.has_value, "%s has a value without data", cat.kpis[i].id);
        cr_assert_not(r.has_interval, "%s", cat.kpis[i].id);
        cr_assert_str_eq(r.basis, "no input rows behind this measure", "%s", cat.kpis[i].id);
        for (int y = 0; y < PLAN_MAX_PERIODS; y++)
            cr_assert_not(r.year_has_value[y], "%s year %d", cat.kpis[i].id, y);
    }
}

Test(measures, no_data_before_the_window_starts)
{
    size_t k = kpi("1.v", "count_per_year", "action=1.v type=report", ">=1");
    start(D(2024, 6, 1), 1);
    act(D(2024, 5, 1), "1.v", "report");
    act(D(2024, 7, 1), "1.v", "report"); /* after the as-of date */
    assert_no_data(scorecard_result(sc, k));
}

/* ------------------------------------------------------------ what the add functions say */

Test(measures, add_functions_say_whether_a_row_counts)
{
    kpi("1.e", "manual", "", ">=28");
    kpi("3.j", "count_total", "action=3.j", ">=10");
    start(D(2025, 6, 30), 2);
    /* status.csv: on or before the as-of date counts, after it does not. */
    cr_assert(scorecard_add_status(sc, 0, "1.a", 3, STATUS_IMPLEMENTED, D(2025, 6, 30)));
    cr_assert(scorecard_add_status(sc, 1, "1.a", 3, STATUS_IMPLEMENTED, D(2019, 1, 1)));
    cr_assert_not(scorecard_add_status(sc, 0, "1.a", 3, STATUS_PLANNED, D(2025, 7, 1)));
    cr_assert_eq(scorecard_member_status(sc, 0, "1.a"), STATUS_IMPLEMENTED);
    /* activities.csv: in the window and not after the as-of date. */
    activity_row in = {D(2024, 7, 1), "3.j", 3, "report", 6, NULL, 0, {-1, -1, -1}};
    cr_assert(scorecard_add_activity(sc, &in));
    in.date = D(2024, 6, 30);
    cr_assert_not(scorecard_add_activity(sc, &in));
    in.date = D(2025, 7, 1);
    cr_assert_not(scorecard_add_activity(sc, &in));
    /* delegations.csv: a plan year or the 12 months before the window, up to the as-of date. */
    cr_assert(scorecard_add_delegation(sc, D(2025, 6, 30), 0));
    cr_assert(scorecard_add_delegation(sc, D(2023, 7, 1), 1));
    cr_assert_not(scorecard_add_delegation(sc, D(2023, 6, 30), 0));
    cr_assert_not(scorecard_add_delegation(sc, D(2025, 7, 1), 0));
    cr_assert_not(scorecard_add_delegation(sc, D(2025, 1, 1), 3));
    /* kpi_values.csv: 1 counted, 0 after the as-of date, -1 no manual KPI has the id. */
    cr_assert_eq(scorecard_add_manual(sc, "1.e", 3, 24, D(2025, 6, 30)), 1);
    cr_assert_eq(scorecard_add_manual(sc, "1.e", 3, 30, D(2025, 7, 1)), 0);
    cr_assert_eq(scorecard_add_manual(sc, "1.x", 3, 30, D(2025, 1, 1)), -1);
    cr_assert_eq(scorecard_add_manual(sc, "3.j", 3, 30, D(2025, 1, 1)), -1);
    kpi_result r = scorecard_result(sc, 0);
    assert_value(r, 24);
    r = scorecard_result(sc, 1);
    assert_value(r, 1);
}

/* --------------------------------------------------------------- scorecard_activities */

Test(measures, activities_per_pillar_and_plan_year)
{
    start(D(2026, 6, 30), 1); /* an empty catalogue */
    act(D(2024, 8, 1), "1.a", "workshop");
    act(D(2025, 6, 30), "1.b", "mission");
    act(D(2025, 8, 1), "3.g", "workshop");
    act(D(2024, 7, 1), "4.c", "publication");
    act(D(2026, 6, 30), "2.a", "meeting");
    act(D(2025, 1, 1), "3.k", "expert_exchange");
    act(D(2024, 9, 1), "", "meeting");     /* no action: no pillar */
    act(D(2024, 9, 1), "9.x", "meeting");  /* not a pillar */
    act(D(2024, 6, 30), "1.a", "workshop"); /* before the window */
    act(D(2026, 7, 1), "1.a", "workshop");  /* after the window */
    /* Year 1: pillar 1: 1.a, 1.b = 2; pillar 3: 3.k = 1; pillar 4: 4.c = 1.
     * Year 2: pillar 2: 2.a = 1; pillar 3: 3.g = 1. */
    cr_assert_eq(scorecard_activities(sc, 0, 1), 2);
    cr_assert_eq(scorecard_activities(sc, 0, 2), 0);
    cr_assert_eq(scorecard_activities(sc, 0, 3), 1);
    cr_assert_eq(scorecard_activities(sc, 0, 4), 1);
    cr_assert_eq(scorecard_activities(sc, 1, 1), 0);
    cr_assert_eq(scorecard_activities(sc, 1, 2), 1);
    cr_assert_eq(scorecard_activities(sc, 1, 3), 1);
    cr_assert_eq(scorecard_activities(sc, 1, 4), 0);
}

Test(measures, activities_after_the_as_of_date_are_not_counted_per_pillar)
{
    start(D(2025, 1, 1), 1);
    act(D(2025, 1, 1), "1.a", "workshop");
    act(D(2025, 1, 2), "1.a", "workshop");
    act(D(2025, 8, 1), "1.a", "workshop");
    cr_assert_eq(scorecard_activities(sc, 0, 1), 1);
    cr_assert_eq(scorecard_activities(sc, 1, 1), 0);
}
