#!/usr/bin/python3
"""Generate the sample data folder of cbkpi (samples/*.csv and samples/README.md).

The CSV files are the committed artefact; this script documents how they were made and
regenerates them byte for byte:

    /usr/bin/python3 samples/make_samples.py          # writes next to this script
    /usr/bin/python3 samples/make_samples.py OUT_DIR  # writes into OUT_DIR instead

Standard library only, one fixed seed, no dependence on the clock, the locale or hash
order: two runs give byte-identical files. All files are UTF-8 without BOM, LF line
endings, comma-delimited, RFC 4180 quoting (csv.QUOTE_MINIMAL).

The data are invented but shaped like the real thing: the 35 Members of the WCO
Asia/Pacific region, 35 regional and sub-regional workshops of the Strategic
Action Plan 2024-2026 (July 2024 - May 2026), one post-workshop questionnaire per
responding participant, and the annual capacity-building needs-assessment survey (one
form per responding Member, survey years 2024 and 2025).

needs.csv is drawn from its own random generator (NEEDS_SEED), so it neither depends on
nor disturbs the sequence that produces the other files.
"""

import csv
import datetime as dt
import io
import math
import random
import sys
from pathlib import Path

SEED = 20240701

# --------------------------------------------------------------------------------------
# Members of the WCO Asia/Pacific region: ISO 3166-1 alpha-2 code, name, sub-region, SIE.
# --------------------------------------------------------------------------------------
SIE = {"MV", "FJ", "PW", "WS", "SB", "TO", "VU", "PG", "TL"}

MEMBERS = [
    # Sub-Continent
    ("AF", "Afghanistan", "Sub-Continent"),
    ("BD", "Bangladesh", "Sub-Continent"),
    ("BT", "Bhutan", "Sub-Continent"),
    ("IN", "India", "Sub-Continent"),
    ("IR", "Iran, Islamic Republic of", "Sub-Continent"),
    ("MV", "Maldives", "Sub-Continent"),
    ("NP", "Nepal", "Sub-Continent"),
    ("PK", "Pakistan", "Sub-Continent"),
    ("LK", "Sri Lanka", "Sub-Continent"),
    # Far East
    ("CN", "China", "Far East"),
    ("HK", "Hong Kong, China", "Far East"),
    ("MO", "Macao, China", "Far East"),
    ("MN", "Mongolia", "Far East"),
    ("JP", "Japan", "Far East"),
    ("KR", "Korea, Republic of", "Far East"),
    # ASEAN
    ("BN", "Brunei Darussalam", "ASEAN"),
    ("KH", "Cambodia", "ASEAN"),
    ("ID", "Indonesia", "ASEAN"),
    ("MY", "Malaysia", "ASEAN"),
    ("MM", "Myanmar", "ASEAN"),
    ("LA", "Lao People's Democratic Republic", "ASEAN"),
    ("PH", "Philippines", "ASEAN"),
    ("SG", "Singapore", "ASEAN"),
    ("TH", "Thailand", "ASEAN"),
    ("VN", "Viet Nam", "ASEAN"),
    # Oceania
    ("AU", "Australia", "Oceania"),
    ("FJ", "Fiji", "Oceania"),
    ("NZ", "New Zealand", "Oceania"),
    ("PG", "Papua New Guinea", "Oceania"),
    ("PW", "Palau", "Oceania"),
    ("WS", "Samoa", "Oceania"),
    ("SB", "Solomon Islands", "Oceania"),
    ("TL", "Timor-Leste", "Oceania"),
    ("TO", "Tonga", "Oceania"),
    ("VU", "Vanuatu", "Oceania"),
]
MEMBER_CODES = [m[0] for m in MEMBERS]

# --------------------------------------------------------------------------------------
# Workshops. start date, days, title, host, SAP action, modality, audience, short topic
# (used in comments), female profile, quality profile.
#   audience: "regional" (all Members invited) or "sie" (small island economies)
#   female:   "normal" (25-45 % women) or "low" (below 25 %)
#   quality:  "good", or a reason the workshop scored below 4.0:
#             "logistics", "connectivity", "content"
# Action codes are those of the Strategic Action Plan 2024-2026 (pillar.letter).
# --------------------------------------------------------------------------------------
WORKSHOPS = [
    # plan year 2024/25
    ("2024-07-22", 5, "Regional Workshop on Risk Management", "KR", "1.a", "in-person",
     "regional", "risk management", "normal", "good"),
    ("2024-08-13", 3, "Virtual Workshop on HS 2022 Implementation", "JP", "1.i", "virtual",
     "regional", "HS 2022", "normal", "good"),
    ("2024-08-26", 5, "Regional Workshop on AEO and MRA", "SG", "1.d", "in-person",
     "regional", "AEO", "normal", "good"),
    ("2024-09-09", 5, "Sub-regional Workshop on Post-Clearance Audit for Pacific Island Customs",
     "FJ", "1.q", "in-person", "sie", "post-clearance audit", "normal", "good"),
    ("2024-09-24", 3, "Regional Workshop on Data Analytics for Customs", "KR", "1.gg", "hybrid",
     "regional", "data analytics", "normal", "connectivity"),
    ("2024-10-07", 5, "Regional Leadership and Management Development Workshop", "MY", "1.jj",
     "in-person", "regional", "leadership", "low", "good"),
    ("2024-10-22", 3, "Regional Workshop on Integrity Development Tools", "ID", "1.kk",
     "in-person", "regional", "integrity", "normal", "good"),
    ("2024-11-04", 5, "Regional Workshop on E-Commerce: Framework of Standards, Data and Revenue",
     "CN", "1.r", "in-person", "regional", "e-commerce", "normal", "good"),
    ("2024-11-19", 3, "Virtual Workshop on the Revised Kyoto Convention", "AU", "1.g", "virtual",
     "regional", "the RKC", "normal", "good"),
    ("2024-12-02", 5, "Regional Workshop on Non-Intrusive Inspection (NII)", "HK", "1.ff",
     "in-person", "regional", "NII", "low", "good"),
    ("2025-01-14", 3, "Regional Workshop on the WTO Trade Facilitation Agreement", "LK", "1.h",
     "hybrid", "regional", "the TFA", "normal", "good"),
    ("2025-02-10", 5, "Regional Workshop on Environmental Crime: Hazardous Waste, Wildlife and Timber",
     "IN", "1.cc", "in-person", "regional", "environmental crime", "low", "good"),
    ("2025-02-25", 3, "Sub-regional Workshop on Risk Management for Small Island Economies", "WS",
     "3.k", "in-person", "sie", "risk management", "normal", "good"),
    ("2025-03-10", 5, "Regional Workshop on Time Release Study", "BD", "1.k", "in-person",
     "regional", "the TRS", "normal", "logistics"),
    ("2025-03-25", 3, "Virtual Workshop on Customs Valuation and Advance Rulings", "KR", "1.j",
     "virtual", "regional", "advance rulings", "normal", "good"),
    ("2025-04-21", 5, "Regional Workshop on Trade Security and Facilitation (SAFE FoS, RM and WTO TFA)",
     "PH", "1.hh", "in-person", "regional", "SAFE FoS", "normal", "good"),
    ("2025-05-12", 5, "Regional Workshop on Commercial Fraud, IPR and Drug Precursors", "VN",
     "1.ii", "in-person", "regional", "commercial fraud", "normal", "good"),
    ("2025-06-03", 3, "Regional Workshop on Capacity Building Needs Assessment and Planning", "TH",
     "3.g", "hybrid", "regional", "needs assessment", "normal", "good"),
    ("2025-06-17", 3, "Virtual Workshop on the WCO Data Model", "JP", "1.m", "virtual",
     "regional", "the Data Model", "normal", "good"),
    # plan year 2025/26
    ("2025-07-14", 5, "Regional Workshop on Risk Management and Targeting", "MN", "1.a",
     "in-person", "regional", "targeting", "normal", "good"),
    ("2025-08-04", 5, "Regional Workshop on AEO Programme Development and MRA Negotiation", "TH",
     "1.e", "in-person", "regional", "MRA", "normal", "good"),
    ("2025-08-26", 3, "Virtual Workshop on HS 2022 Classification of Complex Goods", "CN", "1.i",
     "virtual", "regional", "classification", "normal", "connectivity"),
    ("2025-09-15", 5, "Regional Workshop on Post-Clearance Audit", "MY", "1.q", "in-person",
     "regional", "post-clearance audit", "normal", "good"),
    ("2025-09-30", 3, "Regional Workshop on Data Analytics and Machine Learning for Customs", "SG",
     "1.gg", "hybrid", "regional", "machine learning", "normal", "good"),
    ("2025-10-07", 3, "Virtual Workshop on Advance Passenger Information and PNR", "NZ", "1.y",
     "virtual", "regional", "API/PNR", "normal", "good"),
    ("2025-10-20", 5, "Leadership and Management Development Programme for Senior Officials", "KR",
     "1.jj", "in-person", "regional", "leadership", "low", "good"),
    ("2025-11-10", 5, "Sub-regional Workshop on Integrity, Governance and Ethics for Pacific SIEs",
     "PG", "1.kk", "in-person", "sie", "integrity", "normal", "good"),
    ("2025-11-25", 3, "Regional Workshop on E-commerce, Postal Traffic and Express Consignments",
     "AU", "1.r", "hybrid", "regional", "e-commerce", "normal", "good"),
    ("2025-12-08", 5, "Regional Workshop on Environmental Crime and Wildlife Trafficking", "NP",
     "1.ii", "in-person", "regional", "wildlife trafficking", "normal", "good"),
    ("2026-01-20", 3, "Virtual Workshop on the WTO Trade Facilitation Agreement: Category C Measures",
     "IN", "1.h", "virtual", "regional", "the TFA", "normal", "good"),
    ("2026-02-09", 5, "Regional Workshop on Non-Intrusive Inspection and Image Analysis", "CN",
     "1.ff", "in-person", "regional", "image analysis", "low", "good"),
    ("2026-03-02", 5, "Regional Workshop on Accession to the Revised Kyoto Convention", "KH", "1.g",
     "in-person", "regional", "RKC accession", "normal", "content"),
    ("2026-03-23", 5, "Sub-regional Workshop for Small Island Economies on Valuation, HS and Revenue",
     "FJ", "3.k", "in-person", "sie", "valuation", "normal", "good"),
    ("2026-04-20", 5, "Regional Workshop on Trade Security and Facilitation", "MV", "1.hh",
     "in-person", "regional", "trade security", "normal", "good"),
    ("2026-05-18", 3, "Regional Workshop on Capacity Building Delivery and Evaluation", "MO", "3.g",
     "in-person", "regional", "evaluation", "normal", "good"),
]

ITEMS = [
    "Relevance to my work",
    "Quality of presentations",
    "Facilitators' expertise",
    "Practical exercises",
    "Organisation and logistics",
    "Usefulness of materials",
    "Overall satisfaction",
]
# How each item sits relative to the respondent's general impression.
ITEM_OFFSET = [0.10, 0.00, 0.15, -0.15, 0.00, -0.05, 0.0]

UNKNOWN_WORKSHOP = "WS-2099-01"
UNKNOWN_MEMBER = "XX"

# --------------------------------------------------------------------------------------
# Comments, as participants write them. Some contain commas, quotes and line breaks on
# purpose: the csv writer quotes them per RFC 4180 (a quote becomes "").
# --------------------------------------------------------------------------------------
COMMENTS_GENERAL = [
    "Very useful workshop. I will share the materials with my colleagues.",
    "More time for practical exercises would be appreciated.",
    "Excellent facilitators, very knowledgeable and patient.",
    "Thank you to the host administration for the excellent arrangements.",
    "Good balance between theory and practice, but the days were too long.",
    "Please share the presentations and the case study files after the workshop.",
    "Some presentations were too general. More country examples please.",
    "The \"case studies\" were excellent and close to our real work.",
    "The \"group exercise\" on the last day was the highlight, thank you.",
    "I suggest a follow-up session in six months to review the \"action plans\" we drafted.",
    "Two suggestions:\nsend the pre-reading earlier and allow more time for country presentations.",
    "Very good workshop.\nThe meeting room was too cold, though.",
    "Excellent facilitators \u2013 thank you ROCB A/P and the WCO Secretariat!",
    "The host administration\u2019s support was outstanding.",
    "Networking with colleagues from other administrations was very valuable.",
    "It would help to receive the agenda, the reading list and the logistics note two weeks earlier.",
    "Good workshop",
    "Nil",
    "Useful, relevant and well organised.",
]
COMMENTS_TOPIC = [
    "The session on {topic} was the most useful for my daily work.",
    "More examples on {topic} from small administrations would help.",
    "We plan to apply what we learned on {topic} in our administration next year.",
    "Please organise an advanced course on {topic}, with site visits if possible.",
]
COMMENTS_LOW = {
    "logistics": [
        "Sessions started late and the programme changed every day.",
        "The hotel was far from the venue and transport was not arranged.",
        "Visa support letters arrived very late, I missed the first day.",
        "Content was fine, but the organisation needs improvement.",
    ],
    "connectivity": [
        "The internet connection dropped several times, it was hard to follow.",
        "Online participants could not hear the questions from the room.",
        "Time zone made the sessions very late for Pacific participants.",
        "Audio problems on day 1.\nPlease test the platform before the next event.",
    ],
    "content": [
        "Too much lecture, not enough exercises.",
        "Most presentations repeated the same \"general overview\" of the Convention.",
        "Content was too theoretical for our level of implementation.",
        "Slides were not shared in advance and some were outdated.",
    ],
}


def date(s):
    return dt.date.fromisoformat(s)


def round_half_up(x):
    return int(math.floor(x + 0.5))


def make_workshops(rng):
    """Workshop records, with participant counts and the hidden profile used for ratings."""
    per_year = {}
    out = []
    for (start, days, title, host, action, modality, audience, topic, female,
         quality) in WORKSHOPS:
        assert host in MEMBER_CODES, host
        start_d = date(start)
        end_d = start_d + dt.timedelta(days=days - 1)
        assert start_d.weekday() < 5 and end_d.weekday() < 5, start
        assert date("2024-07-01") <= start_d and end_d <= date("2026-05-31"), start
        per_year[start_d.year] = per_year.get(start_d.year, 0) + 1
        wid = "WS-%d-%02d" % (start_d.year, per_year[start_d.year])

        if audience == "sie":
            total = rng.randint(16, 26)
        elif modality == "virtual":
            total = rng.randint(38, 45)
        else:
            total = rng.randint(33, 45)
        if female == "low":
            share = rng.uniform(0.16, 0.235)
        else:
            share = rng.uniform(0.27, 0.46)
        other = 1 if rng.random() < 0.12 else 0
        f = round_half_up((total - other) * share)
        m = total - other - f
        out.append({
            "id": wid, "title": title, "start": start_d, "end": end_d, "host": host,
            "action": action, "modality": modality, "audience": audience, "topic": topic,
            "female": f, "male": m, "other": other, "quality": quality,
        })
    return out


