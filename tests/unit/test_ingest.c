/* Unit tests of the ingest stage (ingest/ingest.h, ingest/registry.h, ingest/ledger.h): small CSV
 * files in a temporary folder per test, read against the column tables of ingest/schema.c, with
 * every ledger entry, count and the accounting identity rows read = used + rejected checked. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/columns.h"
#include "ingest/ingest.h"
#include "tests/unit/testkit.h"
#include "ingest/ledger.h"
#include "ingest/registry.h"
#include "util/date.h"
#include "util/keyset.h"

/* ------------------------------------------------------------------ a temporary folder per test */

static char tmp_dir[64];

static void make_tmp_dir(void)
{
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/cbkpi-ingest-XXXXXX");
    if (mkdtemp(tmp_dir) == NULL)
        cr_assert_fail("mkdtemp failed");
}

/* What a test allocates is freed here, so that a failed assertion (which ends the test at once)
 * leaves no leak report behind under LeakSanitizer. */
static ledger *tracked_ledgers[4];
static size_t n_tracked_ledgers;
static keyset *tracked_keysets[4];
static size_t n_tracked_keysets;
static member_registry *tracked_registry;

static ledger *new_ledger(void)
{
    cr_assert_lt(n_tracked_ledgers, 4);
    return tracked_ledgers[n_tracked_ledgers++] = ledger_new();
}

static void remove_tmp_dir(void)
{
    for (size_t i = 0; i < n_tracked_ledgers; i++)
        ledger_free(tracked_ledgers[i]);
    for (size_t i = 0; i < n_tracked_keysets; i++)
        keyset_free(tracked_keysets[i]);
    registry_free(tracked_registry);
    n_tracked_ledgers = n_tracked_keysets = 0;
    tracked_registry = NULL;
    remove_tree(tmp_dir);
}

TestSuite(ingest, .init = make_tmp_dir, .fini = remove_tmp_dir);
TestSuite(registry, .init = make_tmp_dir, .fini = remove_tmp_dir);

