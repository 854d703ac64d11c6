/* Unit tests of analyze/evaluation.c against the definitions of PRODUCT.md "Statistics".
 * Every expected value is worked by hand (arithmetic in the comment above the assertion);
 * none is computed with the code under test. */
#include <criterion/criterion.h>

#include "tests/unit/near.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analyze/evaluation.h"


/* t(0.975, df) and z(0.975), given constants. */
#define T_DF1 12.706204736174698
#define T_DF2 4.302652729749464
#define T_DF3 3.182446305284263
#define T_DF4 2.7764451051977934
#define Z_975 1.959963984540054

#define NA EVAL_NO_ANSWER

static eval_workshop make_workshop(const char *id, bool has_participants, long long female,
                                   long long male, long long other)
{
    eval_workshop w = {0};
    w.id = (char *)id;
    w.title = (char *)"Title";
    w.action = (char *)"A1";
    w.modality = (char *)"in person";
    w.start_date = 19000;
    w.has_participants = has_participants;
    w.participants[0] = female;
    w.participants[1] = male;
    w.participants[2] = other;
    return w;
}

static const char *const LABELS3[] = {"Q1", "Q2", "Q3"};
static const char *const LABELS2[] = {"Q1", "Q2"};

/* --------------------------------------------------------------- set-up and bookkeeping */

Test(evaluation, free_null_is_allowed)
{
    evaluation_free(NULL);
}

Test(evaluation, copies_workshop_and_labels)
{
    char id[] = "WS-01";
    char label[] = "Relevance";
    const char *labels[] = {label};
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop(id, true, 3, 4, 1);
    w.start_date = 19500;
    size_t index = evaluation_add_workshop(e, &w);
    cr_assert_eq(index, 0);
    evaluation_set_items(e, 1, labels);
    /* The caller's buffers may change afterwards: the evaluation holds copies. */
    id[0] = 'X';
    label[0] = 'X';
    cr_assert_eq(evaluation_workshop_count(e), 1);
    cr_assert_eq(evaluation_item_count(e), 1);
    cr_assert_eq(evaluation_scale_min(e), 1);
    cr_assert_eq(evaluation_scale_max(e), 5);
    workshop_result r = evaluation_workshop(e, 0);
    cr_assert_str_eq(r.workshop->id, "WS-01");
    cr_assert_str_eq(r.workshop->title, "Title");
    cr_assert_str_eq(r.workshop->action, "A1");
    cr_assert_str_eq(r.workshop->modality, "in person");
    cr_assert_eq(r.workshop->start_date, 19500);
    cr_assert(r.workshop->has_participants);
    cr_assert_eq(r.workshop->participants[0], 3);
    cr_assert_eq(r.workshop->participants[1], 4);
    cr_assert_eq(r.workshop->participants[2], 1);
    cr_assert_str_eq(evaluation_item(e, 0).label, "Relevance");
    evaluation_free(e);
}

Test(evaluation, second_workshop_gets_next_index)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop a = make_workshop("A", false, 0, 0, 0);
    eval_workshop b = make_workshop("B", false, 0, 0, 0);
    cr_assert_eq(evaluation_add_workshop(e, &a), 0);
    cr_assert_eq(evaluation_add_workshop(e, &b), 1);
    evaluation_set_items(e, 2, LABELS2);
    cr_assert_eq(evaluation_workshop_count(e), 2);
    cr_assert_str_eq(evaluation_workshop(e, 1).workshop->id, "B");
    evaluation_free(e);
}

/* ------------------------------------------------- worked example: 3 respondents, mixed NA */

/* Scale 1-5, items Q1..Q3, one workshop:
 *   R1 {5, 4, NA}  score (5+4)/2   = 4.5
 *   R2 {3, NA, NA} score 3/1       = 3
 *   R3 {4, 5, 3}   score (4+5+3)/3 = 4
 *   R4 {NA,NA,NA}  not a respondent (unrated)                                            */
static evaluation *worked_example(void)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 3, LABELS3);
    const int r1[] = {5, 4, NA}, r2[] = {3, NA, NA}, r3[] = {4, 5, 3}, r4[] = {NA, NA, NA};
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_MALE, -1));
    cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_FEMALE, -1));
    cr_assert(!evaluation_add_response(e, 0, r4, EVAL_GENDER_FEMALE, -1));
    return e;
}

Test(evaluation, worked_example_counts)
{
    evaluation *e = worked_example();
    /* R1, R2, R3 have ratings; R4 has none. */
    cr_assert_eq(evaluation_respondents(e), 3);
    cr_assert_eq(evaluation_unrated(e), 1);
    evaluation_free(e);
}

Test(evaluation, worked_example_workshop_score)
{
    evaluation *e = worked_example();
    workshop_result r = evaluation_workshop(e, 0);
    cr_assert_eq(r.score.n, 3);
    cr_assert(r.score.has_value);
    /* mean = (4.5 + 3 + 4)/3 = 11.5/3 = 23/6 = 3.8333333333333335 */
    assert_near(r.score.value, 23.0 / 6.0);
    /* deviations 4.5-23/6 = 2/3, 3-23/6 = -5/6, 4-23/6 = 1/6;
     * squares 16/36 + 25/36 + 1/36 = 42/36 = 7/6; sample var = (7/6)/2 = 7/12;
     * SD = sqrt(7/12) = 0.7637626158259734 */
    assert_near(r.sd, sqrt(7.0 / 12.0));
    cr_assert(r.score.has_interval);
    /* half = t(0.975,2) * sqrt(7/12)/sqrt(3) = 4.302652729749464 * sqrt(7/36)
     *      = 4.302652729749464 * sqrt(7)/6 = 1.8972915167983806;
     * low = 3.8333333333333335 - 1.8972915167983806 = 1.9360418165349527
     * high = 3.8333333333333335 + 1.8972915167983806 = 5.730624850131714 */
    assert_near(r.score.low, 23.0 / 6.0 - T_DF2 * sqrt(7.0) / 6.0);
    assert_near(r.score.high, 23.0 / 6.0 + T_DF2 * sqrt(7.0) / 6.0);
    assert_near(r.score.low, 1.9360418165349527);
    assert_near(r.score.high, 5.730624850131714);
    /* 3.83 < 4 -> Below; the interval 1.94..5.73 straddles 4 -> not conclusive */
    cr_assert_eq(r.score_verdict.status, TARGET_BELOW);
    cr_assert(!r.score_verdict.conclusive);
    evaluation_free(e);
}

Test(evaluation, worked_example_workshop_top2)
{
    evaluation *e = worked_example();
    workshop_result r = evaluation_workshop(e, 0);
    /* valid ratings 5,4,3,4,5,3 = 6; in {4,5}: 5,4,4,5 = 4; top2 = 4/6 = 2/3 */
    assert_near(r.top2, 2.0 / 3.0);
    evaluation_free(e);
}

