#include "export/evaluation_workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/text.h"

/* Columns of the Workshops sheet: the contract's fourteen, then status and chart helpers. */
enum { WS_ID, WS_TITLE, WS_START, WS_ACTION, WS_RESPONDENTS, WS_MEAN, WS_SD, WS_CI_LOW,
       WS_CI_HIGH, WS_TOP2, WS_FEMALE, WS_MALE, WS_OTHER, WS_FEMALE_SHARE, WS_SCORE_STATUS,
       WS_SCORE_CONCLUSIVE, WS_WOMEN_STATUS, WS_WOMEN_CONCLUSIVE, WS_FEMALE_LOW, WS_FEMALE_HIGH,
       WS_MODALITY, WS_SCORE_TARGET, WS_WOMEN_TARGET, WS_COLUMNS };

static const char *const workshop_headers[WS_COLUMNS] = {
    "Workshop", "Title", "Start date", "Action", "Respondents", "Mean", "SD", "CI low",
    "CI high", "Top-2-box", "Female", "Male", "Other", "Female share", "Score status",
    "Score conclusive", "Women status", "Women conclusive", "Female share CI low",
    "Female share CI high", "Modality", "Score target", "Women target"};

/* Met or Below; no value, no status (the cell stays empty). */
static void status_cell(xlsx_book *book, xlsx_sheet *sheet, int row, int col, verdict v)
{
    if (v.status == TARGET_NO_DATA)
        return;
    lxw_format *f = v.status == TARGET_MET ? book->f.met
                  : v.status == TARGET_BELOW ? book->f.below : book->f.neutral;
    xlsx_text(book, sheet, row, col, estimate_status_name(v.status), f);
}

static void yes_no(xlsx_book *book, xlsx_sheet *sheet, int row, int col, const estimate *e,
                   verdict v)
{
    if (e->has_interval)
        xlsx_text(book, sheet, row, col, v.conclusive ? "yes" : "no", book->f.text);
}

static void interval(xlsx_book *book, xlsx_sheet *sheet, int row, int col, const estimate *e,
                     lxw_format *format)
{
    if (!e->has_interval)
        return;
    xlsx_number(book, sheet, row, col, e->low, format);
    xlsx_number(book, sheet, row, col + 1, e->high, format);
}

