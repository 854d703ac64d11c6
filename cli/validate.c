#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/readers.h"
#include "ingest/registry.h"
#include "util/date.h"

static const char validate_help[] =
    "Usage: cbkpi validate [OPTIONS] DIR|FILE...\n"
    "Checks input files and writes nothing. A folder is searched for the known file names\n"
    "(members.csv, workshops.csv, evaluations.csv, needs.csv, delegations.csv,\n"
    "activities.csv, status.csv, kpi_values.csv, kpis.csv); member codes and workshop ids\n"
    "are checked against members.csv and workshops.csv when those are among the inputs.\n"
    "Every problem is printed on stderr as file:line:column: message; one summary line per\n"
    "file goes to stdout.\n\n"
    "Options:\n"
    "  --kind KIND        read every FILE as this kind (members, workshops, evaluations,\n"
    "                     needs, delegations, activities, status, kpi_values, kpis)\n"
    OPTION_COMMON_HELP
    "  -h, --help         show this help\n\n"
    "Exit status: 0 no problems, 1 rows or values rejected, 2 a file could not be read.\n";

/* Collects workshop ids so that evaluations can be checked against them. */
static int collect_workshop(const typed_row *row, void *user)
{
    const cell *id = &row->cells[WORKSHOPS_ID];
    keyset_add(user, id->text, id->len, NULL);
    return ROW_USED;
}

static void print_summary(const ledger_file *f)
{
    printf("%s: %ld row%s, %ld used, %ld rejected", f->path, f->rows_read,
           f->rows_read == 1 ? "" : "s", f->rows_used, f->rows_rejected);
    if (f->cells_rejected > 0)
        printf(", %ld value%s left out", f->cells_rejected, f->cells_rejected == 1 ? "" : "s");
    if (f->source[0] != '\0')
        printf(" (%s export%s)", f->source, f->hashtag_rows > 0 ? ", HXL hashtag row skipped" : "");
    if (f->blank_rows > 0)
        printf(" (%ld blank row%s skipped)", f->blank_rows, f->blank_rows == 1 ? "" : "s");
    printf("\n");
}

static int add_path(input_list *inputs, const char *path, input_kind forced)
{
    struct stat info;
    input_kind kind;
    if (stat(path, &info) == 0 && S_ISDIR(info.st_mode))
        return inputs_add_folder(inputs, path);
    if (forced != KIND_COUNT)
        inputs_add(inputs, path, forced);
    else if (schema_kind_from_path(path, &kind))
        inputs_add(inputs, path, kind);
    else
        return option_usage_error("validate", "%s: cannot tell what kind of file this is from "
                                  "its name; name it members.csv, evaluations.csv, ... or pass "
                                  "--kind", path), -1;
    return 0;
}

static int collect_inputs(int argc, char **argv, common_options *options, input_list *inputs)
{
    const char *kind_name = NULL;
    const char *paths[argc];
    int n_paths = 0;
    for (int i = 1; i < argc; i++) {
        int taken = option_common(argc, argv, &i, options);
        if (taken == 0)
            taken = option_value(argc, argv, &i, "--kind", &kind_name);
        if (taken < 0)
            return -1;
        if (taken > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return option_usage_error("validate", "unknown option %s", argv[i]), -1;
        paths[n_paths++] = argv[i];
    }
    input_kind forced = KIND_COUNT;
    if (kind_name && !schema_kind_from_name(kind_name, &forced))
        return option_usage_error("validate", "unknown kind \"%s\"", kind_name), -1;
    if (n_paths == 0)
        return option_usage_error("validate", "name a data folder or files to check"), -1;
    for (int i = 0; i < n_paths; i++)
        if (add_path(inputs, paths[i], forced) != 0)
            return -1;
    inputs_sort(inputs);
    return 0;
}

int validate_inputs(const input_list *inputs, const common_options *common, bool summaries)
{
    common_options options = *common;
    ledger *ledger = ledger_new();
    ledger_set_echo(ledger, stderr, options.echo_limit);
    member_registry *registry = NULL;
    keyset *workshops = NULL;
    bool fatal = false;
    for (size_t i = 0; i < inputs->count; i++) {
        const input_file *in = &inputs->items[i];
        cb_error err;
        int rc;
        if (in->kind == KIND_MEMBERS && registry == NULL) {
            rc = registry_load(in->path, &options.ingest, ledger, &registry, &err);
            if (rc == 0)
                registry_attach(registry, &options.ingest);
        } else if (in->kind == KIND_WORKSHOPS && workshops == NULL) {
            workshops = keyset_new();
            ingest_handler handler = {.on_row = collect_workshop, .user = workshops};
            rc = ingest_file(in->path, in->kind, &options.ingest, &handler, ledger, &err);
            options.ingest.workshops = workshops;
        } else if (in->kind == KIND_NEEDS && registry != NULL) {
            needs_survey *survey;
            rc = read_needs(in->path, &options.ingest, registry->count,
                            date_from_civil(9999, 12, 31), ledger, &survey, &err);
            needs_free(survey);
        } else if (in->kind == KIND_KPIS) {
            catalogue cat = {0};
            plan_options plan = option_plan_defaults();
            rc = read_catalogue_csv(in->path, NULL, &options.ingest, plan.plan_end, ledger, &cat,
                                    &err);
            catalogue_free(&cat);
        } else {
            rc = ingest_file(in->path, in->kind, &options.ingest, NULL, ledger, &err);
        }
        if (rc != 0) {
            error_print(&err, stderr);
            if (summaries)
                printf("%s: not checked to the end (see the error above)\n", in->path);
            fatal = true;
            continue;
        }
        if (summaries)
            print_summary(ledger_file_at(ledger, ledger_file_count(ledger) - 1));
    }
    long problems = ledger_problem_count(ledger);
    registry_free(registry);
    keyset_free(workshops);
    ledger_free(ledger);
    if (fatal)
        return EXIT_FATAL;
    return problems > 0 ? EXIT_PROBLEMS : EXIT_DONE;
}

int command_validate(int argc, char **argv)
{
    if (option_help_asked(argc, argv, validate_help))
        return EXIT_DONE;
    common_options options = option_common_defaults();
    options.echo_limit = LONG_MAX; /* every problem is the point of validate */
    input_list inputs = {0};
    int status = collect_inputs(argc, argv, &options, &inputs) != 0 ||
                         option_common_load(&options) != 0
                     ? EXIT_FATAL
                     : validate_inputs(&inputs, &options, true);
    inputs_free(&inputs);
    option_common_free(&options);
    return status;
}
