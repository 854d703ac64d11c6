/* Unit tests of what reading survey platform exports rests on: the timestamp parser of
 * util/date.h, answer labels (ingest/labels.h), platform recognition and header labels
 * (ingest/platform.h), and the --columns map (ingest/columns.h). */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/columns.h"
#include "ingest/labels.h"
#include "ingest/platform.h"
#include "util/date.h"

/* ------------------------------------------------------------------ timestamps */

static void expect_timestamp(const char *text, bool day_first, int y, int m, int d)
{
    long days = -1;
    date_order order = day_first ? DATE_ORDER_DMY : DATE_ORDER_MDY;
    timestamp_result r = date_parse_timestamp(text, strlen(text), order, &days);
    cr_assert_eq(r, TIMESTAMP_OK, "\"%s\" (day_first %d) refused: %d", text, day_first, r);
    cr_assert_eq(days, date_from_civil(y, m, d), "\"%s\": day %ld, expected %04d-%02d-%02d",
                 text, days, y, m, d);
}

static void expect_timestamp_result(const char *text, bool day_first, timestamp_result want)
{
    long days = 12345;
    date_order order = day_first ? DATE_ORDER_DMY : DATE_ORDER_MDY;
    timestamp_result r = date_parse_timestamp(text, strlen(text), order, &days);
    cr_assert_eq(r, want, "\"%s\" (day_first %d): %d, expected %d", text, day_first, r, want);
    cr_assert_eq(days, 12345, "\"%s\": the day is left alone when refused", text);
}

Test(timestamp, iso_forms_of_kobo_odk_and_limesurvey)
{
    expect_timestamp("2025-03-14", false, 2025, 3, 14);
    expect_timestamp("2025-03-14T10:22:33", false, 2025, 3, 14);       /* Kobo _submission_time */
    expect_timestamp("2025-03-14T02:22:33.123Z", false, 2025, 3, 14);  /* ODK SubmissionDate */
    expect_timestamp("2025-03-14T10:22:33.123+08:00", true, 2025, 3, 14);
    expect_timestamp("2025-03-14 10:22:33", false, 2025, 3, 14);       /* LimeSurvey submitdate */
    expect_timestamp("  2025-03-14 10:22:33  ", false, 2025, 3, 14);
}

Test(timestamp, google_forms_locale_forms)
{
    expect_timestamp("2025/03/14 10:22:33 AM GMT+8", false, 2025, 3, 14);
    expect_timestamp("2025/03/14 10:22:33 pm GMT+08:00", true, 2025, 3, 14);
    expect_timestamp("3/14/2025 10:22:33", false, 2025, 3, 14);
    expect_timestamp("14/03/2025 10:22:33", true, 2025, 3, 14);
    expect_timestamp("14.03.2025 10:22", true, 2025, 3, 14);
    expect_timestamp("3/4/2025", false, 2025, 3, 4);
    expect_timestamp("3/4/2025", true, 2025, 4, 3);
    expect_timestamp("2/29/2024 9:05:00 AM UTC", false, 2024, 2, 29);
    expect_timestamp("12/31/2025 23:59:59 +0800", false, 2025, 12, 31);
}

Test(timestamp, the_order_not_chosen_is_named)
{
    expect_timestamp_result("14/03/2025 10:22:33", false, TIMESTAMP_OTHER_ORDER);
    expect_timestamp_result("3/14/2025", true, TIMESTAMP_OTHER_ORDER);
}

/* Nobody said the order: a value that is a date one way only is read that way; one that is a
 * different date each way is refused rather than guessed. */