static void write_workshops(xlsx_book *book, const evaluation_report *r)
{
    const evaluation *e = r->evaluation;
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Workshops");
    xlsx_header(book, sheet, 0, workshop_headers, WS_COLUMNS);
    size_t n = evaluation_workshop_count(e);
    for (size_t w = 0; w < n; w++) {
        int row = (int)w + 1;
        workshop_result res = evaluation_workshop(e, w);
        const eval_workshop *info = res.workshop;
        xlsx_text(book, sheet, row, WS_ID, info->id, book->f.text);
        xlsx_text(book, sheet, row, WS_TITLE, info->title, book->f.text);
        xlsx_date(book, sheet, row, WS_START, info->start_date);
        xlsx_text(book, sheet, row, WS_ACTION, info->action, book->f.text);
        xlsx_number(book, sheet, row, WS_RESPONDENTS, (double)res.score.n, book->f.integer);
        if (res.score.has_value)
            xlsx_number(book, sheet, row, WS_MEAN, res.score.value, book->f.mean);
        xlsx_number(book, sheet, row, WS_SD, res.sd, book->f.mean);
        interval(book, sheet, row, WS_CI_LOW, &res.score, book->f.mean);
        xlsx_number(book, sheet, row, WS_TOP2, res.top2, book->f.percent);
        if (info->has_participants) {
            for (int g = 0; g < 3; g++)
                xlsx_number(book, sheet, row, WS_FEMALE + g, (double)info->participants[g],
                            book->f.integer);
        }
        if (res.female_share.has_value)
            xlsx_number(book, sheet, row, WS_FEMALE_SHARE, res.female_share.value, book->f.percent);
        status_cell(book, sheet, row, WS_SCORE_STATUS, res.score_verdict);
        yes_no(book, sheet, row, WS_SCORE_CONCLUSIVE, &res.score, res.score_verdict);
        status_cell(book, sheet, row, WS_WOMEN_STATUS, res.female_verdict);
        yes_no(book, sheet, row, WS_WOMEN_CONCLUSIVE, &res.female_share, res.female_verdict);
        interval(book, sheet, row, WS_FEMALE_LOW, &res.female_share, book->f.percent);
        xlsx_text(book, sheet, row, WS_MODALITY, info->modality, book->f.text);
        xlsx_number(book, sheet, row, WS_SCORE_TARGET, evaluation_score_target(e), book->f.mean);
        xlsx_number(book, sheet, row, WS_WOMEN_TARGET, EVAL_FEMALE_TARGET, book->f.percent);
    }
    int last = (int)n;
    xlsx_table(book, sheet, 0, last, WS_COLUMNS);
    if (n == 0)
        return;
    /* Rows of workshops below a target are tinted; blank cells are not "below". */
    char below_target[64];
    snprintf(below_target, sizeof below_target, "=AND(ISNUMBER($F2),$F2<%.10g)",
             evaluation_score_target(e));
    lxw_conditional_format rule = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                   .value_string = below_target, .format = book->f.below};
    xlsx_check(book, worksheet_conditional_format_range(sheet->ws, 1, WS_MEAN, (lxw_row_t)last,
                                                        WS_MEAN, &rule));
    rule.value_string = "=AND(ISNUMBER($N2),$N2<0.25)";
    xlsx_check(book, worksheet_conditional_format_range(sheet->ws, 1, WS_FEMALE_SHARE,
                                                        (lxw_row_t)last, WS_FEMALE_SHARE, &rule));
}

