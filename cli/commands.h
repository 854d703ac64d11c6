/* One function per command: options in, stages run, exit status out. */
#ifndef CBKPI_CLI_COMMANDS_H
#define CBKPI_CLI_COMMANDS_H

#include "cli/inputs.h"
#include "cli/options.h"

/* What each job needs; a command fills it from its options, `cbkpi run` from a folder. */
typedef struct evaluate_args {
    const char *workshops, *evaluations, *members, *output;
    common_options common;
    plan_options plan;
} evaluate_args;

typedef struct needs_args {
    const char *survey, *members, *output;   /* output NULL: needs-YEAR.xlsx */
    int year;                                /* 0: the latest in the file */
    common_options common;
    plan_options plan;
} needs_args;

typedef struct scorecard_args {
    const char *data, *catalogue, *output;
    common_options common;
    plan_options plan;
} scorecard_args;

/** Writes evaluation.xlsx and prints one line saying so; returns the exit status. */
int job_evaluate(const evaluate_args *args);
/** Writes needs-YEAR.xlsx and prints one line saying so; returns the exit status. */
int job_needs(const needs_args *args);
/** Writes scorecard.xlsx and prints one line saying so; returns the exit status. */
int job_scorecard(const scorecard_args *args);

/** Checks every input of the list (members and workshops first, so that codes and ids of the
 *  other files are checked against them), printing each problem on stderr and, when
 *  summaries is set, one line per file on stdout. Returns EXIT_DONE, EXIT_PROBLEMS or
 *  EXIT_FATAL. */
int validate_inputs(const input_list *inputs, const common_options *options, bool summaries);

/** cbkpi validate: checks inputs, writes nothing. */
int command_validate(int argc, char **argv);
/** cbkpi evaluate: scores post-workshop questionnaires into evaluation.xlsx. */
int command_evaluate(int argc, char **argv);
/** cbkpi needs: ranks the annual needs-assessment survey into needs-YEAR.xlsx. */
int command_needs(int argc, char **argv);
/** cbkpi scorecard: every KPI of the plan catalogue into scorecard.xlsx. */
int command_scorecard(int argc, char **argv);
/** cbkpi run: validates a data folder, then runs every job whose inputs are there. */
int command_run(int argc, char **argv);

#endif
