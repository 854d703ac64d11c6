#include "analyze/measures.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/schema.h"
#include "util/alloc.h"
#include "util/keyset.h"
#include "util/text.h"

/* Latest status of one Member for one action. */
typedef struct status_cell {
    long as_of;        /* LONG_MIN: no row */
    int status;
} status_cell;

/* What an activity-based KPI accumulates. */
typedef struct activity_acc {
    plan_periods periods;
    long long about;                        /* rows behind the measure: its action (or type) */
    long long matched;                      /* rows matching the whole filter */
    long long counts[PLAN_MAX_PERIODS];
    unsigned char *members;                 /* bitset per period, then one for the whole window */
    long long flag_given, flag_true;        /* share_of_activities */
} activity_acc;

struct scorecard {
    const catalogue *cat;
    plan_window window;
    size_t n_members;
    size_t member_bytes;
    plan_periods years;
    keyset *status_actions;
    status_cell **status;                   /* per status action: per Member */
    activity_acc *acc;                      /* per KPI */
    long long delegations[PLAN_MAX_PERIODS + 1][3];   /* [0] is the year before the window */
    bool delegations_before;                /* any delegation in the year before the window */
    long long delegations_in_window;
    long long activities[PLAN_MAX_PERIODS][4];
    double *manual_value;                   /* per KPI */
    long *manual_as_of;                     /* per KPI; LONG_MIN when none */
    const evaluation *evaluation;
};

const char *kpi_status_name(kpi_status status)
{
    static const char *const names[KPI_STATUS_COUNT] = {"Met", "On track", "Off track", "No data"};
    return names[status];
}

static bool reads_activities(measure_kind m)
{
    return m >= MEASURE_COUNT_TOTAL && m <= MEASURE_SHARE_OF_ACTIVITIES;
}

static int period_months(const kpi_def *k)
{
    switch (k->measure) {
    case MEASURE_COUNT_PER_QUARTER: return 3;
    case MEASURE_COUNT_PER_WINDOW: return 12 * k->filter.window_years;
    default: return 12;
    }
}

scorecard *scorecard_new(const catalogue *c, const plan_window *w, size_t n_members)
{
    scorecard *s = mem_calloc(1, sizeof *s);
    s->cat = c;
    s->window = *w;
    s->n_members = n_members;
    s->member_bytes = n_members / 8 + 1;
    s->years = plan_divide(w, PERIOD_YEAR, 12);
    s->status_actions = keyset_new();
    s->acc = mem_calloc(c->count ? c->count : 1, sizeof *s->acc);
    s->manual_value = mem_calloc(c->count ? c->count : 1, sizeof *s->manual_value);
    s->manual_as_of = mem_alloc((c->count ? c->count : 1) * sizeof *s->manual_as_of);
    for (size_t i = 0; i < c->count; i++) {
        const kpi_def *k = &c->kpis[i];
        s->manual_as_of[i] = LONG_MIN;
        if (!reads_activities(k->measure))
            continue;
        period_kind kind = k->measure == MEASURE_COUNT_PER_QUARTER ? PERIOD_QUARTER
                         : k->measure == MEASURE_COUNT_PER_WINDOW ? PERIOD_WINDOW : PERIOD_YEAR;
        s->acc[i].periods = plan_divide(w, kind, period_months(k));
        s->acc[i].members = mem_calloc((size_t)(s->acc[i].periods.count + 1), s->member_bytes);
    }
    return s;
}

void scorecard_free(scorecard *s)
{
    if (s == NULL)
        return;
    for (size_t a = 0; a < keyset_count(s->status_actions); a++)
        free(s->status[a]);
    free(s->status);
    keyset_free(s->status_actions);
    for (size_t i = 0; i < s->cat->count; i++)
        free(s->acc[i].members);
    free(s->acc);
    free(s->manual_value);
    free(s->manual_as_of);
    free(s);
}

/* Action codes compare without regard to case or surrounding spaces ("1.A" is "1.a"). */
static size_t action_key(const char *action, size_t len, char *out, size_t cap)
{
    while (len > 0 && (*action == ' ' || *action == '\t'))
        action++, len--;
    while (len > 0 && (action[len - 1] == ' ' || action[len - 1] == '\t'))
        len--;
    size_t n = 0;
    for (; n < len && n + 1 < cap; n++)
        out[n] = (char)tolower((unsigned char)action[n]);
    out[n] = '\0';
    return n;
}

