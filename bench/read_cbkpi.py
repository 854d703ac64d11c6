#!/usr/bin/python3
"""Reads the figures back from cbkpi's evaluation workbook, into the JSON shape of figures.py:

    read_cbkpi.py evaluation.xlsx [FIGURES.json]

Workshops sheet: Workshop, Respondents, Mean, SD; Items sheet: Item, Responses, Mean. The
header row is found by its first cell, so a title block above it does not matter; the table
ends at the first row whose first cell is empty (notes such as Cronbach's alpha follow it).
"""
import sys

import openpyxl

import figures


def sheet_rows(book, sheet_name, first_header, wanted):
    rows = book[sheet_name].iter_rows(values_only=True)
    for row in rows:
        if row and row[0] == first_header:
            header = [str(c).strip() if c is not None else "" for c in row]
            break
    else:
        raise SystemExit(f"read_cbkpi: no header starting with {first_header!r} in {sheet_name}")
    try:
        at = [header.index(name) for name in wanted]
    except ValueError:
        raise SystemExit(f"read_cbkpi: {sheet_name} lacks one of {wanted}; it has {header}")
    for row in rows:  # the table ends at the first row with an empty first cell
        if not row or row[0] in (None, ""):
            return
        yield tuple(row[i] if i < len(row) else None for i in at)


def read(path):
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        result = figures.from_tables(
            "cbkpi",
            sheet_rows(book, "Workshops", "Workshop", ("Workshop", "Respondents", "Mean", "SD")),
            sheet_rows(book, "Items", "Item", ("Item", "Responses", "Mean")))
    finally:
        book.close()
    return result


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    figures.emit(read(argv[1]), argv[2] if len(argv) == 3 else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