/* A chart of one Workshops column per workshop, as markers, against its target line. */
static lxw_chart *target_chart(xlsx_book *book, size_t n, int value_col, int target_col,
                               const char *title, const char *series_name, const char *target_name,
                               const char *num_format)
{
    char categories[96], values[96], targets[96];
    xlsx_range(categories, sizeof categories, "Workshops", 1, WS_ID, (int)n, WS_ID);
    xlsx_range(values, sizeof values, "Workshops", 1, value_col, (int)n, value_col);
    xlsx_range(targets, sizeof targets, "Workshops", 1, target_col, (int)n, target_col);
    lxw_chart *chart = workbook_add_chart(book->wb, LXW_CHART_LINE);
    chart_title_set_name(chart, title);
    lxw_chart_series *s = chart_add_series(chart, categories, values);
    chart_series_set_name(s, series_name);
    lxw_chart_line no_line = {.none = LXW_TRUE};
    chart_series_set_line(s, &no_line);
    chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
    chart_series_set_marker_size(s, 7);
    lxw_chart_series *t = chart_add_series(chart, categories, targets);
    chart_series_set_name(t, target_name);
    lxw_chart_line red = {.color = 0xC00000, .width = 2.0, .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_line(t, &red);
    chart_series_set_marker_type(t, LXW_CHART_MARKER_NONE);
    chart_axis_set_num_format(chart->y_axis, num_format);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    return chart;
}

static void summary_measure(xlsx_book *book, xlsx_sheet *sheet, int row, const char *label,
                            const estimate *e, double target, lxw_format *format,
                            const char *based_on)
{
    verdict v = estimate_judge(e, target);
    xlsx_text(book, sheet, row, 0, label, book->f.label);
    if (e->has_value)
        xlsx_number(book, sheet, row, 1, e->value, format);
    interval(book, sheet, row, 2, e, format);
    xlsx_number(book, sheet, row, 4, target, format);
    status_cell(book, sheet, row, 5, v);
    if (e->has_interval)
        xlsx_text(book, sheet, row, 6, v.conclusive ? "yes" : "no", book->f.text);
    xlsx_text(book, sheet, row, 7, based_on, book->f.text);
}

static void key_figure(xlsx_book *book, xlsx_sheet *sheet, int row, const char *label,
                       double value, lxw_format *format)
{
    xlsx_text(book, sheet, row, 0, label, book->f.text);
    xlsx_number(book, sheet, row, 1, value, format);
}

static void write_summary(xlsx_book *book, const evaluation_report *r)
{
    const evaluation *e = r->evaluation;
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Summary");
    char text[256], a[40], b[40], c[40];
    xlsx_text(book, sheet, 0, 0, "Post-workshop evaluation", book->f.title);
    export_long_date(r->plan_start, a, sizeof a);
    export_long_date(r->plan_end, b, sizeof b);
    export_long_date(r->as_of, c, sizeof c);
    snprintf(text, sizeof text, "Workshops of the plan window %s to %s, data as of %s; ratings "
             "on a scale of %d to %d", a, b, c, evaluation_scale_min(e), evaluation_scale_max(e));
    xlsx_text(book, sheet, 1, 0, text, book->f.subtitle);
    static const char *const headers[] = {"Measure", "Value", "CI low", "CI high", "Target",
                                          "Status", "Conclusive", "Based on"};
    xlsx_header(book, sheet, 3, headers, 8);

    size_t n = evaluation_workshop_count(e);
    estimate score = evaluation_programme_score(e);
    estimate share = evaluation_female_share(e);
    long long participants = share.n, workshops_with_counts = 0, below_score = 0, below_share = 0;
    for (size_t w = 0; w < n; w++) {
        workshop_result res = evaluation_workshop(e, w);
        workshops_with_counts += res.workshop->has_participants;
        below_score += res.score_verdict.status == TARGET_BELOW;
        below_share += res.female_verdict.status == TARGET_BELOW;
    }
    char count[32];
    text_thousands(score.n, count, sizeof count);
    snprintf(text, sizeof text, "%s respondents in %zu workshops", count, n);
    summary_measure(book, sheet, 4, "Participants' evaluation (mean score)", &score,
                    evaluation_score_target(e), book->f.mean, text);
    text_thousands(participants, count, sizeof count);
    snprintf(text, sizeof text, "%s participants in %lld workshops", count,
             workshops_with_counts);
    summary_measure(book, sheet, 5, "Women participation (female share)", &share,
                    EVAL_FEMALE_TARGET, book->f.percent, text);

    int row = 7;
    xlsx_text(book, sheet, row++, 0, "Key figures", book->f.label);
    key_figure(book, sheet, row++, "Workshops", (double)n, book->f.integer);
    key_figure(book, sheet, row++, "Respondents", (double)evaluation_respondents(e), book->f.integer);
    key_figure(book, sheet, row++, "Questionnaires without any rating",
               (double)evaluation_unrated(e), book->f.integer);
    snprintf(text, sizeof text, "Workshops below the %.2g target", evaluation_score_target(e));
    key_figure(book, sheet, row++, text, (double)below_score, book->f.integer);
    key_figure(book, sheet, row++, "Workshops below 25% women", (double)below_share, book->f.integer);
    long rows_rejected, values_left_out;
    ledger_totals(r->ledger, &rows_rejected, &values_left_out);
    key_figure(book, sheet, row++, "Rows rejected (see Rejected)", (double)rows_rejected,
               book->f.integer);
    key_figure(book, sheet, row++, "Values left out (see Rejected)", (double)values_left_out,
               book->f.integer);
    long long alpha_n;
    double alpha = evaluation_alpha(e, &alpha_n);
    key_figure(book, sheet, row, "Cronbach's alpha of the items", alpha, book->f.mean);
    snprintf(text, sizeof text, "%lld respondents who rated every item", alpha_n);
    xlsx_text(book, sheet, row++, 2, text, book->f.subtitle);
    if (n == 0)
        return;
    char target_name[32];
    snprintf(target_name, sizeof target_name, "Target %.2g", evaluation_score_target(e));
    lxw_chart *scores = target_chart(book, n, WS_MEAN, WS_SCORE_TARGET, "Workshop scores",
                                     "Mean score", target_name, "0.0");
    chart_axis_set_min(scores->y_axis, evaluation_scale_min(e));
    chart_axis_set_max(scores->y_axis, evaluation_scale_max(e));
    xlsx_chart(book, sheet, row + 1, 0, scores, 2.0, 1.2);
    lxw_chart *women = target_chart(book, n, WS_FEMALE_SHARE, WS_WOMEN_TARGET,
                                    "Women participation per workshop", "Female share",
                                    "Target 25%", "0%");
    chart_axis_set_min(women->y_axis, 0);
    xlsx_chart(book, sheet, row + 20, 0, women, 2.0, 1.2);
}

static void write_items(xlsx_book *book, const evaluation_report *r)
{
    const evaluation *e = r->evaluation;
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Items");
    int lo = evaluation_scale_min(e), hi = evaluation_scale_max(e), points = hi - lo + 1;
    static const char *const fixed[] = {"Item", "Responses", "Mean", "Median", "Top-2-box"};
    xlsx_header(book, sheet, 0, fixed, 5);
    for (int p = 0; p < points; p++) {
        char label[16];
        snprintf(label, sizeof label, "%d", lo + p);
        xlsx_text(book, sheet, 0, 5 + p, label, book->f.header);
    }
    size_t n = evaluation_item_count(e);
    for (size_t i = 0; i < n; i++) {
        int row = (int)i + 1;
        item_result item = evaluation_item(e, i);
        xlsx_text(book, sheet, row, 0, item.label, book->f.text);
        xlsx_number(book, sheet, row, 1, (double)item.n, book->f.integer);
        xlsx_number(book, sheet, row, 2, item.mean, book->f.mean);
        xlsx_number(book, sheet, row, 3, item.median, book->f.mean);
        xlsx_number(book, sheet, row, 4, item.top2, book->f.percent);
        for (int p = 0; p < points; p++)
            xlsx_number(book, sheet, row, 5 + p, (double)item.counts[p], book->f.integer);
    }
    xlsx_table(book, sheet, 0, (int)n, 5 + points);
    long long alpha_n;
    double alpha = evaluation_alpha(e, &alpha_n);
    int row = (int)n + 2;
    xlsx_text(book, sheet, row, 0, "Cronbach's alpha", book->f.label);
    xlsx_number(book, sheet, row, 1, alpha, book->f.mean);
    char text[160];
    snprintf(text, sizeof text, "over %lld respondents who rated every item; 0.70 or more is "
             "usually read as a reliable questionnaire", alpha_n);
    xlsx_text(book, sheet, row, 2, text, book->f.subtitle);
    if (n == 0)
        return;
    lxw_chart *chart = workbook_add_chart(book->wb, LXW_CHART_BAR_STACKED_PERCENT);
    chart_title_set_name(chart, "Answers per item");
    char categories[96], values[96];
    xlsx_range(categories, sizeof categories, "Items", 1, 0, (int)n, 0);
    static const lxw_color_t palette[] = {0xC00000, 0xF4B183, 0xD9D9D9, 0x9DC3E6, 0x2E75B6};
    for (int p = 0; p < points; p++) {
        xlsx_range(values, sizeof values, "Items", 1, 5 + p, (int)n, 5 + p);
        lxw_chart_series *s = chart_add_series(chart, categories, values);
        char name[16];
        snprintf(name, sizeof name, "%d", lo + p);
        chart_series_set_name(s, name);
        lxw_chart_fill fill = {.color = palette[points <= 5 ? p + (5 - points) / 2 : p * 4 / (points - 1)]};
        chart_series_set_fill(s, &fill);
    }
    chart_axis_set_reverse(chart->y_axis);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    xlsx_chart(book, sheet, row + 2, 0, chart, 2.0, 1.0 + 0.05 * (double)n);
}

static void write_items_by_workshop(xlsx_book *book, const evaluation_report *r)
{
    const evaluation *e = r->evaluation;
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Items by workshop");
    size_t n_items = evaluation_item_count(e), n = evaluation_workshop_count(e);
    xlsx_text(book, sheet, 0, 0, "Workshop", book->f.header);
    xlsx_text(book, sheet, 0, 1, "Title", book->f.header);
    for (size_t i = 0; i < n_items; i++)
        xlsx_text(book, sheet, 0, 2 + (int)i, evaluation_item(e, i).label, book->f.header);
    for (size_t w = 0; w < n; w++) {
        workshop_result res = evaluation_workshop(e, w);
        xlsx_text(book, sheet, (int)w + 1, 0, res.workshop->id, book->f.text);
        xlsx_text(book, sheet, (int)w + 1, 1, res.workshop->title, book->f.text);
        for (size_t i = 0; i < n_items; i++)
            xlsx_number(book, sheet, (int)w + 1, 2 + (int)i,
                        evaluation_item_workshop_mean(e, w, i), book->f.mean);
    }
    for (size_t i = 0; i < n_items; i++) /* item headers are long: keep the grid compact */
        xlsx_set_width(sheet, 2 + (int)i, 14);
    xlsx_table(book, sheet, 0, (int)n, 2 + (int)n_items);
    if (n == 0 || n_items == 0)
        return;
    lxw_conditional_format scale = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                    .min_color = 0xF8696B, .mid_color = 0xFFEB84,
                                    .max_color = 0x63BE7B};
    xlsx_check(book, worksheet_conditional_format_range(sheet->ws, 1, 2, (lxw_row_t)n,
                                                        (lxw_col_t)(1 + n_items), &scale));
    xlsx_check(book, worksheet_set_row(sheet->ws, 0, 45, NULL));
}