bool scorecard_add_status(scorecard *s, size_t member, const char *action, size_t len,
                          int status, long as_of)
{
    if (as_of > s->window.as_of || member >= s->n_members)
        return false;
    char key[128];
    size_t key_len = action_key(action, len, key, sizeof key);
    size_t a;
    if (keyset_add(s->status_actions, key, key_len, &a)) {
        s->status = mem_realloc(s->status, keyset_count(s->status_actions) * sizeof *s->status);
        s->status[a] = mem_alloc((s->n_members ? s->n_members : 1) * sizeof **s->status);
        for (size_t m = 0; m < s->n_members; m++)
            s->status[a][m] = (status_cell){LONG_MIN, -1};
    }
    status_cell *c = &s->status[a][member];
    if (as_of >= c->as_of)
        *c = (status_cell){as_of, status};
    return true;
}

static bool activity_matches(const kpi_filter *f, const activity_row *a)
{
    if (!catalogue_words_match(&f->actions, a->action, a->action_len) ||
        !catalogue_words_match(&f->types, a->type, a->type_len))
        return false;
    for (int g = 0; g < FLAG_COUNT; g++)
        if (f->flags[g] >= 0 && a->flags[g] != f->flags[g])
            return false;
    return true;
}

static void set_bit(unsigned char *bits, size_t i)
{
    bits[i / 8] |= (unsigned char)(1u << (i % 8));
}

static size_t count_bits(const unsigned char *bits, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        for (unsigned char b = bits[i]; b; b &= (unsigned char)(b - 1))
            n++;
    return n;
}

bool scorecard_add_activity(scorecard *s, const activity_row *a)
{
    if (!plan_counts(&s->window, a->date))
        return false;
    int year = plan_period_of(&s->years, a->date);
    if (year >= 0 && a->action_len > 0 && a->action[0] >= '1' && a->action[0] <= '4')
        s->activities[year][a->action[0] - '1']++;
    for (size_t i = 0; i < s->cat->count; i++) {
        const kpi_def *k = &s->cat->kpis[i];
        if (!reads_activities(k->measure))
            continue;
        activity_acc *acc = &s->acc[i];
        const word_set *topic = k->filter.actions.n ? &k->filter.actions : &k->filter.types;
        acc->about += catalogue_words_match(topic, topic == &k->filter.actions ? a->action : a->type,
                                            topic == &k->filter.actions ? a->action_len : a->type_len);
        int p = plan_period_of(&acc->periods, a->date);
        if (p < 0 || !activity_matches(&k->filter, a))
            continue; /* p < 0 only past the last period a window can be divided into */
        acc->matched++;
        acc->counts[p]++;
        for (size_t m = 0; m < a->n_members; m++) {
            set_bit(acc->members + (size_t)p * s->member_bytes, a->members[m]);
            set_bit(acc->members + (size_t)acc->periods.count * s->member_bytes, a->members[m]);
        }
        if (k->measure == MEASURE_SHARE_OF_ACTIVITIES && a->flags[k->filter.share_flag] >= 0) {
            acc->flag_given++;
            acc->flag_true += a->flags[k->filter.share_flag];
        }
    }
    return true;
}

/* delegations[0] is the plan year before the window; plan year y is delegations[y + 1]. */
bool scorecard_add_delegation(scorecard *s, long date, int head_gender)
{
    if (date > s->window.as_of || head_gender < 0 || head_gender > 2)
        return false;
    int year = plan_period_of(&s->years, date);
    if (year >= 0) {
        s->delegations[year + 1][head_gender]++;
        s->delegations_in_window++;
        return true;
    }
    if (date < s->window.start && date >= plan_add_months(s->window.start, -12)) {
        s->delegations[0][head_gender]++;
        s->delegations_before = true;
        return true;
    }
    return false;
}

