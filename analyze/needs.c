#include "analyze/needs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/stats.h"
#include "util/alloc.h"

typedef struct needs_year {
    int year;
    needs_submission *by_member;
} needs_year;

struct needs_survey {
    size_t n_members, n_topics;
    char **topics;
    needs_year *years;   /* ascending */
    size_t n_years;
    int *year_list;
};

needs_survey *needs_new(size_t n_members, size_t n_topics, const char *const *topics)
{
    needs_survey *s = mem_calloc(1, sizeof *s);
    s->n_members = n_members;
    s->n_topics = n_topics;
    s->topics = mem_calloc(n_topics ? n_topics : 1, sizeof *s->topics);
    for (size_t t = 0; t < n_topics; t++)
        s->topics[t] = mem_strdup(topics[t]);
    return s;
}

void needs_free(needs_survey *s)
{
    if (s == NULL)
        return;
    for (size_t y = 0; y < s->n_years; y++) {
        for (size_t m = 0; m < s->n_members; m++) {
            free(s->years[y].by_member[m].ratings);
            free(s->years[y].by_member[m].comment);
        }
        free(s->years[y].by_member);
    }
    for (size_t t = 0; t < s->n_topics; t++)
        free(s->topics[t]);
    free(s->topics);
    free(s->years);
    free(s->year_list);
    free(s);
}

static needs_year *find_year(const needs_survey *s, int year)
{
    for (size_t y = 0; y < s->n_years; y++)
        if (s->years[y].year == year)
            return &s->years[y];
    return NULL;
}

static needs_year *year_slot(needs_survey *s, int year)
{
    needs_year *found = find_year(s, year);
    if (found)
        return found;
    s->years = mem_realloc(s->years, (s->n_years + 1) * sizeof *s->years);
    s->year_list = mem_realloc(s->year_list, (s->n_years + 1) * sizeof *s->year_list);
    size_t at = s->n_years;
    while (at > 0 && s->years[at - 1].year > year) {
        s->years[at] = s->years[at - 1];
        at--;
    }
    s->years[at] = (needs_year){year, mem_calloc(s->n_members ? s->n_members : 1,
                                                 sizeof(needs_submission))};
    s->n_years++;
    for (size_t y = 0; y < s->n_years; y++)
        s->year_list[y] = s->years[y].year;
    return &s->years[at];
}

static void store(needs_submission *sub, size_t n_topics, long submitted_at, long line,
                  const int *ratings, const char *comment, size_t comment_len)
{
    if (sub->ratings == NULL)
        sub->ratings = mem_alloc((n_topics ? n_topics : 1) * sizeof *sub->ratings);
    memcpy(sub->ratings, ratings, n_topics * sizeof *ratings);
    free(sub->comment);
    sub->comment = comment_len ? mem_strndup(comment, comment_len) : NULL;
    sub->present = true;
    sub->submitted_at = submitted_at;
    sub->line = line;
}

needs_outcome needs_add(needs_survey *s, size_t member, int year, long submitted_at, long line,
                        const int *ratings, const char *comment, size_t comment_len,
                        long *other_line)
{
    needs_submission *sub = &year_slot(s, year)->by_member[member];
    if (!sub->present) {
        store(sub, s->n_topics, submitted_at, line, ratings, comment, comment_len);
        return NEEDS_KEPT;
    }
    *other_line = sub->line;
    /* The row read later wins unless the earlier one says it was submitted later. */
    bool earlier_is_later = sub->submitted_at != NEEDS_NO_DATE && submitted_at != NEEDS_NO_DATE &&
                            sub->submitted_at > submitted_at;
    if (earlier_is_later)
        return NEEDS_SUPERSEDED;
    store(sub, s->n_topics, submitted_at, line, ratings, comment, comment_len);
    return NEEDS_REPLACED;
}

size_t needs_years(const needs_survey *s, const int **years)
{
    *years = s->year_list;
    return s->n_years;
}

bool needs_has_year(const needs_survey *s, int year)
{
    return find_year(s, year) != NULL;
}

const needs_submission *needs_submission_of(const needs_survey *s, int year, size_t member)
{
    const needs_year *y = find_year(s, year);
    return y && y->by_member[member].present ? &y->by_member[member] : NULL;
}

size_t needs_respondents(const needs_survey *s, int year)
{
    size_t n = 0;
    for (size_t m = 0; m < s->n_members; m++)
        n += needs_submission_of(s, year, m) != NULL;
    return n;
}

size_t needs_topic_count(const needs_survey *s)
{
    return s->n_topics;
}

