#include "ingest/ingest.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest_state.h"
#include "ingest/labels.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/text.h"

#define IGNORED (-1)
#define UNNAMED (-2)   /* a column without a header among rating items or topics */
#define WANTS_EXTRA (-3) /* while the header is read: a rating item or topic */


ingest_options ingest_default_options(void)
{
    ingest_options options = {.reader = {ENCODING_AUTO, 0}, .scale_min = 1, .scale_max = 5};
    return options;
}

long long ingest_member_list(const char *text, size_t len, const keyset *members, size_t *out,
                             size_t cap, char *unknown, size_t unknown_cap)
{
    long long n = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == ','))
            p++;
        const char *start = p;
        while (p < end && *p != ' ' && *p != ',')
            p++;
        if (p == start)
            break;
        char key[128];
        size_t index = 0;
        ingest_member_key(start, (size_t)(p - start), key, sizeof key);
        if (members && !keyset_find(members, key, strlen(key), &index)) {
            snprintf(unknown, unknown_cap, "%s", key);
            return -1;
        }
        if (out && (size_t)n < cap)
            out[n] = index;
        n++;
    }
    return n;
}

void ingest_member_key(const char *text, size_t len, char *out, size_t cap)
{
    field_trim(&text, &len);
    size_t n = 0;
    for (; n < len && n + 1 < cap; n++)
        out[n] = (char)toupper((unsigned char)text[n]);
    out[n] = '\0';
}

/* Rating items and topics are coded -3, -4, ...: extra k is -(3 + k). */
static int extra_code(size_t k)
{
    return -(int)(3 + k);
}

static int extra_slot(int code)
{
    return -code - 3;
}

/* ---- header ---------------------------------------------------------------------------- */

static int missing_columns_error(ingest_state *st, const csv_record *rec, cb_error *err)
{
    char missing[512] = "", found[600] = "";
    size_t n_missing = 0;
    for (size_t c = 0; c < st->schema->n_columns; c++) {
        if (!st->schema->columns[c].required || (int)c == st->constant_column)
            continue;
        bool present = false;
        for (size_t i = 0; i < st->n_file_columns; i++)
            present |= st->column_of[i] == (int)c;
        if (!present) {
            size_t used = strlen(missing);
            snprintf(missing + used, sizeof missing - used, "%s\"%s\"", n_missing ? ", " : "",
                     st->schema->columns[c].name);
            n_missing++;
        }
    }
    if (n_missing == 0)
        return 0;
    for (size_t i = 0; i < st->n_file_columns && strlen(found) + 4 < sizeof found; i++) {
        size_t used = strlen(found);
        snprintf(found + used, sizeof found - used, "%s\"%s\"", i ? ", " : "", st->labels[i]);
    }
    return error_set(err, st->header.path, rec->line, 1,
                     "missing required column%s %s; the header has %s. Rename the column in "
                     "the file (case, spaces, '_' and '-' do not matter)",
                     n_missing > 1 ? "s" : "", missing, found);
}

/* What file column i is: a schema column (>= 0), IGNORED, UNNAMED or WANTS_EXTRA with the item's
 * label in label. A --columns rule decides first, then the platform's metadata, then the
 * header's name (its group path and grid question dropped for a platform's export). */