Test(evaluation, worked_example_items)
{
    evaluation *e = worked_example();

    /* Q1: 5,3,4 -> n 3, mean 12/3 = 4, sorted 3,4,5 median 4, top2 {5,4} = 2/3,
     *     counts [1:0, 2:0, 3:1, 4:1, 5:1] */
    item_result q1 = evaluation_item(e, 0);
    cr_assert_str_eq(q1.label, "Q1");
    cr_assert_eq(q1.n, 3);
    assert_near(q1.mean, 4.0);
    assert_near(q1.median, 4.0);
    assert_near(q1.top2, 2.0 / 3.0);
    const long long c1[5] = {0, 0, 1, 1, 1};
    for (int p = 0; p < 5; p++)
        cr_assert_eq(q1.counts[p], c1[p], "Q1 count of %d", p + 1);

    /* Q2: 4,5 -> n 2, mean 9/2 = 4.5, even count: median (4+5)/2 = 4.5, top2 2/2 = 1,
     *     counts [0,0,0,1,1] */
    item_result q2 = evaluation_item(e, 1);
    cr_assert_eq(q2.n, 2);
    assert_near(q2.mean, 4.5);
    assert_near(q2.median, 4.5);
    assert_near(q2.top2, 1.0);
    const long long c2[5] = {0, 0, 0, 1, 1};
    for (int p = 0; p < 5; p++)
        cr_assert_eq(q2.counts[p], c2[p], "Q2 count of %d", p + 1);

    /* Q3: 3 -> n 1, mean 3, median 3, top2 0/1 = 0, counts [0,0,1,0,0] */
    item_result q3 = evaluation_item(e, 2);
    cr_assert_eq(q3.n, 1);
    assert_near(q3.mean, 3.0);
    assert_near(q3.median, 3.0);
    assert_near(q3.top2, 0.0);
    const long long c3[5] = {0, 0, 1, 0, 0};
    for (int p = 0; p < 5; p++)
        cr_assert_eq(q3.counts[p], c3[p], "Q3 count of %d", p + 1);

    /* Single workshop: item x workshop means equal the item means: 4, 4.5, 3 */
    assert_near(evaluation_item_workshop_mean(e, 0, 0), 4.0);
    assert_near(evaluation_item_workshop_mean(e, 0, 1), 4.5);
    assert_near(evaluation_item_workshop_mean(e, 0, 2), 3.0);
    evaluation_free(e);
}

Test(evaluation, worked_example_alpha_has_one_complete_row)
{
    evaluation *e = worked_example();
    long long n = -1;
    /* Only R3 answered all three items -> n 1 -> fewer than 2 -> NaN */
    double alpha = evaluation_alpha(e, &n);
    cr_assert_eq(n, 1);
    assert_nan(alpha);
    evaluation_free(e);
}

Test(evaluation, worked_example_gender)
{
    evaluation *e = worked_example();
    /* female: R1 4.5, R3 4 (R4 unrated, not counted) -> n 2, mean 4.25,
     * deviations +-0.25, m2 = 0.125, var 0.125/1, SD sqrt(0.125) */
    const stats_moments *f = evaluation_gender_scores(e, EVAL_GENDER_FEMALE);
    cr_assert_eq(f->n, 2);
    assert_near(stats_moments_mean(f), 4.25);
    assert_near(stats_moments_sd(f), sqrt(0.125));
    /* male: R2 3 -> n 1, mean 3 */
    const stats_moments *m = evaluation_gender_scores(e, EVAL_GENDER_MALE);
    cr_assert_eq(m->n, 1);
    assert_near(stats_moments_mean(m), 3.0);
    cr_assert_eq(evaluation_gender_scores(e, EVAL_GENDER_OTHER)->n, 0);
    cr_assert_eq(evaluation_gender_scores(e, EVAL_GENDER_NOT_GIVEN)->n, 0);
    /* n_members = 0: every respondent (member -1) is in the "not given" group, index 0 */
    const stats_moments *unknown = evaluation_member_scores(e, 0);
    cr_assert_eq(unknown->n, 3);
    assert_near(stats_moments_mean(unknown), 23.0 / 6.0);
    evaluation_free(e);
}

/* ------------------------------------------------------------------- n = 1 and n = 2 */

Test(evaluation, one_respondent_met_not_conclusive)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 2, LABELS2);
    const int r[] = {4, 5};
    cr_assert(evaluation_add_response(e, 0, r, EVAL_GENDER_MALE, -1));
    workshop_result res = evaluation_workshop(e, 0);
    cr_assert_eq(res.score.n, 1);
    cr_assert(res.score.has_value);
    /* (4+5)/2 = 4.5 */
    assert_near(res.score.value, 4.5);
    /* sample SD of one value is undefined; no CI for n < 2 */
    assert_nan(res.sd);
    cr_assert(!res.score.has_interval);
    /* 4.5 >= 4 -> Met, but without an interval not conclusive */
    cr_assert_eq(res.score_verdict.status, TARGET_MET);
    cr_assert(!res.score_verdict.conclusive);
    /* ratings 4,5 both in top two -> 2/2 = 1 */
    assert_near(res.top2, 1.0);

    estimate p = evaluation_programme_score(e);
    cr_assert_eq(p.n, 1);
    cr_assert(p.has_value);
    assert_near(p.value, 4.5);
    cr_assert(!p.has_interval);
    evaluation_free(e);
}

Test(evaluation, one_respondent_below_not_conclusive)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 2, LABELS2);
    const int r[] = {3, NA};
    cr_assert(evaluation_add_response(e, 0, r, EVAL_GENDER_MALE, -1));
    workshop_result res = evaluation_workshop(e, 0);
    /* score 3/1 = 3 < 4 -> Below, no interval -> not conclusive */
    assert_near(res.score.value, 3.0);
    assert_nan(res.sd);
    cr_assert(!res.score.has_interval);
    cr_assert_eq(res.score_verdict.status, TARGET_BELOW);
    cr_assert(!res.score_verdict.conclusive);
    /* rating 3 is not in {4,5}: 0/1 = 0 */
    assert_near(res.top2, 0.0);
    evaluation_free(e);
}

