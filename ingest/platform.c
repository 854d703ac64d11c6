#include "ingest/platform.h"

#include <string.h>

#include "ingest/fields.h"
#include "util/text.h"

/* The metadata each platform writes; the first name is its submission time. */
static const char *const kobo[] = {"_submission_time", "_id", "_uuid", "_validation_status",
                                   "_notes", "_status", "_submitted_by", "_tags", "_index", NULL};
static const char *const odk[] = {"SubmissionDate", "meta-instanceID", "KEY", "SubmitterID",
                                  "SubmitterName", "AttachmentsPresent", "AttachmentsExpected",
                                  "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
                                  "instanceID", NULL};
static const char *const google[] = {"Timestamp", "Email Address", "Score", NULL};
/* LimeSurvey writes codes, or full headings when asked to. */
static const char *const limesurvey[] = {"submitdate", "id", "lastpage", "startlanguage",
                                         "seed", "token", "startdate", "datestamp", "ipaddr",
                                         "refurl", "Response ID", "Last page", "Start language",
                                         "Date started", "Date last action", "IP address",
                                         "Referrer URL", NULL};
/* Columns LimeSurvey adds with participant data (a survey with tokens) or timings. */
static const char *const limesurvey_extra[] = {"interviewtime", "Total time", "firstname",
                                               "lastname", "email", "emailstatus", "optout",
                                               "First name", "Last name", "Email address",
                                               NULL};
/* Columns of an XLSForm's meta questions (KoboToolbox and ODK forms share the format), there
 * when the form asks for them. */
static const char *const xlsform_meta_questions[] = {"start", "end", "today", "deviceid",
                                                  "username", "simserial", "subscriberid",
                                                  "phonenumber", "audit", "__version__", NULL};

static const char *const *metadata_of(platform_id p)
{
    switch (p) {
    case PLATFORM_KOBO: return kobo;
    case PLATFORM_ODK: return odk;
    case PLATFORM_GOOGLE: return google;
    case PLATFORM_LIMESURVEY: return limesurvey;
    default: return NULL;
    }
}

static bool in_list(const char *const *names, const char *text, size_t len)
{
    for (size_t i = 0; names && names[i]; i++)
        if (field_equals(text, len, names[i]))
            return true;
    return false;
}

const char *platform_name(platform_id p)
{
    static const char *const names[] = {"", "KoboToolbox", "ODK Central", "Google Forms",
                                        "LimeSurvey"};
    return p <= PLATFORM_LIMESURVEY ? names[p] : "";
}

platform_id platform_detect(const char *const *headers, size_t n)
{
    platform_id best = PLATFORM_NONE;
    size_t best_count = 1; /* one column alone could be a question of that name */
    for (platform_id p = PLATFORM_KOBO; p <= PLATFORM_LIMESURVEY; p++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += in_list(metadata_of(p), headers[i], strlen(headers[i]));
        if (count > best_count) {
            best = p;
            best_count = count;
        }
    }
    /* Google Forms always starts with the time of the response. */
    if (best == PLATFORM_NONE && n > 0 && field_equals(headers[0], strlen(headers[0]), "Timestamp"))
        best = PLATFORM_GOOGLE;
    return best;
}

static bool has_prefix(const char *text, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len > n && field_equals(text, n, prefix);
}

/* LimeSurvey's timing columns in code form: "groupTime12", "Q1Time" (a code, no spaces,
 * starting with "groupTime" or ending in "Time", with that capital T). */
static bool is_timing_code(const char *header, size_t len)
{
    bool group = len > 9 && memcmp(header, "groupTime", 9) == 0;
    if (!group && (len <= 4 || memcmp(header + len - 4, "Time", 4) != 0))
        return false;
    for (size_t i = 0; i < len; i++)
        if (header[i] == ' ')
            return false;
    return true;
}

