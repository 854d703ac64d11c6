#!/usr/bin/python3
"""Golden tests of hostile input and faults: the bad-input corpus of tests/data/bad (one small
file per class of problem, with its exact exit status, first message and accounting), workbooks
that must hold hostile user text as plain text, and faults of the output (unwritable folder,
file-size limit, missing or folder inputs) that must fail cleanly and leave earlier workbooks
untouched.

Usage: run_bad.py PATH/TO/cbkpi
"""
import math
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

import openpyxl

import harness
from harness import check

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BAD = "tests/data/bad"  # relative to ROOT: cbkpi runs in ROOT, so messages name this path
SAMPLES = os.path.join(ROOT, "samples")

BIN = None


def run(*args, cwd=ROOT, preexec_fn=None, env=None, timeout=300):
    proc = subprocess.run([BIN, *args], capture_output=True, cwd=cwd, preexec_fn=preexec_fn,
                          env=env, timeout=timeout)
    err = proc.stderr.decode("utf-8", "replace")
    harness.check_no_sanitizer_report(err, "cbkpi " + " ".join(map(str, args)))
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), err


def first_line(text):
    return text.splitlines()[0] if text else ""


def about_files(path):
    """The per-file accounting table of the About sheet, keyed by file path."""
    about = openpyxl.load_workbook(path)["About"]
    rows = list(about.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "File")
    headers = rows[start]
    files = {}
    for r in rows[start + 1:]:
        if r[0] is None:
            break
        files[r[0]] = dict(zip(headers, r))
    return files


SUMMARY = re.compile(r"^(?P<path>.*): (?P<read>\d+) rows?, (?P<used>\d+) used, (?P<rejected>\d+) rejected"
                     r"(?:, (?P<cells>\d+) values? left out)?(?: \(\d+ blank rows? skipped\))?$")


# ---- 1. the bad-input corpus --------------------------------------------------------------------
#
# For each file of tests/data/bad: the command (FILE stands for the corpus file, OUT for a
# workbook in a temporary folder), the exact exit status, the exact first line on stderr (after
# "FILE:"), and the accounting:
#   fatal files:      stdout says the file was not checked to the end; where the message names
#                     a fix (an --encoding option), the run with that fix reads the file to the
#                     end with the given summary;
#   validate:         the summary line of stdout ("N rows, U used, R rejected[, V values left out]");
#   evaluate:         (rows read, used, rejected, values left out) of the file in the About sheet.
# Row-level runs print exactly one message per rejected row or left-out value.

NOT_UTF8 = ('invalid UTF-8 (byte 0x92): the file is not saved as UTF-8; if it comes from Excel "CSV" '
            'or another Windows program, run again with --encoding windows-1252, or save it as "CSV UTF-8"')
NUL = 'NUL byte: this is a binary file or UTF-16 without a byte order mark; save it as "CSV UTF-8"'
NO_HEADER = "the file is empty: the first line must be a header with the column names of workshops.csv"


def validate(kind):
    return ["validate", "--kind", kind, "FILE"]


EVALUATE = ["evaluate", "--workshops", "samples/workshops.csv", "--members", "samples/members.csv",
            "--as-of", "2026-03-31", "--evaluations", "FILE", "-o", "OUT"]

