#include "analyze/evaluation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct workshop_acc {
    eval_workshop info;
    stats_moments scores;
    long long ratings, top2_ratings;
} workshop_acc;

typedef struct cell_acc {
    long long n, sum;  /* integer ratings: sums are exact */
} cell_acc;

struct evaluation {
    int scale_min, scale_max, points;
    workshop_acc *workshops;
    size_t n_workshops, workshops_cap;
    size_t n_items;
    char **labels;
    long long *item_counts;   /* n_items x points */
    cell_acc *cells;          /* n_workshops x n_items, allocated with the items */
    stats_moments programme;
    stats_moments gender[EVAL_GENDER_GROUPS];
    stats_moments *members;   /* n_members + 1 (unknown) */
    size_t n_members;
    stats_alpha *alpha;
    double *complete;         /* scratch row for alpha */
    long long unrated;
};

evaluation *evaluation_new(int scale_min, int scale_max, size_t n_members)
{
    evaluation *e = mem_calloc(1, sizeof *e);
    e->scale_min = scale_min;
    e->scale_max = scale_max;
    e->points = scale_max - scale_min + 1;
    e->n_members = n_members;
    e->members = mem_calloc(n_members + 1, sizeof *e->members);
    return e;
}

void evaluation_free(evaluation *e)
{
    if (e == NULL)
        return;
    for (size_t w = 0; w < e->n_workshops; w++) {
        free(e->workshops[w].info.id);
        free(e->workshops[w].info.title);
        free(e->workshops[w].info.action);
        free(e->workshops[w].info.modality);
    }
    for (size_t i = 0; i < e->n_items; i++)
        free(e->labels[i]);
    free(e->labels);
    free(e->workshops);
    free(e->item_counts);
    free(e->cells);
    free(e->members);
    free(e->complete);
    stats_alpha_free(e->alpha);
    free(e);
}

static char *copy_or_empty(const char *s)
{
    return mem_strdup(s ? s : "");
}

size_t evaluation_add_workshop(evaluation *e, const eval_workshop *workshop)
{
    if (e->n_workshops == e->workshops_cap) {
        e->workshops_cap = e->workshops_cap ? e->workshops_cap * 2 : 32;
        e->workshops = mem_realloc(e->workshops, e->workshops_cap * sizeof *e->workshops);
    }
    workshop_acc *w = &e->workshops[e->n_workshops];
    memset(w, 0, sizeof *w);
    w->info = *workshop;
    w->info.id = copy_or_empty(workshop->id);
    w->info.title = copy_or_empty(workshop->title);
    w->info.action = copy_or_empty(workshop->action);
    w->info.modality = copy_or_empty(workshop->modality);
    return e->n_workshops++;
}

void evaluation_set_items(evaluation *e, size_t n_items, const char *const *labels)
{
    e->n_items = n_items;
    e->labels = mem_calloc(n_items ? n_items : 1, sizeof *e->labels);
    for (size_t i = 0; i < n_items; i++)
        e->labels[i] = mem_strdup(labels[i]);
    e->item_counts = mem_calloc((n_items ? n_items : 1) * (size_t)e->points, sizeof *e->item_counts);
    e->cells = mem_calloc((e->n_workshops ? e->n_workshops : 1) * (n_items ? n_items : 1),
                          sizeof *e->cells);
    e->complete = mem_calloc(n_items ? n_items : 1, sizeof *e->complete);
    /* Without memory for it, alpha is simply not reported (NaN); every other figure stands. */
    e->alpha = n_items > 0 ? stats_alpha_new((int)n_items) : NULL;
}

bool evaluation_add_response(evaluation *e, size_t workshop, const int *ratings, int gender,
                             long member)
{
    workshop_acc *w = &e->workshops[workshop];
    cell_acc *row = &e->cells[workshop * e->n_items];
    long long sum = 0, n = 0;
    bool complete = true;
    for (size_t i = 0; i < e->n_items; i++) {
        int r = ratings[i];
        if (r == EVAL_NO_ANSWER) {
            complete = false;
            e->complete[i] = NAN;
            continue;
        }
        int point = r - e->scale_min;
        e->item_counts[i * (size_t)e->points + (size_t)point]++;
        row[i].n++;
        row[i].sum += r;
        w->ratings++;
        w->top2_ratings += point >= e->points - 2;
        sum += r;
        n++;
        e->complete[i] = r;
    }
    if (n == 0) {
        e->unrated++;
        return false;
    }
    double score = (double)sum / (double)n;
    stats_moments_add(&w->scores, score);
    stats_moments_add(&e->programme, score);
    stats_moments_add(&e->gender[gender], score);
    stats_moments_add(&e->members[member >= 0 ? (size_t)member : e->n_members], score);
    if (complete && e->alpha)
        stats_alpha_add(e->alpha, e->complete);
    return true;
}

evaluation *evaluation_new_like(const evaluation *e)
{
    evaluation *copy = evaluation_new(e->scale_min, e->scale_max, e->n_members);
    for (size_t w = 0; w < e->n_workshops; w++)
        evaluation_add_workshop(copy, &e->workshops[w].info);
    if (e->labels != NULL)
        evaluation_set_items(copy, e->n_items, (const char *const *)e->labels);
    return copy;
}

