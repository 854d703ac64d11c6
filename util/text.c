#include <stdio.h>
#include <string.h>

#include "util/text.h"

static int is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && is_continuation(s[n]))
        n--;
    return n;
}

size_t utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += !is_continuation(s[i]);
    return n;
}

void text_thousands(long long n, char *out, size_t cap)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
    size_t o = 0;
    if (n < 0 && o + 1 < cap)
        out[o++] = '-';
    for (int i = 0; i < len && o + 1 < cap; i++) {
        out[o++] = digits[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len && o + 1 < cap)
            out[o++] = ',';
    }
    out[o < cap ? o : cap - 1] = '\0';
}

void utf8_drop_partial(char *s)
{
    size_t len = strlen(s), start = len;
    while (start > 0 && is_continuation(s[start - 1]))
        start--;
    if (start == 0)
        return;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (start - 1) < need)
        s[start - 1] = '\0';
}

void text_escape_controls(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && o + 5 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7F)
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
        else
            out[o++] = (char)c;
    }
    out[o] = '\0';
}