int scorecard_add_manual(scorecard *s, const char *kpi_id, size_t len, double value, long as_of)
{
    int known = -1;
    for (size_t i = 0; i < s->cat->count; i++) {
        const kpi_def *k = &s->cat->kpis[i];
        if (k->measure != MEASURE_MANUAL || strlen(k->id) != len || strncmp(k->id, kpi_id, len) != 0)
            continue;
        known = as_of <= s->window.as_of;
        if (known && as_of >= s->manual_as_of[i]) {
            s->manual_as_of[i] = as_of;
            s->manual_value[i] = value;
        }
    }
    return known;
}

void scorecard_set_evaluation(scorecard *s, const evaluation *e)
{
    s->evaluation = e;
}

/* ---- judging ------------------------------------------------------------------------------ */

static bool can_prorate(const kpi_target *t)
{
    return t->cmp == CMP_GE || t->cmp == CMP_GT;
}

kpi_status kpi_judge_cumulative(const kpi_target *t, double value, double elapsed,
                                bool deadline_passed)
{
    if (catalogue_target_met(t, value))
        return KPI_MET;
    if (deadline_passed || !can_prorate(t))
        return KPI_OFF_TRACK;
    return value >= t->number * elapsed ? KPI_ON_TRACK : KPI_OFF_TRACK;
}

kpi_status kpi_judge_periods(const kpi_target *t, const double *values, int n_started,
                             double current_elapsed, bool deadline_passed)
{
    kpi_status status = KPI_MET;
    for (int p = 0; p < n_started; p++) {
        if (catalogue_target_met(t, values[p]))
            continue;
        bool current = p == n_started - 1 && current_elapsed < 1.0;
        if (current && !deadline_passed && can_prorate(t) && values[p] >= t->number * current_elapsed)
            status = KPI_ON_TRACK;
        else
            return KPI_OFF_TRACK;
    }
    return status;
}

/* ---- results ------------------------------------------------------------------------------ */

static double window_elapsed(const scorecard *s, const kpi_def *k)
{
    return plan_elapsed(s->window.start, k->deadline, s->window.as_of);
}

static void members_with_status(const scorecard *s, const kpi_def *k, kpi_result *r)
{
    long long with_rows = 0, counted = 0;
    for (size_t m = 0; m < s->n_members; m++) {
        bool any = false, in_set = false;
        for (size_t w = 0; w < k->filter.actions.n; w++) {
            size_t a;
            char key[128];
            const char *action = k->filter.actions.words[w];
            size_t key_len = action_key(action, strlen(action), key, sizeof key);
            if (!keyset_find(s->status_actions, key, key_len, &a))
                continue;
            const status_cell *c = &s->status[a][m];
            if (c->status < 0)
                continue;
            any = true;
            in_set |= (k->filter.status_mask >> c->status) & 1u;
        }
        with_rows += any;
        counted += in_set;
    }
    if (with_rows == 0)
        return;
    r->has_value = true;
    r->value = (double)counted;
    snprintf(r->basis, sizeof r->basis, "%lld of %zu Members (%lld with a status for %s)",
             counted, s->n_members, with_rows, k->action);
    r->status = kpi_judge_cumulative(&k->target, r->value, window_elapsed(s, k),
                                     s->window.as_of > k->deadline);
}

/* Value per started period of an activity KPI: counts, or distinct Members. */
static int period_values(const scorecard *s, const kpi_def *k, const activity_acc *acc,
                         double *values)
{
    int current = plan_current_period(&acc->periods, s->window.as_of < k->deadline
                                                         ? s->window.as_of : k->deadline);
    for (int p = 0; p <= current; p++)
        values[p] = k->measure == MEASURE_DISTINCT_MEMBERS_PER_YEAR
                        ? (double)count_bits(acc->members + (size_t)p * s->member_bytes, s->member_bytes)
                        : (double)acc->counts[p];
    return current + 1;
}

