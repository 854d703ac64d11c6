/* Fuzz target `ingest`: the bytes as every input kind in turn through ingest_memory, with a
 * small Member registry and workshop list to check codes against. The handler reads every
 * cell and rejects (with a ledger entry) every fifth row, so that both verdicts are counted;
 * a successful read must leave the ledger balanced (rows read = used + rejected). Inputs of odd
 * length are read with the options of survey exports as well: answer labels of a reversed
 * scale, Members by name, and a workshop given on the command line. */
#include "tests/fuzz/fuzz_common.h"

#include "ingest/ingest.h"

static keyset *members, *workshops, *member_names;
static size_t member_of_name[2] = {3, SIZE_MAX};
static label_set *labels;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const char *const member_codes[] = {"AF", "BD", "FJ", "HK", "JP", "KR", "LK",
                                               "SB", "SG", "TH", "TO", "VU"};
    static const char *const workshop_ids[] = {"WS-2024-01", "WS-2024-02", "WS-2024-03",
                                               "WS-2025-01"};
    members = keyset_new();
    workshops = keyset_new();
    size_t index;
    for (size_t i = 0; i < sizeof member_codes / sizeof *member_codes; i++)
        keyset_add(members, member_codes[i], strlen(member_codes[i]), &index);
    for (size_t i = 0; i < sizeof workshop_ids / sizeof *workshop_ids; i++)
        keyset_add(workshops, workshop_ids[i], strlen(workshop_ids[i]), &index);
    member_names = keyset_new();
    keyset_add(member_names, "HONG KONG, CHINA", 16, &index);
    keyset_add(member_names, "SHARED", 6, &index);
    labels = labels_new();
    for (long long point = 1; point <= 5; point++) {
        char label[4] = {'A', (char)('0' + point), '\0'};
        labels_add(labels, label, 2, 6 - point);
    }
    labels_add(labels, "off the scale", 13, 9);
    return 0;
}

typedef struct ingest_run {
    const schema *schema;
    const ingest_header *header;
    long rows;
    long headers;
} ingest_run;

static int on_header(const ingest_header *header, void *user, cb_error *err)
{
    (void)err;
    ingest_run *run = user;
    run->headers++;
    run->header = header;
    FUZZ_CHECK(header->schema == run->schema, "header of another schema");
    for (size_t c = 0; c < header->schema->n_columns; c++)
        fuzz_touch_string(header->column_labels[c]);
    for (size_t i = 0; i < header->n_extras; i++) {
        fuzz_touch_string(header->extra_labels[i]);
        FUZZ_CHECK(header->extra_columns[i] >= 1, "extra column %ld", header->extra_columns[i]);
    }
    FUZZ_CHECK(header->n_extras == 0 || header->schema->extra != NULL,
               "%zu extras for %s, which has none", header->n_extras, header->schema->name);
    fuzz_touch_string(header->path);
    return 0;
}

static void check_cell(const cell *c, const column_spec *spec)
{
    fuzz_touch(&c->state, sizeof c->state);
    FUZZ_CHECK(c->state == CELL_EMPTY || c->state == CELL_OK || c->state == CELL_REJECTED,
               "cell state %d", (int)c->state);
    FUZZ_CHECK(c->text != NULL, "cell of %s without text", spec->name);
    fuzz_touch(c->text, c->len);
    fuzz_touch(&c->integer, sizeof c->integer);
    fuzz_touch_double(c->number);
    fuzz_touch(&c->line, sizeof c->line);
    if (c->state == CELL_OK && spec->type == VT_CHOICE) {
        long long n = 0;
        while (spec->choices[n])
            n++;
        FUZZ_CHECK(c->integer >= 0 && c->integer < n, "choice %lld of %s", c->integer,
                   spec->name);
    }
    if (c->state == CELL_OK && spec->type == VT_MEMBER)
        FUZZ_CHECK(c->integer >= 0 && (size_t)c->integer < keyset_count(members),
                   "member index %lld", c->integer);
    if (c->state == CELL_OK && spec->type == VT_WORKSHOP)
        FUZZ_CHECK(c->integer >= 0 && (size_t)c->integer < keyset_count(workshops),
                   "workshop index %lld", c->integer);
    if (c->state == CELL_OK && spec->type == VT_INTEGER)
        FUZZ_CHECK(c->integer >= spec->min && c->integer <= spec->max, "%s = %lld", spec->name,
                   c->integer);
    if (c->state == CELL_OK && spec->type == VT_COUNT)
        FUZZ_CHECK(c->integer >= 0, "%s = %lld", spec->name, c->integer);
    if (c->state == CELL_EMPTY)
        FUZZ_CHECK(!spec->required, "required %s is empty in a valid row", spec->name);
}