bool platform_is_metadata(platform_id p, const char *header, size_t len)
{
    field_trim(&header, &len);
    if (in_list(metadata_of(p), header, len))
        return true;
    if (p == PLATFORM_KOBO)
        return (len > 0 && header[0] == '_') || has_prefix(header, len, "meta/") ||
               has_prefix(header, len, "formhub/") || in_list(xlsform_meta_questions, header, len);
    if (p == PLATFORM_ODK)
        return has_prefix(header, len, "meta-") || in_list(xlsform_meta_questions, header, len);
    if (p == PLATFORM_LIMESURVEY)
        return in_list(limesurvey_extra, header, len) || has_prefix(header, len, "attribute_") ||
               has_prefix(header, len, "Group time:") || has_prefix(header, len, "Question time:") ||
               is_timing_code(header, len);
    return false;
}

bool platform_is_timestamp(platform_id p, const char *header, size_t len)
{
    field_trim(&header, &len);
    const char *const *names = metadata_of(p);
    return (names && field_equals(header, len, names[0])) ||
           (p == PLATFORM_LIMESURVEY && field_equals(header, len, "Date submitted"));
}

bool platform_keeps_incomplete(platform_id p)
{
    return p == PLATFORM_LIMESURVEY;
}

/* Length of the emoji or pictograph that starts at s, 0 when s starts with something else:
 * symbols U+2190-U+2BFF, U+1F000-U+1FAFF, and the joiners and selectors that go with them. */
static size_t emoji_at(const unsigned char *s, size_t len)
{
    if (len >= 3 && s[0] == 0xE2 && s[1] >= 0x86 && s[1] <= 0xAF)
        return 3;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xB8 && s[2] == 0x8F)   /* U+FE0F */
        return 3;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x8D)   /* U+200D */
        return 3;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x83 && s[2] == 0xA3)   /* U+20E3 */
        return 3;
    if (len >= 4 && s[0] == 0xF0 && s[1] == 0x9F && s[2] >= 0x80 && s[2] <= 0xAB)
        return 4;
    return 0;
}

/* Length of the emoji ending at s + len, 0 when none does. */
static size_t emoji_before(const unsigned char *s, size_t len)
{
    for (size_t n = 3; n <= 4 && n <= len; n++)
        if (emoji_at(s + len - n, n) == n)
            return n;
    return 0;
}

static bool is_edge_filler(char c)
{
    return c == ' ' || c == '\t' || c == ',' || c == ':';
}

size_t platform_item_label(platform_id p, const char *header, size_t len, char *out, size_t cap)
{
    field_trim(&header, &len);
    char group = p == PLATFORM_KOBO ? '/' : p == PLATFORM_ODK ? '-' : 0;
    for (size_t i = len; group && i > 1; i--)
        if (header[i - 1] == group) {
            header += i;
            len -= i;
            break;
        }
    if ((p == PLATFORM_GOOGLE || p == PLATFORM_LIMESURVEY) && len > 2 && header[len - 1] == ']') {
        const char *open = NULL;
        for (size_t i = len - 1; i > 0 && open == NULL; i--)
            if (header[i - 1] == '[')
                open = header + i - 1;
        if (open != NULL && open > header && open[-1] == ' ' && open + 2 < header + len) {
            len = (size_t)(header + len - 1 - (open + 1));
            header = open + 1;
        }
    }
    const unsigned char *s = (const unsigned char *)header;
    for (size_t n; len > 0; s += n, len -= n)
        if ((n = is_edge_filler((char)*s) ? 1 : emoji_at(s, len)) == 0)
            break;
    for (size_t n; len > 0; len -= n)
        if ((n = is_edge_filler((char)s[len - 1]) ? 1 : emoji_before(s, len)) == 0)
            break;
    size_t n = utf8_cut((const char *)s, len, cap - 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return n;
}

bool platform_is_hashtag_row(const csv_field *fields, size_t n)
{
    size_t tags = 0;
    for (size_t i = 0; i < n; i++) {
        const char *text = fields[i].text;
        size_t len = fields[i].len;
        field_trim(&text, &len);
        if (len == 0)
            continue;
        if (text[0] != '#' || len < 2)
            return false;
        tags++;
    }
    return tags > 0;
}