static void activity_measure(const scorecard *s, size_t i, const kpi_def *k, kpi_result *r)
{
    const activity_acc *acc = &s->acc[i];
    char count[32];
    text_thousands(acc->matched, count, sizeof count);
    if (acc->about == 0)
        return;
    r->has_value = true; /* unset again below where no value can be given */
    bool passed = s->window.as_of > k->deadline;
    switch (k->measure) {
    case MEASURE_COUNT_TOTAL:
        r->value = (double)acc->matched;
        snprintf(r->basis, sizeof r->basis, "%s matching activities in the window", count);
        r->status = kpi_judge_cumulative(&k->target, r->value, window_elapsed(s, k), passed);
        return;
    case MEASURE_DISTINCT_MEMBERS_TOTAL:
        r->value = (double)count_bits(acc->members + (size_t)acc->periods.count * s->member_bytes,
                                      s->member_bytes);
        snprintf(r->basis, sizeof r->basis, "%.0f Members in %s matching activities", r->value, count);
        r->status = kpi_judge_cumulative(&k->target, r->value, window_elapsed(s, k), passed);
        return;
    case MEASURE_SHARE_OF_ACTIVITIES:
        if (acc->flag_given == 0) {
            r->has_value = false;
            return;
        }
        {
            estimate e = estimate_share(acc->flag_true, acc->flag_given);
            r->value = e.value;
            r->has_interval = e.has_interval;
            r->low = e.low;
            r->high = e.high;
            r->conclusive = e.has_interval && (catalogue_target_met(&k->target, e.low) ==
                                               catalogue_target_met(&k->target, e.high));
            snprintf(r->basis, sizeof r->basis, "%lld of %lld matching activities", acc->flag_true,
                     acc->flag_given);
            r->status = catalogue_target_met(&k->target, r->value) ? KPI_MET : KPI_OFF_TRACK;
        }
        return;
    default: {
        double values[PLAN_MAX_PERIODS];
        int started = period_values(s, k, acc, values);
        if (started <= 0) {
            r->has_value = false;
            return;
        }
        const plan_periods *p = &acc->periods;
        long until = s->window.as_of < k->deadline ? s->window.as_of : k->deadline;
        double elapsed = plan_elapsed(p->first[started - 1], p->last[started - 1], until);
        r->value = values[started - 1];
        r->per_year = k->measure == MEASURE_COUNT_PER_YEAR ||
                      k->measure == MEASURE_DISTINCT_MEMBERS_PER_YEAR;
        for (int y = 0; r->per_year && y < started; y++) {
            r->year_has_value[y] = true;
            r->year_value[y] = values[y];
        }
        size_t used = (size_t)snprintf(r->basis, sizeof r->basis, "%s", "");
        for (int y = 0; y < started && used < sizeof r->basis; y++) {
            char label[32];
            plan_period_label(p, y, label, sizeof label);
            used += (size_t)snprintf(r->basis + used, sizeof r->basis - used, "%s%s: %.0f", y ? ", " : "",
                                     label, values[y]);
        }
        if (used < sizeof r->basis)
            snprintf(r->basis + used, sizeof r->basis - used, "%s",
                     k->measure == MEASURE_DISTINCT_MEMBERS_PER_YEAR ? " Members" : "");
        r->status = kpi_judge_periods(&k->target, values, started, elapsed, passed);
        return;
    }
    }
}

static void evaluation_measure(const scorecard *s, const kpi_def *k, kpi_result *r)
{
    if (s->evaluation == NULL)
        return;
    bool mean = k->measure == MEASURE_MEAN_EVALUATION;
    estimate e = mean ? evaluation_programme_score(s->evaluation)
                      : evaluation_female_share(s->evaluation);
    if (!e.has_value)
        return;
    r->has_value = true;
    r->value = e.value;
    r->has_interval = e.has_interval;
    r->low = e.low;
    r->high = e.high;
    r->conclusive = e.has_interval && catalogue_target_met(&k->target, e.low) ==
                                          catalogue_target_met(&k->target, e.high);
    char n[32];
    text_thousands(e.n, n, sizeof n);
    if (mean)
        snprintf(r->basis, sizeof r->basis, "mean of %s respondent scores", n);
    else
        snprintf(r->basis, sizeof r->basis, "%lld of %s participants", llround(e.value * (double)e.n), n);
    r->status = catalogue_target_met(&k->target, r->value) ? KPI_MET : KPI_OFF_TRACK;
}

/* The value is the latest plan year's growth ("n/a" when undefined); Met when every plan year
 * with a defined growth reaches the target. */