static int classify_column(ingest_state *st, size_t i, char *label, size_t cap)
{
    const char *header = st->labels[i];
    size_t len = strlen(header);
    snprintf(label, cap, "%s", header);
    bool timestamp = st->platform != PLATFORM_NONE && platform_is_timestamp(st->platform, header, len);
    if (timestamp)
        st->timestamp_column = (long)i; /* what marks an incomplete response, whatever its role */
    if (st->platform != PLATFORM_NONE)
        platform_item_label(st->platform, header, len, label, cap);
    /* Rules are for files of answers; one may name the header as exported or as its label
     * reads. */
    const column_map *map = st->schema->extra != NULL ? st->options->columns : NULL;
    const column_rule *rule = columns_find(map, header, len);
    if (rule == NULL)
        rule = columns_find(map, label, strlen(label));
    if (rule != NULL && rule->role == COLUMN_IGNORE)
        return IGNORED;
    if (rule != NULL && rule->role == COLUMN_FIELD) {
        int c = schema_find_column(st->schema, rule->field, strlen(rule->field));
        if (c >= 0)
            return c;
    }
    if (rule != NULL && rule->role == COLUMN_ITEM && st->schema->extra != NULL) {
        if (rule->label != NULL)
            snprintf(label, cap, "%s", rule->label);
        return label[0] != '\0' ? WANTS_EXTRA : UNNAMED;
    }
    if (st->platform != PLATFORM_NONE) {
        if (timestamp) {
            int c = schema_find_column(st->schema, "submitted_at", strlen("submitted_at"));
            return c >= 0 ? c : IGNORED;
        }
        if (platform_is_metadata(st->platform, header, len))
            return IGNORED;
    }
    int c = schema_find_column(st->schema, label, strlen(label));
    if (c >= 0)
        return c;
    if (st->schema->extra == NULL)
        return IGNORED;
    return label[0] != '\0' ? WANTS_EXTRA : UNNAMED;
}

static long extra_named(const ingest_state *st, size_t n_extras, const char *label)
{
    for (size_t k = 0; k < n_extras; k++)
        if (strcmp(st->extra_labels[k], label) == 0)
            return (long)k;
    return -1;
}

/* --workshop-id: the form is one workshop's, and the file has no workshop_id column. */
static int use_constant_workshop(ingest_state *st, const csv_record *rec, cb_error *err)
{
    int c = schema_find_column(st->schema, "workshop_id", strlen("workshop_id"));
    const char *id = st->options->workshop_id;
    if (id == NULL || st->schema->kind != KIND_EVALUATIONS || c < 0)
        return 0;
    if (st->file_column[c] >= 0)
        return error_set(err, st->header.path, rec->line, st->file_column[c] + 1,
                         "the file has a workshop_id column and --workshop-id %s was given: "
                         "use one or the other", id);
    size_t index = 0;
    if (st->options->workshops != NULL &&
        !keyset_find(st->options->workshops, id, strlen(id), &index))
        return error_set(err, st->header.path, rec->line, 1,
                         "--workshop-id %s is not a workshop_id of workshops.csv", id);
    st->constant_column = c;
    st->constant_index = st->options->workshops != NULL ? (long long)index : -1;
    st->column_labels[c] = "workshop_id";
    return 0;
}

/* The spec of a column that holds a value, NULL for one without a name. */
static const column_spec *spec_of(const ingest_state *st, int code)
{
    if (code == UNNAMED)
        return NULL;
    return code >= 0 ? &st->schema->columns[code] : st->schema->extra;
}

/* Lists the columns fill_row_cells types, in its order: first those whose bad value rejects
 * the row, then the others and the columns without a name, each group in file order. */
static void plan_fills(ingest_state *st)
{
    st->fills = mem_alloc((st->n_file_columns ? st->n_file_columns : 1) * sizeof *st->fills);
    st->n_fills = 0;
    for (int rejects_row = 1; rejects_row >= 0; rejects_row--)
        for (size_t i = 0; i < st->n_file_columns; i++) {
            int code = st->column_of[i];
            if (code == IGNORED)
                continue;
            const column_spec *spec = spec_of(st, code);
            if ((spec != NULL && spec->on_bad == REJECT_ROW) == (rejects_row == 1))
                st->fills[st->n_fills++] = (column_fill){i, code, spec};
        }
}

