/* Fuzz target `needs`: the bytes are needs.csv (a temporary file under /tmp, removed again),
 * read with read_needs against a fixed registry of 8 Members as of 2026-03-31; then every year is ranked and
 * compared with the one before, the movers listed, and everything checked for range. */
#include "tests/fuzz/fuzz_common.h"

#include <math.h>
#include <stdbool.h>

#include "cli/readers.h"
#include "util/date.h"

static const char members_csv[] =
    "member_code,member_name,subregion,sie\n"
    "AF,Afghanistan,Sub-Continent,no\n"
    "FJ,Fiji,Pacific,yes\n"
    "JP,Japan,North East Asia,no\n"
    "KH,Cambodia,South East Asia,no\n"
    "PK,Pakistan,Sub-Continent,no\n"
    "TH,Thailand,South East Asia,no\n"
    "VU,Vanuatu,Pacific,yes\n"
    "SB,Solomon Islands,Pacific,\n";

static member_registry *registry;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[64];
    fuzz_temp_file("members", members_csv, sizeof members_csv - 1, path, sizeof path);
    ingest_options options = ingest_default_options();
    ledger *l = ledger_new();
    cb_error err;
    int rc = registry_load(path, &options, l, &registry, &err);
    unlink(path);
    ledger_free(l);
    FUZZ_CHECK(rc == 0, "the fixed members.csv does not load: %s", err.message);
    return 0;
}

static void check_stats(const needs_topic_stats *s, size_t n_topics, const char *what)
{
    fuzz_touch(s, sizeof *s);
    FUZZ_CHECK(s->n >= 0 && s->n <= (long long)registry->count, "%s: n = %lld", what, s->n);
    FUZZ_CHECK(s->top_count >= 0 && s->top_count <= s->n, "%s: %lld fives of %lld", what,
               s->top_count, s->n);
    FUZZ_CHECK(s->rank >= 0 && (size_t)s->rank <= n_topics, "%s: rank %d of %zu", what, s->rank,
               n_topics);
    if (s->n > 0) {
        FUZZ_CHECK(s->mean >= 1 - 1e-9 && s->mean <= 5 + 1e-9, "%s: mean %g", what, s->mean);
        FUZZ_CHECK(s->median >= 1 && s->median <= 5, "%s: median %g", what, s->median);
        FUZZ_CHECK(s->high_share >= 0 && s->high_share <= 1, "%s: share %g", what,
                   s->high_share);
    } else {
        FUZZ_CHECK(isnan(s->mean) && s->rank == 0, "%s: mean %g rank %d without ratings", what,
                   s->mean, s->rank);
    }
}

static void rank_year(const needs_survey *s, int year)
{
    size_t n_topics = needs_topic_count(s);
    needs_ranking r = needs_rank_year(s, year);
    FUZZ_CHECK(r.n_topics == n_topics, "%zu topics ranked of %zu", r.n_topics, n_topics);
    bool seen[4096] = {false};
    for (size_t i = 0; i < r.n_topics; i++) {
        check_stats(&r.now[i], n_topics, "now");
        if (r.before)
            check_stats(&r.before[i], n_topics, "before");
        size_t t = r.by_rank[i];
        FUZZ_CHECK(t < n_topics && (t >= 4096 || !seen[t]), "by_rank[%zu] = %zu", i, t);
        if (t < 4096)
            seen[t] = true;
        double mean_change;
        int rank_change;
        if (needs_change(&r, i, &mean_change, &rank_change)) {
            fuzz_touch_double(mean_change);
            FUZZ_CHECK(fabs(mean_change) <= 4 + 1e-9, "mean change %g", mean_change);
            FUZZ_CHECK(rank_change > -(int)n_topics && rank_change < (int)n_topics,
                       "rank change %d", rank_change);
        }
    }
    FUZZ_CHECK(needs_has_year(s, year) || r.before == NULL || needs_has_year(s, year - 1),
               "a previous year that is not in the survey");
    size_t *movers = malloc((n_topics ? n_topics : 1) * sizeof *movers);
    for (int direction = -1; direction <= 1; direction += 2) {
        for (size_t most = 0; most <= n_topics && most <= 4; most++) {
            size_t n = needs_movers(&r, direction, most, movers);
            FUZZ_CHECK(n <= most, "%zu movers of at most %zu", n, most);
            for (size_t i = 0; i < n; i++)
                FUZZ_CHECK(movers[i] < n_topics, "mover %zu", movers[i]);
        }
        size_t n = needs_movers(&r, direction, n_topics, movers);
        FUZZ_CHECK(n <= n_topics, "%zu movers", n);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(movers[i] < n_topics, "mover %zu", movers[i]);
    }
    free(movers);
    needs_ranking_free(&r);
}

