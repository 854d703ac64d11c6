/* --columns: a user's mapping from a source header to what the column is, for exports whose
 * headers the automatic matching does not settle (codes, other languages, renamed fields). */
#ifndef CBKPI_INGEST_COLUMNS_H
#define CBKPI_INGEST_COLUMNS_H

#include <stddef.h>

#include "ingest/reader.h"
#include "util/error.h"

typedef enum column_role {
    COLUMN_FIELD,   /* a named column of the kind: workshop_id, member_code, gender, ... */
    COLUMN_ITEM,    /* a rating item or a topic (roles "item" and "topic") */
    COLUMN_IGNORE,  /* read by nobody */
} column_role;

typedef struct column_rule {
    column_role role;
    const char *field;  /* COLUMN_FIELD: the column's name, e.g. "member_code" */
    const char *label;  /* COLUMN_ITEM: the label shown in the workbooks; NULL: the header */
} column_rule;

typedef struct column_map column_map;

/** Reads a CSV file with the columns header,role and optionally label. A role is item, topic,
 *  ignore, or a column name of evaluations.csv or needs.csv. Returns 0, or -1 with err set (an
 *  unknown role or a header given twice is fatal). */
int columns_load(const char *path, const reader_options *options, column_map **out,
                 cb_error *err);
/** Frees the map; NULL is allowed. */
void columns_free(column_map *map);
/** The rule for a source header (case, spaces, '_' and '-' do not matter), or NULL; map may be
 *  NULL. */
const column_rule *columns_find(const column_map *map, const char *header, size_t len);

#endif