static int read_header(ingest_state *st, const csv_record *rec, cb_error *err)
{
    st->have_header = true;
    st->timestamp_column = -1;
    st->constant_column = -1;
    st->n_file_columns = rec->count;
    st->column_of = mem_calloc(rec->count, sizeof *st->column_of);
    st->labels = mem_calloc(rec->count, sizeof *st->labels);
    st->item_labels = mem_calloc(rec->count, sizeof *st->item_labels);
    st->pending = mem_alloc(rec->count * sizeof *st->pending);
    st->column_labels = mem_alloc(st->schema->n_columns * sizeof *st->column_labels);
    st->file_column = mem_alloc(st->schema->n_columns * sizeof *st->file_column);
    for (size_t c = 0; c < st->schema->n_columns; c++) {
        st->column_labels[c] = "";
        st->file_column[c] = -1;
    }
    st->extra_labels = mem_alloc(rec->count * sizeof *st->extra_labels);
    st->extra_columns = mem_alloc(rec->count * sizeof *st->extra_columns);
    for (size_t i = 0; i < rec->count; i++) {
        const char *text = rec->fields[i].text;
        size_t len = rec->fields[i].len;
        field_trim(&text, &len);
        st->labels[i] = mem_strndup(text, len);
    }
    if (st->schema->extra != NULL)
        st->platform = platform_detect((const char *const *)st->labels, rec->count);
    if (st->platform != PLATFORM_NONE)
        ledger_set_source(st->ledger, st->file, platform_name(st->platform));
    size_t n_extras = 0;
    for (size_t i = 0; i < rec->count; i++) {
        char label[256];
        int c = classify_column(st, i, label, sizeof label);
        if (c >= 0) {
            for (size_t j = 0; j < i; j++)
                if (st->column_of[j] == c)
                    return error_set(err, st->header.path, rec->line, rec->fields[i].column,
                                     "column \"%s\" appears twice (also column %zu): keep one",
                                     st->labels[i], j + 1);
            st->column_of[i] = c;
            st->column_labels[c] = st->labels[i];
            st->file_column[c] = (int)i;
        } else if (c == WANTS_EXTRA) {
            /* A label that only repeats once its group or question is dropped keeps its header. */
            const char *shown = extra_named(st, n_extras, label) >= 0 ? st->labels[i] : label;
            long k = extra_named(st, n_extras, shown);
            if (k >= 0)
                return error_set(err, st->header.path, rec->line, rec->fields[i].column,
                                 "column \"%s\" appears twice (also column %ld): keep one, "
                                 "or give each %s its own name", st->labels[i],
                                 st->extra_columns[k], st->schema->extra_role);
            if (strcmp(shown, st->labels[i]) != 0)
                st->item_labels[i] = mem_strdup(shown);
            st->column_of[i] = extra_code(n_extras);
            st->extra_labels[n_extras] = st->item_labels[i] ? st->item_labels[i] : st->labels[i];
            st->extra_columns[n_extras] = (long)i + 1;
            n_extras++;
        } else {
            st->column_of[i] = c;
        }
    }
    if (use_constant_workshop(st, rec, err) != 0 || missing_columns_error(st, rec, err) != 0)
        return -1;
    plan_fills(st);
    st->cells = mem_calloc(st->schema->n_columns, sizeof *st->cells);
    st->extras = mem_calloc(n_extras ? n_extras : 1, sizeof *st->extras);
    st->header.n_extras = n_extras;
    st->header.extra_labels = st->extra_labels;
    st->header.column_labels = st->column_labels;
    st->header.extra_columns = st->extra_columns;
    st->header.line = rec->line;
    if (st->handler && st->handler->on_header)
        return st->handler->on_header(&st->header, st->handler->user, err);
    return 0;
}

/* ---- cells ----------------------------------------------------------------------------- */

