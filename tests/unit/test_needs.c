/* Unit tests of analyze/needs.c against PRODUCT.md ("needs.csv" and the Statistics bullet on
 * needs topics) and analyze/needs.h. Every expected value is worked by hand (arithmetic in the
 * comment above the assertion); none is computed with the code under test. */
#include <criterion/criterion.h>

#include "tests/unit/near.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "analyze/needs.h"

#define NA NEEDS_NO_ANSWER
#define NO_DATE NEEDS_NO_DATE

/* Adds one row with a NUL-terminated comment (NULL: none) and checks the outcome. */
static void add_expect(needs_survey *s, size_t member, int year, long date, long line,
                       const int *ratings, const char *comment, needs_outcome expected,
                       long expected_other)
{
    long other = -12345;
    needs_outcome got = needs_add(s, member, year, date, line, ratings, comment,
                                  comment ? strlen(comment) : 0, &other);
    cr_assert_eq(got, expected, "member %zu year %d line %ld: outcome %d, expected %d", member,
                 year, line, (int)got, (int)expected);
    if (expected != NEEDS_KEPT)
        cr_assert_eq(other, expected_other, "member %zu line %ld: other_line %ld, expected %ld",
                     member, line, other, expected_other);
}

static void add_kept(needs_survey *s, size_t member, int year, long line, const int *ratings)
{
    add_expect(s, member, year, 19000 + line, line, ratings, NULL, NEEDS_KEPT, 0);
}

/* ------------------------------------------------------------ topics */

Test(needs, topics_are_copied)
{
    char a[] = "Risk management";
    char b[] = "AEO";
    const char *topics[] = {a, b};
    needs_survey *s = needs_new(3, 2, topics);
    /* Changing the caller's buffers afterwards must not change the survey's labels. */
    a[0] = 'X';
    b[0] = 'X';
    cr_assert_eq(needs_topic_count(s), 2);
    cr_assert_str_eq(needs_topic(s, 0), "Risk management");
    cr_assert_str_eq(needs_topic(s, 1), "AEO");
    needs_free(s);
    needs_free(NULL);
}

/* ------------------------------------------------------------ topic statistics */

/* Topics W (nobody rates it), A, B, C; five Members, year 2024:
 *          W   A   B   C
 *   m0     -   5   4   2
 *   m1     -   4   -   3
 *   m2     -   3   2   -
 *   m3     -   5   5   1
 *   m4     -   1   3   4                                                                      */
static needs_survey *stats_survey(void)
{
    const char *topics[] = {"W", "A", "B", "C"};
    needs_survey *s = needs_new(5, 4, topics);
    add_kept(s, 0, 2024, 2, (const int[]){NA, 5, 4, 2});
    add_kept(s, 1, 2024, 3, (const int[]){NA, 4, NA, 3});
    add_kept(s, 2, 2024, 4, (const int[]){NA, 3, 2, NA});
    add_kept(s, 3, 2024, 5, (const int[]){NA, 5, 5, 1});
    add_kept(s, 4, 2024, 6, (const int[]){NA, 1, 3, 4});
    return s;
}

Test(needs, topic_stats_odd_even_blanks_and_unrated)
{
    needs_survey *s = stats_survey();
    needs_topic_stats st[4];
    needs_topic_stats_all(s, 2024, NULL, true, st);

    /* A: 5,4,3,5,1 -> n 5, sum 18, mean 18/5 = 3.6; sorted 1,3,4,5,5 -> median (odd) 4;
     * ratings 4-5: 5,4,5 = 3 -> 3/5 = 0.6; fives: 2. */
    cr_assert_eq(st[1].n, 5);
    assert_near(st[1].mean, 3.6);
    assert_near(st[1].median, 4.0);
    assert_near(st[1].high_share, 0.6);
    cr_assert_eq(st[1].top_count, 2);

    /* B (m1 blank skipped): 4,2,5,3 -> n 4, sum 14, mean 3.5; sorted 2,3,4,5 -> median
     * (even) (3+4)/2 = 3.5; 4-5: 4,5 = 2 -> 0.5; fives: 1. */
    cr_assert_eq(st[2].n, 4);
    assert_near(st[2].mean, 3.5);
    assert_near(st[2].median, 3.5);
    assert_near(st[2].high_share, 0.5);
    cr_assert_eq(st[2].top_count, 1);

    /* C (m2 blank skipped): 2,3,1,4 -> n 4, sum 10, mean 2.5; sorted 1,2,3,4 -> median
     * (2+3)/2 = 2.5; 4-5: just the 4 -> 1/4 = 0.25; fives: 0. */
    cr_assert_eq(st[3].n, 4);
    assert_near(st[3].mean, 2.5);
    assert_near(st[3].median, 2.5);
    assert_near(st[3].high_share, 0.25);
    cr_assert_eq(st[3].top_count, 0);

    /* W: all blank -> n 0, NaN figures, no fives, rank 0. */
    cr_assert_eq(st[0].n, 0);
    assert_nan(st[0].mean);
    assert_nan(st[0].median);
    assert_nan(st[0].high_share);
    cr_assert_eq(st[0].top_count, 0);
    cr_assert_eq(st[0].rank, 0);

    /* Means A 3.6 > B 3.5 > C 2.5 -> ranks 1, 2, 3. */
    cr_assert_eq(st[1].rank, 1);
    cr_assert_eq(st[2].rank, 2);
    cr_assert_eq(st[3].rank, 3);
    needs_free(s);
}