Test(evaluation, two_respondents_ci_with_t1)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 2, LABELS2);
    const int r1[] = {4, 4}, r2[] = {5, 5};
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_FEMALE, -1));
    workshop_result res = evaluation_workshop(e, 0);
    cr_assert_eq(res.score.n, 2);
    /* scores 4, 5: mean 4.5 */
    assert_near(res.score.value, 4.5);
    /* deviations +-0.5, m2 0.5, var 0.5/1 = 0.5, SD sqrt(0.5) = 0.7071067811865476 */
    assert_near(res.sd, sqrt(0.5));
    cr_assert(res.score.has_interval);
    /* half = 12.706204736174698 * sqrt(0.5)/sqrt(2) = 12.706204736174698 * 0.5
     *      = 6.353102368087349; low = 4.5 - 6.353102368087349 = -1.853102368087349,
     *      high = 10.853102368087349 (the t interval is not clamped to the scale) */
    assert_near(res.score.low, 4.5 - T_DF1 * 0.5);
    assert_near(res.score.high, 4.5 + T_DF1 * 0.5);
    /* 4.5 >= 4 Met; interval straddles 4 -> not conclusive */
    cr_assert_eq(res.score_verdict.status, TARGET_MET);
    cr_assert(!res.score_verdict.conclusive);
    evaluation_free(e);
}

Test(evaluation, four_respondents_met_conclusive)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 2, LABELS2);
    const int r1[] = {4, 5}, r2[] = {5, 4}, r3[] = {5, 5}, r4[] = {5, NA};
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r4, EVAL_GENDER_FEMALE, -1));
    workshop_result res = evaluation_workshop(e, 0);
    /* scores 4.5, 4.5, 5, 5 -> mean 19/4 = 4.75 */
    assert_near(res.score.value, 4.75);
    /* deviations +-0.25 (x4): m2 = 4*0.0625 = 0.25, var 0.25/3 = 1/12, SD sqrt(1/12) */
    assert_near(res.sd, sqrt(1.0 / 12.0));
    /* half = 3.182446305284263 * sqrt(1/12)/sqrt(4) = 3.182446305284263/(2*sqrt(12))
     *      = 0.45934655775935; low 4.29065344224065, high 5.20934655775935 */
    assert_near(res.score.low, 4.75 - T_DF3 / (2.0 * sqrt(12.0)));
    assert_near(res.score.high, 4.75 + T_DF3 / (2.0 * sqrt(12.0)));
    /* 4.29 >= 4 -> Met and conclusive */
    cr_assert_eq(res.score_verdict.status, TARGET_MET);
    cr_assert(res.score_verdict.conclusive);
    /* ratings 4,5,5,4,5,5,5 = 7, all in {4,5} -> 1 */
    assert_near(res.top2, 1.0);
    evaluation_free(e);
}

Test(evaluation, five_respondents_below_conclusive)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 1, LABELS3);
    const int r2[] = {2}, r3[] = {3};
    for (int i = 0; i < 3; i++)
        cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_MALE, -1));
    for (int i = 0; i < 2; i++)
        cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_MALE, -1));
    workshop_result res = evaluation_workshop(e, 0);
    cr_assert_eq(res.score.n, 5);
    /* scores 2,2,2,3,3: mean 12/5 = 2.4 */
    assert_near(res.score.value, 2.4);
    /* deviations -0.4 (x3), 0.6 (x2): 3*0.16 + 2*0.36 = 1.2; var 1.2/4 = 0.3 */
    assert_near(res.sd, sqrt(0.3));
    /* half = 2.7764451051977934 * sqrt(0.3)/sqrt(5) = 2.7764451051977934 * sqrt(0.06)
     *      = 0.6800873806582558; low 1.7199126193417442, high 3.080087380658256 */
    assert_near(res.score.low, 2.4 - T_DF4 * sqrt(0.06));
    assert_near(res.score.high, 2.4 + T_DF4 * sqrt(0.06));
    /* 3.08 < 4 -> Below and conclusive */
    cr_assert_eq(res.score_verdict.status, TARGET_BELOW);
    cr_assert(res.score_verdict.conclusive);
    /* no rating of 4 or 5 -> 0/5 = 0 */
    assert_near(res.top2, 0.0);
    evaluation_free(e);
}

/* -------------------------------------------------------------------------- all missing */

Test(evaluation, item_nobody_rated)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 3, LABELS3);
    const int r1[] = {4, NA, 2}, r2[] = {5, NA, NA};
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_FEMALE, -1));
    item_result q2 = evaluation_item(e, 1);
    /* nobody rated Q2: n 0, mean/median/top2 undefined, every count 0 */
    cr_assert_eq(q2.n, 0);
    assert_nan(q2.mean);
    assert_nan(q2.median);
    assert_nan(q2.top2);
    for (int p = 0; p < 5; p++)
        cr_assert_eq(q2.counts[p], 0);
    assert_nan(evaluation_item_workshop_mean(e, 0, 1));
    /* the other items are unaffected: Q1 4,5 -> mean 4.5; Q3 2 -> mean 2 */
    assert_near(evaluation_item(e, 0).mean, 4.5);
    assert_near(evaluation_item(e, 2).mean, 2.0);
    /* scores (4+2)/2 = 3 and 5/1 = 5: the missing item lowers no score; mean 4 */
    workshop_result res = evaluation_workshop(e, 0);
    assert_near(res.score.value, 4.0);
    /* nobody answered all three items */
    long long n = -1;
    assert_nan(evaluation_alpha(e, &n));
    cr_assert_eq(n, 0);
    evaluation_free(e);
}

Test(evaluation, questionnaire_with_every_answer_missing)
{
    evaluation *e = evaluation_new(1, 5, 2);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 2, LABELS2);
    const int none[] = {NA, NA};
    cr_assert(!evaluation_add_response(e, 0, none, EVAL_GENDER_FEMALE, 1));
    cr_assert(!evaluation_add_response(e, 0, none, EVAL_GENDER_NOT_GIVEN, -1));
    /* two unrated questionnaires, no respondent */
    cr_assert_eq(evaluation_unrated(e), 2);
    cr_assert_eq(evaluation_respondents(e), 0);
    /* the workshop has nothing to report */
    workshop_result res = evaluation_workshop(e, 0);
    cr_assert_eq(res.score.n, 0);
    cr_assert(!res.score.has_value);
    cr_assert(!res.score.has_interval);
    assert_nan(res.sd);
    assert_nan(res.top2);
    cr_assert_eq(res.score_verdict.status, TARGET_NO_DATA);
    cr_assert(!res.score_verdict.conclusive);
    /* no rating reached an item */
    for (size_t i = 0; i < 2; i++) {
        item_result it = evaluation_item(e, i);
        cr_assert_eq(it.n, 0);
        assert_nan(it.mean);
        assert_nan(it.median);
        assert_nan(it.top2);
        assert_nan(evaluation_item_workshop_mean(e, 0, i));
    }
    /* no group got a score */
    estimate p = evaluation_programme_score(e);
    cr_assert_eq(p.n, 0);
    cr_assert(!p.has_value);
    cr_assert_eq(evaluation_gender_scores(e, EVAL_GENDER_FEMALE)->n, 0);
    cr_assert_eq(evaluation_gender_scores(e, EVAL_GENDER_NOT_GIVEN)->n, 0);
    cr_assert_eq(evaluation_member_scores(e, 1)->n, 0);
    cr_assert_eq(evaluation_member_scores(e, 2)->n, 0);
    long long n = -1;
    assert_nan(evaluation_alpha(e, &n));
    cr_assert_eq(n, 0);
    evaluation_free(e);
}