/* Writes len bytes to a file of the temporary folder; returns its path (valid for the test). */
static const char *write_bytes(const char *name, const char *bytes, size_t len)
{
    static char paths[8][256];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, 256, "%s/%s", tmp_dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    cr_assert_eq(fwrite(bytes, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    return path;
}

static const char *write_csv(const char *name, const char *text)
{
    return write_bytes(name, text, strlen(text));
}

static keyset *make_keyset(const char *const *keys)
{
    cr_assert_lt(n_tracked_keysets, 4);
    keyset *set = tracked_keysets[n_tracked_keysets++] = keyset_new();
    for (size_t i = 0; keys[i]; i++)
        keyset_add(set, keys[i], strlen(keys[i]), NULL);
    return set;
}

/* ------------------------------------------------------------------ typed rows, copied */

#define MAX_ROWS 64
#define MAX_CELLS 12
#define MAX_EXTRAS 8

typedef struct cell_copy {
    cell_state state;
    long long integer;
    double number;
    long line, column;
    char text[64];
} cell_copy;

typedef struct row_copy {
    long line;
    cell_copy cells[MAX_CELLS];
    cell_copy extras[MAX_EXTRAS];
} row_copy;

typedef struct rows {
    row_copy rows[MAX_ROWS];
    size_t count;
    int headers;
    long header_line;
    input_kind kind;
    size_t n_extras;
    char labels[MAX_EXTRAS][64];
    long extra_columns[MAX_EXTRAS];
    long reject_line;       /* on_row rejects the row of this line (0: none) */
    bool fail_header;       /* on_header stops the reading */
} rows;

static void copy_cell(cell_copy *out, const cell *in)
{
    out->state = in->state;
    out->integer = in->integer;
    out->number = in->number;
    out->line = in->line;
    out->column = in->column;
    cr_assert_lt(in->len, sizeof out->text);
    memcpy(out->text, in->text, in->len);
    out->text[in->len] = '\0';
}

static int on_header(const ingest_header *header, void *user, cb_error *err)
{
    rows *r = user;
    r->headers++;
    r->header_line = header->line;
    r->kind = header->schema->kind;
    r->n_extras = header->n_extras;
    cr_assert_leq(header->n_extras, MAX_EXTRAS);
    for (size_t i = 0; i < header->n_extras; i++) {
        snprintf(r->labels[i], sizeof r->labels[i], "%s", header->extra_labels[i]);
        r->extra_columns[i] = header->extra_columns[i];
    }
    if (r->fail_header)
        return error_set(err, header->path, header->line, 1, "the header is not wanted");
    return 0;
}

static int on_row(const typed_row *row, void *user)
{
    rows *r = user;
    cr_assert_lt(r->count, MAX_ROWS);
    row_copy *c = &r->rows[r->count++];
    c->line = row->line;
    const schema *s = row->header->schema;
    cr_assert_leq(s->n_columns, MAX_CELLS);
    for (size_t i = 0; i < s->n_columns; i++)
        copy_cell(&c->cells[i], &row->cells[i]);
    for (size_t i = 0; i < row->header->n_extras; i++)
        copy_cell(&c->extras[i], &row->extras[i]);
    if (row->line == r->reject_line) {
        ledger_reject(row->header->ledger, row->header->file, row->line, 1, "custom", "v", 1,
                      true, "rejected by the handler");
        return ROW_REJECTED;
    }
    return ROW_USED;
}

static ingest_handler handler_for(rows *r)
{
    ingest_handler h = {.on_header = on_header, .on_row = on_row, .user = r};
    return h;
}

/* ------------------------------------------------------------------ ledger assertions */

static void expect_entry(const ledger *l, size_t i, long line, long column, const char *field,
                         const char *value, bool whole_row, const char *reason_part)
{
    cr_assert_lt(i, ledger_entry_count(l), "entry %zu missing (%zu entries)", i,
                 ledger_entry_count(l));
    const ledger_entry *e = ledger_entry_at(l, i);
    cr_assert_eq(e->file, 0, "entry %zu: file index %zu", i, e->file);
    cr_assert(e->line == line && e->column == column,
              "entry %zu (%s) at %ld:%ld, expected %ld:%ld", i, e->reason, e->line, e->column,
              line, column);
    cr_assert_str_eq(e->field, field, "entry %zu (%s): field", i, e->reason);
    cr_assert_str_eq(e->value, value, "entry %zu (%s): value", i, e->reason);
    cr_assert_eq(e->whole_row, whole_row, "entry %zu (%s): whole_row", i, e->reason);
    cr_assert_not_null(strstr(e->reason, reason_part), "entry %zu: reason \"%s\" lacks \"%s\"",
                       i, e->reason, reason_part);
}

static void expect_counts(ledger *l, size_t file, long read, long used, long rejected,
                          long cells_rejected)
{
    const ledger_file *f = ledger_file_at(l, file);
    cr_assert_eq(f->rows_read, read, "rows_read %ld, expected %ld", f->rows_read, read);
    cr_assert_eq(f->rows_used, used, "rows_used %ld, expected %ld", f->rows_used, used);
    cr_assert_eq(f->rows_rejected, rejected, "rows_rejected %ld, expected %ld",
                 f->rows_rejected, rejected);
    cr_assert_eq(f->cells_rejected, cells_rejected, "cells_rejected %ld, expected %ld",
                 f->cells_rejected, cells_rejected);
    cr_assert(ledger_balanced(l), "rows read = used + rejected");
}

static void expect_cell(const cell_copy *c, cell_state state, long long integer)
{
    cr_assert_eq(c->state, state, "cell \"%s\" at %ld:%ld: state %d, expected %d", c->text,
                 c->line, c->column, c->state, state);
    if (state == CELL_OK)
        cr_assert_eq(c->integer, integer, "cell \"%s\" at %ld:%ld: %lld, expected %lld",
                     c->text, c->line, c->column, c->integer, integer);
}

/* A fatal error: -1, the file named, position and message; the ledger still balances. */
static void expect_fatal(int rc, const cb_error *err, const char *path, long line, long column,
                         const char *message_part, ledger *l)
{
    cr_assert_eq(rc, -1, "must be fatal");
    cr_assert_str_eq(err->file, path);
    cr_assert(err->line == line && err->column == column, "error at %ld:%ld, expected %ld:%ld",
              err->line, err->column, line, column);
    cr_assert_not_null(strstr(err->message, message_part), "message \"%s\" lacks \"%s\"",
                       err->message, message_part);
    cr_assert_eq(ledger_file_count(l), 1);
    cr_assert(ledger_balanced(l), "rows read = used + rejected");
}

/* ------------------------------------------------------------------ members */

static const char members_csv[] =
    "member_code,member_name,subregion,sie\n"
    "AU,Australia,Pacific,no\n"
    "fj,Fiji,Pacific,yes\n"
    "NZ,New Zealand,Pacific,\n"
    "JP,Japan,East Asia,maybe\n"
    "Au,Australia again,Pacific,no\n"
    ",Nameless,South Asia,no\n"
    "CN,,East Asia,no\n"
    "AU,Dup exact,Pacific,no\n";

Test(registry, small_registry_with_rejects)
{
    const char *path = write_csv("members.csv", members_csv);
    ledger *l = new_ledger();
    member_registry *reg = NULL;
    cb_error err = {0};
    int rc = registry_load(path, NULL, l, &reg, &err);
    tracked_registry = reg;
    cr_assert_eq(rc, 0, "%s:%ld:%ld: %s", err.file, err.line, err.column, err.message);
    cr_assert_not_null(reg);

    cr_assert_eq(reg->count, 4);
    cr_assert_eq(keyset_count(reg->codes), 4);
    static const char *const codes[] = {"AU", "FJ", "NZ", "JP"};
    static const char *const names[] = {"Australia", "Fiji", "New Zealand", "Japan"};
    static const char *const subregions[] = {"Pacific", "Pacific", "Pacific", "East Asia"};
    static const signed char sie[] = {0, 1, -1, -1};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_str_eq(keyset_key(reg->codes, i), codes[i]);
        cr_assert_str_eq(reg->names[i], names[i]);
        cr_assert_str_eq(reg->subregions[i], subregions[i]);
        cr_assert_eq(reg->sie[i], sie[i], "sie of %s", codes[i]);
    }

    cr_assert_eq(ledger_entry_count(l), 5);
    cr_assert_eq(ledger_problem_count(l), 5);
    expect_entry(l, 0, 5, 20, "sie", "maybe", false, "is not yes or no");
    expect_entry(l, 1, 6, 1, "member_code", "Au", true, "already registered");
    expect_entry(l, 2, 7, 1, "member_code", "", true, "is empty, and this column is required");
    expect_entry(l, 3, 8, 4, "member_name", "", true, "is empty, and this column is required");
    expect_entry(l, 4, 9, 1, "member_code", "AU", true, "already appears at line 2");
    expect_counts(l, 0, 8, 4, 4, 1);

    const ledger_file *f = ledger_file_at(l, 0);
    cr_assert_str_eq(f->path, path);
    cr_assert_str_eq(f->kind, "members");
    cr_assert_str_eq(f->encoding, "UTF-8");
    cr_assert_eq(f->delimiter, ',');
    cr_assert_eq(f->bytes, sizeof members_csv - 1);
    cr_assert_eq(strlen(f->sha256), 64);
    cr_assert_eq(f->blank_rows, 0);
}

Test(registry, case_insensitive_lookup)
{
    const char *path = write_csv("members.csv", members_csv);
    ledger *l = new_ledger();
    member_registry *reg = NULL;
    cb_error err = {0};
    cr_assert_eq(registry_load(path, NULL, l, &reg, &err), 0, "%s", err.message);
    tracked_registry = reg;
    char key[32];
    size_t index = 99;
    ingest_member_key(" fj ", 4, key, sizeof key);
    cr_assert_str_eq(key, "FJ");
    cr_assert(keyset_find(reg->codes, key, strlen(key), &index));
    cr_assert_eq(index, 1);
    ingest_member_key("jP", 2, key, sizeof key);
    cr_assert(keyset_find(reg->codes, key, strlen(key), &index));
    cr_assert_eq(index, 3);
    ingest_member_key("Cn", 2, key, sizeof key);
    cr_assert(!keyset_find(reg->codes, key, strlen(key), &index), "CN was rejected");
    cr_assert(!keyset_find(reg->codes, "fj", 2, &index), "the registry is kept upper case");
    cr_assert(ledger_balanced(l));
}

Test(registry, thirty_five_members)
{
    static const char *const codes[35] = {
        "AF", "AU", "BD", "BT", "BN", "KH", "CN", "FJ", "HK", "IN", "ID", "IR",
        "JP", "KR", "LA", "MO", "MY", "MV", "MN", "MM", "NP", "NZ", "PK", "PG",
        "PH", "WS", "SG", "LK", "TH", "TL", "TO", "VN", "NC", "PF", "TV"};
    char text[4096] = "Member code;Member name;Sub-region;SIE\r\n";
    for (size_t i = 0; i < 35; i++) {
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s;Member %zu;Region %zu;%s\r\n", codes[i],
                 i + 1, i % 4, i % 3 == 0 ? "Yes" : "no");
    }
    const char *path = write_csv("Members.csv", text);
    ledger *l = new_ledger();
    member_registry *reg = NULL;
    cb_error err = {0};
    cr_assert_eq(registry_load(path, NULL, l, &reg, &err), 0, "%s", err.message);
    tracked_registry = reg;
    cr_assert_eq(reg->count, 35);
    for (size_t i = 0; i < 35; i++) {
        char name[32];
        snprintf(name, sizeof name, "Member %zu", i + 1);
        cr_assert_str_eq(keyset_key(reg->codes, i), codes[i]);
        cr_assert_str_eq(reg->names[i], name);
        cr_assert_eq(reg->sie[i], i % 3 == 0 ? 1 : 0);
    }
    cr_assert_eq(ledger_entry_count(l), 0);
    cr_assert_eq(ledger_file_at(l, 0)->delimiter, ';');
    expect_counts(l, 0, 35, 35, 0, 0);
}

Test(registry, missing_required_columns_are_fatal)
{
    const char *path = write_csv("members.csv", "code;name\nAU;Australia\n");
    ledger *l = new_ledger();
    member_registry *reg = (member_registry *)1;
    cb_error err = {0};
    int rc = registry_load(path, NULL, l, &reg, &err);
    cr_assert_null(reg);
    expect_fatal(rc, &err, path, 1, 1, "missing required columns \"member_code\", \"member_name\"",
                 l);
    cr_assert_not_null(strstr(err.message, "\"code\", \"name\""), "%s", err.message);
    expect_counts(l, 0, 0, 0, 0, 0);
}

Test(registry, utf16le_file)
{
    /* "member_code,member_name\nAU,José\n" in UTF-16LE with its byte order mark */
    static const char bytes[] = "\xFF\xFE"
                                "m\0e\0m\0b\0e\0r\0_\0c\0o\0d\0e\0,\0"
                                "m\0e\0m\0b\0e\0r\0_\0n\0a\0m\0e\0\n\0"
                                "A\0U\0,\0J\0o\0s\0\xE9\0\n\0";
    const char *path = write_bytes("members.csv", bytes, sizeof bytes - 1);
    ledger *l = new_ledger();
    member_registry *reg = NULL;
    cb_error err = {0};
    cr_assert_eq(registry_load(path, NULL, l, &reg, &err), 0, "%s", err.message);
    tracked_registry = reg;
    cr_assert_eq(reg->count, 1);
    cr_assert_str_eq(reg->names[0], "Jos\xC3\xA9");
    cr_assert_str_eq(ledger_file_at(l, 0)->encoding, "UTF-16LE");
    cr_assert_eq(ledger_file_at(l, 0)->bytes, sizeof bytes - 1);
    expect_counts(l, 0, 1, 1, 0, 0);
}