/* Why a value does not fit its column, or NULL when it does; fills the cell. */
static const char *parse_value(ingest_state *st, const column_spec *spec, cell *out, char *why,
                               size_t cap)
{
    const char *text = out->text;
    size_t len = out->len;
    char key[128];
    size_t index;
    bool flag;
    switch (spec->type) {
    case VT_INTEGER:
        if (field_parse_integer(text, len, spec->min, spec->max, &out->integer))
            return NULL;
        snprintf(why, cap, "is not a whole number from %lld to %lld", spec->min, spec->max);
        return why;
    case VT_RATING: {
        bool fixed = spec->max > spec->min;
        long long lo = fixed ? spec->min : st->options->scale_min;
        long long hi = fixed ? spec->max : st->options->scale_max;
        /* A user's labels come first, so that they can turn a scale round (1 = excellent);
         * without them a number is the common case and is tried before any label. The built-in
         * words mean points of a 1-5 scale (Excellent = 5 = best), so they count only there. */
        long long point;
        const label_set *user = st->options->labels;
        bool builtin_words = lo == 1 && hi == 5;
        bool labelled = user != NULL && labels_value(user, text, len, builtin_words, &point);
        if (!labelled && field_parse_integer(text, len, lo, hi, &out->integer))
            return NULL;
        if (!labelled && user == NULL)
            labelled = labels_value(NULL, text, len, builtin_words, &point);
        if (labelled) {
            out->integer = point;
            if (point >= lo && point <= hi)
                return NULL;
            snprintf(why, cap, "stands for %lld, outside the scale %lld-%lld", point, lo, hi);
            return why;
        }
        bool whole = field_parse_integer(text, len, -1000000000LL, 1000000000LL, &out->integer);
        bool words = false;
        for (size_t i = 0; i < len; i++)
            words |= isalpha((unsigned char)text[i]) != 0;
        snprintf(why, cap, "%s the scale %lld-%lld%s", whole ? "is outside" : "is not a whole number on",
                 lo, hi, !words ? "" : builtin_words || user != NULL
                     ? ", nor an answer label cbkpi knows (add it with --labels)"
                     : ", and answer words count on a scale other than 1-5 only with --labels");
        return why;
    }
    case VT_COUNT:
        return field_parse_count(text, len, &out->integer) ? NULL : "is not a whole number, 0 or more";
    case VT_BOOLEAN:
        if (!field_parse_boolean(text, len, &flag))
            return "is not yes or no (y/n, true/false, 1/0)";
        out->integer = flag;
        return NULL;
    case VT_DATE: {
        long days;
        if (!date_parse_iso(text, len, &days))
            return "is not a date written YYYY-MM-DD";
        out->integer = days;
        return NULL;
    }
    case VT_TIMESTAMP: {
        long days;
        date_order order = st->options->date_order;
        timestamp_result result = date_parse_timestamp(text, len, order, &days);
        if (result == TIMESTAMP_OTHER_ORDER) {
            bool dmy = order == DATE_ORDER_DMY;
            snprintf(why, cap, "is a date only when read %s first: pass --date-order %s if the "
                     "file writes dates that way", dmy ? "month" : "day", dmy ? "mdy" : "dmy");
            return why;
        }
        if (result == TIMESTAMP_AMBIGUOUS)
            return "could be read day first or month first: pass --date-order dmy or mdy to say "
                   "which order the file writes";
        if (result != TIMESTAMP_OK)
            return "is not a date (YYYY-MM-DD, YYYY/MM/DD or M/D/YYYY, a time may follow)";
        out->integer = days;
        return NULL;
    }
    case VT_NUMBER:
        return field_parse_number(text, len, &out->number) ? NULL : "is not a number";
    case VT_CHOICE:
        for (int i = 0; spec->choices[i]; i++)
            if (field_equals(text, len, spec->choices[i])) {
                out->integer = i;
                return NULL;
            }
        for (int i = 0; spec->aliases && spec->aliases[i].spelling; i++)
            if (field_equals(text, len, spec->aliases[i].spelling)) {
                out->integer = spec->aliases[i].value;
                return NULL;
            }
        snprintf(why, cap, "is not one of");
        for (int i = 0; spec->choices[i]; i++) {
            size_t used = strlen(why);
            snprintf(why + used, cap - used, "%s %s", i ? (spec->choices[i + 1] ? "," : " or") : "",
                     spec->choices[i]);
        }
        return why;
    case VT_MEMBER:
        out->integer = -1;
        if (st->options->members == NULL)
            return NULL;
        ingest_member_key(text, len, key, sizeof key);
        if (keyset_find(st->options->members, key, strlen(key), &index)) {
            out->integer = (long long)index;
            return NULL;
        }
        if (st->options->member_names == NULL ||
            !keyset_find(st->options->member_names, key, strlen(key), &index))
            return "is not a member code of members.csv, nor a Member's name or alias there";
        if (st->options->member_of_name[index] == SIZE_MAX)
            return "is the name or alias of more than one Member in members.csv";
        out->integer = (long long)st->options->member_of_name[index];
        return NULL;
    case VT_MEMBER_LIST: {
        char unknown[128];
        long long n = ingest_member_list(text, len, st->options->members, NULL, 0, unknown,
                                         sizeof unknown);
        if (n < 0) {
            snprintf(why, cap, "names \"%s\", which is not a member code of members.csv", unknown);
            return why;
        }
        out->integer = n;
        return NULL;
    }
    case VT_WORKSHOP:
        out->integer = -1;
        if (st->options->workshops == NULL)
            return NULL;
        if (!keyset_find(st->options->workshops, text, len, &index))
            return "is not a workshop_id of workshops.csv";
        out->integer = (long long)index;
        return NULL;
    default:
        return NULL;
    }
}

