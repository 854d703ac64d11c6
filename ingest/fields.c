#include "ingest/fields.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool field_equals(const char *text, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (n != len)
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)text[i]) != tolower((unsigned char)word[i]))
            return false;
    return true;
}

bool field_is_no_answer_checked(const char *text, size_t len)
{
    field_trim(&text, &len);
    if (len == 0)
        return true;
    if (len > 3 || (text[0] != 'N' && text[0] != 'n' && text[0] != '-'))
        return false; /* the common case: a real value */
    return field_equals(text, len, "NA") || field_equals(text, len, "N/A") ||
           field_equals(text, len, "-");
}

static bool is_digit(char c)
{
    return (unsigned char)(c - '0') < 10;
}

bool field_parse_integer(const char *text, size_t len, long long min, long long max, long long *value)
{
    if (len == 1 && is_digit(text[0])) { /* the common case: a point of a rating scale */
        long long v = text[0] - '0';
        if (v < min || v > max)
            return false;
        *value = v;
        return true;
    }
    field_trim(&text, &len);
    size_t i = 0;
    bool negative = false;
    if (i < len && (text[i] == '-' || text[i] == '+'))
        negative = text[i++] == '-';
    if (i == len || !is_digit(text[i]))
        return false;
    long long v = 0;
    for (; i < len && is_digit(text[i]); i++) {
        if (v > 100000000000000LL)
            return false;
        v = v * 10 + (text[i] - '0');
    }
    if (i < len && text[i] == '.') { /* "4.0" from a spreadsheet is still the integer 4 */
        for (i++; i < len && text[i] == '0'; i++)
            ;
    }
    if (i != len)
        return false;
    v = negative ? -v : v;
    if (v < min || v > max)
        return false;
    *value = v;
    return true;
}

bool field_parse_count(const char *text, size_t len, long long *value)
{
    return field_parse_integer(text, len, 0, 1000000000000LL, value);
}

bool field_parse_boolean(const char *text, size_t len, bool *value)
{
    static const char *const yes[] = {"yes", "y", "true", "1"};
    static const char *const no[] = {"no", "n", "false", "0"};
    field_trim(&text, &len);
    for (size_t i = 0; i < 4; i++) {
        if (field_equals(text, len, yes[i])) {
            *value = true;
            return true;
        }
        if (field_equals(text, len, no[i])) {
            *value = false;
            return true;
        }
    }
    return false;
}

bool field_parse_number(const char *text, size_t len, double *value)
{
    field_trim(&text, &len);
    bool percent = len > 0 && text[len - 1] == '%';
    if (percent)
        len--;
    if (len == 0 || len > 63)
        return false;
    char buffer[64];
    memcpy(buffer, text, len);
    buffer[len] = '\0';
    for (size_t i = 0; i < len; i++) /* no hex, no "inf", no "nan": only plain decimals */
        if (!isdigit((unsigned char)buffer[i]) && !strchr("+-.eE", buffer[i]))
            return false;
    char *end;
    double v = strtod(buffer, &end);
    if (*end != '\0' || !isfinite(v))
        return false;
    *value = percent ? v / 100.0 : v;
    return true;
}
