#include "analyze/plan.h"

#include <stdbool.h>
#include <stdio.h>

#include "util/date.h"

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

long plan_add_months(long day, int months)
{
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) + months;
    y = (int)(total / 12);
    m = (int)(total % 12) + 1;
    int last = days_in_month(y, m);
    return date_from_civil(y, m, d < last ? d : last);
}

/* The first day of the month `months` months after the month of day. */
static long month_start(long day, int months)
{
    int y, m, d;
    date_to_civil(day, &y, &m, &d);
    return plan_add_months(date_from_civil(y, m, 1), months);
}

plan_periods plan_divide(const plan_window *w, period_kind kind, int months)
{
    plan_periods p = {.kind = kind, .months = months};
    /* A period runs from its start month to the month before the next one: when the window
     * starts mid-month, the first period is the short one and the others start on the 1st. */
    for (long first = w->start; first <= w->end && p.count < PLAN_MAX_PERIODS; p.count++) {
        long next = month_start(w->start, months * (p.count + 1));
        p.first[p.count] = first;
        p.last[p.count] = next - 1 < w->end ? next - 1 : w->end;
        first = next;
    }
    return p;
}

int plan_period_of(const plan_periods *p, long day)
{
    for (int i = 0; i < p->count; i++)
        if (day >= p->first[i] && day <= p->last[i])
            return i;
    return -1;
}

static void year_label(long first, char *out, size_t cap)
{
    int y, m, d;
    date_to_civil(first, &y, &m, &d);
    if (m == 1 && d == 1)
        snprintf(out, cap, "%d", y);
    else
        snprintf(out, cap, "%d/%02d", y, (y + 1) % 100);
}

void plan_period_label(const plan_periods *p, int i, char *out, size_t cap)
{
    char a[16], b[16];
    if (p->kind == PERIOD_YEAR) {
        year_label(p->first[i], out, cap);
    } else if (p->kind == PERIOD_QUARTER) {
        int per_year = 12 / p->months;
        year_label(p->first[i - i % per_year], a, sizeof a);
        snprintf(out, cap, "%s Q%d", a, i % per_year + 1);
    } else {
        /* from the first plan year of the window to the last one it reaches */
        int k = p->months / 12 - 1;
        while (k > 0 && plan_add_months(p->first[i], 12 * k) > p->last[i])
            k--;
        year_label(p->first[i], a, sizeof a);
        year_label(plan_add_months(p->first[i], 12 * k), b, sizeof b);
        snprintf(out, cap, "%s-%s", a, b);
    }
}

double plan_elapsed(long first, long last, long as_of)
{
    if (as_of < first)
        return 0.0;
    if (as_of >= last)
        return 1.0;
    return (double)(as_of - first + 1) / (double)(last - first + 1);
}

bool plan_counts(const plan_window *w, long day)
{
    return day >= w->start && day <= w->end && day <= w->as_of;
}

int plan_current_period(const plan_periods *p, long as_of)
{
    if (p->count == 0 || as_of < p->first[0])
        return -1;
    int i = plan_period_of(p, as_of);
    return i >= 0 ? i : p->count - 1;
}