/* Fills a cell from its field; returns NULL or the reason the value is unusable. */
static const char *fill_cell(ingest_state *st, const column_spec *spec, const csv_field *field,
                             cell *out, char *why, size_t cap)
{
    out->line = field->line;
    out->column = field->column;
    out->text = field->text;
    out->len = field->len;
    field_trim(&out->text, &out->len);
    out->integer = 0;
    out->number = 0;
    if (field_is_no_answer(out->text, out->len)) {
        out->state = CELL_EMPTY;
        return spec->required ? "is empty, and this column is required" : NULL;
    }
    const char *reason = parse_value(st, spec, out, why, cap);
    out->state = reason ? CELL_REJECTED : CELL_OK;
    return reason;
}

/* The message of a value that does not fit: the column, the value (cut to a readable length on
 * a character boundary) and why. */
static void describe_reject(const ingest_state *st, const csv_field *field, size_t file_column,
                            bool whole_row, const char *reason, char *out, size_t cap)
{
    const char *text = field->text;
    size_t len = field->len;
    field_trim(&text, &len);
    size_t shown = utf8_cut(text, len, 80);
    snprintf(out, cap, "%s \"%.*s%s\" %s; %s", st->labels[file_column], (int)shown, text,
             shown < len ? "..." : "", reason,
             whole_row ? "the row is left out" : "this value is left out, the rest of the row counts");
    utf8_drop_partial(out);
}

static void record_reject(ingest_state *st, const csv_field *field, size_t file_column,
                          bool whole_row, const char *message)
{
    const char *text = field->text;
    size_t len = field->len;
    field_trim(&text, &len);
    ledger_reject(st->ledger, st->file, field->line, field->column, st->labels[file_column],
                  text, len, whole_row, "%s", message);
}

/* The row's unique key in key (columns joined by a unit separator); 0 when it has none. */
static size_t build_key(const ingest_state *st, char *key, size_t cap)
{
    int k0 = st->schema->key[0], k1 = st->schema->key[1];
    if (k0 < 0 || st->cells[k0].state != CELL_OK || (k1 >= 0 && st->cells[k1].state != CELL_OK))
        return 0;
    const cell *a = &st->cells[k0], *b = k1 >= 0 ? &st->cells[k1] : NULL;
    size_t n = a->len < cap - 1 ? a->len : cap - 1;
    memcpy(key, a->text, n);
    if (b != NULL && n < cap - 1) {
        key[n++] = '\x1f';
        size_t m = b->len < cap - n ? b->len : cap - n;
        memcpy(key + n, b->text, m);
        n += m;
    }
    return n;
}

/* Whether the row's key was seen before: *first_line gets where. One reading of the file looks
 * in all its keys, a part's first reading in its window of recent keys; a part's second
 * reading knows only the rows it was told repeat a key (rows come in the order of lines). */
