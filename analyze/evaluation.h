/* Post-workshop evaluation scoring: streaming accumulators per workshop, item, item x
 * workshop, gender and Member, and the contract's statistics computed from them. Memory
 * grows with workshops, items and Members, never with questionnaires. No I/O. */
#ifndef CBKPI_ANALYZE_EVALUATION_H
#define CBKPI_ANALYZE_EVALUATION_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "analyze/estimate.h"
#include "analyze/stats.h"

#define EVAL_NO_ANSWER INT_MIN
#define EVAL_SCORE_TARGET 4.0      /* "at least average of 4 out of 5", on a 1-5 scale */
#define EVAL_FEMALE_TARGET 0.25

enum { EVAL_GENDER_FEMALE, EVAL_GENDER_MALE, EVAL_GENDER_OTHER, EVAL_GENDER_NOT_GIVEN,
       EVAL_GENDER_GROUPS };

/* A workshop as workshops.csv describes it. */
typedef struct eval_workshop {
    char *id;
    char *title;
    char *action;
    char *modality;
    long start_date;              /* days since 1970-01-01 */
    bool has_participants;        /* female and male counts were given */
    long long participants[3];    /* female, male, other */
} eval_workshop;

typedef struct evaluation evaluation;

/** An empty evaluation for ratings on scale_min..scale_max. */
evaluation *evaluation_new(int scale_min, int scale_max, size_t n_members);
/** Frees it and everything it owns; NULL is allowed. */
void evaluation_free(evaluation *e);
/** Adds a workshop (the strings are copied); returns its index. */
size_t evaluation_add_workshop(evaluation *e, const eval_workshop *workshop);
/** Declares the rating items (labels copied); call once, after every workshop is added and
 *  before any response. */
void evaluation_set_items(evaluation *e, size_t n_items, const char *const *labels);
/** Adds one questionnaire: ratings[i] is item i's rating or EVAL_NO_ANSWER; gender is one of
 *  EVAL_GENDER_*; member is a registry index or -1. Returns false when no item was rated (the
 *  questionnaire has no score and counts for no respondent statistic). */
bool evaluation_add_response(evaluation *e, size_t workshop, const int *ratings, int gender,
                             long member);

/** An empty evaluation with the same scale, Members, workshops and items as e: an accumulator
 *  for one part of the questionnaires, to be merged into e. */
evaluation *evaluation_new_like(const evaluation *e);
/** Adds every questionnaire of part (made by evaluation_new_like(e)) to e, as if they had been
 *  added to e directly after its own: counts and sums exactly, score moments by Chan's merge. */
void evaluation_merge(evaluation *e, const evaluation *part);

typedef struct workshop_result {
    const eval_workshop *workshop;
    estimate score;            /* mean of respondent scores, t interval */
    double sd;                 /* NAN when fewer than 2 respondents */
    double top2;               /* share of all its valid ratings in the top two points; NAN if none */
    estimate female_share;     /* Wilson interval over its participants */
    verdict score_verdict;     /* against evaluation_score_target */
    verdict female_verdict;    /* against EVAL_FEMALE_TARGET */
} workshop_result;

typedef struct item_result {
    const char *label;
    long long n;
    double mean, median, top2; /* NAN when n == 0 */
    const long long *counts;   /* per scale point, scale_min first */
} item_result;

/** The plan's score target on this scale: 4 on 1-5, the same position on any other scale
 *  (5.5 on 1-7, 7.5 on 0-10). */
double evaluation_score_target(const evaluation *e);
size_t evaluation_workshop_count(const evaluation *e);
size_t evaluation_item_count(const evaluation *e);
int evaluation_scale_min(const evaluation *e);
int evaluation_scale_max(const evaluation *e);
/** Workshop w as workshops.csv describes it (cheap: computes nothing). */
const eval_workshop *evaluation_workshop_info(const evaluation *e, size_t w);
/** The figures of workshop w. */
workshop_result evaluation_workshop(const evaluation *e, size_t w);
/** The figures of item i over all workshops. */
item_result evaluation_item(const evaluation *e, size_t i);
/** Mean rating of item i in workshop w; NAN when nobody rated it there. */
double evaluation_item_workshop_mean(const evaluation *e, size_t w, size_t i);
/** Programme score: mean of every respondent score, with its interval. */
estimate evaluation_programme_score(const evaluation *e);
/** Female share over the workshops that gave participant counts, Wilson interval. */
estimate evaluation_female_share(const evaluation *e);
/** Respondent scores of a gender group (EVAL_GENDER_*). */
const stats_moments *evaluation_gender_scores(const evaluation *e, int gender);
/** Respondent scores of Member m (0..n_members-1), or of respondents without a known Member
 *  when m == n_members. */
const stats_moments *evaluation_member_scores(const evaluation *e, size_t m);
/** Merges Member score groups into n_groups groups: group_of[m] names member m's group. */
void evaluation_merge_members(const evaluation *e, const size_t *group_of, size_t n_groups,
                              stats_moments *out);
/** Merges workshop score groups: group_of[w] names workshop w's group (>= n_groups: none);
 *  out gets each group's respondent scores, female and participants their participant counts
 *  (workshops with counts only). */
void evaluation_merge_workshops(const evaluation *e, const size_t *group_of, size_t n_groups,
                                stats_moments *out, long long *female, long long *participants);
/** Cronbach's alpha of the items over respondents who answered all of them; *n gets their
 *  number. NAN when it cannot be computed (fewer than 2 items or 2 such respondents). */
double evaluation_alpha(const evaluation *e, long long *n);
/** Questionnaires with at least one rating, and those without any. */
long long evaluation_respondents(const evaluation *e);
long long evaluation_unrated(const evaluation *e);

#endif
