#!/usr/bin/python3
"""Survey platform exports: the same twelve questionnaires exported by KoboToolbox, ODK Central,
Google Forms, LimeSurvey and Excel (tests/data/exports, written by make_exports.py) must give the
Workshops and Items figures of the same answers in cbkpi's own format, with no metadata column
taken for a rating item, and every row accounted for.

Usage: run_exports.py PATH/TO/cbkpi
"""
import os
import subprocess
import tempfile

import openpyxl

import harness
from harness import check

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join("tests", "data", "exports")
ITEMS = ["Content", "Trainers", "Materials", "Organisation"]
METADATA = ["start", "end", "_id", "_uuid", "_submission_time", "_validation_status", "_notes",
            "_status", "_submitted_by", "__version__", "_tags", "_index", "SubmissionDate",
            "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
            "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
            "Timestamp", "Email Address", "Score", "id", "submitdate", "lastpage",
            "startlanguage", "seed", "token", "startdate", "datestamp", "ipaddr", "refurl"]

BIN = None
WORK = tempfile.TemporaryDirectory(prefix="cbkpi-exports-")  # removed at exit


def data(name):
    return os.path.join(DATA, name)


def evaluate(evaluations, *options):
    """Evaluates a file against the fixtures' workshops and members; returns the workbook, the
    exit status and stderr."""
    tmp = tempfile.mkdtemp(dir=WORK.name)
    target = os.path.join(tmp, "evaluation.xlsx")
    args = [BIN, "evaluate", "--workshops", data("workshops.csv"), "--members",
            data("members.csv"), "--evaluations", data(evaluations), "--as-of", "2026-03-31",
            "-o", target, *options]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    harness.check_no_sanitizer_report(proc.stderr, " ".join(args))
    check(proc.returncode == 0, f"{evaluations}: exit {proc.returncode}\n{proc.stderr}")
    return openpyxl.load_workbook(target), proc.stderr


def rows(ws, first):
    """The table of a sheet from its header row (the row whose first cell is `first`)."""
    values = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(values) if r and r[0] == first)
    table = []
    for r in values[start:]:
        if r is None or r[0] is None:
            break
        table.append(r)
    return table


def rejected(wb):
    table = rows(wb["Rejected"], "File")
    headers = table[0]
    return [dict(zip(headers, r)) for r in table[1:]]


def about(wb, evaluations):
    table = rows(wb["About"], "File")
    headers = table[0]
    files = [dict(zip(headers, r)) for r in table[1:]]
    return next(f for f in files if f["File"].endswith(evaluations))


NATIVE = {}


def native(name="native.csv"):
    if name not in NATIVE:
        wb, err = evaluate(name)
        check("detected" not in err, f"{name} is cbkpi's own format, not an export: {err}")
        check(rejected(wb) == [], f"{name}: nothing is rejected: {rejected(wb)}")
        NATIVE[name] = {sheet: rows(wb[sheet], first)
                        for sheet, first in (("Workshops", "Workshop"), ("Items", "Item"))}
        check([r[0] for r in NATIVE[name]["Items"][1:]] == ITEMS, NATIVE[name]["Items"])
    return NATIVE[name]


def check_same_figures(wb, what, reference="native.csv"):
    want = native(reference)
    for sheet, first in (("Workshops", "Workshop"), ("Items", "Item")):
        got = rows(wb[sheet], first)
        check(got == want[sheet], f"{what}: {sheet} differs from {reference}:\n got {got}\nwant "
                                  f"{want[sheet]}")
    items = [r[0] for r in rows(wb["Items"], "Item")[1:]]
    for name in METADATA:
        check(name not in items, f"{what}: metadata column {name} became an item: {items}")


