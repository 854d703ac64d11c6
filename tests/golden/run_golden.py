#!/usr/bin/python3
"""Golden tests of whole cbkpi runs: exit status, messages with file:line:column, the
accounting, and the numbers of the produced workbooks read back with openpyxl and compared with
an independent computation from the CSV files.

Usage: run_golden.py PATH/TO/cbkpi
"""
import csv
import hashlib
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

import harness
from harness import check

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLES = os.path.join(ROOT, "samples")
TOL = 1e-9

BIN = None


def run(*args, cwd=None):
    proc = subprocess.run([BIN, *args], capture_output=True, text=True, cwd=cwd)
    harness.check_no_sanitizer_report(proc.stderr, "cbkpi " + " ".join(args))
    return proc.returncode, proc.stdout, proc.stderr


def close(a, b, what):
    if a is None or b is None:
        check(a is None and b is None, f"{what}: {a!r} != {b!r}")
        return
    check(abs(a - b) <= TOL * max(1.0, abs(b)), f"{what}: workbook {a!r} != expected {b!r}")


# ---- an independent computation of the contract's statistics --------------------------------

def t_pdf(x, df):
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    return c * (1 + x * x / df) ** (-(df + 1) / 2)


def t_cdf_upper_half(x, df, steps=4000):
    """P(0 < T < x) by composite Simpson integration of the density (x >= 0)."""
    h = x / steps
    total = t_pdf(0, df) + t_pdf(x, df)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * t_pdf(i * h, df)
    return total * h / 3


def t_quantile_975(df):
    """x with P(T < x) = 0.975, by bisection on the integrated density."""
    lo, hi = 0.0, 1.0
    while t_cdf_upper_half(hi, df) < 0.475:
        hi *= 2
    for _ in range(80):
        mid = (lo + hi) / 2
        if t_cdf_upper_half(mid, df) < 0.475:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


T_CACHE = {}


def mean_ci(values):
    n = len(values)
    if n == 0:
        return None, None, None, None
    mean = sum(values) / n
    if n < 2:
        return mean, None, None, None
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    if n - 1 not in T_CACHE:
        T_CACHE[n - 1] = t_quantile_975(n - 1)
    half = T_CACHE[n - 1] * sd / math.sqrt(n)
    return mean, sd, mean - half, mean + half


def wilson(successes, n):
    z = 1.959963984540054
    p = successes / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denom = 1 + z * z / n
    return max(0.0, (centre - spread) / denom), min(1.0, (centre + spread) / denom)


def median(sorted_values):
    n = len(sorted_values)
    if n == 0:
        return None
    mid = n // 2
    return sorted_values[mid] if n % 2 else (sorted_values[mid - 1] + sorted_values[mid]) / 2


NO_ANSWER = {"", "na", "n/a", "-"}
FIXED = {"workshop_id", "respondent_id", "member_code", "gender", "submitted_at", "comments"}


