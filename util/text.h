/* Small helpers for UTF-8 text. */
#ifndef CBKPI_UTIL_TEXT_H
#define CBKPI_UTIL_TEXT_H

#include <stddef.h>

/** The longest prefix of the len bytes of UTF-8 text s that is at most max bytes and does not
 *  split a character. */
size_t utf8_cut(const char *s, size_t len, size_t max);
/** Number of characters (code points) in len bytes of UTF-8. */
size_t utf8_length(const char *s, size_t len);

/** Removes an incomplete UTF-8 character from the end of s (left by cutting text to fit a
 *  buffer). */
void utf8_drop_partial(char *s);
/** Copies s to out (cap bytes), writing control characters as \xNN so that a message stays
 *  one line and cannot drive a terminal. */
void text_escape_controls(const char *s, char *out, size_t cap);
/** Writes n with thousands separators ("1,012") into out. */
void text_thousands(long long n, char *out, size_t cap);

#endif
