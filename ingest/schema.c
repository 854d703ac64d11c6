#include "ingest/schema.h"

#include <ctype.h>
#include <string.h>

#include "ingest/fields.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const genders[] = {"female", "male", "other", NULL};
static const choice_alias gender_aliases[] = {{"f", GENDER_FEMALE}, {"m", GENDER_MALE},
                                              {"woman", GENDER_FEMALE}, {"man", GENDER_MALE},
                                              {NULL, 0}};
static const char *const modalities[] = {"in-person", "virtual", "hybrid", NULL};
static const choice_alias modality_aliases[] = {{"in person", 0}, {"in_person", 0},
                                                {"face-to-face", 0}, {"online", 1}, {NULL, 0}};
const char *const schema_statuses[] = {"implemented", "in_progress", "planned", "not_started",
                                       NULL};
static const choice_alias status_aliases[] = {{"in progress", STATUS_IN_PROGRESS},
                                              {"in-progress", STATUS_IN_PROGRESS},
                                              {"not started", STATUS_NOT_STARTED},
                                              {"not-started", STATUS_NOT_STARTED}, {NULL, 0}};

#define TEXT(n, req) {n, req, VT_TEXT, REJECT_ROW, 0, 0, NULL, NULL}
#define TYPED(n, req, type, scope) {n, req, type, scope, 0, 0, NULL, NULL}
#define CHOICE(n, req, scope, words, aliases) {n, req, VT_CHOICE, scope, 0, 0, words, aliases}

static const column_spec members_columns[] = {
    TEXT("member_code", true),
    TEXT("member_name", true),
    TEXT("subregion", false),
    TYPED("sie", false, VT_BOOLEAN, REJECT_CELL),
    TEXT("aliases", false),
};

static const column_spec workshops_columns[] = {
    TEXT("workshop_id", true),
    TEXT("title", false),
    TYPED("start_date", true, VT_DATE, REJECT_ROW),
    TYPED("end_date", false, VT_DATE, REJECT_CELL),
    TYPED("host_member", false, VT_MEMBER, REJECT_CELL),
    TEXT("action", false),
    CHOICE("modality", false, REJECT_CELL, modalities, modality_aliases),
    TYPED("participants_female", false, VT_COUNT, REJECT_CELL),
    TYPED("participants_male", false, VT_COUNT, REJECT_CELL),
    TYPED("participants_other", false, VT_COUNT, REJECT_CELL),
};

static const column_spec evaluations_columns[] = {
    TYPED("workshop_id", true, VT_WORKSHOP, REJECT_ROW),
    TEXT("respondent_id", false),
    TYPED("member_code", false, VT_MEMBER, REJECT_CELL),
    CHOICE("gender", false, REJECT_CELL, genders, gender_aliases),
    TYPED("submitted_at", false, VT_TIMESTAMP, REJECT_CELL),
    TEXT("comments", false),
};

static const column_spec needs_columns[] = {
    TYPED("member_code", true, VT_MEMBER, REJECT_ROW),
    {"year", true, VT_INTEGER, REJECT_ROW, 1900, 2200, NULL, NULL},
    TYPED("submitted_at", false, VT_TIMESTAMP, REJECT_CELL),
    TEXT("comments", false),
};

static const column_spec delegations_columns[] = {
    TEXT("forum", true),
    TYPED("date", true, VT_DATE, REJECT_ROW),
    TYPED("member_code", true, VT_MEMBER, REJECT_ROW),
    CHOICE("head_gender", true, REJECT_ROW, genders, gender_aliases),
};

static const column_spec activities_columns[] = {
    TEXT("activity_id", true),
    TYPED("date", true, VT_DATE, REJECT_ROW),
    TEXT("action", false),
    TEXT("type", true),
    TYPED("member_code", false, VT_MEMBER_LIST, REJECT_ROW),
    TYPED("requested", false, VT_BOOLEAN, REJECT_ROW),
    TYPED("accredited_expert", false, VT_BOOLEAN, REJECT_ROW),
    TYPED("request_met", false, VT_BOOLEAN, REJECT_ROW),
    TYPED("contributor", false, VT_MEMBER, REJECT_ROW),
    TEXT("note", false),
};

static const column_spec status_columns[] = {
    TYPED("member_code", true, VT_MEMBER, REJECT_ROW),
    TEXT("action", true),
    CHOICE("status", true, REJECT_ROW, schema_statuses, status_aliases),
    TYPED("as_of", true, VT_DATE, REJECT_ROW),
};