def expected_evaluation(folder, scale=(1, 5)):
    """Recomputes Workshops, Items and Summary from the CSV files, rules of the contract."""
    with open(os.path.join(folder, "workshops.csv"), newline="", encoding="utf-8") as f:
        workshops = list(csv.DictReader(f))
    with open(os.path.join(folder, "members.csv"), newline="", encoding="utf-8") as f:
        members = {row["member_code"].strip().upper() for row in csv.DictReader(f)}
    ids = {w["workshop_id"].strip() for w in workshops}
    with open(os.path.join(folder, "evaluations.csv"), newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        items = [h for h in reader.fieldnames if h.strip().lower() not in FIXED]
        rows = list(reader)
    seen = set()
    scores = {w["workshop_id"].strip(): [] for w in workshops}
    ratings_of = {w: [] for w in scores}
    item_ratings = {i: [] for i in items}
    cell = {}
    rejected_rows = 0
    for row in rows:
        wid = row["workshop_id"].strip()
        if wid not in ids:
            rejected_rows += 1
            continue
        key = (wid, row["respondent_id"].strip())
        if row["respondent_id"].strip() and key in seen:
            rejected_rows += 1
            continue
        seen.add(key)
        valid = []
        for item in items:
            text = row[item].strip()
            if text.lower() in NO_ANSWER:
                continue
            try:
                value = float(text)
            except ValueError:
                continue
            if value != int(value) or not scale[0] <= value <= scale[1]:
                continue
            valid.append(int(value))
            item_ratings[item].append(int(value))
            cell.setdefault((wid, item), []).append(int(value))
        ratings_of[wid].extend(valid)
        if valid:
            scores[wid].append(sum(valid) / len(valid))
    top = scale[1] - 1
    result = {"workshops": {}, "items": {}, "rejected_rows": rejected_rows, "rows": len(rows)}
    all_scores, female, everyone = [], 0, 0
    for w in workshops:
        wid = w["workshop_id"].strip()
        mean, sd, low, high = mean_ci(scores[wid])
        ratings = ratings_of[wid]
        counts = [int(w[k]) for k in ("participants_female", "participants_male", "participants_other")]
        female += counts[0]
        everyone += sum(counts)
        all_scores.extend(scores[wid])
        result["workshops"][wid] = {
            "Respondents": len(scores[wid]), "Mean": mean, "SD": sd, "CI low": low, "CI high": high,
            "Top-2-box": sum(r >= top for r in ratings) / len(ratings) if ratings else None,
            "Female": counts[0], "Male": counts[1], "Other": counts[2],
            "Female share": counts[0] / sum(counts) if sum(counts) else None,
            "Score status": "No data" if mean is None else ("Met" if mean >= 4 else "Below"),
        }
    for item in items:
        values = sorted(item_ratings[item])
        entry = {"Responses": len(values),
                 "Mean": sum(values) / len(values) if values else None,
                 "Median": median(values),
                 "Top-2-box": sum(v >= top for v in values) / len(values) if values else None}
        for point in range(scale[0], scale[1] + 1):
            entry[str(point)] = values.count(point)
        result["items"][item.strip()] = entry
    mean, sd, low, high = mean_ci(all_scores)
    result["programme"] = (mean, low, high, len(all_scores))
    result["female"] = (female / everyone,) + wilson(female, everyone) + (everyone,)
    result["members"] = members
    return result


# ---- reading workbooks -------------------------------------------------------------------------

def table(ws, header_row=1):
    headers = [c.value for c in ws[header_row]]
    rows = []
    for values in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in values):
            break
        rows.append(dict(zip(headers, values)))
    return headers, rows


def row_by_label(ws, label):
    for values in ws.iter_rows(values_only=True):
        if values and values[0] == label:
            return values
    raise AssertionError(f"no row labelled {label!r} in sheet {ws.title}")


# ---- the tests -----------------------------------------------------------------------------------

SAMPLE_PROBLEMS = [
    ("samples/evaluations.csv", 152, 43, "outside the scale 1-5"),
    ("samples/evaluations.csv", 348, 1, "is not a workshop_id of workshops.csv"),
    ("samples/evaluations.csv", 541, 51, "is not a whole number on the scale 1-5"),
    ("samples/evaluations.csv", 760, 12, "already appears at line 745"),
    ("samples/evaluations.csv", 888, 18, "is not a member code of members.csv"),
]


def test_validate_samples():
    code, out, err = run("validate", "samples", cwd=ROOT)
    check(code == 1, f"validate samples: exit {code}, want 1 (the samples hold deliberate problems)\n{err}")
    lines = [l for l in err.splitlines() if l and not l.startswith("samples/needs.csv")]
    check(len(lines) == len(SAMPLE_PROBLEMS), f"want {len(SAMPLE_PROBLEMS)} messages, got:\n{err}")
    needs = sorted(l for l in err.splitlines() if l.startswith("samples/needs.csv"))
    check(len(needs) == 2 and needs[0].startswith("samples/needs.csv:45: superseded: KH")
          and needs[1].startswith('samples/needs.csv:48:1: member_code "ZZ"'), needs)
    for line, (path, row, col, reason) in zip(lines, SAMPLE_PROBLEMS):
        check(line.startswith(f"{path}:{row}:{col}: ") and reason in line,
              f"message {line!r} should start {path}:{row}:{col} and say {reason!r}")
    summary = sorted(out.splitlines())
    check(summary == [
        "samples/activities.csv: 158 rows, 158 used, 0 rejected",
        "samples/delegations.csv: 562 rows, 562 used, 0 rejected",
        "samples/evaluations.csv: 979 rows, 977 used, 2 rejected, 3 values left out",
        "samples/kpi_values.csv: 6 rows, 6 used, 0 rejected",
        "samples/members.csv: 35 rows, 35 used, 0 rejected",
        "samples/needs.csv: 66 rows, 64 used, 2 rejected",
        "samples/status.csv: 763 rows, 763 used, 0 rejected",
        "samples/workshops.csv: 35 rows, 35 used, 0 rejected",
    ], f"summary lines: {summary}")


