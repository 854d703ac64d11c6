/* Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), so that windows and
 * plan years are plain integer comparisons. */
#ifndef CBKPI_UTIL_DATE_H
#define CBKPI_UTIL_DATE_H

#include <stdbool.h>
#include <stddef.h>

/** Days since 1970-01-01 of a valid civil date. */
long date_from_civil(int year, int month, int day);
/** The civil date of a day number. */
void date_to_civil(long days, int *year, int *month, int *day);
/** True when year-month-day names a real day. */
bool date_is_valid(int year, int month, int day);
/** Parses "YYYY-MM-DD", optionally followed by 'T' or ' ' and a time "HH:MM[:SS][.fff][zone]" that is
 *  ignored; any other text after the date makes it invalid. */
bool date_parse_iso(const char *text, size_t len, long *days);
/** Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format_iso(long days, char *out);

#endif
