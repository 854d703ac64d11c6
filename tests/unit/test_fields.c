/* Unit tests of the typed cell parsers (ingest/fields.h), the header and file-name rules of
 * ingest/schema.h, and the calendar arithmetic of util/date.h. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ingest/fields.h"
#include "ingest/schema.h"
#include "util/date.h"

/* Counted texts from literals; sizeof keeps an embedded NUL or a missing NUL honest. */
#define LIT(s) (s), (sizeof(s) - 1)

/* ------------------------------------------------------------------ helpers */

static void expect_integer(const char *text, long long min, long long max, long long expected)
{
    long long v = -999;
    bool ok = field_parse_integer(text, strlen(text), min, max, &v);
    cr_assert(ok, "field_parse_integer(\"%s\", %lld, %lld) refused a valid value", text, min, max);
    cr_assert_eq(v, expected, "field_parse_integer(\"%s\") = %lld, expected %lld", text, v,
                 expected);
}

static void refuse_integer(const char *text, long long min, long long max)
{
    long long v = -999;
    bool ok = field_parse_integer(text, strlen(text), min, max, &v);
    cr_assert(!ok, "field_parse_integer(\"%s\", %lld, %lld) accepted it as %lld", text, min, max,
              v);
    cr_assert_eq(v, -999, "a refused integer must leave the output alone (\"%s\")", text);
}

static void expect_boolean(const char *text, bool expected)
{
    bool v = !expected;
    cr_assert(field_parse_boolean(text, strlen(text), &v), "\"%s\" is a boolean", text);
    cr_assert_eq(v, expected, "\"%s\" parsed as %d", text, v);
}

static void refuse_boolean(const char *text)
{
    bool v = false;
    cr_assert(!field_parse_boolean(text, strlen(text), &v), "\"%s\" is not a boolean", text);
}

static void expect_date(const char *text, long expected)
{
    long days = -123456;
    cr_assert(date_parse_iso(text, strlen(text), &days), "\"%s\" is a valid date", text);
    cr_assert_eq(days, expected, "\"%s\" = day %ld, expected %ld", text, days, expected);
}

static void refuse_date(const char *text)
{
    long days = -123456;
    cr_assert(!date_parse_iso(text, strlen(text), &days), "\"%s\" must be refused (got %ld)",
              text, days);
}

static void expect_number(const char *text, double expected)
{
    double v = -1.0;
    cr_assert(field_parse_number(text, strlen(text), &v), "\"%s\" is a number", text);
    cr_assert(v == expected, "\"%s\" = %.17g, expected %.17g", text, v, expected);
}

static void refuse_number(const char *text)
{
    double v = -1.0;
    cr_assert(!field_parse_number(text, strlen(text), &v), "\"%s\" must be refused (got %g)",
              text, v);
}

static void expect_normalized(const char *header, const char *expected)
{
    char out[256];
    memset(out, 'Z', sizeof out);
    schema_normalize_header(header, strlen(header), out, sizeof out);
    cr_assert_str_eq(out, expected, "normalize(\"%s\")", header);
}

/* ------------------------------------------------------------------ integers */

Test(fields_integer, whole_numbers_in_range)
{
    expect_integer("1", 1, 5, 1);
    expect_integer("5", 1, 5, 5);
    expect_integer("3", 1, 5, 3);
    expect_integer("  4  ", 1, 5, 4);
    expect_integer("\t2\t", 1, 5, 2);
    expect_integer("0", 0, 10, 0);
    expect_integer("10", 0, 10, 10);
    expect_integer("007", 0, 10, 7);
    expect_integer("-3", -5, 5, -3);
    expect_integer("2024", 1900, 2200, 2024);
}

Test(fields_integer, out_of_range_is_refused)
{
    refuse_integer("0", 1, 5);
    refuse_integer("6", 1, 5);
    refuse_integer("7", 1, 5);
    refuse_integer("-1", 0, 5);
    refuse_integer("1899", 1900, 2200);
    refuse_integer("2201", 1900, 2200);
}

Test(fields_integer, spreadsheet_decimals)
{
    expect_integer("4.0", 1, 5, 4);
    expect_integer("4.00", 1, 5, 4);
    expect_integer("5.000", 1, 5, 5);
    refuse_integer("4.5", 1, 5);
    refuse_integer("4.05", 1, 5);
    refuse_integer("4.01", 1, 5);
    refuse_integer(".5", 0, 5);
    refuse_integer("6.0", 1, 5);
}