void evaluation_merge(evaluation *e, const evaluation *part)
{
    for (size_t w = 0; w < e->n_workshops; w++) {
        workshop_acc *to = &e->workshops[w];
        const workshop_acc *from = &part->workshops[w];
        stats_moments_merge(&to->scores, &from->scores);
        to->ratings += from->ratings;
        to->top2_ratings += from->top2_ratings;
    }
    for (size_t i = 0; i < e->n_items * (size_t)e->points; i++)
        e->item_counts[i] += part->item_counts[i];
    for (size_t c = 0; c < e->n_workshops * e->n_items; c++) {
        e->cells[c].n += part->cells[c].n;
        e->cells[c].sum += part->cells[c].sum;
    }
    stats_moments_merge(&e->programme, &part->programme);
    for (int g = 0; g < EVAL_GENDER_GROUPS; g++)
        stats_moments_merge(&e->gender[g], &part->gender[g]);
    for (size_t m = 0; m <= e->n_members; m++)
        stats_moments_merge(&e->members[m], &part->members[m]);
    if (e->alpha != NULL && part->alpha != NULL) {
        stats_alpha_merge(e->alpha, part->alpha);
    } else if (e->alpha != NULL) {
        /* The part could not keep alpha: over fewer respondents it would mislead, so none. */
        stats_alpha_free(e->alpha);
        e->alpha = NULL;
    }
    e->unrated += part->unrated;
}

double evaluation_score_target(const evaluation *e)
{
    return e->scale_min + (EVAL_SCORE_TARGET - 1.0) / 4.0 * (e->scale_max - e->scale_min);
}

size_t evaluation_workshop_count(const evaluation *e) { return e->n_workshops; }
size_t evaluation_item_count(const evaluation *e) { return e->n_items; }
int evaluation_scale_min(const evaluation *e) { return e->scale_min; }
int evaluation_scale_max(const evaluation *e) { return e->scale_max; }

static long long participants_total(const eval_workshop *w)
{
    return w->participants[0] + w->participants[1] + w->participants[2];
}

const eval_workshop *evaluation_workshop_info(const evaluation *e, size_t w)
{
    return &e->workshops[w].info;
}

workshop_result evaluation_workshop(const evaluation *e, size_t index)
{
    const workshop_acc *w = &e->workshops[index];
    workshop_result r = {.workshop = &w->info};
    r.score = estimate_mean(&w->scores);
    r.sd = stats_moments_sd(&w->scores);
    r.top2 = w->ratings ? (double)w->top2_ratings / (double)w->ratings : NAN;
    if (w->info.has_participants)
        r.female_share = estimate_share(w->info.participants[0], participants_total(&w->info));
    r.score_verdict = estimate_judge(&r.score, evaluation_score_target(e));
    r.female_verdict = estimate_judge(&r.female_share, EVAL_FEMALE_TARGET);
    return r;
}

item_result evaluation_item(const evaluation *e, size_t i)
{
    const long long *counts = &e->item_counts[i * (size_t)e->points];
    item_result r = {.label = e->labels[i], .counts = counts, .mean = NAN};
    long long sum = 0;
    for (int p = 0; p < e->points; p++) {
        r.n += counts[p];
        sum += counts[p] * (e->scale_min + p);
    }
    if (r.n > 0)
        r.mean = (double)sum / (double)r.n;
    r.median = stats_median_from_counts(counts, e->scale_min, e->scale_max);
    r.top2 = stats_top2_share(counts, e->scale_min, e->scale_max);
    return r;
}

double evaluation_item_workshop_mean(const evaluation *e, size_t w, size_t i)
{
    const cell_acc *c = &e->cells[w * e->n_items + i];
    return c->n ? (double)c->sum / (double)c->n : NAN;
}

estimate evaluation_programme_score(const evaluation *e)
{
    return estimate_mean(&e->programme);
}

estimate evaluation_female_share(const evaluation *e)
{
    long long female = 0, all = 0;
    for (size_t w = 0; w < e->n_workshops; w++) {
        const eval_workshop *info = &e->workshops[w].info;
        if (!info->has_participants)
            continue;
        female += info->participants[0];
        all += participants_total(info);
    }
    return estimate_share(female, all);
}

const stats_moments *evaluation_gender_scores(const evaluation *e, int gender)
{
    return &e->gender[gender];
}

const stats_moments *evaluation_member_scores(const evaluation *e, size_t m)
{
    return &e->members[m];
}

void evaluation_merge_members(const evaluation *e, const size_t *group_of, size_t n_groups,
                              stats_moments *out)
{
    for (size_t g = 0; g < n_groups; g++)
        stats_moments_init(&out[g]);
    for (size_t m = 0; m < e->n_members; m++)
        if (group_of[m] < n_groups)
            stats_moments_merge(&out[group_of[m]], &e->members[m]);
}

void evaluation_merge_workshops(const evaluation *e, const size_t *group_of, size_t n_groups,
                                stats_moments *out, long long *female, long long *participants)
{
    for (size_t g = 0; g < n_groups; g++) {
        stats_moments_init(&out[g]);
        female[g] = participants[g] = 0;
    }
    for (size_t w = 0; w < e->n_workshops; w++) {
        size_t g = group_of[w];
        if (g >= n_groups)
            continue;
        const eval_workshop *info = &e->workshops[w].info;
        stats_moments_merge(&out[g], &e->workshops[w].scores);
        if (info->has_participants) {
            female[g] += info->participants[0];
            participants[g] += participants_total(info);
        }
    }
}

double evaluation_alpha(const evaluation *e, long long *n)
{
    *n = stats_alpha_n(e->alpha);
    return e->alpha ? stats_alpha_value(e->alpha) : NAN;
}

long long evaluation_respondents(const evaluation *e)
{
    return e->programme.n;
}

long long evaluation_unrated(const evaluation *e)
{
    return e->unrated;
}