static bool key_seen(ingest_state *st, long line, long *first_line)
{
    if (st->keys == NULL) {
        while (st->next_repeat < st->n_repeats && st->repeats[st->next_repeat].line < line)
            st->next_repeat++;
        if (st->next_repeat == st->n_repeats || st->repeats[st->next_repeat].line != line)
            return false;
        *first_line = st->repeats[st->next_repeat].first_line;
        return true;
    }
    size_t index;
    if (!keyset_find_hashed(st->keys, st->row_key, st->row_key_len, st->row_key_hash, &index))
        return false;
    *first_line = st->key_lines[index];
    return true;
}

/* A repeated unique key rejects the later row; returns true when the row may go on, else
 * false with the line of the row it repeats in *first_line. The row's key stays in st for
 * remember_key. */
static bool key_is_new(ingest_state *st, long line, long *first_line)
{
    st->row_key_len = build_key(st, st->row_key, sizeof st->row_key);
    if (st->row_key_len == 0)
        return true;
    st->row_key_hash = keyset_hash(st->row_key, st->row_key_len);
    if (!key_seen(st, line, first_line))
        return true;
    int k0 = st->schema->key[0], k1 = st->schema->key[1];
    const cell *a = &st->cells[k0];
    if (k1 < 0) {
        ledger_reject(st->ledger, st->file, a->line, a->column, st->column_labels[k0],
                      a->text, a->len, true, "%s \"%.*s\" already appears at line %ld; the "
                      "later row is left out", st->column_labels[k0], (int)a->len, a->text,
                      *first_line);
        return false;
    }
    const cell *b = &st->cells[k1];
    ledger_reject(st->ledger, st->file, b->line, b->column, st->column_labels[k1],
                  b->text, b->len, true, "%s \"%.*s\" with %s \"%.*s\" already appears at line "
                  "%ld; the later row is left out", st->column_labels[k0], (int)a->len,
                  a->text, st->column_labels[k1], (int)b->len, b->text, *first_line);
    return false;
}

/* Takes note of the key of a row key_is_new has looked at (left_out_as: the line it repeats
 * when key_is_new left it out, else 0). A part logs every such row; the keys kept in memory
 * (of the whole file, or a part's window of recent keys) are those of the rows used. Returns
 * 0, or -1 with err set when the log cannot be written. */
static int remember_key(ingest_state *st, long line, bool used, long left_out_as, cb_error *err)
{
    if (st->row_key_len == 0)
        return 0;
    logged_row row = {st->row_key_hash, line, used, left_out_as};
    if (st->key_log != NULL &&
        key_log_add(st->key_log, &row, st->row_key, st->row_key_len, err) != 0)
        return -1;
    if (!used || st->keys == NULL)
        return 0;
    size_t window = st->options->key_window ? st->options->key_window : INGEST_KEY_WINDOW;
    if (st->key_log != NULL && keyset_count(st->keys) >= window)
        keyset_clear(st->keys); /* the window moves on: it only spares second readings */
    size_t index;
    if (!keyset_add_hashed(st->keys, st->row_key, st->row_key_len, st->row_key_hash, &index))
        return 0;
    if (index >= st->key_lines_cap) {
        st->key_lines_cap = st->key_lines_cap ? st->key_lines_cap * 2 : 256;
        st->key_lines = mem_realloc(st->key_lines, st->key_lines_cap * sizeof *st->key_lines);
    }
    st->key_lines[index] = line;
    return 0;
}

/* ---- rows ------------------------------------------------------------------------------ */

static bool reject_ragged(ingest_state *st, const csv_record *rec)
{
    if (rec->count == st->n_file_columns)
        return false;
    bool extra = rec->count > st->n_file_columns;
    const csv_field *at = extra ? &rec->fields[st->n_file_columns] : &rec->fields[rec->count - 1];
    ledger_reject(st->ledger, st->file, at->line, at->column, "", at->text, at->len, true,
                  "this row has %zu values but the header has %zu columns%s; the row is left out",
                  rec->count, st->n_file_columns,
                  extra ? " (a delimiter inside a value that is not enclosed in double quotes?)"
                        : " (values missing, or a line break inside an unquoted value?)");
    return true;
}

/* Fills every cell. A bad value in a row-level column rejects the row at once (and nothing
 * else of it is recorded); bad values that cost only themselves wait in st->pending until the
 * row is known to be used. Returns true when the row is still usable. */