static void group_row(xlsx_book *book, xlsx_sheet *sheet, int row, const char *grouping,
                      const char *group, const char *name, const stats_moments *m)
{
    estimate est = estimate_mean(m);
    xlsx_text(book, sheet, row, 0, grouping, book->f.text);
    xlsx_text(book, sheet, row, 1, group, book->f.text);
    xlsx_text(book, sheet, row, 2, name, book->f.text);
    xlsx_number(book, sheet, row, 3, (double)m->n, book->f.integer);
    if (est.has_value)
        xlsx_number(book, sheet, row, 4, est.value, book->f.mean);
    xlsx_number(book, sheet, row, 5, stats_moments_sd(m), book->f.mean);
    interval(book, sheet, row, 6, &est, book->f.mean);
}

static void write_groups(xlsx_book *book, const evaluation_report *r)
{
    const evaluation *e = r->evaluation;
    xlsx_sheet *sheet = xlsx_add_sheet(book, "Groups");
    static const char *const headers[] = {"Grouping", "Group", "Name", "Respondents", "Mean",
                                          "SD", "CI low", "CI high"};
    xlsx_header(book, sheet, 0, headers, 8);
    static const char *const genders[EVAL_GENDER_GROUPS] = {"Female", "Male", "Other",
                                                            "Not given"};
    int row = 1;
    for (int g = 0; g < EVAL_GENDER_GROUPS; g++)
        group_row(book, sheet, row++, "Gender", genders[g], "", evaluation_gender_scores(e, g));
    const member_registry *m = r->members;
    size_t n_members = m ? m->count : 0;
    for (size_t i = 0; i < n_members; i++)
        if (evaluation_member_scores(e, i)->n > 0)
            group_row(book, sheet, row++, "Member", keyset_key(m->codes, i), m->names[i],
                      evaluation_member_scores(e, i));
    group_row(book, sheet, row++, "Member", "Not given", m ? "no or unknown member code" : "",
              evaluation_member_scores(e, n_members));
    if (m != NULL) {
        /* Sub-regions are the registry's own names, in order of first appearance. */
        keyset *regions = keyset_new();
        size_t *group_of = mem_alloc((n_members ? n_members : 1) * sizeof *group_of);
        for (size_t i = 0; i < n_members; i++) {
            const char *s = m->subregions[i][0] ? m->subregions[i] : "Not given";
            keyset_add(regions, s, strlen(s), &group_of[i]);
        }
        size_t n_regions = keyset_count(regions);
        stats_moments *merged = mem_calloc(n_regions ? n_regions : 1, sizeof *merged);
        evaluation_merge_members(e, group_of, n_regions, merged);
        for (size_t g = 0; g < n_regions; g++)
            group_row(book, sheet, row++, "Sub-region", keyset_key(regions, g), "", &merged[g]);
        free(merged);
        free(group_of);
        keyset_free(regions);
    }
    xlsx_table(book, sheet, 0, row - 1, 8);
}

