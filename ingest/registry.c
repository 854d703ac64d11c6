#include "ingest/registry.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

/* Registers one name or alias of member m; one that two members share names neither. */
static void add_name(member_registry *r, const char *text, size_t len, size_t m)
{
    char key[128];
    ingest_member_key(text, len, key, sizeof key);
    if (key[0] == '\0')
        return;
    size_t index;
    if (!keyset_add(r->name_keys, key, strlen(key), &index)) {
        if (r->member_of_name[index] != m)
            r->member_of_name[index] = SIZE_MAX;
        return;
    }
    if (index >= r->names_cap) {
        r->names_cap = r->names_cap ? r->names_cap * 2 : 64;
        r->member_of_name = mem_realloc(r->member_of_name, r->names_cap * sizeof(size_t));
    }
    r->member_of_name[index] = m;
}

/* member_name, then every alias of the aliases column (separated by ';' or '|': names such as
 * "Hong Kong, China" hold commas). */
static void add_names(member_registry *r, const typed_row *row, size_t m)
{
    const cell *name = &row->cells[MEMBERS_NAME], *aliases = &row->cells[MEMBERS_ALIASES];
    add_name(r, name->text, name->len, m);
    const char *p = aliases->text, *end = p + (aliases->state == CELL_OK ? aliases->len : 0);
    while (p < end) {
        const char *stop = p;
        while (stop < end && *stop != ';' && *stop != '|')
            stop++;
        add_name(r, p, (size_t)(stop - p), m);
        p = stop + (stop < end);
    }
}

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
    add_names(r, row, r->count);
    r->count++;
    return ROW_USED;
}

int registry_load(const char *path, const ingest_options *options, ledger *ledger,
                  member_registry **out, cb_error *err)
{
    member_registry *r = mem_calloc(1, sizeof *r);
    r->codes = keyset_new();
    r->name_keys = keyset_new();
    ingest_handler handler = {.on_row = add_member, .user = r};
    if (ingest_file(path, KIND_MEMBERS, options, &handler, ledger, err) != 0) {
        registry_free(r);
        *out = NULL;
        return -1;
    }
    *out = r;
    return 0;
}

void registry_attach(const member_registry *r, ingest_options *options)
{
    options->members = r->codes;
    options->member_names = r->name_keys;
    options->member_of_name = r->member_of_name;
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
    keyset_free(r->name_keys);
    free(r->member_of_name);
    free(r);
}