Test(evaluation, unrated_does_not_shift_scores)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 2, LABELS2);
    const int none[] = {NA, NA}, r1[] = {2, 4}, r2[] = {5, 5};
    cr_assert(!evaluation_add_response(e, 0, none, EVAL_GENDER_MALE, -1));
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_MALE, -1));
    cr_assert(!evaluation_add_response(e, 0, none, EVAL_GENDER_MALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_MALE, -1));
    /* scores 3 and 5 (unrated are not zeros): mean 4, n 2 */
    workshop_result res = evaluation_workshop(e, 0);
    cr_assert_eq(res.score.n, 2);
    assert_near(res.score.value, 4.0);
    /* valid ratings 2,4,5,5 -> top2 {4,5}: 3/4 */
    assert_near(res.top2, 0.75);
    cr_assert_eq(evaluation_unrated(e), 2);
    cr_assert_eq(evaluation_respondents(e), 2);
    evaluation_free(e);
}

/* --------------------------------------------------------------------------- scale 1-7 */

/* Scale 1-7, items Q1, Q2:
 *   R1 {7, 6}  score 6.5
 *   R2 {6, 5}  score 5.5
 *   R3 {5, NA} score 5
 *   R4 {1, 2}  score 1.5                                                              */
static evaluation *scale7_example(void)
{
    evaluation *e = evaluation_new(1, 7, 0);
    eval_workshop w = make_workshop("W7", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 2, LABELS2);
    const int r1[] = {7, 6}, r2[] = {6, 5}, r3[] = {5, NA}, r4[] = {1, 2};
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r4, EVAL_GENDER_FEMALE, -1));
    return e;
}

Test(evaluation, scale7_items)
{
    evaluation *e = scale7_example();
    cr_assert_eq(evaluation_scale_min(e), 1);
    cr_assert_eq(evaluation_scale_max(e), 7);

    /* Q1: 7,6,5,1 -> n 4, mean 19/4 = 4.75; sorted 1,5,6,7, even: median (5+6)/2 = 5.5;
     * top two points are 6 and 7 (5 is not): 2/4 = 0.5; counts [1,0,0,0,1,1,1] */
    item_result q1 = evaluation_item(e, 0);
    cr_assert_eq(q1.n, 4);
    assert_near(q1.mean, 4.75);
    assert_near(q1.median, 5.5);
    assert_near(q1.top2, 0.5);
    const long long c1[7] = {1, 0, 0, 0, 1, 1, 1};
    for (int p = 0; p < 7; p++)
        cr_assert_eq(q1.counts[p], c1[p], "Q1 count of %d", p + 1);

    /* Q2: 6,5,2 -> n 3, mean 13/3 = 4.333333333333333; sorted 2,5,6 median 5;
     * top2 {6}: 1/3; counts [0,1,0,0,1,1,0] */
    item_result q2 = evaluation_item(e, 1);
    cr_assert_eq(q2.n, 3);
    assert_near(q2.mean, 13.0 / 3.0);
    assert_near(q2.median, 5.0);
    assert_near(q2.top2, 1.0 / 3.0);
    const long long c2[7] = {0, 1, 0, 0, 1, 1, 0};
    for (int p = 0; p < 7; p++)
        cr_assert_eq(q2.counts[p], c2[p], "Q2 count of %d", p + 1);
    evaluation_free(e);
}

Test(evaluation, scale7_workshop)
{
    evaluation *e = scale7_example();
    workshop_result res = evaluation_workshop(e, 0);
    cr_assert_eq(res.score.n, 4);
    /* (6.5 + 5.5 + 5 + 1.5)/4 = 18.5/4 = 4.625 */
    assert_near(res.score.value, 4.625);
    /* deviations 1.875, 0.875, 0.375, -3.125; squares 3.515625 + 0.765625 + 0.140625
     * + 9.765625 = 14.1875; var 14.1875/3 = 4.7291666..., SD 2.174664725116648 */
    assert_near(res.sd, sqrt(14.1875 / 3.0));
    /* half = 3.182446305284263 * SD / sqrt(4) = 3.4607537598397466;
     * low 1.1646231401602534, high 8.085376859839746 */
    assert_near(res.score.low, 4.625 - T_DF3 * sqrt(14.1875 / 3.0) / 2.0);
    assert_near(res.score.high, 4.625 + T_DF3 * sqrt(14.1875 / 3.0) / 2.0);
    /* valid ratings 7,6,6,5,5,1,2 = 7; in {6,7}: 7,6,6 = 3 -> 3/7 */
    assert_near(res.top2, 3.0 / 7.0);
    /* "4 out of 5" is the same point of a 1-7 scale: 1 + 3/4 x 6 = 5.5; 4.625 < 5.5 Below;
     * the interval 1.16..8.09 straddles 5.5 -> not conclusive */
    assert_near(evaluation_score_target(e), 5.5);
    cr_assert_eq(res.score_verdict.status, TARGET_BELOW);
    cr_assert(!res.score_verdict.conclusive);
    evaluation_free(e);
}

Test(evaluation, scale7_alpha_skips_incomplete)
{
    evaluation *e = scale7_example();
    long long n = -1;
    double alpha = evaluation_alpha(e, &n);
    /* R3 lacks Q2: complete rows R1 (7,6), R2 (6,5), R4 (1,2) -> n 3.
     * Q1 7,6,1: mean 14/3, dev 7/3, 4/3, -11/3 -> (49+16+121)/9 = 62/3, var 31/3
     * Q2 6,5,2: mean 13/3, dev 5/3, 2/3, -7/3 -> (25+4+49)/9 = 26/3, var 13/3
     * totals 13, 11, 3: mean 9, dev 4,2,-6 -> 56, var 28
     * alpha = 2/1 * (1 - (44/3)/28) = 2 * (1 - 44/84) = 80/84 = 20/21 = 0.9523809523809523 */
    cr_assert_eq(n, 3);
    assert_near(alpha, 20.0 / 21.0);
    evaluation_free(e);
}

/* ---------------------------------------------------------------------------- alpha */

