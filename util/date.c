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

void date_format_iso(long days, char *out)
{
    int year, month, day;
    date_to_civil(days, &year, &month, &day);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u, (unsigned)month % 100u,
             (unsigned)day % 100u);
}