def participants_of(rng, ws):
    """(gender, member) for every participant: the host sends several, others one to three."""
    total = ws["female"] + ws["male"] + ws["other"]
    host = ws["host"]
    if ws["audience"] == "sie":
        pool = sorted(SIE - {host})
        guests = rng.sample(pool, min(len(pool), rng.randint(6, 8)))
        host_n = rng.randint(3, 5)
    else:
        pool = [c for c in MEMBER_CODES if c != host]
        guests = rng.sample(pool, min(len(pool), total // 2 + rng.randint(-2, 4)))
        host_n = rng.randint(2, 6)
    members = [host] * min(host_n, total)
    for g in guests:
        if len(members) >= total:
            break
        members.append(g)
    while len(members) < total:
        members.append(rng.choice(guests))
    genders = ["female"] * ws["female"] + ["male"] * ws["male"] + ["other"] * ws["other"]
    rng.shuffle(genders)
    return list(zip(genders, members))


def rating(rng, base):
    return str(min(5, max(1, round_half_up(base + rng.gauss(0.0, 0.55)))))


def make_evaluations(rng, workshops):
    rows = []
    for ws in workshops:
        if ws["quality"] == "good":
            q = rng.uniform(4.30, 4.70)
        else:
            q = rng.uniform(3.75, 3.95)
        item_offset = list(ITEM_OFFSET)
        if ws["modality"] == "virtual":
            item_offset[3] -= 0.25
        if ws["quality"] == "logistics":
            item_offset[4] -= 0.6
        if ws["quality"] == "connectivity":
            item_offset[4] -= 0.4
            item_offset[1] -= 0.2
        if ws["quality"] == "content":
            item_offset[1] -= 0.3
            item_offset[3] -= 0.4

        people = participants_of(rng, ws)
        total = len(people)
        n_resp = round_half_up(total * rng.uniform(0.65, 0.90))
        respondents = rng.sample(people, n_resp)
        same_day = 0.8 if ws["modality"] == "virtual" else 0.65
        answered = []
        for order, (gender, member) in enumerate(respondents):
            submitted = ws["end"] if rng.random() < same_day else ws["end"] + dt.timedelta(days=1)
            answered.append((submitted, order, gender, member))
        answered.sort()

        for n, (submitted, _, gender, member) in enumerate(answered, start=1):
            leniency = rng.gauss(0.0, 0.40)
            if rng.random() < 0.03:
                leniency -= 1.3  # the odd participant who is unhappy with everything
            ratings = []
            for i in range(len(ITEMS) - 1):
                u = rng.random()
                na_p = 0.06 if (i == 3 and ws["modality"] == "virtual") else 0.008
                if u < 0.05:
                    ratings.append("")
                elif u < 0.05 + na_p:
                    ratings.append("N/A")
                else:
                    ratings.append(rating(rng, q + leniency + item_offset[i]))
            overall = rating(rng, q + leniency) if rng.random() >= 0.04 else ""
            ratings.append(overall)
            if all(r in ("", "N/A") for r in ratings):
                ratings[0] = rating(rng, q + leniency)
            comment = ""
            if rng.random() < 0.08:
                comment = pick_comment(rng, ws)
            rows.append({
                "ws": ws["id"], "rid": "R%04d" % n, "member": member,
                "gender": gender if rng.random() >= 0.02 else "",
                "submitted": submitted.isoformat(), "ratings": ratings, "comment": comment,
                "end": ws["end"], "q": q,
            })
    return rows


def pick_comment(rng, ws):
    u = rng.random()
    if ws["quality"] != "good" and u < 0.6:
        return rng.choice(COMMENTS_LOW[ws["quality"]])
    if u < 0.75:
        return rng.choice(COMMENTS_GENERAL)
    return rng.choice(COMMENTS_TOPIC).format(topic=ws["topic"])


def clean(row):
    """A row that can carry exactly one deliberate problem and nothing else unusual."""
    return ("problem" not in row and row["comment"] == "" and row["gender"] != ""
            and all(r.isdigit() for r in row["ratings"]))


def plant_problems(rng, rows, workshops):
    """Plant the five deliberate problems, spread through the file. Returns the tagged rows."""
    n = len(rows)

    def clean_at(frac, extra=lambda i: True):
        i = int(n * frac)
        while not (clean(rows[i]) and extra(i)):
            i += 1
        return i

    def block_end(i):
        ws = rows[i]["ws"]
        while i + 1 < len(rows) and rows[i + 1]["ws"] == ws:
            i += 1
        return i

    # In-place problems (indices stay valid because insertions come afterwards).
    i7 = clean_at(0.15)
    rows[i7]["ratings"][3] = "7"
    rows[i7]["problem"] = ("rating out of scale", "%s = 7" % ITEMS[3])

    i45 = clean_at(0.55)
    rows[i45]["ratings"][6] = "4.5"
    rows[i45]["problem"] = ("rating not an integer", "%s = 4.5" % ITEMS[6])

    ixx = clean_at(0.90)
    rows[ixx]["member"] = UNKNOWN_MEMBER
    rows[ixx]["problem"] = ("unknown member code", "member_code = XX")

    # The duplicate: a participant who submitted the form again the next day.
    idup = clean_at(0.75, lambda i: rows[i]["submitted"] == rows[i]["end"].isoformat())
    orig = rows[idup]
    orig["problem_ref"] = True
    dup = dict(orig)
    dup["submitted"] = (orig["end"] + dt.timedelta(days=1)).isoformat()
    dup["ratings"] = [r if rng.random() < 0.6 else rating(rng, orig["q"]) for r in orig["ratings"]]
    dup["problem"] = ("duplicate respondent",
                      "repeats workshop_id %s, respondent_id %s" % (orig["ws"], orig["rid"]))
    del dup["problem_ref"]

    # The unknown workshop: a stray form at a block boundary (a typo'd workshop code).
    iunk = block_end(int(n * 0.35))
    prev = rows[iunk]
    unk = {
        "ws": UNKNOWN_WORKSHOP, "rid": "R0001", "member": rng.choice(MEMBER_CODES),
        "gender": "female", "submitted": prev["submitted"],
        "ratings": [rating(rng, 4.4) for _ in ITEMS], "comment": "", "end": prev["end"],
        "q": 4.4, "problem": ("unknown workshop_id", "workshop_id = %s" % UNKNOWN_WORKSHOP),
    }

    # Insert from the back so earlier indices stay valid.
    idup_end = block_end(idup)
    assert idup_end > iunk
    rows.insert(idup_end + 1, dup)
    rows.insert(iunk + 1, unk)
    return rows


# ======================================================================================
# Needs-assessment survey (needs.csv): the annual capacity-building needs survey, one
# form per responding Member per survey year. Every topic column holds a priority on 1-5
# (5 = highest need); the topic headers are readable labels from the Strategic Action Plan.
# ======================================================================================
NEEDS_SEED = 20250203
NEEDS_YEARS = (2024, 2025)

# Registered Members that did not return the form: 31/35 respond in 2024, 33/35 in 2025.
NEEDS_NONRESPONDENTS = {2024: ("AF", "MM", "PW", "TO"), 2025: ("AF", "SB")}

# label, level of need across the region in 2024, change from 2024 to 2025. HS 2022 and
# the RKC are largely behind the region; data analytics, e-commerce and environmental crime
# are rising.
NEEDS_TOPICS = [
    ("Risk management", 3.55, 0.00),
    ("AEO and MRA", 3.25, 0.05),
    ("Revised Kyoto Convention", 3.35, -0.60),
    ("WTO Trade Facilitation Agreement", 3.40, -0.15),
    ("HS 2022", 3.80, -0.80),
    ("Customs valuation", 3.45, 0.00),
    ("Rules of origin", 3.30, 0.05),
    ("Post-clearance audit", 3.60, 0.00),
    ("E-commerce", 3.50, 0.50),
    ("Single Window", 3.20, -0.05),
    ("Integrity", 3.00, 0.00),
    ("Data analytics and machine learning", 3.45, 0.70),
    ("Leadership and management", 3.35, 0.05),
    ("Environmental crime", 2.80, 0.70),
    ("Non-intrusive inspection", 3.10, 0.05),
]
NEEDS_LABELS = [t[0] for t in NEEDS_TOPICS]

# Administrations with mature programmes in the basics (lower need there, higher on the
# newer topics), and administrations with high needs across the board.
NEEDS_ADVANCED = {"AU", "NZ", "JP", "KR", "SG", "HK", "CN"}
NEEDS_HIGH = {"AF", "BD", "BT", "KH", "LA", "MM", "NP", "TL", "SB", "VU"}

# Shifts of the level of need by group; "*" applies to every topic.
NEEDS_EFFECTS = {
    "sie": {"HS 2022": 0.8, "Customs valuation": 0.7, "E-commerce": 0.5,
            "Leadership and management": 0.7, "Single Window": 0.2,
            "Data analytics and machine learning": -0.5, "AEO and MRA": -0.7,
            "Non-intrusive inspection": -0.3, "Rules of origin": -0.2},
    "ASEAN": {"Data analytics and machine learning": 0.6, "AEO and MRA": 0.3,
              "Rules of origin": 0.3, "E-commerce": 0.2},
    "Far East": {"Data analytics and machine learning": 0.6, "E-commerce": 0.3,
                 "Environmental crime": 0.2},
    "Sub-Continent": {"Rules of origin": 0.4, "WTO Trade Facilitation Agreement": 0.4,
                      "Single Window": 0.4, "Environmental crime": 0.3},
    "Oceania": {"Environmental crime": 0.3, "Risk management": 0.2},
    "advanced": {"*": -0.3, "HS 2022": -0.5, "Customs valuation": -0.4,
                 "Revised Kyoto Convention": -0.6, "WTO Trade Facilitation Agreement": -0.5,
                 "Single Window": -0.4, "Integrity": -0.3, "Leadership and management": -0.2,
                 "Data analytics and machine learning": 0.6, "Environmental crime": 0.5,
                 "E-commerce": 0.3},
    "high": {"*": 0.3},
}

# The deliberate problems of needs.csv (all in the 2025 round). NEEDS_DUP_MEMBER sends its
# form twice: the later submission wins, the earlier is superseded.
NEEDS_DUP_MEMBER = "KH"
NEEDS_DUP_FIRST = "2025-02-26"
NEEDS_DUP_LATER = "2025-03-12"
NEEDS_UNKNOWN_MEMBER = "ZZ"
NEEDS_UNKNOWN_DATE = "2025-03-05"

# Comments, written where a Member had something to say, with the priorities the comment
# speaks of (set on that form so that comment and numbers agree). One comment has a line
# break and one a quote inside the quoted field; several contain commas.
NEEDS_COMMENTS = {
    ("FJ", 2024): ("HS 2022 implementation remains our first priority, including tariff "
                   "updates, classification rulings and training for new officers.",
                   {"HS 2022": 5}),
    ("BT", 2024): ("We would welcome a national workshop on post-clearance audit, ideally "
                   "before the end of the year.", {"Post-clearance audit": 5}),
    ("LK", 2024): ("Two priorities for us:\nrules of origin under the new FTAs and the "
                   "national Single Window.", {"Rules of origin": 5, "Single Window": 5}),
    ("TL", 2024): ("We are reviewing our legislation against the \"General Annex\" of the "
                   "RKC and would appreciate expert guidance.", {"Revised Kyoto Convention": 5}),
    ("KR", 2024): ("Nil", {}),
    ("VN", 2025): ("Data analytics and machine learning for risk targeting is now our top "
                   "priority.", {"Data analytics and machine learning": 5}),
    ("TO", 2025): ("Please consider virtual formats where possible; travel costs for Pacific "
                   "officers are high.", {}),
    ("IN", 2025): ("Environmental crime (hazardous waste, wildlife, timber) is a growing "
                   "concern, and inter-agency cooperation needs support.",
                   {"Environmental crime": 5}),
    ("WS", 2025): ("Leadership training for middle managers, then valuation and e-commerce.",
                   {"Leadership and management": 5, "Customs valuation": 4, "E-commerce": 4}),
    ("NZ", 2025): ("Same priorities as last year.", {}),
}
NEEDS_DUP_COMMENT = ("Revised submission after review by senior management, replaces the form "
                     "sent on %s." % NEEDS_DUP_FIRST)
NEEDS_UNKNOWN_COMMENT = "Test submission, please ignore"


def weekdays(a, b):
    out = []
    d = a
    while d <= b:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def needs_level(code, sub, label, year, base, change):
    """The expected priority of one topic for one Member, before its own leanings and noise."""
    mu = base + (change if year == 2025 else 0.0)
    groups = [sub]
    if code in SIE:
        groups.append("sie")
    if code in NEEDS_ADVANCED:
        groups.append("advanced")
    if code in NEEDS_HIGH:
        groups.append("high")
    for g in groups:
        eff = NEEDS_EFFECTS.get(g, {})
        mu += eff.get("*", 0.0) + eff.get(label, 0.0)
    return mu


def needs_priority(x):
    return str(min(5, max(1, round_half_up(x))))


def make_needs():
    """The needs.csv records in file order (by year, then submission date)."""
    rng = random.Random(NEEDS_SEED)
    # A Member's leanings persist from one year to the next: an overall tendency to rate
    # high or low, and a view of each topic of its own.
    lean = {}
    for code, _, _ in MEMBERS:
        lean[code] = (rng.gauss(0.0, 0.30), [rng.gauss(0.0, 0.45) for _ in NEEDS_TOPICS])

    rows = []
    for year in NEEDS_YEARS:
        early = weekdays(dt.date(year, 2, 5), dt.date(year, 3, 28))
        late = weekdays(dt.date(year, 3, 31), dt.date(year, 4, 25))
        for code, _, sub in MEMBERS:
            if code in NEEDS_NONRESPONDENTS[year]:
                continue
            general, own = lean[code]
            values = []
            for k, (label, base, change) in enumerate(NEEDS_TOPICS):
                mu = needs_level(code, sub, label, year, base, change) + general + own[k]
                values.append(needs_priority(mu + rng.gauss(0.0, 0.45)))
            submitted = rng.choice(early) if rng.random() < 0.85 else rng.choice(late)
            comment, stated = NEEDS_COMMENTS.get((code, year), ("", {}))
            fixed = set()
            for label, v in stated.items():
                values[NEEDS_LABELS.index(label)] = str(v)
                fixed.add(NEEDS_LABELS.index(label))
            rows.append({"member": code, "year": year, "submitted": submitted,
                         "values": values, "comment": comment, "fixed": fixed,
                         "order": rng.random()})
    assert all(any(r["member"] == c and r["year"] == y for r in rows)
               for (c, y) in NEEDS_COMMENTS), "a comment for a non-respondent"

    # About 3% of the priorities left blank (never a whole form, never a problem row).
    for r in rows:
        if r["member"] == NEEDS_DUP_MEMBER and r["year"] == 2025:
            continue
        for k in range(len(NEEDS_TOPICS)):
            if rng.random() < 0.03 and k not in r["fixed"]:
                r["values"][k] = ""
        assert any(r["values"])

    # (1) The duplicate: the first form, then a revised one two weeks later with a few
    # priorities changed.
    first = next(r for r in rows if r["member"] == NEEDS_DUP_MEMBER and r["year"] == 2025)
    first["submitted"] = date(NEEDS_DUP_FIRST)
    first["problem"] = "superseded submission"
    later = dict(first, values=list(first["values"]), submitted=date(NEEDS_DUP_LATER),
                 comment=NEEDS_DUP_COMMENT, order=rng.random(), problem="duplicate submission")
    for k in sorted(rng.sample(range(len(NEEDS_TOPICS)), 3)):
        v = int(later["values"][k])
        later["values"][k] = str(v - 1 if v == 5 else v + 1 if v == 1
                                 else v + rng.choice((-1, 1)))
    rows.append(later)

    # (2) A form under a member code that is not in members.csv.
    unk_sub = "ASEAN"
    rows.append({"member": NEEDS_UNKNOWN_MEMBER, "year": 2025,
                 "submitted": date(NEEDS_UNKNOWN_DATE),
                 "values": [needs_priority(needs_level("", unk_sub, label, 2025, base, change)
                                           + rng.gauss(0.0, 0.45))
                            for (label, base, change) in NEEDS_TOPICS],
                 "comment": NEEDS_UNKNOWN_COMMENT, "fixed": set(), "order": rng.random(),
                 "problem": "unknown member code"})

    rows.sort(key=lambda r: (r["year"], r["submitted"], r["order"]))
    for r in rows:
        assert dt.date(r["year"], 2, 1) <= r["submitted"] <= dt.date(r["year"], 4, 30)
    make_tie(rng, rows)
    return rows


def needs_resolved(rows, year):
    """The forms that count for one year: registered Members only, the later of two forms."""
    keep = {}
    for i, r in enumerate(rows):
        if r["year"] != year or r["member"] not in MEMBER_CODES:
            continue
        key = (r["submitted"], i)
        if r["member"] not in keep or key > keep[r["member"]][0]:
            keep[r["member"]] = (key, r)
    return [keep[c][1] for c in MEMBER_CODES if c in keep]


def topic_sums(forms):
    out = []
    for k in range(len(NEEDS_TOPICS)):
        vals = [int(f["values"][k]) for f in forms if f["values"][k] != ""]
        out.append((len(vals), sum(vals)))
    return out


def make_tie(rng, rows):
    """Make two topics tie exactly on the 2025 mean (same responses, same total) if the
    draw did not already: raise one priority by one point in an ordinary form. (With
    NEEDS_SEED the draw already has two such ties, so nothing is changed.)"""
    sums = topic_sums(needs_resolved(rows, 2025))
    pairs = [(a, b) for a in range(len(sums)) for b in range(a + 1, len(sums))
             if sums[a][0] == sums[b][0]]
    if any(sums[a][1] == sums[b][1] for a, b in pairs):
        return
    # The closest pair one point apart, the upper half of the ranking first.
    cands = sorted((-(sums[a][1] + sums[b][1]), a, b) for a, b in pairs
                   if abs(sums[a][1] - sums[b][1]) == 1)
    assert cands, "no topic pair one point apart"
    _, a, b = cands[0]
    low = a if sums[a][1] < sums[b][1] else b
    forms = [r for r in needs_resolved(rows, 2025)
             if "problem" not in r and low not in r["fixed"] and r["values"][low] in ("3", "4")]
    f = rng.choice(forms)
    f["values"][low] = str(int(f["values"][low]) + 1)
    sums = topic_sums(needs_resolved(rows, 2025))
    assert sums[a] == sums[b]


def needs_csv(rows):
    """The text of needs.csv, the deliberate problems by physical line, the line count."""
    header = ["member_code", "year", "submitted_at"] + NEEDS_LABELS + ["comments"]
    text_rows = [header]
    lines = []
    line = 2
    for r in rows:
        cells = [r["member"], str(r["year"]), r["submitted"].isoformat()] + r["values"] \
            + [r["comment"]]
        text_rows.append(cells)
        lines.append(line)
        line += csv_text([cells]).count("\n")
    text = csv_text(text_rows)
    assert text.count("\n") == line - 1

    at = {id(r): (lines[i], i + 1) for i, r in enumerate(rows)}
    first = next(r for r in rows if r.get("problem") == "superseded submission")
    later = next(r for r in rows if r.get("problem") == "duplicate submission")
    bad = []
    for i, r in enumerate(rows):
        p = r.get("problem")
        if p == "superseded submission":
            what = "%s %d submitted %s; replaced by the form on line %d" % (
                r["member"], r["year"], r["submitted"].isoformat(), at[id(later)][0])
        elif p == "duplicate submission":
            what = "%s %d submitted again %s; this later form wins" % (
                r["member"], r["year"], r["submitted"].isoformat())
        elif p == "unknown member code":
            what = "member_code = %s" % r["member"]
        else:
            continue
        bad.append((lines[i], i + 1, p, what))
    assert at[id(first)][0] < at[id(later)][0]
    return text, bad, line - 1


def needs_summary(rows):
    """Per-year topic statistics as the specification defines them (checks of realism, and
    figures for the README)."""
    from fractions import Fraction
    import statistics
    out = {}
    cells = [v for r in rows for v in r["values"]]
    out["blank"] = "%d of %d (%.1f%%)" % (cells.count(""), len(cells),
                                          100.0 * cells.count("") / len(cells))
    for year in NEEDS_YEARS:
        forms = needs_resolved(rows, year)
        by_topic = {}
        for k, label in enumerate(NEEDS_LABELS):
            vals = [int(f["values"][k]) for f in forms if f["values"][k] != ""]
            n = len(vals)
            by_topic[label] = {
                "topic": label, "n": n, "sum": sum(vals),
                "exact": Fraction(sum(vals), n), "mean": sum(vals) / n,
                "median": statistics.median(vals),
                "hcount": sum(1 for v in vals if v >= 4),
                "high": sum(1 for v in vals if v >= 4) / n,
                "top": sum(1 for v in vals if v == 5),
            }
        ranked = sorted(by_topic.values(),
                        key=lambda t: (-t["exact"], -Fraction(t["hcount"], t["n"]), -t["n"],
                                       t["topic"]))
        out[year] = {"respondents": len(forms), "by_topic": by_topic, "ranked": ranked}
    for t in out[2025]["ranked"]:
        t["change"] = t["mean"] - out[2024]["by_topic"][t["topic"]]["mean"]
    ties = []
    r25 = out[2025]["ranked"]
    for a, b in zip(r25, r25[1:]):
        if a["exact"] == b["exact"]:
            ties.append((a, b))
    out["ties"] = ties
    return out


def fmt_median(m):
    return ("%d" % m) if m == int(m) else ("%.1f" % m)


def needs_readme(rows, bad, physical, st):
    n_year = {y: sum(1 for r in rows if r["year"] == y) for y in NEEDS_YEARS}
    missing = {y: ", ".join(NEEDS_NONRESPONDENTS[y]) for y in NEEDS_YEARS}
    bad_lines = "\n".join("| %d | %d | %s | %s |" % b for b in bad)
    table = "\n".join(
        "| %d | %s | %d | %.2f | %s | %.1f%% | %d | %.2f | %+.2f |" % (
            rank, t["topic"], t["n"], t["mean"], fmt_median(t["median"]), 100.0 * t["high"],
            t["top"], st[2024]["by_topic"][t["topic"]]["mean"], t["change"])
        for rank, t in enumerate(st[2025]["ranked"], start=1))
    movers = sorted(st[2025]["ranked"], key=lambda t: (t["change"], t["topic"]))
    rising = ", ".join("%s (%+.2f)" % (t["topic"], t["change"])
                       for t in reversed(movers[-3:]))
    falling = ", ".join("%s (%+.2f)" % (t["topic"], t["change"]) for t in movers[:2])
    ties = "; ".join(
        "`%s` and `%s` (%d/%d each, %.4f; high priority %.1f%% against %.1f%%)" % (
            a["topic"], b["topic"], a["sum"], a["n"], a["mean"], 100.0 * a["high"],
            100.0 * b["high"]) for a, b in st["ties"])
    n_com = sum(1 for r in rows if r["comment"])
    assert sum(1 for r in rows if "\n" in r["comment"]) == 1
    assert sum(1 for r in rows if '"' in r["comment"]) == 1
    dup = next(b for b in bad if b[2] == "superseded submission")
    later = next(b for b in bad if b[2] == "duplicate submission")
    unk = next(b for b in bad if b[2] == "unknown member code")
    return """
## needs.csv — {n_rows} data rows, {physical} physical lines

The annual capacity-building needs-assessment survey: one form per responding Member per
survey year, in order of submission. Columns: `member_code`, `year` (2024 or 2025),
`submitted_at` (ISO date, February–April of the survey year; the survey closes at the end of
March and a few forms arrive in April), {n_topics} topic columns whose headers are the topic
labels, and `comments`. A topic cell is a priority on 1–5 (5 = highest need).

Topics, in column order: {topics}.

Rows: {n24} in 2024, {n25} in 2025 (the 2025 rows include the two problem rows below).
Registered Members responding: {r24}/35 in 2024 (not: {m24}) and {r25}/35 in 2025 (not:
{m25}), counting the Member that submitted twice once and leaving out `{unk_code}`.

The priorities are structured, not uniform: small island economies rate HS 2022, customs
valuation, e-commerce and leadership higher and AEO lower; ASEAN and Far East Members rate data
analytics higher; administrations with mature programmes (Australia, New Zealand, Japan, Korea,
Singapore, Hong Kong China, China) rate the basics lower and the newer topics higher; a Member's
leanings carry over from one year to the next. Between the two rounds the largest rises are
{rising}; the largest falls {falling}.

Normal "no answer" cells, not problems: {blank} priorities are blank. {ncom} rows have a
comment; several contain commas, one a doubled quote (`""General Annex""`) and one a line
break inside the quoted field, so physical lines outnumber records.

### Deliberate problems

Exactly three rows are involved, all in the 2025 round. "Line" is the physical line as a text
editor shows it (header = line 1, line breaks inside quoted comments counted); "record" is the
data row number (header not counted).

| line | record | problem | detail |
|---|---|---|---|
{bad_lines}

`{dup_code}` sent its 2025 form on line {dup_line} and a revised one on line {later_line}, with three
priorities changed. Per the specification the form with the later `submitted_at` wins; the one
on line {dup_line} is recorded as superseded, not dropped silently. `{unk_code}` (line {unk_line}) is not
in members.csv, so that row is rejected. Every other row is valid.

### 2025 priorities (after resolving the duplicate and dropping `{unk_code}`)

Ranked as the specification says (mean, then high-priority share, then responses, then label).
Exact tie of means: {ties}.

| rank | topic | responses | mean | median | high priority (4–5) | top priority (5) | 2024 mean | change |
|---|---|---|---|---|---|---|---|---|
{table}
""".format(
        n_rows=len(rows), physical=physical, n_topics=len(NEEDS_LABELS),
        topics=", ".join("`%s`" % t for t in NEEDS_LABELS),
        n24=n_year[2024], n25=n_year[2025], r24=st[2024]["respondents"], m24=missing[2024],
        r25=st[2025]["respondents"], m25=missing[2025], unk_code=NEEDS_UNKNOWN_MEMBER,
        rising=rising, falling=falling, blank=st["blank"], ncom=n_com,
        bad_lines=bad_lines, dup_code=NEEDS_DUP_MEMBER, dup_line=dup[0], later_line=later[0],
        unk_line=unk[0], ties=ties or "none", table=table)


def csv_text(rows):
    """The exact text of a CSV file, as the csv writer produces it."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


# ======================================================================================
# Output section.
#
# Deliberate bad rows of evaluations.csv, by PHYSICAL line (as a text editor counts: the
# header is line 1 and a line break inside a quoted comment starts a new line). The script
# recomputes them and refuses to finish if they drift from this table:
#
#   line  152  rating out of scale        Practical exercises = 7
#   line  348  unknown workshop_id        workshop_id = WS-2099-01
#   line  541  rating not an integer      Overall satisfaction = 4.5
#   line  760  duplicate respondent       repeats an earlier (workshop_id, respondent_id)
#   line  888  unknown member code        member_code = XX
# ======================================================================================
EXPECTED_BAD_LINES = {
    "rating out of scale": 152,
    "unknown workshop_id": 348,
    "rating not an integer": 541,
    "duplicate respondent": 760,
    "unknown member code": 888,
}

# Deliberate problems of needs.csv, by PHYSICAL line as above (checked the same way):
#
#   line   45  superseded submission      KH 2025, the earlier of two forms
#   line   48  unknown member code        member_code = ZZ
#   line   54  duplicate submission       KH 2025, the later form (wins)
EXPECTED_NEEDS_LINES = {
    "superseded submission": 45,
    "unknown member code": 48,
    "duplicate submission": 54,
}


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)

    # members.csv
    members_rows = [["member_code", "member_name", "subregion", "sie"]]
    for code, name, sub in MEMBERS:
        members_rows.append([code, name, sub, "yes" if code in SIE else "no"])
    assert len(MEMBERS) == 35 and len(set(MEMBER_CODES)) == 35
    write(out / "members.csv", csv_text(members_rows))

    # workshops.csv
    workshops = make_workshops(rng)
    ws_rows = [["workshop_id", "title", "start_date", "end_date", "host_member", "action",
                "modality", "participants_female", "participants_male", "participants_other"]]
    for ws in workshops:
        ws_rows.append([ws["id"], ws["title"], ws["start"].isoformat(), ws["end"].isoformat(),
                        ws["host"], ws["action"], ws["modality"], ws["female"], ws["male"],
                        ws["other"]])
    write(out / "workshops.csv", csv_text(ws_rows))

    # evaluations.csv
    rows = plant_problems(rng, make_evaluations(rng, workshops), workshops)
    header = ["workshop_id", "respondent_id", "member_code", "gender", "submitted_at"] \
        + ITEMS + ["comments"]
    text_rows = [header]
    bad = []
    line = 2
    for rec, r in enumerate(rows, start=1):
        cells = [r["ws"], r["rid"], r["member"], r["gender"], r["submitted"]] \
            + r["ratings"] + [r["comment"]]
        text_rows.append(cells)
        if "problem" in r:
            bad.append((line, rec, r["problem"][0], r["problem"][1]))
        if r.get("problem_ref"):
            first_of_dup = (line, rec)
        line += csv_text([cells]).count("\n")
    eval_text = csv_text(text_rows)
    assert eval_text.count("\n") == line - 1
    write(out / "evaluations.csv", eval_text)

    found = {p: l for (l, _, p, _) in bad}
    if found != EXPECTED_BAD_LINES:
        sys.exit("bad-row lines drifted: %r != %r; update EXPECTED_BAD_LINES and README"
                 % (found, EXPECTED_BAD_LINES))

    stats = summarise(workshops, rows, eval_text)

    # needs.csv
    needs = make_needs()
    needs_text, needs_bad, needs_physical = needs_csv(needs)
    write(out / "needs.csv", needs_text)
    found = {p: l for (l, _, p, _) in needs_bad}
    if found != EXPECTED_NEEDS_LINES:
        sys.exit("needs.csv problem lines drifted: %r != %r; update EXPECTED_NEEDS_LINES and "
                 "README" % (found, EXPECTED_NEEDS_LINES))
    needs_stats = needs_summary(needs)

    # delegations.csv, activities.csv, status.csv, kpi_values.csv
    delegations = make_delegations()
    write(out / "delegations.csv", csv_text(
        [["forum", "date", "member_code", "head_gender"]]
        + [[r["forum"], r["date"].isoformat(), r["member"], r["gender"]] for r in delegations]))
    activities = make_activities(workshops, rows)
    write(out / "activities.csv", csv_text([ACTIVITY_HEADER] + activities))
    status_rows = make_status()
    write(out / "status.csv", csv_text([["member_code", "action", "status", "as_of"]]
                                       + status_rows))
    write(out / "kpi_values.csv", csv_text([["kpi_id", "value", "as_of", "source"]]
                                           + KPI_VALUES))
    catalogue = Path(__file__).resolve().parent.parent / "plans" / "sap-2024-2026.csv"
    score = sap_check(out, catalogue)
    traps, h_alt = sap_traps(out, catalogue, score, activities, status_rows)

    write(out / "README.md", readme(workshops, rows, bad, first_of_dup, line - 1, stats)
          + needs_readme(needs, needs_bad, needs_physical, needs_stats)
          + sap_readme(delegations, activities, status_rows, score, traps, h_alt))

    print("members.csv      %4d rows" % (len(members_rows) - 1))
    print("workshops.csv    %4d rows" % (len(ws_rows) - 1))
    print("evaluations.csv  %4d rows (%d physical lines incl. header)" % (len(rows), line - 1))
    for (l, rec, p, what) in bad:
        print("  bad row: line %4d (record %4d)  %-22s %s" % (l, rec, p, what))
    for k, v in stats.items():
        print("  %s: %s" % (k, v))
    print("needs.csv        %4d rows (%d physical lines incl. header)"
          % (len(needs), needs_physical))
    for (l, rec, p, what) in needs_bad:
        print("  problem: line %4d (record %4d)  %-22s %s" % (l, rec, p, what))
    for y in NEEDS_YEARS:
        print("  %d: %d rows, %d/%d registered Members responded"
              % (y, sum(1 for r in needs if r["year"] == y), needs_stats[y]["respondents"],
                 len(MEMBERS)))
    print("  blank priorities: %s" % needs_stats["blank"])
    print("  2025 ranking (mean, high-priority share, n; 2024 mean, change):")
    for rank, t in enumerate(needs_stats[2025]["ranked"], start=1):
        print("    %2d  %-36s %.4f  %5.1f%%  %2d   (2024 %.4f, %+.2f)"
              % (rank, t["topic"], t["mean"], 100.0 * t["high"], t["n"],
                 needs_stats[2024]["by_topic"][t["topic"]]["mean"], t["change"]))
    print("delegations.csv  %4d rows" % len(delegations))
    print("activities.csv   %4d rows" % len(activities))
    print("status.csv       %4d rows" % len(status_rows))
    print("kpi_values.csv   %4d rows" % len(KPI_VALUES))
    print("scorecard at as-of %s (%d KPIs):" % (SAP_AS_OF, len(score)))
    for s in STATUSES:
        ids = [r["id"] for r in score if r["status"] == s]
        print("  %-9s %2d  %s" % (s, len(ids), " ".join(ids)))
    return 0


def summarise(workshops, rows, eval_text):
    """Figures used in the README and printed as a check of realism."""
    f = sum(w["female"] for w in workshops)
    t = sum(w["female"] + w["male"] + w["other"] for w in workshops)
    cells = [x for r in rows for x in r["ratings"]]
    by_ws = {}
    for r in rows:
        if "problem" in r and r["problem"][0] in ("unknown workshop_id", "duplicate respondent"):
            continue
        valid = [int(x) for x in r["ratings"] if x.isdigit() and 1 <= int(x) <= 5]
        if valid:
            by_ws.setdefault(r["ws"], []).append(sum(valid) / len(valid))
    means = {k: sum(v) / len(v) for k, v in by_ws.items()}
    below = sorted(k for k, v in means.items() if v < 4.0)
    low_f = sorted(w["id"] for w in workshops
                   if w["female"] / (w["female"] + w["male"] + w["other"]) < 0.25)
    return {
        "participants": t,
        "female share": "%.1f%%" % (100.0 * f / t),
        "workshops below 25% women": ", ".join(low_f),
        "blank ratings": "%.1f%%" % (100.0 * cells.count("") / len(cells)),
        "N/A ratings": cells.count("N/A"),
        "rows with comments": sum(1 for r in rows if r["comment"]),
        "multi-line comments": sum(1 for r in rows if "\n" in r["comment"]),
        "workshops below 4.0": ", ".join("%s (%.2f)" % (k, means[k]) for k in below),
        "programme score": "%.2f" % (sum(sum(v) for v in by_ws.values())
                                    / sum(len(v) for v in by_ws.values())),
    }


def readme(workshops, rows, bad, first_of_dup, physical, stats):
    years = {}
    for w in workshops:
        y = "2024/25" if w["start"] < date("2025-07-01") else "2025/26"
        years[y] = years.get(y, 0) + 1
    bad_lines = "\n".join("| %d | %d | %s | %s |" % b for b in bad)
    return """\
# Sample data

A complete, realistic (but invented) data folder for `cbkpi`, used by the golden tests and as a
worked example. Generated by `make_samples.py` (standard library only, fixed seed; running it
again gives byte-identical files):

    /usr/bin/python3 samples/make_samples.py

All files are UTF-8 without BOM, LF line endings, comma-delimited, RFC 4180 quoting. Do not
edit the CSV files by hand: change the script and run it again (it checks that the deliberate
bad rows stay on the lines listed below).

## members.csv — {n_members} rows

The 35 Members of the WCO Asia/Pacific region: `member_code` (ISO 3166-1 alpha-2),
`member_name`, `subregion` (Sub-Continent 9, Far East 6, ASEAN 10, Oceania 10) and `sie`
(yes for the 9 small island economies: Maldives, Fiji, Palau, Papua New Guinea, Samoa, Solomon
Islands, Timor-Leste, Tonga, Vanuatu). Names with commas are quoted (`"Hong Kong, China"`,
`"Macao, China"`, `"Korea, Republic of"`, `"Iran, Islamic Republic of"`). No problems.

## workshops.csv — {n_ws} rows

Regional and sub-regional workshops from {first} to {last}: {y1} in plan year 2024/25, {y2} in
2025/26. `workshop_id` is `WS-<start year>-<sequence>`; `action` is the Strategic Action Plan
2024–2026 action code (e.g. `1.a` risk management, `1.d` AEO, `1.q` PCA, `1.gg` data
analytics, `1.jj` leadership, `3.g` capacity building, `3.k` small island economies);
`modality` is in-person, virtual or hybrid. Some titles contain commas (quoted). Participants:
{participants} in all, female share {fshare}; below 25% women: {lowf}. No problems.

## evaluations.csv — {n_rows} data rows, {physical} physical lines

One post-workshop questionnaire per responding participant (60–90% of each workshop's
participants). Columns: `workshop_id`, `respondent_id` (`R0001`… restarting in each workshop),
`member_code` (the respondent's administration), `gender`, `submitted_at` (end date of the
workshop or the day after), seven rating items on 1–5 whose headers are their labels
(`Relevance to my work`, `Quality of presentations`, `Facilitators' expertise`, `Practical
exercises`, `Organisation and logistics`, `Usefulness of materials`, `Overall satisfaction`),
and `comments`.

Normal "no answer" cells, not problems: {blank} of ratings are blank, {na} are `N/A`
(mostly `Practical exercises` in virtual workshops), a few `gender` cells are blank.
{ncom} rows have a comment; some comments contain commas, doubled quotes (`""case
studies""`) or non-ASCII punctuation, and {nml} contain a line break inside the quoted field,
so physical lines outnumber records. Programme score (mean of respondent scores; rejected rows
and cells left out): {prog}. Workshops scoring below 4.0: {below}.

### Deliberate problems

Exactly five rows are wrong on purpose. "Line" is the physical line as a text editor shows it
(header = line 1, line breaks inside quoted comments counted); "record" is the data row number
(header not counted).

| line | record | problem | detail |
|---|---|---|---|
{bad_lines}

The duplicate repeats the row on line {dup_line} (record {dup_rec}): the participant submitted
the form again the next day; per the specification the later row is rejected. The unknown
workshop row is rejected whole. The out-of-scale `7` and the non-integer `4.5` reject that one
cell only; the rest of those rows counts. `XX` is not in members.csv (the specification does not
say how an unknown member code in evaluations is treated; it must at least be reported, not
dropped silently). Every other row is valid.
""".format(
        n_members=len(MEMBERS), n_ws=len(workshops),
        first=workshops[0]["start"].isoformat(), last=workshops[-1]["end"].isoformat(),
        y1=years.get("2024/25", 0), y2=years.get("2025/26", 0),
        participants=stats["participants"], fshare=stats["female share"],
        lowf=stats["workshops below 25% women"], n_rows=len(rows), physical=physical,
        blank=stats["blank ratings"], na=stats["N/A ratings"], ncom=stats["rows with comments"],
        nml=stats["multi-line comments"], prog=stats["programme score"],
        below=stats["workshops below 4.0"], bad_lines=bad_lines,
        dup_line=first_of_dup[0], dup_rec=first_of_dup[1])


# ======================================================================================
# Strategic Action Plan scorecard inputs: delegations.csv, activities.csv, status.csv,
# kpi_values.csv. Each file comes from its own random generator (or none), so nothing here
# depends on or disturbs the sequences that produce the files above.
#
# The data are shaped so that the scorecard at the as-of date SAP_AS_OF shows every status
# among the 61 KPIs of plans/sap-2024-2026.csv. SAP_INTENDED is the design; sap_scorecard()
# below recomputes every KPI from the written CSV files (an independent oracle, sharing
# nothing with the C code) and the script refuses to finish if the two disagree.
# ======================================================================================
SAP_AS_OF = "2026-03-31"
PLAN_START = "2024-07-01"
PLAN_END = "2026-06-30"
DELEGATIONS_SEED = 20230701
STATUS_SEED = 20240930

# --------------------------------------------------------------------------------------
# delegations.csv: the sessions of international fora that Members of the region attend.
# Delegations headed by a woman, by period (exact, drawn at random among the delegations of
# the period): plan year 2023/24 (the year before the plan window) 20, 2024/25 25 (growth
# +25%), 2025/26 27 in all: 20 from July to March and 7 in April-May 2026 (after the as-of
# date). At the as-of date 2025/26 stands at 20: growth -20%.
# --------------------------------------------------------------------------------------
FORUM_SIZE = {
    # forum: (fewest, most delegations of the region, who attends)
    "WCO Council": (27, 31, "all"),
    "WCO Policy Commission": (6, 6, "pc"),
    "WCO Capacity Building Committee": (16, 21, "all"),
    "A/P Regional Heads of Customs Administration Conference": (28, 32, "all"),
    "WCO Harmonized System Committee": (10, 14, "technical"),
    "WCO Permanent Technical Committee": (8, 12, "technical"),
    "WCO Technical Committee on Customs Valuation": (8, 12, "technical"),
    "WCO Technical Committee on Rules of Origin": (7, 10, "technical"),
    "WCO Enforcement Committee": (10, 14, "technical"),
    "WCO SAFE Working Group": (7, 10, "technical"),
    "WCO Integrity Sub-Committee": (7, 10, "all"),
}
# The Members of the region on the Policy Commission (invented for the samples).
POLICY_COMMISSION = ("CN", "IN", "JP", "KR", "AU", "MY")

DELEGATION_SESSIONS = [
    # plan year 2023/24 (before the plan window: the base of the first growth)
    ("2023-09-13", "WCO Harmonized System Committee"),
    ("2023-10-10", "WCO SAFE Working Group"),
    ("2023-10-17", "WCO Permanent Technical Committee"),
    ("2023-10-24", "WCO Technical Committee on Customs Valuation"),
    ("2023-11-14", "WCO Technical Committee on Rules of Origin"),
    ("2023-12-04", "WCO Policy Commission"),
    ("2024-02-27", "WCO Integrity Sub-Committee"),
    ("2024-03-11", "WCO Enforcement Committee"),
    ("2024-03-13", "WCO Harmonized System Committee"),
    ("2024-04-09", "WCO Permanent Technical Committee"),
    ("2024-04-16", "WCO Technical Committee on Customs Valuation"),
    ("2024-04-23", "WCO SAFE Working Group"),
    ("2024-05-06", "WCO Capacity Building Committee"),
    ("2024-05-21", "A/P Regional Heads of Customs Administration Conference"),
    ("2024-06-24", "WCO Policy Commission"),
    ("2024-06-27", "WCO Council"),
    # plan year 2024/25
    ("2024-09-11", "WCO Harmonized System Committee"),
    ("2024-10-08", "WCO SAFE Working Group"),
    ("2024-10-15", "WCO Permanent Technical Committee"),
    ("2024-10-22", "WCO Technical Committee on Customs Valuation"),
    ("2024-11-12", "WCO Technical Committee on Rules of Origin"),
    ("2024-12-09", "WCO Policy Commission"),
    ("2025-02-25", "WCO Integrity Sub-Committee"),
    ("2025-03-10", "WCO Enforcement Committee"),
    ("2025-03-12", "WCO Harmonized System Committee"),
    ("2025-04-08", "WCO Permanent Technical Committee"),
    ("2025-04-15", "WCO Technical Committee on Customs Valuation"),
    ("2025-04-22", "WCO SAFE Working Group"),
    ("2025-05-05", "WCO Capacity Building Committee"),
    ("2025-05-20", "A/P Regional Heads of Customs Administration Conference"),
    ("2025-06-23", "WCO Policy Commission"),
    ("2025-06-26", "WCO Council"),
    # plan year 2025/26, up to 31 May 2026
    ("2025-09-10", "WCO Harmonized System Committee"),
    ("2025-10-07", "WCO SAFE Working Group"),
    ("2025-10-14", "WCO Permanent Technical Committee"),
    ("2025-10-21", "WCO Technical Committee on Customs Valuation"),
    ("2025-11-11", "WCO Technical Committee on Rules of Origin"),
    ("2025-12-08", "WCO Policy Commission"),
    ("2026-02-24", "WCO Integrity Sub-Committee"),
    ("2026-03-09", "WCO Enforcement Committee"),
    ("2026-03-11", "WCO Harmonized System Committee"),
    ("2026-04-14", "WCO Permanent Technical Committee"),
    ("2026-04-21", "WCO Technical Committee on Customs Valuation"),
    ("2026-04-28", "WCO SAFE Working Group"),
    ("2026-05-04", "WCO Capacity Building Committee"),
    ("2026-05-19", "A/P Regional Heads of Customs Administration Conference"),
]
# (first day, last day, delegations headed by a woman in that period)
DELEGATION_FEMALE = [
    ("2023-07-01", "2024-06-30", 20),
    ("2024-07-01", "2025-06-30", 25),
    ("2025-07-01", "2026-03-31", 20),
    ("2026-04-01", "2026-05-31", 7),
]
# Administrations that send delegations to the technical committees most often.
TECHNICAL_REGULARS = {"AU", "CN", "HK", "IN", "ID", "JP", "KR", "MY", "NZ", "SG", "TH"}


def weighted_sample(rng, items, weight, k):
    """k distinct items, each drawn with probability proportional to weight(item)
    (Efraimidis-Spirakis keys), in the order of items."""
    keyed = sorted(((rng.random() ** (1.0 / weight(x)), i) for i, x in enumerate(items)),
                   reverse=True)
    chosen = sorted(i for _, i in keyed[:k])
    return [items[i] for i in chosen]


def make_delegations():
    rng = random.Random(DELEGATIONS_SEED)
    order = {c: i for i, c in enumerate(MEMBER_CODES)}
    rows = []
    for day, forum in DELEGATION_SESSIONS:
        d = date(day)
        assert d.weekday() < 5, day
        lo, hi, who = FORUM_SIZE[forum]
        n = rng.randint(lo, hi)
        if who == "pc":
            members = list(POLICY_COMMISSION)
        elif who == "technical":
            members = weighted_sample(
                rng, MEMBER_CODES,
                lambda c: 4.0 if c in TECHNICAL_REGULARS else (0.5 if c in SIE else 1.5), n)
        else:
            members = weighted_sample(rng, MEMBER_CODES, lambda c: 1.0, n)
        for c in sorted(members, key=order.get):
            rows.append({"forum": forum, "date": d, "member": c, "gender": "male"})
    for first, last, k in DELEGATION_FEMALE:
        idx = [i for i, r in enumerate(rows) if date(first) <= r["date"] <= date(last)]
        for i in rng.sample(idx, k):
            rows[i]["gender"] = "female"
    return rows


# --------------------------------------------------------------------------------------
# activities.csv: the office's activity log. Every workshop of workshops.csv is logged as a
# `workshop` row (member_code = the registered administrations of its respondents and the
# host); the rest is listed here by hand. "{WS:YYYY-MM-DD}" in a note is replaced by the id
# of the workshop that starts on that day.
#   mission:  (date, action, member, requested, accredited_expert, note)
#   request:  (date, beneficiary members, contributor, request_met, note)
#   other:    (date, action, type, members, note)
# Actions 1.z and 1.dd have no row at all (their KPIs show No data).
# --------------------------------------------------------------------------------------
SAP_MISSIONS = [
    # before the plan window (excluded from every count)
    ("2024-05-20", "1.a", "SB", "yes", "no", "Risk management diagnostic, Honiara"),
    # plan year 2024/25
    ("2024-07-29", "1.t", "VU", "no", "no",
     "Scoping visit on the Single Window, Port Vila (ROCB A/P initiative)"),
    ("2024-08-05", "1.a", "PG", "yes", "yes", "Risk management diagnostic mission, Port Moresby"),
    ("2024-08-19", "1.ii", "MN", "yes", "yes", "IPR border enforcement training, Ulaanbaatar"),
    ("2024-09-16", "1.n", "KH", "yes", "no",
     "Customs procedures in special economic zones, Sihanoukville"),
    ("2024-10-14", "1.hh", "TL", "yes", "yes", "WTO TFA and risk management, Dili"),
    ("2024-11-11", "1.n", "LA", "yes", "yes", "Free zone control procedures, Vientiane"),
    ("2024-11-25", "1.d", "BT", "yes", "yes", "AEO programme design, Thimphu"),
    ("2025-01-20", "1.n", "BD", "yes", "no", "Customs controls in export processing zones, Dhaka"),
    ("2025-02-03", "1.hh", "MV", "yes", "no", "SAFE FoS and AEO, Male"),
    ("2025-02-17", "1.q", "NP", "yes", "yes", "Post-clearance audit scheme design, Kathmandu"),
    ("2025-03-03", "1.n", "LK", "yes", "yes", "Free zone and bonded warehouse controls, Colombo"),
    ("2025-03-17", "1.ii", "FJ", "yes", "no", "Drug precursors and commercial fraud, Suva"),
    ("2025-04-07", "1.k", "MN", "yes", "yes", "Time Release Study, Ulaanbaatar"),
    ("2025-05-19", "1.n", "PH", "yes", "no", "Customs controls in ecozones, Manila"),
    ("2025-06-16", "1.h", "TO", "yes", "yes", "WTO TFA Category C measures, Nuku'alofa"),
    # plan year 2025/26, up to the as-of date
    ("2025-07-21", "1.ii", "LK", "yes", "yes", "Commercial fraud investigation, Colombo"),
    ("2025-08-11", "1.t", "LA", "yes", "no", "Single Window implementation roadmap, Vientiane"),
    ("2025-08-18", "1.n", "VN", "yes", "yes", "Special economic zone procedures, Hai Phong"),
    ("2025-09-08", "1.hh", "BT", "yes", "yes", "Risk management and WTO TFA, Phuentsholing"),
    ("2025-09-22", "3.g", "SB", "yes", "yes",
     "National workshop on customs valuation, Honiara (a priority of the 2025 needs survey)"),
    ("2025-10-06", "1.f", "PH", "no", "yes",
     "Trade recovery guidelines after typhoon season (ROCB A/P initiative)"),
    ("2025-10-13", "1.n", "MN", "yes", "no", "Free zone controls, Zamyn-Uud"),
    ("2025-10-27", "1.kk", "VU", "yes", "yes", "Integrity action plan, Port Vila"),
    ("2025-11-17", "1.n", "KH", "yes", "yes", "Special economic zone procedures, Phnom Penh"),
    ("2025-11-17", "1.r", "MV", "yes", "no", "E-commerce Framework of Standards, Male"),
    ("2026-01-12", "1.j", "WS", "yes", "yes", "Advance rulings on classification and origin, Apia"),
    ("2026-01-26", "1.hh", "PG", "yes", "no", "SAFE FoS and AEO, Port Moresby"),
    ("2026-02-16", "1.n", "NP", "yes", "no", "Special economic zone controls, Bhairahawa"),
    ("2026-02-23", "1.ii", "KH", "yes", "yes", "Commercial fraud and IPR, Phnom Penh"),
    ("2026-03-09", "1.m", "KH", "yes", "no", "WCO Data Model gap analysis, Phnom Penh"),
    # after the as-of date
    ("2026-04-13", "1.n", "PK", "yes", "no", "Special economic zones under CPEC, Islamabad"),
]

SAP_REQUESTS = [
    ("2024-08-12", "BT", "JP", "yes",
     "Request to Japan Customs for an AEO expert for the Bhutan mission"),
    ("2024-09-02", "", "KR", "yes",
     "Request to the Korea Customs Service to host {WS:2024-09-24} and provide data "
     "analytics experts"),
    ("2024-12-09", "FJ WS TO VU", "AU", "no",
     "Request to Australia to fund Pacific participants at {WS:2025-02-25}; not met, "
     "budget already committed"),
    ("2025-02-24", "PG SB VU", "NZ", "yes",
     "Request to New Zealand Customs for trainers in intelligence analysis for Pacific SIEs"),
    ("2025-07-28", "", "SG", "yes",
     "Request to Singapore Customs to host {WS:2025-09-30}"),
    ("2025-09-08", "FJ TO", "CN", "no",
     "Request to China Customs for NII experts for the Pacific; postponed to 2026/27"),
    ("2025-11-03", "KH LA MM", "HK", "yes",
     "Request to Hong Kong, China for an attachment programme on intellectual property "
     "enforcement"),
    ("2026-01-12", "PG SB", "KR", "no",
     "Request to the Korea Customs Service for Smart Customs equipment; not met this year"),
]

SAP_OTHER = [
    # ---- before the plan window (excluded) ----
    ("2024-01-15", "3.f", "survey", "",
     "2024 capacity-building needs assessment survey sent to all 35 Members (closes 31 March)"),
    ("2024-05-16", "3.j", "success_story", "TO",
     "Follow-up survey: Tonga Customs introduced risk-based selectivity after the 2023 "
     "risk management mission"),
    ("2024-06-18", "1.u", "discussion", "HK",
     "Hong Kong, China presented its electronic certificate of origin exchange at the A/P "
     "Regional Contact Points meeting"),
    # ---- plan year 2024/25 ----
    ("2024-07-01", "4.c", "publication", "TH",
     "ROCB A/P website: good practice on AEO validation visits, shared by Thailand"),
    ("2024-08-30", "4.a", "newsletter", "", "ROCB A/P e-Newsletter, August 2024 issue"),
    ("2024-09-02", "2.a", "meeting", "",
     "Coordination meeting with JICA on regional capacity-building priorities, with the "
     "Vice Chair"),
    ("2024-09-13", "4.c", "newsletter", "KR SG",
     "E-Newsletter feature: forward-looking work on customs data analytics"),
    ("2024-09-20", "3.i", "report", "",
     "Post-action report: 2023/24 evaluation results fed into the 2024/25 regional training "
     "calendar"),
    ("2024-09-25", "1.gg", "discussion", "KR SG CN",
     "Experience sharing on machine learning for risk targeting at {WS:2024-09-24}"),
    ("2024-10-08", "1.aa", "survey", "",
     "Intelligence and enforcement needs survey, with RILO A/P"),
    ("2024-10-15", "4.c", "publication", "NZ",
     "ROCB A/P website: New Zealand's approach to border sector collaboration"),
    ("2024-10-21", "2.b", "meeting", "",
     "Joint planning meeting with ADB on CAREC customs cooperation"),
    ("2024-10-22", "1.u", "discussion", "KR SG CN",
     "C2C interconnectivity session at the A/P Regional Contact Points meeting: exchange of "
     "certificates of origin, AEO data and e-manifests"),
    ("2024-10-28", "3.k", "expert_exchange", "FJ NZ",
     "Attachment of two Fiji officers to New Zealand Customs, intelligence and targeting"),
    ("2024-10-30", "3.a", "publication", "",
     "Training materials on PCA and customs valuation shared with Members on CLiKC!"),
    ("2024-11-04", "1.bb", "discussion", "CN JP",
     "IPR enforcement on the agenda of the RILO A/P annual meeting"),
    ("2024-11-14", "1.v", "report", "",
     "CEN seizure data evaluation report 2023, with RILO A/P"),
    ("2024-11-18", "3.c", "e_learning", "FJ WS TO VU",
     "Promotion of WCO CLiKC! e-learning courses to Pacific administrations, with the RTC in "
     "Fiji"),
    ("2024-11-20", "3.l", "meeting", "",
     "Heads of Regional Training Centres meeting: pooling regional experts"),
    ("2024-12-03", "1.ff", "discussion", "HK CN KR AU",
     "NII experience sharing at {WS:2024-12-02}: central image analysis, remote screening"),
    ("2024-12-10", "1.cc", "discussion", "IN CN",
     "Hazardous waste and the Basel plastic waste amendments, presented at the RILO A/P "
     "meeting"),
    ("2024-12-16", "4.c", "newsletter", "",
     "E-Newsletter: good practices in post-clearance audit from the Pacific"),
    ("2025-01-08", "", "meeting", "", "ROCB A/P annual work-planning retreat"),
    ("2025-01-20", "3.f", "survey", "",
     "2025 capacity-building needs assessment survey launched (closes 31 March)"),
    ("2025-01-27", "2.a", "report", "",
     "Report to the Customs Cooperation Fund of Japan on the 2024 regional activities"),
    ("2025-01-31", "4.a", "newsletter", "", "ROCB A/P e-Newsletter, January 2025 issue"),
    ("2025-02-26", "3.k", "discussion", "FJ WS TO VU",
     "SIE experience sharing at {WS:2025-02-25}: risk management in small administrations"),
    ("2025-03-05", "2.b", "meeting", "",
     "Joint meeting with the Oceania Customs Organisation on Pacific capacity building"),
    ("2025-03-12", "3.j", "success_story", "FJ",
     "Follow-up survey: Fiji set up a PCA unit after {WS:2024-09-09}, 6 auditors trained"),
    ("2025-03-20", "4.a", "publication", "",
     "Article on the ROCB A/P website: lessons from the 2024 regional workshops"),
    ("2025-03-24", "1.u", "publication", "NZ AU",
     "Article on the WCO A/P website: Trans-Tasman exchange of AEO and seizure data"),
    ("2025-04-10", "3.j", "success_story", "BT",
     "Follow-up survey: Bhutan launched its AEO pilot with five operators"),
    ("2025-04-14", "1.ff", "publication", "TH MY NZ",
     "Good practices in NII published on the ROCB A/P website (Thailand, Malaysia, New Zealand)"),
    ("2025-04-24", "3.l", "meeting", "",
     "RTC coordination meeting on the regional expert pool and the 2025/26 calendar"),
    ("2025-05-13", "1.bb", "discussion", "VN TH",
     "IPR enforcement presentations at {WS:2025-05-12}"),
    ("2025-05-14", "1.ee", "discussion", "PH MY",
     "Anti-drug initiatives and the WCO CEP, presented at {WS:2025-05-12}"),
    ("2025-05-21", "3.e", "discussion", "NZ PH",
     "Gender equality and diversity session at the A/P Regional Heads of Customs "
     "Administration Conference"),
    ("2025-05-23", "4.c", "publication", "SG",
     "ROCB A/P website: Singapore's forward-looking work on trade digitalisation"),
    ("2025-05-26", "3.k", "publication", "PG",
     "Article on the ROCB A/P website: Papua New Guinea Customs on building a risk "
     "management unit"),
    ("2025-05-30", "4.a", "newsletter", "", "ROCB A/P e-Newsletter, May 2025 issue"),
    ("2025-06-09", "2.a", "meeting", "",
     "Meeting with ADB and the World Bank on Pacific trade facilitation projects, with the "
     "Vice Chair"),
    ("2025-06-11", "1.cc", "meeting", "",
     "Meeting with RILO A/P on environmental crime enforcement operations"),
    ("2025-06-23", "3.j", "success_story", "MN",
     "Follow-up survey: Mongolia published its first TRS and an action plan to cut release "
     "time"),
    ("2025-06-30", "3.a", "meeting", "",
     "Knowledge-exchange meeting with RTCs: sharing of e-commerce training materials"),
    # ---- plan year 2025/26, up to the as-of date ----
    ("2025-07-01", "2.b", "meeting", "",
     "Joint activity planning with the UNODC-WCO Container Control Programme"),
    ("2025-08-15", "4.c", "publication", "AU",
     "ROCB A/P website: Australia's work on the future border, shared as a good practice"),
    ("2025-08-20", "3.i", "meeting", "",
     "Planning meeting with the regional training coordinator: 2024/25 evaluation results "
     "into the 2025/26 calendar"),
    ("2025-08-25", "3.j", "survey", "",
     "Follow-up survey of 2024/25 workshop participants, impact on their administrations"),
    ("2025-09-05", "3.j", "success_story", "KH",
     "Follow-up survey: Cambodia issued its first advance rulings on classification"),
    ("2025-09-17", "3.a", "expert_exchange", "MY KH",
     "Exchange of experts: Malaysian PCA auditors with the GDCE of Cambodia"),
    ("2025-09-24", "1.u", "discussion", "MY TH ID VN",
     "C2C connectivity: ASEAN Customs Declaration Document exchange, experience of four "
     "Members"),
    ("2025-09-30", "4.a", "newsletter", "", "ROCB A/P e-Newsletter, September 2025 issue"),
    ("2025-10-01", "1.gg", "discussion", "SG HK AU MY",
     "Experience sharing at {WS:2025-09-30}: machine learning models in production"),
    ("2025-10-06", "1.aa", "survey", "",
     "Intelligence and enforcement needs survey 2025, with RILO A/P"),
    ("2025-10-16", "3.j", "success_story", "SB",
     "Follow-up survey: Solomon Islands adopted a valuation database after the national "
     "workshop"),
    ("2025-10-17", "4.c", "newsletter", "",
     "E-Newsletter: good practices in e-commerce controls, postal and express"),
    ("2025-10-22", "1.bb", "discussion", "KR HK",
     "IPR session at the A/P Regional Contact Points meeting"),
    ("2025-11-06", "1.ff", "report", "",
     "NII evaluation report 2025: use of non-intrusive inspection in the region"),
    ("2025-11-10", "2.a", "meeting", "",
     "Meeting with the World Bank on trade facilitation support, with the Vice Chair"),
    ("2025-11-13", "1.v", "report", "",
     "CEN seizure data evaluation report 2024, with RILO A/P"),
    ("2025-11-19", "3.l", "meeting", "", "Heads of Regional Training Centres meeting"),
    ("2025-11-20", "4.b", "dialogue", "CN JP KR AU NZ SG IN MY TH ID",
     "High-level dialogue of Heads of Customs on digital transformation, with the Vice Chair"),
    ("2025-11-24", "4.a", "publication", "",
     "Article on the WCO A/P website: the regional expert pool, two years on"),
    ("2025-12-04", "3.j", "success_story", "LK",
     "Follow-up survey: Sri Lanka Customs opened a commercial fraud intelligence unit"),
    ("2025-12-09", "1.cc", "discussion", "NP IN",
     "Wildlife trafficking presentations at {WS:2025-12-08}"),
    ("2025-12-12", "4.c", "publication", "JP",
     "ROCB A/P website: Japan's \"Smart Customs\" initiatives, forward-thinking work"),
    ("2026-01-19", "3.f", "survey", "",
     "2026 capacity-building needs assessment survey launched (closes 31 March)"),
    ("2026-01-21", "3.a", "publication", "",
     "Regional e-commerce training materials shared with Members on CLiKC!"),
    ("2026-01-22", "3.j", "success_story", "VU",
     "Follow-up survey: Vanuatu adopted an integrity action plan, code of conduct revised"),
    ("2026-01-28", "2.a", "report", "",
     "Report to development partners on the 2025 regional activities"),
    ("2026-01-30", "4.a", "newsletter", "", "ROCB A/P e-Newsletter, January 2026 issue"),
    ("2026-02-05", "1.u", "publication", "JP KR",
     "Article: electronic exchange of AEO data between Japan and Korea"),
    ("2026-02-10", "1.ff", "discussion", "CN JP SG ID PH",
     "NII experience sharing at {WS:2026-02-09}: image libraries, operator training"),
    ("2026-02-18", "1.ee", "discussion", "LK PK",
     "Anti-drug initiatives and the WCO CEP at the RILO A/P meeting"),
    ("2026-02-20", "4.c", "publication", "MY",
     "ROCB A/P website: Malaysia's Smart Customs pilot"),
    ("2026-02-25", "3.c", "e_learning", "LA KH MM",
     "Roll-out of CLiKC! e-learning courses to three ASEAN administrations"),
    ("2026-02-26", "3.j", "success_story", "LA",
     "Follow-up survey: Lao PDR cut Single Window processing time, users trained"),
    ("2026-03-24", "3.k", "discussion", "FJ SB TL",
     "SIE experience sharing at {WS:2026-03-23}: valuation and revenue"),
    ("2026-03-31", "3.j", "success_story", "TL",
     "Follow-up survey: Timor-Leste introduced post-clearance audit, first audits done"),
    # ---- after the as-of date (excluded at as-of 2026-03-31) ----
    ("2026-05-13", "1.u", "discussion", "PH",
     "The Philippines presented its C2B connectivity programme at the A/P Regional Heads of "
     "Customs Administration Conference"),
    ("2026-05-19", "3.k", "expert_exchange", "TO AU",
     "Attachment of Tonga officers to the Australian Border Force, targeting"),
    ("2026-05-20", "3.k", "publication", "MV PW",
     "Article: Maldives and Palau on e-commerce controls in small administrations"),
    ("2026-05-26", "3.j", "success_story", "WS",
     "Follow-up survey: Samoa issued its first advance rulings"),
]

ACTIVITY_HEADER = ["activity_id", "date", "action", "type", "member_code", "requested",
                   "accredited_expert", "request_met", "contributor", "note"]


def make_activities(workshops, eval_rows):
    """The activity log in date order (stable within a day), ids A-0001..."""
    ws_by_start = {w["start"].isoformat(): w for w in workshops}
    name = {c: n for c, n, _ in MEMBERS}
    order = {c: i for i, c in enumerate(MEMBER_CODES)}

    def note_of(text):
        out = text
        while "{WS:" in out:
            i = out.index("{WS:")
            j = out.index("}", i)
            out = out[:i] + ws_by_start[out[i + 4:j]]["id"] + out[j + 1:]
        return out

    acts = []
    for w in workshops:
        members = {r["member"] for r in eval_rows if r["ws"] == w["id"]}
        members = sorted((members | {w["host"]}) & set(MEMBER_CODES), key=order.get)
        acts.append([w["start"], w["action"], "workshop", " ".join(members), "", "", "", "",
                     "%s: %s, hosted by %s (%s)" % (w["id"], w["title"], name[w["host"]],
                                                    w["modality"])])
    for day, action, member, req, acc, note in SAP_MISSIONS:
        acts.append([date(day), action, "mission", member, req, acc, "", "", note_of(note)])
    for day, members, contributor, met, note in SAP_REQUESTS:
        acts.append([date(day), "3.d", "request", members, "", "", met, contributor,
                     note_of(note)])
    for day, action, typ, members, note in SAP_OTHER:
        acts.append([date(day), action, typ, members, "", "", "", "", note_of(note)])
    for a in acts:
        assert a[0].weekday() < 5, a
        assert all(c in MEMBER_CODES for c in a[3].split()), a
        assert a[2] != "request" or a[7] in MEMBER_CODES, a
        assert a[1] not in ("1.z", "1.dd"), a
    acts.sort(key=lambda a: a[0])  # stable: the order above within a day
    return [["A-%04d" % i, a[0].isoformat()] + a[1:] for i, a in enumerate(acts, start=1)]


# --------------------------------------------------------------------------------------
# status.csv: implementation status of the Members per members_with_status action. For
# each action, the number of Members whose latest status on or before the as-of date is
# `implemented` (for 1.ll also the number `in_progress`, which that KPI counts too).
# Actions 1.l, 1.o and 1.s have no row at all (their KPIs show No data).
# --------------------------------------------------------------------------------------
STATUS_DESIGN = [
    # action, implemented at the as-of date, in_progress at the as-of date (None: drawn)
    ("1.a", 31, None), ("1.b", 29, None), ("1.c", 28, None), ("1.d", 24, None),
    ("1.f", 22, None), ("1.g", 31, None), ("1.h", 27, None), ("1.i", 30, None),
    ("1.j", 26, None), ("1.k", 22, None), ("1.m", 19, None), ("1.p", 30, None),
    ("1.q", 27, None), ("1.r", 21, None), ("1.t", 26, None), ("1.w", 25, None),
    ("1.x", 21, None), ("1.y", 20, None), ("1.ff", 28, None), ("1.kk", 29, None),
    ("1.ll", 12, 11), ("3.c", 24, None),
]
STATUS_ROUNDS = ("2024-09-30", "2025-03-31", "2025-09-30")
# Rows dated after the as-of date: (action, status at the as-of date, new status, date).
STATUS_AFTER_AS_OF = [
    ("1.a", "in_progress", "implemented", "2026-04-28"),
    ("1.h", "in_progress", "implemented", "2026-04-15"),
    ("1.p", "in_progress", "implemented", "2026-05-12"),
    ("1.y", "planned", "in_progress", "2026-05-20"),
]
MATURE = {"AU", "NZ", "JP", "KR", "SG", "HK", "CN", "MO", "MY", "TH"}
DEVELOPING = {"IN", "ID", "PH", "VN", "LK", "BD", "PK", "BN", "IR", "MN"}


def make_status():
    rng = random.Random(STATUS_SEED)
    order = {c: i for i, c in enumerate(MEMBER_CODES)}
    window_days = weekdays(date("2024-07-01"), date("2026-03-20"))
    early_days = weekdays(date("2024-07-01"), date("2025-03-31"))

    def when():
        if rng.random() < 0.7:
            return date(rng.choice(STATUS_ROUNDS))
        return rng.choice(window_days)

    rows = []
    for action, n_impl, n_prog in STATUS_DESIGN:
        impl = weighted_sample(rng, MEMBER_CODES,
                               lambda c: 4.0 if c in MATURE else 2.5 if c in DEVELOPING else 1.0,
                               n_impl)
        rest = [c for c in MEMBER_CODES if c not in impl]
        final = {c: "implemented" for c in impl}
        if n_prog is not None:
            prog = weighted_sample(rng, rest, lambda c: 2.0 if c in DEVELOPING else 1.0, n_prog)
            for c in prog:
                final[c] = "in_progress"
            rest = [c for c in rest if c not in prog]
            for c in rest:
                final[c] = "planned" if rng.random() < 0.6 else "not_started"
        else:
            for c in rest:
                u = rng.random()
                final[c] = ("in_progress" if u < 0.45 else "planned" if u < 0.8
                            else "not_started")
        # A few Members never reported a status for the action.
        silent = rng.sample(rest, min(len(rest), rng.randint(0, 3)))
        history = {}  # member -> [(date, status)] in date order
        for c in MEMBER_CODES:
            if c in silent:
                continue
            history[c] = [(when(), final[c])]
        # A Member that moved to implemented during the window (earlier row in_progress).
        if rng.random() < 0.5:
            c = rng.choice(impl)
            first = rng.choice(early_days)
            later = rng.choice([d for d in window_days if d > first + dt.timedelta(days=90)])
            history[c] = [(first, "in_progress"), (later, "implemented")]
        # A Member whose plans moved on (planned, then in progress).
        moving = [c for c in rest if c in history and final[c] == "in_progress"]
        if moving and rng.random() < 0.4:
            c = rng.choice(moving)
            first = rng.choice(early_days)
            later = rng.choice([d for d in window_days if d > first + dt.timedelta(days=90)])
            history[c] = [(first, "planned"), (later, "in_progress")]
        # Special cases that test how the scorecard reads the file.
        if action == "1.w":
            # Implemented on the as-of date itself: counts ("on or before").
            c = next(c for c in impl if len(history.get(c, [])) == 1)
            history[c] = [(date("2025-03-31"), "in_progress"), (date(SAP_AS_OF), "implemented")]
        if action == "1.b":
            # Reported implemented, later reported in progress again (a system being
            # replaced): the latest row counts, so this Member is not implemented.
            c = next(c for c in rest if c in history and final[c] == "in_progress")
            history[c] = [(date("2024-09-30"), "implemented"), (date("2025-09-30"), "in_progress")]
        for a, now, new, day in STATUS_AFTER_AS_OF:
            if a == action:
                c = next(c for c in MEMBER_CODES
                         if c in history and len(history[c]) == 1 and history[c][0][1] == now)
                history[c].append((date(day), new))
        for c in sorted(history, key=order.get):
            for d, s in history[c]:
                rows.append([c, action, s, d.isoformat()])
    for r in rows:
        assert date("2024-07-01") <= date(r[3]) <= date("2026-05-31"), r
    return rows


# --------------------------------------------------------------------------------------
# kpi_values.csv: the two KPIs no input file records. The row dated after the as-of date
# must be left out (with it 1.e would be met).
# --------------------------------------------------------------------------------------
KPI_VALUES = [
    ["1.e", "21", "2024-09-30", "WCO AEO Compendium 2024, MRAs concluded between Members of "
                                "the region"],
    ["1.e", "22", "2025-06-30", "WCO AEO Compendium 2025"],
    ["1.i-2", "1", "2025-06-30", "WCO Legal Affairs, status of the HS Convention: new "
                                 "contracting parties of the region since July 2024"],
    ["1.e", "23", "2025-12-31", "AEO focal points of the region, survey of December 2025"],
    ["1.i-2", "2", "2026-01-31", "WCO Legal Affairs, status of the HS Convention, January 2026"],
    ["1.e", "29", "2026-04-30", "A/P AEO focal points meeting, April 2026: six MRAs signed, "
                                "awaiting entry into force"],
]


# --------------------------------------------------------------------------------------
# The intended scorecard at SAP_AS_OF (the design). The oracle below must agree.
# --------------------------------------------------------------------------------------
SAP_INTENDED = {
    "Met": ["1.b", "1.f", "1.i-1", "1.r", "1.w", "1.ff-1", "1.ll", "3.c",
            "1.v", "1.aa", "1.bb", "1.ee", "1.ii", "1.jj", "2.a", "3.a", "3.f", "3.g", "3.i",
            "3.l", "4.a", "1.ff-3", "1.gg", "3.b", "4.b", "3.e-1", "3.h"],
    "On track": ["1.a", "1.g", "1.h", "1.j", "1.x", "1.n", "1.u", "3.j"],
    "Off track": ["1.c", "1.d", "1.k", "1.m", "1.p", "1.q", "1.t", "1.y", "1.kk", "1.e",
                  "1.i-2", "1.cc", "1.ff-2", "1.hh", "2.b", "3.k-1", "3.k-3", "3.k-2", "3.d",
                  "4.c", "3.e-2"],
    "No data": ["1.l", "1.o", "1.s", "1.z", "1.dd"],
}
STATUSES = ("Met", "On track", "Off track", "No data")


# ======================================================================================
# The oracle: the scorecard recomputed from the written CSV files and the catalogue, from
# the rules of the specification and plans/README.md. Written for clarity, not speed.
#
# Rules as applied here (the owner of the C code should align with these):
# - Plan window 2024-07-01..2026-06-30; plan years July-June. Data are bounded by the as-of
#   date (inclusive): rows dated after it do not exist for the scorecard. Activities count
#   when plan start <= date <= min(as-of, plan end). Workshops (3.e-1, 3.h) are placed by
#   start_date.
# - Periods (plan years, quarters, windows of N years from the plan start) count when they
#   have started on or before the as-of date; later periods are ignored. A period is
#   completed when its last day is on or before the as-of date.
# - Met: every started period reaches the target (a current period that already reached it
#   counts as reached); for whole-window measures, the value reaches the target.
# - On track: not met, as-of <= deadline, every completed period reaches the full target
#   and the current period's value >= target x elapsed fraction of the current period
#   (whole-window measures: value >= target x elapsed fraction of the plan window).
#   Elapsed fraction = elapsed months / months of the period, counting the as-of day as
#   elapsed (as-of 2026-03-31: window 21/24, plan year 2025/26 9/12). Counting days
#   instead gives the same statuses on these samples (checked below).
# - female_hod_growth: per plan year, growth = (F_y - F_{y-1}) / F_{y-1}; the first plan
#   year compares with the year before the window when delegations.csv has rows dated in
#   it; undefined when F_{y-1} = 0. Met when every started plan year with a defined
#   growth reaches the target. The current plan year is on track when F_y >= F_{y-1} x
#   (1 + target) x elapsed fraction (checked against growth >= target x fraction too).
# - No data: members_with_status: no status.csv row for the action dated on or before the
#   as-of date; activity measures: no activities.csv row with the filter's action (or, for
#   a filter without action, its type); manual: no kpi_values.csv row for the id on or
#   before the as-of date; 3.e-1 / 3.h: no workshop / respondent in the window.
#   (Reading "no row matching the whole filter within the window" instead gives the same
#   statuses on these samples: checked below.)
# - Shares and means are not pro-rated; the samples keep them either met or below the
#   pro-rated target so that pro-rating them would change nothing (checked below).
# - evaluations.csv: a row whose workshop_id is not in workshops.csv and the later row of
#   a repeated (workshop_id, respondent_id) are left out; a rating that is not a whole
#   number on 1-5 is left out (that cell only); the row with an unknown member code counts.
# ======================================================================================
def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def to_bool(s):
    s = s.strip().lower()
    if s in ("yes", "y", "true", "1"):
        return True
    if s in ("no", "n", "false", "0"):
        return False
    return None


def month_add(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def elapsed_fraction(first, last, as_of, how):
    """Share of the period first..last (first is the 1st of a month) elapsed at the end of
    the as-of day."""
    if as_of >= last:
        return 1.0
    if as_of < first:
        return 0.0
    if how == "days":
        return ((as_of - first).days + 1) / ((last - first).days + 1)
    end = as_of + dt.timedelta(days=1)
    total = (last.year - first.year) * 12 + last.month - first.month + 1
    months = (end.year - first.year) * 12 + end.month - first.month
    if month_add(first, months) > end:
        months -= 1
    a, b = month_add(first, months), month_add(first, months + 1)
    return (months + (end - a).days / (b - a).days) / total


def periods(first, last, months):
    out = []
    a = first
    while a <= last:
        b = min(month_add(a, months) - dt.timedelta(days=1), last)
        out.append((a, b))
        a = b + dt.timedelta(days=1)
    return out


def year_label(a):
    return "%d/%02d" % (a.year, (a.year + 1) % 100)


def parse_filter(text):
    f = {}
    for tok in text.split():
        k, v = tok.split("=", 1)
        f[k] = v.split(",") if k in ("action", "type", "status") else v
    return f


def parse_target(text):
    assert text.startswith(">=") and not text.startswith(">=-"), text
    t = text[2:]
    return (float(t[:-1]) / 100.0, True) if t.endswith("%") else (float(t), False)


def judge_whole(value, target, frac, as_of, deadline, prorate=True):
    if value >= target:
        return "Met"
    if as_of <= deadline and prorate and value >= target * frac - 1e-12:
        return "On track"
    return "Off track"


def judge_periods(per, target, as_of, deadline, how):
    """per: [(first, last, value)] of the started periods."""
    if all(v >= target for _, _, v in per):
        return "Met"
    completed_ok = all(v >= target for a, b, v in per if b <= as_of)
    current_ok = all(v >= target * elapsed_fraction(a, b, as_of, how) - 1e-12
                     for a, b, v in per if b > as_of)
    if as_of <= deadline and completed_ok and current_ok:
        return "On track"
    return "Off track"


def sap_scorecard(data, catalogue, as_of, how="months", nodata="action",
                  prorate_shares=False, growth="count", count_unknown_member=True,
                  data_until=None):
    """Every KPI of the catalogue: dict(id, measure, target, value, years, detail, status).
    data_until (default: the as-of date) bounds the rows read; it differs from as_of only to
    show what a wrong bound would change."""
    as_of = date(as_of)
    until = date(data_until) if data_until else as_of
    start, end = date(PLAN_START), date(PLAN_END)
    last_day = min(until, end)
    codes = set(MEMBER_CODES)
    _, kpis = read_csv(catalogue)
    _, acts = read_csv(data / "activities.csv")
    _, stat = read_csv(data / "status.csv")
    _, vals = read_csv(data / "kpi_values.csv")
    _, dels = read_csv(data / "delegations.csv")
    _, wss = read_csv(data / "workshops.csv")
    evh, evs = read_csv(data / "evaluations.csv")
    years = [(a, b) for a, b in periods(start, end, 12) if a <= as_of]
    frac_window = elapsed_fraction(start, end, as_of, how)

    def in_window(d):
        return start <= d <= last_day

    def matches(r, f):
        for k in ("action", "type"):
            if k in f and r[k] not in f[k]:
                return False
        for k in ("requested", "accredited_expert", "request_met"):
            if k in f and to_bool(r[k]) is not (f[k] == "yes"):
                return False
        return True

    out = []
    for k in kpis:
        f = parse_filter(k["filter"])
        target, _ = parse_target(k["target"])
        deadline = date(k["deadline"])
        m = k["measure"]
        res = {"id": k["id"], "measure": m, "target": k["target"], "value": None,
               "years": None, "detail": "", "status": None}
        if m in ("count_total", "count_per_year", "count_per_quarter", "count_per_window",
                 "distinct_members_per_year", "distinct_members_total", "share_of_activities"):
            rows = [r for r in acts if in_window(date(r["date"])) and matches(r, f)]
            if nodata == "action":
                key = "action" if "action" in f else "type"
                has = any(r[key] in f[key] for r in acts)
            else:
                has = bool(rows)
            if not has:
                res["status"] = "No data"
                out.append(res)
                continue
            if m == "count_total":
                res["value"] = len(rows)
                res["status"] = judge_whole(len(rows), target, frac_window, as_of, deadline)
            elif m == "distinct_members_total":
                ms = {c for r in rows for c in r["member_code"].split() if c in codes}
                res["value"] = len(ms)
                res["detail"] = " ".join(sorted(ms))
                res["status"] = judge_whole(len(ms), target, frac_window, as_of, deadline)
            elif m == "share_of_activities":
                yes = sum(1 for r in rows if to_bool(r[f["flag"]]) is True)
                res["value"] = yes / len(rows)
                res["detail"] = "%d/%d" % (yes, len(rows))
                res["status"] = judge_whole(res["value"], target, frac_window, as_of, deadline,
                                            prorate=prorate_shares)
            else:
                if m == "count_per_quarter":
                    per = [(a, b) for a, b in periods(start, end, 3) if a <= as_of]
                elif m == "count_per_window":
                    per = [(a, b) for a, b in periods(start, end, 12 * int(f["years"]))
                           if a <= as_of]
                else:
                    per = years
                vals_per = []
                for a, b in per:
                    sel = [r for r in rows if a <= date(r["date"]) <= b]
                    if m == "distinct_members_per_year":
                        v = len({c for r in sel for c in r["member_code"].split() if c in codes})
                    else:
                        v = len(sel)
                    vals_per.append((a, b, v))
                res["years"] = [(year_label(a) if m not in ("count_per_quarter",
                                                           "count_per_window")
                                 else "%s..%s" % (a.isoformat(), b.isoformat()), v)
                                for a, b, v in vals_per]
                res["value"] = vals_per[-1][2]
                res["status"] = judge_periods(vals_per, target, as_of, deadline, how)
        elif m == "members_with_status":
            want = set(f.get("status", ["implemented"]))
            rows = [r for r in stat if r["action"] in f["action"] and date(r["as_of"]) <= until]
            if not rows:
                res["status"] = "No data"
                out.append(res)
                continue
            latest = {}
            for r in rows:
                if r["member_code"] not in codes:
                    continue
                d = date(r["as_of"])
                if r["member_code"] not in latest or d >= latest[r["member_code"]][0]:
                    latest[r["member_code"]] = (d, r["status"])
            n = sum(1 for d, s in latest.values() if s in want)
            res["value"] = n
            if len(want) > 1:
                res["detail"] = " + ".join("%s %d" % (s, sum(1 for _, x in latest.values()
                                                            if x == s))
                                           for s in f["status"])
            res["status"] = judge_whole(n, target, frac_window, as_of, deadline)
        elif m == "manual":
            rows = [r for r in vals if r["kpi_id"] == k["id"] and date(r["as_of"]) <= until]
            if not rows:
                res["status"] = "No data"
                out.append(res)
                continue
            r = max(rows, key=lambda r: date(r["as_of"]))
            res["value"] = float(r["value"])
            res["detail"] = "as of %s" % r["as_of"]
            res["status"] = judge_whole(res["value"], target, frac_window, as_of, deadline)
        elif m == "female_participation_share":
            sel = [w for w in wss if in_window(date(w["start_date"]))]
            fem = sum(int(w["participants_female"]) for w in sel)
            tot = sum(int(w["participants_female"]) + int(w["participants_male"])
                      + int(w["participants_other"]) for w in sel)
            if tot == 0:
                res["status"] = "No data"
                out.append(res)
                continue
            res["value"] = fem / tot
            res["detail"] = "%d/%d in %d workshops" % (fem, tot, len(sel))
            res["status"] = judge_whole(res["value"], target, frac_window, as_of, deadline,
                                        prorate=prorate_shares)
        elif m == "mean_evaluation":
            ws_start = {w["workshop_id"]: date(w["start_date"]) for w in wss}
            fixed = {"workshop_id", "respondent_id", "member_code", "gender", "submitted_at",
                     "comments"}
            items = [h for h in evh if h not in fixed]
            seen = set()
            scores = []
            for r in evs:
                if r["workshop_id"] not in ws_start:
                    continue
                key = (r["workshop_id"], r["respondent_id"])
                if key in seen:
                    continue
                seen.add(key)
                if not in_window(ws_start[r["workshop_id"]]):
                    continue
                if not count_unknown_member and r["member_code"] not in codes:
                    continue
                valid = [int(r[i]) for i in items
                         if r[i].strip().isdigit() and 1 <= int(r[i]) <= 5]
                if valid:
                    scores.append(sum(valid) / len(valid))
            if not scores:
                res["status"] = "No data"
                out.append(res)
                continue
            res["value"] = sum(scores) / len(scores)
            res["detail"] = "%d respondents" % len(scores)
            res["status"] = judge_whole(res["value"], target, frac_window, as_of, deadline,
                                        prorate=prorate_shares)
        elif m == "female_hod_growth":
            rows = [r for r in dels if date(r["date"]) <= until]
            if not rows:
                res["status"] = "No data"
                out.append(res)
                continue
            before = (month_add(start, -12), start - dt.timedelta(days=1))
            allp = [before] + years

            def fem(a, b):
                return sum(1 for r in rows if a <= date(r["date"]) <= b
                           and r["head_gender"].strip().lower() in ("female", "f"))

            counts = [fem(a, b) for a, b in allp]
            has_prev = any(before[0] <= date(r["date"]) <= before[1] for r in rows)
            grow = []
            for i, (a, b) in enumerate(years):
                prev = counts[i]
                defined = prev > 0 and (i > 0 or has_prev)
                grow.append((a, b, (counts[i + 1] - prev) / prev if defined else None,
                             prev, counts[i + 1]))
            res["years"] = [(year_label(a), g) for a, b, g, _, _ in grow]
            res["detail"] = "F: " + ", ".join("%s %d" % (year_label(a), n)
                                              for (a, b), n in zip(allp, counts))
            defined = [x for x in grow if x[2] is not None]
            res["value"] = defined[-1][2] if defined else None
            if not defined:
                res["status"] = "No data"
            elif all(g >= target for _, _, g, _, _ in defined):
                res["status"] = "Met"
            else:
                completed_ok = all(g >= target for a, b, g, _, _ in defined if b <= as_of)
                current_ok = True
                for a, b, g, prev, now in defined:
                    if b > as_of:
                        fr = elapsed_fraction(a, b, as_of, how)
                        current_ok = (now >= prev * (1 + target) * fr if growth == "count"
                                      else g >= target * fr)
                res["status"] = ("On track" if as_of <= deadline and completed_ok and current_ok
                                 else "Off track")
        else:
            raise SystemExit("oracle: unknown measure %r" % m)
        out.append(res)
    return out


def sap_check(data, catalogue):
    """The primary scorecard, checked against the design and against other readings of the
    rules that these samples are meant not to depend on."""
    primary = sap_scorecard(data, catalogue, SAP_AS_OF)
    intended = {i: s for s, ids in SAP_INTENDED.items() for i in ids}
    got = {r["id"]: r["status"] for r in primary}
    if len(primary) != 61 or got != intended:
        diff = ["%s: intended %s, oracle %s" % (i, intended.get(i), got.get(i))
                for i in sorted(set(got) | set(intended)) if intended.get(i) != got.get(i)]
        sys.exit("scorecard design and oracle disagree:\n  " + "\n  ".join(diff))
    import itertools
    for how, nodata, pro, growth, unk in itertools.product(
            ("months", "days"), ("action", "filter"), (False, True), ("count", "rate"),
            (True, False)):
        alt = sap_scorecard(data, catalogue, SAP_AS_OF, how=how, nodata=nodata,
                            prorate_shares=pro, growth=growth, count_unknown_member=unk)
        bad = [r["id"] for r in alt if r["status"] != got[r["id"]]]
        if bad:
            sys.exit("statuses depend on the reading (%s, %s, pro-rate shares %s, growth %s, "
                     "unknown member counted %s): %s" % (how, nodata, pro, growth, unk, bad))
    return primary


def fmt_value(r):
    v = r["value"]
    if v is None:
        return "—"
    if r["measure"] in ("share_of_activities", "female_participation_share",
                        "female_hod_growth"):
        return "%+.1f%%" % (100 * v) if r["measure"] == "female_hod_growth" \
            else "%.1f%%" % (100 * v)
    if r["measure"] == "mean_evaluation":
        return "%.2f" % v
    return "%d" % v


def fmt_years(r):
    if not r["years"]:
        return "—", "—"
    if r["measure"] == "female_hod_growth":
        cells = ["n/a" if g is None else "%+.1f%%" % (100 * g) for _, g in r["years"]]
    elif r["measure"] in ("count_per_quarter", "count_per_window"):
        return "—", "—"
    else:
        cells = ["%d" % v for _, v in r["years"]]
    return cells[0], cells[1] if len(cells) > 1 else "—"


def sap_readme(delegations, activities, status_rows, score, traps, h_alt):
    as_of = date(SAP_AS_OF)
    order = {c: i for i, c in enumerate(MEMBER_CODES)}

    # delegations.csv
    yrs = [("2023/24", "2023-07-01", "2024-06-30"), ("2024/25", "2024-07-01", "2025-06-30"),
           ("2025/26", "2025-07-01", "2026-06-30")]
    drow = []
    prev_f = prev_fa = None
    for label, a, b in yrs:
        sel = [r for r in delegations if date(a) <= r["date"] <= date(b)]
        upto = [r for r in sel if r["date"] <= as_of]
        f = sum(1 for r in sel if r["gender"] == "female")
        fa = sum(1 for r in upto if r["gender"] == "female")
        g = "—" if prev_f is None else "%+.1f%%" % (100.0 * (f - prev_f) / prev_f)
        ga = "—" if prev_fa is None else "%+.1f%%" % (100.0 * (fa - prev_fa) / prev_fa)
        drow.append("| %s | %s to %s | %d | %d | %s | %d | %d | %s |" % (
            label, a, min(b, "2026-05-31"), len(sel), f, g, len(upto), fa, ga))
        prev_f, prev_fa = f, fa
    fora = []
    for _, forum in DELEGATION_SESSIONS:
        if forum not in fora:
            fora.append(forum)

    # activities.csv
    types = {}
    for r in activities:
        types[r[3]] = types.get(r[3], 0) + 1
    type_list = ", ".join("`%s` %d" % (t, n) for t, n in sorted(types.items(),
                                                                 key=lambda x: (-x[1], x[0])))
    before = [r for r in activities if date(r[1]) < date(PLAN_START)]
    after = [r for r in activities if date(r[1]) > as_of]

    def act_line(r):
        return "`%s` %s %s `%s`%s" % (r[0], r[1], r[2] or "(no action)", r[3],
                                      (" " + r[4]) if r[4] else "")
    with_comma = sum(1 for r in activities if "," in r[9])
    with_quote = sum(1 for r in activities if '"' in r[9])
    missions = [r for r in activities if r[3] == "mission"]

    # status.csv
    per_action = {}
    for m, a, s, d in status_rows:
        per_action.setdefault(a, {}).setdefault(m, []).append((d, s))
    two = []
    for a in per_action:
        for m in sorted(per_action[a], key=order.get):
            h = per_action[a][m]
            if len(h) > 1:
                two.append("%s %s: %s" % (a, m, ", then ".join("%s %s" % (s, d) for d, s in h)))
    st_count = {}
    for _, _, s, _ in status_rows:
        st_count[s] = st_count.get(s, 0) + 1
    silent = sum(35 - len(v) for v in per_action.values())

    # the scorecard table
    counts = {s: sum(1 for r in score if r["status"] == s) for s in STATUSES}
    lines = []
    for r in score:
        y1, y2 = fmt_years(r)
        detail = r["detail"]
        if r["measure"] in ("count_per_quarter", "count_per_window"):
            detail = "per %s: %s" % ("quarter" if r["measure"] == "count_per_quarter"
                                     else "window", ", ".join("%d" % v for _, v in r["years"]))
        lines.append("| %s | %s | `%s` | %s | %s | %s | %s | %s |" % (
            r["id"], r["measure"], r["target"], y1, y2, fmt_value(r), r["status"], detail))
    by_status = "\n".join("- **%s** (%d): %s" % (s, counts[s], ", ".join(
        r["id"] for r in score if r["status"] == s)) for s in STATUSES)
    trap_lines = "\n".join("- %s" % t for t in traps)

    return """
## delegations.csv — {nd} rows

Delegations of the Members to international fora, one row per Member per session:
`forum`, `date` (first day of the session), `member_code`, `head_gender` (`female` or `male`:
the gender of the head of delegation). Sessions from {d0} to {d1} ({nsess} sessions of
{nfora} fora: {fora}). The rows start a year before the plan window, so that the growth of
the first plan year is defined. No problems.

Delegations headed by a woman per plan year (July–June), in all and up to the as-of date
{as_of}:

| plan year | dates in the file | delegations | headed by a woman | growth | \
delegations to as-of | headed by a woman to as-of | growth to as-of |
|---|---|---|---|---|---|---|---|
{drows}

KPI 3.e-2 (at least 20% growth every plan year): 2024/25 is met; 2025/26 is not (+8.0% over
the whole year, and at the as-of date 20 against 25, −20.0%, below the pro-rated 22.5), so the
KPI is Off track.

## activities.csv — {na} rows

The office's activity log: `activity_id` (`A-0001`… in date order), `date`, `action` (the
Strategic Action Plan action it serves, as in plans/sap-2024-2026.csv; blank for one
internal meeting), `type` (the vocabulary of plans/README.md), `member_code` (the Members
involved, several separated by a space: participating Members for a workshop, the Member
visited for a mission, the Members who presented or whose experience is shared for a
discussion or publication, the beneficiaries of a request; blank where no Member is
concerned), `requested` and `accredited_expert` (`yes`/`no`, missions only), `request_met`
(`yes`/`no`) and `contributor` (the developed Member asked) for requests only, `note` (free
text; {ncomma} notes contain a comma, {nquote} a doubled quote). Blank cells are "no answer".

Rows by type: {types}.

Every workshop of workshops.csv is a `workshop` row on its start date, with the same action;
its `member_code` lists the registered administrations of its respondents and the host.
{nmis} missions, {nreq} of them requested by the Member. Actions `1.z` and `1.dd` have no row
at all.

Rows before the plan window (excluded from every count): {before}.

Rows after the as-of date {as_of} (excluded at that date): {after}.

Dates on boundaries: `2024-07-01` (first day of the window, counts: 4.c), `2025-06-30` and
`2025-07-01` (last day of 2024/25 and first of 2025/26: 3.a and 2.b), `2026-03-31` (the as-of
date itself, counts: 3.j). No problems.

## status.csv — {ns} rows

Implementation status per Member and action: `member_code`, `action` (the catalogue's
members_with_status actions), `status` (`implemented`, `in_progress`, `planned`,
`not_started`), `as_of` (the date of the report, {s0} to {s1}; most rows on the status
rounds 2024-09-30, 2025-03-31 and 2025-09-30). Rows by status: {stc}. {nact} actions have
rows; `1.l`, `1.o` and `1.s` have none. {silent} (Member, action) pairs have no row (Members
that never reported). No problems.

Members with more than one row for an action (the latest on or before the as-of date
counts):

{two}

The rows dated after {as_of} are left out at that date (with them, 1.h and 1.p would reach
28 and 31). `1.w` has a row dated {as_of} itself, which counts (without it 1.w is 24, On
track instead of Met). `1.b` has a Member reported implemented and later in progress again:
its latest row counts, so it is not implemented.

## kpi_values.csv — {nv} rows

Values of the two `manual` KPIs of the catalogue: `kpi_id`, `value`, `as_of`, `source` (some
sources contain commas). `1.e` (AEO MRAs among Members): 21, 22, 23 at 2025-12-31, and 29 at
2026-04-30, after the as-of date (with it 1.e would be Met). `1.i-2` (new HS contracting
parties): 1, then 2 at 2026-01-31. No problems.

## Expected scorecard at as-of {as_of}

What `cbkpi scorecard samples --as-of {as_of}` (with the shipped catalogue) should show,
computed by `sap_scorecard()` in make_samples.py from the CSV files above: an independent
oracle, written from the rules of the specification and plans/README.md. The script stops if
it disagrees with the intended design.

Rules as applied: rows dated after the as-of date do not count (the as-of day counts);
activities count from 2024-07-01 to the as-of date; workshops are placed by `start_date`.
Plan years run July–June. Per-period measures: the periods that have started by the as-of
date are judged, later ones ignored; **Met** when every started period reaches the target
(a current period that has already reached it counts); **On track** when not met, the
deadline (2026-06-30) not passed, every completed period reaches the full target and the
current period reaches the target × the elapsed fraction of that period (2025/26: 9/12 =
0.75; the quarter January–March 2026 is complete on the as-of day). Whole-window measures
(member counts, totals, manual values): Met at the target, On track from the target × 21/24
= 0.875 of it. Shares and means are not pro-rated (on these samples pro-rating them would
change nothing). Growth 3.e-2: the current year is on track when F ≥ F(previous year) × 1.2 ×
0.75. **No data**: no status.csv row for the action, no activities.csv row for the action,
no kpi_values.csv row for the id (up to the as-of date). The statuses below do not change
when the elapsed fraction is counted in days (639/730, 274/365) instead of months, when "No
data" means no row matching the whole filter in the window, or when the evaluation row with
the unknown member code `XX` is left out (3.h is then {h_alt}).

Value: the value at the as-of date; for per-year measures the value of the current plan
year 2025/26 (to the as-of date), with both plan years in their own columns; for 3.e-2 the
latest plan year's growth. Counts per status:

{by_status}

| id | measure | target | 2024/25 | 2025/26 | value | status | detail |
|---|---|---|---|---|---|---|---|
{table}

What a wrong reading of the rules would show on these samples (each computed by the oracle):

{traps}
""".format(
        nd=len(delegations), d0=delegations[0]["date"].isoformat(),
        d1=delegations[-1]["date"].isoformat(), nsess=len(DELEGATION_SESSIONS),
        nfora=len(fora), fora=", ".join(fora), as_of=SAP_AS_OF, drows="\n".join(drow),
        na=len(activities), ncomma=with_comma, nquote=with_quote, types=type_list,
        nmis=len(missions), nreq=sum(1 for r in missions if r[5] == "yes"),
        before="; ".join(act_line(r) for r in before),
        after="; ".join(act_line(r) for r in after),
        ns=len(status_rows), s0=min(r[3] for r in status_rows),
        s1=max(r[3] for r in status_rows),
        stc=", ".join("`%s` %d" % (s, st_count.get(s, 0))
                      for s in ("implemented", "in_progress", "planned", "not_started")),
        nact=len(per_action), silent=silent, two="\n".join("- " + t for t in two),
        nv=len(KPI_VALUES), by_status=by_status, table="\n".join(lines), traps=trap_lines,
        h_alt=h_alt)


def sap_traps(data, catalogue, primary, activities, status_rows):
    """Statuses that change under wrong readings, as README lines; and 3.h without the row
    of the unknown member code."""
    base = {r["id"]: r for r in primary}

    def changed(**kw):
        alt = sap_scorecard(data, catalogue, SAP_AS_OF, **kw)
        return ["%s %s → %s (%s)" % (r["id"], base[r["id"]]["status"], r["status"],
                                     fmt_value(r))
                for r in alt if r["status"] != base[r["id"]]["status"]]

    out = []
    c = changed(data_until=PLAN_END)
    out.append("rows dated after the as-of date counted: " + "; ".join(c))
    c = changed(data_until="2026-03-30")
    out.append("the as-of day itself left out: " + "; ".join(c))
    alt = sap_scorecard(data, catalogue, SAP_AS_OF, count_unknown_member=False)
    h_alt = fmt_value(next(r for r in alt if r["id"] == "3.h"))
    # 3.a has exactly two rows in 2024/25, one of them on its last day.
    assert base["3.a"]["years"] == [("2024/25", 2), ("2025/26", 2)]
    assert any(r[1] == "2025-06-30" and r[2] == "3.a" for r in activities)
    out.append("2025-06-30 put in plan year 2025/26: 3.a Met → Off track (2024/25 would have 1)")
    ever = {m for m, a, s, d in status_rows
            if a == "1.b" and s == "implemented" and date(d) <= date(SAP_AS_OF)}
    assert base["1.b"]["value"] == 29 and len(ever) == 30, (base["1.b"]["value"], len(ever))
    out.append("any implemented row counted instead of the latest: 1.b 29 → 30 (still Met)")
    per_period = ("count_per_year", "distinct_members_per_year", "count_per_quarter",
                  "count_per_window", "female_hod_growth")
    out.append("per-period KPIs never Met before their last period ends: the %d per-period "
               "KPIs shown Met would be On track"
               % sum(1 for r in primary if r["status"] == "Met" and r["measure"] in per_period))
    return out, h_alt

if __name__ == "__main__":
    sys.exit(main(sys.argv))