def test_validate_clean_copy():
    """The samples without their deliberate problem lines validate cleanly (exit 0)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("members.csv", "workshops.csv"):  # needs.csv has problems of its own
            shutil.copy(os.path.join(SAMPLES, name), tmp)
        bad = {row for _, row, _, _ in SAMPLE_PROBLEMS}
        with open(os.path.join(SAMPLES, "evaluations.csv"), encoding="utf-8", newline="") as f:
            kept = [l for n, l in enumerate(f.read().split("\n"), start=1) if n not in bad]
        with open(os.path.join(tmp, "evaluations.csv"), "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(kept))
        code, out, err = run("validate", tmp)
        check(code == 0, f"clean copy: exit {code}\n{err}")
        check(err == "", f"clean copy printed problems:\n{err}")
        check(f"{tmp}/evaluations.csv: 974 rows, 974 used, 0 rejected" in out, out)


def write(folder, name, text, encoding="utf-8"):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_validate_fatal_and_encodings():
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "members.csv", "member_code,name\nAU,Australia\n")
        code, out, err = run("validate", path)
        check(code == 2, f"missing column: exit {code}")
        check(f"{path}:1:1: missing required column \"member_name\"" in err, err)
        check('"member_code", "name"' in err, f"the columns found should be listed: {err}")

        path = write(tmp, "members.csv", "member_code,member_name\nFR,Fran\xe7e\nAU,\"Australia\n",
                     encoding="latin-1")
        code, out, err = run("validate", path)
        check(code == 2 and f"{path}:2:8: invalid UTF-8 (byte 0xE7)" in err and "--encoding windows-1252" in err, err)
        path = write(tmp, "members.csv", "member_code,member_name\nFR,Fran\xe7e\nAU,Australia\n",
                     encoding="cp1252")
        code, out, err = run("validate", "--encoding", "windows-1252", path)
        check(code == 0 and "2 rows, 2 used, 0 rejected" in out, f"{code} {out} {err}")

        path = write(tmp, "members.csv", "member_code,member_name\nAU,\"Australia\nNZ,New Zealand\n")
        code, out, err = run("validate", path)
        check(code == 2 and f"{path}:2:4: a quoted value opens here and is never closed" in err, err)

        path = write(tmp, "members.csv", "member_code;member_name\r\nAU;Australia\r\nNZ\r\n",
                     encoding="utf-16")
        code, out, err = run("validate", path)
        check(code == 1 and f"{path}:3:1: this row has 1 values but the header has 2 columns" in err
              and "2 rows, 1 used, 1 rejected" in out, f"{code} {out} {err}")

        code, out, err = run("validate", "--kind", "members", os.path.join(tmp, "nothing.csv"))
        check(code == 2 and "nothing.csv: cannot open: No such file or directory" in err, err)
        os.mkdir(os.path.join(tmp, "empty"))
        code, out, err = run("validate", os.path.join(tmp, "empty"))
        check(code == 2 and "no input files here" in err, f"a folder without inputs: {code} {err}")
        os.mkdir(os.path.join(tmp, "folder.csv"))
        code, out, err = run("evaluate", "--workshops", os.path.join(tmp, "folder.csv"),
                             "--evaluations", os.path.join(SAMPLES, "evaluations.csv"),
                             "-o", os.path.join(tmp, "never.xlsx"))
        check(code == 2 and "folder.csv: is a folder, not a CSV file" in err, err)
        check(not os.path.exists(os.path.join(tmp, "never.xlsx")), "nothing written on failure")
        code, out, err = run("validate", "--bogus", path)
        check(code == 2 and "unknown option --bogus" in err, err)


def test_help_and_version():
    code, out, err = run("--help")
    check(code == 0 and "validate" in out and "evaluate" in out, out)
    code, out, err = run("--version")
    check(code == 0 and out.startswith("cbkpi "), out)
    for command in ("validate", "evaluate"):
        code, out, err = run(command, "--help")
        check(code == 0 and out.startswith(f"Usage: cbkpi {command}"), out)
    code, out, err = run("nonsense")
    check(code == 2, f"unknown command: exit {code}")


def test_help_matches_man_page():
    """Every option that --help shows is documented in docs/cbkpi.1, and every command too."""
    import re
    with open(os.path.join(ROOT, "docs", "cbkpi.1"), encoding="utf-8") as f:
        man = f.read().replace("\\-", "-")
    commands = ["run", "evaluate", "needs", "scorecard", "validate"]
    code, out, err = run("--help")
    for command in commands:
        check(command in out, f"--help lists {command}")
        check(f".B {command}" in man, f"the man page documents the {command} command")
    texts = [out] + [run(command, "--help")[1] for command in commands]
    options = set()
    for text in texts:
        options.update(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b", text))
    check(len(options) > 15, f"options found in --help: {sorted(options)}")
    for option in sorted(options):
        check(option in man, f"{option} is in --help but not in docs/cbkpi.1")


def evaluate_samples(tmp, *extra):
    target = os.path.join(tmp, "evaluation.xlsx")
    code, out, err = run("evaluate", "--workshops", "samples/workshops.csv", "--evaluations",
                         "samples/evaluations.csv", "--members", "samples/members.csv",
                         "--as-of", "2026-11-28", "-o", target, *extra, cwd=ROOT)
    return code, out, err, target


def test_evaluate_samples_workbook():
    expected = expected_evaluation(SAMPLES)
    with tempfile.TemporaryDirectory() as tmp:
        code, out, err, target = evaluate_samples(tmp)
        check(code == 0, f"evaluate: exit {code}\n{err}")
        check(out.strip() == f"wrote {target}: 35 workshops, 977 respondents, 2 rejected rows, "
              "3 values left out", out)
        wb = openpyxl.load_workbook(target)
        check(wb.sheetnames == ["Summary", "Workshops", "Items", "Items by workshop", "Groups",
                                "Comments", "Rejected", "About"], wb.sheetnames)

        headers, rows = table(wb["Workshops"])
        check(headers[:14] == ["Workshop", "Title", "Start date", "Action", "Respondents", "Mean",
                               "SD", "CI low", "CI high", "Top-2-box", "Female", "Male", "Other",
                               "Female share"], headers)
        check(len(rows) == len(expected["workshops"]), "one row per workshop")
        for row in rows:
            want = expected["workshops"][row["Workshop"]]
            for column in ("Mean", "SD", "CI low", "CI high", "Top-2-box", "Female share"):
                close(row[column], want[column], f"Workshops {row['Workshop']} {column}")
            for column in ("Respondents", "Female", "Male", "Other", "Score status"):
                check(row[column] == want[column], f"Workshops {row['Workshop']} {column}: "
                      f"{row[column]!r} != {want[column]!r}")

        headers, rows = table(wb["Items"])
        check(headers == ["Item", "Responses", "Mean", "Median", "Top-2-box", "1", "2", "3", "4", "5"], headers)
        check(len(rows) == len(expected["items"]), "one row per item")
        for row in rows:
            want = expected["items"][row["Item"]]
            for column in ("Mean", "Median", "Top-2-box"):
                close(row[column], want[column], f"Items {row['Item']} {column}")
            for column in ("Responses", "1", "2", "3", "4", "5"):
                check(row[column] == want[column], f"Items {row['Item']} {column}")

        summary = wb["Summary"]
        score = row_by_label(summary, "Participants' evaluation (mean score)")
        mean, low, high, n = expected["programme"]
        close(score[1], mean, "programme score")
        close(score[2], low, "programme CI low")
        close(score[3], high, "programme CI high")
        check(score[4] == 4 and score[5] == ("Met" if mean >= 4 else "Below"), score)
        women = row_by_label(summary, "Women participation (female share)")
        share, low, high, everyone = expected["female"]
        close(women[1], share, "female share")
        close(women[2], low, "female share CI low")
        close(women[3], high, "female share CI high")
        check(women[4] == 0.25 and women[5] == ("Met" if share >= 0.25 else "Below"), women)
        check(row_by_label(summary, "Respondents")[1] == n, "respondents")

        rejected = wb["Rejected"]
        headers, rows = table(rejected)
        check(headers == ["File", "Line", "Column", "Field", "Value", "Reason", "Left out"], headers)
        got = [(r["File"], r["Line"], r["Column"]) for r in rows]
        check(got == [(p, l, c) for p, l, c, _ in SAMPLE_PROBLEMS], f"Rejected rows: {got}")
        check(sum(r["Left out"] == "row" for r in rows) == expected["rejected_rows"], "rejected rows")

        about = wb["About"]
        header_row = next(i for i, r in enumerate(about.iter_rows(values_only=True), start=1)
                          if r[0] == "File")
        _, files = table(about, header_row)
        check([f["File"] for f in files] == ["samples/members.csv", "samples/workshops.csv",
                                             "samples/evaluations.csv"], files)
        for f in files:
            check(f["Rows read"] == f["Rows used"] + f["Rows rejected"], f"accounting of {f['File']}")
            with open(os.path.join(ROOT, f["File"]), newline="", encoding="utf-8") as fh:
                check(f["Rows read"] == sum(1 for _ in csv.reader(fh)) - 1, f"rows read of {f['File']}")
            check(f["Bytes"] == os.path.getsize(os.path.join(ROOT, f["File"])), "bytes")
            with open(os.path.join(ROOT, f["File"]), "rb") as fh:
                check(f["SHA-256"] == hashlib.sha256(fh.read()).hexdigest(), f"SHA-256 of {f['File']}")
        evaluations = files[2]
        check(evaluations["Rows read"] == expected["rows"] and
              evaluations["Rows rejected"] == expected["rejected_rows"], evaluations)

        comments = wb["Comments"]
        _, rows = table(comments)
        check(any('"case studies"' in (r["Comment"] or "") for r in rows), "doubled quotes kept")
        check(any("\n" in (r["Comment"] or "") for r in rows), "line breaks kept")


def test_evaluate_strict_and_failure_keeps_old_workbook():
    with tempfile.TemporaryDirectory() as tmp:
        code, out, err, target = evaluate_samples(tmp, "--strict")
        check(code == 1 and os.path.exists(target), f"--strict with rejects: exit {code}")
        before = open(target, "rb").read()
        bad = write(tmp, "workshops.csv", "workshop_id,title\nW1,No start date column\n")
        code, out, err = run("evaluate", "--workshops", bad, "--evaluations",
                             os.path.join(SAMPLES, "evaluations.csv"), "-o", target)
        check(code == 2 and 'missing required column "start_date"' in err, err)
        check(open(target, "rb").read() == before, "a failed run must leave the old workbook")
        check(sorted(os.listdir(tmp)) == ["evaluation.xlsx", "workshops.csv"],
              f"no temporary file may stay behind: {os.listdir(tmp)}")
        code, out, err = run("evaluate", "--workshops", os.path.join(SAMPLES, "workshops.csv"),
                             "--evaluations", os.path.join(SAMPLES, "evaluations.csv"),
                             "-o", os.path.join(tmp, "no-such-folder", "x.xlsx"))
        check(code == 2 and "cannot write here" in err, err)


def test_evaluate_window_and_scale():
    """Workshops outside the plan window are left out of every figure; their rows are valid,
    so they count as used and as outside the window in About, not as rejected."""
    with tempfile.TemporaryDirectory() as tmp:
        write(tmp, "workshops.csv", "workshop_id,start_date,participants_female,participants_male\n"
                                    "A,2024-03-01,1,1\nB,2024-08-01,3,1\n")
        write(tmp, "evaluations.csv", "workshop_id,respondent_id,Q1,Q2\nA,1,7,7\nB,1,7,1\n"
                                      "B,2,6,\nB,3,N/A,8\n")
        target = os.path.join(tmp, "e.xlsx")
        code, out, err = run("evaluate", "--workshops", os.path.join(tmp, "workshops.csv"),
                             "--evaluations", os.path.join(tmp, "evaluations.csv"),
                             "--scale", "1-7", "--as-of", "2025-01-01", "-o", target)
        check(code == 0, err)
        check("1 workshops, 2 respondents, 0 rejected rows, 1 values left out" in out, out)
        wb = openpyxl.load_workbook(target)
        _, rows = table(wb["Workshops"])
        check([r["Workshop"] for r in rows] == ["B"], rows)
        close(rows[0]["Mean"], 5.0, "mean of 4 and 6")
        close(rows[0]["Top-2-box"], 2 / 3, "top-2-box on 1-7 counts 6 and 7")
        close(rows[0]["Female share"], 0.75, "female share")
        _, items = table(wb["Items"])
        check([i["Item"] for i in items] == ["Q1", "Q2"], items)
        check(items[0]["Responses"] == 2 and items[0]["7"] == 1 and items[0]["6"] == 1, items[0])
        close(items[1]["Median"], 1.0, "median of one rating")
        about = wb["About"]
        header_row = next(i for i, r in enumerate(about.iter_rows(values_only=True), start=1)
                          if r[0] == "File")
        _, files = table(about, header_row)
        outside = "Used rows outside the window or after the as-of date"
        check([(f["Rows read"], f["Rows used"], f["Rows rejected"], f[outside]) for f in files]
              == [(2, 2, 0, 1), (4, 4, 0, 1)], files)


def expected_needs(folder, year):
    """Topic statistics per the contract, recomputed from needs.csv and members.csv."""
    with open(os.path.join(folder, "members.csv"), newline="", encoding="utf-8") as f:
        members = [row["member_code"].strip().upper() for row in csv.DictReader(f)]
    with open(os.path.join(folder, "needs.csv"), newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        topics = [h for h in reader.fieldnames
                  if h.strip().lower() not in {"member_code", "year", "submitted_at", "comments"}]
        rows = list(reader)
    latest = {}
    for order, row in enumerate(rows):
        code = row["member_code"].strip().upper()
        if code not in members:
            continue
        key = (code, int(row["year"]))
        stamp = row["submitted_at"].strip()
        if key in latest and latest[key][0] and stamp and latest[key][0] > stamp:
            continue
        latest[key] = (stamp, order, row)

    def stats(y):
        result = {}
        for topic in topics:
            values = sorted(int(r[topic]) for (c, yy), (_, _, r) in latest.items()
                            if yy == y and r[topic].strip().lower() not in NO_ANSWER)
            n = len(values)
            result[topic.strip()] = {
                "Responses": n, "Mean": sum(values) / n if n else None,
                "Median": median(values), "High priority": sum(v >= 4 for v in values) / n if n else None,
                "Top priority": values.count(5)}
        order = sorted((t for t in result if result[t]["Responses"]),
                       key=lambda t: (-result[t]["Mean"], -result[t]["High priority"],
                                      -result[t]["Responses"], t))
        for rank, t in enumerate(order, start=1):
            result[t]["Rank"] = rank
        return result

    responded = {c for (c, y) in latest if y == year}
    return stats(year), stats(year - 1), members, responded


def test_needs_samples_workbook():
    now, before, members, responded = expected_needs(SAMPLES, 2025)
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "needs.xlsx")
        code, out, err = run("needs", "--survey", "samples/needs.csv", "--members",
                             "samples/members.csv", "-o", target, cwd=ROOT)
        check(code == 0, f"needs: exit {code}\n{err}")
        check(out.strip() == f"wrote {target}: 33/35 Members responded in 2025, 15 topics, "
              "2 rejected rows, 0 values left out", out)
        wb = openpyxl.load_workbook(target)
        check(wb.sheetnames == ["Summary", "Priorities", "Matrix", "Groups", "Coverage",
                                "Comments", "Rejected", "About"], wb.sheetnames)
        headers, rows = table(wb["Priorities"])
        check(headers[:7] == ["Rank", "Topic", "Responses", "Mean", "Median", "High priority",
                              "Top priority"], headers)
        check(len(rows) == len(now), "one row per topic")
        check([r["Rank"] for r in rows] == list(range(1, len(now) + 1)), "rows in rank order")
        for row in rows:
            want, was = now[row["Topic"]], before[row["Topic"]]
            for column in ("Rank", "Responses", "Top priority"):
                check(row[column] == want[column], f"Priorities {row['Topic']} {column}")
            for column in ("Mean", "Median", "High priority"):
                close(row[column], want[column], f"Priorities {row['Topic']} {column}")
            close(row["Change of mean"], want["Mean"] - was["Mean"], f"{row['Topic']} change of mean")
            check(row["Change of rank"] == was["Rank"] - want["Rank"], f"{row['Topic']} change of rank")
        _, coverage = table(wb["Coverage"])
        check([r["Member"] for r in coverage] == members, "Coverage lists every registered Member")
        check({r["Member"] for r in coverage if r["Responded"] == "yes"} == responded, "responded")
        rate = row_by_label(wb["Summary"], "Response rate")
        close(rate[1], len(responded) / len(members), "response rate")
        check(rate[2] == f"{len(responded)}/{len(members)} Members responded", rate)
        _, rejected = table(wb["Rejected"])
        check([(r["Line"], r["Value"]) for r in rejected] == [(45, "KH"), (48, "ZZ")], rejected)
        _, matrix = table(wb["Matrix"])
        check(len(matrix) == len(members), "Matrix has every registered Member")
        check(sum(r["Responded"] == "no response" for r in matrix) == len(members) - len(responded),
              "non-respondents shown as such")


def scorecard_oracle():
    """The independent scorecard computation that documents samples/ (samples/make_samples.py),
    read with the rules cbkpi applies: elapsed time in days, and No data meaning no input row
    of the KPI's action."""
    import importlib.util
    import pathlib
    spec = importlib.util.spec_from_file_location("make_samples", os.path.join(SAMPLES, "make_samples.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sap_scorecard(pathlib.Path(SAMPLES), pathlib.Path(ROOT) / "plans" / "sap-2024-2026.csv",
                                "2026-03-31", how="days", nodata="action")


def test_scorecard_samples_workbook():
    expected = {r["id"]: r for r in scorecard_oracle()}
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "scorecard.xlsx")
        code, out, err = run("scorecard", "--data", "samples", "--as-of", "2026-03-31", "-o", target,
                             cwd=ROOT)
        check(code == 0, f"scorecard: exit {code}\n{err}")
        counts = {s: sum(r["status"] == s for r in expected.values())
                  for s in ("Met", "On track", "Off track", "No data")}
        check(out.strip() == f"wrote {target}: 61 KPIs, {counts['Met']} met, {counts['On track']} on "
              f"track, {counts['Off track']} off track, {counts['No data']} no data; 2 rejected rows", out)
        check(all(counts.values()), f"the samples show every status: {counts}")
        wb = openpyxl.load_workbook(target)
        check(wb.sheetnames == ["Summary", "Scorecard", "Trends", "Members", "Rejected", "About"],
              wb.sheetnames)
        headers, rows = table(wb["Scorecard"])
        check(headers[:8] == ["ID", "Pillar", "KPI", "Target", "Value", "Status", "2024/25", "2025/26"],
              headers)
        check([r["ID"] for r in rows] == list(expected), "one row per catalogue KPI, in order")
        for row in rows:
            want = expected[row["ID"]]
            check(row["Status"] == want["status"], f"{row['ID']}: status {row['Status']!r}, "
                  f"expected {want['status']!r} ({want})")
            if want["status"] == "No data":
                check(row["Value"] is None, f"{row['ID']}: No data must have no value, not {row['Value']!r}")
                continue
            if isinstance(want["value"], (int, float)):
                close(row["Value"], float(want["value"]), f"{row['ID']} value")
            for label, value in want.get("years") or []:
                if label in row:  # plan-year columns; quarters and windows are in "Based on"
                    close(row[label], None if value is None else float(value), f"{row['ID']} {label}")
        summary = wb["Summary"]
        total = row_by_label(summary, "All KPIs")
        check(list(total[1:6]) == [counts["Met"], counts["On track"], counts["Off track"],
                                   counts["No data"], 61], total)