Test(needs, topic_stats_without_ranking_leave_rank_zero)
{
    needs_survey *s = stats_survey();
    needs_topic_stats st[4];
    memset(st, 0x7f, sizeof st);
    needs_topic_stats_all(s, 2024, NULL, false, st);
    for (size_t t = 0; t < 4; t++)
        cr_assert_eq(st[t].rank, 0, "topic %zu rank %d without ranking", t, st[t].rank);
    /* The figures are filled all the same (A: n 5, mean 3.6, as above). */
    cr_assert_eq(st[1].n, 5);
    assert_near(st[1].mean, 3.6);
    needs_free(s);
}

Test(needs, topic_stats_of_an_absent_year_are_empty)
{
    needs_survey *s = stats_survey();
    needs_topic_stats st[4];
    /* Nobody answered in 2023: every topic n 0, NaN, rank 0. */
    needs_topic_stats_all(s, 2023, NULL, true, st);
    for (size_t t = 0; t < 4; t++) {
        cr_assert_eq(st[t].n, 0);
        assert_nan(st[t].mean);
        assert_nan(st[t].median);
        assert_nan(st[t].high_share);
        cr_assert_eq(st[t].top_count, 0);
        cr_assert_eq(st[t].rank, 0);
    }
    needs_free(s);
}

Test(needs, unrated_topic_is_placed_last_in_by_rank)
{
    needs_survey *s = stats_survey();
    needs_ranking r = needs_rank_year(s, 2024);
    cr_assert_eq(r.n_topics, 4);
    /* Ranks A 1, B 2, C 3 (indexes 1, 2, 3), then W (index 0, unrated) last. */
    size_t expected[] = {1, 2, 3, 0};
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(r.by_rank[i], expected[i], "by_rank[%zu] = %zu, expected %zu", i,
                     r.by_rank[i], expected[i]);
    cr_assert_eq(r.now[0].rank, 0);
    cr_assert_eq(r.now[0].n, 0);
    /* No 2023 in the survey -> nothing to compare with. */
    cr_assert_null(r.before);
    needs_ranking_free(&r);
    needs_free(s);
}

/* ------------------------------------------------------------ ranking and ties */

Test(needs, mean_decides_before_high_priority_share)
{
    const char *topics[] = {"Y", "X"};
    needs_survey *s = needs_new(3, 2, topics);
    /* X: 5,5,3 -> mean 13/3 = 4.33, share 2/3.  Y: 4,4,4 -> mean 4, share 1.
     * X has the higher mean, so it ranks first despite its lower share. */
    add_kept(s, 0, 2024, 2, (const int[]){4, 5});
    add_kept(s, 1, 2024, 3, (const int[]){4, 5});
    add_kept(s, 2, 2024, 4, (const int[]){4, 3});
    needs_topic_stats st[2];
    needs_topic_stats_all(s, 2024, NULL, true, st);
    assert_near(st[1].mean, 13.0 / 3.0);
    assert_near(st[1].high_share, 2.0 / 3.0);
    assert_near(st[0].mean, 4.0);
    assert_near(st[0].high_share, 1.0);
    cr_assert_eq(st[1].rank, 1);
    cr_assert_eq(st[0].rank, 2);
    needs_free(s);
}

Test(needs, equal_means_are_broken_by_high_priority_share)
{
    const char *topics[] = {"Alpha", "Beta"};
    needs_survey *s = needs_new(2, 2, topics);
    /* Alpha: 5,3 -> mean 4, 4-5 share 1/2.  Beta: 4,4 -> mean 4, share 2/2 = 1.
     * Equal means; Beta's higher share puts it first although its label sorts later. */
    add_kept(s, 0, 2024, 2, (const int[]){5, 4});
    add_kept(s, 1, 2024, 3, (const int[]){3, 4});
    needs_ranking r = needs_rank_year(s, 2024);
    assert_near(r.now[0].mean, 4.0);
    assert_near(r.now[1].mean, 4.0);
    assert_near(r.now[0].high_share, 0.5);
    assert_near(r.now[1].high_share, 1.0);
    cr_assert_eq(r.now[1].rank, 1);
    cr_assert_eq(r.now[0].rank, 2);
    cr_assert_eq(r.by_rank[0], 1);
    cr_assert_eq(r.by_rank[1], 0);
    needs_ranking_free(&r);
    needs_free(s);
}