static void hod_growth(const scorecard *s, const kpi_def *k, kpi_result *r)
{
    if (s->delegations_in_window == 0)
        return;
    int current = plan_current_period(&s->years, s->window.as_of);
    bool any = false, all_met = true;
    r->per_year = true;
    size_t used = (size_t)snprintf(r->basis, sizeof r->basis, "headed by a woman:");
    if (s->delegations_before)
        used += (size_t)snprintf(r->basis + used, sizeof r->basis - used, " before the window %lld;",
                                 s->delegations[0][0]);
    for (int y = 0; y <= current; y++) {
        long long previous = s->delegations[y][0], now = s->delegations[y + 1][0];
        char label[32];
        plan_period_label(&s->years, y, label, sizeof label);
        if (used < sizeof r->basis)
            used += (size_t)snprintf(r->basis + used, sizeof r->basis - used, " %s %lld%s", label,
                                     now, y < current ? ";" : "");
        r->has_value = false;
        if (previous == 0 || (y == 0 && !s->delegations_before))
            continue; /* growth from nothing is undefined, never 0 or infinite */
        double growth = (double)(now - previous) / (double)previous;
        r->year_has_value[y] = true;
        r->year_value[y] = growth;
        r->has_value = true;
        r->value = growth;
        any = true;
        all_met &= catalogue_target_met(&k->target, growth);
    }
    if (!any)
        return;
    r->status = all_met ? KPI_MET : KPI_OFF_TRACK;
    /* The current plan year is still filling up: it is on track when its count reaches the
     * growth target pro-rated by the share of the year elapsed (every earlier year met). */
    if (!all_met && current >= 0 && s->window.as_of <= k->deadline && can_prorate(&k->target)) {
        double elapsed = plan_elapsed(s->years.first[current], s->years.last[current],
                                      s->window.as_of);
        long long previous = s->delegations[current][0], now = s->delegations[current + 1][0];
        bool earlier_met = true;
        for (int y = 0; y < current; y++)
            earlier_met &= !r->year_has_value[y] || catalogue_target_met(&k->target, r->year_value[y]);
        if (elapsed < 1.0 && earlier_met && r->year_has_value[current] &&
            (double)now >= (double)previous * (1.0 + k->target.number) * elapsed)
            r->status = KPI_ON_TRACK;
    }
}

static void manual_measure(const scorecard *s, size_t i, const kpi_def *k, kpi_result *r)
{
    if (s->manual_as_of[i] == LONG_MIN)
        return;
    r->has_value = true;
    r->value = s->manual_value[i];
    snprintf(r->basis, sizeof r->basis, "reported in kpi_values.csv");
    r->status = kpi_judge_cumulative(&k->target, r->value, window_elapsed(s, k),
                                     s->window.as_of > k->deadline);
}

kpi_result scorecard_result(const scorecard *s, size_t i)
{
    kpi_result r;
    memset(&r, 0, sizeof r);
    r.status = KPI_NO_DATA;
    const kpi_def *k = &s->cat->kpis[i];
    switch (k->measure) {
    case MEASURE_MEMBERS_WITH_STATUS: members_with_status(s, k, &r); break;
    case MEASURE_MEAN_EVALUATION:
    case MEASURE_FEMALE_PARTICIPATION_SHARE: evaluation_measure(s, k, &r); break;
    case MEASURE_FEMALE_HOD_GROWTH: hod_growth(s, k, &r); break;
    case MEASURE_MANUAL: manual_measure(s, i, k, &r); break;
    default: activity_measure(s, i, k, &r); break;
    }
    if (r.status == KPI_NO_DATA && r.basis[0] == '\0')
        snprintf(r.basis, sizeof r.basis, "no input rows behind this measure");
    return r;
}

const plan_periods *scorecard_years(const scorecard *s)
{
    return &s->years;
}

long long scorecard_delegations(const scorecard *s, int y, int g)
{
    return s->delegations[y + 1][g];
}

long long scorecard_activities(const scorecard *s, int y, int pillar)
{
    return s->activities[y][pillar - 1];
}

int scorecard_member_status(const scorecard *s, size_t member, const char *action)
{
    size_t a;
    char key[128];
    size_t key_len = action_key(action, strlen(action), key, sizeof key);
    if (!keyset_find(s->status_actions, key, key_len, &a))
        return -1;
    return s->status[a][member].status;
}

const evaluation *scorecard_evaluation(const scorecard *s)
{
    return s->evaluation;
}