def sheet_values(path, sheet):
    return [list(r) for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)]


def test_run_samples():
    """cbkpi run writes the three workbooks with the same figures as the jobs run one by one."""
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = os.path.join(tmp, "out")
        code, out, err = run("run", "samples", "-o", out_dir, "--as-of", "2026-03-31", cwd=ROOT)
        check(code == 0, f"run: exit {code}\n{err}")
        lines = out.splitlines()
        check(len(lines) == 3 and all(l.startswith(f"wrote {out_dir}/") for l in lines), out)
        check(sorted(os.listdir(out_dir)) == ["evaluation.xlsx", "needs-2025.xlsx", "scorecard.xlsx"],
              os.listdir(out_dir))
        check(err.count("samples/") == 7, f"each problem printed once:\n{err}")
        single = os.path.join(tmp, "single")
        os.mkdir(single)
        jobs = [
            ("evaluation.xlsx", ["evaluate", "--workshops", "samples/workshops.csv", "--evaluations",
                                 "samples/evaluations.csv", "--members", "samples/members.csv"],
             ["Workshops", "Items", "Summary"]),
            ("needs-2025.xlsx", ["needs", "--survey", "samples/needs.csv", "--members",
                                 "samples/members.csv"], ["Priorities", "Coverage", "Summary"]),
            ("scorecard.xlsx", ["scorecard", "--data", "samples"], ["Scorecard", "Summary", "Trends"]),
        ]
        for name, args, sheets in jobs:
            target = os.path.join(single, name)
            code, _, err = run(*args, "--as-of", "2026-03-31", "-o", target, cwd=ROOT)
            check(code == 0, err)
            for sheet in sheets:
                check(sheet_values(target, sheet) == sheet_values(os.path.join(out_dir, name), sheet),
                      f"{name} {sheet} differs between cbkpi run and the job alone")


