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
/* What a submission timestamp's text turned out to be. */
typedef enum timestamp_result {
    TIMESTAMP_OK,
    TIMESTAMP_INVALID,
    TIMESTAMP_OTHER_ORDER, /* D/M/Y or M/D/Y: a date only in the order not chosen (14/03/2025) */
    TIMESTAMP_AMBIGUOUS    /* no order chosen, and both give a different date (03/04/2025) */
} timestamp_result;

/* How "A/B/YYYY" is read: as the user said, or, when nobody said, whichever order gives a date,
 * and not at all when both do and they differ. */
typedef enum date_order { DATE_ORDER_UNSAID, DATE_ORDER_MDY, DATE_ORDER_DMY } date_order;

/** Parses the date of a submission timestamp as survey platforms write it, ignoring the time:
 *  ISO "YYYY-MM-DD[(T| )HH:MM[:SS][.fff][Z|+hh:mm]]" (KoboToolbox, ODK Central, LimeSurvey),
 *  "YYYY/MM/DD", and "A/B/YYYY" in the given order (Google Forms and Excel follow the locale;
 *  '.' and '-' separate too). The time may be "H:MM[:SS]" with AM/PM and a zone ("GMT+8",
 *  "UTC", "+0800", "Z"). The date is the one written: a zone does not move it. */
timestamp_result date_parse_timestamp(const char *text, size_t len, date_order order, long *days);
/** Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format_iso(long days, char *out);

#endif
