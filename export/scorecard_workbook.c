#include "export/scorecard_workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/schema.h"
#include "util/alloc.h"

#define MAX_PILLARS 9

static lxw_format *status_format(xlsx_book *book, kpi_status status)
{
    switch (status) {
    case KPI_MET: return book->f.met;
    case KPI_ON_TRACK: return book->f.amber;
    case KPI_OFF_TRACK: return book->f.below;
    default: return book->f.neutral;
    }
}

static lxw_format *value_format(xlsx_book *book, const kpi_def *k)
{
    if (k->target.percent || k->measure == MEASURE_SHARE_OF_ACTIVITIES ||
        k->measure == MEASURE_FEMALE_PARTICIPATION_SHARE || k->measure == MEASURE_FEMALE_HOD_GROWTH)
        return book->f.percent;
    if (k->measure == MEASURE_MEAN_EVALUATION)
        return book->f.mean;
    return book->f.number;
}

static const char *pillar_name(int pillar)
{
    static const char *const names[] = {
        "", "Pillar 1: WCO conventions, instruments and tools",
        "Pillar 2: development partners",
        "Pillar 3: needs analysis, planning, delivery and management",
        "Pillar 4: communication and information sharing"};
    return pillar >= 1 && pillar <= 4 ? names[pillar] : NULL;
}

static void write_summary(xlsx_book *book, const scorecard_report *r, kpi_status *statuses)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Summary");
    char text[320], a[40], b[40], c[40];
    xlsx_text(book, sheet, 0, 0, "Strategic Action Plan scorecard", book->f.title);
    export_long_date(r->window.start, a, sizeof a);
    export_long_date(r->window.end, b, sizeof b);
    export_long_date(r->window.as_of, c, sizeof c);
    double elapsed = plan_elapsed(r->window.start, r->window.end, r->window.as_of);
    snprintf(text, sizeof text, "Plan window %s to %s; data as of %s, %.0f%% of the window "
             "elapsed", a, b, c, 100.0 * elapsed);
    xlsx_text(book, sheet, 1, 0, text, book->f.subtitle);
    static const char *const headers[] = {"Pillar", "Met", "On track", "Off track", "No data", "KPIs"};
    xlsx_header(book, sheet, 3, headers, 6);
    long counts[MAX_PILLARS + 1][KPI_STATUS_COUNT] = {{0}};
    bool present[MAX_PILLARS + 1] = {false};
    for (size_t i = 0; i < r->catalogue->count; i++) {
        int p = r->catalogue->kpis[i].pillar;
        p = p >= 1 && p <= MAX_PILLARS ? p : 0;
        present[p] = true;
        counts[p][statuses[i]]++;
    }
    int row = 4;
    long totals[KPI_STATUS_COUNT] = {0};
    for (int p = 0; p <= MAX_PILLARS; p++) {
        if (!present[p])
            continue;
        const char *name = pillar_name(p);
        snprintf(text, sizeof text, "Pillar %d", p);
        xlsx_text(book, sheet, row, 0, name ? name : text, book->f.text);
        long all = 0;
        for (int s = 0; s < KPI_STATUS_COUNT; s++) {
            xlsx_number(book, sheet, row, 1 + s, (double)counts[p][s], book->f.integer);
            totals[s] += counts[p][s];
            all += counts[p][s];
        }
        xlsx_number(book, sheet, row, 5, (double)all, book->f.integer);
        row++;
    }
    int last_pillar_row = row - 1;
    xlsx_text(book, sheet, row, 0, "All KPIs", book->f.label);
    for (int s = 0; s < KPI_STATUS_COUNT; s++)
        xlsx_number(book, sheet, row, 1 + s, (double)totals[s], book->f.integer);
    xlsx_number(book, sheet, row, 5, (double)r->catalogue->count, book->f.integer);
    for (int s = 0; s < KPI_STATUS_COUNT; s++)
        xlsx_text(book, sheet, 3, 1 + s, kpi_status_name((kpi_status)s), status_format(book, (kpi_status)s));
    xlsx_text(book, sheet, row + 2, 0, "Status: Met = target reached; On track = not yet, but at or "
              "above the target pro-rated by the time elapsed; Off track = below that; No data = "
              "no input rows behind the measure.", book->f.subtitle);
    lxw_chart *chart = workbook_add_chart(book->wb, LXW_CHART_BAR_STACKED);
    chart_title_set_name(chart, "KPIs by status and pillar");
    static const lxw_color_t colors[KPI_STATUS_COUNT] = {0x70AD47, 0xFFC000, 0xC00000, 0xBFBFBF};
    char categories[96], values[96];
    xlsx_range(categories, sizeof categories, "Summary", 4, 0, last_pillar_row, 0);
    for (int s = 0; s < KPI_STATUS_COUNT; s++) {
        xlsx_range(values, sizeof values, "Summary", 4, 1 + s, last_pillar_row, 1 + s);
        lxw_chart_series *series = chart_add_series(chart, categories, values);
        chart_series_set_name(series, kpi_status_name((kpi_status)s));
        lxw_chart_fill fill = {.color = colors[s]};
        chart_series_set_fill(series, &fill);
    }
    chart_axis_set_reverse(chart->y_axis);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    xlsx_chart(book, sheet, row + 4, 0, chart, 2.0, 1.2);
}