CORPUS = [
    # ---- fatal: the file cannot be used (exit 2) ----
    dict(file="empty_file.csv", cmd=validate("workshops"), exit=2, first="1:1: " + NO_HEADER),
    dict(file="blank_lines_only.csv", cmd=validate("workshops"), exit=2, first="1:1: " + NO_HEADER),
    dict(file="missing_required_column.csv", cmd=validate("workshops"), exit=2,
         first='1:1: missing required column "start_date"; the header has "workshop_id", "title", '
               '"end_date". Rename the column in the file (case, spaces, \'_\' and \'-\' do not matter)'),
    dict(file="duplicate_column.csv", cmd=validate("members"), exit=2,
         first='1:25: column "Member Code" appears twice (also column 1): keep one'),
    # The quote opens on line 3, column 17; the lines after it would all become one value.
    dict(file="unterminated_quote.csv", cmd=validate("evaluations"), exit=2,
         first='3:17: a quoted value opens here and is never closed: add the closing double quote ("), '
               'or the rest of the file would be read as this one value'),
    dict(file="text_after_closing_quote.csv", cmd=validate("members"), exit=2,
         first='3:16: text after the closing quote of a value: a quoted value must end right after its '
               'closing quote; double each quote inside it ("")'),
    # windows-1252 right single quote (0x92) in "Lao People's Democratic Republic".
    dict(file="invalid_utf8.csv", cmd=validate("members"), exit=2, first="2:14: " + NOT_UTF8,
         fix=(["--encoding", "windows-1252"], "2 rows, 2 used, 0 rejected"), hinted=True),
    # An .xlsx workbook renamed .csv: a zip file, NUL bytes from column 6.
    dict(file="binary_file.csv", cmd=validate("members"), exit=2, first="1:6: " + NUL),
    dict(file="utf16le_no_bom.csv", cmd=validate("members"), exit=2, first="1:2: " + NUL,
         fix=(["--encoding", "utf-16le"], "2 rows, 2 used, 0 rejected")),
    dict(file="utf16be_no_bom.csv", cmd=validate("members"), exit=2, first="1:1: " + NUL,
         fix=(["--encoding", "utf-16be"], "2 rows, 2 used, 0 rejected")),
    # Item columns follow the rule of every other column: a name given twice is fatal, naming
    # both places (two "Q1" rows in Items could not be told apart).
    dict(file="duplicate_item_column.csv", cmd=validate("evaluations"), exit=2,
         first='1:33: column "Q1" appears twice (also column 3): keep one, or give each rating '
               'item its own name'),

    # ---- row-level: the row or the value is rejected, the run goes on ----
    dict(file="unknown_workshop.csv", cmd=EVALUATE, exit=0,
         first='3:1: workshop_id "WS-2099-01" is not a workshop_id of workshops.csv; the row is left out',
         about=(3, 2, 1, 0)),
    dict(file="unknown_member.csv", cmd=EVALUATE, exit=0,
         first='3:15: member_code "XX" is not a member code of members.csv, nor a Member\'s name or alias there; '
               'this value is left out, '
               'the rest of the row counts',
         about=(2, 2, 0, 1)),
    dict(file="rating_out_of_scale.csv", cmd=validate("evaluations"), exit=1,
         first='3:15: Q1 "7" is outside the scale 1-5; this value is left out, the rest of the row counts',
         summary="3 rows, 3 used, 0 rejected, 2 values left out"),
    dict(file="rating_not_integer.csv", cmd=validate("evaluations"), exit=1,
         first='2:17: Q2 "4.5" is not a whole number on the scale 1-5; this value is left out, the rest '
               'of the row counts',
         summary="3 rows, 3 used, 0 rejected, 2 values left out"),
    dict(file="negative_participant_count.csv", cmd=validate("workshops"), exit=1,
         first='3:21: participants_female "-2" is not a whole number, 0 or more; this value is left out, '
               'the rest of the row counts',
         summary="2 rows, 2 used, 0 rejected, 1 value left out"),
    dict(file="bad_date.csv", cmd=validate("workshops"), exit=1,
         first='3:10: start_date "2024-02-30" is not a date written YYYY-MM-DD; the row is left out',
         summary="3 rows, 1 used, 2 rejected"),
    dict(file="duplicate_respondent.csv", cmd=validate("evaluations"), exit=1,
         first='4:12: workshop_id "WS-2024-01" with respondent_id "R1" already appears at line 2; the '
               'later row is left out',
         summary="3 rows, 2 used, 1 rejected"),
    # Line 3 has one value too many, line 4 one too few.
    dict(file="ragged_row.csv", cmd=validate("members"), exit=1,
         first="3:24: this row has 4 values but the header has 3 columns (a delimiter inside a value "
               "that is not enclosed in double quotes?); the row is left out",
         summary="3 rows, 1 used, 2 rejected",
         more=["4:4: this row has 2 values but the header has 3 columns (values missing, or a line "
               "break inside an unquoted value?); the row is left out"]),
    dict(file="missing_required_value.csv", cmd=validate("evaluations"), exit=1,
         first='3:1: workshop_id "" is empty, and this column is required; the row is left out',
         summary="2 rows, 1 used, 1 rejected"),
]

# Files of the corpus checked by their own tests below rather than by the table.
CORPUS_OTHERS = {"unnamed_column_with_values.csv", "control_chars_in_value.csv"}