/* ------------------------------------------------------------------ evaluations */

static const char *const workshop_ids[] = {"W1", "W2", NULL};
static const char *const member_codes[] = {"AU", "FJ", "NZ", NULL};

Test(ingest, evaluations_against_workshops)
{
    const char *path = write_csv(
        "evaluations.csv",
        "workshop_id,respondent_id,member_code,gender,submitted_at,Q1 Content,Q2 Trainer\n"
        "W1,R1,AU,female,2024-08-01,5,4\n"
        "W9,R2,AU,male,2024-08-01,5,4\n"
        "W1,R3,FJ,F,2024-08-02T09:30:00Z,7,4.0\n"
        "W1,R4,FJ,m,2024-08-02,4.5,N/A\n"
        "W2,R5,NZ,other,2024-08-03,,3\n"
        "W1,R1,AU,female,2024-08-04,3,3\n"
        "W2,,NZ,,2024-08-05,2,-\n"
        "W2,,NZ,,2024-08-05,na,2\n"
        "W2,R6,XX,x,2024-13-01,1,1\n");
    keyset *workshops = make_keyset(workshop_ids);
    keyset *members = make_keyset(member_codes);
    ingest_options options = ingest_default_options();
    options.workshops = workshops;
    options.members = members;
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_EVALUATIONS, &options, &h, l, &err);
    cr_assert_eq(rc, 0, "%s:%ld:%ld: %s", err.file, err.line, err.column, err.message);

    cr_assert_eq(r.headers, 1);
    cr_assert_eq(r.header_line, 1);
    cr_assert_eq(r.kind, KIND_EVALUATIONS);
    cr_assert_eq(r.n_extras, 2);
    cr_assert_str_eq(r.labels[0], "Q1 Content");
    cr_assert_str_eq(r.labels[1], "Q2 Trainer");
    cr_assert_eq(r.extra_columns[0], 6);
    cr_assert_eq(r.extra_columns[1], 7);

    cr_assert_eq(ledger_entry_count(l), 7);
    expect_entry(l, 0, 3, 1, "workshop_id", "W9", true, "is not a workshop_id of workshops.csv");
    expect_entry(l, 1, 4, 33, "Q1 Content", "7", false, "is outside the scale 1-5");
    expect_entry(l, 2, 5, 23, "Q1 Content", "4.5", false, "is not a whole number on the scale 1-5");
    expect_entry(l, 3, 7, 4, "respondent_id", "R1", true, "already appears at line 2");
    expect_entry(l, 4, 10, 7, "member_code", "XX", false, "is not a member code of members.csv");
    expect_entry(l, 5, 10, 10, "gender", "x", false, "is not one of female, male or other");
    expect_entry(l, 6, 10, 12, "submitted_at", "2024-13-01", false, "is not a date");
    cr_assert_not_null(strstr(ledger_entry_at(l, 3)->reason, "W1"),
                       "the duplicate's reason names the workshop: %s",
                       ledger_entry_at(l, 3)->reason);
    expect_counts(l, 0, 9, 7, 2, 5);

    cr_assert_eq(r.count, 7);
    static const long lines[] = {2, 4, 5, 6, 8, 9, 10};
    for (size_t i = 0; i < 7; i++)
        cr_assert_eq(r.rows[i].line, lines[i], "row %zu at line %ld", i, r.rows[i].line);
    /* line 2: everything valid */
    const row_copy *row = &r.rows[0];
    expect_cell(&row->cells[EVALUATIONS_WORKSHOP], CELL_OK, 0);
    expect_cell(&row->cells[EVALUATIONS_MEMBER], CELL_OK, 0);
    expect_cell(&row->cells[EVALUATIONS_GENDER], CELL_OK, GENDER_FEMALE);
    expect_cell(&row->cells[EVALUATIONS_SUBMITTED], CELL_OK, date_from_civil(2024, 8, 1));
    expect_cell(&row->cells[EVALUATIONS_COMMENTS], CELL_EMPTY, 0);
    cr_assert_str_eq(row->cells[EVALUATIONS_RESPONDENT].text, "R1");
    expect_cell(&row->extras[0], CELL_OK, 5);
    expect_cell(&row->extras[1], CELL_OK, 4);
    cr_assert(row->extras[1].line == 2 && row->extras[1].column == 30);
    /* line 4: 7 is out of scale, "4.0" is 4, a time part is ignored, F is female */
    row = &r.rows[1];
    expect_cell(&row->extras[0], CELL_REJECTED, 0);
    cr_assert_str_eq(row->extras[0].text, "7");
    expect_cell(&row->extras[1], CELL_OK, 4);
    expect_cell(&row->cells[EVALUATIONS_GENDER], CELL_OK, GENDER_FEMALE);
    expect_cell(&row->cells[EVALUATIONS_MEMBER], CELL_OK, 1);
    expect_cell(&row->cells[EVALUATIONS_SUBMITTED], CELL_OK, date_from_civil(2024, 8, 2));
    /* line 5: 4.5 refused, N/A is no answer */
    row = &r.rows[2];
    expect_cell(&row->extras[0], CELL_REJECTED, 0);
    expect_cell(&row->extras[1], CELL_EMPTY, 0);
    expect_cell(&row->cells[EVALUATIONS_GENDER], CELL_OK, GENDER_MALE);
    /* line 6: blank is no answer */
    row = &r.rows[3];
    expect_cell(&row->cells[EVALUATIONS_WORKSHOP], CELL_OK, 1);
    expect_cell(&row->extras[0], CELL_EMPTY, 0);
    expect_cell(&row->extras[1], CELL_OK, 3);
    expect_cell(&row->cells[EVALUATIONS_GENDER], CELL_OK, GENDER_OTHER);
    /* lines 8 and 9: no respondent id, so no duplicate; "-" and "na" are no answer */
    row = &r.rows[4];
    expect_cell(&row->cells[EVALUATIONS_RESPONDENT], CELL_EMPTY, 0);
    expect_cell(&row->extras[0], CELL_OK, 2);
    expect_cell(&row->extras[1], CELL_EMPTY, 0);
    row = &r.rows[5];
    expect_cell(&row->extras[0], CELL_EMPTY, 0);
    expect_cell(&row->extras[1], CELL_OK, 2);
    /* line 10: three bad cells, the ratings still count */
    row = &r.rows[6];
    expect_cell(&row->cells[EVALUATIONS_MEMBER], CELL_REJECTED, 0);
    expect_cell(&row->cells[EVALUATIONS_GENDER], CELL_REJECTED, 0);
    expect_cell(&row->cells[EVALUATIONS_SUBMITTED], CELL_REJECTED, 0);
    expect_cell(&row->extras[0], CELL_OK, 1);
    expect_cell(&row->extras[1], CELL_OK, 1);

}

Test(ingest, evaluations_without_workshop_list_are_not_checked)
{
    const char *path = write_csv("evaluations.csv",
                                 "workshop_id,Q1\n"
                                 "W9,5\n"
                                 "ZZ,3\n");
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_EVALUATIONS, NULL, &h, l, &err), 0, "%s", err.message);
    cr_assert_eq(ledger_entry_count(l), 0);
    expect_counts(l, 0, 2, 2, 0, 0);
    cr_assert_eq(r.count, 2);
    cr_assert_eq(r.rows[0].cells[EVALUATIONS_WORKSHOP].state, CELL_OK);
    cr_assert_eq(r.rows[0].cells[EVALUATIONS_WORKSHOP].integer, -1);
}