Test(needs, equal_mean_and_share_are_broken_by_n)
{
    const char *topics[] = {"Alpha", "Beta"};
    needs_survey *s = needs_new(2, 2, topics);
    /* Alpha: 4 (m1 blank) -> n 1, mean 4, share 1.  Beta: 4,4 -> n 2, mean 4, share 1.
     * Equal mean and share; Beta has more responses and ranks first. */
    add_kept(s, 0, 2024, 2, (const int[]){4, 4});
    add_kept(s, 1, 2024, 3, (const int[]){NA, 4});
    needs_ranking r = needs_rank_year(s, 2024);
    cr_assert_eq(r.now[0].n, 1);
    cr_assert_eq(r.now[1].n, 2);
    cr_assert_eq(r.now[1].rank, 1);
    cr_assert_eq(r.now[0].rank, 2);
    cr_assert_eq(r.by_rank[0], 1);
    cr_assert_eq(r.by_rank[1], 0);
    needs_ranking_free(&r);
    needs_free(s);
}

Test(needs, full_ties_are_broken_by_topic_label)
{
    const char *topics[] = {"Zeta", "Alpha", "Mu"};
    needs_survey *s = needs_new(2, 3, topics);
    /* Every topic 3,5 -> n 2, mean 4, share 1/2: only the label differs.
     * Alphabetical: Alpha (1) rank 1, Mu (2) rank 2, Zeta (0) rank 3. */
    add_kept(s, 0, 2024, 2, (const int[]){3, 3, 3});
    add_kept(s, 1, 2024, 3, (const int[]){5, 5, 5});
    needs_ranking r = needs_rank_year(s, 2024);
    cr_assert_eq(r.now[1].rank, 1);
    cr_assert_eq(r.now[2].rank, 2);
    cr_assert_eq(r.now[0].rank, 3);
    size_t expected[] = {1, 2, 0};
    for (size_t i = 0; i < 3; i++)
        cr_assert_eq(r.by_rank[i], expected[i], "by_rank[%zu] = %zu, expected %zu", i,
                     r.by_rank[i], expected[i]);
    needs_ranking_free(&r);
    needs_free(s);
}

Test(needs, ranks_are_distinct_one_to_k)
{
    const char *topics[] = {"e", "d", "c", "b", "a", "none"};
    needs_survey *s = needs_new(2, 6, topics);
    /* Pairs per topic (m0, m1):
     *   e: 4,4 mean 4 share 1 n 2      d: 5,3 mean 4 share 1/2 n 2
     *   c: 4,- mean 4 share 1 n 1      b: 4,4 mean 4 share 1 n 2     a: 2,- mean 2
     *   none: unrated.
     * Order: b and e tie on mean, share and n -> b (label) 1, e 2; then c (n 1) 3;
     * then d (share 1/2) 4; then a (mean 2) 5; "none" rank 0, last. */
    add_kept(s, 0, 2024, 2, (const int[]){4, 5, 4, 4, 2, NA});
    add_kept(s, 1, 2024, 3, (const int[]){4, 3, NA, 4, NA, NA});
    needs_ranking r = needs_rank_year(s, 2024);
    int ranks[] = {2, 4, 3, 1, 5, 0};
    for (size_t t = 0; t < 6; t++)
        cr_assert_eq(r.now[t].rank, ranks[t], "topic %zu rank %d, expected %d", t,
                     r.now[t].rank, ranks[t]);
    size_t expected[] = {3, 0, 2, 1, 4, 5};
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(r.by_rank[i], expected[i], "by_rank[%zu] = %zu, expected %zu", i,
                     r.by_rank[i], expected[i]);
    needs_ranking_free(&r);
    needs_free(s);
}

/* ------------------------------------------------------------ groups */

