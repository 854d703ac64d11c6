/* The scorecard's measures: every KPI of a catalogue computed from the streamed inputs
 * (Member status, the activity log, delegations, reported values, workshop evaluations) and
 * judged Met, On track, Off track or No data. Memory grows with KPIs x (periods + Members),
 * never with rows. No I/O. */
#ifndef CBKPI_ANALYZE_MEASURES_H
#define CBKPI_ANALYZE_MEASURES_H

#include <stdbool.h>
#include <stddef.h>

#include "analyze/catalogue.h"
#include "analyze/evaluation.h"
#include "analyze/plan.h"

typedef enum kpi_status { KPI_MET, KPI_ON_TRACK, KPI_OFF_TRACK, KPI_NO_DATA, KPI_STATUS_COUNT } kpi_status;

/* One row of activities.csv, as the measures need it. */
typedef struct activity_row {
    long date;
    const char *action;
    size_t action_len;
    const char *type;
    size_t type_len;
    const size_t *members;      /* registry indexes of the Members involved */
    size_t n_members;
    int flags[FLAG_COUNT];      /* 1 yes, 0 no, -1 not given */
} activity_row;

typedef struct kpi_result {
    kpi_status status;
    bool has_value;
    double value;               /* shares as fractions */
    bool has_interval;          /* 95% interval of a mean or share */
    double low, high;
    bool conclusive;            /* the interval lies wholly on one side of the target */
    bool per_year;              /* year_value holds one value per plan year */
    bool year_has_value[PLAN_MAX_PERIODS];
    double year_value[PLAN_MAX_PERIODS];
    char basis[256];            /* the data behind the value, in words */
} kpi_result;

typedef struct scorecard scorecard;

/** Accumulators for every KPI of the catalogue (which must outlive the scorecard). */
scorecard *scorecard_new(const catalogue *c, const plan_window *w, size_t n_members);
/** Frees it; NULL is allowed. */
void scorecard_free(scorecard *s);
/** A status.csv row: the latest row per Member and action on or before the as-of date counts
 *  (equal dates: the row read later). False when the row is dated after the as-of date. */
bool scorecard_add_status(scorecard *s, size_t member, const char *action, size_t len,
                          int status, long as_of);
/** An activities.csv row; it counts (true) when dated in the window and not after the as-of
 *  date. A KPI whose action code (or, without one, whose type) no counted row carries has No
 *  data; otherwise a count of 0 is a value. */
bool scorecard_add_activity(scorecard *s, const activity_row *a);
/** A delegations.csv row: head_gender is 0 female, 1 male, 2 other. True when it counts: in a
 *  plan year or the year before the window, and not after the as-of date. */
bool scorecard_add_delegation(scorecard *s, long date, int head_gender);
/** A kpi_values.csv row; the latest on or before the as-of date counts. Returns 1 when it
 *  counts, 0 when it is dated after the as-of date, -1 when no manual KPI has that id. */
int scorecard_add_manual(scorecard *s, const char *kpi_id, size_t len, double value, long as_of);
/** The workshop evaluations behind mean_evaluation and female_participation_share (NULL: none). */
void scorecard_set_evaluation(scorecard *s, const evaluation *e);

/** The value and status of KPI i of the catalogue. */
kpi_result scorecard_result(const scorecard *s, size_t i);
/** "Met", "On track", "Off track" or "No data". */
const char *kpi_status_name(kpi_status status);

/** The plan years of the window. */
const plan_periods *scorecard_years(const scorecard *s);
/** Delegations headed by gender g (0 female, 1 male, 2 other) in plan year y; y == -1 is the
 *  year before the window. */
long long scorecard_delegations(const scorecard *s, int y, int g);
/** Counted activities whose action belongs to pillar p (1-4) in plan year y. */
long long scorecard_activities(const scorecard *s, int y, int pillar);
/** The workshop evaluations given to the scorecard, or NULL. */
const evaluation *scorecard_evaluation(const scorecard *s);
/** The latest status of member for action (STATUS_*), or -1 when none. */
int scorecard_member_status(const scorecard *s, size_t member, const char *action);

/** Status of a value that accumulates towards a target by the deadline: Met; On track when not
 *  met, the deadline has not passed, and the value reaches the target scaled by the elapsed
 *  share of the window; Off track otherwise. */
kpi_status kpi_judge_cumulative(const kpi_target *t, double value, double elapsed,
                                bool deadline_passed);
/** Status of a target that applies to each period: Off track when a completed period missed
 *  it; On track when only the current period (elapsed share given) is short, the deadline has
 *  not passed, and it reaches the target scaled by its elapsed share; Met otherwise. values
 *  has n_started entries; the last is current when current_elapsed < 1. */
kpi_status kpi_judge_periods(const kpi_target *t, const double *values, int n_started,
                             double current_elapsed, bool deadline_passed);

#endif
