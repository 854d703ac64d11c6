#include "export/needs_workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/date.h"

static void write_priorities(xlsx_book *book, const needs_report *r, const needs_ranking *v)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Priorities");
    static const char *const headers[] = {"Rank", "Topic", "Responses", "Mean", "Median",
                                          "High priority", "Top priority", "Change of mean",
                                          "Change of rank", "Previous mean", "Previous rank"};
    xlsx_header(book, sheet, 0, headers, 11);
    for (size_t i = 0; i < v->n_topics; i++) {
        int row = (int)i + 1;
        size_t t = v->by_rank[i];
        const needs_topic_stats *st = &v->now[t];
        if (st->rank)
            xlsx_number(book, sheet, row, 0, st->rank, book->f.integer);
        xlsx_text(book, sheet, row, 1, needs_topic(r->survey, t), book->f.text);
        xlsx_number(book, sheet, row, 2, (double)st->n, book->f.integer);
        xlsx_number(book, sheet, row, 3, st->mean, book->f.mean);
        xlsx_number(book, sheet, row, 4, st->median, book->f.mean);
        xlsx_number(book, sheet, row, 5, st->high_share, book->f.percent);
        xlsx_number(book, sheet, row, 6, (double)st->top_count, book->f.integer);
        double mean_change;
        int rank_change;
        if (needs_change(v, t, &mean_change, &rank_change)) {
            xlsx_number(book, sheet, row, 7, mean_change, book->f.mean);
            xlsx_number(book, sheet, row, 8, rank_change, book->f.integer);
            xlsx_number(book, sheet, row, 9, v->before[t].mean, book->f.mean);
            xlsx_number(book, sheet, row, 10, v->before[t].rank, book->f.integer);
        }
    }
    xlsx_table(book, sheet, 0, (int)v->n_topics, 11);
}

/* Registry order grouped by sub-region: the order in which sub-regions first appear. */
static size_t *members_by_subregion(const member_registry *m)
{
    size_t *order = mem_alloc((m->count ? m->count : 1) * sizeof *order), n = 0;
    for (size_t i = 0; i < m->count; i++) {
        bool first = true;
        for (size_t j = 0; j < i; j++)
            first &= strcmp(m->subregions[j], m->subregions[i]) != 0;
        if (!first)
            continue;
        for (size_t k = i; k < m->count; k++)
            if (strcmp(m->subregions[k], m->subregions[i]) == 0)
                order[n++] = k;
    }
    return order;
}

static void write_matrix(xlsx_book *book, const needs_report *r, const needs_ranking *v)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Matrix");
    const member_registry *m = r->members;
    static const char *const fixed[] = {"Member", "Name", "Sub-region", "Responded"};
    xlsx_header(book, sheet, 0, fixed, 4);
    for (size_t i = 0; i < v->n_topics; i++) {
        xlsx_text(book, sheet, 0, 4 + (int)i, needs_topic(r->survey, v->by_rank[i]), book->f.header);
        xlsx_set_width(sheet, 4 + (int)i, 12);
    }
    size_t *order = members_by_subregion(m);
    for (size_t k = 0; k < m->count; k++) {
        size_t member = order[k];
        int row = (int)k + 1;
        const needs_submission *sub = needs_submission_of(r->survey, r->year, member);
        xlsx_text(book, sheet, row, 0, keyset_key(m->codes, member), book->f.text);
        xlsx_text(book, sheet, row, 1, m->names[member], book->f.text);
        xlsx_text(book, sheet, row, 2, m->subregions[member], book->f.text);
        xlsx_text(book, sheet, row, 3, sub ? "yes" : "no response", sub ? book->f.text : book->f.neutral);
        for (size_t i = 0; sub && i < v->n_topics; i++) {
            int rating = sub->ratings[v->by_rank[i]];
            if (rating != NEEDS_NO_ANSWER)
                xlsx_number(book, sheet, row, 4 + (int)i, rating, book->f.integer);
        }
    }
    free(order);
    xlsx_table(book, sheet, 0, (int)m->count, 4 + (int)v->n_topics);
    worksheet_freeze_panes(sheet->ws, 1, 2);
    xlsx_check(book, worksheet_set_row(sheet->ws, 0, 60, NULL));
    if (m->count == 0 || v->n_topics == 0)
        return;
    lxw_conditional_format scale = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                    .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = 1,
                                    .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .mid_value = 3,
                                    .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 5,
                                    .min_color = 0x63BE7B, .mid_color = 0xFFEB84,
                                    .max_color = 0xF8696B};
    xlsx_check(book, worksheet_conditional_format_range(sheet->ws, 1, 4, (lxw_row_t)m->count,
                                                        (lxw_col_t)(3 + v->n_topics), &scale));
}