Test(needs, stats_over_a_group_of_members)
{
    const char *topics[] = {"A", "B"};
    needs_survey *s = needs_new(5, 2, topics);
    /*        A  B
     *   m0   5  1
     *   m1   1  5     (SIE)
     *   m2   4  2
     *   m3   2  4     (SIE)
     *   m4   -- no submission -- (SIE)                                                   */
    add_kept(s, 0, 2024, 2, (const int[]){5, 1});
    add_kept(s, 1, 2024, 3, (const int[]){1, 5});
    add_kept(s, 2, 2024, 4, (const int[]){4, 2});
    add_kept(s, 3, 2024, 5, (const int[]){2, 4});

    /* Everybody: A 5,1,4,2 -> n 4, mean 3, median (2+4)/2 = 3, share 2/4, fives 1;
     * B 1,5,2,4 the same figures -> tie down to the label: A 1, B 2. */
    needs_topic_stats all[2];
    needs_topic_stats_all(s, 2024, NULL, true, all);
    cr_assert_eq(all[0].n, 4);
    assert_near(all[0].mean, 3.0);
    assert_near(all[0].median, 3.0);
    assert_near(all[0].high_share, 0.5);
    cr_assert_eq(all[0].top_count, 1);
    cr_assert_eq(all[1].n, 4);
    assert_near(all[1].mean, 3.0);
    cr_assert_eq(all[0].rank, 1);
    cr_assert_eq(all[1].rank, 2);

    /* SIE only (m1, m3, m4; m4 did not respond): A 1,2 -> n 2, mean 1.5, median 1.5,
     * share 0, fives 0; B 5,4 -> n 2, mean 4.5, median 4.5, share 1, fives 1.
     * Ranks within the group: B 1, A 2. */
    const bool sie[] = {false, true, false, true, true};
    needs_topic_stats g[2];
    needs_topic_stats_all(s, 2024, sie, true, g);
    cr_assert_eq(g[0].n, 2);
    assert_near(g[0].mean, 1.5);
    assert_near(g[0].median, 1.5);
    assert_near(g[0].high_share, 0.0);
    cr_assert_eq(g[0].top_count, 0);
    cr_assert_eq(g[1].n, 2);
    assert_near(g[1].mean, 4.5);
    assert_near(g[1].median, 4.5);
    assert_near(g[1].high_share, 1.0);
    cr_assert_eq(g[1].top_count, 1);
    cr_assert_eq(g[1].rank, 1);
    cr_assert_eq(g[0].rank, 2);

    /* A group of non-respondents only (m4): n 0, NaN, rank 0. */
    const bool only_m4[] = {false, false, false, false, true};
    needs_topic_stats e[2];
    needs_topic_stats_all(s, 2024, only_m4, true, e);
    for (size_t t = 0; t < 2; t++) {
        cr_assert_eq(e[t].n, 0);
        assert_nan(e[t].mean);
        assert_nan(e[t].median);
        assert_nan(e[t].high_share);
        cr_assert_eq(e[t].rank, 0);
    }
    needs_free(s);
}

/* ------------------------------------------------------------ duplicates */

Test(needs, later_submission_replaces_then_earlier_dated_row_is_superseded)
{
    const char *topics[] = {"A", "B"};
    needs_survey *s = needs_new(2, 2, topics);
    /* Line 2, day 100: first submission of m0 in 2024 -> kept. */
    add_expect(s, 0, 2024, 100, 2, (const int[]){1, 1}, "first", NEEDS_KEPT, 0);
    const needs_submission *sub = needs_submission_of(s, 2024, 0);
    cr_assert_not_null(sub);
    cr_assert(sub->present);
    cr_assert_eq(sub->line, 2);
    cr_assert_str_eq(sub->comment, "first");

    /* Line 5, day 110 (later): replaces line 2. */
    add_expect(s, 0, 2024, 110, 5, (const int[]){5, 4}, "second", NEEDS_REPLACED, 2);
    sub = needs_submission_of(s, 2024, 0);
    cr_assert_not_null(sub);
    cr_assert_eq(sub->line, 5);
    cr_assert_eq(sub->submitted_at, 110);
    cr_assert_eq(sub->ratings[0], 5);
    cr_assert_eq(sub->ratings[1], 4);
    cr_assert_str_eq(sub->comment, "second");

    /* Stats use the new ratings: A n 1 mean 5 fives 1; B n 1 mean 4 fives 0. */
    needs_topic_stats st[2];
    needs_topic_stats_all(s, 2024, NULL, true, st);
    cr_assert_eq(st[0].n, 1);
    assert_near(st[0].mean, 5.0);
    cr_assert_eq(st[0].top_count, 1);
    cr_assert_eq(st[1].n, 1);
    assert_near(st[1].mean, 4.0);

    /* Line 7, day 90 (earlier than the kept day 110): superseded by line 5, which stays
     * with its ratings and its comment. */
    add_expect(s, 0, 2024, 90, 7, (const int[]){2, 2}, "third", NEEDS_SUPERSEDED, 5);
    sub = needs_submission_of(s, 2024, 0);
    cr_assert_eq(sub->line, 5);
    cr_assert_eq(sub->submitted_at, 110);
    cr_assert_eq(sub->ratings[0], 5);
    cr_assert_eq(sub->ratings[1], 4);
    cr_assert_str_eq(sub->comment, "second");
    needs_topic_stats_all(s, 2024, NULL, true, st);
    cr_assert_eq(st[0].n, 1);
    assert_near(st[0].mean, 5.0);
    assert_near(st[1].mean, 4.0);

    /* Still one respondent of two Members. */
    cr_assert_eq(needs_respondents(s, 2024), 1);
    cr_assert_null(needs_submission_of(s, 2024, 1));
    needs_free(s);
}

