#include "analyze/catalogue.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/schema.h"
#include "util/alloc.h"

static const char *const measure_names[MEASURE_KINDS] = {
    "members_with_status", "count_total", "count_per_year", "count_per_quarter",
    "count_per_window", "distinct_members_per_year", "distinct_members_total",
    "share_of_activities", "mean_evaluation", "female_participation_share",
    "female_hod_growth", "manual"};

static const char *const flag_names[FLAG_COUNT] = {"requested", "accredited_expert", "request_met"};

bool catalogue_parse_measure(const char *text, measure_kind *out)
{
    for (int m = 0; m < MEASURE_KINDS; m++)
        if (strcasecmp(text, measure_names[m]) == 0) {
            *out = (measure_kind)m;
            return true;
        }
    return false;
}

const char *catalogue_measure_name(measure_kind m)
{
    return measure_names[m];
}

static bool reads_activities(measure_kind m)
{
    return m >= MEASURE_COUNT_TOTAL && m <= MEASURE_SHARE_OF_ACTIVITIES;
}

static void free_words(word_set *set);

void catalogue_filter_free(kpi_filter *f)
{
    free_words(&f->actions);
    free_words(&f->types);
}

static bool split_words(const char *value, size_t len, word_set *set, char *why, size_t cap)
{
    const char *p = value, *end = value + len;
    while (p < end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        if (stop == p || set->n == FILTER_MAX_WORDS || (comma && comma + 1 == end)) {
            snprintf(why, cap, "\"%.*s\" is not a list of values separated by commas", (int)len, value);
            return false;
        }
        set->words[set->n++] = mem_strndup(p, (size_t)(stop - p));
        p = comma ? comma + 1 : end;
    }
    return true;
}

static bool parse_yes_no(const char *value, size_t len, int *out)
{
    if ((len == 3 && strncasecmp(value, "yes", 3) == 0) || (len == 4 && strncasecmp(value, "true", 4) == 0)) {
        *out = 1;
        return true;
    }
    if ((len == 2 && strncasecmp(value, "no", 2) == 0) || (len == 5 && strncasecmp(value, "false", 5) == 0)) {
        *out = 0;
        return true;
    }
    return false;
}

static int flag_index(const char *name, size_t len)
{
    for (int i = 0; i < FLAG_COUNT; i++)
        if (strlen(flag_names[i]) == len && strncasecmp(name, flag_names[i], len) == 0)
            return i;
    return -1;
}

static void free_words(word_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->words[i]);
    set->n = 0;
}

static bool parse_status_set(const char *value, size_t len, unsigned *mask, char *why, size_t cap)
{
    word_set set = {0};
    bool ok = split_words(value, len, &set, why, cap);
    *mask = 0;
    for (size_t i = 0; i < set.n && ok; i++) {
        int found = -1;
        for (int s = 0; schema_statuses[s]; s++)
            if (strcasecmp(set.words[i], schema_statuses[s]) == 0)
                found = s;
        if (found < 0) {
            snprintf(why, cap, "status \"%s\" is not implemented, in_progress, planned or "
                     "not_started", set.words[i]);
            ok = false;
        }
        *mask |= found >= 0 ? 1u << found : 0;
    }
    free_words(&set);
    return ok;
}

/* Applies one key=value term; false with a reason. */
static bool apply_term(const char *key, size_t key_len, const char *value, size_t len,
                       measure_kind m, kpi_filter *f, char *why, size_t cap)
{
#define KEY_IS(name) (key_len == strlen(name) && strncasecmp(key, name, key_len) == 0)
    bool activities = reads_activities(m), status = m == MEASURE_MEMBERS_WITH_STATUS;
    int flag = flag_index(key, key_len);
    if (KEY_IS("action") && (activities || status))
        return split_words(value, len, &f->actions, why, cap);
    if (KEY_IS("type") && activities)
        return split_words(value, len, &f->types, why, cap);
    if (flag >= 0 && activities) {
        if (parse_yes_no(value, len, &f->flags[flag]))
            return true;
        snprintf(why, cap, "%.*s must be yes or no, not \"%.*s\"", (int)key_len, key, (int)len, value);
        return false;
    }
    if (KEY_IS("flag") && m == MEASURE_SHARE_OF_ACTIVITIES) {
        int which = flag_index(value, len);
        if (which >= 0) {
            f->share_flag = (activity_flag)which;
            return true;
        }
        snprintf(why, cap, "flag must be requested, accredited_expert or request_met, not "
                 "\"%.*s\"", (int)len, value);
        return false;
    }
    if (KEY_IS("status") && status)
        return parse_status_set(value, len, &f->status_mask, why, cap);
    if (KEY_IS("years") && m == MEASURE_COUNT_PER_WINDOW) {
        char *end;
        char buffer[16];
        snprintf(buffer, sizeof buffer, "%.*s", (int)(len < 15 ? len : 15), value);
        long years = strtol(buffer, &end, 10);
        if (*end == '\0' && years >= 1 && years <= 10) {
            f->window_years = (int)years;
            return true;
        }
        snprintf(why, cap, "years must be a whole number of years from 1 to 10, not \"%.*s\"",
                 (int)len, value);
        return false;
    }
    snprintf(why, cap, "filter key \"%.*s\" does not apply to measure %s", (int)key_len, key,
             measure_names[m]);
    return false;
#undef KEY_IS
}