def test_run_partial_folder():
    """A folder with only members.csv and needs.csv gives only the needs workbook, and says why."""
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        os.mkdir(data)
        for name in ("members.csv", "needs.csv"):
            shutil.copy(os.path.join(SAMPLES, name), data)
        out_dir = os.path.join(tmp, "out")
        code, out, err = run("run", data, "-o", out_dir, "--all-years")
        check(code == 0, f"run: exit {code}\n{err}")
        check(out.splitlines()[0] == f"skipped evaluation.xlsx: no workshops.csv in {data}", out)
        check(f"wrote {out_dir}/needs-2024.xlsx" in out and f"wrote {out_dir}/needs-2025.xlsx" in out, out)
        check(f"skipped scorecard.xlsx: no status.csv, activities.csv, delegations.csv, "
              f"kpi_values.csv or evaluations in {data}" in out, out)
        check(sorted(os.listdir(out_dir)) == ["needs-2024.xlsx", "needs-2025.xlsx"], os.listdir(out_dir))
        code, out, err = run("scorecard", "--data", data, "-o", os.path.join(tmp, "s.xlsx"))
        check(code == 0, err)
        wb = openpyxl.load_workbook(os.path.join(tmp, "s.xlsx"))
        statuses = {r[5] for r in wb["Scorecard"].iter_rows(min_row=2, values_only=True)}
        check(statuses == {"No data"}, f"without data every KPI is No data: {statuses}")
        os.remove(os.path.join(data, "members.csv"))
        code, out, err = run("run", data, "-o", out_dir)
        check(code == 0 and "skipped needs workbook: no members.csv" in out
              and "skipped scorecard.xlsx: no members.csv" in out, f"{code} {out} {err}")