static void write_groups(xlsx_book *book, const needs_report *r, const needs_ranking *v)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Groups");
    const member_registry *m = r->members;
    keyset *regions = keyset_new();
    for (size_t i = 0; i < m->count; i++)
        keyset_add(regions, m->subregions[i], strlen(m->subregions[i]), NULL);
    size_t n_groups = keyset_count(regions) + 3; /* sub-regions, SIE, non-SIE, all */
    bool *in_group = mem_alloc((m->count ? m->count : 1) * sizeof *in_group);
    needs_topic_stats *stats = mem_calloc(v->n_topics ? v->n_topics : 1, sizeof *stats);
    xlsx_text(book, sheet, 0, 0, "Topic", book->f.header);
    xlsx_text(book, sheet, 0, 1, "Rank", book->f.header);
    for (size_t g = 0; g < n_groups; g++) {
        size_t regions_n = keyset_count(regions);
        char label[96];
        for (size_t i = 0; i < m->count; i++) {
            if (g < regions_n)
                in_group[i] = strcmp(m->subregions[i], keyset_key(regions, g)) == 0;
            else if (g == regions_n)
                in_group[i] = m->sie[i] == 1;
            else if (g == regions_n + 1)
                in_group[i] = m->sie[i] == 0;
            else
                in_group[i] = true;
        }
        size_t respondents = 0, members = 0;
        for (size_t i = 0; i < m->count; i++) {
            members += in_group[i];
            respondents += in_group[i] && needs_submission_of(r->survey, r->year, i);
        }
        const char *name = g < regions_n ? keyset_key(regions, g)
                         : g == regions_n ? "SIE" : g == regions_n + 1 ? "Non-SIE" : "All";
        snprintf(label, sizeof label, "%s (%zu/%zu)", name[0] ? name : "No sub-region",
                 respondents, members);
        xlsx_text(book, sheet, 0, 2 + (int)g, label, book->f.header);
        needs_topic_stats_all(r->survey, r->year, in_group, false, stats);
        for (size_t i = 0; i < v->n_topics; i++)
            xlsx_number(book, sheet, (int)i + 1, 2 + (int)g, stats[v->by_rank[i]].mean, book->f.mean);
    }
    for (size_t i = 0; i < v->n_topics; i++) {
        xlsx_text(book, sheet, (int)i + 1, 0, needs_topic(r->survey, v->by_rank[i]), book->f.text);
        if (v->now[v->by_rank[i]].rank)
            xlsx_number(book, sheet, (int)i + 1, 1, v->now[v->by_rank[i]].rank, book->f.integer);
    }
    xlsx_table(book, sheet, 0, (int)v->n_topics, 2 + (int)n_groups);
    if (v->n_topics > 0) {
        lxw_conditional_format scale = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                        .min_color = 0x63BE7B, .mid_color = 0xFFEB84,
                                        .max_color = 0xF8696B};
        xlsx_check(book, worksheet_conditional_format_range(sheet->ws, 1, 2, (lxw_row_t)v->n_topics,
                                                            (lxw_col_t)(1 + n_groups), &scale));
    }
    free(stats);
    free(in_group);
    keyset_free(regions);
}

