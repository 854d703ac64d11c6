/* Command-line conventions shared by every command: option spelling, the options all
 * commands take, and the exit statuses. */
#ifndef CBKPI_CLI_OPTIONS_H
#define CBKPI_CLI_OPTIONS_H

#include <stdbool.h>

#include "ingest/ingest.h"
#include "util/version.h"

enum { EXIT_DONE = 0, EXIT_PROBLEMS = 1, EXIT_FATAL = 2 };

/* Options every command that reads input understands. */
typedef struct common_options {
    ingest_options ingest;
    bool strict;
    long echo_limit;   /* problems printed on stderr as they are found (the rest are counted) */
    const char *labels_path, *columns_path; /* --labels, --columns; loaded by option_common_load */
    label_set *labels;
    column_map *columns;
} common_options;

/* The dates that bound a run: the as-of date and the plan window. */
typedef struct plan_options {
    long as_of;        /* days since 1970-01-01; default today */
    long plan_start;   /* default 2024-07-01 */
    long plan_end;     /* default 2026-06-30 */
} plan_options;

/** Today's date and the Strategic Action Plan 2024-2026 window. */
plan_options option_plan_defaults(void);
/** Takes --as-of, --plan-start or --plan-end at argv[*i]; returns 1 when taken, 0 when not,
 *  -1 after a usage error (a date that is not YYYY-MM-DD). */
int option_plan(int argc, char **argv, int *i, plan_options *plan);
/** Checks the window after all options are read; -1 after a usage error. */
int option_plan_check(const char *command, const plan_options *plan);

/** Matches argv[*i] against an option that takes a value ("--name VALUE" or "--name=VALUE");
 *  returns 1 and advances *i when it matched, 0 when it did not, -1 (after printing a usage
 *  error) when the value is missing. */
int option_value(int argc, char **argv, int *i, const char *name, const char **value);
/** Takes one of the shared options (--encoding, --delimiter, --scale, --strict, --threads) at
 *  argv[*i]; returns 1 when taken, 0 when argv[*i] is something else, -1 after a usage error. */
int option_common(int argc, char **argv, int *i, common_options *options);
/** Reads the --labels and --columns files named on the command line into the ingest options.
 *  Returns 0, or prints why and returns -1. */
int option_common_load(common_options *options);
/** Frees what option_common_load read. */
void option_common_free(common_options *options);
/** Defaults of the shared options. */
common_options option_common_defaults(void);
/** Prints "cbkpi COMMAND: message" and a pointer to --help; returns EXIT_FATAL. */
int option_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** True for -h and --help. */
bool option_is_help(const char *arg);
/** When any argument asks for help, prints help on stdout and returns true. */
bool option_help_asked(int argc, char **argv, const char *help);
/** Takes one of the options every job shares (option_common, option_plan) at argv[*i];
 *  returns 1 when taken, 0 when not, -1 after a usage error. */
int option_job(int argc, char **argv, int *i, common_options *common, plan_options *plan);

/* Lines of --help that describe the shared options, for every command's help text. */
#define OPTION_COMMON_HELP                                                                    \
    "  --encoding ENC     input encoding: auto (UTF-8, or UTF-16 with a byte order mark),\n"  \
    "                     utf-8, utf-16le, utf-16be, windows-1252\n"                         \
    "  --delimiter D      field delimiter: ',' ';' 'tab' (default: detected from the header)\n" \
    "  --scale MIN-MAX    rating scale of evaluations.csv (default 1-5)\n"                   \
    "  --labels FILE      answer labels and their scale points (CSV: label,value)\n"         \
    "  --columns FILE     what source columns are (CSV: header,role[,label]; a role is\n"    \
    "                     workshop_id, member_code, gender, respondent_id, submitted_at,\n"  \
    "                     comments, year, item, topic or ignore)\n"                          \
    "  --workshop-id ID   the workshop of every questionnaire (a form per workshop)\n"        \
    "  --date-order ORD   mdy or dmy: how A/B/YYYY timestamps are read (default: only\n"   \
    "                     values that are a date one way, never a guess)\n"                  \
    "  --strict           exit with status 1 when any row or value was rejected\n"           \
    "  --threads N        threads that read a large file (default: one per core, up to 8);\n" \
    "                     the results are the same for any N\n"

#define OPTION_PLAN_HELP                                                                      \
    "  --as-of DATE       ignore data after this date (default today)\n"                     \
    "  --plan-start DATE  first day of the plan window (default 2024-07-01)\n"               \
    "  --plan-end DATE    last day of the plan window (default 2026-06-30)\n"

#endif