static void write_scorecard(xlsx_book *book, const scorecard_report *r, const kpi_result *results)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Scorecard");
    const plan_periods *years = scorecard_years(r->scorecard);
    static const char *const fixed[] = {"ID", "Pillar", "KPI", "Target", "Value", "Status"};
    xlsx_header(book, sheet, 0, fixed, 6);
    int col = 6;
    for (int y = 0; y < years->count; y++) {
        char label[32];
        plan_period_label(years, y, label, sizeof label);
        xlsx_text(book, sheet, 0, col++, label, book->f.header);
    }
    static const char *const more[] = {"CI low", "CI high", "Conclusive", "Based on", "Action",
                                       "Measure", "Filter"};
    for (int i = 0; i < 7; i++)
        xlsx_text(book, sheet, 0, col + i, more[i], book->f.header);
    int row = 1;
    /* Grouped by pillar, in catalogue order within a pillar (a stable insertion sort). */
    size_t n = r->catalogue->count, *order = mem_alloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++) {
        size_t at = i;
        while (at > 0 && r->catalogue->kpis[order[at - 1]].pillar > r->catalogue->kpis[i].pillar) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = i;
    }
    for (size_t j = 0; j < n; j++, row++) {
        size_t i = order[j];
        const kpi_def *k = &r->catalogue->kpis[i];
        const kpi_result *res = &results[i];
        lxw_format *vf = value_format(book, k);
        xlsx_text(book, sheet, row, 0, k->id, book->f.text);
        xlsx_number(book, sheet, row, 1, k->pillar, book->f.integer);
        xlsx_text(book, sheet, row, 2, k->text, book->f.text);
        xlsx_text(book, sheet, row, 3, k->target_text, book->f.text);
        if (res->has_value)
            xlsx_number(book, sheet, row, 4, res->value, vf);
        else if (res->status != KPI_NO_DATA)
            xlsx_text(book, sheet, row, 4, "n/a", book->f.text);
        xlsx_text(book, sheet, row, 5, kpi_status_name(res->status), status_format(book, res->status));
        for (int y = 0; res->per_year && y < years->count; y++) {
            if (res->year_has_value[y])
                xlsx_number(book, sheet, row, 6 + y, res->year_value[y], vf);
            else if (k->measure == MEASURE_FEMALE_HOD_GROWTH && y <= plan_current_period(years, r->window.as_of))
                xlsx_text(book, sheet, row, 6 + y, "n/a", book->f.text);
        }
        if (res->has_interval) {
            xlsx_number(book, sheet, row, col, res->low, vf);
            xlsx_number(book, sheet, row, col + 1, res->high, vf);
            xlsx_text(book, sheet, row, col + 2, res->conclusive ? "yes" : "no", book->f.text);
        }
        xlsx_text(book, sheet, row, col + 3, res->basis, book->f.text);
        xlsx_text(book, sheet, row, col + 4, k->action, book->f.text);
        xlsx_text(book, sheet, row, col + 5, catalogue_measure_name(k->measure), book->f.text);
        xlsx_text(book, sheet, row, col + 6, k->filter_text, book->f.text);
    }
    free(order);
    xlsx_set_width(sheet, 2, 70);
    xlsx_set_width(sheet, col + 3, 50);
    xlsx_table(book, sheet, 0, row - 1, col + 7);
    worksheet_freeze_panes(sheet->ws, 1, 1);
}