static void write_coverage(xlsx_book *book, const needs_report *r)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Coverage");
    const member_registry *m = r->members;
    static const char *const headers[] = {"Member", "Name", "Sub-region", "SIE", "Responded",
                                          "Submitted at", "Line"};
    xlsx_header(book, sheet, 0, headers, 7);
    for (size_t i = 0; i < m->count; i++) {
        int row = (int)i + 1;
        const needs_submission *sub = needs_submission_of(r->survey, r->year, i);
        xlsx_text(book, sheet, row, 0, keyset_key(m->codes, i), book->f.text);
        xlsx_text(book, sheet, row, 1, m->names[i], book->f.text);
        xlsx_text(book, sheet, row, 2, m->subregions[i], book->f.text);
        if (m->sie[i] >= 0)
            xlsx_text(book, sheet, row, 3, m->sie[i] ? "yes" : "no", book->f.text);
        xlsx_text(book, sheet, row, 4, sub ? "yes" : "no", sub ? book->f.met : book->f.below);
        if (sub && sub->submitted_at != NEEDS_NO_DATE)
            xlsx_date(book, sheet, row, 5, sub->submitted_at);
        if (sub)
            xlsx_number(book, sheet, row, 6, (double)sub->line, book->f.integer);
    }
    xlsx_table(book, sheet, 0, (int)m->count, 7);
}

static void write_comments(xlsx_book *book, const needs_report *r)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Comments");
    static const char *const headers[] = {"Member", "Name", "Line", "Comment"};
    xlsx_header(book, sheet, 0, headers, 4);
    int row = 1;
    for (size_t i = 0; i < r->members->count; i++) {
        const needs_submission *sub = needs_submission_of(r->survey, r->year, i);
        if (sub == NULL || sub->comment == NULL)
            continue;
        xlsx_text(book, sheet, row, 0, keyset_key(r->members->codes, i), book->f.text);
        xlsx_text(book, sheet, row, 1, r->members->names[i], book->f.text);
        xlsx_number(book, sheet, row, 2, (double)sub->line, book->f.integer);
        xlsx_text(book, sheet, row, 3, sub->comment, book->f.wrap);
        row++;
    }
    xlsx_set_width(sheet, 3, 80);
    xlsx_table(book, sheet, 0, row - 1, 4);
}