Test(ingest, evaluations_scale_one_to_seven)
{
    const char *path = write_csv("evaluations.csv",
                                 "workshop_id,Q1\n"
                                 "W1,7\n"
                                 "W1,0\n"
                                 "W1,8\n"
                                 "W1,1\n"
                                 "W1,6.0\n");
    ingest_options options = ingest_default_options();
    cr_assert_eq(options.scale_min, 1);
    cr_assert_eq(options.scale_max, 5);
    options.scale_min = 1;
    options.scale_max = 7;
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_EVALUATIONS, &options, &h, l, &err), 0, "%s",
                 err.message);
    cr_assert_eq(ledger_entry_count(l), 2);
    expect_entry(l, 0, 3, 4, "Q1", "0", false, "is outside the scale 1-7");
    expect_entry(l, 1, 4, 4, "Q1", "8", false, "is outside the scale 1-7");
    expect_counts(l, 0, 5, 5, 0, 2);
    cr_assert_eq(r.count, 5);
    expect_cell(&r.rows[0].extras[0], CELL_OK, 7);
    expect_cell(&r.rows[1].extras[0], CELL_REJECTED, 0);
    expect_cell(&r.rows[2].extras[0], CELL_REJECTED, 0);
    expect_cell(&r.rows[3].extras[0], CELL_OK, 1);
    expect_cell(&r.rows[4].extras[0], CELL_OK, 6);
}

/* ledger.h: cells_rejected counts "single values left out of rows that were used", and the
 * code's own rule is that a rejected row leaves no cell-level entries behind. A later duplicate
 * is rejected as a whole, so its bad rating must not be reported as a value left out of a row
 * whose "rest counts". */
Test(ingest, duplicate_row_leaves_no_cell_entries)
{
    const char *path = write_csv("evaluations.csv",
                                 "workshop_id,respondent_id,Q1\n"
                                 "W1,R1,5\n"
                                 "W1,R1,9\n");
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_EVALUATIONS, NULL, NULL, l, &err), 0, "%s", err.message);
    expect_counts(l, 0, 2, 1, 1, 0);
    cr_assert_eq(ledger_entry_count(l), 1, "%zu entries, the first: %s", ledger_entry_count(l),
                 ledger_entry_at(l, 0)->reason);
    expect_entry(l, 0, 3, 4, "respondent_id", "R1", true, "already appears at line 2");
}

Test(ingest, missing_required_column_is_fatal)
{
    const char *path = write_csv("evaluations.csv",
                                 "\n"
                                 "workshop,respondent_id,Q1\n"
                                 "W1,R1,5\n");
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_EVALUATIONS, NULL, &h, l, &err);
    expect_fatal(rc, &err, path, 2, 1, "missing required column \"workshop_id\"", l);
    cr_assert_not_null(strstr(err.message, "\"workshop\", \"respondent_id\", \"Q1\""), "%s",
                       err.message);
    cr_assert_eq(r.headers, 0);
    cr_assert_eq(r.count, 0);
    expect_counts(l, 0, 0, 0, 0, 0);
}

Test(ingest, header_aliases)
{
    const char *path = write_csv("evaluations.csv",
                                 "Workshop ID;Respondent-ID;MEMBER CODE;  Gender  ;Q1 Content\n"
                                 "W1;R1;au;Female;5\n"
                                 "W2;R1;nz;M;4\n");
    keyset *workshops = make_keyset(workshop_ids);
    keyset *members = make_keyset(member_codes);
    ingest_options options = ingest_default_options();
    options.workshops = workshops;
    options.members = members;
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_EVALUATIONS, &options, &h, l, &err), 0, "%s",
                 err.message);
    cr_assert_eq(ledger_file_at(l, 0)->delimiter, ';');
    cr_assert_eq(r.n_extras, 1);
    cr_assert_str_eq(r.labels[0], "Q1 Content");
    cr_assert_eq(r.extra_columns[0], 5);
    cr_assert_eq(ledger_entry_count(l), 0);
    expect_counts(l, 0, 2, 2, 0, 0);
    cr_assert_eq(r.count, 2);
    expect_cell(&r.rows[0].cells[EVALUATIONS_WORKSHOP], CELL_OK, 0);
    expect_cell(&r.rows[0].cells[EVALUATIONS_MEMBER], CELL_OK, 0);
    expect_cell(&r.rows[0].cells[EVALUATIONS_GENDER], CELL_OK, GENDER_FEMALE);
    cr_assert_str_eq(r.rows[0].cells[EVALUATIONS_RESPONDENT].text, "R1");
    expect_cell(&r.rows[1].cells[EVALUATIONS_WORKSHOP], CELL_OK, 1);
    expect_cell(&r.rows[1].cells[EVALUATIONS_MEMBER], CELL_OK, 2);
    expect_cell(&r.rows[1].cells[EVALUATIONS_GENDER], CELL_OK, GENDER_MALE);
    expect_cell(&r.rows[1].extras[0], CELL_OK, 4);
}

/* ledger_entry.field is "the column header as found in the file" (ledger.h); every other entry
 * of this file would name "Respondent-ID", so the duplicate must too. */
Test(ingest, duplicate_entry_names_the_header_as_found)
{
    const char *path = write_csv("evaluations.csv",
                                 "Workshop ID;Respondent-ID;Q1\n"
                                 "W1;R1;5\n"
                                 "W1;R1;4\n"
                                 "W1;R2;x\n");
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_EVALUATIONS, NULL, NULL, l, &err), 0, "%s", err.message);
    expect_counts(l, 0, 3, 2, 1, 1);
    cr_assert_eq(ledger_entry_count(l), 2);
    expect_entry(l, 1, 4, 7, "Q1", "x", false, "is not a whole number on the scale 1-5");
    expect_entry(l, 0, 3, 4, "Respondent-ID", "R1", true, "already appears at line 2");
}

Test(ingest, duplicate_header_column_is_fatal)
{
    const char *path = write_csv("members.csv",
                                 "member_code,member_name,Member Code\n"
                                 "AU,Australia,AU\n");
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_MEMBERS, NULL, NULL, l, &err);
    expect_fatal(rc, &err, path, 1, 25, "appears twice", l);
    cr_assert_not_null(strstr(err.message, "\"Member Code\""), "%s", err.message);
    expect_counts(l, 0, 0, 0, 0, 0);
}

/* ------------------------------------------------------------------ needs */

static const char needs_csv[] = "Member code,Year,submitted_at,Customs valuation,Risk management,comments\n"
                                "AU,2024,2024-03-01,5,3,ok\n"
                                "FJ,2024,,4,N/A,\n"
                                "XX,2024,,1,1,\n"
                                "NZ,20x4,,1,1,\n"
                                "NZ,1899,,1,1,\n"
                                "NZ,2025,,6,0,late\n";

Test(ingest, needs_topics_and_year)
{
    const char *path = write_csv("needs.csv", needs_csv);
    keyset *members = make_keyset(member_codes);
    ingest_options options = ingest_default_options();
    options.members = members;
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_NEEDS, &options, &h, l, &err), 0, "%s", err.message);

    cr_assert_eq(r.kind, KIND_NEEDS);
    cr_assert_eq(r.n_extras, 2);
    cr_assert_str_eq(r.labels[0], "Customs valuation");
    cr_assert_str_eq(r.labels[1], "Risk management");
    cr_assert_eq(r.extra_columns[0], 4);
    cr_assert_eq(r.extra_columns[1], 5);

    cr_assert_eq(ledger_entry_count(l), 5);
    expect_entry(l, 0, 4, 1, "Member code", "XX", true, "is not a member code of members.csv");
    expect_entry(l, 1, 5, 4, "Year", "20x4", true, "is not a whole number from 1900 to 2200");
    expect_entry(l, 2, 6, 4, "Year", "1899", true, "is not a whole number from 1900 to 2200");
    expect_entry(l, 3, 7, 10, "Customs valuation", "6", false, "is outside the scale 1-5");
    expect_entry(l, 4, 7, 12, "Risk management", "0", false, "is outside the scale 1-5");
    expect_counts(l, 0, 6, 3, 3, 2);

    cr_assert_eq(r.count, 3);
    const row_copy *row = &r.rows[0];
    cr_assert_eq(row->line, 2);
    expect_cell(&row->cells[NEEDS_MEMBER], CELL_OK, 0);
    expect_cell(&row->cells[NEEDS_YEAR], CELL_OK, 2024);
    expect_cell(&row->cells[NEEDS_SUBMITTED], CELL_OK, date_from_civil(2024, 3, 1));
    cr_assert_str_eq(row->cells[NEEDS_COMMENTS].text, "ok");
    expect_cell(&row->extras[0], CELL_OK, 5);
    expect_cell(&row->extras[1], CELL_OK, 3);
    row = &r.rows[1];
    expect_cell(&row->cells[NEEDS_MEMBER], CELL_OK, 1);
    expect_cell(&row->cells[NEEDS_SUBMITTED], CELL_EMPTY, 0);
    expect_cell(&row->extras[0], CELL_OK, 4);
    expect_cell(&row->extras[1], CELL_EMPTY, 0);
    row = &r.rows[2];
    cr_assert_eq(row->line, 7);
    expect_cell(&row->cells[NEEDS_MEMBER], CELL_OK, 2);
    expect_cell(&row->cells[NEEDS_YEAR], CELL_OK, 2025);
    expect_cell(&row->extras[0], CELL_REJECTED, 0);
    expect_cell(&row->extras[1], CELL_REJECTED, 0);
}