Test(evaluation, alpha_four_by_three)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 3, LABELS3);
    const int r1[] = {5, 4, 5}, r2[] = {4, 4, 3}, r3[] = {3, 2, 3}, r4[] = {2, 3, 1};
    const int r5[] = {5, NA, 5}; /* missing one item: a respondent, but not in alpha */
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r5, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r4, EVAL_GENDER_FEMALE, -1));
    cr_assert_eq(evaluation_respondents(e), 5);
    long long n = -1;
    double alpha = evaluation_alpha(e, &n);
    /* complete rows r1..r4 -> n 4 (r5 left out)
     * item 1: 5,4,3,2 mean 3.5, dev 1.5,.5,-.5,-1.5 -> 5, var 5/3
     * item 2: 4,4,2,3 mean 3.25, dev .75,.75,-1.25,-.25 -> 2.75, var 11/12
     * item 3: 5,3,3,1 mean 3, dev 2,0,0,-2 -> 8, var 8/3
     * sum of item variances = 20/12 + 11/12 + 32/12 = 63/12 = 5.25
     * totals 14, 11, 8, 6: mean 9.75, dev 4.25,1.25,-1.75,-3.75
     *   -> 18.0625 + 1.5625 + 3.0625 + 14.0625 = 36.75, var 12.25
     * alpha = 3/2 * (1 - 5.25/12.25) = 1.5 * (1 - 3/7) = 1.5 * 4/7 = 6/7 = 0.8571428571428571 */
    cr_assert_eq(n, 4);
    assert_near(alpha, 6.0 / 7.0);
    evaluation_free(e);
}

Test(evaluation, alpha_single_item_is_nan)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 1, LABELS3);
    const int r1[] = {1}, r2[] = {5}, r3[] = {3};
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_FEMALE, -1));
    cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_FEMALE, -1));
    long long n = -1;
    /* k = 1 < 2 items -> NaN; the 3 rows are complete */
    assert_nan(evaluation_alpha(e, &n));
    cr_assert_eq(n, 3);
    evaluation_free(e);
}

/* --------------------------------------------------- programme and item x workshop */

/* W0: R1 {5,4} 4.5 (female, member 0), R2 {NA,3} 3 (male, member 2),
 *     R3 {4,4} 4 (female, member 0)
 * W1: R4 {2,3} 2.5 (not given, member -1)
 * W2: no responses                                                                    */
static evaluation *programme_example(void)
{
    evaluation *e = evaluation_new(1, 5, 3);
    eval_workshop w0 = make_workshop("W0", false, 0, 0, 0);
    eval_workshop w1 = make_workshop("W1", false, 0, 0, 0);
    eval_workshop w2 = make_workshop("W2", false, 0, 0, 0);
    evaluation_add_workshop(e, &w0);
    evaluation_add_workshop(e, &w1);
    evaluation_add_workshop(e, &w2);
    evaluation_set_items(e, 2, LABELS2);
    const int r1[] = {5, 4}, r2[] = {NA, 3}, r3[] = {4, 4}, r4[] = {2, 3};
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_FEMALE, 0));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_MALE, 2));
    cr_assert(evaluation_add_response(e, 1, r4, EVAL_GENDER_NOT_GIVEN, -1));
    cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_FEMALE, 0));
    return e;
}

Test(evaluation, programme_score_counts_each_respondent_once)
{
    evaluation *e = programme_example();
    estimate p = evaluation_programme_score(e);
    cr_assert_eq(p.n, 4);
    cr_assert(p.has_value);
    /* (4.5 + 3 + 4 + 2.5)/4 = 14/4 = 3.5
     * (not the mean of workshop means (23/6 + 2.5)/2 = 3.1666...) */
    assert_near(p.value, 3.5);
    /* deviations 1, -0.5, 0.5, -1 -> 2.5; var 2.5/3 = 5/6; SD sqrt(5/6)
     * half = 3.182446305284263 * sqrt(5/6)/2 = 3.182446305284263 * sqrt(5/24)
     *      = 1.4525813578776363; low 2.0474186421223637, high 4.952581357877636 */
    cr_assert(p.has_interval);
    assert_near(p.low, 3.5 - T_DF3 * sqrt(5.0 / 24.0));
    assert_near(p.high, 3.5 + T_DF3 * sqrt(5.0 / 24.0));
    /* 3.5 < 4 Below, interval straddles -> not conclusive */
    verdict v = estimate_judge(&p, EVAL_SCORE_TARGET);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(!v.conclusive);
    evaluation_free(e);
}

Test(evaluation, programme_workshops)
{
    evaluation *e = programme_example();
    /* W0: 4.5, 3, 4 -> mean 23/6, SD sqrt(7/12) (as in the worked example) */
    workshop_result w0 = evaluation_workshop(e, 0);
    cr_assert_eq(w0.score.n, 3);
    assert_near(w0.score.value, 23.0 / 6.0);
    assert_near(w0.sd, sqrt(7.0 / 12.0));
    /* W0 ratings 5,4,3,4,4 -> top2 {4,5}: 4/5 = 0.8 */
    assert_near(w0.top2, 0.8);
    /* W1: one respondent 2.5: no SD, no CI; ratings 2,3: top2 0 */
    workshop_result w1 = evaluation_workshop(e, 1);
    cr_assert_eq(w1.score.n, 1);
    assert_near(w1.score.value, 2.5);
    assert_nan(w1.sd);
    cr_assert(!w1.score.has_interval);
    assert_near(w1.top2, 0.0);
    cr_assert_eq(w1.score_verdict.status, TARGET_BELOW);
    cr_assert(!w1.score_verdict.conclusive);
    /* W2: nobody -> no value, No data, SD and top2 NaN */
    workshop_result w2 = evaluation_workshop(e, 2);
    cr_assert_eq(w2.score.n, 0);
    cr_assert(!w2.score.has_value);
    assert_nan(w2.sd);
    assert_nan(w2.top2);
    cr_assert_eq(w2.score_verdict.status, TARGET_NO_DATA);
    cr_assert(!w2.score_verdict.conclusive);
    evaluation_free(e);
}

Test(evaluation, item_workshop_means)
{
    evaluation *e = programme_example();
    /* W0 Q1: 5, 4 -> 4.5;  W0 Q2: 4, 3, 4 -> 11/3 */
    assert_near(evaluation_item_workshop_mean(e, 0, 0), 4.5);
    assert_near(evaluation_item_workshop_mean(e, 0, 1), 11.0 / 3.0);
    /* W1 Q1: 2;  W1 Q2: 3 */
    assert_near(evaluation_item_workshop_mean(e, 1, 0), 2.0);
    assert_near(evaluation_item_workshop_mean(e, 1, 1), 3.0);
    /* W2: nobody rated -> NaN */
    assert_nan(evaluation_item_workshop_mean(e, 2, 0));
    assert_nan(evaluation_item_workshop_mean(e, 2, 1));
    /* over all workshops: Q1 5,4,2 -> n 3 mean 11/3; Q2 4,3,4,3 -> n 4 mean 14/4 = 3.5,
     * median of 3,3,4,4 = (3+4)/2 = 3.5, top2 {4}: 2/4 = 0.5 */
    item_result q1 = evaluation_item(e, 0);
    cr_assert_eq(q1.n, 3);
    assert_near(q1.mean, 11.0 / 3.0);
    item_result q2 = evaluation_item(e, 1);
    cr_assert_eq(q2.n, 4);
    assert_near(q2.mean, 3.5);
    assert_near(q2.median, 3.5);
    assert_near(q2.top2, 0.5);
    evaluation_free(e);
}

