/* Every input kind of the contract as a table of columns: name, whether the header must have
 * it, its type and what a bad value costs (the cell or the whole row). The reader checks rows
 * against these tables; no input kind has hand-written parsing code of its own. */
#ifndef CBKPI_INGEST_SCHEMA_H
#define CBKPI_INGEST_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

typedef enum input_kind {
    KIND_MEMBERS,
    KIND_WORKSHOPS,
    KIND_EVALUATIONS,
    KIND_NEEDS,
    KIND_DELEGATIONS,
    KIND_ACTIVITIES,
    KIND_STATUS,
    KIND_KPI_VALUES,
    KIND_KPIS,
    KIND_COUNT
} input_kind;

typedef enum value_type {
    VT_NONE,        /* for schemas whose other columns are ignored */
    VT_TEXT,
    VT_INTEGER,     /* whole number in [min, max] */
    VT_COUNT,       /* non-negative whole number */
    VT_BOOLEAN,
    VT_DATE,
    VT_NUMBER,
    VT_CHOICE,      /* one of a list of words; the value is its index in the canonical list */
    VT_MEMBER,      /* a member code registered in members.csv */
    VT_MEMBER_LIST, /* member codes separated by spaces */
    VT_WORKSHOP,    /* a workshop_id of workshops.csv */
    VT_RATING,      /* an integer on a scale: [min, max] when given, else the run's --scale,
                       or an answer label standing for one */
    VT_TIMESTAMP,   /* a date, or a date and time as survey platforms write them */
} value_type;

typedef enum reject_scope {
    REJECT_ROW,  /* a bad value rejects the whole row */
    REJECT_CELL, /* a bad value is left out; the rest of the row counts */
} reject_scope;

/* A spelling accepted for a choice, and the canonical value it stands for. */
typedef struct choice_alias {
    const char *spelling;
    int value;
} choice_alias;

typedef struct column_spec {
    const char *name;              /* canonical header, e.g. "member_code" */
    bool required;                 /* the header must have it and no row may leave it empty */
    value_type type;
    reject_scope on_bad;
    long long min, max;            /* VT_INTEGER, and VT_RATING on a fixed scale */
    const char *const *choices;    /* VT_CHOICE: canonical words, NULL-terminated */
    const choice_alias *aliases;   /* VT_CHOICE: other accepted spellings, {NULL} ends */
} column_spec;

typedef struct schema {
    input_kind kind;
    const char *name;              /* "evaluations" */
    const char *file_name;         /* "evaluations.csv" */
    const column_spec *columns;
    size_t n_columns;
    const column_spec *extra;      /* what every other column is; NULL: they are ignored */
    const char *extra_role;        /* what another column is: "rating item", "topic" */
    int key[2];                    /* columns whose values must be unique together; -1 unused */
} schema;

/* Column indexes of each kind, in table order, for consumers of typed rows. */
enum { MEMBERS_CODE, MEMBERS_NAME, MEMBERS_SUBREGION, MEMBERS_SIE, MEMBERS_ALIASES };
enum { WORKSHOPS_ID, WORKSHOPS_TITLE, WORKSHOPS_START, WORKSHOPS_END, WORKSHOPS_HOST,
       WORKSHOPS_ACTION, WORKSHOPS_MODALITY, WORKSHOPS_FEMALE, WORKSHOPS_MALE, WORKSHOPS_OTHER };
enum { EVALUATIONS_WORKSHOP, EVALUATIONS_RESPONDENT, EVALUATIONS_MEMBER, EVALUATIONS_GENDER,
       EVALUATIONS_SUBMITTED, EVALUATIONS_COMMENTS };
enum { NEEDS_MEMBER, NEEDS_YEAR, NEEDS_SUBMITTED, NEEDS_COMMENTS };
enum { DELEGATIONS_FORUM, DELEGATIONS_DATE, DELEGATIONS_MEMBER, DELEGATIONS_HEAD_GENDER };
enum { ACTIVITIES_ID, ACTIVITIES_DATE, ACTIVITIES_ACTION, ACTIVITIES_TYPE, ACTIVITIES_MEMBERS,
       ACTIVITIES_REQUESTED, ACTIVITIES_ACCREDITED, ACTIVITIES_REQUEST_MET, ACTIVITIES_CONTRIBUTOR,
       ACTIVITIES_NOTE };
enum { STATUS_MEMBER, STATUS_ACTION, STATUS_STATUS, STATUS_AS_OF };
enum { KPI_VALUES_ID, KPI_VALUES_VALUE, KPI_VALUES_AS_OF, KPI_VALUES_SOURCE };
enum { KPIS_ID, KPIS_PILLAR, KPIS_ACTION, KPIS_KPI, KPIS_MEASURE, KPIS_FILTER, KPIS_TARGET,
       KPIS_DEADLINE };

/* Values of the shared choices. */
enum { GENDER_FEMALE, GENDER_MALE, GENDER_OTHER };
enum { STATUS_IMPLEMENTED, STATUS_IN_PROGRESS, STATUS_PLANNED, STATUS_NOT_STARTED, STATUS_COUNT };
/* The canonical status words, indexed by STATUS_*, NULL-terminated. */
extern const char *const schema_statuses[];

/** The table of an input kind. */
const schema *schema_for_kind(input_kind kind);
/** Recognises a kind from a file name ("data/Members.csv" is members); false if none. */
bool schema_kind_from_path(const char *path, input_kind *kind);
/** Recognises a kind from its name ("members"); false if none. */
bool schema_kind_from_name(const char *name, input_kind *kind);
/** Writes the comparable form of a header: trimmed, lower case, runs of space, '_' and '-'
 *  as one '_' ("Member code" and "member_code" compare equal). */
void schema_normalize_header(const char *text, size_t len, char *out, size_t cap);
/** The column of the schema a header names, or -1. */
int schema_find_column(const schema *s, const char *header, size_t len);

#endif
