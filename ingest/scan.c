#include "ingest/scan.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

enum { ROW_NOT_BEGUN, FIELD_NOT_BEGUN, FIELD_BEGUN, FIELD_MIGHT_HAVE_ENDED };

void scanner_init(scanner *s, const char *file, char delimiter)
{
    memset(s, 0, sizeof *s);
    s->file = file;
    s->delimiter = delimiter;
    s->line = 1;
    s->column = 1;
    s->state = ROW_NOT_BEGUN;
    for (int quoted = 0; quoted < 2; quoted++)
        for (int c = 0; c < 256; c++)
            s->stops[quoted][c] = c == 0 || c >= 0x80 || c == '"' || c == '\r' || c == '\n' ||
                                  (!quoted && c == (unsigned char)delimiter);
}

void scanner_free(scanner *s)
{
    free(s->starts);
    s->starts = NULL;
}

static void push_start(scanner *s)
{
    if (s->head + s->count == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->starts = mem_realloc(s->starts, s->cap * sizeof *s->starts);
    }
    s->starts[s->head + s->count++] = (field_position){s->line, s->column};
    s->field_bytes = 0;
}

void scanner_compact(scanner *s)
{
    if (s->head == 0)
        return;
    memmove(s->starts, s->starts + s->head, s->count * sizeof *s->starts);
    s->head = 0;
}

static int utf8_error(scanner *s, unsigned char byte, long line, long column, cb_error *err)
{
    return error_set(err, s->file, line, column,
                     "invalid UTF-8 (byte 0x%02X): the file is not saved as UTF-8; if it comes from "
                     "Excel \"CSV\" or another Windows program, run again with --encoding "
                     "windows-1252, or save it as \"CSV UTF-8\"", byte);
}

/* Checks one byte of UTF-8; returns 1 for a byte that starts a character, 0 for a continuation
 * byte, -1 on an error. */
static int utf8_step(scanner *s, unsigned char c, cb_error *err)
{
    if (s->utf8_need > 0) {
        if (c < s->utf8_lo || c > s->utf8_hi)
            return utf8_error(s, s->utf8_lead, s->utf8_line, s->utf8_column, err);
        s->utf8_lo = 0x80;
        s->utf8_hi = 0xBF;
        s->utf8_need--;
        return 0;
    }
    if (c < 0x80) {
        if (c == 0)
            return error_set(err, s->file, s->line, s->column,
                             "NUL byte: this is a binary file or UTF-16 without a byte order "
                             "mark; save it as \"CSV UTF-8\"");
        return 1;
    }
    s->utf8_lo = 0x80;
    s->utf8_hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        s->utf8_need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        s->utf8_need = 2;
        if (c == 0xE0)
            s->utf8_lo = 0xA0; /* no overlong forms */
        if (c == 0xED)
            s->utf8_hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        s->utf8_need = 3;
        if (c == 0xF0)
            s->utf8_lo = 0x90;
        if (c == 0xF4)
            s->utf8_hi = 0x8F; /* nothing above U+10FFFF */
    } else
        return utf8_error(s, c, s->line, s->column, err);
    s->utf8_lead = c;
    s->utf8_line = s->line;
    s->utf8_column = s->column;
    return 1;
}

static int stray_quote(scanner *s, cb_error *err)
{
    return error_set(err, s->file, s->line, s->column,
                     "a double quote (\") inside a value that is not enclosed in quotes: enclose "
                     "the whole value in double quotes and double each quote inside it (\"\")");
}

static bool is_term(unsigned char c)
{
    return c == '\r' || c == '\n';
}

/* Advances the CSV state on one byte exactly as libcsv does with its default space rule. */
static int csv_step(scanner *s, unsigned char c, cb_error *err)
{
    unsigned char delim = (unsigned char)s->delimiter;
    bool space = (c == ' ' || c == '\t') && c != delim;
    switch (s->state) {
    case ROW_NOT_BEGUN:
    case FIELD_NOT_BEGUN:
        if (space)
            return 0;
        if (is_term(c)) {
            if (s->state == FIELD_NOT_BEGUN) {
                push_start(s); /* an empty last field */
                s->state = ROW_NOT_BEGUN;
            }
            return 0;
        }
        push_start(s);
        if (c == delim) {
            s->state = FIELD_NOT_BEGUN;
        } else if (c == '"') {
            s->state = FIELD_BEGUN;
            s->quoted = true;
            s->quote_line = s->line;
            s->quote_column = s->column;
        } else {
            s->state = FIELD_BEGUN;
            s->quoted = false;
        }
        return 0;
    case FIELD_BEGUN:
        if (c == '"') {
            if (!s->quoted)
                return stray_quote(s, err);
            s->state = FIELD_MIGHT_HAVE_ENDED;
            s->spaces_after_quote = false;
        } else if (!s->quoted && c == delim) {
            s->state = FIELD_NOT_BEGUN;
        } else if (!s->quoted && is_term(c)) {
            s->state = ROW_NOT_BEGUN;
        }
        return 0;
    default: /* FIELD_MIGHT_HAVE_ENDED: a quote seen inside a quoted field */
        if (c == delim) {
            s->state = FIELD_NOT_BEGUN;
        } else if (is_term(c)) {
            s->state = ROW_NOT_BEGUN;
        } else if (space) {
            s->spaces_after_quote = true; /* libcsv drops them */
        } else if (c == '"' && s->spaces_after_quote) {
            return stray_quote(s, err);
        } else if (c == '"') {
            s->state = FIELD_BEGUN;
        } else {
            return error_set(err, s->file, s->line, s->column,
                             "text after the closing quote of a value: a quoted value must end "
                             "right after its closing quote; double each quote inside it (\"\")");
        }
        return 0;
    }
}