Test(needs, superseded_when_the_first_read_row_was_submitted_later)
{
    const char *topics[] = {"A"};
    needs_survey *s = needs_new(1, 1, topics);
    /* Line 3 day 500 read first, line 4 day 400 read second -> line 4 superseded by 3. */
    add_expect(s, 0, 2025, 500, 3, (const int[]){2}, "keep me", NEEDS_KEPT, 0);
    add_expect(s, 0, 2025, 400, 4, (const int[]){5}, "lose me", NEEDS_SUPERSEDED, 3);
    const needs_submission *sub = needs_submission_of(s, 2025, 0);
    cr_assert_eq(sub->line, 3);
    cr_assert_eq(sub->ratings[0], 2);
    cr_assert_str_eq(sub->comment, "keep me");
    /* Stats keep the old rating: A n 1, mean 2, share 0, fives 0. */
    needs_topic_stats st[1];
    needs_topic_stats_all(s, 2025, NULL, true, st);
    cr_assert_eq(st[0].n, 1);
    assert_near(st[0].mean, 2.0);
    assert_near(st[0].high_share, 0.0);
    cr_assert_eq(st[0].top_count, 0);
    needs_free(s);
}

Test(needs, equal_dates_the_later_row_wins)
{
    const char *topics[] = {"A", "B"};
    needs_survey *s = needs_new(1, 2, topics);
    /* Both day 200: the row read later (line 8) replaces line 3. Its B is blank and it has no
     * comment: the comment follows the winner, so none is left. */
    add_expect(s, 0, 2024, 200, 3, (const int[]){3, 3}, "old", NEEDS_KEPT, 0);
    add_expect(s, 0, 2024, 200, 8, (const int[]){4, NA}, NULL, NEEDS_REPLACED, 3);
    const needs_submission *sub = needs_submission_of(s, 2024, 0);
    cr_assert_eq(sub->line, 8);
    cr_assert_eq(sub->ratings[0], 4);
    cr_assert_eq(sub->ratings[1], NA);
    cr_assert_null(sub->comment);
    /* A: n 1 mean 4 share 1; B: blank -> n 0, rank 0. */
    needs_topic_stats st[2];
    needs_topic_stats_all(s, 2024, NULL, true, st);
    cr_assert_eq(st[0].n, 1);
    assert_near(st[0].mean, 4.0);
    assert_near(st[0].high_share, 1.0);
    cr_assert_eq(st[0].rank, 1);
    cr_assert_eq(st[1].n, 0);
    cr_assert_eq(st[1].rank, 0);
    needs_free(s);
}

Test(needs, missing_date_on_either_side_the_later_row_wins)
{
    const char *topics[] = {"A"};
    needs_survey *s = needs_new(3, 1, topics);
    /* m0: first undated (line 2), then dated day 50 (line 6) -> line 6 replaces line 2. */
    add_expect(s, 0, 2024, NO_DATE, 2, (const int[]){1}, NULL, NEEDS_KEPT, 0);
    add_expect(s, 0, 2024, 50, 6, (const int[]){2}, NULL, NEEDS_REPLACED, 2);
    /* m1: first dated day 300 (line 3), then undated (line 7) -> line 7 replaces line 3,
     * although day 300 might be "later": without a date the read order decides. */
    add_expect(s, 1, 2024, 300, 3, (const int[]){3}, "dated", NEEDS_KEPT, 0);
    add_expect(s, 1, 2024, NO_DATE, 7, (const int[]){5}, "undated", NEEDS_REPLACED, 3);
    /* m2: both undated (lines 4, 9) -> line 9 replaces line 4. */
    add_expect(s, 2, 2024, NO_DATE, 4, (const int[]){4}, NULL, NEEDS_KEPT, 0);
    add_expect(s, 2, 2024, NO_DATE, 9, (const int[]){4}, NULL, NEEDS_REPLACED, 4);

    cr_assert_eq(needs_submission_of(s, 2024, 0)->line, 6);
    cr_assert_eq(needs_submission_of(s, 2024, 0)->ratings[0], 2);
    cr_assert_eq(needs_submission_of(s, 2024, 1)->line, 7);
    cr_assert_eq(needs_submission_of(s, 2024, 1)->submitted_at, NO_DATE);
    cr_assert_str_eq(needs_submission_of(s, 2024, 1)->comment, "undated");
    cr_assert_eq(needs_submission_of(s, 2024, 2)->line, 9);
    /* A over the winners 2, 5, 4: n 3, mean 11/3, sorted 2,4,5 median 4, share 2/3,
     * fives 1. */
    needs_topic_stats st[1];
    needs_topic_stats_all(s, 2024, NULL, true, st);
    cr_assert_eq(st[0].n, 3);
    assert_near(st[0].mean, 11.0 / 3.0);
    assert_near(st[0].median, 4.0);
    assert_near(st[0].high_share, 2.0 / 3.0);
    cr_assert_eq(st[0].top_count, 1);
    cr_assert_eq(needs_respondents(s, 2024), 3);
    needs_free(s);
}