static void write_summary(xlsx_book *book, const needs_report *r, const needs_ranking *v)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Summary");
    char text[256], as_of[40];
    snprintf(text, sizeof text, "Capacity-building needs assessment %d", r->year);
    xlsx_text(book, sheet, 0, 0, text, book->f.title);
    export_long_date(r->as_of, as_of, sizeof as_of);
    snprintf(text, sizeof text, "Priorities 1 (low) to 5 (highest need); %s; data as of %s",
             r->has_previous ? "compared with the previous survey year" : "no previous year to compare",
             as_of);
    xlsx_text(book, sheet, 1, 0, text, book->f.subtitle);
    size_t respondents = needs_respondents(r->survey, r->year), registered = r->members->count;
    xlsx_text(book, sheet, 3, 0, "Response rate", book->f.label);
    if (registered > 0)
        xlsx_number(book, sheet, 3, 1, (double)respondents / (double)registered, book->f.percent);
    snprintf(text, sizeof text, "%zu/%zu Members responded", respondents, registered);
    xlsx_text(book, sheet, 3, 2, text, book->f.text);
    size_t missing = 0;
    text[0] = '\0';
    for (size_t i = 0; i < registered; i++)
        if (!needs_submission_of(r->survey, r->year, i)) {
            size_t used = strlen(text);
            snprintf(text + used, sizeof text - used, "%s%s", missing++ ? ", " : "",
                     keyset_key(r->members->codes, i));
        }
    xlsx_text(book, sheet, 4, 0, "Not responded", book->f.label);
    xlsx_text(book, sheet, 4, 1, missing ? text : "none", book->f.text);

    static const char *const headers[] = {"Rank", "Top ten priorities", "Mean", "High priority",
                                          "Responses"};
    xlsx_header(book, sheet, 6, headers, 5);
    size_t top = v->n_topics < 10 ? v->n_topics : 10;
    for (size_t i = 0; i < top; i++) {
        size_t t = v->by_rank[i];
        int row = 7 + (int)i;
        if (v->now[t].rank)
            xlsx_number(book, sheet, row, 0, v->now[t].rank, book->f.integer);
        xlsx_text(book, sheet, row, 1, needs_topic(r->survey, t), book->f.text);
        xlsx_number(book, sheet, row, 2, v->now[t].mean, book->f.mean);
        xlsx_number(book, sheet, row, 3, v->now[t].high_share, book->f.percent);
        xlsx_number(book, sheet, row, 4, (double)v->now[t].n, book->f.integer);
    }
    int row = 8 + (int)top;
    if (r->has_previous) {
        size_t up[3], down[3];
        size_t n_up = needs_movers(v, 1, 3, up), n_down = needs_movers(v, -1, 3, down);
        static const char *const move_headers[] = {"Moved most since last year", "Change of mean",
                                                   "Change of rank"};
        xlsx_header(book, sheet, row++, move_headers, 3);
        for (int pass = 0; pass < 2; pass++) {
            const size_t *list = pass ? down : up;
            size_t n = pass ? n_down : n_up;
            for (size_t i = 0; i < n; i++, row++) {
                size_t t = list[i];
                double mean_change;
                int rank_change;
                needs_change(v, t, &mean_change, &rank_change);
                snprintf(text, sizeof text, "%s %s", pass ? "\u25BC" : "\u25B2", needs_topic(r->survey, t));
                xlsx_text(book, sheet, row, 0, text, book->f.text);
                xlsx_number(book, sheet, row, 1, mean_change, book->f.mean);
                xlsx_number(book, sheet, row, 2, rank_change, book->f.integer);
            }
        }
    }
    if (v->n_topics == 0)
        return;
    lxw_chart *chart = workbook_add_chart(book->wb, LXW_CHART_BAR);
    snprintf(text, sizeof text, "Topic means %d, highest need first", r->year);
    chart_title_set_name(chart, text);
    char categories[96], values[96];
    xlsx_range(categories, sizeof categories, "Priorities", 1, 1, (int)v->n_topics, 1);
    xlsx_range(values, sizeof values, "Priorities", 1, 3, (int)v->n_topics, 3);
    lxw_chart_series *s = chart_add_series(chart, categories, values);
    chart_series_set_name(s, "Mean priority");
    lxw_chart_fill fill = {.color = 0x2E75B6};
    chart_series_set_fill(s, &fill);
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_min(chart->x_axis, NEEDS_SCALE_MIN);
    chart_axis_set_max(chart->x_axis, NEEDS_SCALE_MAX);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    xlsx_chart(book, sheet, row + 1, 0, chart, 1.8, 1.0 + 0.06 * (double)v->n_topics);
}

int export_needs_workbook(const char *path, const needs_report *r, cb_error *err)
{
    xlsx_book book;
    if (xlsx_open(&book, path, "Capacity-building needs assessment", r->as_of, err) != 0)
        return -1;
    needs_ranking v = needs_rank_year(r->survey, r->year);
    write_summary(&book, r, &v);
    write_priorities(&book, r, &v);
    write_matrix(&book, r, &v);
    write_groups(&book, r, &v);
    write_coverage(&book, r);
    write_comments(&book, r);
    export_rejected_sheet(&book, r->ledger);
    char year[16], previous[32];
    snprintf(year, sizeof year, "%d", r->year);
    snprintf(previous, sizeof previous, r->has_previous ? "%d" : "none in the file", r->year - 1);
    const char *notes[] = {"Survey year", year, "Compared with", previous, "Ranking",
                           "by mean, then high-priority share (4-5), then responses, then topic",
                           "Duplicate submissions", "the later submitted_at wins; the other is "
                           "listed in Rejected as superseded"};
    about_info about = {"Capacity-building needs assessment", r->as_of, r->plan_start,
                        r->plan_end, notes, sizeof notes / sizeof notes[0]};
    export_about_sheet(&book, &about, r->ledger);
    needs_ranking_free(&v);
    return xlsx_save(&book, err);
}
