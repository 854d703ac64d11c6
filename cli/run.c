#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/readers.h"
#include "util/alloc.h"

static const char run_help[] =
    "Usage: cbkpi run DIR [-o OUTDIR] [OPTIONS]\n"
    "Validates the data folder DIR, then writes every workbook whose inputs are there:\n"
    "  evaluation.xlsx     from workshops.csv and evaluations.csv (members.csv adds groups)\n"
    "  needs-YEAR.xlsx     from needs.csv and members.csv, for the latest survey year\n"
    "  scorecard.xlsx      from members.csv and the KPI data the folder holds (status,\n"
    "                      activities, delegations, kpi_values, workshop evaluations)\n"
    "One line per workbook written or job skipped goes to stdout; problems go to stderr.\n"
    "Nothing is written when an input cannot be read at all.\n\n"
    "Options:\n"
    "  -o OUTDIR          folder for the workbooks (default out; created when missing)\n"
    "  --all-years        one needs workbook per survey year\n"
    OPTION_PLAN_HELP
    OPTION_COMMON_HELP
    "  -h, --help         show this help\n\n"
    "Exit status: 0 done, 1 rows were rejected and --strict was given, 2 usage or fatal error.\n";

typedef struct run_args {
    const char *data, *out;
    bool all_years;
    common_options common;
    plan_options plan;
} run_args;

static int parse_args(int argc, char **argv, run_args *a)
{
    *a = (run_args){.out = "out", .common = option_common_defaults(), .plan = option_plan_defaults()};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int taken = option_job(argc, argv, &i, &a->common, &a->plan);
        if (taken == 0 && (taken = option_value(argc, argv, &i, "-o", &v)) > 0)
            a->out = v;
        if (taken == 0 && strcmp(argv[i], "--all-years") == 0) {
            a->all_years = true;
            taken = 1;
        }
        if (taken < 0)
            return -1;
        if (taken > 0)
            continue;
        if (argv[i][0] == '-' || a->data != NULL)
            return option_usage_error("run", "unexpected argument %s", argv[i]), -1;
        a->data = argv[i];
    }
    if (a->data == NULL)
        return option_usage_error("run", "name the data folder, e.g. cbkpi run samples"), -1;
    return option_plan_check("run", &a->plan);
}

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = mem_alloc(len);
    snprintf(path, len, "%s/%s", dir, name);
    return path;
}

static int make_folder(const char *dir)
{
    struct stat info;
    if (stat(dir, &info) == 0 && S_ISDIR(info.st_mode))
        return 0;
    if (mkdir(dir, 0777) == 0)
        return 0;
    fprintf(stderr, "%s: cannot create the output folder: %s\n", dir, strerror(errno));
    return -1;
}

static int worst(int a, int b)
{
    return a > b ? a : b;
}

static int run_needs(const run_args *a, const char *survey, const char *members)
{
    needs_args job = {.survey = survey, .members = members, .common = a->common, .plan = a->plan};
    /* Find the survey years once (quietly), then write one workbook per year asked for. */
    ledger *quiet = ledger_new();
    member_registry *registry = NULL;
    needs_survey *parsed = NULL;
    cb_error err;
    ingest_options options = a->common.ingest;
    int status = EXIT_DONE;
    if (registry_load(members, &options, quiet, &registry, &err) == 0) {
        registry_attach(registry, &options);
        if (read_needs(survey, &options, registry->count, a->plan.as_of, quiet, &parsed, &err) != 0)
            parsed = NULL;
    }
    const int *years = NULL;
    size_t n = parsed ? needs_years(parsed, &years) : 0;
    size_t first = a->all_years || n == 0 ? 0 : n - 1;
    for (size_t i = first; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "needs-%d.xlsx", years[i]);
        char *output = join(a->out, name);
        job.year = years[i];
        job.output = output;
        status = worst(status, job_needs(&job));
        free(output);
    }
    if (n == 0) /* let the job report why there is nothing */
        status = worst(status, job_needs(&job));
    needs_free(parsed);
    registry_free(registry);
    ledger_free(quiet);
    return status;
}

static int run_jobs(const run_args *a, const input_list *inputs)
{
    const char *members = inputs_find(inputs, KIND_MEMBERS);
    const char *workshops = inputs_find(inputs, KIND_WORKSHOPS);
    const char *evaluations = inputs_find(inputs, KIND_EVALUATIONS);
    const char *survey = inputs_find(inputs, KIND_NEEDS);
    int status = EXIT_DONE;
    if (workshops && evaluations) {
        char *output = join(a->out, "evaluation.xlsx");
        evaluate_args job = {workshops, evaluations, members, output, a->common, a->plan};
        status = worst(status, job_evaluate(&job));
        free(output);
    } else {
        printf("skipped evaluation.xlsx: no %s in %s\n", workshops ? "evaluations.csv" : "workshops.csv",
               a->data);
    }
    if (survey && members)
        status = worst(status, run_needs(a, survey, members));
    else
        printf("skipped needs workbook: no %s in %s\n", survey ? "members.csv" : "needs.csv", a->data);
    bool kpi_data = inputs_find(inputs, KIND_STATUS) || inputs_find(inputs, KIND_ACTIVITIES) ||
                    inputs_find(inputs, KIND_DELEGATIONS) || inputs_find(inputs, KIND_KPI_VALUES) ||
                    (workshops && evaluations);
    if (members && kpi_data) {
        char *output = join(a->out, "scorecard.xlsx");
        scorecard_args job = {a->data, NULL, output, a->common, a->plan};
        status = worst(status, job_scorecard(&job));
        free(output);
    } else if (!members) {
        printf("skipped scorecard.xlsx: no members.csv in %s\n", a->data);
    } else {
        printf("skipped scorecard.xlsx: no status.csv, activities.csv, delegations.csv, "
               "kpi_values.csv or evaluations in %s\n", a->data);
    }
    return status;
}

/* Validates the folder's inputs, then runs the jobs; returns the exit status. */
static int run_folder(run_args *args, input_list *inputs)
{
    if (inputs_add_folder(inputs, args->data) != 0)
        return EXIT_FATAL;
    inputs_sort(inputs);
    /* Every problem is printed once, here; the jobs only count them in their workbooks. */
    common_options check = args->common;
    check.echo_limit = 50;
    int status = validate_inputs(inputs, &check, false);
    if (status == EXIT_FATAL || make_folder(args->out) != 0)
        return EXIT_FATAL;
    args->common.echo_limit = 0;
    int jobs = run_jobs(args, inputs);
    if (jobs == EXIT_FATAL)
        return EXIT_FATAL;
    return args->common.strict && (status == EXIT_PROBLEMS || jobs == EXIT_PROBLEMS) ? EXIT_PROBLEMS
                                                                                    : EXIT_DONE;
}

int command_run(int argc, char **argv)
{
    if (option_help_asked(argc, argv, run_help))
        return EXIT_DONE;
    run_args args;
    if (parse_args(argc, argv, &args) != 0 || option_common_load(&args.common) != 0)
        return EXIT_FATAL;
    input_list inputs = {0};
    int status = run_folder(&args, &inputs);
    inputs_free(&inputs);
    option_common_free(&args.common);
    return status;
}

