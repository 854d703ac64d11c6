#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/evaluation.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "export/evaluation_workbook.h"
#include "ingest/registry.h"
#include "util/alloc.h"
#include "util/date.h"

static const char evaluate_help[] =
    "Usage: cbkpi evaluate --workshops W.csv --evaluations E.csv [--members M.csv]\n"
    "                      [OPTIONS] -o evaluation.xlsx\n"
    "Scores post-workshop questionnaires against the plan's targets (mean of at least 4.0,\n"
    "at least 25% women) and writes the evaluation workbook.\n\n"
    "Options:\n"
    "  --workshops FILE   workshops.csv (required)\n"
    "  --evaluations FILE evaluations.csv (required)\n"
    "  --members FILE     members.csv: checks member codes, adds Member and sub-region groups\n"
    "  -o FILE            the workbook to write (default evaluation.xlsx)\n"
    OPTION_PLAN_HELP
    OPTION_COMMON_HELP
    "  -h, --help         show this help\n\n"
    "Exit status: 0 written, 1 written but rows were rejected and --strict was given,\n"
    "2 usage or fatal error (nothing written).\n";

/* What the row handlers share while the files stream by. */
typedef struct evaluate_run {
    evaluation *evaluation;
    keyset *workshop_ids;     /* every workshop of workshops.csv */
    long *evaluation_index;   /* per workshop_ids entry: evaluation index, or -1 left out */
    char **left_out_reason;   /* per workshop_ids entry when left out */
    size_t cap;
    eval_workshop *pending;   /* workshops kept, added to the evaluation once all are read */
    size_t n_pending;
    long as_of, plan_start, plan_end;
    long workshops_left_out;
    comment_spool comments;
    const member_registry *members;
    int n_items;
    int *ratings;
} evaluate_run;

static char *cell_copy(const cell *c)
{
    return mem_strndup(c->text, c->state == CELL_OK ? c->len : 0);
}

static int add_workshop(const typed_row *row, void *user)
{
    evaluate_run *run = user;
    const cell *id = &row->cells[WORKSHOPS_ID];
    const cell *start = &row->cells[WORKSHOPS_START];
    size_t index;
    keyset_add(run->workshop_ids, id->text, id->len, &index);
    if (index >= run->cap) {
        run->cap = run->cap ? run->cap * 2 : 64;
        run->evaluation_index = mem_realloc(run->evaluation_index, run->cap * sizeof(long));
        run->left_out_reason = mem_realloc(run->left_out_reason, run->cap * sizeof(char *));
        run->pending = mem_realloc(run->pending, run->cap * sizeof *run->pending);
    }
    char start_text[11], a[11], b[11], reason[256];
    date_format_iso(start->integer, start_text);
    date_format_iso(run->plan_start, a);
    date_format_iso(run->plan_end, b);
    bool outside = start->integer < run->plan_start || start->integer > run->plan_end;
    bool later = start->integer > run->as_of;
    if (outside || later) {
        if (later)
            snprintf(reason, sizeof reason, "starts %s, after the as-of date; left out of every "
                     "figure", start_text);
        else
            snprintf(reason, sizeof reason, "starts %s, outside the plan window %s to %s; left "
                     "out of every figure", start_text, a, b);
        ledger_reject(row->header->ledger, row->header->file, start->line, start->column,
                      "start_date", start->text, start->len, true, "workshop %.*s %s",
                      (int)id->len, id->text, reason);
        run->evaluation_index[index] = -1;
        run->left_out_reason[index] = mem_strdup(reason);
        run->workshops_left_out++;
        return ROW_REJECTED;
    }
    const cell *female = &row->cells[WORKSHOPS_FEMALE], *male = &row->cells[WORKSHOPS_MALE];
    const cell *other = &row->cells[WORKSHOPS_OTHER];
    eval_workshop *w = &run->pending[run->n_pending];
    *w = (eval_workshop){cell_copy(id), cell_copy(&row->cells[WORKSHOPS_TITLE]),
                         cell_copy(&row->cells[WORKSHOPS_ACTION]), NULL, start->integer,
                         female->state == CELL_OK && male->state == CELL_OK,
                         {female->integer, male->integer,
                          other->state == CELL_OK ? other->integer : 0}};
    const cell *modality = &row->cells[WORKSHOPS_MODALITY];
    static const char *const modalities[] = {"in-person", "virtual", "hybrid"};
    w->modality = mem_strdup(modality->state == CELL_OK ? modalities[modality->integer] : "");
    run->evaluation_index[index] = (long)run->n_pending++;
    run->left_out_reason[index] = NULL;
    return ROW_USED;
}