def check_export(evaluations, platform, *options, rejects=()):
    wb, err = evaluate(evaluations, *options)
    if platform:
        check(f"{data(evaluations)}: detected: {platform} export" in err.splitlines(),
              f"{evaluations}: the platform is named once: {err}")
        check(err.count("detected:") == 1, f"{evaluations}: said once: {err}")
    else:
        check("detected" not in err, f"{evaluations}: no platform: {err}")
    check_same_figures(wb, evaluations)
    got = [(r["Line"], r["Left out"], r["Reason"]) for r in rejected(wb)]
    check(len(got) == len(rejects) and all(line == want_line and part in reason
                                           for (line, _, reason), (want_line, part)
                                           in zip(got, rejects)),
          f"{evaluations}: rejected {got}, want {list(rejects)}")
    f = about(wb, evaluations)
    check(f["Exported by"] == (platform or None), f"{evaluations}: About says {f['Exported by']!r}")
    check(f["Rows read"] == f["Rows used"] + f["Rows rejected"], f"{evaluations}: accounting {f}")
    check(f["Rows used"] == 12 and f["Rows rejected"] == len(rejects), f"{evaluations}: {f}")
    return wb, f


def test_kobotoolbox():
    _, f = check_export("kobo.csv", "KoboToolbox")
    check(f["Hashtag rows skipped"] == 1 and f["Delimiter"] == ";", f"kobo.csv: {f}")


def test_odk_central():
    check_export("odk.csv", "ODK Central")


def test_google_forms():
    check_export("google.csv", "Google Forms", "--columns", data("google-columns.csv"))


def test_google_forms_without_the_member_column_mapping():
    """Without --columns the member question is an item of its own, rejected value by value:
    the mapping file is what settles it, and the figures show the difference."""
    wb, _ = evaluate("google.csv")
    items = [r[0] for r in rows(wb["Items"], "Item")[1:]]
    check(items == ["Which administration do you work for?", *ITEMS,
                    "Anything else you would like to tell us?"], items)


def test_limesurvey_codes_reversed_labels_and_an_incomplete_response():
    check_export("limesurvey.csv", "LimeSurvey", "--columns", data("limesurvey-columns.csv"),
                 "--labels", data("limesurvey-labels.csv"),
                 rejects=[(8, "incomplete response: submitdate is empty")])


def test_limesurvey_answer_codes_need_labels():
    wb, _ = evaluate("limesurvey.csv", "--columns", data("limesurvey-columns.csv"))
    reasons = [r["Reason"] for r in rejected(wb) if r["Value"] == "A1"]
    check(reasons and all("nor an answer label cbkpi knows" in r for r in reasons), reasons)


def test_excel_windows_1252_semicolons():
    _, f = check_export("excel-1252.csv", None, "--encoding", "windows-1252")
    check(f["Encoding"] == "windows-1252" and f["Delimiter"] == ";", f)


def test_excel_utf8_with_bom():
    check_export("excel-utf8.csv", None)


def test_workshop_given_on_the_command_line():
    wb, err = evaluate("google-WS-2025-02.csv", "--workshop-id", "WS-2025-02", "--columns",
                       data("google-columns.csv"))
    check_same_figures(wb, "google-WS-2025-02.csv", "native-WS-2025-02.csv")


def test_workshop_id_must_be_known():
    proc = subprocess.run([BIN, "evaluate", "--workshops", data("workshops.csv"), "--evaluations",
                           data("google-WS-2025-02.csv"), "--workshop-id", "WS-1999-99",
                           "-o", os.path.join(WORK.name, "e.xlsx")],
                          capture_output=True, text=True, cwd=ROOT)
    check(proc.returncode == 2 and "--workshop-id WS-1999-99 is not a workshop_id" in proc.stderr,
          f"exit {proc.returncode}: {proc.stderr}")