/* PRODUCT.md: a needs topic's "value = priority 1–5 (5 = highest need)", with "high priority"
 * = 4–5 and "top priority" = 5; --scale is "rating scale of evaluations.csv" (cli/options.h).
 * A scale given for the evaluations must not widen the needs priorities. */
Test(ingest, needs_priorities_ignore_the_evaluation_scale)
{
    const char *path = write_csv("needs.csv",
                                 "member_code,year,Customs valuation\n"
                                 "AU,2024,5\n"
                                 "FJ,2024,6\n");
    ingest_options options = ingest_default_options();
    options.scale_min = 1;
    options.scale_max = 7;
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_NEEDS, &options, &h, l, &err), 0, "%s", err.message);
    expect_counts(l, 0, 2, 2, 0, 1);
    cr_assert_eq(ledger_entry_count(l), 1);
    expect_entry(l, 0, 3, 9, "Customs valuation", "6", false, "1-5");
    cr_assert_eq(r.count, 2);
    expect_cell(&r.rows[0].extras[0], CELL_OK, 5);
    expect_cell(&r.rows[1].extras[0], CELL_REJECTED, 0);
}

/* ------------------------------------------------------------------ whole-file problems */

Test(ingest, empty_file_is_fatal)
{
    const char *path = write_csv("members.csv", "");
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_MEMBERS, NULL, NULL, l, &err);
    expect_fatal(rc, &err, path, 1, 1, "empty", l);
    cr_assert_not_null(strstr(err.message, "members.csv"), "%s", err.message);
    expect_counts(l, 0, 0, 0, 0, 0);
}

Test(ingest, blank_lines_only_is_fatal)
{
    const char *path = write_csv("members.csv", "\n  \n\r\n\t\n");
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_MEMBERS, NULL, NULL, l, &err);
    expect_fatal(rc, &err, path, 1, 1, "empty", l);
    expect_counts(l, 0, 0, 0, 0, 0);
}

Test(ingest, header_only_is_fine)
{
    const char *path = write_csv("members.csv", "member_code,member_name\n");
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_MEMBERS, NULL, &h, l, &err), 0, "%s", err.message);
    cr_assert_eq(r.headers, 1);
    cr_assert_eq(r.count, 0);
    expect_counts(l, 0, 0, 0, 0, 0);
}

Test(ingest, folder_is_fatal)
{
    char sub[128];
    snprintf(sub, sizeof sub, "%s/members.csv", tmp_dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(sub, KIND_MEMBERS, NULL, NULL, l, &err);
    expect_fatal(rc, &err, sub, 0, 0, "folder", l);
    expect_counts(l, 0, 0, 0, 0, 0);
}

Test(ingest, missing_file_is_fatal)
{
    char path[128];
    snprintf(path, sizeof path, "%s/nowhere.csv", tmp_dir);
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_WORKSHOPS, NULL, NULL, l, &err);
    expect_fatal(rc, &err, path, 0, 0, "cannot open", l);
    cr_assert_not_null(strstr(err.message, "No such file"), "%s", err.message);
    expect_counts(l, 0, 0, 0, 0, 0);
}

Test(ingest, invalid_utf8_is_fatal_with_position)
{
    const char *path = write_csv("members.csv",
                                 "member_code,member_name\n"
                                 "AU,Australia\n"
                                 "CI,C\xF4te d'Ivoire\n");
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_MEMBERS, NULL, NULL, l, &err);
    expect_fatal(rc, &err, path, 3, 5, "--encoding windows-1252", l);
}

Test(ingest, windows_1252_option)
{
    const char *path = write_csv("members.csv",
                                 "member_code,member_name\n"
                                 "CI,C\xF4te d'Ivoire\n");
    ingest_options options = ingest_default_options();
    options.reader.encoding = ENCODING_WINDOWS_1252;
    ledger *l = new_ledger();
    member_registry *reg = NULL;
    cb_error err = {0};
    cr_assert_eq(registry_load(path, &options, l, &reg, &err), 0, "%s", err.message);
    tracked_registry = reg;
    cr_assert_eq(reg->count, 1);
    cr_assert_str_eq(reg->names[0], "C\xC3\xB4te d'Ivoire");
    cr_assert_str_eq(ledger_file_at(l, 0)->encoding, "windows-1252");
    expect_counts(l, 0, 1, 1, 0, 0);
}

Test(ingest, header_callback_can_stop)
{
    const char *path = write_csv("members.csv", "member_code,member_name\nAU,Australia\n");
    rows r = {.fail_header = true};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_MEMBERS, NULL, &h, l, &err);
    expect_fatal(rc, &err, path, 1, 1, "the header is not wanted", l);
    cr_assert_eq(r.count, 0);
    expect_counts(l, 0, 0, 0, 0, 0);
}

/* ------------------------------------------------------------------ ragged and blank rows */

Test(ingest, ragged_rows_are_rejected_with_file_lines)
{
    const char *path = write_csv("members.csv",
                                 "member_code,member_name,subregion\n"
                                 "AU,\"Australia,\nCommonwealth of\",Pacific\n"
                                 "FJ,Fiji,Pacific,extra\n"
                                 "NZ,New Zealand\n"
                                 "\"JP\",Japan,\"East\nAsia\"\n"
                                 "CN,China,East Asia,,\n");
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_MEMBERS, NULL, &h, l, &err), 0, "%s", err.message);
    cr_assert_eq(ledger_entry_count(l), 3);
    expect_entry(l, 0, 4, 17, "", "extra", true, "this row has 4 values but the header has 3 columns");
    expect_entry(l, 1, 5, 4, "", "New Zealand", true, "this row has 2 values but the header has 3 columns");
    expect_entry(l, 2, 8, 20, "", "", true, "this row has 5 values but the header has 3 columns");
    expect_counts(l, 0, 5, 2, 3, 0);
    cr_assert_eq(r.count, 2);
    cr_assert_eq(r.rows[0].line, 2);
    cr_assert_str_eq(r.rows[0].cells[MEMBERS_NAME].text, "Australia,\nCommonwealth of");
    cr_assert(r.rows[0].cells[MEMBERS_SUBREGION].line == 3 &&
              r.rows[0].cells[MEMBERS_SUBREGION].column == 18);
    cr_assert_eq(r.rows[1].line, 6);
    cr_assert_str_eq(r.rows[1].cells[MEMBERS_CODE].text, "JP");
    cr_assert_str_eq(r.rows[1].cells[MEMBERS_SUBREGION].text, "East\nAsia");
}

