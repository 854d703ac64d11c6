/* Unit tests of analyze/catalogue.c: measure names, targets, filters and the catalogue itself,
 * against plans/README.md ("Measures", "Filter syntax", "Target syntax"), and the shipped
 * catalogue plans/sap-2024-2026.csv read through the ingest stage as `cbkpi scorecard` reads it. */
#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/catalogue.h"
#include "ingest/ingest.h"
#include "ingest/ledger.h"
#include "ingest/schema.h"
#include "util/date.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_UNDER_ASAN 1
#endif
#endif

#if defined(TEST_UNDER_ASAN)
#include <sanitizer/lsan_interface.h>
/* Fails the test when memory allocated so far is unreachable (LeakSanitizer reports leaks
 * only when the test process exits, after Criterion has recorded the test as passed). */
#define assert_no_leak() cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "memory leaked")
#else
#define assert_no_leak() ((void)0)
#endif

#define D(y, m, d) date_from_civil((y), (m), (d))

/* What a test allocates is freed in the suite's fini, so that a failed assertion (which ends
 * the test at once) leaves no leak report behind under LeakSanitizer. */
static catalogue tracked_catalogue;
static kpi_filter tracked_filter;
static ledger *tracked_ledger;

static void cleanup(void)
{
    catalogue_free(&tracked_catalogue);
    catalogue_filter_free(&tracked_filter);
    ledger_free(tracked_ledger);
    tracked_ledger = NULL;
}

TestSuite(catalogue, .fini = cleanup);

/* Parses into tracked_filter (freed by the fini even when an assertion fails). */
static bool parse(const char *text, measure_kind m, char *why, size_t cap)
{
    catalogue_filter_free(&tracked_filter);
    why[0] = '\0';
    return catalogue_parse_filter(text, m, &tracked_filter, why, cap);
}

#define assert_rejected(text, m, fragment)                                                     \
    do {                                                                                       \
        char why_[256];                                                                        \
        cr_assert_not(parse((text), (m), why_, sizeof why_), "filter \"%s\" was accepted",   \
                      (text));                                                                 \
        cr_assert_neq(why_[0], '\0', "no reason given for \"%s\"", (text));                    \
        cr_assert(strstr(why_, (fragment)) != NULL, "reason for \"%s\" is \"%s\", expected "  \
                  "it to mention \"%s\"", (text), why_, (fragment));                           \
        cr_assert_eq(tracked_filter.actions.n, 0);                                             \
        cr_assert_eq(tracked_filter.types.n, 0);                                               \
    } while (0)

/* ------------------------------------------------------------------------------- measures */

Test(catalogue, parse_measure_every_name)
{
    static const struct { const char *name; measure_kind kind; } names[] = {
        {"members_with_status", MEASURE_MEMBERS_WITH_STATUS},
        {"count_total", MEASURE_COUNT_TOTAL},
        {"count_per_year", MEASURE_COUNT_PER_YEAR},
        {"count_per_quarter", MEASURE_COUNT_PER_QUARTER},
        {"count_per_window", MEASURE_COUNT_PER_WINDOW},
        {"distinct_members_per_year", MEASURE_DISTINCT_MEMBERS_PER_YEAR},
        {"distinct_members_total", MEASURE_DISTINCT_MEMBERS_TOTAL},
        {"share_of_activities", MEASURE_SHARE_OF_ACTIVITIES},
        {"mean_evaluation", MEASURE_MEAN_EVALUATION},
        {"female_participation_share", MEASURE_FEMALE_PARTICIPATION_SHARE},
        {"female_hod_growth", MEASURE_FEMALE_HOD_GROWTH},
        {"manual", MEASURE_MANUAL},
    };
    cr_assert_eq(sizeof names / sizeof names[0], (size_t)MEASURE_KINDS);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        measure_kind m = MEASURE_KINDS;
        cr_assert(catalogue_parse_measure(names[i].name, &m), "%s not recognised", names[i].name);
        cr_assert_eq(m, names[i].kind, "%s", names[i].name);
        cr_assert_str_eq(catalogue_measure_name(names[i].kind), names[i].name);
    }
}

Test(catalogue, parse_measure_unknown)
{
    measure_kind m = MEASURE_MANUAL;
    cr_assert_not(catalogue_parse_measure("count", &m));
    cr_assert_not(catalogue_parse_measure("", &m));
    cr_assert_not(catalogue_parse_measure("count_per_month", &m));
    cr_assert_not(catalogue_parse_measure("manual ", &m));
    cr_assert_eq(m, MEASURE_MANUAL, "a failed parse must not change *out");
}

/* -------------------------------------------------------------------------------- targets */