const char *needs_topic(const needs_survey *s, size_t topic)
{
    return s->topics[topic];
}

/* Higher need first: mean, then high-priority share, then responses, then the label. */
static int compare_need(const needs_topic_stats *a, const char *la, const needs_topic_stats *b,
                        const char *lb)
{
    if (a->n == 0 || b->n == 0)
        return (a->n == 0) - (b->n == 0);
    if (a->mean != b->mean)
        return a->mean > b->mean ? -1 : 1;
    if (a->high_share != b->high_share)
        return a->high_share > b->high_share ? -1 : 1;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(la, lb);
}

void needs_topic_stats_all(const needs_survey *s, int year, const bool *in_group, bool rank,
                           needs_topic_stats *out)
{
    enum { POINTS = NEEDS_SCALE_MAX - NEEDS_SCALE_MIN + 1 };
    const needs_year *y = find_year(s, year);
    for (size_t t = 0; t < s->n_topics; t++) {
        long long counts[POINTS] = {0}, n = 0, sum = 0;
        for (size_t m = 0; y && m < s->n_members; m++) {
            const needs_submission *sub = &y->by_member[m];
            if (!sub->present || (in_group && !in_group[m]) || sub->ratings[t] == NEEDS_NO_ANSWER)
                continue;
            counts[sub->ratings[t] - NEEDS_SCALE_MIN]++;
            sum += sub->ratings[t];
            n++;
        }
        needs_topic_stats *st = &out[t];
        st->n = n;
        st->mean = n ? (double)sum / (double)n : NAN;
        st->median = stats_median_from_counts(counts, NEEDS_SCALE_MIN, NEEDS_SCALE_MAX);
        st->high_share = n ? (double)(counts[4 - NEEDS_SCALE_MIN] + counts[5 - NEEDS_SCALE_MIN]) / (double)n : NAN;
        st->top_count = counts[5 - NEEDS_SCALE_MIN];
        st->rank = 0;
    }
    if (!rank)
        return;
    for (size_t t = 0; t < s->n_topics; t++) {
        if (out[t].n == 0)
            continue;
        int r = 1;
        for (size_t u = 0; u < s->n_topics; u++)
            if (u != t && compare_need(&out[u], s->topics[u], &out[t], s->topics[t]) < 0)
                r++;
        out[t].rank = r;
    }
}

needs_ranking needs_rank_year(const needs_survey *s, int year)
{
    needs_ranking r = {s->n_topics, NULL, NULL, NULL};
    size_t n = s->n_topics ? s->n_topics : 1;
    r.now = mem_calloc(n, sizeof *r.now);
    needs_topic_stats_all(s, year, NULL, true, r.now);
    if (needs_has_year(s, year - 1)) {
        r.before = mem_calloc(n, sizeof *r.before);
        needs_topic_stats_all(s, year - 1, NULL, true, r.before);
    }
    r.by_rank = mem_alloc(n * sizeof *r.by_rank);
    size_t next = 0;
    for (int rank = 1; rank <= (int)s->n_topics; rank++)
        for (size_t t = 0; t < s->n_topics; t++)
            if (r.now[t].rank == rank)
                r.by_rank[next++] = t;
    for (size_t t = 0; t < s->n_topics; t++)
        if (r.now[t].rank == 0)
            r.by_rank[next++] = t;
    return r;
}

void needs_ranking_free(needs_ranking *r)
{
    free(r->now);
    free(r->before);
    free(r->by_rank);
    memset(r, 0, sizeof *r);
}

bool needs_change(const needs_ranking *r, size_t topic, double *mean_change, int *rank_change)
{
    if (r->before == NULL || r->now[topic].n == 0 || r->before[topic].n == 0)
        return false;
    *mean_change = r->now[topic].mean - r->before[topic].mean;
    *rank_change = r->before[topic].rank - r->now[topic].rank;
    return true;
}

size_t needs_movers(const needs_ranking *r, int direction, size_t most, size_t *out)
{
    size_t n = 0;
    double kept[64];
    if (most > 64)
        most = 64;
    for (size_t t = 0; t < r->n_topics; t++) {
        double change;
        int rank_change;
        if (!needs_change(r, t, &change, &rank_change) || direction * change <= 0)
            continue;
        change *= direction;
        /* insertion into a short list kept in descending order of change */
        size_t at = n < most ? n++ : most;
        while (at > 0 && kept[at - 1] < change) {
            if (at < most) {
                kept[at] = kept[at - 1];
                out[at] = out[at - 1];
            }
            at--;
        }
        if (at < most) {
            kept[at] = change;
            out[at] = t;
        }
    }
    return n;
}
