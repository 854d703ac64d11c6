#!/usr/bin/python3
"""Writes the survey-export fixtures: the same twelve questionnaires (two workshops, four items,
a few answers missing) in cbkpi's own format and as each platform exports them, following the
platforms' documented CSV layouts. Run it from anywhere; it rewrites the files next to it.

The golden test tests/golden/run_exports.py evaluates every shape and checks that the figures
are those of native.csv.
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ITEMS = ["Content", "Trainers", "Materials", "Organisation"]

# workshop, member (code, then as other files name it), gender, day, ratings (None = no answer)
ANSWERS = [
    ("WS-2025-01", "HK", "female", 14, [5, 4, 4, 5], "Very useful sessions."),
    ("WS-2025-01", "TH", "male", 14, [4, 4, 3, 4], ""),
    ("WS-2025-01", "FJ", "female", 14, [5, 5, None, 5], "More time for exercises, please."),
    ("WS-2025-01", "JP", "male", 15, [3, 4, 3, 3], ""),
    ("WS-2025-01", "HK", "female", 15, [4, None, 4, 4], "Très utile"),
    ("WS-2025-01", "TH", "", 15, [2, 3, 3, 4], ""),
    ("WS-2025-02", "FJ", "male", 20, [5, 5, 5, 5], ""),
    ("WS-2025-02", "JP", "female", 20, [4, 5, 4, None], "Excellent trainers"),
    ("WS-2025-02", "HK", "male", 20, [3, 3, 2, 3], ""),
    ("WS-2025-02", "TH", "female", 21, [4, 4, 5, 4], "Good, practical; short breaks"),
    ("WS-2025-02", "FJ", "female", 21, [1, 2, 2, 3], ""),
    ("WS-2025-02", "JP", "male", 21, [5, 4, None, 5], ""),
]
NAMES = {"HK": "Hong Kong, China", "TH": "Thailand", "FJ": "Fiji", "JP": "Japan"}
ISO3 = {"HK": "HKG", "TH": "THA", "FJ": "FJI", "JP": "JPN"}
QUALITY = {1: "Poor", 2: "Fair", 3: "Good", 4: "Very good", 5: "Excellent"}
AGREEMENT = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree",
             5: "Strongly agree"}
SATISFACTION = {1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neutral", 4: "Satisfied",
                5: "Very satisfied"}


def write(name, rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, newline="\n", encoding="utf-8"):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, quoting=quoting, lineterminator=newline).writerows(rows)
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="") as f:
        f.write(text.getvalue())


def blank(value):
    return "" if value is None else value


def native(answers=ANSWERS):
    rows = [["workshop_id", "respondent_id", "member_code", "gender", "submitted_at", *ITEMS,
             "comments"]]
    for n, (ws, member, gender, day, ratings, comment) in enumerate(answers, 1):
        month = 3 if ws == "WS-2025-01" else 6
        rows.append([ws, f"R{n:02d}", member, gender, f"2025-{month:02d}-{day:02d}",
                     *map(blank, ratings), comment])
    return rows


def kobo():
    """KoboToolbox, labels as headers: ';', every field quoted, CRLF, group paths joined with
    '/', answers as choice labels, the meta questions first and the submission metadata after
    the answers, then a row of HXL hashtags."""
    header = ["start", "end", "Introduction/Workshop ID", "Introduction/Member code",
              "Introduction/Gender", *[f"Your ratings/{item}" for item in ITEMS],
              "Comments", "_id", "_uuid", "_submission_time", "_validation_status", "_notes",
              "_status", "_submitted_by", "__version__", "_tags", "_index"]
    tags = ["#date+start", "#date+end", "#meta+workshop", "#country+code", "#gender", "#rating",
            "#rating", "#rating", "#rating", "#description", "", "", "", "", "", "", "", "", "", ""]
    rows = [header, tags]
    for n, (ws, member, gender, day, ratings, comment) in enumerate(ANSWERS, 1):
        month = 3 if ws == "WS-2025-01" else 6
        when = f"2025-{month:02d}-{day:02d}"
        rows.append([f"{when}T09:{n:02d}:10.123+08:00", f"{when}T09:{n + 5:02d}:40.456+08:00",
                     ws, ISO3[member] if n % 2 else NAMES[member], gender.capitalize(),
                     *[QUALITY.get(r, "") for r in ratings], comment, str(480000 + n),
                     f"5f1c2a3b-0000-4000-8000-{n:012d}", f"{when}T01:{n + 6:02d}:02",
                     "validation_status_approved", "", "submitted_via_web", "", "vHx7Ys2",
                     "", str(n)])
    write("kobo.csv", rows, delimiter=";", quoting=csv.QUOTE_ALL, newline="\r\n")


def odk():
    """ODK Central: SubmissionDate and meta-instanceID first, field names with group paths
    joined with '-', choice names as values, the submission metadata at the end."""
    header = ["SubmissionDate", "meta-instanceID", "intro-workshop_id", "intro-member_code",
              "intro-gender", *[f"ratings-{item}" for item in ITEMS], "comments", "KEY",
              "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected",
              "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
    rows = [header]
    for n, (ws, member, gender, day, ratings, comment) in enumerate(ANSWERS, 1):
        month = 3 if ws == "WS-2025-01" else 6
        uuid = f"uuid:0b7c3e1a-1111-4222-8333-{n:012d}"
        rows.append([f"2025-{month:02d}-{day:02d}T03:{n:02d}:44.{n:03d}Z", uuid, ws, member,
                     gender, *map(blank, ratings), comment, uuid, "27", "workshop tablet",
                     "0", "0", "", "approved" if n % 3 else "", f"collect:{n:04d}", "0",
                     "2025031401"])
    write("odk.csv", rows)


def google(answers=ANSWERS, name="google.csv", with_workshop=True):
    """Google Forms: Timestamp first (locale form with AM/PM and a zone), Email Address, the
    quiz Score, question texts as headers with trailing spaces, commas and emoji, a grid
    question as 'Question [Row]' columns."""
    header = ["Timestamp", "Email Address", "Score"]
    header += ["Workshop ID "] if with_workshop else []
    header += ["Which administration do you work for?", "Gender ",
               *[f"Please rate the workshop [{item}]" for item in ITEMS[:3]],
               "Organisation ⭐️, ", "Anything else you would like to tell us? 💬"]
    rows = [header]
    for n, (ws, member, gender, day, ratings, comment) in enumerate(answers, 1):
        month = 3 if ws == "WS-2025-01" else 6
        hour = 9 + n % 4
        stamp = f"2025/{month:02d}/{day:02d} {hour}:{n + 10:02d}:33 {'AM' if hour < 12 else 'PM'} GMT+8"
        values = [AGREEMENT.get(r, "") for r in ratings[:3]]
        last = ratings[3]
        values.append("" if last is None else f"{last} - {QUALITY[last]}")
        row = [stamp, f"participant{n}@customs.example", f"{n % 5} / 5"]
        row += [ws] if with_workshop else []
        row += [NAMES[member], gender.capitalize(), *values, comment]
        rows.append(row)
    write(name, rows)
    write("google-columns.csv", [["header", "role"],
                                 ["Which administration do you work for?", "member_code"],
                                 ["Anything else you would like to tell us?", "comments"]])


def limesurvey():
    """LimeSurvey, question and answer codes: the response metadata first, subquestions as
    'Q1[SQ001]', answer codes A1-A5 of a reversed scale (A1 = very satisfied), and one
    incomplete response with an empty submitdate."""
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "token", "startdate",
              "datestamp", "ipaddr", "refurl", "WORKSHOP", "MEMBER", "GENDER",
              *[f"Q1[SQ00{i}]" for i in range(1, 5)], "COMMENTS"]
    rows = [header]
    code = {r: f"A{6 - r}" for r in range(1, 6)}
    gender_code = {"female": "F", "male": "M", "": ""}
    for n, (ws, member, gender, day, ratings, comment) in enumerate(ANSWERS, 1):
        month = 3 if ws == "WS-2025-01" else 6
        when = f"2025-{month:02d}-{day:02d}"
        rows.append([str(n), f"{when} 10:{n:02d}:33", "3", "en", str(1234567 + n), "",
                     f"{when} 10:00:01", f"{when} 10:{n:02d}:33", "", "", ws, member,
                     gender_code[gender], *[code.get(r, "") for r in ratings], comment])
        if n == 6:
            rows.append(["99", "", "1", "en", "7654321", "", f"{when} 11:00:00",
                         f"{when} 11:02:10", "", "", ws, "TH", "M", "A1", "A1", "", "", ""])
    write("limesurvey.csv", rows)
    write("limesurvey-columns.csv", [["header", "role", "label"], ["WORKSHOP", "workshop_id", ""],
                                     ["MEMBER", "member_code", ""], ["GENDER", "gender", ""],
                                     *[[f"Q1[SQ00{i}]", "item", item]
                                       for i, item in enumerate(ITEMS, 1)],
                                     ["COMMENTS", "comments", ""]])
    write("limesurvey-labels.csv", [["label", "value"], *[[code[r], str(r)] for r in range(5, 0, -1)]])


def excel():
    """Excel: "CSV (semicolon-separated)" in windows-1252 with CRLF, and "CSV UTF-8" with a byte
    order mark, both with the native headers."""
    rows = native()
    write("excel-1252.csv", rows, delimiter=";", newline="\r\n", encoding="cp1252")
    write("excel-utf8.csv", rows, newline="\r\n", encoding="utf-8-sig")


TOPICS = ["Risk management", "Rules of origin", "E-commerce"]
# member, year, day, priorities (None = no answer)
NEEDS = [("HK", 2025, 3, [5, 3, 4]), ("TH", 2025, 4, [4, None, 5]), ("FJ", 2025, 4, [2, 4, 5]),
         ("JP", 2025, 7, [3, 3, 1])]
PRIORITY = {1: "Lowest need", 2: "Low need", 3: "Some need", 4: "High need", 5: "Highest need"}


def needs():
    """The needs survey in cbkpi's own format and as a Google Form: Members named by name or
    ISO code, a grid of topics answered "5 - Highest need"."""
    rows = [["member_code", "year", "submitted_at", *TOPICS]]
    for member, year, day, ratings in NEEDS:
        rows.append([member, str(year), f"{year}-02-{day:02d}", *map(blank, ratings)])
    write("needs-native.csv", rows)
    rows = [["Timestamp", "Email Address", "Member code", "Year",
             *[f"How much does your administration need training in each area? [{t}]"
               for t in TOPICS]]]
    for n, (member, year, day, ratings) in enumerate(NEEDS):
        rows.append([f"2/{day}/{year} 14:0{n}:00", f"focal.point{n}@customs.example",
                     NAMES[member] if n % 2 else ISO3[member], str(year),
                     *["" if r is None else f"{r} - {PRIORITY[r]}" for r in ratings]])
    write("needs-google.csv", rows)


def main():
    write("native.csv", native())
    write("members.csv", [["member_code", "member_name", "subregion", "sie", "aliases"],
                          *[[code, NAMES[code], region, sie, f"{ISO3[code]}|{code.lower()}"]
                            for code, region, sie in [("HK", "Far East", "no"),
                                                      ("TH", "South East Asia", "no"),
                                                      ("FJ", "Pacific", "yes"),
                                                      ("JP", "Far East", "no")]]])
    write("workshops.csv", [["workshop_id", "title", "start_date", "end_date", "host_member",
                             "action", "modality", "participants_female", "participants_male",
                             "participants_other"],
                            ["WS-2025-01", "Regional Workshop on Risk Management", "2025-03-10",
                             "2025-03-14", "HK", "1.a", "in-person", "9", "11", "0"],
                            ["WS-2025-02", "Virtual Workshop on Rules of Origin", "2025-06-16",
                             "2025-06-20", "JP", "1.i", "virtual", "14", "10", "1"]])
    second = [a for a in ANSWERS if a[0] == "WS-2025-02"]
    write("native-WS-2025-02.csv", native(second))
    kobo()
    odk()
    google()
    google(second, "google-WS-2025-02.csv", with_workshop=False)
    limesurvey()
    excel()
    needs()


main()