static bool fill_row_cells(ingest_state *st, const csv_record *rec)
{
    char why[256];
    st->n_pending = 0;
    for (size_t c = 0; c < st->schema->n_columns; c++)
        st->cells[c] = (cell){CELL_EMPTY, "", 0, 0, 0, rec->line, 0};
    if (st->constant_column >= 0)
        st->cells[st->constant_column] = (cell){CELL_OK, st->options->workshop_id,
                                                strlen(st->options->workshop_id),
                                                st->constant_index, 0, rec->line, 0};
    if (platform_keeps_incomplete(st->platform) && st->timestamp_column >= 0) {
        const csv_field *when = &rec->fields[st->timestamp_column];
        if (field_is_no_answer(when->text, when->len)) {
            ledger_reject(st->ledger, st->file, when->line, when->column,
                          st->labels[st->timestamp_column], "", 0, true,
                          "an incomplete response: %s is empty, so the questionnaire was never "
                          "submitted; the row is left out", st->labels[st->timestamp_column]);
            return false;
        }
    }
    for (size_t k = 0; k < st->n_fills; k++) {
        const column_fill *fill = &st->fills[k];
        size_t i = fill->file_column;
        const column_spec *spec = fill->spec;
        if (spec == NULL) {
            /* A value under a column without a name would count nowhere: say so. */
            if (!field_is_no_answer(rec->fields[i].text, rec->fields[i].len)) {
                pending_reject *p = &st->pending[st->n_pending++];
                p->file_column = i;
                snprintf(p->reason, sizeof p->reason, "a value under column %zu, which has "
                         "no name in the header line; this value is left out, the rest of "
                         "the row counts (name the column to count it)", i + 1);
            }
            continue;
        }
        int code = fill->code;
        cell *out = code >= 0 ? &st->cells[code] : &st->extras[extra_slot(code)];
        const char *reason = fill_cell(st, spec, &rec->fields[i], out, why, sizeof why);
        if (reason == NULL)
            continue;
        if (spec->on_bad == REJECT_ROW) {
            char message[512];
            describe_reject(st, &rec->fields[i], i, true, reason, message, sizeof message);
            record_reject(st, &rec->fields[i], i, true, message);
            return false;
        }
        pending_reject *p = &st->pending[st->n_pending++];
        p->file_column = i;
        describe_reject(st, &rec->fields[i], i, false, reason, p->reason, sizeof p->reason);
    }
    return true;
}

int ingest_on_record(const csv_record *rec, void *user, cb_error *err)
{
    ingest_state *st = user;
    if (!st->have_header)
        return read_header(st, rec, err);
    ledger_file *f = ledger_file_at(st->ledger, st->file);
    if (!st->hashtags_checked && st->platform == PLATFORM_KOBO) {
        st->hashtags_checked = true;
        if (platform_is_hashtag_row(rec->fields, rec->count)) {
            f->hashtag_rows++; /* a second header line, accounted apart like blank rows */
            return 0;
        }
    }
    f->rows_read++;
    if (reject_ragged(st, rec) || !fill_row_cells(st, rec))
        return 0;
    long first_line;
    if (!key_is_new(st, rec->line, &first_line))
        return remember_key(st, rec->line, false, first_line, err);
    typed_row row = {&st->header, rec->line, st->cells, st->extras};
    int verdict = st->handler && st->handler->on_row ? st->handler->on_row(&row, st->handler->user)
                                                     : ROW_USED;
    if (remember_key(st, rec->line, verdict == ROW_USED, 0, err) != 0)
        return -1;
    if (verdict != ROW_USED)
        return 0;
    f->rows_used++;
    for (size_t i = 0; i < st->n_pending; i++) {
        const pending_reject *p = &st->pending[i];
        record_reject(st, &rec->fields[p->file_column], p->file_column, false, p->reason);
    }
    return 0;
}