Test(evaluation, item_workshop_mean_nan_where_item_skipped)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop a = make_workshop("A", false, 0, 0, 0);
    eval_workshop b = make_workshop("B", false, 0, 0, 0);
    evaluation_add_workshop(e, &a);
    evaluation_add_workshop(e, &b);
    evaluation_set_items(e, 2, LABELS2);
    const int ra[] = {3, NA}, rb[] = {NA, 5};
    cr_assert(evaluation_add_response(e, 0, ra, EVAL_GENDER_MALE, -1));
    cr_assert(evaluation_add_response(e, 1, rb, EVAL_GENDER_MALE, -1));
    /* A rated only Q1 (3), B only Q2 (5) */
    assert_near(evaluation_item_workshop_mean(e, 0, 0), 3.0);
    assert_nan(evaluation_item_workshop_mean(e, 0, 1));
    assert_nan(evaluation_item_workshop_mean(e, 1, 0));
    assert_near(evaluation_item_workshop_mean(e, 1, 1), 5.0);
    evaluation_free(e);
}

/* ---------------------------------------------------------------- gender and members */

Test(evaluation, programme_gender_and_members)
{
    evaluation *e = programme_example();
    /* female R1 4.5, R3 4 -> n 2 mean 4.25; male R2 3; not given R4 2.5; other none */
    const stats_moments *f = evaluation_gender_scores(e, EVAL_GENDER_FEMALE);
    cr_assert_eq(f->n, 2);
    assert_near(stats_moments_mean(f), 4.25);
    const stats_moments *m = evaluation_gender_scores(e, EVAL_GENDER_MALE);
    cr_assert_eq(m->n, 1);
    assert_near(stats_moments_mean(m), 3.0);
    cr_assert_eq(evaluation_gender_scores(e, EVAL_GENDER_OTHER)->n, 0);
    const stats_moments *ng = evaluation_gender_scores(e, EVAL_GENDER_NOT_GIVEN);
    cr_assert_eq(ng->n, 1);
    assert_near(stats_moments_mean(ng), 2.5);
    /* member 0: 4.5, 4 -> mean 4.25; member 1: none; member 2: 3; unknown (index 3): 2.5 */
    cr_assert_eq(evaluation_member_scores(e, 0)->n, 2);
    assert_near(stats_moments_mean(evaluation_member_scores(e, 0)), 4.25);
    cr_assert_eq(evaluation_member_scores(e, 1)->n, 0);
    cr_assert_eq(evaluation_member_scores(e, 2)->n, 1);
    assert_near(stats_moments_mean(evaluation_member_scores(e, 2)), 3.0);
    cr_assert_eq(evaluation_member_scores(e, 3)->n, 1);
    assert_near(stats_moments_mean(evaluation_member_scores(e, 3)), 2.5);
    evaluation_free(e);
}

/* One item, scale 1-5, four Members:
 *   5 female m0 | 4 male m1 | 2 female m2 | 3 other m0 | 1 not given, no Member
 *   all-missing, female, m3 (not a respondent)                                         */
static evaluation *members_example(void)
{
    evaluation *e = evaluation_new(1, 5, 4);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 1, LABELS3);
    const int r5[] = {5}, r4[] = {4}, r2[] = {2}, r3[] = {3}, r1[] = {1}, none[] = {NA};
    cr_assert(evaluation_add_response(e, 0, r5, EVAL_GENDER_FEMALE, 0));
    cr_assert(evaluation_add_response(e, 0, r4, EVAL_GENDER_MALE, 1));
    cr_assert(evaluation_add_response(e, 0, r2, EVAL_GENDER_FEMALE, 2));
    cr_assert(evaluation_add_response(e, 0, r3, EVAL_GENDER_OTHER, 0));
    cr_assert(evaluation_add_response(e, 0, r1, EVAL_GENDER_NOT_GIVEN, -1));
    cr_assert(!evaluation_add_response(e, 0, none, EVAL_GENDER_FEMALE, 3));
    return e;
}

Test(evaluation, gender_moments)
{
    evaluation *e = members_example();
    /* female 5, 2: mean 3.5, dev +-1.5 -> m2 4.5, var 4.5/1, SD sqrt(4.5) */
    const stats_moments *f = evaluation_gender_scores(e, EVAL_GENDER_FEMALE);
    cr_assert_eq(f->n, 2);
    assert_near(stats_moments_mean(f), 3.5);
    assert_near(stats_moments_sd(f), sqrt(4.5));
    /* male 4; other 3; not given 1 (each n 1, SD NaN) */
    const stats_moments *m = evaluation_gender_scores(e, EVAL_GENDER_MALE);
    cr_assert_eq(m->n, 1);
    assert_near(stats_moments_mean(m), 4.0);
    assert_nan(stats_moments_sd(m));
    const stats_moments *o = evaluation_gender_scores(e, EVAL_GENDER_OTHER);
    cr_assert_eq(o->n, 1);
    assert_near(stats_moments_mean(o), 3.0);
    const stats_moments *ng = evaluation_gender_scores(e, EVAL_GENDER_NOT_GIVEN);
    cr_assert_eq(ng->n, 1);
    assert_near(stats_moments_mean(ng), 1.0);
    evaluation_free(e);
}

Test(evaluation, member_moments)
{
    evaluation *e = members_example();
    /* m0: 5, 3 -> n 2, mean 4, dev +-1 -> m2 2, var 2, SD sqrt(2) */
    const stats_moments *m0 = evaluation_member_scores(e, 0);
    cr_assert_eq(m0->n, 2);
    assert_near(stats_moments_mean(m0), 4.0);
    assert_near(stats_moments_sd(m0), sqrt(2.0));
    /* m1: 4; m2: 2; m3: only an unrated questionnaire -> n 0, mean NaN */
    cr_assert_eq(evaluation_member_scores(e, 1)->n, 1);
    assert_near(stats_moments_mean(evaluation_member_scores(e, 1)), 4.0);
    cr_assert_eq(evaluation_member_scores(e, 2)->n, 1);
    assert_near(stats_moments_mean(evaluation_member_scores(e, 2)), 2.0);
    cr_assert_eq(evaluation_member_scores(e, 3)->n, 0);
    assert_nan(stats_moments_mean(evaluation_member_scores(e, 3)));
    /* index n_members = 4: respondents without a Member: 1 */
    const stats_moments *unknown = evaluation_member_scores(e, 4);
    cr_assert_eq(unknown->n, 1);
    assert_near(stats_moments_mean(unknown), 1.0);
    evaluation_free(e);
}