Test(timestamp, unsaid_order_reads_only_what_is_certain)
{
    long days = -1;
    cr_assert_eq(date_parse_timestamp("14/03/2025 10:22", 16, DATE_ORDER_UNSAID, &days),
                 TIMESTAMP_OK);
    cr_assert_eq(days, date_from_civil(2025, 3, 14));
    cr_assert_eq(date_parse_timestamp("3/14/2025", 9, DATE_ORDER_UNSAID, &days), TIMESTAMP_OK);
    cr_assert_eq(days, date_from_civil(2025, 3, 14));
    cr_assert_eq(date_parse_timestamp("4/4/2025", 8, DATE_ORDER_UNSAID, &days), TIMESTAMP_OK);
    cr_assert_eq(days, date_from_civil(2025, 4, 4));
    cr_assert_eq(date_parse_timestamp("2025-03-04", 10, DATE_ORDER_UNSAID, &days), TIMESTAMP_OK);
    cr_assert_eq(days, date_from_civil(2025, 3, 4));
    days = 12345;
    cr_assert_eq(date_parse_timestamp("03/04/2025", 10, DATE_ORDER_UNSAID, &days),
                 TIMESTAMP_AMBIGUOUS);
    cr_assert_eq(date_parse_timestamp("13/13/2025", 10, DATE_ORDER_UNSAID, &days),
                 TIMESTAMP_INVALID);
    cr_assert_eq(days, 12345, "the day is left alone when refused");
}

Test(timestamp, refused)
{
    static const char *const bad[] = {"", "soon", "2025-02-30", "13/13/2025", "2/30/2025",
                                      "2025/03/14 25:00", "3/14/25", "3/14-2025",
                                      "2025/03/14 10:22:33 tomorrow", "3/14/2025 10:2",
                                      "3/14/2025T10:22", "2025/3/14 10:22 GMT+x", NULL};
    for (size_t i = 0; bad[i]; i++)
        expect_timestamp_result(bad[i], false, TIMESTAMP_INVALID);
}

/* ------------------------------------------------------------------ answer labels */

static void expect_label(const label_set *user, const char *text, long long want)
{
    long long value = -99;
    cr_assert(labels_value(user, text, strlen(text), true, &value), "\"%s\" is a label",
              text);
    cr_assert_eq(value, want, "\"%s\" = %lld, expected %lld", text, value, want);
}

static void refuse_label(const label_set *user, const char *text)
{
    long long value = -99;
    cr_assert(!labels_value(user, text, strlen(text), true, &value),
              "\"%s\" is no label (%lld)", text, value);
}

Test(labels, built_in_sets_in_any_case)
{
    expect_label(NULL, "Strongly disagree", 1);
    expect_label(NULL, "disagree", 2);
    expect_label(NULL, "Neutral", 3);
    expect_label(NULL, "Neither agree nor disagree", 3);
    expect_label(NULL, "AGREE", 4);
    expect_label(NULL, "  strongly_agree ", 5);
    expect_label(NULL, "Very dissatisfied", 1);
    expect_label(NULL, "Satisfied", 4);
    expect_label(NULL, "very  satisfied", 5);
    expect_label(NULL, "Poor", 1);
    expect_label(NULL, "Fair", 2);
    expect_label(NULL, "Good", 3);
    expect_label(NULL, "Very good", 4);
    expect_label(NULL, "Excellent", 5);
}

Test(labels, numbered_labels_take_the_number)
{
    expect_label(NULL, "5 - Excellent", 5);
    expect_label(NULL, "5 \xe2\x80\x93 Excellent", 5);
    expect_label(NULL, "4 \xe2\x80\x94 Very good", 4);
    expect_label(NULL, "5. Excellent", 5);
    expect_label(NULL, "3) Neutral", 3);
    expect_label(NULL, "2: not really", 2);
    expect_label(NULL, "1 = Poor", 1);
    refuse_label(NULL, "4.5");
    refuse_label(NULL, "4-5");
    refuse_label(NULL, "5 -");
    refuse_label(NULL, "5 Excellent");
}

Test(labels, unknown_labels_are_refused)
{
    refuse_label(NULL, "Superb");
    refuse_label(NULL, "Very");
    refuse_label(NULL, "Strongly");
    refuse_label(NULL, "");
}

Test(labels, a_users_set_comes_first_and_may_reverse_the_scale)
{
    label_set *set = labels_new();
    cr_assert(labels_add(set, "Excellent", 9, 1));
    cr_assert(labels_add(set, "1 - Excellent", 13, 5));
    cr_assert(labels_add(set, "A1", 2, 5));
    cr_assert(labels_add(set, "2", 1, 4));
    cr_assert(!labels_add(set, " a1 ", 4, 4), "a label given twice, by case and spaces");
    expect_label(set, "excellent", 1);
    expect_label(set, "1 - Excellent", 5);
    expect_label(set, "a1", 5);
    expect_label(set, "2", 4);
    refuse_label(set, "3");
    expect_label(set, "Very good", 4); /* built-in sets still answer the rest */
    refuse_label(set, "A2");
    labels_free(set);
}