/* One byte by the whole rule: UTF-8, libcsv's grammar, the field's size, line and column. */
static int step_slowly(scanner *s, unsigned char c, cb_error *err)
{
    int lead = c - 1u < 0x7Fu && s->utf8_need == 0 ? 1 : utf8_step(s, c, err);
    if (lead < 0)
        return -1;
    if (csv_step(s, c, err) != 0)
        return -1;
    if (s->state == FIELD_BEGUN || s->state == FIELD_MIGHT_HAVE_ENDED) {
        if (++s->field_bytes > SCAN_FIELD_MAX)
            return error_set(err, s->file, s->starts[s->head + s->count - 1].line,
                             s->starts[s->head + s->count - 1].column,
                             "a value that starts here runs on for more than %zu MiB%s",
                             SCAN_FIELD_MAX >> 20,
                             s->quoted ? ": most likely its closing double quote is missing"
                                       : ": this is not a survey CSV file");
    }
    if (c == '\n') {
        if (!s->after_cr) {
            s->line++;
            s->column = 1;
        }
        s->after_cr = false;
    } else if (c == '\r') {
        s->line++;
        s->column = 1;
        s->after_cr = true;
    } else {
        s->after_cr = false;
        s->column += lead;
    }
    return 0;
}

/* Walks the bytes that need no check beyond the common cases (plain ASCII inside a field, an
 * unquoted field that starts, a delimiter after an unquoted field, a line feed that ends a
 * row) exactly as step_slowly would, keeping the state in locals; returns how many it took.
 * It stops at the first byte that needs the whole rule. */
static size_t step_quickly(scanner *s, const unsigned char *p, size_t len)
{
    if (s->utf8_need > 0 || s->after_cr)
        return 0;
    const unsigned char delim = (unsigned char)s->delimiter;
    const bool *plain_unquoted = s->stops[0];
    int state = s->state;
    long line = s->line, column = s->column;
    size_t field_bytes = s->field_bytes;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (state == FIELD_BEGUN) {
            const bool *stops = s->stops[s->quoted];
            if (!stops[c]) {
                size_t room = SCAN_FIELD_MAX - field_bytes, end = len - i < room ? len : i + room;
                size_t from = i;
                while (i < end && !stops[p[i]])
                    i++;
                column += (long)(i - from);
                field_bytes += i - from;
                if (i == from)
                    break; /* the field is at its size limit: the whole rule says so */
                continue;
            }
            if (s->quoted || (c != delim && c != '\n'))
                break;
            state = c == delim ? FIELD_NOT_BEGUN : ROW_NOT_BEGUN;
        } else if (state == FIELD_NOT_BEGUN || state == ROW_NOT_BEGUN) {
            /* A plain byte starts a field; a delimiter ends an empty one, and so does a line
             * feed after a delimiter (an empty last field). */
            bool starts_plain = !plain_unquoted[c] && c != ' ' && c != '\t';
            if (!starts_plain && c != delim && !(c == '\n' && state == FIELD_NOT_BEGUN))
                break;
            s->line = line;
            s->column = column;
            push_start(s);
            if (starts_plain) {
                state = FIELD_BEGUN;
                s->quoted = false;
            } else {
                state = c == delim ? FIELD_NOT_BEGUN : ROW_NOT_BEGUN;
            }
            field_bytes = starts_plain ? 1 : 0;
        } else {
            break;
        }
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        i++;
    }
    s->state = state;
    s->line = line;
    s->column = column;
    s->field_bytes = field_bytes;
    return i;
}

int scanner_feed(scanner *s, const char *text, size_t len, cb_error *err)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        i += step_quickly(s, p + i, len - i);
        if (i == len)
            break;
        if (step_slowly(s, p[i], err) != 0)
            return -1;
        i++;
    }
    return 0;
}

int scanner_finish(scanner *s, cb_error *err)
{
    if (s->utf8_need > 0)
        return utf8_error(s, s->utf8_lead, s->utf8_line, s->utf8_column, err);
    if (s->state == FIELD_BEGUN && s->quoted)
        return error_set(err, s->file, s->quote_line, s->quote_column,
                         "a quoted value opens here and is never closed: add the closing double "
                         "quote (\"), or the rest of the file would be read as this one value");
    if (s->state == FIELD_NOT_BEGUN) { /* "a,b," at the very end: libcsv ends with an empty field */
        push_start(s);
        s->state = ROW_NOT_BEGUN;
    }
    return 0;
}