Test(ingest, blank_rows_are_counted_apart)
{
    const char *path = write_csv("members.csv",
                                 "\n"
                                 "member_code,member_name\n"
                                 ",\n"
                                 "AU,Australia\n"
                                 "\n"
                                 " , \n"
                                 "FJ,Fiji\n");
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_MEMBERS, NULL, NULL, l, &err), 0, "%s", err.message);
    cr_assert_eq(ledger_entry_count(l), 0);
    cr_assert_eq(ledger_file_at(l, 0)->blank_rows, 2);
    expect_counts(l, 0, 2, 2, 0, 0);
}

Test(ingest, handler_rejection_keeps_the_accounting)
{
    const char *path = write_csv("members.csv",
                                 "member_code,member_name\n"
                                 "AU,Australia\n"
                                 "FJ,Fiji\n"
                                 "NZ,New Zealand\n");
    rows r = {.reject_line = 3};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_MEMBERS, NULL, &h, l, &err), 0, "%s", err.message);
    cr_assert_eq(ledger_entry_count(l), 1);
    expect_entry(l, 0, 3, 1, "custom", "v", true, "rejected by the handler");
    expect_counts(l, 0, 3, 2, 1, 0);
}

/* ------------------------------------------------------------------ the other kinds */

Test(ingest, workshops_columns)
{
    const char *path = write_csv(
        "workshops.csv",
        "workshop_id,title,start_date,end_date,host_member,action,modality,participants_female,"
        "participants_male,participants_other\n"
        "W1,Valuation,2024-08-01,2024-08-03,AU,3.g,in person,10,12,0\n"
        "W2,Risk,2024-09-01,soon,FJ,3.a,online,-1,5,\n"
        "W3,Bad start,2024-02-30,,,,,,,\n"
        "W1,Again,2024-10-01,,,,,,,\n"
        "W4,AEO,2024-11-01,,,,teleport,x,,\n");
    keyset *members = make_keyset(member_codes);
    ingest_options options = ingest_default_options();
    options.members = members;
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_WORKSHOPS, &options, &h, l, &err), 0, "%s", err.message);
    cr_assert_eq(r.n_extras, 0);
    cr_assert_eq(ledger_entry_count(l), 6);
    expect_entry(l, 0, 3, 20, "end_date", "soon", false, "is not a date written YYYY-MM-DD");
    expect_entry(l, 1, 3, 39, "participants_female", "-1", false, "is not a whole number, 0 or more");
    expect_entry(l, 2, 4, 14, "start_date", "2024-02-30", true, "is not a date written YYYY-MM-DD");
    expect_entry(l, 3, 5, 1, "workshop_id", "W1", true, "already appears at line 2");
    expect_entry(l, 4, 6, 22, "modality", "teleport", false, "is not one of in-person, virtual or hybrid");
    expect_entry(l, 5, 6, 31, "participants_female", "x", false, "is not a whole number, 0 or more");
    expect_counts(l, 0, 5, 3, 2, 4);

    cr_assert_eq(r.count, 3);
    const row_copy *row = &r.rows[0];
    expect_cell(&row->cells[WORKSHOPS_START], CELL_OK, date_from_civil(2024, 8, 1));
    expect_cell(&row->cells[WORKSHOPS_END], CELL_OK, date_from_civil(2024, 8, 3));
    expect_cell(&row->cells[WORKSHOPS_HOST], CELL_OK, 0);
    expect_cell(&row->cells[WORKSHOPS_MODALITY], CELL_OK, 0);
    expect_cell(&row->cells[WORKSHOPS_FEMALE], CELL_OK, 10);
    expect_cell(&row->cells[WORKSHOPS_MALE], CELL_OK, 12);
    expect_cell(&row->cells[WORKSHOPS_OTHER], CELL_OK, 0);
    cr_assert_str_eq(row->cells[WORKSHOPS_ACTION].text, "3.g");
    row = &r.rows[1];
    expect_cell(&row->cells[WORKSHOPS_END], CELL_REJECTED, 0);
    expect_cell(&row->cells[WORKSHOPS_HOST], CELL_OK, 1);
    expect_cell(&row->cells[WORKSHOPS_MODALITY], CELL_OK, 1);
    expect_cell(&row->cells[WORKSHOPS_FEMALE], CELL_REJECTED, 0);
    expect_cell(&row->cells[WORKSHOPS_MALE], CELL_OK, 5);
    expect_cell(&row->cells[WORKSHOPS_OTHER], CELL_EMPTY, 0);
    row = &r.rows[2];
    cr_assert_eq(row->line, 6);
    expect_cell(&row->cells[WORKSHOPS_MODALITY], CELL_REJECTED, 0);
}

Test(ingest, activities_member_lists_and_booleans)
{
    const char *path = write_csv(
        "activities.csv",
        "activity_id,date,action,type,member_code,requested,accredited_expert,request_met,"
        "contributor,note\n"
        "A1,2024-08-01,3.g,mission,AU FJ,yes,Y,true,au,fine\n"
        "A2,2024-08-02,,workshop,,,,,,\n"
        "A3,2024-08-03,,mission,AU XX,yes,no,no,,\n"
        "A4,2024-08-04,,mission,AU,maybe,no,no,,\n"
        "A1,2024-08-05,,mission,,,,,,\n");
    keyset *members = make_keyset(member_codes);
    ingest_options options = ingest_default_options();
    options.members = members;
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_ACTIVITIES, &options, &h, l, &err), 0, "%s",
                 err.message);
    cr_assert_eq(ledger_entry_count(l), 3);
    expect_entry(l, 0, 4, 24, "member_code", "AU XX", true, "names \"XX\", which is not a member code");
    expect_entry(l, 1, 5, 27, "requested", "maybe", true, "is not yes or no");
    expect_entry(l, 2, 6, 1, "activity_id", "A1", true, "already appears at line 2");
    expect_counts(l, 0, 5, 2, 3, 0);
    cr_assert_eq(r.count, 2);
    const row_copy *row = &r.rows[0];
    expect_cell(&row->cells[ACTIVITIES_MEMBERS], CELL_OK, 2);
    expect_cell(&row->cells[ACTIVITIES_REQUESTED], CELL_OK, 1);
    expect_cell(&row->cells[ACTIVITIES_ACCREDITED], CELL_OK, 1);
    expect_cell(&row->cells[ACTIVITIES_REQUEST_MET], CELL_OK, 1);
    expect_cell(&row->cells[ACTIVITIES_CONTRIBUTOR], CELL_OK, 0);
    cr_assert_str_eq(row->cells[ACTIVITIES_TYPE].text, "mission");
    row = &r.rows[1];
    expect_cell(&row->cells[ACTIVITIES_MEMBERS], CELL_EMPTY, 0);
    expect_cell(&row->cells[ACTIVITIES_REQUESTED], CELL_EMPTY, 0);
}

