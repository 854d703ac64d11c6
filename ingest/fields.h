/* Typed parsers for one cell's text, shared by every input kind. Each takes the text exactly as
 * read (it trims spaces itself) and says whether the value is usable. */
#ifndef CBKPI_INGEST_FIELDS_H
#define CBKPI_INGEST_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

/** Trims spaces and tabs from both ends, in place on the pointer and length. */
static inline void field_trim(const char **text, size_t *len)
{
    const char *s = *text;
    size_t n = *len;
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        n--;
    *text = s;
    *len = n;
}
/** field_is_no_answer's whole check, for any text. */
bool field_is_no_answer_checked(const char *text, size_t len);
/** True for "no answer": blank, NA, N/A, or a lone dash (any case). */
static inline bool field_is_no_answer(const char *text, size_t len)
{
    char c = len > 0 ? text[0] : ' ';
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 'N' && c != 'n' && c != '-')
        return false; /* the common case: a value that starts like no such word, nor blank */
    return field_is_no_answer_checked(text, len);
}
/** An integer in [min, max]; "4.0" counts as 4, "4.5" does not. */
bool field_parse_integer(const char *text, size_t len, long long min, long long max, long long *value);
/** A non-negative whole count (at most 1e12). */
bool field_parse_count(const char *text, size_t len, long long *value);
/** yes/no, y/n, true/false, 1/0 in any case. */
bool field_parse_boolean(const char *text, size_t len, bool *value);
/** A decimal number; a trailing % divides by 100 ("25%" is 0.25). Never NaN or infinite. */
bool field_parse_number(const char *text, size_t len, double *value);
/** Case-insensitive ASCII comparison of a counted text with a NUL-terminated word. */
bool field_equals(const char *text, size_t len, const char *word);

#endif