static void compute_everything(const needs_survey *s)
{
    size_t n_topics = needs_topic_count(s);
    for (size_t t = 0; t < n_topics; t++)
        fuzz_touch_string(needs_topic(s, t));
    const int *years;
    size_t n_years = needs_years(s, &years);
    for (size_t y = 0; y < n_years; y++) {
        FUZZ_CHECK(y == 0 || years[y] > years[y - 1], "years not ascending");
        FUZZ_CHECK(years[y] <= 2026, "year %d after the as-of date 2026-03-31", years[y]);
        FUZZ_CHECK(needs_has_year(s, years[y]), "year %d listed but absent", years[y]);
        size_t respondents = needs_respondents(s, years[y]), present = 0;
        for (size_t m = 0; m < registry->count; m++) {
            const needs_submission *sub = needs_submission_of(s, years[y], m);
            if (sub == NULL)
                continue;
            present++;
            fuzz_touch(&sub->submitted_at, sizeof sub->submitted_at);
            fuzz_touch_string(sub->comment);
            for (size_t t = 0; t < n_topics; t++)
                FUZZ_CHECK(sub->ratings[t] == NEEDS_NO_ANSWER ||
                               (sub->ratings[t] >= NEEDS_SCALE_MIN &&
                                sub->ratings[t] <= NEEDS_SCALE_MAX),
                           "rating %d", sub->ratings[t]);
        }
        FUZZ_CHECK(present == respondents, "%zu submissions, %zu respondents", present,
                   respondents);
        rank_year(s, years[y]);
        bool in_group[64];
        for (size_t m = 0; m < registry->count && m < 64; m++)
            in_group[m] = m % 2 == 0;
        needs_topic_stats *stats = malloc((n_topics ? n_topics : 1) * sizeof *stats);
        needs_topic_stats_all(s, years[y], in_group, true, stats);
        for (size_t t = 0; t < n_topics; t++)
            check_stats(&stats[t], n_topics, "group");
        needs_topic_stats_all(s, years[y], NULL, false, stats);
        for (size_t t = 0; t < n_topics; t++)
            check_stats(&stats[t], n_topics, "all");
        free(stats);
    }
    if (n_years > 0) {
        FUZZ_CHECK(!needs_has_year(s, years[0] - 1), "year before the first is present");
        rank_year(s, years[0] - 1); /* a year without responses */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    fuzz_temp_file("needs", data, size, path, sizeof path);
    ingest_options options = ingest_default_options();
    options.members = registry->codes;
    ledger *l = ledger_new();
    cb_error err;
    memset(&err, 0, sizeof err);
    needs_survey *survey = NULL;
    int rc = read_needs(path, &options, registry->count, date_from_civil(2026, 3, 31), l,
                        &survey, &err);
    unlink(path);
    if (rc == 0) {
        FUZZ_CHECK(survey != NULL, "no survey after a successful read");
        FUZZ_CHECK(ledger_balanced(l), "ledger not balanced");
        compute_everything(survey);
    } else {
        FUZZ_CHECK(survey == NULL, "a survey after a failed read");
        FUZZ_CHECK(err.message[0] != '\0', "failure without a message");
    }
    needs_free(survey);
    ledger_free(l);
    return 0;
}