Test(evaluation, merge_members_into_two_groups)
{
    evaluation *e = members_example();
    const size_t group_of[4] = {0, 1, 1, 0};
    stats_moments out[2] = {{0}, {0}};
    evaluation_merge_members(e, group_of, 2, out);
    /* group 0 = m0 {5,3} + m3 {} -> n 2, mean 4, m2 2, var 2 */
    cr_assert_eq(out[0].n, 2);
    assert_near(stats_moments_mean(&out[0]), 4.0);
    assert_near(stats_moments_sd(&out[0]), sqrt(2.0));
    /* group 1 = m1 {4} + m2 {2} -> n 2, mean 3, dev +-1 -> var 2 */
    cr_assert_eq(out[1].n, 2);
    assert_near(stats_moments_mean(&out[1]), 3.0);
    assert_near(stats_moments_sd(&out[1]), sqrt(2.0));
    /* the respondent without a Member (rating 1) is in neither group: 2 + 2 = 4 of 5 */
    cr_assert_eq(out[0].n + out[1].n, 4);
    evaluation_free(e);
}

Test(evaluation, merge_members_uneven_groups)
{
    evaluation *e = members_example();
    const size_t group_of[4] = {1, 1, 1, 0};
    stats_moments out[2] = {{0}, {0}};
    evaluation_merge_members(e, group_of, 2, out);
    /* group 0 = m3 only, which has no respondent -> n 0 */
    cr_assert_eq(out[0].n, 0);
    assert_nan(stats_moments_mean(&out[0]));
    /* group 1 = m0 {5,3} + m1 {4} + m2 {2} = 5,3,4,2: mean 14/4 = 3.5,
     * dev 1.5,-.5,.5,-1.5 -> 2.25+.25+.25+2.25 = 5, var 5/3 */
    cr_assert_eq(out[1].n, 4);
    assert_near(stats_moments_mean(&out[1]), 3.5);
    assert_near(stats_moments_sd(&out[1]), sqrt(5.0 / 3.0));
    evaluation_free(e);
}

/* ---------------------------------------------------------------------- female share */

/* W0: F3 M5 O0 (8 participants); W1: female count 4 given but no male count
 * (has_participants false: left out, not zero); W2: F2 M9 O1 (12). */
static evaluation *female_example(void)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w0 = make_workshop("W0", true, 3, 5, 0);
    eval_workshop w1 = make_workshop("W1", false, 4, 0, 0);
    eval_workshop w2 = make_workshop("W2", true, 2, 9, 1);
    evaluation_add_workshop(e, &w0);
    evaluation_add_workshop(e, &w1);
    evaluation_add_workshop(e, &w2);
    evaluation_set_items(e, 1, LABELS3);
    return e;
}

Test(evaluation, female_share_per_workshop)
{
    evaluation *e = female_example();
    /* W0: 3/8 = 0.375 over n 8; Wilson z = 1.959963984540054, z^2 = 3.8414588206941254:
     *   z2n = z^2/8 = 0.48018235258676567, denom 1.48018235258676567,
     *   centre = 0.375 + z2n/2 = 0.6150911762933828,
     *   margin = z*sqrt(0.375*0.625/8 + z2n/32) = 0.41136...
     *   -> low 0.13684428582359737, high 0.6942576053973727 */
    workshop_result w0 = evaluation_workshop(e, 0);
    cr_assert(w0.female_share.has_value);
    cr_assert_eq(w0.female_share.n, 8);
    assert_near(w0.female_share.value, 0.375);
    cr_assert(w0.female_share.has_interval);
    assert_near(w0.female_share.low, 0.13684428582359737);
    assert_near(w0.female_share.high, 0.6942576053973727);
    /* 0.375 >= 0.25 Met; interval 0.137..0.694 straddles 0.25 -> not conclusive */
    cr_assert_eq(w0.female_verdict.status, TARGET_MET);
    cr_assert(!w0.female_verdict.conclusive);

    /* W1: no counts -> no value, No data (not a share of 0 or 1) */
    workshop_result w1 = evaluation_workshop(e, 1);
    cr_assert(!w1.female_share.has_value);
    cr_assert(!w1.female_share.has_interval);
    cr_assert_eq(w1.female_verdict.status, TARGET_NO_DATA);
    cr_assert(!w1.female_verdict.conclusive);

    /* W2: 2/12 = 1/6; z2n = z^2/12 = 0.3201215683911771, denom 1.3201215683911771,
     *   centre = 1/6 + z2n/2, margin = z*sqrt((1/6)(5/6)/12 + z2n/48)
     *   -> low 0.04696514218385378, high 0.44803086225297345; Below, not conclusive */
    workshop_result w2 = evaluation_workshop(e, 2);
    cr_assert_eq(w2.female_share.n, 12);
    assert_near(w2.female_share.value, 1.0 / 6.0);
    assert_near(w2.female_share.low, 0.04696514218385378);
    assert_near(w2.female_share.high, 0.44803086225297345);
    cr_assert_eq(w2.female_verdict.status, TARGET_BELOW);
    cr_assert(!w2.female_verdict.conclusive);
    evaluation_free(e);
}

Test(evaluation, female_share_programme_excludes_workshop_without_counts)
{
    evaluation *e = female_example();
    estimate s = evaluation_female_share(e);
    /* W0 + W2 only: female 3 + 2 = 5, all 8 + 12 = 20 -> 5/20 = 0.25
     * (with W1's 4 women it would be 9/24 = 0.375) */
    cr_assert(s.has_value);
    cr_assert_eq(s.n, 20);
    assert_near(s.value, 0.25);
    /* Wilson, n 20, p 0.25: z2n = 3.8414588206941254/20 = 0.19207294103470627,
     *   denom 1.1920729410347063, centre 0.25 + 0.09603647051735313 = 0.3460364705173531,
     *   margin = z*sqrt(0.25*0.75/20 + 0.25*z2n/20) = z*sqrt(0.009375 + 0.0024009117629338)
     *   low = (centre - margin)/denom = 0.11186170140766569,
     *   high = (centre + margin)/denom = 0.46870087761874407 */
    cr_assert(s.has_interval);
    assert_near(s.low, 0.11186170140766569);
    assert_near(s.high, 0.46870087761874407);
    /* value exactly at the 0.25 target -> Met; interval straddles -> not conclusive */
    verdict v = estimate_judge(&s, EVAL_FEMALE_TARGET);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(!v.conclusive);
    evaluation_free(e);
}

