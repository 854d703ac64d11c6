#include "cli/options.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/fields.h"
#include "util/date.h"

int option_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "cbkpi %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'cbkpi %s --help'.\n", command);
    va_end(ap);
    return EXIT_FATAL;
}

bool option_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

bool option_help_asked(int argc, char **argv, const char *help)
{
    for (int i = 1; i < argc; i++)
        if (option_is_help(argv[i])) {
            fputs(help, stdout);
            return true;
        }
    return false;
}

int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "cbkpi: option %s needs a value\n", name);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

common_options option_common_defaults(void)
{
    common_options options = {.ingest = ingest_default_options(), .echo_limit = 20};
    return options;
}

static bool parse_delimiter(const char *text, char *delimiter)
{
    if (strcmp(text, "tab") == 0 || strcmp(text, "\\t") == 0 || strcmp(text, "\t") == 0)
        *delimiter = '\t';
    else if (strcmp(text, ",") == 0 || strcmp(text, "comma") == 0)
        *delimiter = ',';
    else if (strcmp(text, ";") == 0 || strcmp(text, "semicolon") == 0)
        *delimiter = ';';
    else if (strcmp(text, "|") == 0 || strcmp(text, "pipe") == 0)
        *delimiter = '|';
    else
        return false;
    return true;
}

static bool parse_scale(const char *text, int *min, int *max)
{
    char *end;
    long lo = strtol(text, &end, 10);
    if (*end != '-')
        return false;
    long hi = strtol(end + 1, &end, 10);
    if (*end != '\0' || lo < 0 || hi > 100 || hi - lo < 1)
        return false;
    *min = (int)lo;
    *max = (int)hi;
    return true;
}

int option_common(int argc, char **argv, int *i, common_options *options)
{
    const char *value;
    int taken;
    if (strcmp(argv[*i], "--strict") == 0) {
        options->strict = true;
        return 1;
    }
    if ((taken = option_value(argc, argv, i, "--encoding", &value)) != 0) {
        if (taken < 0)
            return -1;
        if (!decoder_parse_encoding(value, &options->ingest.reader.encoding)) {
            fprintf(stderr, "cbkpi: unknown encoding \"%s\" (use utf-8, utf-16le, utf-16be or "
                            "windows-1252)\n", value);
            return -1;
        }
        return 1;
    }
    if ((taken = option_value(argc, argv, i, "--delimiter", &value)) != 0) {
        if (taken < 0)
            return -1;
        if (!parse_delimiter(value, &options->ingest.reader.delimiter)) {
            fprintf(stderr, "cbkpi: unknown delimiter \"%s\" (use ',', ';' or tab)\n", value);
            return -1;
        }
        return 1;
    }
    if ((taken = option_value(argc, argv, i, "--labels", &options->labels_path)) != 0)
        return taken;
    if ((taken = option_value(argc, argv, i, "--columns", &options->columns_path)) != 0)
        return taken;
    if ((taken = option_value(argc, argv, i, "--workshop-id", &options->ingest.workshop_id)) != 0)
        return taken;
    if ((taken = option_value(argc, argv, i, "--date-order", &value)) != 0) {
        if (taken < 0)
            return -1;
        if (strcmp(value, "dmy") != 0 && strcmp(value, "mdy") != 0) {
            fprintf(stderr, "cbkpi: --date-order wants dmy or mdy, not \"%s\"\n", value);
            return -1;
        }
        options->ingest.date_order = strcmp(value, "dmy") == 0 ? DATE_ORDER_DMY : DATE_ORDER_MDY;
        return 1;
    }
    if ((taken = option_value(argc, argv, i, "--scale", &value)) != 0) {
        if (taken < 0)
            return -1;
        if (!parse_scale(value, &options->ingest.scale_min, &options->ingest.scale_max)) {
            fprintf(stderr, "cbkpi: --scale wants MIN-MAX such as 1-5 or 0-10, not \"%s\"\n", value);
            return -1;
        }
        return 1;
    }
    if ((taken = option_value(argc, argv, i, "--threads", &value)) != 0) {
        long long threads;
        if (taken < 0)
            return -1;
        if (!field_parse_integer(value, strlen(value), 1, INGEST_MAX_THREADS, &threads)) {
            fprintf(stderr, "cbkpi: --threads wants a number from 1 to %d, not \"%s\"\n",
                    INGEST_MAX_THREADS, value);
            return -1;
        }
        options->ingest.threads = (int)threads;
        return 1;
    }
    return 0;
}

int option_common_load(common_options *options)
{
    reader_options mapping = {ENCODING_AUTO, 0};
    cb_error err;
    if (options->labels_path != NULL &&
        labels_load(options->labels_path, &mapping, &options->labels, &err) != 0) {
        error_print(&err, stderr);
        return -1;
    }
    if (options->columns_path != NULL &&
        columns_load(options->columns_path, &mapping, &options->columns, &err) != 0) {
        error_print(&err, stderr);
        option_common_free(options);
        return -1;
    }
    options->ingest.labels = options->labels;
    options->ingest.columns = options->columns;
    return 0;
}

void option_common_free(common_options *options)
{
    labels_free(options->labels);
    columns_free(options->columns);
    options->labels = NULL;
    options->columns = NULL;
    options->ingest.labels = NULL;
    options->ingest.columns = NULL;
}

plan_options option_plan_defaults(void)
{
    plan_options plan = {0, date_from_civil(2024, 7, 1), date_from_civil(2026, 6, 30)};
    time_t now = time(NULL);
    struct tm local;
    if (localtime_r(&now, &local) != NULL)
        plan.as_of = date_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
    return plan;
}

int option_plan(int argc, char **argv, int *i, plan_options *plan)
{
    static const char *const names[] = {"--as-of", "--plan-start", "--plan-end"};
    long *targets[] = {&plan->as_of, &plan->plan_start, &plan->plan_end};
    for (int k = 0; k < 3; k++) {
        const char *value;
        int taken = option_value(argc, argv, i, names[k], &value);
        if (taken == 0)
            continue;
        if (taken < 0)
            return -1;
        if (!date_parse_iso(value, strlen(value), targets[k])) {
            fprintf(stderr, "cbkpi: %s wants a date YYYY-MM-DD, not \"%s\"\n", names[k], value);
            return -1;
        }
        return 1;
    }
    return 0;
}

int option_plan_check(const char *command, const plan_options *plan)
{
    if (plan->plan_end < plan->plan_start)
        return option_usage_error(command, "--plan-end is before --plan-start"), -1;
    long earliest = date_from_civil(1900, 1, 1), latest = date_from_civil(9000, 12, 31);
    if (plan->plan_start < earliest || plan->plan_end > latest || plan->as_of < earliest ||
        plan->as_of > latest)
        return option_usage_error(command, "dates must lie between 1900 and 9000"), -1;
    if (plan->plan_end - plan->plan_start > 16 * 365)
        return option_usage_error(command, "a plan window of more than 16 years is not a "
                                  "strategic plan; check --plan-start and --plan-end"), -1;
    return 0;
}

int option_job(int argc, char **argv, int *i, common_options *common, plan_options *plan)
{
    int taken = option_common(argc, argv, i, common);
    return taken != 0 ? taken : option_plan(argc, argv, i, plan);
}