static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/cbkpi-labels-XXXXXX");
    cr_assert_not_null(path);
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    size_t len = strlen(text);
    cr_assert_eq(write(fd, text, len), (ssize_t)len);
    cr_assert_eq(close(fd), 0);
    return path;
}

static const reader_options auto_reader = {ENCODING_AUTO, 0};

/* Loads text as a --labels file (what = 'l') or a --columns file (what = 'c'). */
static int load_text(char what, const char *text, label_set **labels, column_map **columns,
                     cb_error *err)
{
    char *path = write_temp(text);
    int rc = what == 'l' ? labels_load(path, &auto_reader, labels, err)
                         : columns_load(path, &auto_reader, columns, err);
    unlink(path);
    free(path);
    return rc;
}

Test(labels, file_of_labels)
{
    label_set *set = NULL;
    cb_error err = {0};
    int rc = load_text('l', "Label;Value\r\nTrès bien;5\r\nBien;4\r\n\r\nPassable;3\r\n", &set,
                       NULL, &err);
    cr_assert_eq(rc, 0, "%s:%ld: %s", err.file, err.line, err.message);
    expect_label(set, "très bien", 5);
    expect_label(set, "PASSABLE", 3);
    labels_free(set);
}

Test(labels, bad_files_are_fatal_with_the_line)
{
    static const char *const files[] = {"label,value\nGood,4\nGreat,lots\n",
                                        "label,value\nGood,4\ngood,5\n", "name,points\nGood,4\n",
                                        "label,value\n,4\n", ""};
    static const char *const parts[] = {"value \"lots\" of label \"Great\" is not a whole number",
                                        "label \"good\" is given twice",
                                        "must name the columns label,value",
                                        "label is missing on this line", "the file is empty"};
    static const long lines[] = {3, 3, 1, 2, 1};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        label_set *set = (label_set *)1;
        cb_error err = {0};
        int rc = load_text('l', files[i], &set, NULL, &err);
        cr_assert_eq(rc, -1, "file %zu read", i);
        cr_assert_null(set);
        cr_assert_not_null(strstr(err.message, parts[i]), "file %zu: \"%s\"", i, err.message);
        cr_assert_eq(err.line, lines[i], "file %zu: line %ld", i, err.line);
    }
}

/* ------------------------------------------------------------------ --columns */

Test(columns, roles_and_labels)
{
    column_map *map = NULL;
    cb_error err = {0};
    int rc = load_text('c', "header,role,label\nQ1[SQ001],item,Content\nMEMBER,Member code,\n"
                       "Email Address,respondent_id,\n_notes,ignore,\nPriority,topic,\n", NULL,
                       &map, &err);
    cr_assert_eq(rc, 0, "%s:%ld: %s", err.file, err.line, err.message);
    const column_rule *r = columns_find(map, "q1[sq001]", 9);
    cr_assert(r && r->role == COLUMN_ITEM && strcmp(r->label, "Content") == 0);
    r = columns_find(map, "member", 6);
    cr_assert(r && r->role == COLUMN_FIELD && strcmp(r->field, "member_code") == 0);
    r = columns_find(map, "Email address", 13);
    cr_assert(r && r->role == COLUMN_FIELD && strcmp(r->field, "respondent_id") == 0);
    r = columns_find(map, "_notes", 6);
    cr_assert(r && r->role == COLUMN_IGNORE);
    r = columns_find(map, "Priority", 8);
    cr_assert(r && r->role == COLUMN_ITEM && r->label == NULL);
    cr_assert_null(columns_find(map, "Q2", 2));
    cr_assert_null(columns_find(NULL, "Q2", 2));
    columns_free(map);
}

