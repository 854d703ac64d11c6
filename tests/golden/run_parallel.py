#!/usr/bin/python3
"""Golden test of reading a large evaluations.csv in parts on several threads: a generated file
(in a temporary folder, never committed) big enough to be split at the default part size (4 MiB:
a file splits from two parts), with quoted comments holding commas, doubled quotes and line
breaks, repeated (workshop_id, respondent_id) pairs near each other and far apart, unknown
workshops, out-of-scale and non-numeric ratings and questionnaires submitted after the as-of date.

`cbkpi evaluate --threads 1` and `--threads 2` must write byte-identical workbooks and print the
same stdout and stderr; the Workshops, Items and About sheets must hold the numbers of an
independent computation from the CSV files.

Usage: run_parallel.py PATH/TO/cbkpi
"""
import csv
import datetime
import filecmp
import os
import random
import subprocess
import tempfile

import openpyxl

import harness
from harness import check

TOL = 1e-9
AS_OF = "2026-03-31"
# The default part size of ingest/ingest.h, and the smallest file that is split at it.
PART_BYTES = 4 << 20
MIN_SPLIT = 2 * PART_BYTES
TARGET_BYTES = MIN_SPLIT + (1 << 20)  # 9 MiB: split in two parts after the header line
ITEMS = ["Relevance", "Quality of presentations", "Facilitators, expertise", "Exercises",
         "Logistics", "Overall"]
N_WORKSHOPS = 40
FIRST_START = datetime.date(2024, 7, 3)  # workshop i starts 15 i days later, by 2026-02-23
LEFT_OUT = {"W007": "2023-11-06", "W031": "2026-05-11"}  # before the window, after the as-of date

BIN = None


def write_workshops(folder):
    path = os.path.join(folder, "workshops.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["workshop_id", "title", "start_date", "end_date", "host_member", "action",
                    "modality", "participants_female", "participants_male", "participants_other"])
        for i in range(1, N_WORKSHOPS + 1):
            wid = f"W{i:03d}"
            start = LEFT_OUT.get(wid, (FIRST_START + datetime.timedelta(days=15 * i)).isoformat())
            w.writerow([wid, f"Workshop {i}, regional", start, "", "", "1.a", "in-person",
                        5 + i % 9, 8 + i % 11, i % 2])
    return path


COMMENTS = [
    "Useful, practical, well organised.",
    'The ""hands-on"" sessions, in particular.',
    "Too short;\nplease add a day, or two.",
    "Line one,\r\nline two, \"quoted\",\nline three.",
    "Tr\u00e8s bien, merci \u4e2d\u6587",
]


def rating_text(rng, base):
    roll = rng.random()
    if roll < 0.05:
        return ""
    if roll < 0.055:
        return "NA"
    if roll < 0.058:
        return "7"       # outside the scale: left out
    if roll < 0.061:
        return "x"       # not a number: left out
    return str(min(5, max(1, base + rng.choice((-1, 0, 0, 1)))))


def quoted(text):
    return '"' + text.replace('"', '""') + '"'


def random_tail(rng):
    """Everything of a row after its key: member, gender, date, ratings, comment, line end."""
    submitted = "2026-05-02" if rng.random() < 0.01 else f"2025-{rng.randrange(1, 13):02d}-15"
    base = rng.randrange(1, 6)
    ratings = [rating_text(rng, base) for _ in ITEMS]
    comment = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
    if comment and rng.random() < 0.3:
        comment = "\n".join([comment] * rng.randrange(2, 6))  # a long one, over several lines
    fields = ["", rng.choice(("female", "male", "", "other")), submitted, *ratings,
              quoted(comment) if comment else ""]
    return "," + ",".join(fields) + "\r\n"