static const column_spec kpi_values_columns[] = {
    TEXT("kpi_id", true),
    TYPED("value", true, VT_NUMBER, REJECT_ROW),
    TYPED("as_of", true, VT_DATE, REJECT_ROW),
    TEXT("source", false),
};

static const column_spec kpis_columns[] = {
    TEXT("id", true),
    TEXT("pillar", true),
    TEXT("action", false),
    TEXT("kpi", true),
    TEXT("measure", true),
    TEXT("filter", false),
    TEXT("target", true),
    TYPED("deadline", false, VT_DATE, REJECT_ROW),
};

/* Every column of evaluations.csv that is not one of the above is a rating item; of needs.csv,
 * a topic rated 1 (low) to 5 (highest need). */
static const column_spec rating_item = TYPED("rating item", false, VT_RATING, REJECT_CELL);
static const column_spec needs_topic = {"topic", false, VT_RATING, REJECT_CELL, 1, 5, NULL, NULL};

#define SCHEMA(kind, name, columns, extra, role, k1, k2) \
    {kind, name, name ".csv", columns, COUNT_OF(columns), extra, role, {k1, k2}}

static const schema schemas[KIND_COUNT] = {
    SCHEMA(KIND_MEMBERS, "members", members_columns, NULL, NULL, MEMBERS_CODE, -1),
    SCHEMA(KIND_WORKSHOPS, "workshops", workshops_columns, NULL, NULL, WORKSHOPS_ID, -1),
    SCHEMA(KIND_EVALUATIONS, "evaluations", evaluations_columns, &rating_item, "rating item",
           EVALUATIONS_WORKSHOP, EVALUATIONS_RESPONDENT),
    SCHEMA(KIND_NEEDS, "needs", needs_columns, &needs_topic, "topic", -1, -1),
    SCHEMA(KIND_DELEGATIONS, "delegations", delegations_columns, NULL, NULL, -1, -1),
    SCHEMA(KIND_ACTIVITIES, "activities", activities_columns, NULL, NULL, ACTIVITIES_ID, -1),
    SCHEMA(KIND_STATUS, "status", status_columns, NULL, NULL, -1, -1),
    SCHEMA(KIND_KPI_VALUES, "kpi_values", kpi_values_columns, NULL, NULL, -1, -1),
    SCHEMA(KIND_KPIS, "kpis", kpis_columns, NULL, NULL, KPIS_ID, -1),
};

const schema *schema_for_kind(input_kind kind)
{
    return kind < KIND_COUNT ? &schemas[kind] : NULL;
}

void schema_normalize_header(const char *text, size_t len, char *out, size_t cap)
{
    field_trim(&text, &len);
    size_t n = 0;
    bool separator = false;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '_' || c == '-' || c == '\t') {
            separator = n > 0;
            continue;
        }
        if (separator && n + 2 < cap)
            out[n++] = '_';
        separator = false;
        out[n++] = (char)tolower(c);
    }
    out[n] = '\0';
}

int schema_find_column(const schema *s, const char *header, size_t len)
{
    char wanted[256];
    schema_normalize_header(header, len, wanted, sizeof wanted);
    for (size_t i = 0; i < s->n_columns; i++) {
        char name[256];
        schema_normalize_header(s->columns[i].name, strlen(s->columns[i].name), name, sizeof name);
        if (strcmp(name, wanted) == 0)
            return (int)i;
    }
    return -1;
}

bool schema_kind_from_name(const char *name, input_kind *kind)
{
    char wanted[64];
    schema_normalize_header(name, strlen(name), wanted, sizeof wanted);
    for (int k = 0; k < KIND_COUNT; k++) {
        char have[64];
        schema_normalize_header(schemas[k].name, strlen(schemas[k].name), have, sizeof have);
        if (strcmp(have, wanted) == 0) {
            *kind = (input_kind)k;
            return true;
        }
    }
    return false;
}

bool schema_kind_from_path(const char *path, input_kind *kind)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len < 5 || !field_equals(base + len - 4, 4, ".csv"))
        return false;
    char stem[64];
    if (len - 4 >= sizeof stem)
        return false;
    memcpy(stem, base, len - 4);
    stem[len - 4] = '\0';
    return schema_kind_from_name(stem, kind);
}