Test(ingest, status_delegations_and_kpi_values)
{
    const char *status = write_csv("status.csv",
                                   "member_code,action,status,as_of\n"
                                   "AU,3.g,In progress,2024-06-30\n"
                                   "FJ,3.g,done,2024-06-30\n");
    const char *delegations = write_csv("delegations.csv",
                                        "forum,date,member_code,head_gender\n"
                                        "PTC,2024-10-01,AU,F\n"
                                        "PTC,2024-10-01,FJ,\n");
    const char *values = write_csv("kpi_values.csv",
                                   "kpi_id,value,as_of,source\n"
                                   "1.a,25%,2024-06-30,survey\n"
                                   "1.b,nan,2024-06-30,\n");
    rows r = {0};
    ingest_handler h = handler_for(&r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(status, KIND_STATUS, NULL, &h, l, &err), 0, "%s", err.message);
    cr_assert_eq(ingest_file(delegations, KIND_DELEGATIONS, NULL, &h, l, &err), 0, "%s",
                 err.message);
    cr_assert_eq(ingest_file(values, KIND_KPI_VALUES, NULL, &h, l, &err), 0, "%s", err.message);
    cr_assert_eq(ledger_file_count(l), 3);
    cr_assert_eq(ledger_entry_count(l), 3);
    const ledger_entry *e = ledger_entry_at(l, 0);
    cr_assert(e->file == 0 && e->line == 3 && e->column == 8 && e->whole_row);
    cr_assert_str_eq(e->field, "status");
    cr_assert_not_null(strstr(e->reason, "is not one of implemented, in_progress, planned or not_started"),
                       "%s", e->reason);
    e = ledger_entry_at(l, 1);
    cr_assert(e->file == 1 && e->line == 3 && e->column == 19 && e->whole_row);
    cr_assert_str_eq(e->field, "head_gender");
    cr_assert_not_null(strstr(e->reason, "is empty, and this column is required"), "%s", e->reason);
    e = ledger_entry_at(l, 2);
    cr_assert(e->file == 2 && e->line == 3 && e->column == 5 && e->whole_row);
    cr_assert_str_eq(e->field, "value");
    cr_assert_str_eq(e->value, "nan");
    cr_assert_not_null(strstr(e->reason, "is not a number"), "%s", e->reason);
    expect_counts(l, 0, 2, 1, 1, 0);
    expect_counts(l, 1, 2, 1, 1, 0);
    expect_counts(l, 2, 2, 1, 1, 0);
    cr_assert_str_eq(ledger_file_at(l, 1)->kind, "delegations");

    cr_assert_eq(r.count, 3);
    expect_cell(&r.rows[0].cells[STATUS_STATUS], CELL_OK, STATUS_IN_PROGRESS);
    expect_cell(&r.rows[0].cells[STATUS_AS_OF], CELL_OK, date_from_civil(2024, 6, 30));
    expect_cell(&r.rows[1].cells[DELEGATIONS_HEAD_GENDER], CELL_OK, GENDER_FEMALE);
    cr_assert_eq(r.rows[2].cells[KPI_VALUES_VALUE].state, CELL_OK);
    cr_assert(r.rows[2].cells[KPI_VALUES_VALUE].number == 0.25);
}

/* ------------------------------------------------------------------ header and value edge cases */

/* The repeated column is in the middle of the header: the columns after it were never looked at
 * and must not be touched when the state is freed. (The file is read through /dev/fd after its
 * folder is removed, so that nothing is left in /tmp if the code under test crashes.) */
Test(ingest, duplicate_header_column_in_the_middle_is_fatal)
{
    const char *written = write_csv("members.csv",
                                    "member_code,Member Code,member_name,subregion,sie\n"
                                    "AU,AU,Australia,Pacific,no\n");
    FILE *keep = fopen(written, "rb");
    cr_assert_not_null(keep);
    remove_tree(tmp_dir);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fileno(keep));
    ledger *l = new_ledger();
    cb_error err = {0};
    int rc = ingest_file(path, KIND_MEMBERS, NULL, NULL, l, &err);
    fclose(keep);
    expect_fatal(rc, &err, path, 1, 13, "appears twice", l);
    cr_assert_not_null(strstr(err.message, "also column 1"), "%s", err.message);
    expect_counts(l, 0, 0, 0, 0, 0);
}

static bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                                  : (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || (n > 1 && *p < 0xC2))
            return false;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

/* A long bad value is kept cut to 200 bytes on a character boundary, and the reason that quotes
 * it stays valid UTF-8 (it goes to the terminal and into the Rejected sheet). */
Test(ingest, long_value_is_cut_on_character_boundaries)
{
    char value[512] = "x";
    for (int i = 0; i < 150; i++)
        strcat(value, "\xC3\xA9");
    char text[1024];
    snprintf(text, sizeof text, "member_code,member_name,sie\nAU,Australia,%s\n", value);
    const char *path = write_csv("members.csv", text);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_MEMBERS, NULL, NULL, l, &err), 0, "%s", err.message);
    expect_counts(l, 0, 1, 1, 0, 1);
    cr_assert_eq(ledger_entry_count(l), 1);
    const ledger_entry *e = ledger_entry_at(l, 0);
    cr_assert(e->line == 2 && e->column == 14);
    cr_assert_eq(strlen(e->value), 199, "value of %zu bytes", strlen(e->value));
    cr_assert(strncmp(e->value, value, 199) == 0);
    cr_assert(utf8_valid(e->value));
    cr_assert(utf8_valid(e->reason), "the reason cuts a character in two: %s", e->reason);
}

/* ------------------------------------------------------------------ survey platform exports */

/* Reads a file that must be readable as evaluations into r; returns its ledger. */
static ledger *read_evaluations(const char *path, const ingest_options *options, rows *r)
{
    ingest_handler h = handler_for(r);
    ledger *l = new_ledger();
    cb_error err = {0};
    cr_assert_eq(ingest_file(path, KIND_EVALUATIONS, options, &h, l, &err), 0, "%s:%ld:%ld: %s",
                 err.file, err.line, err.column, err.message);
    return l;
}

Test(registry, members_by_name_or_alias)
{
    const char *members = write_csv(
        "members.csv",
        "member_code,member_name,subregion,sie,aliases\n"
        "HK,\"Hong Kong, China\",Far East,no,HKG|Hong Kong\n"
        "TH,Thailand,South East Asia,no,THA; Siam\n"
        "FJ,Fiji,Pacific,yes,\n"
        "MO,\"Macao, China\",Far East,no,MAC;Hong Kong\n");
    ledger *l = new_ledger();
    member_registry *reg = NULL;
    cb_error err = {0};
    cr_assert_eq(registry_load(members, NULL, l, &reg, &err), 0, "%s", err.message);
    tracked_registry = reg;
    const char *path = write_csv("evaluations.csv",
                                 "workshop_id,member_code,Q1\n"
                                 "W1,\"hong kong, china\",5\n"
                                 "W1,HKG,4\n"
                                 "W1, siam ,3\n"
                                 "W1,fj,2\n"
                                 "W1,Fiji,1\n"
                                 "W1,Atlantis,5\n"
                                 "W1,Hong Kong,4\n"
                                 "W1,mac,3\n");
    ingest_options options = ingest_default_options();
    registry_attach(reg, &options);
    rows r = {0};
    ingest_handler h = handler_for(&r);
    cr_assert_eq(ingest_file(path, KIND_EVALUATIONS, &options, &h, l, &err), 0, "%s",
                 err.message);
    cr_assert_eq(r.count, 8);
    static const long long want[] = {0, 0, 1, 2, 2, -1, -1, 3};
    for (size_t i = 0; i < 8; i++)
        expect_cell(&r.rows[i].cells[EVALUATIONS_MEMBER], want[i] < 0 ? CELL_REJECTED : CELL_OK,
                    want[i]);
    /* The members file's entries come first; only the evaluations' are checked here. */
    size_t first = ledger_entry_count(l) - 2;
    const ledger_entry *e = ledger_entry_at(l, first);
    cr_assert_eq(e->line, 7);
    cr_assert_str_eq(e->value, "Atlantis");
    cr_assert_not_null(strstr(e->reason, "member_code \"Atlantis\" is not a member code of "
                              "members.csv, nor a Member's name or alias there"), "%s", e->reason);
    e = ledger_entry_at(l, first + 1);
    cr_assert_eq(e->line, 8);
    cr_assert_not_null(strstr(e->reason, "is the name or alias of more than one Member"), "%s",
                       e->reason);
}

