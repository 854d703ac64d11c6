#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/evaluation.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/readers.h"
#include "export/evaluation_workbook.h"
#include "util/text.h"
#include "ingest/registry.h"

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


static int parse_args(int argc, char **argv, evaluate_args *a)
{
    *a = (evaluate_args){.output = "evaluation.xlsx", .common = option_common_defaults(),
                         .plan = option_plan_defaults()};
    for (int i = 1; i < argc; i++) {
        const char *v;
        int taken = option_job(argc, argv, &i, &a->common, &a->plan);
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

int command_evaluate(int argc, char **argv)
{
    if (option_help_asked(argc, argv, evaluate_help))
        return EXIT_DONE;
    evaluate_args args;
    if (parse_args(argc, argv, &args) != 0 || option_common_load(&args.common) != 0)
        return EXIT_FATAL;
    int status = job_evaluate(&args);
    option_common_free(&args.common);
    return status;
}

int job_evaluate(const evaluate_args *a)
{
    ledger *ledger = ledger_new();
    ledger_set_echo(ledger, stderr, a->common.echo_limit);
    member_registry *registry = NULL;
    evaluation_input input = {0};
    comment_spool comments = {0};
    cb_error err;
    int status = EXIT_FATAL;
    ingest_options options = a->common.ingest;
    if (a->members) {
        if (registry_load(a->members, &options, ledger, &registry, &err) != 0)
            goto fail;
        registry_attach(registry, &options);
    }
    if (comment_spool_open(&comments, &err) != 0 ||
        read_evaluation(a->workshops, a->evaluations, &options, &a->plan, registry,
                        &comments, ledger, &input, &err) != 0)
        goto fail;
    evaluation_report report = {input.evaluation, registry, &comments, ledger, a->plan.as_of,
                                a->plan.plan_start, a->plan.plan_end, input.workshops_left_out};
    if (export_evaluation_workbook(a->output, &report, &err) != 0)
        goto fail;
    long rejected, left_out;
    ledger_totals(ledger, &rejected, &left_out);
    char respondents[32], rows[32], values[32];
    text_thousands(evaluation_respondents(input.evaluation), respondents, sizeof respondents);
    text_thousands(rejected, rows, sizeof rows);
    text_thousands(left_out, values, sizeof values);
    printf("wrote %s: %zu workshops, %s respondents, %s rejected rows, %s values left out\n",
           a->output, evaluation_workshop_count(input.evaluation), respondents, rows, values);
    status = a->common.strict && ledger_problem_count(ledger) > 0 ? EXIT_PROBLEMS : EXIT_DONE;
    goto done;
fail:
    error_print(&err, stderr);
done:
    comment_spool_close(&comments);
    evaluation_input_free(&input);
    registry_free(registry);
    ledger_free(ledger);
    return status;
}