def test_validate_and_run_take_the_options():
    proc = subprocess.run([BIN, "validate", "--kind", "evaluations", "--columns",
                           data("limesurvey-columns.csv"), "--labels",
                           data("limesurvey-labels.csv"), data("limesurvey.csv")],
                          capture_output=True, text=True, cwd=ROOT)
    check(proc.returncode == 1 and "13 rows, 12 used, 1 rejected" in proc.stdout,
          f"exit {proc.returncode}: {proc.stdout}{proc.stderr}")
    folder = tempfile.mkdtemp(dir=WORK.name)
    for name, target in (("workshops.csv", "workshops.csv"), ("members.csv", "members.csv"),
                         ("kobo.csv", "evaluations.csv")):
        with open(os.path.join(ROOT, data(name)), "rb") as src, \
                open(os.path.join(folder, target), "wb") as dst:
            dst.write(src.read())
    out = os.path.join(folder, "out")
    proc = subprocess.run([BIN, "run", folder, "-o", out, "--as-of", "2026-03-31"],
                          capture_output=True, text=True)
    harness.check_no_sanitizer_report(proc.stderr, "cbkpi run")
    check(proc.returncode == 0 and proc.stderr.count("detected: KoboToolbox export") == 1,
          f"run: exit {proc.returncode}: {proc.stderr}")
    check_same_figures(openpyxl.load_workbook(os.path.join(out, "evaluation.xlsx")), "run of kobo.csv")


def test_needs_survey_from_google_forms():
    """A needs survey as a Google Form (Members by name or ISO code, a grid of topics answered
    "5 - Highest need") ranks the topics as the native file does."""
    books = {}
    # The form's timestamps are month first (2/3/2025); the order is said, as it must be for
    # dates that read both ways (checked below without it).
    for name, order in (("needs-native.csv", []), ("needs-google.csv", ["--date-order", "mdy"])):
        target = os.path.join(tempfile.mkdtemp(dir=WORK.name), "needs.xlsx")
        proc = subprocess.run([BIN, "needs", "--survey", data(name), "--members",
                               data("members.csv"), "--as-of", "2026-03-31", "-o", target] + order,
                              capture_output=True, text=True, cwd=ROOT)
        harness.check_no_sanitizer_report(proc.stderr, f"cbkpi needs {name}")
        check(proc.returncode == 0, f"{name}: exit {proc.returncode}\n{proc.stderr}")
        check(("detected: Google Forms export" in proc.stderr) == (name == "needs-google.csv"),
              f"{name}: {proc.stderr}")
        books[name] = openpyxl.load_workbook(target)
        check(rejected(books[name]) == [], f"{name}: {rejected(books[name])}")
    for sheet, first in (("Priorities", "Rank"), ("Coverage", "Member")):
        native_rows = rows(books["needs-native.csv"][sheet], first)
        google_rows = rows(books["needs-google.csv"][sheet], first)
        check(len(native_rows) > 1 and google_rows == native_rows,
              f"{sheet}: {google_rows} != {native_rows}")
    topics = [r[1] for r in rows(books["needs-google.csv"]["Priorities"], "Rank")[1:]]
    check(sorted(topics) == ["E-commerce", "Risk management", "Rules of origin"], topics)
    # Without --date-order a timestamp such as 2/3/2025 is two dates: refused, never guessed.
    target = os.path.join(tempfile.mkdtemp(dir=WORK.name), "needs.xlsx")
    proc = subprocess.run([BIN, "needs", "--survey", data("needs-google.csv"), "--members",
                           data("members.csv"), "--as-of", "2026-03-31", "-o", target],
                          capture_output=True, text=True, cwd=ROOT)
    check(proc.returncode == 0, f"without --date-order: exit {proc.returncode}\n{proc.stderr}")
    check("could be read day first or month first: pass --date-order dmy or mdy" in proc.stderr,
          proc.stderr)


if __name__ == "__main__":
    BIN = harness.binary_from_argv(__doc__)
    harness.run_all([test_kobotoolbox, test_odk_central, test_google_forms,
                     test_google_forms_without_the_member_column_mapping,
                     test_limesurvey_codes_reversed_labels_and_an_incomplete_response,
                     test_limesurvey_answer_codes_need_labels, test_excel_windows_1252_semicolons,
                     test_excel_utf8_with_bom, test_workshop_given_on_the_command_line,
                     test_workshop_id_must_be_known, test_validate_and_run_take_the_options,
                     test_needs_survey_from_google_forms])