static int write_comments(xlsx_book *book, const evaluation_report *r, cb_error *err)
{
    xlsx_sheet *sheet = xlsx_add_streamed_sheet(book, "Comments");
    static const char *const headers[] = {"Workshop", "Member", "Line", "Comment"};
    xlsx_header(book, sheet, 0, headers, 4);
    if (comment_spool_rewind(r->comments, err) != 0)
        return -1;
    spooled_comment c;
    char *buffer = NULL;
    size_t cap = 0;
    int row = 1;
    long not_shown = 0;
    while (comment_spool_next(r->comments, &c, &buffer, &cap)) {
        if (row >= XLSX_MAX_ROWS - 1) { /* the last row holds the note below */
            not_shown++;
            continue;
        }
        xlsx_text(book, sheet, row, 0, evaluation_workshop_info(r->evaluation, c.workshop)->id,
                  book->f.text);
        if (c.member >= 0 && r->members)
            xlsx_text(book, sheet, row, 1, keyset_key(r->members->codes, (size_t)c.member),
                      book->f.text);
        xlsx_number(book, sheet, row, 2, (double)c.line, book->f.integer);
        xlsx_text(book, sheet, row, 3, c.text, book->f.wrap);
        row++;
    }
    free(buffer);
    xlsx_set_width(sheet, 3, 80);
    xlsx_table(book, sheet, 0, row - 1, 4);
    if (not_shown > 0) {
        char note[128];
        snprintf(note, sizeof note, "%ld more comments are not shown: a sheet holds 1,048,576 rows",
                 not_shown);
        xlsx_text(book, sheet, row, 0, note, book->f.label);
    }
    return 0;
}