def corpus_test(case):
    def test():
        path = f"{BAD}/{case['file']}"
        check(os.path.getsize(os.path.join(ROOT, path)) < 1024, f"{path}: corpus files stay tiny")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "evaluation.xlsx")
            args = [path if a == "FILE" else out if a == "OUT" else a for a in case["cmd"]]
            code, stdout, stderr = run(*args)
            check(code == case["exit"], f"cbkpi {' '.join(args)}: exit {code}, want {case['exit']}\n"
                                        f"stdout: {stdout}\nstderr: {stderr}")
            lines = stderr.splitlines()
            want = f"{path}:{case['first']}"
            check(first_line(stderr) == want, f"first message\n got: {first_line(stderr)!r}\nwant: {want!r}")
            for extra in case.get("more", []):
                check(f"{path}:{extra}" in lines, f"missing message {path}:{extra}\nstderr: {stderr}")

            if case["exit"] == 2:
                check(stdout.splitlines() == [f"{path}: not checked to the end (see the error above)"]
                      if args[0] == "validate" else stdout == "", f"stdout of a fatal run: {stdout!r}")
                check(not os.path.exists(out), "a fatal run writes no workbook")
                if "fix" in case:
                    options, summary = case["fix"]
                    hint = " ".join(options)
                    if case.get("hinted"):
                        check(hint in first_line(stderr), f"the message should suggest {hint}")
                    code, stdout, stderr = run(args[0], *options, *args[1:])
                    check(code == 0 and stderr == "", f"with {hint}: exit {code}\n{stderr}")
                    check(stdout.splitlines() == [f"{path}: {summary}"], f"with {hint}: {stdout!r}")
                return

            if "summary" in case:
                check(stdout.splitlines() == [f"{path}: {case['summary']}"], f"summary: {stdout!r}")
                m = SUMMARY.match(stdout.splitlines()[0])
                read, used, rejected = int(m["read"]), int(m["used"]), int(m["rejected"])
                cells = int(m["cells"] or 0)
            else:
                files = about_files(out)
                check(path in files, f"About lists {path}: {list(files)}")
                f = files[path]
                got = (f["Rows read"], f["Rows used"], f["Rows rejected"], f["Values left out"])
                check(got == case["about"], f"About accounting of {path}: {got}, want {case['about']}")
                read, used, rejected, cells = got
                check(re.fullmatch(rf"wrote {re.escape(out)}: \d+ workshops, \d+ respondents, "
                                   rf"{rejected} rejected rows, {cells} values left out\n", stdout),
                      f"stdout: {stdout!r}")
            check(read == used + rejected, f"rows read {read} != used {used} + rejected {rejected}")
            check(len(lines) == rejected + cells,
                  f"one message per rejected row or value: {len(lines)} lines for {rejected} rows and "
                  f"{cells} values\n{stderr}")
            check(all(l.startswith(f"{path}:") for l in lines), f"every message names the file:\n{stderr}")
    test.__name__ = f"test_corpus[{case['file']}]"
    return test


def test_corpus_is_listed():
    """Every file of tests/data/bad has its expectations here, and every listed file exists."""
    present = set(os.listdir(os.path.join(ROOT, BAD)))
    listed = {c["file"] for c in CORPUS} | CORPUS_OTHERS
    check(present == listed, f"not in the table: {sorted(present - listed)}; "
                             f"listed but missing: {sorted(listed - present)}")
    for name in present:
        check(os.path.getsize(os.path.join(ROOT, BAD, name)) < 1024, f"{name} should stay tiny")


def test_unnamed_column_with_values():
    """A rating under a header cell left empty must not vanish silently: it is either reported
    (a rejected value, exit 1) or the file is refused (exit 2), with the file named on stderr."""
    path = f"{BAD}/unnamed_column_with_values.csv"
    code, out, err = run("validate", "--kind", "evaluations", path)
    check(code in (1, 2) and err.startswith(f"{path}:"),
          f"the rating 1 in the unnamed 4th column vanished silently: exit {code}, stderr {err!r}, "
          f"stdout {out!r}")


def test_control_characters_in_diagnostics():
    """Values are echoed in messages; a line break or terminal escape inside a value must not
    forge a message line or reach the terminal raw. Each stderr line is one diagnostic that
    starts with the file's name, and no control character other than the line ends is printed."""
    path = f"{BAD}/control_chars_in_value.csv"
    code, out, err = run("validate", "--kind", "evaluations", path)
    check(code == 1, f"exit {code}\n{err}")
    check(out.splitlines() == [f"{path}: 2 rows, 2 used, 0 rejected, 2 values left out"], out)
    lines = err.splitlines()
    check(len(lines) == 2 and lines[0].startswith(f"{path}:2:15: Q1 ")
          and lines[1].startswith(f"{path}:4:15: Q1 "),
          f"want two messages, at 2:15 and 4:15, each on one line; got:\n{err!r}")
    bad = sorted({hex(ord(c)) for c in err if ord(c) < 0x20 and c != "\n" or ord(c) == 0x7f})
    check(not bad, f"control characters {bad} printed raw on stderr:\n{err!r}")