Test(columns, unknown_role_is_fatal)
{
    column_map *map = NULL;
    cb_error err = {0};
    int rc = load_text('c', "header,role\nQ1,rating\n", NULL, &map, &err);
    cr_assert_eq(rc, -1);
    cr_assert_eq(err.line, 2);
    cr_assert_not_null(strstr(err.message, "role \"rating\" is not item, topic, ignore"),
                       "%s", err.message);
}

/* ------------------------------------------------------------------ platforms and headers */

static platform_id detect(const char *const *headers)
{
    size_t n = 0;
    while (headers[n])
        n++;
    return platform_detect(headers, n);
}

Test(platform, recognised_from_metadata)
{
    static const char *const kobo[] = {"start", "Q1", "_id", "_uuid", "_submission_time", NULL};
    static const char *const odk[] = {"SubmissionDate", "meta-instanceID", "g-Q1", "KEY", NULL};
    static const char *const google[] = {"Timestamp", "Q1", "Q2", NULL};
    static const char *const google_quiz[] = {"Q1", "Timestamp", "Email Address", "Score", NULL};
    static const char *const lime[] = {"id", "submitdate", "lastpage", "Q1[SQ001]", NULL};
    static const char *const lime_text[] = {"Response ID", "Date submitted", "Last page",
                                            "Start language", "Q1", NULL};
    static const char *const native[] = {"workshop_id", "Q1", "Status", "id", NULL};
    static const char *const late_stamp[] = {"Q1", "Timestamp", NULL};
    cr_assert_eq(detect(kobo), PLATFORM_KOBO);
    cr_assert_eq(detect(odk), PLATFORM_ODK);
    cr_assert_eq(detect(google), PLATFORM_GOOGLE);
    cr_assert_eq(detect(google_quiz), PLATFORM_GOOGLE);
    cr_assert_eq(detect(lime), PLATFORM_LIMESURVEY);
    cr_assert_eq(detect(lime_text), PLATFORM_LIMESURVEY);
    cr_assert_eq(detect(native), PLATFORM_NONE, "one column of each is a question's name");
    cr_assert_eq(detect(late_stamp), PLATFORM_NONE);
    cr_assert_str_eq(platform_name(PLATFORM_KOBO), "KoboToolbox");
    cr_assert_str_eq(platform_name(PLATFORM_NONE), "");
}

Test(platform, metadata_and_timestamps)
{
    cr_assert(platform_is_metadata(PLATFORM_KOBO, "_validation_status", 18));
    cr_assert(platform_is_metadata(PLATFORM_KOBO, "_geolocation", 12), "any _ column of Kobo");
    cr_assert(platform_is_metadata(PLATFORM_KOBO, "meta/instanceID", 15));
    cr_assert(platform_is_metadata(PLATFORM_KOBO, "deviceid", 8));
    cr_assert(!platform_is_metadata(PLATFORM_KOBO, "Content", 7));
    cr_assert(platform_is_metadata(PLATFORM_ODK, "meta-audit", 10));
    cr_assert(platform_is_metadata(PLATFORM_ODK, "ReviewState", 11));
    cr_assert(platform_is_metadata(PLATFORM_ODK, "start", 5), "an XLSForm meta question");
    cr_assert(platform_is_metadata(PLATFORM_ODK, "deviceid", 8), "an XLSForm meta question");
    cr_assert(!platform_is_metadata(PLATFORM_ODK, "_id", 3));
    cr_assert(platform_is_metadata(PLATFORM_GOOGLE, "Email Address", 13));
    cr_assert(platform_is_metadata(PLATFORM_LIMESURVEY, "ipaddr", 6));
    /* Participant data and timings are LimeSurvey's too; a question about time is not. */
    static const char *const limesurvey_more[] = {"interviewtime", "groupTime123", "Q1Time",
                                                  "firstname", "email", "attribute_1",
                                                  "Question time: Q1", "Total time"};
    for (size_t i = 0; i < sizeof limesurvey_more / sizeof *limesurvey_more; i++)
        cr_assert(platform_is_metadata(PLATFORM_LIMESURVEY, limesurvey_more[i],
                                       strlen(limesurvey_more[i])), "%s", limesurvey_more[i]);
    cr_assert(!platform_is_metadata(PLATFORM_LIMESURVEY, "Use of time", 11));
    cr_assert(!platform_is_metadata(PLATFORM_LIMESURVEY, "Q1[SQ001]", 9));
    cr_assert(!platform_is_metadata(PLATFORM_NONE, "_id", 3));
    cr_assert(platform_is_timestamp(PLATFORM_KOBO, "_submission_time", 16));
    cr_assert(platform_is_timestamp(PLATFORM_ODK, "SubmissionDate", 14));
    cr_assert(platform_is_timestamp(PLATFORM_GOOGLE, "Timestamp ", 10));
    cr_assert(platform_is_timestamp(PLATFORM_LIMESURVEY, "submitdate", 10));
    cr_assert(platform_is_timestamp(PLATFORM_LIMESURVEY, "Date submitted", 14));
    cr_assert(!platform_is_timestamp(PLATFORM_LIMESURVEY, "startdate", 9));
    cr_assert(platform_keeps_incomplete(PLATFORM_LIMESURVEY));
    cr_assert(!platform_keeps_incomplete(PLATFORM_GOOGLE));
}

