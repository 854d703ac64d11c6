#!/usr/bin/python3
"""The evaluation figures of cbkpi's Workshops and Items sheets, computed with pandas and
written with XlsxWriter: the anchor a data engineer would reach for first.

    anchor_pandas.py WORKSHOPS.csv EVALUATIONS.csv OUT.xlsx [FIGURES.json]

Prints the figures as JSON (see figures.py) on stdout, or writes them to FIGURES.json.

The rules are cbkpi's (PRODUCT.md, evaluations.csv and Statistics): a row whose workshop_id is
not in workshops.csv is rejected; a repeated (workshop_id, respondent_id) rejects the later row;
a rating that is not a whole number on 1-5 is left out (the rest of the row counts); blank, NA,
N/A and - are no answer; respondent score = mean of the respondent's valid ratings, respondents
without any are not counted; workshop mean and sample SD over respondent scores. Only the
columns these figures need are read. One simplification: a rating is parsed as a number and
must then be whole, so "4.0" counts as 4 (as in cbkpi) and so would "4e0" (cbkpi rejects it).
"""
import sys

import numpy as np
import pandas as pd

import figures

NO_ANSWER = ["", "NA", "N/A", "-", "na", "n/a", "Na", "N/a", "n/A"]


def compute(workshops_csv, evaluations_csv, scale=(1, 5)):
    w_id = figures.Header(workshops_csv, ("workshop_id",)).known["workshop_id"]
    ws = pd.read_csv(workshops_csv, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                     usecols=[w_id])
    ids = ws[w_id].str.strip(" \t")
    ids = ids[ids != ""].drop_duplicates()

    header = figures.Header(evaluations_csv)
    wid, rid = header.known["workshop_id"], header.known.get("respondent_id")
    items = header.items
    keys = [wid] + ([rid] if rid else [])
    ev = pd.read_csv(evaluations_csv, usecols=keys + items, dtype={k: str for k in keys},
                     keep_default_na=False, na_values=NO_ANSWER, encoding="utf-8-sig")
    for k in keys:
        ev[k] = ev[k].str.strip(" \t")
    ev = ev[ev[wid].isin(ids)]
    if rid:
        has_key = ev[rid].notna() & ~ev[rid].isin(NO_ANSWER)
        ev = ev[~(has_key & ev.duplicated([wid, rid], keep="first"))]

    ratings = ev[items].apply(pd.to_numeric, errors="coerce")
    valid = (ratings >= scale[0]) & (ratings <= scale[1]) & (ratings == np.floor(ratings))
    ratings = ratings.where(valid)
    answered = ratings.count(axis=1)
    rated = answered > 0
    scores = pd.DataFrame({"workshop": ev[wid][rated],
                           "score": ratings.sum(axis=1)[rated] / answered[rated]})
    per_workshop = scores.groupby("workshop", sort=False)["score"].agg(["count", "mean", "std"])
    per_workshop = per_workshop.reindex(ids.values)
    per_workshop["count"] = per_workshop["count"].fillna(0).astype(np.int64)

    table_workshops = pd.DataFrame({"Workshop": ids.values,
                                    "Respondents": per_workshop["count"].values,
                                    "Mean": per_workshop["mean"].values,
                                    "SD": per_workshop["std"].values})
    table_items = pd.DataFrame({"Item": [figures.label(c) for c in items],
                                "Responses": ratings.count().values,
                                "Mean": ratings.mean().values})
    return table_workshops, table_items


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write(__doc__)
        return 2
    workshops_csv, evaluations_csv, xlsx = argv[1:4]
    table_workshops, table_items = compute(workshops_csv, evaluations_csv)
    with pd.ExcelWriter(xlsx, engine="xlsxwriter") as writer:
        for name, table in (("Workshops", table_workshops), ("Items", table_items)):
            table.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, len(table), len(table.columns) - 1)
    figures.emit(figures.from_tables(
        "pandas",
        table_workshops[["Workshop", "Respondents", "Mean", "SD"]].itertuples(index=False),
        table_items[["Item", "Responses", "Mean"]].itertuples(index=False)),
        argv[4] if len(argv) == 5 else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