Test(needs, comment_is_copied_by_length)
{
    const char *topics[] = {"A"};
    needs_survey *s = needs_new(1, 1, topics);
    /* The comment is the first 9 bytes of the buffer ("keep this"), not NUL-terminated
     * there; the copy must hold exactly those bytes. */
    char buf[] = "keep this|junk";
    long other = 0;
    cr_assert_eq(needs_add(s, 0, 2024, 10, 2, (const int[]){3}, buf, 9, &other), NEEDS_KEPT);
    buf[0] = 'X';
    cr_assert_str_eq(needs_submission_of(s, 2024, 0)->comment, "keep this");
    needs_free(s);
}

Test(needs, duplicates_in_different_years_are_independent)
{
    const char *topics[] = {"A"};
    needs_survey *s = needs_new(2, 1, topics);
    /* m0 answers in 2024 (day 100, line 2) and in 2025 (day 50 -- an earlier day number,
     * line 3): different years, so both are first submissions and kept. */
    add_expect(s, 0, 2024, 100, 2, (const int[]){5}, "y24", NEEDS_KEPT, 0);
    add_expect(s, 0, 2025, 50, 3, (const int[]){1}, "y25", NEEDS_KEPT, 0);
    /* A repeat in 2025 (day 60, line 4) replaces only the 2025 row. */
    add_expect(s, 0, 2025, 60, 4, (const int[]){2}, "y25b", NEEDS_REPLACED, 3);
    const needs_submission *a = needs_submission_of(s, 2024, 0);
    const needs_submission *b = needs_submission_of(s, 2025, 0);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_assert_eq(a->line, 2);
    cr_assert_eq(a->ratings[0], 5);
    cr_assert_str_eq(a->comment, "y24");
    cr_assert_eq(b->line, 4);
    cr_assert_eq(b->ratings[0], 2);
    cr_assert_str_eq(b->comment, "y25b");
    cr_assert_eq(needs_respondents(s, 2024), 1);
    cr_assert_eq(needs_respondents(s, 2025), 1);
    needs_free(s);
}

/* ------------------------------------------------------------ years */

Test(needs, years_ascending_regardless_of_input_order)
{
    const char *topics[] = {"A"};
    needs_survey *s = needs_new(4, 1, topics);
    const int *years = NULL;
    /* Empty survey: no years, nobody responded. */
    cr_assert_eq(needs_years(s, &years), 0);
    cr_assert(!needs_has_year(s, 2024));
    cr_assert_eq(needs_respondents(s, 2024), 0);
    cr_assert_null(needs_submission_of(s, 2024, 0));

    /* Read order 2025 (m0), 2023 (m1), 2024 (m0, m2, m3), 2023 (m3). */
    add_kept(s, 0, 2025, 2, (const int[]){1});
    add_kept(s, 1, 2023, 3, (const int[]){2});
    add_kept(s, 0, 2024, 4, (const int[]){3});
    add_kept(s, 2, 2024, 5, (const int[]){4});
    add_kept(s, 3, 2024, 6, (const int[]){5});
    add_kept(s, 3, 2023, 7, (const int[]){NA});

    size_t n = needs_years(s, &years);
    cr_assert_eq(n, 3);
    cr_assert_eq(years[0], 2023);
    cr_assert_eq(years[1], 2024);
    cr_assert_eq(years[2], 2025);
    cr_assert(needs_has_year(s, 2023));
    cr_assert(needs_has_year(s, 2024));
    cr_assert(needs_has_year(s, 2025));
    cr_assert(!needs_has_year(s, 2022));
    cr_assert(!needs_has_year(s, 2026));

    /* Respondents: 2023 m1, m3 (m3's all-blank row is still a submission) -> 2;
     * 2024 m0, m2, m3 -> 3; 2025 m0 -> 1; 2026 -> 0. Response rates 2/4, 3/4, 1/4. */
    cr_assert_eq(needs_respondents(s, 2023), 2);
    cr_assert_eq(needs_respondents(s, 2024), 3);
    cr_assert_eq(needs_respondents(s, 2025), 1);
    cr_assert_eq(needs_respondents(s, 2026), 0);

    cr_assert_null(needs_submission_of(s, 2023, 0));
    cr_assert_null(needs_submission_of(s, 2023, 2));
    cr_assert_null(needs_submission_of(s, 2024, 1));
    cr_assert_null(needs_submission_of(s, 2025, 3));
    cr_assert_null(needs_submission_of(s, 2022, 0));
    cr_assert_not_null(needs_submission_of(s, 2023, 3));
    cr_assert_eq(needs_submission_of(s, 2023, 3)->ratings[0], NA);
    cr_assert_eq(needs_submission_of(s, 2024, 2)->ratings[0], 4);
    cr_assert_eq(needs_submission_of(s, 2025, 0)->line, 2);
    needs_free(s);
}