int export_evaluation_workbook(const char *path, const evaluation_report *r, cb_error *err)
{
    xlsx_book book;
    if (xlsx_open(&book, path, "Post-workshop evaluation", r->as_of, err) != 0)
        return -1;
    write_summary(&book, r);
    write_workshops(&book, r);
    write_items(&book, r);
    write_items_by_workshop(&book, r);
    write_groups(&book, r);
    int rc = write_comments(&book, r, err);
    export_rejected_sheet(&book, r->ledger);
    char scale[32], left_out[32];
    snprintf(scale, sizeof scale, "%d to %d", evaluation_scale_min(r->evaluation),
             evaluation_scale_max(r->evaluation));
    snprintf(left_out, sizeof left_out, "%ld", r->workshops_left_out);
    const char *notes[] = {"Rating scale", scale, "Score target", "mean of at least 4.0",
                           "Women participation target", "at least 25% of participants",
                           "Workshops left out (outside the window or after the as-of date)",
                           left_out, "Intervals", "95%: Student t for means, Wilson for shares"};
    about_info about = {"Post-workshop evaluation", r->as_of, r->plan_start, r->plan_end, notes,
                        sizeof notes / sizeof notes[0]};
    export_about_sheet(&book, &about, r->ledger);
    if (rc != 0)
        book.first_error = LXW_ERROR_CREATING_TMPFILE;
    int saved = xlsx_save(&book, rc == 0 ? err : NULL);
    return rc != 0 || saved != 0 ? -1 : 0;
}