Test(catalogue, parse_target_comparators_and_percent)
{
    kpi_target t;
    char why[256];
    cr_assert(catalogue_parse_target(">=35", &t, why, sizeof why));
    cr_assert_eq(t.cmp, CMP_GE);
    cr_assert_float_eq(t.number, 35.0, 1e-15);
    cr_assert_not(t.percent);

    /* 25% is stored as the fraction 0.25. */
    cr_assert(catalogue_parse_target(">=25%", &t, why, sizeof why));
    cr_assert_eq(t.cmp, CMP_GE);
    cr_assert_float_eq(t.number, 0.25, 1e-15);
    cr_assert(t.percent);

    cr_assert(catalogue_parse_target(">2", &t, why, sizeof why));
    cr_assert_eq(t.cmp, CMP_GT);
    cr_assert_float_eq(t.number, 2.0, 1e-15);

    cr_assert(catalogue_parse_target("<=10", &t, why, sizeof why));
    cr_assert_eq(t.cmp, CMP_LE);
    cr_assert_float_eq(t.number, 10.0, 1e-15);

    cr_assert(catalogue_parse_target("<5", &t, why, sizeof why));
    cr_assert_eq(t.cmp, CMP_LT);
    cr_assert_float_eq(t.number, 5.0, 1e-15);

    cr_assert(catalogue_parse_target("=1", &t, why, sizeof why));
    cr_assert_eq(t.cmp, CMP_EQ);
    cr_assert_float_eq(t.number, 1.0, 1e-15);

    cr_assert(catalogue_parse_target(">=4.5", &t, why, sizeof why));
    cr_assert_eq(t.cmp, CMP_GE);
    cr_assert_float_eq(t.number, 4.5, 1e-15);

    /* 12.5% = 0.125 */
    cr_assert(catalogue_parse_target(">=12.5%", &t, why, sizeof why));
    cr_assert_float_eq(t.number, 0.125, 1e-15);
    cr_assert(t.percent);

    cr_assert(catalogue_parse_target(">=0", &t, why, sizeof why));
    cr_assert_float_eq(t.number, 0.0, 1e-15);
}

Test(catalogue, parse_target_rejects_bad_text)
{
    static const char *const bad[] = {"35", ">=", ">=abc", ">=-1", ">=inf", ">=1x", "", "=>5",
                                      ">=nan", ">=+1", ">=35%%", "==1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        kpi_target t;
        char why[256] = "";
        cr_assert_not(catalogue_parse_target(bad[i], &t, why, sizeof why), "\"%s\" was accepted",
                      bad[i]);
        cr_assert_neq(why[0], '\0', "no reason for \"%s\"", bad[i]);
        cr_assert(strstr(why, bad[i]) != NULL, "reason \"%s\" does not quote \"%s\"", why, bad[i]);
    }
}

/* plans/README.md: a target "must match ^(>=|>|<=|<|=)[0-9]+(\.[0-9]+)?%?$". Exponents, hex
 * numbers and a bare trailing point do not match the pattern. */
Test(catalogue, parse_target_follows_the_documented_pattern)
{
    static const char *const bad[] = {">=1e3", ">=0x10", ">=1.", ">=2E1%"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        kpi_target t = {CMP_EQ, -1.0, false};
        char why[256] = "";
        bool ok = catalogue_parse_target(bad[i], &t, why, sizeof why);
        cr_expect_not(ok, "\"%s\" does not match the target pattern but was accepted as %g",
                      bad[i], t.number);
    }
}

Test(catalogue, target_met_for_each_comparator)
{
    kpi_target ge = {CMP_GE, 35.0, false};
    cr_assert(catalogue_target_met(&ge, 35.0));
    cr_assert(catalogue_target_met(&ge, 36.0));
    cr_assert_not(catalogue_target_met(&ge, 34.999));

    kpi_target gt = {CMP_GT, 2.0, false};
    cr_assert_not(catalogue_target_met(&gt, 2.0));
    cr_assert(catalogue_target_met(&gt, 2.001));
    cr_assert_not(catalogue_target_met(&gt, 1.0));

    kpi_target le = {CMP_LE, 10.0, false};
    cr_assert(catalogue_target_met(&le, 10.0));
    cr_assert(catalogue_target_met(&le, 0.0));
    cr_assert_not(catalogue_target_met(&le, 10.5));

    kpi_target lt = {CMP_LT, 5.0, false};
    cr_assert_not(catalogue_target_met(&lt, 5.0));
    cr_assert(catalogue_target_met(&lt, 4.999));
    cr_assert_not(catalogue_target_met(&lt, 6.0));

    kpi_target eq = {CMP_EQ, 1.0, false};
    cr_assert(catalogue_target_met(&eq, 1.0));
    cr_assert_not(catalogue_target_met(&eq, 0.0));
    cr_assert_not(catalogue_target_met(&eq, 2.0));

    /* ">=25%" parsed, against the share 1/4 (exactly 0.25) and 24/100. */
    kpi_target pct;
    char why[256];
    cr_assert(catalogue_parse_target(">=25%", &pct, why, sizeof why));
    cr_assert(catalogue_target_met(&pct, 1.0 / 4.0));
    cr_assert_not(catalogue_target_met(&pct, 24.0 / 100.0));
    /* ">=20%" against the growth (6 - 5) / 5 = 0.2: met on the edge. */
    cr_assert(catalogue_parse_target(">=20%", &pct, why, sizeof why));
    cr_assert(catalogue_target_met(&pct, (6.0 - 5.0) / 5.0));
}