static int on_row(const typed_row *row, void *user)
{
    ingest_run *run = user;
    run->rows++;
    const ingest_header *h = row->header;
    FUZZ_CHECK(h == run->header, "row with another header");
    for (size_t c = 0; c < h->schema->n_columns; c++)
        check_cell(&row->cells[c], &h->schema->columns[c]);
    for (size_t i = 0; i < h->n_extras; i++) {
        check_cell(&row->extras[i], h->schema->extra);
        if (row->extras[i].state == CELL_OK && h->schema->extra->type == VT_RATING)
            FUZZ_CHECK(row->extras[i].integer >= 1 && row->extras[i].integer <= 5,
                       "rating %lld on 1-5", row->extras[i].integer);
    }
    if (run->rows % 5 == 0) {
        ledger_reject(h->ledger, h->file, row->line, 1, "", "", 0, true,
                      "left out by the fuzz harness (row %ld)", run->rows);
        return ROW_REJECTED;
    }
    return ROW_USED;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int kind = 0; kind < KIND_COUNT; kind++) {
        ingest_options options = ingest_default_options();
        options.members = members;
        options.workshops = workshops;
        if (size % 2) {
            options.member_names = member_names;
            options.member_of_name = member_of_name;
            options.labels = labels;
            options.workshop_id = "WS-2024-02";
        }
        ingest_run run = {schema_for_kind((input_kind)kind), NULL, 0, 0};
        ingest_handler handler = {.on_header = on_header, .on_row = on_row, .user = &run};
        ledger *l = ledger_new();
        cb_error err;
        memset(&err, 0, sizeof err);
        /* A copy of exactly size bytes, so that reading past the input shows up. */
        char *copy = malloc(size ? size : 1);
        if (size)
            memcpy(copy, data, size);
        int rc = ingest_memory("fuzz.csv", copy, size, (input_kind)kind, &options, &handler, l,
                               &err);
        free(copy);
        FUZZ_CHECK(ledger_file_count(l) == 1, "%zu files in the ledger", ledger_file_count(l));
        if (rc == 0) {
            FUZZ_CHECK(run.headers == 1, "%ld headers", run.headers);
            FUZZ_CHECK(ledger_balanced(l), "ledger not balanced after reading %s",
                       run.schema->name);
            ledger_file *f = ledger_file_at(l, 0);
            FUZZ_CHECK(f->rows_used == run.rows - run.rows / 5,
                       "%ld rows used, handler kept %ld", f->rows_used, run.rows - run.rows / 5);
            long rejected, left_out;
            ledger_totals(l, &rejected, &left_out);
            FUZZ_CHECK(rejected == f->rows_rejected, "totals %ld, file %ld", rejected,
                       f->rows_rejected);
        } else {
            FUZZ_CHECK(err.message[0] != '\0', "failure without a message");
        }
        for (size_t i = 0; i < ledger_entry_count(l); i++) {
            const ledger_entry *e = ledger_entry_at(l, i);
            fuzz_touch_string(e->field);
            fuzz_touch_string(e->value);
            fuzz_touch_string(e->reason);
        }
        fuzz_touch(&(long){ledger_problem_count(l)}, sizeof(long));
        ledger_free(l);
    }
    return 0;
}