static int on_evaluation_header(const ingest_header *header, void *user, cb_error *err)
{
    evaluate_run *run = user;
    if (header->n_extras == 0)
        return error_set(err, header->path, header->line, 1,
                         "no rating items: every column other than workshop_id, respondent_id, "
                         "member_code, gender, submitted_at and comments is read as a rating "
                         "item, and there is none");
    evaluation_set_items(run->evaluation, header->n_extras, header->extra_labels);
    run->n_items = (int)header->n_extras;
    run->ratings = mem_alloc(header->n_extras * sizeof *run->ratings);
    return 0;
}

static int add_questionnaire(const typed_row *row, void *user)
{
    evaluate_run *run = user;
    const cell *workshop = &row->cells[EVALUATIONS_WORKSHOP];
    long index = run->evaluation_index[workshop->integer];
    if (index < 0) {
        ledger_reject(row->header->ledger, row->header->file, workshop->line, workshop->column,
                      "workshop_id", workshop->text, workshop->len, true,
                      "workshop %.*s %s", (int)workshop->len, workshop->text,
                      run->left_out_reason[workshop->integer]);
        return ROW_REJECTED;
    }
    const cell *submitted = &row->cells[EVALUATIONS_SUBMITTED];
    if (submitted->state == CELL_OK && submitted->integer > run->as_of) {
        ledger_reject(row->header->ledger, row->header->file, submitted->line, submitted->column,
                      "submitted_at", submitted->text, submitted->len, true,
                      "submitted after the as-of date; not counted");
        return ROW_REJECTED;
    }
    for (int i = 0; i < run->n_items; i++)
        run->ratings[i] = row->extras[i].state == CELL_OK ? (int)row->extras[i].integer
                                                         : EVAL_NO_ANSWER;
    const cell *gender = &row->cells[EVALUATIONS_GENDER];
    const cell *member = &row->cells[EVALUATIONS_MEMBER];
    long member_index = member->state == CELL_OK ? (long)member->integer : -1;
    evaluation_add_response(run->evaluation, (size_t)index, run->ratings,
                            gender->state == CELL_OK ? (int)gender->integer : EVAL_GENDER_NOT_GIVEN,
                            member_index);
    const cell *comment = &row->cells[EVALUATIONS_COMMENTS];
    if (comment->state == CELL_OK)
        comment_spool_add(&run->comments, (size_t)index, member_index, row->line, comment->text,
                          comment->len);
    return ROW_USED;
}

typedef struct evaluate_args {
    const char *workshops, *evaluations, *members, *output;
    common_options common;
    plan_options plan;
} evaluate_args;

static int parse_args(int argc, char **argv, evaluate_args *a)
{
    *a = (evaluate_args){.output = "evaluation.xlsx", .common = option_common_defaults(),
                         .plan = option_plan_defaults()};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int taken = option_common(argc, argv, &i, &a->common);
        if (taken == 0)
            taken = option_plan(argc, argv, &i, &a->plan);
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--workshops", &v)) > 0)
            a->workshops = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--evaluations", &v)) > 0)
            a->evaluations = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--members", &v)) > 0)
            a->members = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "-o", &v)) > 0)
            a->output = v;
        if (taken < 0)
            return -1;
        if (taken == 0)
            return option_usage_error("evaluate", "unexpected argument %s", argv[i]), -1;
    }
    if (a->workshops == NULL || a->evaluations == NULL)
        return option_usage_error("evaluate", "--workshops and --evaluations are required"), -1;
    return option_plan_check("evaluate", &a->plan);
}