/* -------------------------------------------------------------------------------- filters */

Test(catalogue, filter_defaults_for_an_empty_filter)
{
    char why[256];
    cr_assert(parse("", MEASURE_COUNT_TOTAL, why, sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.actions.n, 0);
    cr_assert_eq(tracked_filter.types.n, 0);
    for (int g = 0; g < FLAG_COUNT; g++)
        cr_assert_eq(tracked_filter.flags[g], -1);
    cr_assert_eq(tracked_filter.share_flag, FLAG_NONE);
    cr_assert_eq(tracked_filter.status_mask, 1u << STATUS_IMPLEMENTED);
    cr_assert_eq(tracked_filter.window_years, 0);
    /* Measures that read no activities take an empty filter. */
    cr_assert(parse("", MEASURE_MEAN_EVALUATION, why, sizeof why), "%s", why);
    cr_assert(parse("", MEASURE_MANUAL, why, sizeof why), "%s", why);
    cr_assert(parse("  ", MEASURE_FEMALE_HOD_GROWTH, why, sizeof why), "%s", why);
}

Test(catalogue, filter_action_and_type_lists)
{
    char why[256];
    cr_assert(parse("action=3.j type=success_story,publication", MEASURE_COUNT_TOTAL, why,
                    sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.actions.n, 1);
    cr_assert_str_eq(tracked_filter.actions.words[0], "3.j");
    cr_assert_eq(tracked_filter.types.n, 2);
    cr_assert_str_eq(tracked_filter.types.words[0], "success_story");
    cr_assert_str_eq(tracked_filter.types.words[1], "publication");
    for (int g = 0; g < FLAG_COUNT; g++)
        cr_assert_eq(tracked_filter.flags[g], -1);

    /* The same keys apply to every activity measure; extra spaces between pairs are fine. */
    static const measure_kind activity_measures[] = {
        MEASURE_COUNT_PER_YEAR, MEASURE_COUNT_PER_QUARTER, MEASURE_DISTINCT_MEMBERS_PER_YEAR,
        MEASURE_DISTINCT_MEMBERS_TOTAL};
    for (size_t i = 0; i < sizeof activity_measures / sizeof activity_measures[0]; i++) {
        cr_assert(parse("  action=1.n   type=workshop,mission ", activity_measures[i], why,
                        sizeof why), "%s: %s", catalogue_measure_name(activity_measures[i]), why);
        cr_assert_eq(tracked_filter.actions.n, 1);
        cr_assert_eq(tracked_filter.types.n, 2);
        cr_assert_str_eq(tracked_filter.types.words[1], "mission");
    }
}

Test(catalogue, filter_flags)
{
    char why[256];
    cr_assert(parse("requested=yes accredited_expert=no", MEASURE_COUNT_PER_YEAR, why, sizeof why),
              "%s", why);
    cr_assert_eq(tracked_filter.flags[FLAG_REQUESTED], 1);
    cr_assert_eq(tracked_filter.flags[FLAG_ACCREDITED_EXPERT], 0);
    cr_assert_eq(tracked_filter.flags[FLAG_REQUEST_MET], -1);
    cr_assert_eq(tracked_filter.actions.n, 0);

    cr_assert(parse("request_met=YES", MEASURE_COUNT_TOTAL, why, sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.flags[FLAG_REQUEST_MET], 1);
    cr_assert_eq(tracked_filter.flags[FLAG_REQUESTED], -1);
}

Test(catalogue, filter_share_flag)
{
    char why[256];
    cr_assert(parse("type=mission requested=yes flag=accredited_expert",
                    MEASURE_SHARE_OF_ACTIVITIES, why, sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.share_flag, FLAG_ACCREDITED_EXPERT);
    cr_assert_eq(tracked_filter.flags[FLAG_REQUESTED], 1);
    cr_assert_eq(tracked_filter.flags[FLAG_ACCREDITED_EXPERT], -1);
    cr_assert_eq(tracked_filter.types.n, 1);
    cr_assert_str_eq(tracked_filter.types.words[0], "mission");

    cr_assert(parse("type=request flag=request_met", MEASURE_SHARE_OF_ACTIVITIES, why, sizeof why),
              "%s", why);
    cr_assert_eq(tracked_filter.share_flag, FLAG_REQUEST_MET);
}

Test(catalogue, filter_status_set)
{
    char why[256];
    cr_assert(parse("action=1.a status=implemented,in_progress", MEASURE_MEMBERS_WITH_STATUS, why,
                    sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.actions.n, 1);
    cr_assert_str_eq(tracked_filter.actions.words[0], "1.a");
    cr_assert_eq(tracked_filter.status_mask, (1u << STATUS_IMPLEMENTED) | (1u << STATUS_IN_PROGRESS));

    /* Default: implemented only. */
    cr_assert(parse("action=1.a", MEASURE_MEMBERS_WITH_STATUS, why, sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.status_mask, 1u << STATUS_IMPLEMENTED);

    cr_assert(parse("action=1.a status=planned,not_started", MEASURE_MEMBERS_WITH_STATUS, why,
                    sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.status_mask, (1u << STATUS_PLANNED) | (1u << STATUS_NOT_STARTED));

    /* A set that leaves implemented out does not keep the default bit. */
    cr_assert(parse("action=1.a status=in_progress", MEASURE_MEMBERS_WITH_STATUS, why, sizeof why),
              "%s", why);
    cr_assert_eq(tracked_filter.status_mask, 1u << STATUS_IN_PROGRESS);
}

Test(catalogue, filter_years_for_count_per_window)
{
    char why[256];
    cr_assert(parse("action=4.b type=dialogue years=2", MEASURE_COUNT_PER_WINDOW, why, sizeof why),
              "%s", why);
    cr_assert_eq(tracked_filter.window_years, 2);
    cr_assert_eq(tracked_filter.actions.n, 1);
    cr_assert_eq(tracked_filter.types.n, 1);
    cr_assert(parse("years=1", MEASURE_COUNT_PER_WINDOW, why, sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.window_years, 1);

    assert_rejected("years=0", MEASURE_COUNT_PER_WINDOW, "years");
    assert_rejected("years=11", MEASURE_COUNT_PER_WINDOW, "years");
    assert_rejected("years=2x", MEASURE_COUNT_PER_WINDOW, "years");
    assert_rejected("years=-1", MEASURE_COUNT_PER_WINDOW, "years");
    assert_rejected("action=4.b years=two", MEASURE_COUNT_PER_WINDOW, "years");
}

Test(catalogue, filter_errors_name_the_reason)
{
    /* An unknown key. */
    assert_rejected("colour=red", MEASURE_COUNT_TOTAL, "colour");
    /* A key that does not apply to the measure. */
    assert_rejected("action=3.j status=implemented", MEASURE_COUNT_TOTAL, "status");
    assert_rejected("action=3.j status=implemented", MEASURE_COUNT_TOTAL, "count_total");
    assert_rejected("action=1.a type=workshop", MEASURE_MEMBERS_WITH_STATUS, "type");
    assert_rejected("action=1.a requested=yes", MEASURE_MEMBERS_WITH_STATUS, "requested");
    assert_rejected("action=3.h", MEASURE_MEAN_EVALUATION, "mean_evaluation");
    assert_rejected("type=workshop", MEASURE_FEMALE_PARTICIPATION_SHARE, "type");
    assert_rejected("action=1.e", MEASURE_MANUAL, "manual");
    assert_rejected("years=2", MEASURE_COUNT_PER_YEAR, "years");
    assert_rejected("type=mission flag=accredited_expert", MEASURE_COUNT_TOTAL, "flag");
    /* Required keys. */
    assert_rejected("", MEASURE_MEMBERS_WITH_STATUS, "action");
    assert_rejected("status=implemented", MEASURE_MEMBERS_WITH_STATUS, "action");
    assert_rejected("type=mission requested=yes", MEASURE_SHARE_OF_ACTIVITIES, "flag");
    assert_rejected("action=4.b type=dialogue", MEASURE_COUNT_PER_WINDOW, "years");
    /* Bad values. */
    assert_rejected("requested=maybe", MEASURE_COUNT_TOTAL, "maybe");
    assert_rejected("action=3.b accredited_expert=1x", MEASURE_COUNT_TOTAL, "accredited_expert");
    assert_rejected("type=mission flag=colour", MEASURE_SHARE_OF_ACTIVITIES, "colour");
    assert_rejected("action=1.a status=done", MEASURE_MEMBERS_WITH_STATUS, "done");
    /* Not key=value. */
    assert_rejected("novalue", MEASURE_COUNT_TOTAL, "novalue");
    assert_rejected("=x", MEASURE_COUNT_TOTAL, "=x");
    assert_rejected("action=", MEASURE_COUNT_TOTAL, "action=");
    assert_rejected("action=1.a type=workshop extra", MEASURE_COUNT_TOTAL, "extra");
    /* Empty members of a list. */
    assert_rejected("type=,mission", MEASURE_COUNT_TOTAL, ",mission");
    assert_rejected("type=workshop,,mission", MEASURE_COUNT_TOTAL, "workshop,,mission");
}

/* An empty entry after the last comma is as much "not a list of values" as one in the middle
 * (",mission" and "workshop,,mission" are refused); "type=mission," must not pass as "mission". */
Test(catalogue, filter_rejects_a_trailing_comma)
{
    char why[256];
    cr_expect_not(parse("type=mission,", MEASURE_COUNT_TOTAL, why, sizeof why),
                  "\"type=mission,\" was accepted as a list of %zu value(s)",
                  tracked_filter.types.n);
}

/* A status list with an empty entry is refused; the words split before the empty entry must be
 * freed (run under LeakSanitizer: a leak here fails the test process). */
Test(catalogue, filter_bad_status_list_is_rejected_without_leaking)
{
    assert_rejected("action=1.a status=implemented,,planned", MEASURE_MEMBERS_WITH_STATUS,
                    "implemented,,planned");
    assert_rejected("action=1.a status=implemented,done", MEASURE_MEMBERS_WITH_STATUS, "done");
    assert_no_leak();
}

Test(catalogue, filter_too_many_words_is_rejected)
{
    /* FILTER_MAX_WORDS (16) words fit; 17 do not. */
    char text[512] = "type=";
    for (int i = 0; i < FILTER_MAX_WORDS; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%st%d", i ? "," : "", i);
    char why[256];
    cr_assert(parse(text, MEASURE_COUNT_TOTAL, why, sizeof why), "%s", why);
    cr_assert_eq(tracked_filter.types.n, FILTER_MAX_WORDS);
    strcat(text, ",t16");
    assert_rejected(text, MEASURE_COUNT_TOTAL, "t16");
}

/* ----------------------------------------------------------------------------- word sets */

Test(catalogue, words_match_case_insensitively)
{
    char a[] = "success_story", b[] = "publication";
    word_set set = {2, {a, b}};
    cr_assert(catalogue_words_match(&set, "success_story", 13));
    cr_assert(catalogue_words_match(&set, "SUCCESS_Story", 13));
    cr_assert(catalogue_words_match(&set, "Publication", 11));
    /* Counted text: only len bytes are compared, so a word followed by more text matches. */
    cr_assert(catalogue_words_match(&set, "publication,x", 11));
    cr_assert_not(catalogue_words_match(&set, "success", 7));
    cr_assert_not(catalogue_words_match(&set, "success_story2", 14));
    cr_assert_not(catalogue_words_match(&set, "", 0));
    cr_assert_not(catalogue_words_match(&set, "mission", 7));
}

Test(catalogue, empty_word_set_matches_everything)
{
    word_set empty = {0, {NULL}};
    cr_assert(catalogue_words_match(&empty, "anything", 8));
    cr_assert(catalogue_words_match(&empty, "", 0));
}

/* ----------------------------------------------------------------------------- catalogue */

Test(catalogue, add_copies_and_parses)
{
    char why[256] = "";
    char id[] = "3.j", action[] = "3.j", text[] = "Success stories", measure[] = "count_total",
         filter[] = "action=3.j type=success_story", target[] = ">=10";
    cr_assert(catalogue_add(&tracked_catalogue, id, 3, action, text, measure, filter, target,
                            D(2026, 6, 30), 7, why, sizeof why), "%s", why);
    /* The strings are copies: changing the caller's buffers changes nothing. */
    memset(id, 'x', 3);
    memset(filter, 'x', strlen(filter));
    memset(target, 'x', strlen(target));
    cr_assert_eq(tracked_catalogue.count, 1);
    const kpi_def *k = &tracked_catalogue.kpis[0];
    cr_assert_str_eq(k->id, "3.j");
    cr_assert_str_eq(k->action, "3.j");
    cr_assert_str_eq(k->text, "Success stories");
    cr_assert_str_eq(k->filter_text, "action=3.j type=success_story");
    cr_assert_str_eq(k->target_text, ">=10");
    cr_assert_eq(k->pillar, 3);
    cr_assert_eq(k->measure, MEASURE_COUNT_TOTAL);
    cr_assert_eq(k->target.cmp, CMP_GE);
    cr_assert_float_eq(k->target.number, 10.0, 1e-15);
    cr_assert_eq(k->deadline, D(2026, 6, 30));
    cr_assert_eq(k->line, 7);
    cr_assert_eq(k->filter.actions.n, 1);
    cr_assert_str_eq(k->filter.types.words[0], "success_story");
}

Test(catalogue, add_rejects_and_leaves_the_catalogue_unchanged)
{
    char why[256] = "";
    long dl = D(2026, 6, 30);
    cr_assert(catalogue_add(&tracked_catalogue, "1.a", 1, "1.a", "RM", "members_with_status",
                            "action=1.a", ">=35", dl, 2, why, sizeof why), "%s", why);
    cr_assert_eq(tracked_catalogue.count, 1);

    static const struct { const char *measure, *filter, *target, *fragment; } bad[] = {
        {"count_per_month", "", ">=1", "count_per_month"},          /* unknown measure */
        {"count_total", "action=3.j", "10", "10"},                  /* target without comparator */
        {"count_total", "action=3.j", ">=ten", ">=ten"},             /* target without number */
        {"count_total", "action=3.j status=implemented", ">=10", "status"}, /* key not applying */
        {"members_with_status", "", ">=35", "action"},              /* missing action */
        {"share_of_activities", "type=mission", ">=50%", "flag"},   /* missing flag */
        {"count_per_window", "action=4.b", ">=1", "years"},         /* missing years */
        {"count_total", "action=3.j type=a,,b", ">=10", "a,,b"},    /* words split, then freed */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = '\0';
        cr_assert_not(catalogue_add(&tracked_catalogue, "9.z", 1, "9.z", "bad", bad[i].measure,
                                    bad[i].filter, bad[i].target, dl, 3, why, sizeof why),
                      "case %zu was accepted", i);
        cr_assert(strstr(why, bad[i].fragment) != NULL, "case %zu: reason \"%s\" lacks \"%s\"", i,
                  why, bad[i].fragment);
        cr_assert_eq(tracked_catalogue.count, 1, "case %zu changed the catalogue", i);
        cr_assert_str_eq(tracked_catalogue.kpis[0].id, "1.a");
    }
}

Test(catalogue, add_grows_past_its_first_capacity)
{
    char why[256] = "";
    for (int i = 0; i < 200; i++) {
        char id[16];
        snprintf(id, sizeof id, "k%d", i);
        cr_assert(catalogue_add(&tracked_catalogue, id, 1 + i % 4, "", "text", "manual", "", ">=1",
                                D(2026, 6, 30), i + 2, why, sizeof why), "%s", why);
    }
    cr_assert_eq(tracked_catalogue.count, 200);
    cr_assert_str_eq(tracked_catalogue.kpis[0].id, "k0");
    cr_assert_str_eq(tracked_catalogue.kpis[199].id, "k199");
    cr_assert_eq(tracked_catalogue.kpis[199].pillar, 4);
}

Test(catalogue, free_twice_is_harmless)
{
    catalogue c = {0};
    char why[256] = "";
    cr_assert(catalogue_add(&c, "1.e", 1, "1.e", "AEO MRAs", "manual", "", ">=28", D(2026, 6, 30),
                            2, why, sizeof why), "%s", why);
    catalogue_free(&c);
    cr_assert_eq(c.count, 0);
    cr_assert_null(c.kpis);
    catalogue_free(&c);
}

/* ----------------------------------------------------------------- the shipped catalogue */

#define SHIPPED_PATH "../../plans/sap-2024-2026.csv"
#define MAX_REJECTS 80

typedef struct shipped_run {
    catalogue *cat;
    long rows;
    int rejects;
    char why[MAX_REJECTS][512];
} shipped_run;

static char *cell_copy(const cell *c, char *out, size_t cap)
{
    if (c->state == CELL_OK)
        snprintf(out, cap, "%.*s", (int)c->len, c->text);
    else
        out[0] = '\0';
    return out;
}

/* As `cbkpi scorecard` reads a kpis.csv row: pillar from the cell text, deadline from the
 * date cell; a row catalogue_add refuses is recorded in the ledger and rejected. */
static int add_shipped_row(const typed_row *row, void *user)
{
    shipped_run *run = user;
    const cell *c = row->cells;
    char id[64], pillar[16], action[64], text[512], measure[64], filter[512], target[64], why[256];
    run->rows++;
    cell_copy(&c[KPIS_ID], id, sizeof id);
    long deadline = c[KPIS_DEADLINE].state == CELL_OK ? (long)c[KPIS_DEADLINE].integer : 0;
    if (!catalogue_add(run->cat, id, atoi(cell_copy(&c[KPIS_PILLAR], pillar, sizeof pillar)),
                       cell_copy(&c[KPIS_ACTION], action, sizeof action),
                       cell_copy(&c[KPIS_KPI], text, sizeof text),
                       cell_copy(&c[KPIS_MEASURE], measure, sizeof measure),
                       cell_copy(&c[KPIS_FILTER], filter, sizeof filter),
                       cell_copy(&c[KPIS_TARGET], target, sizeof target), deadline, row->line, why,
                       sizeof why)) {
        if (run->rejects < MAX_REJECTS)
            snprintf(run->why[run->rejects], sizeof run->why[0], "line %ld, %s: %s", row->line,
                     id, why);
        run->rejects++;
        const ingest_header *h = row->header;
        ledger_reject(h->ledger, h->file, row->line, c[KPIS_ID].column,
                      h->column_labels[KPIS_ID], id, strlen(id), true, "%s", why);
        return ROW_REJECTED;
    }
    return ROW_USED;
}

/* Reads the shipped catalogue into tracked_catalogue; fails the test when it cannot. */
static shipped_run *load_shipped(void)
{
    static shipped_run run;
    memset(&run, 0, sizeof run);
    run.cat = &tracked_catalogue;
    tracked_ledger = ledger_new();
    ingest_options options = ingest_default_options();
    ingest_handler handler = {.on_row = add_shipped_row, .user = &run};
    cb_error err;
    memset(&err, 0, sizeof err);
    int rc = ingest_file(SHIPPED_PATH, KIND_KPIS, &options, &handler, tracked_ledger, &err);
    cr_assert_eq(rc, 0, "%s cannot be read: %s", SHIPPED_PATH, err.message);
    return &run;
}

Test(catalogue, shipped_catalogue_parses_every_row)
{
    shipped_run *run = load_shipped();
    for (int i = 0; i < run->rejects && i < MAX_REJECTS; i++)
        cr_log_error("rejected: %s", run->why[i]);
    cr_assert_eq(run->rejects, 0, "%d row(s) of the shipped catalogue rejected", run->rejects);
    cr_assert_eq(ledger_file_count(tracked_ledger), 1);
    const ledger_file *f = ledger_file_at(tracked_ledger, 0);
    cr_assert_eq(f->rows_read, 61);
    cr_assert_eq(f->rows_used, 61);
    cr_assert_eq(f->rows_rejected, 0);
    cr_assert_eq(f->cells_rejected, 0);
    cr_assert_eq(ledger_problem_count(tracked_ledger), 0);
    cr_assert(ledger_balanced(tracked_ledger));
    cr_assert_eq(run->rows, 61);
    cr_assert_eq(tracked_catalogue.count, 61);
}

Test(catalogue, shipped_catalogue_ids_in_plan_order)
{
    static const char *const ids[] = {
        "1.a", "1.b", "1.c", "1.d", "1.e", "1.f", "1.g", "1.h", "1.i-1", "1.i-2", "1.j", "1.k",
        "1.l", "1.m", "1.n", "1.o", "1.p", "1.q", "1.r", "1.s", "1.t", "1.u", "1.v", "1.w",
        "1.x", "1.y", "1.z", "1.aa", "1.bb", "1.cc", "1.dd", "1.ee", "1.ff-1", "1.ff-2",
        "1.ff-3", "1.gg", "1.hh", "1.ii", "1.jj", "1.kk", "1.ll",
        "2.a", "2.b",
        "3.a", "3.b", "3.c", "3.d", "3.e-1", "3.e-2", "3.f", "3.g", "3.h", "3.i", "3.j",
        "3.k-1", "3.k-2", "3.k-3", "3.l",
        "4.a", "4.b", "4.c"};
    cr_assert_eq(sizeof ids / sizeof ids[0], 61);
    load_shipped();
    cr_assert_eq(tracked_catalogue.count, 61);
    for (size_t i = 0; i < 61; i++) {
        cr_assert_str_eq(tracked_catalogue.kpis[i].id, ids[i], "KPI %zu", i);
        /* The action is the id without its "-N" part. */
        size_t stem = strcspn(ids[i], "-");
        cr_assert_eq(strlen(tracked_catalogue.kpis[i].action), stem, "action of %s", ids[i]);
        cr_assert_eq(strncmp(tracked_catalogue.kpis[i].action, ids[i], stem), 0, "action of %s",
                     ids[i]);
        /* Row i is on line i + 2 (the header is line 1); every deadline is 30 June 2026. */
        cr_assert_eq(tracked_catalogue.kpis[i].line, (long)i + 2, "line of %s", ids[i]);
        cr_assert_eq(tracked_catalogue.kpis[i].deadline, D(2026, 6, 30), "deadline of %s", ids[i]);
    }
}

Test(catalogue, shipped_catalogue_pillars)
{
    load_shipped();
    int per_pillar[5] = {0};
    for (size_t i = 0; i < tracked_catalogue.count; i++) {
        const kpi_def *k = &tracked_catalogue.kpis[i];
        cr_assert(k->pillar >= 1 && k->pillar <= 4, "%s has pillar %d", k->id, k->pillar);
        cr_assert_eq(k->pillar, k->id[0] - '0', "%s has pillar %d", k->id, k->pillar);
        per_pillar[k->pillar]++;
    }
    cr_assert_eq(per_pillar[1], 41);
    cr_assert_eq(per_pillar[2], 2);
    cr_assert_eq(per_pillar[3], 15);
    cr_assert_eq(per_pillar[4], 3);
}

Test(catalogue, shipped_catalogue_measures_and_targets)
{
    load_shipped();
    int per_measure[MEASURE_KINDS] = {0};
    for (size_t i = 0; i < tracked_catalogue.count; i++)
        per_measure[tracked_catalogue.kpis[i].measure]++;
    /* Counted from the file by hand: manual 1.e and 1.i-2; count_total 3.j only;
     * count_per_window 4.b; count_per_quarter 4.c; share 3.b and 3.d; one each of the
     * evaluation, female share and HoD growth measures. */
    cr_assert_eq(per_measure[MEASURE_MANUAL], 2);
    cr_assert_eq(per_measure[MEASURE_COUNT_TOTAL], 1);
    cr_assert_eq(per_measure[MEASURE_COUNT_PER_WINDOW], 1);
    cr_assert_eq(per_measure[MEASURE_COUNT_PER_QUARTER], 1);
    cr_assert_eq(per_measure[MEASURE_SHARE_OF_ACTIVITIES], 2);
    cr_assert_eq(per_measure[MEASURE_MEAN_EVALUATION], 1);
    cr_assert_eq(per_measure[MEASURE_FEMALE_PARTICIPATION_SHARE], 1);
    cr_assert_eq(per_measure[MEASURE_FEMALE_HOD_GROWTH], 1);

    for (size_t i = 0; i < tracked_catalogue.count; i++) {
        const kpi_def *k = &tracked_catalogue.kpis[i];
        if (strcmp(k->id, "1.ll") == 0) {
            cr_assert_eq(k->filter.status_mask,
                         (1u << STATUS_IMPLEMENTED) | (1u << STATUS_IN_PROGRESS));
        } else if (strcmp(k->id, "4.b") == 0) {
            cr_assert_eq(k->filter.window_years, 2);
        } else if (strcmp(k->id, "3.e-1") == 0) {
            cr_assert(k->target.percent);
            cr_assert_float_eq(k->target.number, 0.25, 1e-15);
        } else if (strcmp(k->id, "3.h") == 0) {
            cr_assert_eq(k->target.cmp, CMP_GE);
            cr_assert_float_eq(k->target.number, 4.0, 1e-15);
        } else if (k->measure == MEASURE_MEMBERS_WITH_STATUS) {
            cr_assert_eq(k->filter.status_mask, 1u << STATUS_IMPLEMENTED, "%s", k->id);
        }
    }
}

/* The issue behind the scorecard: an activity KPI counts the activities of its own action and
 * type, so every filter of an activity measure names both action= and type=. */
/* Activity filters match on the action code and the activity type together. The one
 * documented exception (plans/README.md) is 3.b: missions are logged under the action they
 * serve, so its share of requested missions using accredited experts spans every action; its
 * filter must then still name the type and the request flag. */
Test(catalogue, shipped_activity_filters_name_action_and_type)
{
    load_shipped();
    char missing[512] = "";
    int n_activity = 0;
    for (size_t i = 0; i < tracked_catalogue.count; i++) {
        const kpi_def *k = &tracked_catalogue.kpis[i];
        if (k->measure < MEASURE_COUNT_TOTAL || k->measure > MEASURE_SHARE_OF_ACTIVITIES)
            continue;
        n_activity++;
        if (strcmp(k->id, "3.b") == 0) {
            cr_expect(k->filter.actions.n == 0 && k->filter.types.n == 1 &&
                          strcmp(k->filter.types.words[0], "mission") == 0 &&
                          k->filter.flags[FLAG_REQUESTED] == 1 &&
                          k->filter.share_flag == FLAG_ACCREDITED_EXPERT,
                      "3.b counts requested missions of every action: \"%s\"", k->filter_text);
            continue;
        }
        if (k->filter.actions.n == 0 || k->filter.types.n == 0)
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " %s (\"%s\")",
                     k->id, k->filter_text);
        /* Where an action is named, it is the KPI's own action. */
        for (size_t w = 0; w < k->filter.actions.n; w++)
            cr_expect_str_eq(k->filter.actions.words[w], k->action, "%s filters action %s", k->id,
                             k->filter.actions.words[w]);
    }
    cr_assert_gt(n_activity, 0);
    cr_assert_eq(missing[0], '\0', "activity filters without both action= and type=:%s", missing);
}