Test(ingest, kobo_export_with_groups_metadata_labels_and_hashtags)
{
    const char *path = write_csv(
        "evaluations.csv",
        "\"start\";\"intro/workshop_id\";\"r/Content\";\"r/Trainers\";\"_id\";\"_uuid\";"
        "\"_submission_time\";\"_status\"\r\n"
        "\"#date+start\";\"#meta+workshop\";\"#rating\";\"#rating\";\"\";\"\";\"\";\"\"\r\n"
        "\"2025-03-14T09:00:00.000+08:00\";\"W1\";\"Excellent\";\"4\";\"17\";\"u1\";"
        "\"2025-03-14T01:02:03\";\"submitted_via_web\"\r\n"
        "\"2025-03-15T09:00:00.000+08:00\";\"W2\";\"strongly agree\";\"Superb\";\"18\";\"u2\";"
        "\"03/15/2025\";\"submitted_via_web\"\r\n");
    ingest_options options = ingest_default_options();
    rows r = {0};
    ledger *l = read_evaluations(path, &options, &r);
    cr_assert_eq(r.n_extras, 2, "metadata is never an item");
    cr_assert_str_eq(r.labels[0], "Content");
    cr_assert_str_eq(r.labels[1], "Trainers");
    cr_assert_eq(r.extra_columns[0], 3);
    cr_assert_eq(r.count, 2);
    cr_assert_eq(r.rows[0].line, 3);
    expect_cell(&r.rows[0].cells[EVALUATIONS_SUBMITTED], CELL_OK, date_from_civil(2025, 3, 14));
    expect_cell(&r.rows[1].cells[EVALUATIONS_SUBMITTED], CELL_OK, date_from_civil(2025, 3, 15));
    expect_cell(&r.rows[0].extras[0], CELL_OK, 5);
    expect_cell(&r.rows[0].extras[1], CELL_OK, 4);
    expect_cell(&r.rows[1].extras[0], CELL_OK, 5);
    expect_cell(&r.rows[1].extras[1], CELL_REJECTED, 0);
    expect_counts(l, 0, 2, 2, 0, 1);
    expect_entry(l, 0, 4, 55, "r/Trainers", "Superb", false,
                 "is not a whole number on the scale 1-5, nor an answer label cbkpi knows");
    const ledger_file *f = ledger_file_at(l, 0);
    cr_assert_eq(f->hashtag_rows, 1);
    cr_assert_str_eq(f->source, "KoboToolbox");
    cr_assert_eq(f->delimiter, ';');
}

Test(ingest, limesurvey_incomplete_responses_are_rejected)
{
    const char *path = write_csv("evaluations.csv",
                                 "id,submitdate,lastpage,workshop_id,Q1\n"
                                 "1,2025-03-14 10:22:33,2,W1,4\n"
                                 "2,,1,W1,5\n"
                                 "3,14/03/2025 10:22,2,W2,3\n"
                                 "4,03/04/2025 9:00,2,W2,2\n");
    ingest_options options = ingest_default_options();
    rows r = {0};
    ledger *l = read_evaluations(path, &options, &r);
    cr_assert_eq(r.n_extras, 1);
    cr_assert_eq(r.count, 3);
    expect_counts(l, 0, 4, 3, 1, 1);
    expect_entry(l, 0, 3, 3, "submitdate", "", true, "an incomplete response: submitdate is empty");
    /* 14/03/2025 is a date day first only, and is read so; 03/04/2025 is two dates. */
    expect_cell(&r.rows[1].cells[EVALUATIONS_SUBMITTED], CELL_OK, date_from_civil(2025, 3, 14));
    expect_entry(l, 1, 5, 3, "submitdate", "03/04/2025 9:00", false,
                 "could be read day first or month first: pass --date-order dmy or mdy");
    cr_assert_str_eq(ledger_file_at(l, 0)->source, "LimeSurvey");
}

Test(ingest, workshop_given_for_the_whole_form)
{
    const char *path = write_csv("evaluations.csv",
                                 "Timestamp,respondent_id,Q1\n"
                                 "3/14/2025 10:22:33,R1,4\n"
                                 "3/14/2025 10:25:00,R1,5\n");
    keyset *workshops = make_keyset(workshop_ids);
    ingest_options options = ingest_default_options();
    options.workshops = workshops;
    options.workshop_id = "W2";
    rows r = {0};
    ledger *l = read_evaluations(path, &options, &r);
    cb_error err = {0};
    cr_assert_eq(r.count, 1);
    expect_cell(&r.rows[0].cells[EVALUATIONS_WORKSHOP], CELL_OK, 1);
    cr_assert_str_eq(r.rows[0].cells[EVALUATIONS_WORKSHOP].text, "W2");
    expect_counts(l, 0, 2, 1, 1, 0);
    expect_entry(l, 0, 3, 20, "respondent_id", "R1", true,
                 "workshop_id \"W2\" with respondent_id \"R1\" already appears at line 2");

    options.workshop_id = "W7";
    ledger *l2 = new_ledger();
    rows r2 = {0};
    ingest_handler h2 = handler_for(&r2);
    expect_fatal(ingest_file(path, KIND_EVALUATIONS, &options, &h2, l2, &err), &err, path, 1, 1,
                 "--workshop-id W7 is not a workshop_id of workshops.csv", l2);
    const char *with_column = write_csv("with_column.csv", "workshop_id,Q1\nW1,4\n");
    options.workshop_id = "W1";
    ledger *l3 = new_ledger();
    expect_fatal(ingest_file(with_column, KIND_EVALUATIONS, &options, &h2, l3, &err), &err,
                 with_column, 1, 1, "has a workshop_id column and --workshop-id W1 was given",
                 l3);
}

Test(ingest, labels_turn_a_numeric_scale_round)
{
    const char *path = write_csv("evaluations.csv", "workshop_id,Q1,Q2\n"
                                                    "W1,1,Excellent\n"
                                                    "W1,5,Good\n"
                                                    "W1,3,5 - Excellent\n");
    label_set *reversed = labels_new();
    for (long long point = 1; point <= 5; point++) {
        char label[2] = {(char)('0' + point), '\0'};
        cr_assert(labels_add(reversed, label, 1, 6 - point));
    }
    ingest_options options = ingest_default_options();
    options.labels = reversed;
    rows r = {0};
    ledger *l = read_evaluations(path, &options, &r);
    labels_free(reversed);
    cr_assert_eq(r.count, 3);
    static const long long want[3][2] = {{5, 5}, {1, 3}, {3, 5}};
    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < 2; k++)
            expect_cell(&r.rows[i].extras[k], CELL_OK, want[i][k]);
    expect_counts(l, 0, 3, 3, 0, 0);
}

/* The built-in answer words are points of a 1-5 scale: on another scale they are refused with
 * a reason that says how to count them, while "7 - Excellent" still takes its number. */
Test(ingest, built_in_words_count_only_on_a_1_to_5_scale)
{
    const char *path = write_csv("evaluations.csv", "workshop_id,Q1\n"
                                                    "W1,Excellent\n"
                                                    "W1,7 - Excellent\n");
    ingest_options options = ingest_default_options();
    options.scale_min = 1;
    options.scale_max = 7;
    rows r = {0};
    ledger *l = read_evaluations(path, &options, &r);
    cr_assert_eq(r.count, 2);
    expect_cell(&r.rows[0].extras[0], CELL_REJECTED, 0);
    expect_cell(&r.rows[1].extras[0], CELL_OK, 7);
    expect_entry(l, 0, 2, 4, "Q1", "Excellent", false, "count on a scale other than 1-5 only with");
    expect_counts(l, 0, 2, 2, 0, 1);
}

/* A --columns rule for LimeSurvey's submitdate changes what the column is, not what an empty
 * one means: the response is still incomplete and left out. */
Test(ingest, limesurvey_incomplete_response_whatever_the_rule_for_submitdate)
{
    const char *rules = write_csv("columns.csv", "header,role\nsubmitdate,ignore\n");
    column_map *map = NULL;
    cb_error err = {0};
    cr_assert_eq(columns_load(rules, NULL, &map, &err), 0, "%s", err.message);
    const char *path = write_csv("evaluations.csv",
                                 "id,submitdate,lastpage,workshop_id,Q1\n"
                                 "1,2025-03-14 10:22:33,2,W1,4\n"
                                 "2,,1,W1,5\n");
    ingest_options options = ingest_default_options();
    options.columns = map;
    rows r = {0};
    ledger *l = read_evaluations(path, &options, &r);
    columns_free(map);
    cr_assert_eq(r.count, 1);
    expect_counts(l, 0, 2, 1, 1, 0);
    expect_entry(l, 0, 3, 3, "submitdate", "", true, "an incomplete response: submitdate is empty");
}
