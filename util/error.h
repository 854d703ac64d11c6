/* One error type for the whole program: where (file, line, column) and what. */
#ifndef CBKPI_UTIL_ERROR_H
#define CBKPI_UTIL_ERROR_H

#include <stdio.h>

#define ERROR_PATH_MAX 1024
#define ERROR_MESSAGE_MAX 1024

typedef struct cb_error {
    char file[ERROR_PATH_MAX]; /* empty when the error is not about a file */
    long line;                 /* 1-based; 0 when unknown */
    long column;               /* 1-based characters; 0 when unknown */
    char message[ERROR_MESSAGE_MAX];
} cb_error;

/** Fills err (when not NULL) with a position and a printf-style message; always returns -1
 *  so that callers can write `return error_set(...)`. */
int error_set(cb_error *err, const char *file, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/** Prints err as "file:line:column: message" (parts that are unknown are left out). */
void error_print(const cb_error *err, FILE *out);

/** Formats a position prefix "file:line:column" into out (parts that are 0 are left out). */
void error_format_position(char *out, size_t cap, const char *file, long line, long column);

#endif
