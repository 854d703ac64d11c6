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

/* Byte by byte, from just before a target or before the header has ended, up to the byte
 * after which a part starts; returns how many bytes it took. */
static size_t walk_slowly(splitter *s, const unsigned char *p, size_t len)
{
    unsigned long long target = next_target(s);
    size_t parts_before = s->n;
    for (size_t i = 0; i < len; i++) {
        if (s->n != parts_before)
            return i;
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
    return len;
}

/* Counts the quotes, line feeds and carriage returns of p[0..len), 16 bytes at a time where the
 * machine allows: each byte lane counts its matches (up to 255), then the lanes are summed. */
static void count_specials(const unsigned char *p, size_t len, size_t *quotes, size_t *feeds,
                           size_t *returns)
{
    size_t q = 0, f = 0, r = 0, i = 0;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), feed = _mm_set1_epi8('\n');
    const __m128i ret = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();
    while (i + 16 <= len) {
        __m128i nq = zero, nf = zero, nr = zero;
        for (int round = 0; round < 255 && i + 16 <= len; round++, i += 16) {
            __m128i chunk = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            nq = _mm_sub_epi8(nq, _mm_cmpeq_epi8(chunk, quote));
            nf = _mm_sub_epi8(nf, _mm_cmpeq_epi8(chunk, feed));
            nr = _mm_sub_epi8(nr, _mm_cmpeq_epi8(chunk, ret));
        }
        __m128i sq = _mm_sad_epu8(nq, zero), sf = _mm_sad_epu8(nf, zero);
        __m128i sr = _mm_sad_epu8(nr, zero);
        q += (size_t)_mm_cvtsi128_si32(sq) + (size_t)_mm_extract_epi16(sq, 4);
        f += (size_t)_mm_cvtsi128_si32(sf) + (size_t)_mm_extract_epi16(sf, 4);
        r += (size_t)_mm_cvtsi128_si32(sr) + (size_t)_mm_extract_epi16(sr, 4);
    }
#endif
    for (; i < len; i++) {
        q += p[i] == '"';
        f += p[i] == '\n';
        r += p[i] == '\r';
    }
    *quotes = q;
    *feeds = f;
    *returns = r;
}

/* Before the byte that could start the next part: only the quote parity and the line count
 * matter, and they can be counted many bytes at a time. */
static void walk_quickly(splitter *s, const unsigned char *p, size_t len)
{
    size_t quotes, feeds, returns, pairs = 0;
    count_specials(p, len, &quotes, &feeds, &returns);
    if (returns > 0)
        for (size_t i = 0; i + 1 < len; i++)
            pairs += p[i] == '\r' && p[i + 1] == '\n';
    pairs += s->after_cr && p[0] == '\n';
    s->line += (long)(feeds + returns - pairs);
    s->in_quotes ^= (quotes & 1) != 0;
    s->after_cr = p[len - 1] == '\r';
}

/* Quickly up to the byte before the next target (a line feed there starts a part at the
 * target), then slowly until the part has started, and so on. */
static void walk(splitter *s, const unsigned char *p, size_t len)
{
    while (len > 0) {
        unsigned long long target = next_target(s);
        size_t n;
        if (s->header_done && target > s->offset + 1) {
            n = target - 1 - s->offset < len ? (size_t)(target - 1 - s->offset) : len;
            walk_quickly(s, p, n);
        } else {
            n = walk_slowly(s, p, len);
        }
        s->offset += n;
        p += n;
        len -= n;
    }
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
