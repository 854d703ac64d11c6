#include "ingest/columns.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/fields.h"
#include "ingest/mapfile.h"
#include "ingest/schema.h"
#include "util/alloc.h"
#include "util/keyset.h"

struct column_map {
    keyset *headers;     /* comparable headers */
    column_rule *rules;  /* per header */
    size_t cap;
};

void columns_free(column_map *map)
{
    if (map == NULL)
        return;
    for (size_t i = 0; i < keyset_count(map->headers); i++)
        free((char *)map->rules[i].label);
    keyset_free(map->headers);
    free(map->rules);
    free(map);
}

/* The canonical column name a role names in a kind that has survey answers, or NULL. */
static const char *field_role(const char *role, size_t len)
{
    static const input_kind kinds[] = {KIND_EVALUATIONS, KIND_NEEDS};
    for (size_t k = 0; k < 2; k++) {
        const schema *s = schema_for_kind(kinds[k]);
        int c = schema_find_column(s, role, len);
        if (c >= 0)
            return s->columns[c].name;
    }
    return NULL;
}

static int add_rule(const mapfile_row *row, void *user, cb_error *err)
{
    column_map *map = user;
    const csv_field *header = row->fields[0], *role = row->fields[1], *label = row->fields[2];
    column_rule rule = {COLUMN_IGNORE, NULL, NULL};
    if (field_equals(role->text, role->len, "item") || field_equals(role->text, role->len, "topic"))
        rule.role = COLUMN_ITEM;
    else if (!field_equals(role->text, role->len, "ignore")) {
        rule.role = COLUMN_FIELD;
        rule.field = field_role(role->text, role->len);
        if (rule.field == NULL)
            return error_set(err, row->path, role->line, role->column,
                             "role \"%s\" is not item, topic, ignore or a column of "
                             "evaluations.csv or needs.csv (workshop_id, respondent_id, "
                             "member_code, gender, submitted_at, comments, year)", role->text);
    }
    char key[256];
    schema_normalize_header(header->text, header->len, key, sizeof key);
    size_t index;
    if (!keyset_add(map->headers, key, strlen(key), &index))
        return error_set(err, row->path, header->line, header->column,
                         "header \"%s\" is given twice", header->text);
    if (index >= map->cap) {
        map->cap = map->cap ? map->cap * 2 : 16;
        map->rules = mem_realloc(map->rules, map->cap * sizeof *map->rules);
    }
    const char *text = label ? label->text : "";
    size_t len = label ? label->len : 0;
    field_trim(&text, &len);
    if (rule.role == COLUMN_ITEM && len > 0)
        rule.label = mem_strndup(text, len);
    map->rules[index] = rule;
    return 0;
}

int columns_load(const char *path, const reader_options *options, column_map **out,
                 cb_error *err)
{
    static const char *const columns[3] = {"header", "role", "label"};
    column_map *map = mem_calloc(1, sizeof *map);
    map->headers = keyset_new();
    if (mapfile_read(path, options, columns, 2, add_rule, map, err) != 0) {
        columns_free(map);
        *out = NULL;
        return -1;
    }
    *out = map;
    return 0;
}

const column_rule *columns_find(const column_map *map, const char *header, size_t len)
{
    if (map == NULL)
        return NULL;
    char key[256];
    schema_normalize_header(header, len, key, sizeof key);
    size_t index;
    return keyset_find(map->headers, key, strlen(key), &index) ? &map->rules[index] : NULL;
}