Test(fields_integer, signs)
{
    expect_integer("+3", 1, 5, 3);
    expect_integer("-0", 0, 5, 0);
    expect_integer("+0", 0, 5, 0);
    expect_integer("-5", -5, 5, -5);
    refuse_integer("+", 0, 5);
    refuse_integer("-", 0, 5);
    refuse_integer("+-3", -5, 5);
    refuse_integer("--3", -5, 5);
    refuse_integer("- 3", -5, 5);
}

Test(fields_integer, not_numbers)
{
    refuse_integer("", 0, 5);
    refuse_integer("   ", 0, 5);
    refuse_integer("abc", 0, 5);
    refuse_integer("3a", 0, 5);
    refuse_integer("a3", 0, 5);
    refuse_integer("3 4", 0, 100);
    refuse_integer("1e0", 0, 5);
    refuse_integer("0x3", 0, 5);
    refuse_integer("3,0", 0, 5);
    refuse_integer("99999999999999999999999", 0, 9223372036854775807LL);
    /* Only the counted bytes are read: "12" of "123". */
    long long v = 0;
    cr_assert(field_parse_integer("123", 2, 0, 100, &v));
    cr_assert_eq(v, 12);
}

Test(fields_integer, counts)
{
    long long v = -1;
    cr_assert(field_parse_count(LIT("0"), &v));
    cr_assert_eq(v, 0);
    cr_assert(field_parse_count(LIT(" 12 "), &v));
    cr_assert_eq(v, 12);
    cr_assert(field_parse_count(LIT("1000000000000"), &v));
    cr_assert_eq(v, 1000000000000LL);
    v = -7;
    cr_assert(!field_parse_count(LIT("1000000000001"), &v));
    cr_assert(!field_parse_count(LIT("-1"), &v));
    cr_assert(!field_parse_count(LIT("2.5"), &v));
    cr_assert(!field_parse_count(LIT("many"), &v));
    cr_assert(!field_parse_count(LIT(""), &v));
    cr_assert_eq(v, -7);
}

/* ------------------------------------------------------------------ booleans */

