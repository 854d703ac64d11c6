/* Survey platforms recognised from the metadata columns they add to their CSV exports, and the
 * header conventions each has (group paths, grid rows). Metadata is never an answer. */
#ifndef CBKPI_INGEST_PLATFORM_H
#define CBKPI_INGEST_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/reader.h"

typedef enum platform_id {
    PLATFORM_NONE,
    PLATFORM_KOBO,
    PLATFORM_ODK,
    PLATFORM_GOOGLE,
    PLATFORM_LIMESURVEY,
} platform_id;

/** The platform whose export the header line (n trimmed headers) comes from: two or more of
 *  its metadata columns, or Google Forms' "Timestamp" as the first column. PLATFORM_NONE when
 *  no platform has enough. */
platform_id platform_detect(const char *const *headers, size_t n);
/** "KoboToolbox", "ODK Central", "Google Forms", "LimeSurvey"; "" for none. */
const char *platform_name(platform_id p);
/** True when the header is a metadata column the platform adds (never an answer). */
bool platform_is_metadata(platform_id p, const char *header, size_t len);
/** True when the header is the platform's submission time, read as submitted_at. */
bool platform_is_timestamp(platform_id p, const char *header, size_t len);
/** True when the platform keeps responses never submitted, with an empty submission time
 *  (LimeSurvey): such rows are incomplete. */
bool platform_keeps_incomplete(platform_id p);
/** Writes the label of a question header into out: the group path dropped (KoboToolbox
 *  "group/Q1", ODK "group-Q1"), a grid row "Question [Row]" reduced to "Row" (Google Forms,
 *  LimeSurvey question texts; codes such as "Q1[SQ001]" stay whole), and spaces, commas,
 *  colons and emoji at either end dropped. Returns the label's length. */
size_t platform_item_label(platform_id p, const char *header, size_t len, char *out, size_t cap);
/** True for a row of HXL hashtags under the header (KoboToolbox can add one): every
 *  non-empty value starts with '#', and there is at least one. */
bool platform_is_hashtag_row(const csv_field *fields, size_t n);

#endif
