#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyze/measures.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/readers.h"
#include "cli/shipped.h"
#include "export/scorecard_workbook.h"
#include "util/alloc.h"

static const char scorecard_help[] =
    "Usage: cbkpi scorecard --data DIR [--catalogue FILE] [OPTIONS] [-o scorecard.xlsx]\n"
    "Computes every KPI of the Strategic Action Plan catalogue from a data folder and writes\n"
    "the scorecard workbook: value, target and status (Met, On track, Off track, No data).\n\n"
    "The folder must hold members.csv; it may hold status.csv, activities.csv,\n"
    "delegations.csv, kpi_values.csv, workshops.csv and evaluations.csv (a KPI whose input\n"
    "is missing shows No data) and kpis.csv (a catalogue of its own).\n\n"
    "Options:\n"
    "  --data DIR         the data folder (required)\n"
    "  --catalogue FILE   the KPI catalogue (default DIR/kpis.csv if present, else the built-in\n"
    "                     catalogue of the Strategic Action Plan 2024-2026)\n"
    "  -o FILE            the workbook to write (default scorecard.xlsx)\n"
    OPTION_PLAN_HELP
    OPTION_COMMON_HELP
    "  -h, --help         show this help\n\n"
    "Exit status: 0 written, 1 written but rows were rejected and --strict was given,\n"
    "2 usage or fatal error (nothing written).\n";


static int parse_args(int argc, char **argv, scorecard_args *a)
{
    *a = (scorecard_args){.output = "scorecard.xlsx", .common = option_common_defaults(),
                          .plan = option_plan_defaults()};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int taken = option_job(argc, argv, &i, &a->common, &a->plan);
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--data", &v)) > 0)
            a->data = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--catalogue", &v)) > 0)
            a->catalogue = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "-o", &v)) > 0)
            a->output = v;
        if (taken < 0)
            return -1;
        if (taken == 0)
            return option_usage_error("scorecard", "unexpected argument %s", argv[i]), -1;
    }
    if (a->data == NULL)
        return option_usage_error("scorecard", "--data DIR is required"), -1;
    return option_plan_check("scorecard", &a->plan);
}

/* ---- row handlers ------------------------------------------------------------------------ */

/* A valid row that no figure uses (it lies outside the window) is counted as such. */
static int used(const typed_row *row, bool counted)
{
    if (!counted)
        ledger_out_of_scope(row->header->ledger, row->header->file);
    return ROW_USED;
}

static int add_status(const typed_row *row, void *user)
{
    const cell *c = row->cells;
    return used(row, scorecard_add_status(user, (size_t)c[STATUS_MEMBER].integer,
                                          c[STATUS_ACTION].text, c[STATUS_ACTION].len,
                                          (int)c[STATUS_STATUS].integer,
                                          (long)c[STATUS_AS_OF].integer));
}

typedef struct activity_run {
    scorecard *scorecard;
    const keyset *members;
    size_t *member_indexes;
    size_t cap;
} activity_run;

static int flag_of(const cell *c)
{
    return c->state == CELL_OK ? (int)c->integer : -1;
}

static int add_activity(const typed_row *row, void *user)
{
    activity_run *run = user;
    const cell *c = row->cells;
    const cell *codes = &c[ACTIVITIES_MEMBERS];
    size_t n = codes->state == CELL_OK ? (size_t)codes->integer : 0;
    if (n > run->cap) {
        run->cap = n;
        run->member_indexes = mem_realloc(run->member_indexes, n * sizeof *run->member_indexes);
    }
    char unknown[128];
    if (n > 0)
        ingest_member_list(codes->text, codes->len, run->members, run->member_indexes, n, unknown,
                           sizeof unknown);
    activity_row a = {(long)c[ACTIVITIES_DATE].integer, c[ACTIVITIES_ACTION].text,
                      c[ACTIVITIES_ACTION].state == CELL_OK ? c[ACTIVITIES_ACTION].len : 0,
                      c[ACTIVITIES_TYPE].text, c[ACTIVITIES_TYPE].len, run->member_indexes, n,
                      {flag_of(&c[ACTIVITIES_REQUESTED]), flag_of(&c[ACTIVITIES_ACCREDITED]),
                       flag_of(&c[ACTIVITIES_REQUEST_MET])}};
    return used(row, scorecard_add_activity(run->scorecard, &a));
}

static int add_delegation(const typed_row *row, void *user)
{
    const cell *c = row->cells;
    return used(row, scorecard_add_delegation(user, (long)c[DELEGATIONS_DATE].integer,
                                              (int)c[DELEGATIONS_HEAD_GENDER].integer));
}

static int add_value(const typed_row *row, void *user)
{
    const cell *c = row->cells, *id = &c[KPI_VALUES_ID];
    int counted = scorecard_add_manual(user, id->text, id->len, c[KPI_VALUES_VALUE].number,
                                       (long)c[KPI_VALUES_AS_OF].integer);
    if (counted >= 0)
        return used(row, counted == 1);
    const ingest_header *h = row->header;
    ledger_reject(h->ledger, h->file, id->line, id->column, h->column_labels[KPI_VALUES_ID],
                  id->text, id->len, true, "no KPI of the catalogue with measure manual has the "
                  "id \"%.*s\"; the value is left out", (int)id->len, id->text);
    return ROW_REJECTED;
}

/* ---- the command ------------------------------------------------------------------------- */

/* DIR/name when that file exists, else NULL (the caller frees). */
static char *data_file(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = mem_alloc(len);
    snprintf(path, len, "%s/%s", dir, name);
    struct stat info;
    if (stat(path, &info) == 0)
        return path;
    free(path);
    return NULL;
}

