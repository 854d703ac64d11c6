#include "util/error.h"

#include <stdarg.h>
#include <string.h>

int error_set(cb_error *err, const char *file, long line, long column, const char *fmt, ...)
{
    if (err == NULL)
        return -1;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return -1;
}

void error_format_position(char *out, size_t cap, const char *file, long line, long column)
{
    if (line > 0 && column > 0)
        snprintf(out, cap, "%s:%ld:%ld", file, line, column);
    else if (line > 0)
        snprintf(out, cap, "%s:%ld", file, line);
    else
        snprintf(out, cap, "%s", file);
}

void error_print(const cb_error *err, FILE *out)
{
    if (err->file[0] == '\0') {
        fprintf(out, "cbkpi: %s\n", err->message);
        return;
    }
    char where[ERROR_PATH_MAX + 48];
    error_format_position(where, sizeof where, err->file, err->line, err->column);
    fprintf(out, "%s: %s\n", where, err->message);
}