/* ------------------------------------------------------------ year comparison */

/* Topics A, B, C, D, E; Members m0, m1.
 *   2024:  A 2,2 (mean 2)  B 4,4 (4)  C 3,3 (3)  D blank     E 1,1 (1)
 *   2025:  A 5,4 (4.5)     B 3,3 (3)  C 3,3 (3)  D 4,4 (4)   E blank                          */
static needs_survey *compare_survey(void)
{
    const char *topics[] = {"A", "B", "C", "D", "E"};
    needs_survey *s = needs_new(2, 5, topics);
    /* 2025 read first on purpose. */
    add_kept(s, 0, 2025, 2, (const int[]){5, 3, 3, 4, NA});
    add_kept(s, 1, 2025, 3, (const int[]){4, 3, 3, 4, NA});
    add_kept(s, 0, 2024, 4, (const int[]){2, 4, 3, NA, 1});
    add_kept(s, 1, 2024, 5, (const int[]){2, 4, 3, NA, 1});
    return s;
}

Test(needs, rank_year_compares_with_the_previous_year)
{
    needs_survey *s = compare_survey();
    needs_ranking r = needs_rank_year(s, 2025);
    cr_assert_not_null(r.before);

    /* 2025: A 4.5 -> 1, D 4 -> 2, B and C 3 (share 0, n 2) -> label: B 3, C 4; E rank 0. */
    int now_ranks[] = {1, 3, 4, 2, 0};
    /* 2024: B 4 -> 1, C 3 -> 2, A 2 -> 3, E 1 -> 4, D rank 0. */
    int before_ranks[] = {3, 1, 2, 0, 4};
    for (size_t t = 0; t < 5; t++) {
        cr_assert_eq(r.now[t].rank, now_ranks[t], "2025 topic %zu rank %d, expected %d", t,
                     r.now[t].rank, now_ranks[t]);
        cr_assert_eq(r.before[t].rank, before_ranks[t], "2024 topic %zu rank %d, expected %d",
                     t, r.before[t].rank, before_ranks[t]);
    }
    assert_near(r.now[0].mean, 4.5);
    assert_near(r.before[0].mean, 2.0);
    assert_near(r.before[1].mean, 4.0);
    cr_assert_eq(r.before[3].n, 0);
    size_t expected[] = {0, 3, 1, 2, 4};
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(r.by_rank[i], expected[i], "by_rank[%zu] = %zu, expected %zu", i,
                     r.by_rank[i], expected[i]);

    double mc = -99;
    int rc = -99;
    /* A: 4.5 - 2 = +2.5; rank 3 -> 1: 3 - 1 = +2 (rose). */
    cr_assert(needs_change(&r, 0, &mc, &rc));
    assert_near(mc, 2.5);
    cr_assert_eq(rc, 2);
    /* B: 3 - 4 = -1; rank 1 -> 3: 1 - 3 = -2 (fell). */
    cr_assert(needs_change(&r, 1, &mc, &rc));
    assert_near(mc, -1.0);
    cr_assert_eq(rc, -2);
    /* C: 3 - 3 = 0; rank 2 -> 4: -2. */
    cr_assert(needs_change(&r, 2, &mc, &rc));
    assert_near(mc, 0.0);
    cr_assert_eq(rc, -2);
    /* D: no rating in 2024; E: no rating in 2025 -> no change. */
    cr_assert(!needs_change(&r, 3, &mc, &rc));
    cr_assert(!needs_change(&r, 4, &mc, &rc));
    needs_ranking_free(&r);

    /* 2024 has no 2023 to compare with: before NULL, no change for any topic. */
    r = needs_rank_year(s, 2024);
    cr_assert_null(r.before);
    for (size_t t = 0; t < 5; t++)
        cr_assert(!needs_change(&r, t, &mc, &rc), "topic %zu has a change without 2023", t);
    needs_ranking_free(&r);
    needs_free(s);
}

