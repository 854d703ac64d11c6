/* Reading inputs into the analyses, shared by the commands that need the same file read the
 * same way (a job and `validate` count the same rows as used and rejected). */
#ifndef CBKPI_CLI_READERS_H
#define CBKPI_CLI_READERS_H

#include "analyze/needs.h"
#include "ingest/ingest.h"

/** Reads needs.csv into a survey (*survey, NULL on failure): duplicate submissions are resolved
 *  and the superseded one recorded in the ledger. options->members must be the registry of
 *  n_members Members. Returns 0, or -1 with err set on a fatal problem. */
int read_needs(const char *path, const ingest_options *options, size_t n_members, ledger *ledger,
               needs_survey **survey, cb_error *err);

#endif