static int read_catalogue(const scorecard_args *a, const ingest_options *options, ledger *ledger,
                          catalogue *cat, const char **source, cb_error *err)
{
    char *in_folder = a->catalogue ? NULL : data_file(a->data, "kpis.csv");
    const char *path = a->catalogue ? a->catalogue : in_folder;
    int rc;
    if (path) {
        *source = path == in_folder ? "kpis.csv of the data folder" : a->catalogue;
        rc = read_catalogue_csv(path, NULL, options, a->plan.plan_end, ledger, cat, err);
    } else {
        *source = SHIPPED_CATALOGUE_NAME;
        rc = read_catalogue_csv(SHIPPED_CATALOGUE_NAME, shipped_catalogue_csv, options,
                                a->plan.plan_end, ledger, cat, err);
    }
    free(in_folder);
    if (rc == 0 && cat->count == 0)
        rc = error_set(err, path ? path : SHIPPED_CATALOGUE_NAME, 0, 0,
                       "the catalogue has no usable KPI");
    return rc;
}

/* Reads an optional input of the folder with a handler; a missing file is not an error. */
static int read_optional(const char *dir, input_kind kind, const ingest_options *options,
                         int (*on_row)(const typed_row *, void *), void *user, ledger *ledger,
                         cb_error *err)
{
    char name[64];
    snprintf(name, sizeof name, "%s", schema_for_kind(kind)->file_name);
    char *path = data_file(dir, name);
    if (path == NULL)
        return 0;
    ingest_handler handler = {.on_row = on_row, .user = user};
    int rc = ingest_file(path, kind, options, &handler, ledger, err);
    free(path);
    return rc;
}

static int read_data(const scorecard_args *a, ingest_options *options, const member_registry *members,
                     scorecard *sc, ledger *ledger, evaluation_input *eval, cb_error *err)
{
    activity_run activities = {sc, members->codes, NULL, 0};
    int rc = read_optional(a->data, KIND_STATUS, options, add_status, sc, ledger, err);
    if (rc == 0)
        rc = read_optional(a->data, KIND_ACTIVITIES, options, add_activity, &activities, ledger, err);
    free(activities.member_indexes);
    if (rc == 0)
        rc = read_optional(a->data, KIND_DELEGATIONS, options, add_delegation, sc, ledger, err);
    if (rc == 0)
        rc = read_optional(a->data, KIND_KPI_VALUES, options, add_value, sc, ledger, err);
    char *workshops = data_file(a->data, "workshops.csv");
    char *evaluations = data_file(a->data, "evaluations.csv");
    if (rc == 0 && workshops && evaluations) {
        rc = read_evaluation(workshops, evaluations, options, &a->plan, members, NULL, ledger,
                             eval, err);
        scorecard_set_evaluation(sc, eval->evaluation);
    }
    free(workshops);
    free(evaluations);
    return rc;
}

int command_scorecard(int argc, char **argv)
{
    if (option_help_asked(argc, argv, scorecard_help))
        return EXIT_DONE;
    scorecard_args args;
    if (parse_args(argc, argv, &args) != 0 || option_common_load(&args.common) != 0)
        return EXIT_FATAL;
    int status = job_scorecard(&args);
    option_common_free(&args.common);
    return status;
}

int job_scorecard(const scorecard_args *a)
{
    ledger *ledger = ledger_new();
    ledger_set_echo(ledger, stderr, a->common.echo_limit);
    member_registry *registry = NULL;
    catalogue cat = {0};
    scorecard *sc = NULL;
    evaluation_input eval = {0};
    const char *source = NULL;
    cb_error err;
    int status = EXIT_FATAL;
    ingest_options options = a->common.ingest;
    char *members_path = data_file(a->data, "members.csv");
    if (members_path == NULL) {
        error_set(&err, a->data, 0, 0, "no members.csv in this folder: the Member registry is "
                  "the denominator of every \"N/35 Members\" KPI");
        goto fail;
    }
    if (registry_load(members_path, &options, ledger, &registry, &err) != 0 ||
        read_catalogue(a, &options, ledger, &cat, &source, &err) != 0)
        goto fail;
    registry_attach(registry, &options);
    plan_window window = {a->plan.plan_start, a->plan.plan_end, a->plan.as_of};
    sc = scorecard_new(&cat, &window, registry->count);
    if (read_data(a, &options, registry, sc, ledger, &eval, &err) != 0)
        goto fail;
    scorecard_report report = {&cat, sc, registry, ledger, window, source};
    if (export_scorecard_workbook(a->output, &report, &err) != 0)
        goto fail;
    long counts[KPI_STATUS_COUNT] = {0}, rejected, left_out;
    for (size_t i = 0; i < cat.count; i++)
        counts[scorecard_result(sc, i).status]++;
    ledger_totals(ledger, &rejected, &left_out);
    printf("wrote %s: %zu KPIs, %ld met, %ld on track, %ld off track, %ld no data; %ld rejected "
           "rows\n", a->output, cat.count, counts[KPI_MET], counts[KPI_ON_TRACK],
           counts[KPI_OFF_TRACK], counts[KPI_NO_DATA], rejected);
    status = a->common.strict && ledger_problem_count(ledger) > 0 ? EXIT_PROBLEMS : EXIT_DONE;
    goto done;
fail:
    error_print(&err, stderr);
done:
    free(members_path);
    scorecard_free(sc);
    evaluation_input_free(&eval);
    catalogue_free(&cat);
    registry_free(registry);
    ledger_free(ledger);
    return status;
}
