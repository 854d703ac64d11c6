#include "util/date.h"

#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days-from-civil construction: eras of 400 years, March-based years. */
long date_from_civil(int year, int month, int day)
{
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_civil(long days, int *year, int *month, int *day)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

bool date_is_valid(int year, int month, int day)
{
    static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= month_days[month - 1] + (month == 2 && leap);
}

static bool digits(const char *s, int n, int *value)
{
    *value = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *value = *value * 10 + (s[i] - '0');
    }
    return true;
}

/* A time after a date: 'T' or a space, then HH:MM, then seconds, fractions or a zone. */
static bool is_time(const char *s, size_t len, char separator)
{
    int hour, minute;
    if ((separator != 'T' && separator != ' ') || len < 5 || s[2] != ':' ||
        !digits(s, 2, &hour) || !digits(s + 3, 2, &minute) || hour > 24 || minute > 59)
        return false;
    for (size_t i = 5; i < len; i++)
        if (!strchr("0123456789:.+-Z ", s[i]))
            return false;
    return true;
}

bool date_parse_iso(const char *text, size_t len, long *days)
{
    int year, month, day;
    if (len < 10 || text[4] != '-' || text[7] != '-')
        return false;
    if (!digits(text, 4, &year) || !digits(text + 5, 2, &month) || !digits(text + 8, 2, &day))
        return false;
    if (len > 10 && !is_time(text + 11, len - 11, text[10]))
        return false;
    if (!date_is_valid(year, month, day))
        return false;
    *days = date_from_civil(year, month, day);
    return true;
}

/* Length of the run of digits at s (at most max), its value in *value. */
static size_t number(const char *s, size_t len, size_t max, int *value)
{
    size_t n = 0;
    *value = 0;
    while (n < len && n < max && s[n] >= '0' && s[n] <= '9')
        *value = *value * 10 + (s[n++] - '0');
    return n;
}

static bool skip_word(const char **s, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - *s) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (((*s)[i] | 0x20) != word[i])
            return false;
    *s += n;
    return true;
}

static void skip_spaces(const char **s, const char *end)
{
    while (*s < end && **s == ' ')
        (*s)++;
}

/* "+8", "+08", "+0800", "+08:00" (the sign already seen). */
static bool is_offset(const char *s, const char *end)
{
    int value;
    size_t n = number(s, (size_t)(end - s), 4, &value);
    if (n == 0)
        return false;
    s += n;
    if (s < end && *s == ':' && n <= 2) {
        n = number(s + 1, (size_t)(end - s - 1), 2, &value);
        s += 1 + n;
        if (n != 2)
            return false;
    }
    return s == end;
}

/* A clock time of a locale-written timestamp: H:MM[:SS][.fff], then AM/PM, then a zone. */
static bool is_clock(const char *s, const char *end)
{
    int hour, minute, second;
    size_t n = number(s, (size_t)(end - s), 2, &hour);
    if (n == 0 || s + n >= end || s[n] != ':' || hour > 24)
        return false;
    s += n + 1;
    if (number(s, (size_t)(end - s), 2, &minute) != 2 || minute > 59)
        return false;
    s += 2;
    if (s < end && *s == ':') {
        if (number(s + 1, (size_t)(end - s - 1), 2, &second) != 2 || second > 60)
            return false;
        s += 3;
        if (s < end && *s == '.') {
            int fraction;
            size_t digits_read = number(s + 1, (size_t)(end - s - 1), 9, &fraction);
            if (digits_read == 0)
                return false;
            s += 1 + digits_read;
        }
    }
    skip_spaces(&s, end);
    if (skip_word(&s, end, "am") || skip_word(&s, end, "pm") || skip_word(&s, end, "a.m.") ||
        skip_word(&s, end, "p.m."))
        skip_spaces(&s, end);
    if (s == end)
        return true;
    if (skip_word(&s, end, "gmt") || skip_word(&s, end, "utc")) {
        if (s == end)
            return true;
        return (*s == '+' || *s == '-') && is_offset(s + 1, end);
    }
    if (*s == 'Z' && s + 1 == end)
        return true;
    return (*s == '+' || *s == '-') && is_offset(s + 1, end);
}

timestamp_result date_parse_timestamp(const char *text, size_t len, date_order order, long *days)
{
    while (len > 0 && (*text == ' ' || *text == '\t')) {
        text++;
        len--;
    }
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    if (date_parse_iso(text, len, days))
        return TIMESTAMP_OK;
    const char *s = text, *end = text + len;
    int part[3];
    size_t width[3];
    char separator = 0;
    for (int i = 0; i < 3; i++) {
        width[i] = number(s, (size_t)(end - s), 4, &part[i]);
        if (width[i] == 0)
            return TIMESTAMP_INVALID;
        s += width[i];
        if (i == 2)
            break;
        if (s == end || (separator && *s != separator) || !strchr("/.-", *s))
            return TIMESTAMP_INVALID;
        separator = *s++;
    }
    if (s < end && (*s != ' ' || !is_clock(s + 1, end)))
        return TIMESTAMP_INVALID;
    int year, month, day;
    if (width[0] == 4 && width[1] <= 2 && width[2] <= 2) {
        year = part[0], month = part[1], day = part[2];
    } else if (width[2] == 4 && width[0] <= 2 && width[1] <= 2) {
        year = part[2];
        bool as_mdy = date_is_valid(year, part[0], part[1]);
        bool as_dmy = date_is_valid(year, part[1], part[0]);
        bool day_first = order == DATE_ORDER_DMY || (order == DATE_ORDER_UNSAID && !as_mdy);
        if (order == DATE_ORDER_UNSAID && as_mdy && as_dmy && part[0] != part[1])
            return TIMESTAMP_AMBIGUOUS;
        month = day_first ? part[1] : part[0];
        day = day_first ? part[0] : part[1];
        if (!date_is_valid(year, month, day))
            return (day_first ? as_mdy : as_dmy) && order != DATE_ORDER_UNSAID
                       ? TIMESTAMP_OTHER_ORDER : TIMESTAMP_INVALID;
    } else {
        return TIMESTAMP_INVALID;
    }
    if (!date_is_valid(year, month, day))
        return TIMESTAMP_INVALID;
    *days = date_from_civil(year, month, day);
    return TIMESTAMP_OK;
}

void date_format_iso(long days, char *out)
{
    int year, month, day;
    date_to_civil(days, &year, &month, &day);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u, (unsigned)month % 100u,
             (unsigned)day % 100u);
}