def test_generated_huge_field_and_columns():
    """A 100 MB value with no line break (generated in a temporary folder, never committed) is
    refused after its first MiB, in bounded memory; so is a row of more than 4096 columns."""
    with tempfile.TemporaryDirectory(dir="/tmp" if os.path.isdir("/tmp") else None) as tmp:
        path = os.path.join(tmp, "members.csv")
        with open(path, "wb") as f:
            f.write(b"member_code,member_name\nAU,")
            chunk = b"x" * (1 << 20)
            for _ in range(100):
                f.write(chunk)
        check(os.path.getsize(path) > 100 * (1 << 20), "the generated file holds 100 MB")
        # Peak memory of this one child: os.wait4 gives the child's own rusage (getrusage of
        # RUSAGE_CHILDREN would mix in the earlier runs). Under AddressSanitizer, freed blocks
        # are kept in a quarantine of up to 256 MB by design; that measures the tool, not
        # cbkpi, so it is turned off for this run (a no-op for the release build).
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), "quarantine_size_mb=0"]))
        with open(os.path.join(tmp, "out"), "w+b") as out, open(os.path.join(tmp, "err"), "w+b") as errf:
            proc = subprocess.Popen([BIN, "validate", "--kind", "members", path], stdout=out,
                                    stderr=errf, cwd=tmp, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            errf.seek(0)
            stdout, stderr = out.read().decode(), errf.read().decode("utf-8", "replace")
        harness.check_no_sanitizer_report(stderr, "cbkpi validate " + path)
        check(proc.returncode == 2, f"exit {proc.returncode}\n{stderr}")
        check(first_line(stderr) == f"{path}:2:4: a value that starts here runs on for more than 1 MiB: "
                                    "this is not a survey CSV file", stderr)
        check(stdout.splitlines() == [f"{path}: not checked to the end (see the error above)"], stdout)
        peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        check(peak_mb < 64, f"peak memory {peak_mb:.1f} MB reading a 100 MB value; want < 64 MB")
        os.remove(path)

        with open(path, "wb") as f:
            f.write(b"member_code,member_name\nAU," + b"x," * 5000 + b"\n")
        code, stdout, stderr = run("validate", "--kind", "members", path)
        check(code == 2 and first_line(stderr) == f"{path}:2:8194: more than 4096 columns in one row: "
              "this is not a survey CSV file, or its delimiter was not recognised (try --delimiter)",
              f"{code} {stderr}")


# ---- 2. safe workbooks ----------------------------------------------------------------------------

def write_bytes(folder, name, data):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def csv_bytes(rows):
    """RFC 4180 CSV of lists of str, UTF-8, LF; every value quoted, so any byte may be inside."""
    lines = [",".join('"' + str(v).replace('"', '""') + '"' for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def evaluate_texts(tmp, workshops, evaluations, members=None):
    w = write_bytes(tmp, "workshops.csv", csv_bytes(workshops))
    e = write_bytes(tmp, "evaluations.csv", csv_bytes(evaluations))
    target = os.path.join(tmp, "evaluation.xlsx")
    extra = ["--members", write_bytes(tmp, "members.csv", csv_bytes(members))] if members else []
    code, out, err = run("evaluate", "--workshops", w, "--evaluations", e, *extra, "--as-of",
                         "2026-03-31", "-o", target)
    check(code == 0, f"evaluate: exit {code}\n{err}")
    try:
        return openpyxl.load_workbook(target)
    except Exception as error:
        raise AssertionError(f"the workbook does not open: {error!r}")


def rows_of(ws):
    """The table at the top of a sheet: header row, then the rows up to the first empty one."""
    rows = list(ws.iter_rows())
    headers = [c.value for c in rows[0]]
    table = []
    for r in rows[1:]:
        if all(c.value is None for c in r):
            break
        table.append(dict(zip(headers, r)))
    return table


WORKSHOP_HEADER = ["workshop_id", "title", "start_date", "action", "participants_female",
                   "participants_male", "participants_other"]
FORMULAS = ['=HYPERLINK("http://x","y")', "=1+2", "+49 30", "-5", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def literal(cell, text, where):
    check(cell is not None and cell.data_type == "s" and cell.value == text,
          f"{where}: want the text {text!r}, got {None if cell is None else (cell.data_type, cell.value)!r}")


def test_formula_like_text_stays_text():
    with tempfile.TemporaryDirectory() as tmp:
        workshops = [WORKSHOP_HEADER] + [[f"W{i}", t, f"2024-08-{i + 1:02d}", t, "1", "1", "0"]
                                         for i, t in enumerate(FORMULAS)]
        items = ["=SUM(1)", "@Q2", "+Q3"]
        evaluations = [["workshop_id", "respondent_id", "member_code", *items, "comments"]]
        evaluations += [[f"W{i}", t, t, "4", "5", t, t] for i, t in enumerate(FORMULAS)]
        wb = evaluate_texts(tmp, workshops, evaluations, [["member_code", "member_name"], ["AU", "Australia"]])

        rows = rows_of(wb["Workshops"])
        for i, text in enumerate(FORMULAS):
            row = next(r for r in rows if r["Workshop"].value == f"W{i}")
            literal(row["Title"], text, f"Workshops W{i} Title")
            literal(row["Action"], text, f"Workshops W{i} Action")
        items_rows = rows_of(wb["Items"])
        for label in items:
            check(any(r["Item"].value == label and r["Item"].data_type == "s" for r in items_rows),
                  f"Items: no text row {label!r}: {[(r['Item'].data_type, r['Item'].value) for r in items_rows]}")
        comments = rows_of(wb["Comments"])
        for text in FORMULAS:
            check(sum(r["Comment"].value == text and r["Comment"].data_type == "s" for r in comments) == 1,
                  f"Comments: the comment {text!r} as text")
        rejected = rows_of(wb["Rejected"])
        # Each row has the formula text as member code (unknown) and as rating of "+Q3" (not a number).
        for text in FORMULAS:
            hits = [r for r in rejected if r["Value"].value == text and r["Value"].data_type == "s"]
            check(len(hits) == 2, f"Rejected: the value {text!r} twice as text, got "
                                  f"{[(r['Value'].data_type, r['Value'].value) for r in rejected]}")
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    check(cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}")
                    check(cell.hyperlink is None, f"{ws.title}!{cell.coordinate} is a hyperlink")


def test_control_characters_removed_from_cells():
    with tempfile.TemporaryDirectory() as tmp:
        workshops = [WORKSHOP_HEADER, ["W1", "T\x01it\x0ble\x1b", "2024-08-01", "1.a", "1", "1", "0"]]
        evaluations = [["workshop_id", "respondent_id", "Q\x1b1", "comments"],
                       ["W1", "R1", "4", "a\x01b\x0bc\x1bd\x02e\x1ff"],
                       ["W1", "R2", "\x1b[31m9", "line one\nline two\tend"]]
        wb = evaluate_texts(tmp, workshops, evaluations)
        row = rows_of(wb["Workshops"])[0]
        literal(row["Title"], "Title", "Workshops Title")
        check([r["Item"].value for r in rows_of(wb["Items"])] == ["Q1"], "Items label without ESC")
        comments = rows_of(wb["Comments"])
        literal(comments[0]["Comment"], "abcdef", "Comments line 2")
        literal(comments[1]["Comment"], "line one\nline two\tend", "line breaks and tabs are kept")
        rejected = rows_of(wb["Rejected"])
        check(len(rejected) == 1, f"one rejected value: {[[c.value for c in r.values()] for r in rejected]}")
        literal(rejected[0]["Value"], "[31m9", "Rejected value without ESC")
        for ws in wb:
            for r in ws.iter_rows(values_only=True):
                for v in r:
                    check(not (isinstance(v, str) and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", v)),
                          f"{ws.title}: a control character in {v!r}")


def test_xml_noncharacters_keep_workbook_valid():
    """U+FFFE and U+FFFF are valid UTF-8 but not XML 1.0 characters: written raw, the sheet XML
    is not well-formed and the workbook does not open. The cell must hold the rest of the text."""
    with tempfile.TemporaryDirectory() as tmp:
        workshops = [WORKSHOP_HEADER, ["W1", "Ti\ufffetle", "2024-08-01", "1.a", "1", "1", "0"]]
        evaluations = [["workshop_id", "respondent_id", "Q1", "comments"],
                       ["W1", "R1", "4", "a\ufffeb\uffffc"]]
        wb = evaluate_texts(tmp, workshops, evaluations)
        title = rows_of(wb["Workshops"])[0]["Title"].value
        check(title.replace("\ufffd", "") == "Title", f"Workshops Title: {title!r}")
        comment = rows_of(wb["Comments"])[0]["Comment"].value
        check(comment.replace("\ufffd", "") == "abc", f"Comment: {comment!r}")


def test_long_text_is_cut_to_cell_limit():
    with tempfile.TemporaryDirectory() as tmp:
        long_title = "T" * 40000
        texts = ["L" * 40000, "\u20ac" * 40000, "x" * 100000, "a" * 32766 + "\u00e9" + "b" * 10]
        workshops = [WORKSHOP_HEADER, ["W1", long_title, "2024-08-01", "1.a", "1", "1", "0"]]
        evaluations = [["workshop_id", "respondent_id", "Q1", "comments"]]
        evaluations += [["W1", f"R{i}", "4", t] for i, t in enumerate(texts)]
        wb = evaluate_texts(tmp, workshops, evaluations)
        title = rows_of(wb["Workshops"])[0]["Title"]
        check(title.data_type == "s" and 0 < len(title.value) <= 32767 and long_title.startswith(title.value),
              f"Workshops Title holds {len(title.value or '')} characters")
        comments = rows_of(wb["Comments"])
        check(len(comments) == len(texts), f"{len(comments)} comments, want {len(texts)}")
        for row, text in zip(comments, texts):
            value = row["Comment"].value
            check(isinstance(value, str) and len(value) == 32767 and text.startswith(value),
                  f"comment of {len(text)} characters: cell holds {len(value or '')}, want the first 32767")


def finite_or_empty(ws, numeric_from):
    """Every cell of the data rows from column `numeric_from` on that is a number is finite, and
    none holds a text standing for a missing number."""
    rows = list(ws.iter_rows(values_only=True))
    headers = rows[0]
    for r in rows[1:]:
        if all(v is None for v in r):
            break
        for header, v in list(zip(headers, r))[numeric_from:]:
            if isinstance(v, (int, float)):
                check(math.isfinite(v), f"{ws.title} {r[0]} {header}: {v!r}")
            elif isinstance(v, str):
                check(v.strip().lower() not in {"nan", "inf", "-inf", "infinity", "#num!", "#div/0!", "0/0"},
                      f"{ws.title} {r[0]} {header}: {v!r}")


def test_more_problems_than_listed():
    """35,000 questionnaires with three ratings off the scale each: 105,000 values left out, more
    than the Rejected sheet lists (100,000). The workbook is still written, the sheet lists the
    first 100,000 in file order and a note under them counts the rest."""
    with tempfile.TemporaryDirectory() as tmp:
        workshops = [WORKSHOP_HEADER, ["W1", "Title", "2024-08-01", "1.a", "1", "1", "0"]]
        evaluations = [["workshop_id", "respondent_id", "A", "B", "C", "D"]]
        evaluations += [["W1", f"R{i}", "9", "9", "9", "4"] for i in range(35000)]
        wb = evaluate_texts(tmp, workshops, evaluations)
        rows = list(wb["Rejected"].iter_rows(values_only=True))
        listed = [r for r in rows[1:] if r[0] is not None and r[1] is not None]
        check(len(listed) == 100000, f"{len(listed)} problems listed, want 100,000")
        check(listed[0][1] == 2 and listed[-1][1] == 2 + 99999 // 3,
              f"first and last listed lines {listed[0][1]}, {listed[-1][1]}")
        notes = [r[0] for r in rows[1:] if r[0] is not None and r[1] is None]
        check(notes == ["5000 more problems are counted but not listed"], f"notes: {notes}")
        workshop = rows_of(wb["Workshops"])[0]
        check(workshop["Respondents"].value == 35000, f"respondents {workshop['Respondents'].value}")


def test_numbers_finite_with_empty_groups():
    with tempfile.TemporaryDirectory() as tmp:
        workshops = [WORKSHOP_HEADER,
                     ["W1", "Same scores", "2024-08-01", "1.a", "1", "1", "0"],
                     ["W2", "One respondent", "2024-08-02", "1.a", "2", "0", "0"],
                     ["W3", "Nobody came", "2024-08-03", "1.a", "0", "0", "0"],
                     ["W4", "Nothing rated", "2024-08-04", "1.a", "", "", ""]]
        evaluations = [["workshop_id", "respondent_id", "Q1", "Q2", "Nobody", "Only NA", "comments"],
                       ["W1", "R1", "4", "4", "", "N/A", ""],
                       ["W1", "R2", "4", "4", "", "NA", ""],
                       ["W2", "R1", "5", "", "", "-", ""],
                       ["W4", "R1", "N/A", "", "", "", "no ratings at all"]]
        wb = evaluate_texts(tmp, workshops, evaluations)
        numeric = ["Respondents", "Mean", "SD", "CI low", "CI high", "Top-2-box", "Female", "Male",
                   "Other", "Female share"]
        finite_or_empty(wb["Workshops"], 4)
        finite_or_empty(wb["Items"], 1)
        rows = {r["Workshop"].value: {k: c.value for k, c in r.items()} for r in rows_of(wb["Workshops"])}
        check(set(rows) == {"W1", "W2", "W3", "W4"}, rows)
        for name in ("W3", "W4"):
            check(rows[name]["Respondents"] == 0, f"{name} has no respondents: {rows[name]}")
            for column in ("Mean", "SD", "CI low", "CI high", "Top-2-box", "Female share"):
                check(rows[name][column] is None, f"{name} {column} should be empty, not {rows[name][column]!r}")
        check(rows["W1"]["SD"] == 0 and rows["W1"]["CI low"] == 4 and rows["W1"]["CI high"] == 4, rows["W1"])
        check(rows["W2"]["SD"] is None and rows["W2"]["CI low"] is None, f"no SD or CI for n = 1: {rows['W2']}")
        for name in rows:
            for column in numeric:
                v = rows[name][column]
                check(v is None or isinstance(v, (int, float)), f"{name} {column}: {v!r} is not a number")
        items = {r["Item"].value: {k: c.value for k, c in r.items()} for r in rows_of(wb["Items"])
                 if r["Item"].value in ("Q1", "Q2", "Nobody", "Only NA")}
        for name in ("Nobody", "Only NA"):
            item = items[name]
            check(item["Responses"] == 0 and all(item[c] is None for c in ("Mean", "Median", "Top-2-box"))
                  and all(item[str(p)] == 0 for p in range(1, 6)), f"{name}: {item}")
        # A workbook of nothing at all: every figure of every sheet is finite or empty.
        for name in ("workshops.csv", "evaluations.csv"):
            os.remove(os.path.join(tmp, name))
        wb = evaluate_texts(tmp, [WORKSHOP_HEADER, ["W3", "Nobody came", "2024-08-03", "1.a", "0", "0", "0"]],
                            [["workshop_id", "respondent_id", "Q1"]])
        for ws in wb:
            for r in ws.iter_rows(values_only=True):
                for v in r:
                    check(not isinstance(v, float) or math.isfinite(v), f"{ws.title}: {v!r}")
                    check(not (isinstance(v, str) and v.strip().lower() in {"nan", "inf", "-inf"}),
                          f"{ws.title}: {v!r}")


# ---- 3. faults --------------------------------------------------------------------------------------

EVALUATE_SAMPLES = ["evaluate", "--workshops", os.path.join(SAMPLES, "workshops.csv"), "--evaluations",
                    os.path.join(SAMPLES, "evaluations.csv"), "--members", os.path.join(SAMPLES, "members.csv"),
                    "--as-of", "2026-03-31"]


def earlier_workbook(folder):
    """A good workbook written by cbkpi, as a user would have it from an earlier run."""
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, "evaluation.xlsx")
    code, out, err = run(*EVALUATE_SAMPLES, "-o", target)
    check(code == 0, f"the earlier run: exit {code}\n{err}")
    with open(target, "rb") as f:
        return target, f.read()


def untouched(folder, target, before):
    check(os.listdir(folder) == [os.path.basename(target)],
          f"no temporary file may stay behind: {os.listdir(folder)}")
    with open(target, "rb") as f:
        check(f.read() == before, "the earlier workbook must stay byte-identical")


def drop_to_nobody():
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


def test_fault_output_folder_not_writable():
    with tempfile.TemporaryDirectory() as tmp:
        if os.geteuid() != 0:
            folder = os.path.join(tmp, "out")
            target, before = earlier_workbook(folder)
            os.chmod(folder, 0o555)
            try:
                code, out, err = run(*EVALUATE_SAMPLES, "-o", target)
            finally:
                os.chmod(folder, 0o755)
            check(code == 2 and f"{target}: cannot write here: Permission denied" in err, f"{code}\n{err}")
            untouched(folder, target, before)
            return
        # As root, permission bits do not stop a write (CAP_DAC_OVERRIDE), and a read-only bind
        # mount needs privileges a test should not use. Two ways that work as root:
        # (1) a folder that cannot exist because its "parent" is a regular file (ENOTDIR);
        plain = os.path.join(tmp, "file.txt")
        with open(plain, "wb") as f:
            f.write(b"not a folder\n")
        target = os.path.join(plain, "evaluation.xlsx")
        code, out, err = run(*EVALUATE_SAMPLES, "-o", target)
        check(code == 2 and f"{target}: cannot write here: Not a directory" in err, f"{code}\n{err}")
        check(os.listdir(tmp) == ["file.txt"] and open(plain, "rb").read() == b"not a folder\n",
              f"nothing may be written: {os.listdir(tmp)}")
        # (2) a 0555 folder holding an earlier workbook, with cbkpi run as the unprivileged user
        # nobody (setuid in the child before exec); skipped where the setuid is not allowed.
        os.chmod(tmp, 0o755)
        folder = os.path.join(tmp, "out")
        target, before = earlier_workbook(folder)
        os.chmod(folder, 0o555)
        probe = subprocess.run([BIN, "--version"], capture_output=True, preexec_fn=drop_to_nobody)
        if probe.returncode != 0:
            print(f"       (cannot run cbkpi as nobody here: {probe.stderr!r}; case 2 skipped)")
            return
        code, out, err = run(*EVALUATE_SAMPLES, "-o", target, cwd="/", preexec_fn=drop_to_nobody)
        os.chmod(folder, 0o755)
        check(code == 2 and f"{target}: cannot write here: Permission denied" in err, f"{code}\n{err}")
        untouched(folder, target, before)


def test_fault_target_is_a_folder():
    """The temporary workbook is written, then cannot be renamed onto a folder: it must be
    removed, and the folder in the way left as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "evaluation.xlsx")
        os.mkdir(target)
        with open(os.path.join(target, "keep"), "wb") as f:
            f.write(b"keep")
        code, out, err = run(*EVALUATE_SAMPLES, "-o", target)
        check(code == 2 and f"{target}: could not put the workbook in place: Is a directory" in err,
              f"{code}\n{err}")
        check(os.listdir(tmp) == ["evaluation.xlsx"], f"no temporary file may stay behind: {os.listdir(tmp)}")
        check(os.listdir(target) == ["keep"], os.listdir(target))


def test_fault_file_size_limit():
    """RLIMIT_FSIZE of 20 kB (SIGXFSZ ignored, so write() fails with EFBIG) while the workbook of
    the samples is over 30 kB: the write fails mid-way."""
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "out")
        target, before = earlier_workbook(folder)
        check(len(before) > 20000, f"the samples workbook ({len(before)} bytes) must exceed the limit")
        code, out, err = run(*EVALUATE_SAMPLES, "-o", target, preexec_fn=limit)
        check(code == 2, f"exit {code}, want 2\n{err}")
        check(f"{target}: could not write the workbook" in err, f"a clear message naming the workbook:\n{err}")
        check(not out.startswith("wrote"), out)
        untouched(folder, target, before)


def test_fault_missing_input():
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "out")
        target, before = earlier_workbook(folder)
        missing = os.path.join(tmp, "no-such-file.csv")
        code, out, err = run("evaluate", "--workshops", missing, "--evaluations",
                             os.path.join(SAMPLES, "evaluations.csv"), "-o", target)
        check(code == 2 and first_line(err) == f"{missing}: cannot open: No such file or directory",
              f"{code}\n{err}")
        untouched(folder, target, before)
        code, out, err = run("validate", "--kind", "members", missing)
        check(code == 2 and first_line(err) == f"{missing}: cannot open: No such file or directory"
              and out == f"{missing}: not checked to the end (see the error above)\n", f"{code} {out}\n{err}")


def test_fault_input_is_a_folder():
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "out")
        target, before = earlier_workbook(folder)
        inputs = os.path.join(tmp, "evaluations.csv")
        os.mkdir(inputs)
        code, out, err = run("evaluate", "--workshops", os.path.join(SAMPLES, "workshops.csv"),
                             "--evaluations", inputs, "-o", target)
        check(code == 2 and first_line(err) == f"{inputs}: is a folder, not a CSV file", f"{code}\n{err}")
        untouched(folder, target, before)
        code, out, err = run("needs", "--survey", inputs, "--members", os.path.join(SAMPLES, "members.csv"),
                             "-o", target)
        check(code == 2 and f"{inputs}: is a folder, not a CSV file" in err, f"{code}\n{err}")
        untouched(folder, target, before)


TESTS = ([test_corpus_is_listed] + [corpus_test(c) for c in CORPUS] +
         [test_unnamed_column_with_values, test_control_characters_in_diagnostics,
          test_generated_huge_field_and_columns,
          test_formula_like_text_stays_text, test_control_characters_removed_from_cells,
          test_xml_noncharacters_keep_workbook_valid, test_long_text_is_cut_to_cell_limit,
          test_numbers_finite_with_empty_groups, test_more_problems_than_listed,
          test_fault_output_folder_not_writable, test_fault_target_is_a_folder, test_fault_file_size_limit,
          test_fault_missing_input, test_fault_input_is_a_folder])


def main():
    global BIN
    BIN = harness.binary_from_argv(__doc__)
    harness.run_all(TESTS)


if __name__ == "__main__":
    main()