static void write_trends(xlsx_book *book, const scorecard_report *r)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Trends");
    const plan_periods *years = scorecard_years(r->scorecard);
    static const char *const headers[] = {
        "Plan year", "Evaluation score", "Respondents", "Female share", "Participants",
        "HoD female", "HoD male", "HoD other", "Female HoD growth", "Activities pillar 1",
        "Activities pillar 2", "Activities pillar 3", "Activities pillar 4"};
    xlsx_header(book, sheet, 0, headers, 13);
    const evaluation *e = scorecard_evaluation(r->scorecard);
    size_t n_groups = (size_t)years->count;
    stats_moments scores[PLAN_MAX_PERIODS];
    long long female[PLAN_MAX_PERIODS], participants[PLAN_MAX_PERIODS];
    if (e) {
        size_t n = evaluation_workshop_count(e);
        size_t *group_of = mem_alloc((n ? n : 1) * sizeof *group_of);
        for (size_t w = 0; w < n; w++) {
            int y = plan_period_of(years, evaluation_workshop_info(e, w)->start_date);
            group_of[w] = y >= 0 ? (size_t)y : n_groups;
        }
        evaluation_merge_workshops(e, group_of, n_groups, scores, female, participants);
        free(group_of);
    }
    int row = 1;
    xlsx_text(book, sheet, row, 0, "Year before the window", book->f.text);
    for (int g = 0; g < 3; g++)
        xlsx_number(book, sheet, row, 5 + g, (double)scorecard_delegations(r->scorecard, -1, g),
                    book->f.integer);
    int current = plan_current_period(years, r->window.as_of);
    for (int y = 0; y <= current; y++) {
        row++;
        char label[32];
        plan_period_label(years, y, label, sizeof label);
        xlsx_text(book, sheet, row, 0, label, book->f.text);
        if (e && scores[y].n > 0) {
            xlsx_number(book, sheet, row, 1, stats_moments_mean(&scores[y]), book->f.mean);
            xlsx_number(book, sheet, row, 2, (double)scores[y].n, book->f.integer);
        }
        if (e && participants[y] > 0) {
            xlsx_number(book, sheet, row, 3, (double)female[y] / (double)participants[y], book->f.percent);
            xlsx_number(book, sheet, row, 4, (double)participants[y], book->f.integer);
        }
        for (int g = 0; g < 3; g++)
            xlsx_number(book, sheet, row, 5 + g, (double)scorecard_delegations(r->scorecard, y, g),
                        book->f.integer);
        long long before = scorecard_delegations(r->scorecard, y - 1, 0);
        if (before > 0)
            xlsx_number(book, sheet, row, 8,
                        (double)(scorecard_delegations(r->scorecard, y, 0) - before) / (double)before,
                        book->f.percent);
        else
            xlsx_text(book, sheet, row, 8, "n/a", book->f.text);
        for (int p = 1; p <= 4; p++)
            xlsx_number(book, sheet, row, 8 + p, (double)scorecard_activities(r->scorecard, y, p),
                        book->f.integer);
    }
    xlsx_table(book, sheet, 0, row, 13);
    if (current < 0)
        return;
    char categories[96], values[96];
    xlsx_range(categories, sizeof categories, "Trends", 2, 0, row, 0);
    lxw_chart *shares = workbook_add_chart(book->wb, LXW_CHART_LINE);
    chart_title_set_name(shares, "Women: share of participants and growth of female heads of delegation");
    static const int share_columns[] = {3, 8};
    static const char *const share_names[] = {"Female share of participants", "Female HoD growth"};
    for (int i = 0; i < 2; i++) {
        xlsx_range(values, sizeof values, "Trends", 2, share_columns[i], row, share_columns[i]);
        lxw_chart_series *s = chart_add_series(shares, categories, values);
        chart_series_set_name(s, share_names[i]);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
    }
    chart_axis_set_num_format(shares->y_axis, "0%");
    chart_legend_set_position(shares, LXW_CHART_LEGEND_BOTTOM);
    xlsx_chart(book, sheet, row + 2, 0, shares, 1.5, 1.1);
    lxw_chart *activity = workbook_add_chart(book->wb, LXW_CHART_LINE);
    chart_title_set_name(activity, "Activities per pillar");
    for (int p = 1; p <= 4; p++) {
        xlsx_range(values, sizeof values, "Trends", 2, 8 + p, row, 8 + p);
        lxw_chart_series *s = chart_add_series(activity, categories, values);
        char name[32];
        snprintf(name, sizeof name, "Pillar %d", p);
        chart_series_set_name(s, name);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
    }
    chart_legend_set_position(activity, LXW_CHART_LEGEND_BOTTOM);
    xlsx_chart(book, sheet, row + 2, 7, activity, 1.5, 1.1);
}

