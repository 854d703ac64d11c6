#include "ingest/split.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/alloc.h"

#define SPLIT_BLOCK ((size_t)1 << 20)

/* The walk through the file, block by block. */
typedef struct splitter {
    unsigned long long size;     /* of the whole file */
    size_t wanted;               /* parts aimed at */
    file_part *parts;
    size_t n;                    /* parts started so far */
    unsigned long long offset;   /* of the next byte */
    long line;                   /* line of the next byte */
    bool in_quotes, after_cr;
    bool header_seen, header_done;
    bool header_ends_at_cr;      /* the header line ended with a CR: does an LF follow it? */
} splitter;

/* Where the next part should start at the earliest: parts[0] is the header line, parts 1..wanted
 * share the rest. */
static unsigned long long next_target(const splitter *s)
{
    return s->n <= s->wanted ? s->size / s->wanted * (s->n - 1) : ~0ULL;
}

/* Byte by byte, near a target or before the header has ended. */
static void walk_slowly(splitter *s, const unsigned char *p, size_t len)
{
    unsigned long long target = next_target(s);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        if (c == '"')
            s->in_quotes = !s->in_quotes;
        if (!s->header_seen && c != ' ' && c != '\t' && c != '\r' && c != '\n')
            s->header_seen = true;
        if (c == '\n') {
            if (!s->after_cr)
                s->line++;
            s->after_cr = false;
        } else if (c == '\r') {
            s->line++;
            s->after_cr = true;
        } else {
            s->after_cr = false;
        }
        unsigned long long next = s->offset + i + 1;
        if (s->header_ends_at_cr) {
            /* The first part starts after the CR, or after the LF of a CRLF. */
            s->header_ends_at_cr = false;
            s->header_done = true;
            if (c != '\n') {
                s->parts[s->n++] = (file_part){next - 1, 0, s->line - (c == '\r')};
                target = next_target(s);
            }
        } else if (c == '\r' && !s->in_quotes && s->header_seen && !s->header_done) {
            s->header_ends_at_cr = true;
            continue;
        }
        if (c != '\n' || s->in_quotes || !s->header_seen)
            continue;
        if (!s->header_done)
            s->header_done = true;
        if (next >= target && next < s->size) {
            s->parts[s->n++] = (file_part){next, 0, s->line};
            target = next_target(s);
        }
    }
}

/* How many bytes of p[0..len) equal c. */
static size_t count_byte(const unsigned char *p, size_t len, unsigned char c)
{
    size_t n = 0, i = 0;
#ifdef __SSE2__
    const __m128i wanted = _mm_set1_epi8((char)c);
    for (; i + 16 <= len; i += 16) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        n += (size_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, wanted)));
    }
#endif
    for (; i < len; i++)
        n += p[i] == c;
    return n;
}

/* Far from any target: only the quote parity and the line count matter, and they can be
 * counted many bytes at a time. */
static void walk_quickly(splitter *s, const unsigned char *p, size_t len)
{
    size_t returns = count_byte(p, len, '\r'), pairs = 0;
    if (returns > 0)
        for (size_t i = 0; i + 1 < len; i++)
            pairs += p[i] == '\r' && p[i + 1] == '\n';
    pairs += s->after_cr && p[0] == '\n';
    s->line += (long)(count_byte(p, len, '\n') + returns - pairs);
    s->in_quotes ^= (count_byte(p, len, '"') & 1) != 0;
    s->after_cr = p[len - 1] == '\r';
}

static void walk(splitter *s, const unsigned char *p, size_t len)
{
    if (len == 0)
        return;
    if (s->header_done && s->offset + len < next_target(s))
        walk_quickly(s, p, len);
    else
        walk_slowly(s, p, len);
    s->offset += len;
}

static bool is_utf16(const unsigned char *p, size_t len)
{
    return len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF));
}

/* Starts a walk; returns false when the file is not worth splitting. */
static bool start(splitter *s, unsigned long long size, unsigned long long part_bytes,
                  size_t max_parts, file_part *parts)
{
    unsigned long long wanted = part_bytes ? size / part_bytes : 0;
    /* Until the header line ends no part starts: the first target is its end. */
    *s = (splitter){.size = size, .wanted = wanted < max_parts ? (size_t)wanted : max_parts,
                    .parts = parts, .n = 1, .line = 1};
    parts[0] = (file_part){0, size, 1};
    return s->wanted >= 2;
}

static long finish(splitter *s)
{
    for (size_t i = 0; i + 1 < s->n; i++)
        s->parts[i].length = s->parts[i + 1].offset - s->parts[i].offset;
    s->parts[s->n - 1].length = s->size - s->parts[s->n - 1].offset;
    return (long)s->n;
}

long split_plan_text(const char *text, size_t len, unsigned long long part_bytes,
                     size_t max_parts, file_part *parts)
{
    splitter s;
    const unsigned char *p = (const unsigned char *)text;
    if (!start(&s, len, part_bytes, max_parts, parts) || is_utf16(p, len))
        return 1;
    for (size_t at = 0; at < len; at += SPLIT_BLOCK)
        walk(&s, p + at, len - at < SPLIT_BLOCK ? len - at : SPLIT_BLOCK);
    return finish(&s);
}

long split_plan(const char *path, unsigned long long part_bytes, size_t max_parts,
                file_part *parts, cb_error *err)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    splitter s;
    if (!S_ISREG(info.st_mode) ||
        !start(&s, (unsigned long long)info.st_size, part_bytes, max_parts, parts))
        return 1;
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    unsigned char *block = mem_alloc(SPLIT_BLOCK);
    long rc = 0;
    size_t n;
    while (rc == 0 && s.offset < s.size && (n = fread(block, 1, SPLIT_BLOCK, in)) > 0) {
        if (s.offset == 0 && is_utf16(block, n))
            rc = 1;
        walk(&s, block, s.size - s.offset < n ? (size_t)(s.size - s.offset) : n);
        if (s.n > s.wanted)
            break; /* every part has its start: the rest need not be read */
    }
    if (rc == 0 && ferror(in))
        rc = error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
    if (fclose(in) != 0 && rc == 0)
        rc = error_set(err, path, 0, 0, "cannot close: %s", strerror(errno));
    free(block);
    if (rc == 1)
        parts[0] = (file_part){0, s.size, 1};
    return rc != 0 ? rc : finish(&s);
}