Test(needs, no_previous_year_when_a_year_is_skipped)
{
    const char *topics[] = {"A", "B"};
    needs_survey *s = needs_new(1, 2, topics);
    /* Years 2023 and 2025 only: 2025 - 1 = 2024 is missing. */
    add_kept(s, 0, 2023, 2, (const int[]){1, 5});
    add_kept(s, 0, 2025, 3, (const int[]){5, 1});
    needs_ranking r = needs_rank_year(s, 2025);
    cr_assert_null(r.before);
    double mc = 0;
    int rc = 0;
    cr_assert(!needs_change(&r, 0, &mc, &rc));
    cr_assert(!needs_change(&r, 1, &mc, &rc));
    size_t out[2];
    cr_assert_eq(needs_movers(&r, 1, 2, out), 0);
    cr_assert_eq(needs_movers(&r, -1, 2, out), 0);
    /* 2025: A 5 rank 1, B 1 rank 2. */
    cr_assert_eq(r.now[0].rank, 1);
    cr_assert_eq(r.now[1].rank, 2);
    needs_ranking_free(&r);
    needs_free(s);
}

/* ------------------------------------------------------------ movers */

/* Topics in this order, Members m0, m1:
 *            2024        2025         change of mean
 *   c     3,3 = 3     4,3 = 3.5        +0.5
 *   a     1,1 = 1     3,3 = 3          +2
 *   e     4,4 = 4     3,4 = 3.5        -0.5
 *   d     5,5 = 5     2,2 = 2          -3
 *   f     3,3 = 3     3,3 = 3           0   (excluded)
 *   g     blank       5,5              none (excluded)
 *   b     2,2 = 2     5,4 = 4.5        +2.5                                                   */
static needs_survey *movers_survey(void)
{
    const char *topics[] = {"c", "a", "e", "d", "f", "g", "b"};
    needs_survey *s = needs_new(2, 7, topics);
    add_kept(s, 0, 2024, 2, (const int[]){3, 1, 4, 5, 3, NA, 2});
    add_kept(s, 1, 2024, 3, (const int[]){3, 1, 4, 5, 3, NA, 2});
    add_kept(s, 0, 2025, 4, (const int[]){4, 3, 3, 2, 3, 5, 5});
    add_kept(s, 1, 2025, 5, (const int[]){3, 3, 4, 2, 3, 5, 4});
    return s;
}

Test(needs, movers_up_largest_first)
{
    needs_survey *s = movers_survey();
    needs_ranking r = needs_rank_year(s, 2025);
    size_t out[7] = {99, 99, 99, 99, 99, 99, 99};
    /* Rises: b +2.5 (6), a +2 (1), c +0.5 (0); f (0) and g (no 2024) excluded. */
    cr_assert_eq(needs_movers(&r, 1, 7, out), 3);
    cr_assert_eq(out[0], 6);
    cr_assert_eq(out[1], 1);
    cr_assert_eq(out[2], 0);
    /* At most 2: b, a (b is read last, after the list is full). */
    size_t two[2] = {99, 99};
    cr_assert_eq(needs_movers(&r, 1, 2, two), 2);
    cr_assert_eq(two[0], 6);
    cr_assert_eq(two[1], 1);
    /* At most 1: b. */
    size_t one[1] = {99};
    cr_assert_eq(needs_movers(&r, 1, 1, one), 1);
    cr_assert_eq(one[0], 6);
    /* At most 0: none. */
    cr_assert_eq(needs_movers(&r, 1, 0, out), 0);
    needs_ranking_free(&r);
    needs_free(s);
}

Test(needs, movers_down_largest_fall_first)
{
    needs_survey *s = movers_survey();
    needs_ranking r = needs_rank_year(s, 2025);
    size_t out[7] = {99, 99, 99, 99, 99, 99, 99};
    /* Falls: d -3 (3), e -0.5 (2); f's zero change is excluded. */
    cr_assert_eq(needs_movers(&r, -1, 7, out), 2);
    cr_assert_eq(out[0], 3);
    cr_assert_eq(out[1], 2);
    /* At most 1: d. */
    size_t one[1] = {99};
    cr_assert_eq(needs_movers(&r, -1, 1, one), 1);
    cr_assert_eq(one[0], 3);
    needs_ranking_free(&r);
    needs_free(s);
}
