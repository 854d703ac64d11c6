#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/needs.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "export/needs_workbook.h"
#include "ingest/registry.h"
#include "cli/readers.h"

static const char needs_help[] =
    "Usage: cbkpi needs --survey needs.csv --members members.csv [--year YEAR] [OPTIONS]\n"
    "                   [-o needs-YEAR.xlsx]\n"
    "Ranks the topics of the annual needs-assessment survey and writes the needs workbook:\n"
    "priorities, a Members x topics heat map, sub-region and SIE groups, coverage.\n\n"
    "Options:\n"
    "  --survey FILE      needs.csv (required)\n"
    "  --members FILE     members.csv (required: the denominator of the response rate)\n"
    "  --year YEAR        survey year to report (default the latest in the file); the year\n"
    "                     before it, when present, is the comparison\n"
    "  -o FILE            the workbook to write (default needs-YEAR.xlsx)\n"
    OPTION_PLAN_HELP
    OPTION_COMMON_HELP
    "  -h, --help         show this help\n\n"
    "Exit status: 0 written, 1 written but rows were rejected and --strict was given,\n"
    "2 usage or fatal error (nothing written).\n";


static int parse_args(int argc, char **argv, needs_args *a)
{
    *a = (needs_args){.common = option_common_defaults(), .plan = option_plan_defaults()};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int taken = option_job(argc, argv, &i, &a->common, &a->plan);
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--survey", &v)) > 0)
            a->survey = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--members", &v)) > 0)
            a->members = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "-o", &v)) > 0)
            a->output = v;
        if (taken == 0 && (taken = option_value(argc, argv, &i, "--year", &v)) > 0) {
            char *end;
            long year = strtol(v, &end, 10);
            if (*end != '\0' || year < 1900 || year > 2200)
                return option_usage_error("needs", "--year wants a year such as 2025, not \"%s\"", v), -1;
            a->year = (int)year;
        }
        if (taken < 0)
            return -1;
        if (taken == 0)
            return option_usage_error("needs", "unexpected argument %s", argv[i]), -1;
    }
    if (a->survey == NULL || a->members == NULL)
        return option_usage_error("needs", "--survey and --members are required"), -1;
    return option_plan_check("needs", &a->plan);
}

/* The year to report: the one asked for, or the latest; -1 with err set when absent. */
static int choose_year(const needs_args *a, const needs_survey *survey, int *year, cb_error *err)
{
    const int *years;
    size_t n = needs_years(survey, &years);
    if (n == 0)
        return error_set(err, a->survey, 0, 0, "no usable survey rows: nothing to report");
    *year = a->year ? a->year : years[n - 1];
    if (needs_has_year(survey, *year))
        return 0;
    char present[256] = "";
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(present);
        snprintf(present + used, sizeof present - used, "%s%d", i ? ", " : "", years[i]);
    }
    return error_set(err, a->survey, 0, 0, "no responses for %d (years in the file: %s)", *year,
                     present);
}

int command_needs(int argc, char **argv)
{
    if (option_help_asked(argc, argv, needs_help))
        return EXIT_DONE;
    needs_args args;
    if (parse_args(argc, argv, &args) != 0 || option_common_load(&args.common) != 0)
        return EXIT_FATAL;
    int status = job_needs(&args);
    option_common_free(&args.common);
    return status;
}

int job_needs(const needs_args *a)
{
    ledger *ledger = ledger_new();
    ledger_set_echo(ledger, stderr, a->common.echo_limit);
    member_registry *registry = NULL;
    needs_survey *survey = NULL;
    cb_error err;
    int status = EXIT_FATAL, year = 0;
    ingest_options options = a->common.ingest;
    if (registry_load(a->members, &options, ledger, &registry, &err) != 0)
        goto fail;
    registry_attach(registry, &options);
    if (read_needs(a->survey, &options, registry->count, a->plan.as_of, ledger, &survey, &err) != 0 ||
        choose_year(a, survey, &year, &err) != 0)
        goto fail;
    char default_output[32];
    snprintf(default_output, sizeof default_output, "needs-%d.xlsx", year);
    const char *output = a->output ? a->output : default_output;
    needs_report report = {survey, registry, ledger, year,
                           needs_has_year(survey, year - 1), a->plan.as_of,
                           a->plan.plan_start, a->plan.plan_end};
    if (export_needs_workbook(output, &report, &err) != 0)
        goto fail;
    long rejected, left_out;
    ledger_totals(ledger, &rejected, &left_out);
    printf("wrote %s: %zu/%zu Members responded in %d, %zu topics, %ld rejected rows, %ld values "
           "left out\n", output, needs_respondents(survey, year), registry->count, year,
           needs_topic_count(survey), rejected, left_out);
    status = a->common.strict && ledger_problem_count(ledger) > 0 ? EXIT_PROBLEMS : EXIT_DONE;
    goto done;
fail:
    error_print(&err, stderr);
done:
    needs_free(survey);
    registry_free(registry);
    ledger_free(ledger);
    return status;
}