bool catalogue_parse_filter(const char *text, measure_kind m, kpi_filter *out, char *why,
                            size_t cap)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < FLAG_COUNT; i++)
        out->flags[i] = -1;
    out->share_flag = FLAG_NONE;
    out->status_mask = 1u << STATUS_IMPLEMENTED;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0')
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        const char *eq = memchr(start, '=', (size_t)(p - start));
        if (eq == NULL || eq == start || eq + 1 == p) {
            snprintf(why, cap, "\"%.*s\" is not key=value", (int)(p - start), start);
            catalogue_filter_free(out);
            return false;
        }
        if (!apply_term(start, (size_t)(eq - start), eq + 1, (size_t)(p - eq - 1), m, out, why, cap)) {
            catalogue_filter_free(out);
            return false;
        }
    }
    if (m == MEASURE_MEMBERS_WITH_STATUS && out->actions.n == 0) {
        snprintf(why, cap, "members_with_status needs action=CODE");
        return false;
    }
    if (m == MEASURE_SHARE_OF_ACTIVITIES && out->share_flag == FLAG_NONE) {
        snprintf(why, cap, "share_of_activities needs flag=requested, accredited_expert or request_met");
        catalogue_filter_free(out);
        return false;
    }
    if (m == MEASURE_COUNT_PER_WINDOW && out->window_years == 0) {
        snprintf(why, cap, "count_per_window needs years=N");
        catalogue_filter_free(out);
        return false;
    }
    return true;
}

bool catalogue_parse_target(const char *text, kpi_target *out, char *why, size_t cap)
{
    static const struct { const char *token; comparator cmp; } comparators[] = {
        {">=", CMP_GE}, {"<=", CMP_LE}, {">", CMP_GT}, {"<", CMP_LT}, {"=", CMP_EQ}};
    const char *p = text;
    while (*p == ' ')
        p++;
    for (size_t i = 0; i < sizeof comparators / sizeof comparators[0]; i++) {
        size_t n = strlen(comparators[i].token);
        if (strncmp(p, comparators[i].token, n) != 0)
            continue;
        /* digits, optionally a point and more digits, optionally % (no signs, exponents, hex) */
        const char *number = p + n, *end = number;
        while (isdigit((unsigned char)*end))
            end++;
        if (end == number)
            break;
        if (*end == '.') {
            const char *fraction = ++end;
            while (isdigit((unsigned char)*end))
                end++;
            if (end == fraction)
                break;
        }
        double value = strtod(number, NULL);
        bool percent = *end == '%';
        if (percent)
            end++;
        while (*end == ' ')
            end++;
        if (*end != '\0' || !isfinite(value))
            break;
        *out = (kpi_target){comparators[i].cmp, percent ? value / 100.0 : value, percent};
        return true;
    }
    snprintf(why, cap, "target \"%s\" is not a comparison with a number such as >=35, >=2 or "
             ">=25%%", text);
    return false;
}

bool catalogue_target_met(const kpi_target *t, double value)
{
    switch (t->cmp) {
    case CMP_GE: return value >= t->number;
    case CMP_GT: return value > t->number;
    case CMP_LE: return value <= t->number;
    case CMP_LT: return value < t->number;
    default: return value == t->number;
    }
}

bool catalogue_words_match(const word_set *set, const char *text, size_t len)
{
    if (set->n == 0)
        return true;
    for (size_t i = 0; i < set->n; i++)
        if (strlen(set->words[i]) == len && strncasecmp(set->words[i], text, len) == 0)
            return true;
    return false;
}

bool catalogue_add(catalogue *c, const char *id, int pillar, const char *action, const char *text,
                   const char *measure, const char *filter, const char *target, long deadline,
                   long line, char *why, size_t cap)
{
    kpi_def k = {.pillar = pillar, .deadline = deadline, .line = line};
    if (!catalogue_parse_measure(measure, &k.measure)) {
        snprintf(why, cap, "measure \"%s\" is not one of members_with_status, count_total, "
                 "count_per_year, count_per_quarter, count_per_window, distinct_members_per_year, "
                 "distinct_members_total, share_of_activities, mean_evaluation, "
                 "female_participation_share, female_hod_growth, manual", measure);
        return false;
    }
    if (!catalogue_parse_target(target, &k.target, why, cap))
        return false;
    if (!catalogue_parse_filter(filter, k.measure, &k.filter, why, cap))
        return false;
    k.id = mem_strdup(id);
    k.action = mem_strdup(action);
    k.text = mem_strdup(text);
    k.filter_text = mem_strdup(filter);
    k.target_text = mem_strdup(target);
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->kpis = mem_realloc(c->kpis, c->cap * sizeof *c->kpis);
    }
    c->kpis[c->count++] = k;
    return true;
}

void catalogue_free(catalogue *c)
{
    for (size_t i = 0; i < c->count; i++) {
        kpi_def *k = &c->kpis[i];
        free(k->id);
        free(k->action);
        free(k->text);
        free(k->filter_text);
        free(k->target_text);
        catalogue_filter_free(&k->filter);
    }
    free(c->kpis);
    memset(c, 0, sizeof *c);
}
