#include "ingest/registry.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

static int add_member(const typed_row *row, void *user)
{
    member_registry *r = user;
    const cell *code = &row->cells[MEMBERS_CODE];
    char key[128];
    ingest_member_key(code->text, code->len, key, sizeof key);
    size_t index;
    if (!keyset_add(r->codes, key, strlen(key), &index)) {
        ledger_reject(row->header->ledger, row->header->file, code->line, code->column,
                      row->header->column_labels[MEMBERS_CODE], code->text, code->len, true,
                      "%s \"%s\" is already registered (codes ignore case); the later row is left "
                      "out", row->header->column_labels[MEMBERS_CODE], key);
        return ROW_REJECTED;
    }
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->names = mem_realloc(r->names, r->cap * sizeof *r->names);
        r->subregions = mem_realloc(r->subregions, r->cap * sizeof *r->subregions);
        r->sie = mem_realloc(r->sie, r->cap * sizeof *r->sie);
    }
    const cell *name = &row->cells[MEMBERS_NAME], *sub = &row->cells[MEMBERS_SUBREGION];
    const cell *sie = &row->cells[MEMBERS_SIE];
    r->names[r->count] = mem_strndup(name->text, name->len);
    r->subregions[r->count] = mem_strndup(sub->text, sub->state == CELL_OK ? sub->len : 0);
    r->sie[r->count] = sie->state == CELL_OK ? (signed char)sie->integer : -1;
    r->count++;
    return ROW_USED;
}

int registry_load(const char *path, const ingest_options *options, ledger *ledger,
                  member_registry **out, cb_error *err)
{
    member_registry *r = mem_calloc(1, sizeof *r);
    r->codes = keyset_new();
    ingest_handler handler = {.on_row = add_member, .user = r};
    if (ingest_file(path, KIND_MEMBERS, options, &handler, ledger, err) != 0) {
        registry_free(r);
        *out = NULL;
        return -1;
    }
    *out = r;
    return 0;
}

void registry_free(member_registry *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->count; i++) {
        free(r->names[i]);
        free(r->subregions[i]);
    }
    free(r->names);
    free(r->subregions);
    free(r->sie);
    keyset_free(r->codes);
    free(r);
}
