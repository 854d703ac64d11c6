#include "ingest/decode.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"

/* Code points of bytes 0x80-0x9F in windows-1252; the five unassigned bytes keep their C1 code
 * point, as web browsers do, so that nothing is lost. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void decoder_init(decoder *dec, input_encoding encoding)
{
    memset(dec, 0, sizeof *dec);
    dec->encoding = encoding;
}

void decoder_free(decoder *dec)
{
    free(dec->out);
    dec->out = NULL;
    dec->out_cap = 0;
}

const char *decoder_encoding_name(input_encoding encoding)
{
    switch (encoding) {
    case ENCODING_UTF16LE: return "UTF-16LE";
    case ENCODING_UTF16BE: return "UTF-16BE";
    case ENCODING_WINDOWS_1252: return "windows-1252";
    default: return "UTF-8";
    }
}

bool decoder_parse_encoding(const char *name, input_encoding *encoding)
{
    static const struct { const char *name; input_encoding encoding; } known[] = {
        {"auto", ENCODING_AUTO}, {"utf-8", ENCODING_UTF8}, {"utf8", ENCODING_UTF8},
        {"utf-16", ENCODING_AUTO}, {"utf-16le", ENCODING_UTF16LE}, {"utf-16be", ENCODING_UTF16BE},
        {"windows-1252", ENCODING_WINDOWS_1252}, {"cp1252", ENCODING_WINDOWS_1252},
        {"latin1", ENCODING_WINDOWS_1252}, {"iso-8859-1", ENCODING_WINDOWS_1252},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcasecmp(name, known[i].name) == 0) {
            *encoding = known[i].encoding;
            return true;
        }
    }
    return false;
}

static void reserve(decoder *dec, size_t n)
{
    if (dec->out_cap >= n)
        return;
    dec->out = mem_realloc(dec->out, n);
    dec->out_cap = n;
}

static size_t put_utf8(char *out, unsigned cp)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

#define REPLACEMENT_CHARACTER 0xFFFD

/* One UTF-16 code unit; surrogate pairs are joined, a lone surrogate becomes U+FFFD. */
static size_t put_utf16_unit(decoder *dec, char *out, unsigned unit)
{
    size_t n = 0;
    if (dec->pending_high) {
        unsigned high = dec->pending_high;
        dec->pending_high = 0;
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            return put_utf8(out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
        n = put_utf8(out, REPLACEMENT_CHARACTER);
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
        dec->pending_high = unit;
        return n;
    }
    if (unit >= 0xDC00 && unit <= 0xDFFF)
        return n + put_utf8(out + n, REPLACEMENT_CHARACTER);
    return n + put_utf8(out + n, unit);
}

static void convert_utf16(decoder *dec, const unsigned char *in, size_t len, bool at_end,
                          const char **text, size_t *text_len)
{
    reserve(dec, (len + dec->n_carry) / 2 * 3 + 8);
    size_t out = 0;
    bool little = dec->encoding == ENCODING_UTF16LE;
    size_t i = 0;
    if (dec->n_carry == 1 && len > 0) {
        unsigned char pair[2] = {dec->carry[0], in[0]};
        out += put_utf16_unit(dec, dec->out + out, little ? pair[0] | pair[1] << 8 : pair[0] << 8 | pair[1]);
        dec->n_carry = 0;
        i = 1;
    }
    for (; i + 1 < len; i += 2) {
        unsigned unit = little ? in[i] | in[i + 1] << 8 : in[i] << 8 | in[i + 1];
        out += put_utf16_unit(dec, dec->out + out, unit);
    }
    if (i < len)
        dec->carry[dec->n_carry++] = in[i];
    if (at_end && (dec->n_carry || dec->pending_high)) {
        dec->n_carry = 0;
        dec->pending_high = 0;
        out += put_utf8(dec->out + out, REPLACEMENT_CHARACTER);
    }
    *text = dec->out;
    *text_len = out;
}

static void convert_cp1252(decoder *dec, const unsigned char *in, size_t len,
                           const char **text, size_t *text_len)
{
    reserve(dec, len * 3 + 1);
    size_t out = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = in[i];
        if (c < 0x80)
            dec->out[out++] = (char)c;
        else
            out += put_utf8(dec->out + out, c < 0xA0 ? cp1252_high[c - 0x80] : c);
    }
    *text = dec->out;
    *text_len = out;
}

/* Looks at the first bytes once: a byte order mark decides, and is not part of the text. */
static size_t detect_start(decoder *dec, const unsigned char *block, size_t len)
{
    dec->started = true;
    if (len >= 3 && block[0] == 0xEF && block[1] == 0xBB && block[2] == 0xBF) {
        if (dec->encoding == ENCODING_AUTO)
            dec->encoding = ENCODING_UTF8;
        return dec->encoding == ENCODING_UTF8 ? 3 : 0;
    }
    if (len >= 2 && block[0] == 0xFF && block[1] == 0xFE &&
        (dec->encoding == ENCODING_AUTO || dec->encoding == ENCODING_UTF16LE)) {
        dec->encoding = ENCODING_UTF16LE;
        return 2;
    }
    if (len >= 2 && block[0] == 0xFE && block[1] == 0xFF &&
        (dec->encoding == ENCODING_AUTO || dec->encoding == ENCODING_UTF16BE)) {
        dec->encoding = ENCODING_UTF16BE;
        return 2;
    }
    if (dec->encoding == ENCODING_AUTO)
        dec->encoding = ENCODING_UTF8;
    return 0;
}

void decoder_convert(decoder *dec, const unsigned char *block, size_t len, bool at_end,
                     const char **text, size_t *text_len)
{
    if (!dec->started) {
        size_t skip = detect_start(dec, block, len);
        block += skip;
        len -= skip;
    }
    switch (dec->encoding) {
    case ENCODING_UTF16LE:
    case ENCODING_UTF16BE:
        convert_utf16(dec, block, len, at_end, text, text_len);
        break;
    case ENCODING_WINDOWS_1252:
        convert_cp1252(dec, block, len, text, text_len);
        break;
    default:
        /* UTF-8 passes through untouched; the scanner validates it. */
        *text = (const char *)block;
        *text_len = len;
        break;
    }
}
