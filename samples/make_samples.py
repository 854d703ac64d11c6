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

    write(out / "README.md", readme(workshops, rows, bad, first_of_dup, line - 1, stats)
          + needs_readme(needs, needs_bad, needs_physical, needs_stats))

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


if __name__ == "__main__":
    sys.exit(main(sys.argv))