Test(evaluation, female_share_zero)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", true, 0, 20, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 1, LABELS3);
    estimate s = evaluation_female_share(e);
    /* 0/20 = 0; Wilson low exactly 0; high = z^2/(n + z^2)
     *   = 3.8414588206941254/23.8414588206941254 = 0.16112515805281938 */
    cr_assert(s.has_value);
    cr_assert_eq(s.n, 20);
    cr_assert(s.value == 0.0);
    cr_assert(s.has_interval);
    cr_assert(s.low == 0.0, "low = %.17g, expected exactly 0", s.low);
    assert_near(s.high, Z_975 * Z_975 / (20.0 + Z_975 * Z_975));
    /* 0 < 0.25 Below; high 0.161 < 0.25 -> conclusive */
    verdict v = estimate_judge(&s, EVAL_FEMALE_TARGET);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(v.conclusive);
    workshop_result r = evaluation_workshop(e, 0);
    cr_assert(r.female_share.low == 0.0);
    cr_assert_eq(r.female_verdict.status, TARGET_BELOW);
    cr_assert(r.female_verdict.conclusive);
    evaluation_free(e);
}

Test(evaluation, female_share_one)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", true, 5, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 1, LABELS3);
    estimate s = evaluation_female_share(e);
    /* 5/5 = 1; Wilson high exactly 1; low = n/(n + z^2) = 5/8.8414588206941254
     *   = 0.5655175352168252 */
    cr_assert(s.has_value);
    cr_assert_eq(s.n, 5);
    cr_assert(s.value == 1.0);
    cr_assert(s.high == 1.0, "high = %.17g, expected exactly 1", s.high);
    assert_near(s.low, 5.0 / (5.0 + Z_975 * Z_975));
    /* 1 >= 0.25 Met; low 0.566 >= 0.25 -> conclusive */
    verdict v = estimate_judge(&s, EVAL_FEMALE_TARGET);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(v.conclusive);
    evaluation_free(e);
}

Test(evaluation, female_share_other_in_denominator)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop w = make_workshop("W", true, 1, 1, 2);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 1, LABELS3);
    /* 1/(1+1+2) = 0.25 over n 4 */
    estimate s = evaluation_female_share(e);
    cr_assert_eq(s.n, 4);
    assert_near(s.value, 0.25);
    evaluation_free(e);
}

Test(evaluation, female_share_without_any_counts)
{
    evaluation *e = evaluation_new(1, 5, 0);
    eval_workshop a = make_workshop("A", false, 0, 0, 0);
    eval_workshop b = make_workshop("B", false, 3, 0, 0);
    evaluation_add_workshop(e, &a);
    evaluation_add_workshop(e, &b);
    evaluation_set_items(e, 1, LABELS3);
    /* no workshop gave counts: nothing to estimate (not a share of 0 or 1) */
    estimate s = evaluation_female_share(e);
    cr_assert(!s.has_value);
    cr_assert(!s.has_interval);
    verdict v = estimate_judge(&s, EVAL_FEMALE_TARGET);
    cr_assert_eq(v.status, TARGET_NO_DATA);
    cr_assert(!v.conclusive);
    evaluation_free(e);
}

/* ------------------------------------------------------------ other scales, many workshops */

Test(evaluation, scale0_10_item_and_top2)
{
    evaluation *e = evaluation_new(0, 10, 0);
    eval_workshop w = make_workshop("W", false, 0, 0, 0);
    evaluation_add_workshop(e, &w);
    evaluation_set_items(e, 1, LABELS3);
    const int r10[] = {10}, r9[] = {9}, r8[] = {8}, r0[] = {0};
    cr_assert(evaluation_add_response(e, 0, r10, EVAL_GENDER_MALE, -1));
    cr_assert(evaluation_add_response(e, 0, r9, EVAL_GENDER_MALE, -1));
    cr_assert(evaluation_add_response(e, 0, r8, EVAL_GENDER_MALE, -1));
    /* a rating of 0 is a valid answer on a 0-10 scale, not a missing one */
    cr_assert(evaluation_add_response(e, 0, r0, EVAL_GENDER_MALE, -1));
    item_result it = evaluation_item(e, 0);
    /* n 4, mean (10+9+8+0)/4 = 27/4 = 6.75; sorted 0,8,9,10 median (8+9)/2 = 8.5;
     * top two points 9 and 10: 2/4 = 0.5; counts[0] = 1 (rating 0), counts[8..10] = 1 */
    cr_assert_eq(it.n, 4);
    assert_near(it.mean, 6.75);
    assert_near(it.median, 8.5);
    assert_near(it.top2, 0.5);
    const long long c[11] = {1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
    for (int p = 0; p < 11; p++)
        cr_assert_eq(it.counts[p], c[p], "count of %d", p);
    workshop_result r = evaluation_workshop(e, 0);
    /* respondent scores 10, 9, 8, 0 -> mean 6.75; workshop top2 also 2/4 */
    assert_near(r.score.value, 6.75);
    assert_near(r.top2, 0.5);
    evaluation_free(e);
}

Test(evaluation, many_workshops_keep_their_own_figures)
{
    /* 40 workshops (more than any small initial capacity); workshop k gets one
     * questionnaire rating k % 5 + 1 on the one item */
    evaluation *e = evaluation_new(1, 5, 0);
    char id[16];
    for (int k = 0; k < 40; k++) {
        snprintf(id, sizeof id, "W%02d", k);
        eval_workshop w = make_workshop(id, true, k, 40 - k, 0);
        cr_assert_eq(evaluation_add_workshop(e, &w), (size_t)k);
    }
    evaluation_set_items(e, 1, LABELS3);
    for (int k = 0; k < 40; k++) {
        const int r[] = {k % 5 + 1};
        cr_assert(evaluation_add_response(e, (size_t)k, r, EVAL_GENDER_FEMALE, -1));
    }
    cr_assert_eq(evaluation_workshop_count(e), 40);
    for (int k = 0; k < 40; k++) {
        char want[16];
        snprintf(want, sizeof want, "W%02d", k);
        workshop_result r = evaluation_workshop(e, (size_t)k);
        cr_assert_str_eq(r.workshop->id, want);
        cr_assert_eq(r.score.n, 1);
        assert_near(r.score.value, (double)(k % 5 + 1));
        assert_near(evaluation_item_workshop_mean(e, (size_t)k, 0), (double)(k % 5 + 1));
        /* female share k/40 */
        assert_near(r.female_share.value, (double)k / 40.0);
    }
    /* every rating 1..5 eight times: mean (1+2+3+4+5)*8/40 = 3; sum female 0+1+...+39 = 780,
     * participants 40*40 = 1600 -> 780/1600 = 0.4875 */
    assert_near(evaluation_item(e, 0).mean, 3.0);
    estimate s = evaluation_female_share(e);
    cr_assert_eq(s.n, 1600);
    assert_near(s.value, 0.4875);
    evaluation_free(e);
}