def write_evaluations(folder, target_bytes, seed, straddle=True):
    """Writes rows until the file holds target_bytes; returns its path. A row's key is new, or
    repeats the key of one of the 20 rows before it (the same part, surely), or of any row before
    it (often an earlier part); the rest of the row is drawn from a pool of random tails."""
    rng = random.Random(seed)
    tails = [random_tail(rng) for _ in range(4000)]
    sizes = [len(t.encode("utf-8")) for t in tails]
    header = ",".join(["workshop_id", "respondent_id", "member_code", "gender", "submitted_at",
                       *(quoted(i) if "," in i else i for i in ITEMS), "comments"]) + "\r\n"
    lines, size, keys, i = [header], len(header), [], 0
    while size < target_bytes:
        i += 1
        roll = rng.random()
        if keys and roll < 0.004:
            wid, rid = keys[-1 - rng.randrange(min(len(keys), 20))]
        elif keys and roll < 0.008:
            wid, rid = keys[rng.randrange(len(keys))]
        else:
            wid = "W999" if roll < 0.013 else f"W{rng.randrange(1, N_WORKSHOPS + 1):03d}"
            rid = f"R{i:07d}"
            keys.append((wid, rid))
        tail = rng.randrange(len(tails))
        lines.append(f"{wid},{rid}{tails[tail]}")
        size += len(wid) + 1 + len(rid) + sizes[tail]
    if straddle:
        # A comment of some 2 KB over 60 lines across the byte where the second part is aimed
        # to start (the file's size / 2 when it holds two parts of PART_BYTES): the part must
        # start after it, and the lines after it must be numbered as one reading numbers them.
        big = ("W001,RBIG,,female,2025-03-15,5,5,4,4,5,5,"
               + quoted("in the middle of the file, with commas,\n" * 60) + "\r\n")
        total = size + len(big)
        check(total // PART_BYTES == 2, f"{total} bytes do not make two parts of {PART_BYTES}")
        target, at, j = total // 2, 0, 0
        while at + len(lines[j].encode("utf-8")) <= target - len(big) // 2:
            at += len(lines[j].encode("utf-8"))
            j += 1
        check(at < target < at + len(big), f"the long comment at {at} misses the target {target}")
        lines.insert(j, big)
    path = os.path.join(folder, "evaluations.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write("".join(lines))
    return path


def expected_figures(workshops, evaluations):
    """Workshops (respondents, mean score), items (responses, mean, counts) and the accounting,
    by the contract's rules, from the CSV files."""
    with open(workshops, newline="", encoding="utf-8") as f:
        starts = {r["workshop_id"]: r["start_date"] for r in csv.DictReader(f)}
    counted = {w for w, start in starts.items() if "2024-07-01" <= start <= AS_OF}
    scores = {w: [] for w in counted}
    items = {i: [] for i in ITEMS}
    seen = set()
    rows = rejected = out_of_scope = left_out = 0
    rejected_at = []  # (line, column) of every row left out
    with open(evaluations, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader)]
        line = reader.line_num + 1  # where the next record starts (CR, LF, CRLF: one break)
        at = {h: header.index(h) for h in ("workshop_id", "respondent_id", "submitted_at")}
        item_at = [(item, header.index(item)) for item in ITEMS]
        for row in reader:
            rows += 1
            row_line, line = line, reader.line_num + 1
            wid = row[at["workshop_id"]].strip()
            key = (wid, row[at["respondent_id"]].strip())
            if wid not in starts or key in seen:
                rejected += 1
                # An unknown workshop is named at its value; a repeated key at respondent_id.
                rejected_at.append((row_line, 1 if wid not in starts else len(wid) + 2))
                continue
            seen.add(key)
            valid = []
            for item, column in item_at:
                text = row[column].strip()
                if text in ("", "NA"):
                    continue
                if text.isdigit() and 1 <= int(text) <= 5:
                    valid.append((item, int(text)))
                else:
                    left_out += 1
            if wid not in counted or row[at["submitted_at"]] > AS_OF:
                out_of_scope += 1
                continue
            for item, value in valid:
                items[item].append(value)
            if valid:
                scores[wid].append(sum(v for _, v in valid) / len(valid))
    return {"workshops": scores, "items": items, "rows": rows, "rejected": rejected,
            "rejected_at": rejected_at,
            "out_of_scope": out_of_scope, "left_out": left_out}


def table(ws, header_row=1):
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    headers = rows[0]
    out = []
    for values in rows[1:]:
        if all(v is None for v in values):
            break
        out.append(dict(zip(headers, values)))
    return headers, out


def close(a, b, what):
    if a is None or b is None:
        check(a is None and b is None, f"{what}: workbook {a!r}, expected {b!r}")
        return
    check(abs(a - b) <= TOL * max(1.0, abs(b)), f"{what}: workbook {a!r} != expected {b!r}")


def evaluate(folder, workshops, evaluations, threads):
    target = os.path.join(folder, f"evaluation-{threads}.xlsx")
    proc = subprocess.run([BIN, "evaluate", "--workshops", workshops, "--evaluations", evaluations,
                           "-o", target, "--as-of", AS_OF, "--threads", str(threads)],
                          capture_output=True, text=True)
    harness.check_no_sanitizer_report(proc.stderr, f"cbkpi evaluate --threads {threads}")
    check(proc.returncode == 0, f"--threads {threads}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    return target, proc.stdout.replace(target, "OUT"), proc.stderr


def check_workbook(path, expected):
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        headers, rows = table(wb["Workshops"])
        got = {r["Workshop"]: r for r in rows}
        check(set(got) == set(expected["workshops"]),
              f"workshops in the workbook: {sorted(got)} != {sorted(expected['workshops'])}")
        for wid, scores in expected["workshops"].items():
            check(got[wid]["Respondents"] == len(scores),
                  f"{wid}: {got[wid]['Respondents']} respondents, expected {len(scores)}")
            close(got[wid]["Mean"], sum(scores) / len(scores) if scores else None, f"{wid} mean")

        headers, rows = table(wb["Items"])
        check([r["Item"] for r in rows] == ITEMS, f"items: {[r['Item'] for r in rows]}")
        for r in rows:
            values = expected["items"][r["Item"]]
            check(r["Responses"] == len(values),
                  f"{r['Item']}: {r['Responses']} responses, expected {len(values)}")
            close(r["Mean"], sum(values) / len(values), f"{r['Item']} mean")
            for point in range(1, 6):
                check(r[str(point)] == values.count(point),
                      f"{r['Item']}: {r[str(point)]} ratings of {point}, expected {values.count(point)}")

        headers, rows = table(wb["Rejected"])
        got = [(r["Line"], r["Column"]) for r in rows if r["Left out"] == "row"]
        check(got == expected["rejected_at"],
              f"rows left out (line, column): {len(got)} in the workbook, {len(expected['rejected_at'])} "
              f"expected; first difference: "
              f"{next(((a, b) for a, b in zip(got, expected['rejected_at']) if a != b), None)}")

        about = list(wb["About"].iter_rows(values_only=True))
        start = next(i for i, r in enumerate(about) if r and r[0] == "File")
        files = [dict(zip(about[start], r)) for r in about[start + 1:] if r and r[0]]
        evaluations = next(f for f in files if f["File"].endswith("evaluations.csv"))
        check(evaluations["Rows read"] == expected["rows"],
              f"rows read {evaluations['Rows read']}, the file has {expected['rows']}")
        check(evaluations["Rows rejected"] == expected["rejected"],
              f"rows rejected {evaluations['Rows rejected']}, expected {expected['rejected']}")
        check(evaluations["Rows read"] == evaluations["Rows used"] + evaluations["Rows rejected"],
              f"accounting: {evaluations}")
    finally:
        wb.close()


def test_threads_give_identical_workbooks():
    with tempfile.TemporaryDirectory() as tmp:
        workshops = write_workshops(tmp)
        evaluations = write_evaluations(tmp, TARGET_BYTES, 20261128)
        size = os.path.getsize(evaluations)
        check(size >= MIN_SPLIT, f"the file has {size} bytes: too small to be split")
        expected = expected_figures(workshops, evaluations)
        check(expected["rejected"] > 100 and expected["out_of_scope"] > 100 and expected["left_out"] > 100,
              f"the generated file lacks the cases it is meant to hold: {expected['rejected']} "
              f"rejected, {expected['out_of_scope']} out of scope, {expected['left_out']} left out")
        one, out_one, err_one = evaluate(tmp, workshops, evaluations, 1)
        two, out_two, err_two = evaluate(tmp, workshops, evaluations, 2)
        check(out_one == out_two, f"stdout differs:\n{out_one}\nvs\n{out_two}")
        check(err_one == err_two, f"stderr differs:\n{err_one[:3000]}\nvs\n{err_two[:3000]}")
        check(filecmp.cmp(one, two, shallow=False), "the workbooks of --threads 1 and 2 differ")
        check_workbook(two, expected)


def test_threads_option_is_checked():
    with tempfile.TemporaryDirectory() as tmp:
        workshops = write_workshops(tmp)
        evaluations = write_evaluations(tmp, 20000, 7, straddle=False)
        for bad in ("9", "two", ""):
            proc = subprocess.run([BIN, "evaluate", "--workshops", workshops, "--evaluations",
                                   evaluations, "-o", os.path.join(tmp, "x.xlsx"), "--threads", bad],
                                  capture_output=True, text=True)
            harness.check_no_sanitizer_report(proc.stderr, f"--threads {bad!r}")
            check(proc.returncode == 2, f"--threads {bad!r}: exit {proc.returncode}, want 2")
            check("--threads" in proc.stderr, f"--threads {bad!r}: {proc.stderr!r}")
        check(not os.path.exists(os.path.join(tmp, "x.xlsx")), "nothing written after a usage error")


def write_clean_evaluations(folder, target_bytes):
    """Questionnaires without a problem, each with its own respondent_id, a third with a quoted
    comment: what a large, well-kept file holds."""
    header = ",".join(["workshop_id", "respondent_id", "member_code", "gender", "submitted_at",
                       *(quoted(i) if "," in i else i for i in ITEMS), "comments"]) + "\n"
    lines, size, i = [header], len(header), 0
    while size < target_bytes:
        i += 1
        comment = quoted(f"Comment {i}, with a comma") if i % 3 == 0 else ""
        line = (f"W{1 + i % N_WORKSHOPS:03d},R{i:08d},,{('female', 'male')[i % 2]},2025-03-15,"
                f"{1 + i % 5},{1 + i % 4},5,4,{2 + i % 3},3,{comment}\n")
        lines.append(line)
        size += len(line)
    path = os.path.join(folder, "evaluations.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write("".join(lines))
    return path


def peak_memory_mib(args, folder):
    """Runs args under GNU time and returns the process's peak resident memory in MiB. (The
    resource usage Python gets of its own child would count Python's memory, which the child
    shares until it starts cbkpi.)"""
    report = os.path.join(folder, "peak.txt")
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report, *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    harness.check_no_sanitizer_report(proc.stderr, " ".join(args[:2]))
    check(proc.returncode == 0, f"{args[:2]}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    with open(report, encoding="utf-8") as f:
        return int(f.read().split()[-1]) / 1024  # kilobytes


def test_memory_does_not_grow_with_rows():
    """Four times the questionnaires (every one with its own respondent_id, a third with a
    comment) must not take more memory: the repeated-respondent check and the Comments sheet
    keep what grows with rows in temporary files. Not under AddressSanitizer, whose quarantine
    holds freed memory for a while."""
    if "ASAN_OPTIONS" in os.environ:
        print("  (memory not measured under AddressSanitizer)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        workshops = write_workshops(tmp)
        peaks = []
        for size in (TARGET_BYTES, 4 * TARGET_BYTES):
            evaluations = write_clean_evaluations(tmp, size)
            peaks.append(peak_memory_mib([BIN, "evaluate", "--workshops", workshops,
                                          "--evaluations", evaluations, "-o",
                                          os.path.join(tmp, "m.xlsx"), "--as-of", AS_OF,
                                          "--threads", "2"], tmp))
        check(peaks[1] < peaks[0] + 4, f"peak memory {peaks[0]:.1f} MiB for 9 MiB of "
              f"questionnaires, {peaks[1]:.1f} MiB for 36 MiB: it grows with rows")
        print(f"  peak memory: {peaks[0]:.1f} MiB (9 MiB of questionnaires), "
              f"{peaks[1]:.1f} MiB (36 MiB)")


def main():
    global BIN
    BIN = harness.binary_from_argv(__doc__)
    harness.run_all([test_threads_give_identical_workbooks, test_threads_option_is_checked,
                     test_memory_does_not_grow_with_rows])


if __name__ == "__main__":
    main()
