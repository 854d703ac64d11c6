#!/usr/bin/python3
"""Property test of whole runs: 1,000 random input sets from the benchmark generator
(bench/gen.c: quoted comments with line breaks, blank answers, a few bad rows), each evaluated,
each workbook read back: for every input file, rows read = rows used + rows rejected, and rows
read equals the number of records in the file.

Usage: run_property.py PATH/TO/cbkpi [SETS]   (default: $CBKPI_PROPERTY_SETS, else 1000)
"""
import csv
import os
import random
import subprocess
import sys
import tempfile

import openpyxl

import harness

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def records(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for row in csv.reader(f) if any(cell.strip() for cell in row)) - 1


def about_files(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb["About"].iter_rows(values_only=True))
    wb.close()
    start = next(i for i, r in enumerate(rows) if r and r[0] == "File")
    headers = rows[start]
    return [dict(zip(headers, r)) for r in rows[start + 1:] if r and r[0]]


def check_set(binary, gen, work, index, rng):
    rows = rng.randint(1, 400)
    folder = os.path.join(work, f"set{index}")
    subprocess.run([gen, str(rows), str(index), folder], check=True, capture_output=True)
    target = os.path.join(folder, "evaluation.xlsx")
    proc = subprocess.run([binary, "evaluate", "--workshops", os.path.join(folder, "workshops.csv"),
                           "--evaluations", os.path.join(folder, "evaluations.csv"),
                           "--as-of", "2026-11-28", "-o", target], capture_output=True, text=True)
    problems = []
    if proc.returncode != 0:
        problems.append(f"exit {proc.returncode}: {proc.stderr.strip()[:300]}")
    if any(mark in proc.stderr for mark in harness.SANITIZER_MARKS):
        problems.append(f"sanitizer report:\n{proc.stderr}")
    if not problems:
        for f in about_files(target):
            if f["Rows read"] != f["Rows used"] + f["Rows rejected"]:
                problems.append(f"{f['File']}: {f['Rows read']} read != {f['Rows used']} used + "
                                f"{f['Rows rejected']} rejected")
            if f["Rows read"] != records(f["File"]):
                problems.append(f"{f['File']}: {f['Rows read']} read, the file has "
                                f"{records(f['File'])} records")
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    os.rmdir(folder)
    return [f"set {index} ({rows} rows): {p}" for p in problems]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    sets = int(sys.argv[2] if len(sys.argv) == 3 else os.environ.get("CBKPI_PROPERTY_SETS", "1000"))
    rng = random.Random(20261128)
    with tempfile.TemporaryDirectory() as work:
        gen = os.path.join(work, "gen")
        subprocess.run(["cc", "-std=c11", "-O2", "-o", gen, os.path.join(ROOT, "bench", "gen.c")],
                       check=True)
        failures = []
        for index in range(1, sets + 1):
            failures += check_set(binary, gen, work, index, rng)
            if len(failures) > 10:
                break
    for failure in failures:
        print(f"[FAIL] {failure}")
    passed = sets - len({f.split(" (")[0] for f in failures})
    print(f"[====] Property synthesis: Tested: {sets} | Passing: {passed} | "
          f"Failing: {sets - passed}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