Test(fields_boolean, every_spelling_any_case)
{
    static const char *const yes[] = {"yes", "YES", "Yes", "yEs", "y", "Y", "true", "TRUE",
                                      "True", "1", " yes ", "\ty"};
    static const char *const no[] = {"no", "NO", "No", "n", "N", "false", "FALSE", "False",
                                     "0", "  no\t"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        expect_boolean(yes[i], true);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        expect_boolean(no[i], false);
}

Test(fields_boolean, other_words_are_refused)
{
    static const char *const bad[] = {"", " ", "ye", "yess", "tru", "2", "-1", "01", "oui",
                                      "on", "off", "x", "yes no", "1.0", "NA"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        refuse_boolean(bad[i]);
}

/* ------------------------------------------------------------------ dates */

Test(fields_date, iso_dates)
{
    expect_date("1970-01-01", 0);
    expect_date("1969-12-31", -1);
    expect_date("2024-07-01", 19905);
    expect_date("2026-06-30", 20634);
    expect_date("2000-03-01", 11017);
    expect_date("1900-01-01", -25567);
    expect_date("2200-12-31", 84370);
}

Test(fields_date, leap_years)
{
    expect_date("2024-02-29", 19782);
    expect_date("2000-02-29", 11016);
    refuse_date("2023-02-29");
    refuse_date("1900-02-29");
    refuse_date("2100-02-29");
    refuse_date("2024-02-30");
}

Test(fields_date, time_part_is_ignored)
{
    expect_date("2024-07-01T10:00:00Z", 19905);
    expect_date("2024-07-01T23:59:59+10:00", 19905);
    expect_date("2024-07-01 10:00", 19905);
}

/* date.h: "YYYY-MM-DD, optionally followed by 'T' or ' ' and a time that is ignored". Text that
 * is not a time (a range, a remark) must not be read as the first date of it. */
Test(fields_date, trailing_text_that_is_not_a_time_is_refused)
{
    expect_date("2024-07-01 10:00:00", 19905);
    expect_date("2024-07-01T10:00:00.123+02:00", 19905);
    refuse_date("2024-07-01 to 2024-07-05");
    refuse_date("2024-07-01 or later");
    refuse_date("2024-07-01Tbd");
}

Test(fields_date, other_shapes_are_refused)
{
    static const char *const bad[] = {"2024-7-1",   "2024-07-1",   "2024-7-01",  "01/07/2024",
                                      "2024/07/01", "20240701",    "24-07-01",   "",
                                      "2024-13-01", "2024-00-10",  "2024-04-31", "2024-06-00",
                                      "2024-07-01x", "2024-07-01/", "July 1 2024", "0000-01-01",
                                      "2024-07-0a", "+024-07-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        refuse_date(bad[i]);
}

Test(fields_date, validity)
{
    cr_assert(date_is_valid(2024, 2, 29));
    cr_assert(!date_is_valid(2023, 2, 29));
    cr_assert(date_is_valid(2023, 12, 31));
    cr_assert(!date_is_valid(2023, 12, 32));
    cr_assert(!date_is_valid(2023, 0, 1));
    cr_assert(!date_is_valid(2023, 13, 1));
    cr_assert(!date_is_valid(2023, 6, 31));
    cr_assert(!date_is_valid(2023, 6, 0));
}

/* ------------------------------------------------------------------ util/date.h */

static int month_length(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap ? 1 : 0);
}

Test(date, known_day_numbers)
{
    cr_assert_eq(date_from_civil(1970, 1, 1), 0);
    cr_assert_eq(date_from_civil(2024, 7, 1), 19905);
    cr_assert_eq(date_from_civil(1969, 12, 31), -1);
    cr_assert_eq(date_from_civil(2000, 3, 1), 11017);
    cr_assert_eq(date_from_civil(1900, 1, 1), -25567);
    cr_assert_eq(date_from_civil(2200, 12, 31), 84370);
    int y, m, d;
    date_to_civil(19905, &y, &m, &d);
    cr_assert(y == 2024 && m == 7 && d == 1, "19905 -> %d-%d-%d", y, m, d);
    date_to_civil(0, &y, &m, &d);
    cr_assert(y == 1970 && m == 1 && d == 1, "0 -> %d-%d-%d", y, m, d);
    date_to_civil(-1, &y, &m, &d);
    cr_assert(y == 1969 && m == 12 && d == 31, "-1 -> %d-%d-%d", y, m, d);
}

/* Walks every day from 1900-01-01 to 2200-12-31 with an independent calendar and checks that
 * both conversions agree with it and with each other. */
Test(date, round_trip_1900_to_2200)
{
    long expected_days = date_from_civil(1900, 1, 1);
    cr_assert_eq(expected_days, -25567);
    long checked = 0;
    for (int year = 1900; year <= 2200; year++) {
        for (int month = 1; month <= 12; month++) {
            for (int day = 1; day <= month_length(year, month); day++) {
                long days = date_from_civil(year, month, day);
                if (days != expected_days)
                    cr_assert_fail("date_from_civil(%d, %d, %d) = %ld, expected %ld", year, month, day,
                             days, expected_days);
                int y, m, d;
                date_to_civil(days, &y, &m, &d);
                if (y != year || m != month || d != day)
                    cr_assert_fail("date_to_civil(%ld) = %d-%d-%d, expected %d-%d-%d", days, y, m, d,
                             year, month, day);
                if (!date_is_valid(year, month, day))
                    cr_assert_fail("%d-%d-%d must be valid", year, month, day);
                expected_days++;
                checked++;
            }
        }
    }
    cr_assert_eq(expected_days, 84371);
    cr_assert_eq(checked, 84371 + 25567);
}

Test(date, format_iso)
{
    char out[16];
    date_format_iso(19905, out);
    cr_assert_str_eq(out, "2024-07-01");
    date_format_iso(0, out);
    cr_assert_str_eq(out, "1970-01-01");
    date_format_iso(19782, out);
    cr_assert_str_eq(out, "2024-02-29");
    date_format_iso(-25567, out);
    cr_assert_str_eq(out, "1900-01-01");
    long days;
    cr_assert(date_parse_iso(LIT("2199-03-01"), &days));
    date_format_iso(days, out);
    cr_assert_str_eq(out, "2199-03-01");
}

/* ------------------------------------------------------------------ numbers */

Test(fields_number, decimals_and_percent)
{
    expect_number("25%", 0.25);
    expect_number("100%", 1.0);
    expect_number("0%", 0.0);
    expect_number("12.5%", 0.125);
    expect_number("3.5", 3.5);
    expect_number("-2", -2.0);
    expect_number("+4", 4.0);
    expect_number(" 12 ", 12.0);
    expect_number("1e3", 1000.0);
    expect_number("0.25", 0.25);
    expect_number("35", 35.0);
}

Test(fields_number, non_finite_and_junk_are_refused)
{
    static const char *const bad[] = {"nan", "NaN", "NAN", "inf", "INF", "-inf", "infinity",
                                      "Infinity", "1e999", "-1e999", "0x10", "", " ", "%",
                                      "1,5", "12%%", "abc", "5 kg", "1.2.3", "--1", "e5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        refuse_number(bad[i]);
}

/* ------------------------------------------------------------------ no answer, trim, equals */

Test(fields_no_answer, markers)
{
    static const char *const empty[] = {"", " ", "  ", "\t", "NA", "na", "Na", "n/a", "N/A",
                                        "N/a", "-", " - ", " NA ", "\tN/A\t", "\n", "\r\n",
                                        "\n ", "\r\t", "NA\r\n"};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++)
        cr_assert(field_is_no_answer(empty[i], strlen(empty[i])), "\"%s\" is no answer",
                  empty[i]);
    static const char *const answers[] = {"0", "N", "no", "--", "NAN", "none", "n.a.", "x",
                                          "- -", "NA NA"};
    for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++)
        cr_assert(!field_is_no_answer(answers[i], strlen(answers[i])), "\"%s\" is an answer",
                  answers[i]);
}

Test(fields_trim, spaces_and_tabs)
{
    const char *text = " \t abc \t ";
    size_t len = strlen(text);
    field_trim(&text, &len);
    cr_assert_eq(len, 3);
    cr_assert(strncmp(text, "abc", 3) == 0);
    text = "   ";
    len = 3;
    field_trim(&text, &len);
    cr_assert_eq(len, 0);
    text = "a b";
    len = 3;
    field_trim(&text, &len);
    cr_assert_eq(len, 3);
}

Test(fields_equals, ascii_case_insensitive)
{
    cr_assert(field_equals(LIT("Yes"), "yes"));
    cr_assert(field_equals(LIT("N/A"), "n/a"));
    cr_assert(!field_equals(LIT("yes"), "ye"));
    cr_assert(!field_equals(LIT("ye"), "yes"));
    cr_assert(field_equals("yes!", 3, "YES"));
}

/* ------------------------------------------------------------------ schema names */

Test(schema_header, normalisation)
{
    expect_normalized("member_code", "member_code");
    expect_normalized("Member code", "member_code");
    expect_normalized("MEMBER CODE", "member_code");
    expect_normalized("member-code", "member_code");
    expect_normalized("  Member   Code  ", "member_code");
    expect_normalized("Member _-_ Code", "member_code");
    expect_normalized("member__code", "member_code");
    expect_normalized("_member_code_", "member_code");
    expect_normalized("\tWorkshop ID\t", "workshop_id");
    expect_normalized("Q1 Content", "q1_content");
    expect_normalized("", "");
    expect_normalized(" - ", "");
    char small[4];
    schema_normalize_header(LIT("abcdef"), small, sizeof small);
    cr_assert_str_eq(small, "abc");
}

Test(schema_header, find_column)
{
    const schema *members = schema_for_kind(KIND_MEMBERS);
    cr_assert_not_null(members);
    cr_assert_eq(schema_find_column(members, LIT("member_code")), MEMBERS_CODE);
    cr_assert_eq(schema_find_column(members, LIT("Member code")), MEMBERS_CODE);
    cr_assert_eq(schema_find_column(members, LIT(" MEMBER-CODE ")), MEMBERS_CODE);
    cr_assert_eq(schema_find_column(members, LIT("Member Name")), MEMBERS_NAME);
    cr_assert_eq(schema_find_column(members, LIT("SIE")), MEMBERS_SIE);
    cr_assert_eq(schema_find_column(members, LIT("membercode")), -1);
    cr_assert_eq(schema_find_column(members, LIT("code")), -1);
    const schema *evaluations = schema_for_kind(KIND_EVALUATIONS);
    cr_assert_eq(schema_find_column(evaluations, LIT("Workshop ID")), EVALUATIONS_WORKSHOP);
    cr_assert_eq(schema_find_column(evaluations, LIT("respondent-id")), EVALUATIONS_RESPONDENT);
    cr_assert_eq(schema_find_column(evaluations, LIT("Submitted at")), EVALUATIONS_SUBMITTED);
    cr_assert_eq(schema_find_column(evaluations, LIT("Q1 Content")), -1);
}

Test(schema_kind, from_path)
{
    input_kind kind = KIND_COUNT;
    cr_assert(schema_kind_from_path("data/Members.csv", &kind));
    cr_assert_eq(kind, KIND_MEMBERS);
    cr_assert(schema_kind_from_path("members.csv", &kind));
    cr_assert_eq(kind, KIND_MEMBERS);
    cr_assert(schema_kind_from_path("/srv/in/EVALUATIONS.CSV", &kind));
    cr_assert_eq(kind, KIND_EVALUATIONS);
    cr_assert(schema_kind_from_path("a/b/kpi_values.csv", &kind));
    cr_assert_eq(kind, KIND_KPI_VALUES);
    cr_assert(schema_kind_from_path("KPI-Values.csv", &kind));
    cr_assert_eq(kind, KIND_KPI_VALUES);
    cr_assert(schema_kind_from_path("kpis.csv", &kind));
    cr_assert_eq(kind, KIND_KPIS);
    cr_assert(schema_kind_from_path("x/status.csv", &kind));
    cr_assert_eq(kind, KIND_STATUS);
    cr_assert(schema_kind_from_path("needs.csv", &kind));
    cr_assert_eq(kind, KIND_NEEDS);
    cr_assert(schema_kind_from_path("workshops.csv", &kind));
    cr_assert_eq(kind, KIND_WORKSHOPS);
    cr_assert(schema_kind_from_path("delegations.csv", &kind));
    cr_assert_eq(kind, KIND_DELEGATIONS);
    cr_assert(schema_kind_from_path("activities.csv", &kind));
    cr_assert_eq(kind, KIND_ACTIVITIES);

    kind = KIND_COUNT;
    cr_assert(!schema_kind_from_path("x.csv", &kind));
    cr_assert(!schema_kind_from_path("members.txt", &kind));
    cr_assert(!schema_kind_from_path("members.csv.bak", &kind));
    cr_assert(!schema_kind_from_path(".csv", &kind));
    cr_assert(!schema_kind_from_path("members", &kind));
    cr_assert(!schema_kind_from_path("members/x.csv", &kind));
    cr_assert(!schema_kind_from_path("", &kind));
    cr_assert_eq(kind, KIND_COUNT, "a failed recognition must leave the kind alone");
}

Test(schema_kind, from_name)
{
    input_kind kind = KIND_COUNT;
    cr_assert(schema_kind_from_name("members", &kind));
    cr_assert_eq(kind, KIND_MEMBERS);
    cr_assert(schema_kind_from_name("kpi_values", &kind));
    cr_assert_eq(kind, KIND_KPI_VALUES);
    cr_assert(!schema_kind_from_name("member", &kind));
    cr_assert_eq(kind, KIND_KPI_VALUES);
}

Test(schema_kind, tables_are_consistent)
{
    for (int k = 0; k < KIND_COUNT; k++) {
        const schema *s = schema_for_kind((input_kind)k);
        cr_assert_not_null(s);
        cr_assert_eq(s->kind, (input_kind)k);
        char expected_file[64];
        snprintf(expected_file, sizeof expected_file, "%s.csv", s->name);
        cr_assert_str_eq(s->file_name, expected_file);
        input_kind back;
        cr_assert(schema_kind_from_path(s->file_name, &back));
        cr_assert_eq(back, (input_kind)k);
        /* every canonical name is already in normal form and finds itself */
        for (size_t c = 0; c < s->n_columns; c++) {
            char normal[256];
            schema_normalize_header(s->columns[c].name, strlen(s->columns[c].name), normal,
                                    sizeof normal);
            cr_assert_str_eq(normal, s->columns[c].name);
            cr_assert_eq(schema_find_column(s, s->columns[c].name, strlen(s->columns[c].name)),
                         (int)c);
        }
    }
    cr_assert_null(schema_for_kind(KIND_COUNT));
}
