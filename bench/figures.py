"""What the benchmark's tools are compared on: the figures of the evaluation workbook's
Workshops and Items sheets, as one JSON object every tool prints the same way:

    {"tool": "pandas",
     "workshops": {"W0001": {"n": 51, "mean": 4.12, "sd": 0.53}, ...},
     "items": {"Q1": {"n": 1902, "mean": 4.07}, ...}}

n is the number of respondents (workshops) or valid ratings (items); mean and sd are null where
they do not exist (no respondent; fewer than two for sd). Also the header rules the Python
anchors share with cbkpi (names match ignoring case, spaces, '_' and '-').
"""
import csv
import json
import math
import re
import sys

EVALUATION_COLUMNS = ("workshop_id", "respondent_id", "member_code", "gender", "submitted_at",
                      "comments")


def normalize(name):
    """A header name as cbkpi matches it: trimmed, lower case, runs of space/_/- as one '_'."""
    return "_".join(re.split(r"[ _\t-]+", name.strip(" \t").lower())).strip("_")


class Header:
    """The columns of a CSV file: known[normalized name] = the header text as found, and items,
    every other non-blank column (the rating items of evaluations.csv)."""

    def __init__(self, path, known_names=EVALUATION_COLUMNS):
        with open(path, newline="", encoding="utf-8-sig") as f:
            names = next(csv.reader(f))
        self.known = {}
        self.items = []
        for name in names:
            key = normalize(name)
            if key in known_names:
                self.known[key] = name
            elif name.strip():
                self.items.append(name)


def label(name):
    return name.strip(" \t")


def _number(x):
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def from_tables(tool, workshop_rows, item_rows):
    """The figures from rows of (workshop, respondents, mean, sd) and (item, responses, mean)."""
    return {
        "tool": tool,
        "workshops": {str(w): {"n": int(n or 0), "mean": _number(m), "sd": _number(s)}
                      for w, n, m, s in workshop_rows},
        "items": {str(i): {"n": int(n or 0), "mean": _number(m)} for i, n, m in item_rows},
    }


def emit(figures, path=None):
    if path is None:
        json.dump(figures, sys.stdout, indent=1, sort_keys=True)
        sys.stdout.write("\n")
    else:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=1, sort_keys=True)
            f.write("\n")


def _close(a, b, tolerance):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tolerance


def differences(reference, other, tolerance=1e-9, limit=10):
    """Where other's figures differ from reference's: counts exactly, means and SDs within
    tolerance. At most limit lines."""
    out = []
    ref_name, name = reference["tool"], other["tool"]
    for kind, fields in (("workshops", ("n", "mean", "sd")), ("items", ("n", "mean"))):
        a, b = reference[kind], other[kind]
        for key in sorted(set(a) - set(b)):
            out.append(f"{kind} {key}: in {ref_name}, not in {name}")
        for key in sorted(set(b) - set(a)):
            out.append(f"{kind} {key}: in {name}, not in {ref_name}")
        for key in sorted(set(a) & set(b)):
            for field in fields:
                x, y = a[key][field], b[key][field]
                same = x == y if field == "n" else _close(x, y, tolerance)
                if not same:
                    out.append(f"{kind} {key} {field}: {ref_name} {x!r}, {name} {y!r}")
    return out[:limit]