static void expect_item_label(platform_id p, const char *header, const char *want)
{
    char out[64];
    size_t n = platform_item_label(p, header, strlen(header), out, sizeof out);
    cr_assert_str_eq(out, want, "label of \"%s\"", header);
    cr_assert_eq(n, strlen(want));
}

Test(platform, item_labels)
{
    expect_item_label(PLATFORM_KOBO, "Your ratings/Content", "Content");
    expect_item_label(PLATFORM_KOBO, "a/b/workshop_id", "workshop_id");
    expect_item_label(PLATFORM_ODK, "ratings-Content", "Content");
    expect_item_label(PLATFORM_KOBO, "ratings-Content", "ratings-Content");
    expect_item_label(PLATFORM_GOOGLE, "Please rate the workshop [Content]", "Content");
    expect_item_label(PLATFORM_GOOGLE, "Rate [this] workshop [Trainers] ", "Trainers");
    expect_item_label(PLATFORM_LIMESURVEY, "Q1[SQ001]", "Q1[SQ001]");
    expect_item_label(PLATFORM_LIMESURVEY, "How good was it? [Content]", "Content");
    expect_item_label(PLATFORM_NONE, "Overall [1-5]", "Overall [1-5]");
    expect_item_label(PLATFORM_GOOGLE, "Organisation \xe2\xad\x90\xef\xb8\x8f, ", "Organisation");
    expect_item_label(PLATFORM_GOOGLE, "\xf0\x9f\x93\x9a Materials:", "Materials");
    expect_item_label(PLATFORM_GOOGLE, "Anything else? \xf0\x9f\x92\xac", "Anything else?");
    expect_item_label(PLATFORM_GOOGLE, "Caf\xc3\xa9 breaks, ", "Caf\xc3\xa9 breaks");
    expect_item_label(PLATFORM_GOOGLE, " , ", "");
    char small[6];
    platform_item_label(PLATFORM_GOOGLE, "Caf\xc3\xa9s", 6, small, sizeof small);
    cr_assert_str_eq(small, "Caf\xc3\xa9", "cut on a character boundary");
    platform_item_label(PLATFORM_GOOGLE, "Cafe\xc3\xa9", 6, small, sizeof small);
    cr_assert_str_eq(small, "Cafe", "never half a character");
}

Test(platform, hashtag_rows)
{
    csv_field tags[3] = {{"#meta+id", 8, 2, 1}, {"", 0, 2, 10}, {" #rating", 8, 2, 11}};
    cr_assert(platform_is_hashtag_row(tags, 3));
    csv_field data[2] = {{"#meta", 5, 3, 1}, {"4", 1, 3, 7}};
    cr_assert(!platform_is_hashtag_row(data, 2));
    csv_field empty[1] = {{"", 0, 3, 1}};
    cr_assert(!platform_is_hashtag_row(empty, 1));
    csv_field hash[1] = {{"#", 1, 3, 1}};
    cr_assert(!platform_is_hashtag_row(hash, 1), "a lone # is a value");
}
