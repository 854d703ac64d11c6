#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/<target>/ from rows of samples/*.csv and the
plan's catalogue, plus the awkward cases a coordinator's spreadsheet produces: byte order
marks, UTF-16, semicolons and tabs, CRLF, quoted fields with delimiters, quotes and line
breaks, windows-1252 and invalid UTF-8 bytes, ragged rows, duplicate keys and columns.
Run from the repository root: python3 tests/fuzz/make_seeds.py (it replaces the seeds)."""
import csv
import io
import os
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")


def sample(name, rows=5, keep=None):
    """Header and the first `rows` rows (those passing keep) of samples/name.csv, as text."""
    with open(os.path.join(ROOT, "samples", name + ".csv"), encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    body = [r for r in lines[1:] if keep is None or keep(r)][:rows]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([lines[0]] + body)
    return out.getvalue()


def variants(text):
    """The same file as spreadsheets save it."""
    data = text.encode("utf-8")
    yield "utf8", data
    yield "bom", b"\xef\xbb\xbf" + data
    yield "crlf", text.replace("\n", "\r\n").encode("utf-8")
    yield "utf16le", b"\xff\xfe" + text.encode("utf-16-le")
    yield "utf16be", b"\xfe\xff" + text.encode("utf-16-be")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
    yield "semicolon", out.getvalue().encode("utf-8")
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
    yield "tab", out.getvalue().encode("utf-8")


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    kinds = ["members", "workshops", "evaluations", "needs", "delegations", "activities",
             "status", "kpi_values"]
    # reader: option byte (encoding bits 0-2, delimiter bits 3-4, stop bit 7) + CSV text
    odd = (b'a,b,c\n"quoted, with comma","line\nbreak","say ""hi"""\n'
           b' spaced , "x" ,\n\n,,\nlast,row,without newline')
    write("reader", "quoted", b"\x00" + odd)
    write("reader", "quoted-stop", b"\x80" + odd)
    write("reader", "semicolon-forced", b"\x10" + sample("status", 3).replace(",", ";").encode())
    write("reader", "tab-forced", b"\x18" + sample("members", 3).replace(",", "\t").encode())
    write("reader", "cp1252", b"\x04" + "member_code,member_name\nCI,C\xf4te d'Ivoire \x93x\x94\n".encode("latin-1"))
    write("reader", "utf16le", b"\x00" + b"\xff\xfe" + "a,b\r\n\u00e9,\U0001f600\r\n".encode("utf-16-le"))
    write("reader", "utf16be-forced", b"\x03" + "a;b\n1;2\n".encode("utf-16-be"))
    write("reader", "bad-utf8", b"\x01" + b"a,b\n\xc3\x28,\xff\xfe\xed\xa0\x80\n")
    write("reader", "unterminated-quote", b"\x00" + b'a,b\n"open,1\n2,3\n')
    # boundary: option byte as for reader, then where the 1 MiB block boundary falls (/256)
    multi = 'name,note\n"Côte d\'Ivoire","éèê 😀 中文, ""quoted""\nsecond line"\nTürkiye,Ünïcödé\n'
    write("boundary", "utf8", b"\x00\x80" + multi.encode("utf-8"))
    write("boundary", "quote-cut", b"\x00\x90" + b'a,b\n"x\n,y""\n",z\n' * 4)
    write("boundary", "utf8-bom", b"\x00\x41" + b"\xef\xbb\xbf" + multi.encode("utf-8"))
    write("boundary", "utf16le", b"\x00\x77" + b"\xff\xfe" + multi.encode("utf-16-le"))
    write("boundary", "utf16be-forced", b"\x03\x99" + multi.encode("utf-16-be"))
    write("boundary", "cp1252", b"\x04\x80" + multi.encode("cp1252", errors="replace"))
    write("reader", "bom-crlf", b"\x00" + b"\xef\xbb\xbf" + sample("delegations", 3).replace("\n", "\r\n").encode())
    # ingest: every kind, as spreadsheets save it, and the broken files people send
    for kind in kinds:
        for tag, data in variants(sample(kind, 4)):
            if tag in ("utf8", "bom", "utf16le", "semicolon") or kind in ("evaluations", "needs"):
                write("ingest", f"{kind}-{tag}", data)
    write("ingest", "kpis", "\n".join(open(os.path.join(ROOT, "plans", "sap-2024-2026.csv"),
                                            encoding="utf-8").read().split("\n")[:8]) + "\n")
    write("ingest", "members-ragged-dup", "member_code,member_name,subregion,sie\nAF,Afghanistan,Sub-Continent,no\n"
          "AF,Again,,yes\nBD,Bangladesh\nTH,Thailand,South East Asia,maybe,extra\n,No code,,\n")
    write("ingest", "dup-column", "member_code,Member Code,member_name\nAF,AF,Afghanistan\n")
    write("ingest", "missing-column", "member_name,subregion\nAfghanistan,x\n")
    write("ingest", "workshops-bad-values",
          "Workshop ID;Title;Start date;End date;Host member;Action;Modality;Participants female;Participants male\n"
          "WS-2024-01;\"Risk; management\";2024-07-22;2024-02-30;kr;1.a;Online;12;-3\n"
          "WS-2024-02;x;22/07/2024;;XX;1.i;on the moon;1e3;0x10\n"
          "WS-2024-01;dup;2024-07-22;2024-07-26;KR;1.a;in person;n/a;?\n")
    write("ingest", "evaluations-bad-values",
          "workshop_id,respondent_id,member_code,gender,submitted_at,Q1,Q2,comments\n"
          "WS-2024-01,R1,th,F,2024-07-26,5,0,\"ok\nmultiline\"\n"
          "WS-2024-01,R1,TH,woman,2024-07-26,4,4,dup key\n"
          "WS-9999-99,R2,ZZ,x,2024-13-01,6,abc,\n"
          "WS-2024-02,R3,,,,,,\n")
    write("ingest", "activities-lists",
          "activity_id,date,action,type,member_code,requested,accredited_expert,request_met,contributor,note\n"
          "A-1,2024-05-20,1.a,mission,\"SB, TO FJ\",yes,no,true,JP,x\n"
          "A-2,2024-05-21,1.a,mission,SB ZZ,y,n,1,,\n"
          "A-1,2024-05-22,1.b,workshop,,0,false,maybe,KR,dup\n")
    write("ingest", "kpi-values-numbers", "kpi_id,value,as_of,source\n1.e,21.5,2024-09-30,a\n1.e,-0,2024-09-30,b\n"
          "1.e,1e308,2024-09-30,c\n1.e,nan,2024-09-30,d\n1.e,\"1,5\",2024-09-30,e\n")
    write("ingest", "header-only", "member_code,member_name\n")
    write("ingest", "blank-lines", "\n\n , \nmember_code,member_name\n\n,\nAF,Afghanistan\n")
    # catalogue: filter, newline, target
    with open(os.path.join(ROOT, "plans", "sap-2024-2026.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = set()
    for r in rows:
        key = (r["measure"], r["filter"].split("=")[0])
        if key in seen:
            continue
        seen.add(key)
        write("catalogue", f"{r['measure']}-{len(seen)}", f"{r['filter']}\n{r['target']}")
    for i, (flt, tgt) in enumerate([
            ("flag=request_met type=workshop,mission", ">=25%"),
            ("years=3 action=1.a,1.b", "<=2.5"),
            ("status=implemented,in_progress action=2.a", "=10"),
            ("requested=yes accredited_expert=no request_met=true", ">0.5 "),
            ("action=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q", ">=1"),
            ("status=implemented,planned,in_progress action=1.a", ">=1"),
            ("type= action==x", "> =3"),
            ("years=11", "<99999999999999999999999999999999999999"),
            ("\taction=1.a\t", "\x00>=3")]):
        write("catalogue", f"hand-{i}", f"{flt}\n{tgt}")
    # evaluate: evaluations.csv against the harness's fixed workshops (WS-2024-01..03,
    # WS-2025-01 in the window; WS-2023-09 and WS-2026-05 left out) and Members
    # (AF FJ JP KR LK SB SG TH)
    ev = sample("evaluations", 6, keep=lambda r: r[0] in ("WS-2024-01",))
    for tag, data in variants(ev):
        write("evaluate", tag, data)
    write("evaluate", "all-workshops",
          "workshop_id,respondent_id,member_code,gender,submitted_at,Relevance,Quality,Overall,comments\n"
          "WS-2024-01,R1,TH,female,2024-07-26,5,4,5,Great\n"
          "WS-2024-01,R2,LK,male,2024-07-26,3,,4,\n"
          "WS-2024-02,R1,jp,f,2024-08-15,1,2,1,\"Too short,\nmore please\"\n"
          "WS-2024-03,R1,,other,,,,,\n"
          "WS-2025-01,R9,KR,,2025-03-14,2,2,2,\n"
          "WS-2023-09,R1,TH,male,2023-09-08,5,5,5,old\n"
          "WS-2026-05,R1,LK,male,2026-05-08,4,4,4,future\n"
          "WS-2024-01,R3,SB,female,2026-04-30,4,4,4,after as-of\n"
          "WS-2024-01,R1,TH,female,2024-07-26,5,4,5,duplicate respondent\n"
          "WS-2099-01,R1,TH,female,2024-07-26,5,4,5,unknown workshop\n")
    write("evaluate", "no-items", "workshop_id,respondent_id,comments\nWS-2024-01,R1,x\n")
    write("evaluate", "single-item-bad",
          "Workshop ID;Respondent ID;Gender;Score\nWS-2024-01;R1;woman;7\nWS-2024-01;R2;man;0\nWS-2024-01;R3;;3\n")
    # needs: needs.csv against the harness's Members (AF FJ JP KH PK TH VU SB)
    nd = sample("needs", 5, keep=lambda r: r[0] in ("VU", "PK", "TH", "KH", "FJ", "JP", "SB", "AF"))
    for tag, data in variants(nd):
        write("needs", tag, data)
    write("needs", "two-years-dups",
          "member_code,year,submitted_at,Risk,AEO,HS,comments\n"
          "VU,2024,2024-02-05,5,3,4,\n"
          "PK,2024,2024-02-07,2,,5,\"needs, more\"\n"
          "vu,2024,2024-03-01,4,4,4,resubmitted\n"
          "TH,2024,,1,1,1,\n"
          "VU,2025,2025-02-05,1,5,2,\n"
          "PK,2025,2025-01-01,5,1,5,\n"
          "PK,2025,2024-12-31,3,3,3,earlier\n"
          "TH,2025,,5,5,5,\n"
          "TH,2025,,4,4,4,same date\n"
          "ZZ,2025,2025-01-01,5,5,5,unknown\n"
          "KH,1899,2025-01-01,5,5,5,bad year\n"
          "KH,2026,2026-01-01,9,0,x,out of scale\n")
    write("needs", "no-topics", "member_code,year,comments\nVU,2024,x\n")
    # Survey platform exports, as tests/data/exports holds them.
    exports = os.path.join(ROOT, "tests", "data", "exports")
    for name in ("kobo", "odk", "google", "limesurvey", "excel-utf8", "excel-1252"):
        with open(os.path.join(exports, name + ".csv"), "rb") as f:
            data = f.read()
        write("ingest", "export-" + name, data)
        write("evaluate", "export-" + name, data)
    with open(os.path.join(exports, "needs-google.csv"), "rb") as f:
        write("needs", "export-google", f.read())
    # parts: a part-size byte and a threads byte, then evaluations.csv with repeated
    # respondents near and far, quoted line breaks and rows the harness leaves out by line.
    rows = ["workshop_id,respondent_id,gender,Relevance,Quality,comments\n"]
    for i in range(1, 40):
        key = f"W{i % 3},R{i % 11}" if i % 4 else f"W1,R{i}"
        note = '"a, b\nc"' if i % 5 == 0 else ""
        rows.append(f"{key},{('female', 'male', '')[i % 3]},{1 + i % 5},{i % 7},{note}\n")
    text = "".join(rows).encode("utf-8")
    for part, threads in ((7, 2), (31, 1), (63, 3)):
        write("parts", f"repeats-{part}-{threads}", bytes([part, threads]) + text)
    write("parts", "crlf-bom", bytes([20, 2]) + b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n"))


if __name__ == "__main__":
    main()