def test_reproducible_workbooks():
    """The same inputs and --as-of give byte-identical workbooks, whatever the clock says."""
    import time
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for attempt in range(2):
            folder = os.path.join(tmp, f"out{attempt}")
            code, _, err = run("run", "samples", "-o", folder, "--as-of", "2026-03-31", cwd=ROOT)
            check(code == 0, err)
            folders.append(folder)
            time.sleep(1.1)  # a clock-based creation time would now differ
        for name in sorted(os.listdir(folders[0])):
            with open(os.path.join(folders[0], name), "rb") as a, open(os.path.join(folders[1], name), "rb") as b:
                check(a.read() == b.read(), f"{name} differs between two identical runs")


TESTS = [test_help_and_version, test_help_matches_man_page, test_validate_samples, test_validate_clean_copy,
         test_validate_fatal_and_encodings, test_evaluate_samples_workbook,
         test_evaluate_strict_and_failure_keeps_old_workbook, test_evaluate_window_and_scale,
         test_needs_samples_workbook, test_scorecard_samples_workbook, test_run_samples,
         test_run_partial_folder, test_reproducible_workbooks]


def main():
    global BIN
    BIN = harness.binary_from_argv(__doc__)
    harness.run_all(TESTS)


if __name__ == "__main__":
    main()