static void free_run(evaluate_run *run, size_t n_ids)
{
    for (size_t i = 0; i < n_ids; i++)
        free(run->left_out_reason[i]);
    for (size_t i = 0; i < run->n_pending; i++) {
        free(run->pending[i].id);
        free(run->pending[i].title);
        free(run->pending[i].action);
        free(run->pending[i].modality);
    }
    free(run->pending);
    free(run->left_out_reason);
    free(run->evaluation_index);
    free(run->ratings);
    keyset_free(run->workshop_ids);
    evaluation_free(run->evaluation);
    comment_spool_close(&run->comments);
}

/* Reads the three inputs into run; prints the fatal error and returns -1 when one is unusable. */
static int read_inputs(const evaluate_args *a, evaluate_run *run, ledger *ledger,
                       member_registry **registry, cb_error *err)
{
    ingest_options options = a->common.ingest;
    if (a->members) {
        if (registry_load(a->members, &options, ledger, registry, err) != 0)
            return -1;
        options.members = (*registry)->codes;
        run->members = *registry;
    }
    ingest_handler workshops = {NULL, add_workshop, run};
    if (ingest_file(a->workshops, KIND_WORKSHOPS, &options, &workshops, ledger, err) != 0)
        return -1;
    run->evaluation = evaluation_new(options.scale_min, options.scale_max,
                                     *registry ? (*registry)->count : 0);
    for (size_t i = 0; i < run->n_pending; i++)
        evaluation_add_workshop(run->evaluation, &run->pending[i]);
    options.workshops = run->workshop_ids;
    ingest_handler evaluations = {on_evaluation_header, add_questionnaire, run};
    return ingest_file(a->evaluations, KIND_EVALUATIONS, &options, &evaluations, ledger, err);
}

int command_evaluate(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (option_is_help(argv[i])) {
            fputs(evaluate_help, stdout);
            return EXIT_DONE;
        }
    evaluate_args args;
    if (parse_args(argc, argv, &args) != 0)
        return EXIT_FATAL;
    evaluate_run run = {.workshop_ids = keyset_new(), .as_of = args.plan.as_of,
                        .plan_start = args.plan.plan_start, .plan_end = args.plan.plan_end};
    ledger *ledger = ledger_new();
    ledger_set_echo(ledger, stderr, 20);
    member_registry *registry = NULL;
    cb_error err;
    int status = EXIT_DONE;
    if (comment_spool_open(&run.comments, &err) != 0 ||
        read_inputs(&args, &run, ledger, &registry, &err) != 0) {
        error_print(&err, stderr);
        status = EXIT_FATAL;
        goto done;
    }
    evaluation_report report = {run.evaluation, registry, &run.comments, ledger,
                                args.plan.as_of, args.plan.plan_start, args.plan.plan_end,
                                run.workshops_left_out};
    if (export_evaluation_workbook(args.output, &report, &err) != 0) {
        error_print(&err, stderr);
        status = EXIT_FATAL;
        goto done;
    }
    long rejected, left_out;
    ledger_totals(ledger, &rejected, &left_out);
    printf("wrote %s: %zu workshops, %lld respondents, %ld rejected rows, %ld values left out\n",
           args.output, evaluation_workshop_count(run.evaluation),
           evaluation_respondents(run.evaluation), rejected, left_out);
    if (args.common.strict && ledger_problem_count(ledger) > 0)
        status = EXIT_PROBLEMS;
done:
    free_run(&run, keyset_count(run.workshop_ids));
    registry_free(registry);
    ledger_free(ledger);
    return status;
}