static void write_members(xlsx_book *book, const scorecard_report *r, const kpi_result *results)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Members");
    const member_registry *m = r->members;
    xlsx_text(book, sheet, 0, 0, "Member", book->f.header);
    xlsx_text(book, sheet, 0, 1, "Name", book->f.header);
    size_t *kpis = mem_alloc((r->catalogue->count ? r->catalogue->count : 1) * sizeof *kpis), n = 0;
    for (size_t i = 0; i < r->catalogue->count; i++)
        if (r->catalogue->kpis[i].measure == MEASURE_MEMBERS_WITH_STATUS)
            kpis[n++] = i;
    for (size_t j = 0; j < n; j++) {
        xlsx_text(book, sheet, 0, 2 + (int)j, r->catalogue->kpis[kpis[j]].id, book->f.header);
        xlsx_set_width(sheet, 2 + (int)j, 12);
    }
    int total_col = 2 + (int)n;
    xlsx_text(book, sheet, 0, total_col, "KPIs counted", book->f.header);
    for (size_t i = 0; i < m->count; i++) {
        int row = (int)i + 1, counted = 0;
        xlsx_text(book, sheet, row, 0, keyset_key(m->codes, i), book->f.text);
        xlsx_text(book, sheet, row, 1, m->names[i], book->f.text);
        for (size_t j = 0; j < n; j++) {
            const kpi_def *k = &r->catalogue->kpis[kpis[j]];
            int best = -1;
            bool in_set = false;
            for (size_t w = 0; w < k->filter.actions.n; w++) {
                int s = scorecard_member_status(r->scorecard, i, k->filter.actions.words[w]);
                if (s >= 0 && (best < 0 || s < best))
                    best = s;
                in_set |= s >= 0 && ((k->filter.status_mask >> s) & 1u);
            }
            if (best >= 0)
                xlsx_text(book, sheet, row, 2 + (int)j, schema_statuses[best],
                          in_set ? book->f.met : best == STATUS_IN_PROGRESS ? book->f.amber : book->f.neutral);
            counted += in_set;
        }
        xlsx_number(book, sheet, row, total_col, counted, book->f.integer);
    }
    int total_row = (int)m->count + 1;
    xlsx_text(book, sheet, total_row, 0, "Members counted", book->f.label);
    for (size_t j = 0; j < n; j++)
        if (results[kpis[j]].has_value)
            xlsx_number(book, sheet, total_row, 2 + (int)j, results[kpis[j]].value, book->f.integer);
    free(kpis);
    xlsx_table(book, sheet, 0, (int)m->count, total_col + 1);
    worksheet_freeze_panes(sheet->ws, 1, 2);
}

int export_scorecard_workbook(const char *path, const scorecard_report *r, cb_error *err)
{
    size_t n = r->catalogue->count;
    kpi_result *results = mem_alloc((n ? n : 1) * sizeof *results);
    kpi_status *statuses = mem_alloc((n ? n : 1) * sizeof *statuses);
    for (size_t i = 0; i < n; i++) {
        results[i] = scorecard_result(r->scorecard, i);
        statuses[i] = results[i].status;
    }
    xlsx_book book;
    int rc = xlsx_open(&book, path, "Strategic Action Plan scorecard", r->window.as_of, err);
    if (rc == 0) {
        write_summary(&book, r, statuses);
        write_scorecard(&book, r, results);
        write_trends(&book, r);
        write_members(&book, r, results);
        export_rejected_sheet(&book, r->ledger);
        const char *notes[] = {"KPI catalogue", r->catalogue_source, "Status rules",
                               "Met; On track (pro-rated by elapsed time of the window or of the "
                               "current plan year); Off track; No data (no input rows)",
                               "Intervals", "95%: Student t for means, Wilson for shares"};
        about_info about = {"Strategic Action Plan scorecard", r->window.as_of, r->window.start,
                            r->window.end, notes, sizeof notes / sizeof notes[0]};
        export_about_sheet(&book, &about, r->ledger);
        rc = xlsx_save(&book, err);
    }
    free(results);
    free(statuses);
    return rc;
}
