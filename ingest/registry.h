/* The Member registry of members.csv: the denominator of every "N/35 Members" and the key
 * that member codes of all other files are checked against. */
#ifndef CBKPI_INGEST_REGISTRY_H
#define CBKPI_INGEST_REGISTRY_H

#include <stdbool.h>

#include "ingest/ingest.h"

typedef struct member_registry {
    keyset *codes;      /* upper-case codes; a code's index is the member's index */
    char **names;
    char **subregions;  /* "" when not given */
    signed char *sie;   /* 1 yes, 0 no, -1 not given */
    keyset *name_keys;  /* upper-case member_name and aliases of every member */
    size_t *member_of_name; /* per names entry: the member, SIZE_MAX when several share it */
    size_t names_cap;
    size_t count;
    size_t cap;
} member_registry;

/** Reads members.csv at path into a registry (*out), recording its accounting in the ledger.
 *  Returns 0, or -1 with err set on a fatal problem (then *out is NULL). */
int registry_load(const char *path, const ingest_options *options, ledger *ledger,
                  member_registry **out, cb_error *err);
/** Lets options resolve members by code, name or alias through the registry. */
void registry_attach(const member_registry *registry, ingest_options *options);
/** Frees a registry; NULL is allowed. */
void registry_free(member_registry *registry);

#endif
