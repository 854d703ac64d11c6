/* The annual needs-assessment survey: one submission per Member and year (a later submission
 * supersedes an earlier one), topic statistics, ranking and the comparison with the previous
 * year. Memory grows with Members x years x topics. No I/O. */
#ifndef CBKPI_ANALYZE_NEEDS_H
#define CBKPI_ANALYZE_NEEDS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define NEEDS_NO_ANSWER INT_MIN
#define NEEDS_NO_DATE LONG_MIN
#define NEEDS_SCALE_MIN 1
#define NEEDS_SCALE_MAX 5

typedef struct needs_submission {
    bool present;
    long submitted_at;   /* days since 1970-01-01, or NEEDS_NO_DATE */
    long line;           /* of the row in needs.csv */
    int *ratings;        /* one per topic, NEEDS_NO_ANSWER when blank */
    char *comment;       /* NULL when none */
} needs_submission;

typedef enum needs_outcome {
    NEEDS_KEPT,          /* the first submission of this Member and year */
    NEEDS_REPLACED,      /* it supersedes an earlier submission (whose line is reported) */
    NEEDS_SUPERSEDED,    /* an earlier-read submission was submitted later and stays */
} needs_outcome;

typedef struct needs_topic_stats {
    long long n;
    double mean, median;      /* NAN when n == 0 */
    double high_share;        /* share rating 4-5; NAN when n == 0 */
    long long top_count;      /* ratings of 5 */
    int rank;                 /* 1 = highest need; 0 when no Member rated it */
} needs_topic_stats;

typedef struct needs_survey needs_survey;

/** An empty survey over n_members registered Members and the given topic labels (copied). */
needs_survey *needs_new(size_t n_members, size_t n_topics, const char *const *topics);
/** Frees it; NULL is allowed. */
void needs_free(needs_survey *s);
/** Records one row: member is a registry index, ratings[n_topics] as read. When the Member
 *  already submitted for that year, the later submitted_at wins (equal or missing dates: the
 *  row read later); *other_line gets the line of the submission that lost or won against it. */
needs_outcome needs_add(needs_survey *s, size_t member, int year, long submitted_at, long line,
                        const int *ratings, const char *comment, size_t comment_len,
                        long *other_line);
/** Survey years present, ascending; returns their number and points *years at them. */
size_t needs_years(const needs_survey *s, const int **years);
/** True when year is present. */
bool needs_has_year(const needs_survey *s, int year);
/** The submission of member in year, or NULL when the Member did not respond. */
const needs_submission *needs_submission_of(const needs_survey *s, int year, size_t member);
/** Responding registered Members in year. */
size_t needs_respondents(const needs_survey *s, int year);
size_t needs_topic_count(const needs_survey *s);
const char *needs_topic(const needs_survey *s, size_t topic);
/** Statistics of every topic in year over the Members for which in_group[m] is true (NULL:
 *  all Members); ranks are filled only when rank is true. out has n_topics entries. */
void needs_topic_stats_all(const needs_survey *s, int year, const bool *in_group, bool rank,
                           needs_topic_stats *out);

/* A year's topics in rank order, with the previous year's figures for comparison. */
typedef struct needs_ranking {
    size_t n_topics;
    needs_topic_stats *now;     /* per topic, the year asked for */
    needs_topic_stats *before;  /* per topic, the year before; NULL when it is not in the survey */
    size_t *by_rank;            /* topic indexes, highest need first, unrated topics last */
} needs_ranking;

/** Ranks the topics of year and compares them with year - 1 when present. */
needs_ranking needs_rank_year(const needs_survey *s, int year);
/** Frees what the ranking holds. */
void needs_ranking_free(needs_ranking *r);
/** The change of a topic's mean and rank since the previous year (rank_change > 0: it rose);
 *  false when either year has no rating of it or there is no previous year. */
bool needs_change(const needs_ranking *r, size_t topic, double *mean_change, int *rank_change);
/** The topics whose mean rose (direction 1) or fell (direction -1) most, largest change first,
 *  at most `most` of them in out; returns how many. */
size_t needs_movers(const needs_ranking *r, int direction, size_t most, size_t *out);

#endif