/* What every reading owns, the first or a part: the row's scratch and the keys it saw. */
static void free_row_state(ingest_state *st)
{
    free(st->pending);
    free(st->cells);
    free(st->extras);
    free(st->key_lines);
    keyset_free(st->keys);
    key_log_free(st->key_log);
}

void ingest_state_free(ingest_state *st)
{
    free_row_state(st);
    if (st->borrowed)
        return;
    for (size_t i = 0; st->labels && i < st->n_file_columns; i++) {
        free(st->labels[i]);
        free(st->item_labels[i]);
    }
    free(st->labels);
    free(st->item_labels);
    free(st->column_of);
    free(st->fills);
    free(st->column_labels);
    free(st->file_column);
    free(st->extra_labels);
    free(st->extra_columns);
}

static void record_summary(ledger_file *f, const reader_summary *summary)
{
    f->bytes = summary->bytes;
    memcpy(f->sha256, summary->sha256, sizeof f->sha256);
    f->encoding = decoder_encoding_name(summary->encoding);
    f->delimiter = summary->delimiter;
    f->blank_rows = summary->blank_records;
}

/* Reads from `in` when given, else opens path; the rest is the same for both. A file worth
 * splitting, in an encoding where a line feed is one byte, is read in parts when the handler can
 * merge them. */
static int ingest(const char *path, FILE *in, input_kind kind, const ingest_options *options,
                  const ingest_handler *handler, ledger *ledger, cb_error *err)
{
    ingest_options defaults = ingest_default_options();
    const schema *schema = schema_for_kind(kind);
    ingest_state st = {.schema = schema, .options = options ? options : &defaults,
                       .handler = handler, .ledger = ledger};
    st.file = ledger_add_file(ledger, path, schema->name);
    st.header = (ingest_header){.schema = schema, .path = ledger_file_at(ledger, st.file)->path,
                                .ledger = ledger, .file = st.file};
    st.keys = keyset_new();
    reader_summary summary = {0};
    file_part parts[INGEST_MAX_PARTS + 1];
    unsigned long long part_bytes = st.options->part_bytes ? st.options->part_bytes
                                                           : INGEST_PART_BYTES;
    long n_parts = 1;
    input_encoding encoding = st.options->reader.encoding;
    bool bytewise = encoding != ENCODING_UTF16LE && encoding != ENCODING_UTF16BE;
    if (in == NULL && bytewise && (handler == NULL || handler->part_new != NULL))
        n_parts = split_plan(path, part_bytes, INGEST_MAX_PARTS, parts, err);
    int rc = n_parts < 0 ? -1 : 1;
    if (n_parts > 1)
        rc = ingest_read_in_parts(&st, path, parts, (size_t)n_parts, &summary, err);
    if (rc == 1) {
        memset(&summary, 0, sizeof summary);
        const reader_options *reader = &st.options->reader;
        rc = in ? reader_read_stream(in, path, reader, ingest_on_record, &st, &summary, err)
                : reader_read_file(path, reader, ingest_on_record, &st, &summary, err);
    }
    record_summary(ledger_file_at(ledger, st.file), &summary);
    if (rc == 0 && !st.have_header)
        rc = error_set(err, path, 1, 1, "the file is empty: the first line must be a header with "
                       "the column names of %s", schema->file_name);
    ingest_state_free(&st);
    return rc;
}

int ingest_file(const char *path, input_kind kind, const ingest_options *options,
                const ingest_handler *handler, ledger *ledger, cb_error *err)
{
    return ingest(path, NULL, kind, options, handler, ledger, err);
}

int ingest_memory(const char *name, const char *data, size_t len, input_kind kind,
                  const ingest_options *options, const ingest_handler *handler, ledger *ledger,
                  cb_error *err)
{
    FILE *in = fmemopen((void *)data, len, "rb");
    if (in == NULL)
        return error_set(err, name, 0, 0, "cannot read the built-in text: %s", strerror(errno));
    int rc = ingest(name, in, kind, options, handler, ledger, err);
    if (fclose(in) != 0 && rc == 0)
        rc = error_set(err, name, 0, 0, "cannot close the built-in text: %s", strerror(errno));
    return rc;
}
