#!/usr/bin/env python3
"""Generate a synthetic council for the benchmark: N officer reports of about
12 KB of Markdown (headings, lists, a table), ten to a meeting across four
committees, with agendas, minutes with resolutions, tracked recommendations
with progress updates, and people with attendance. Deterministic for a given
N (seeded), so runs compare like with like.

Usage: bench/generate.py N OUT_DIR [--small]
(--small: one paragraph per report instead of 12 KB, for tests of page sizes)
"""
import os
import random
import sys
from datetime import date, timedelta

WORDS = (
    "council committee report budget school transport housing planning licence consultation "
    "recommendation strategy review performance children families adults health wellbeing "
    "safeguarding inspection improvement partnership funding grant capital revenue forecast "
    "overspend savings procurement contract tender supplier highways roads maintenance waste "
    "recycling collection library leisure parks environment climate carbon energy homes "
    "tenants repairs allocation homelessness prevention benefits arrears collection audit "
    "risk assurance governance members officers scrutiny cabinet portfolio ward residents "
    "survey satisfaction complaints response timescale target measure quarter annual outturn "
    "education attainment attendance exclusion pupils teachers academy trust provision "
    "transformation digital service customer contact centre staffing vacancies agency "
    "recruitment retention training development equality diversity inclusion assessment"
).split()
COMMITTEES = [
    ("cabinet", "Cabinet", "cabinet"),
    ("scrutiny", "Overview and scrutiny committee", "scrutiny"),
    ("planning", "Planning committee", "regulatory"),
    ("audit", "Audit and governance committee", "other"),
]


def sentence(rng, n=None):
    n = n or rng.randint(8, 20)
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def paragraph(rng, n=None):
    return " ".join(sentence(rng) for _ in range(n or rng.randint(3, 6)))


SMALL = "--small" in sys.argv


def report_body(rng):
    if SMALL:
        return paragraph(rng, 2)
    out = []
    size = 0
    section = 0
    while size < 12000:
        section += 1
        out.append(f"## {section}. {sentence(rng, 4)[:-1]}\n")
        out.append(paragraph(rng) + "\n")
        if section % 2 == 0:
            for _ in range(rng.randint(3, 5)):
                out.append(f"- {sentence(rng, rng.randint(6, 12))}")
            out.append("")
        if section % 3 == 0:
            out.append("| Measure | 2019/20 | 2020/21 | Target |")
            out.append("|---|---:|---:|---:|")
            for _ in range(4):
                out.append(f"| {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} | {rng.randint(10, 999)} | {rng.randint(10, 999)} | {rng.randint(10, 999)} |")
            out.append("")
        out.append(paragraph(rng) + "\n")
        size = sum(len(x) + 1 for x in out)
    return "\n".join(out)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    n_reports = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(n_reports)
    content = os.path.join(out, "content")
    write(os.path.join(out, "site.yaml"), (
        "title: Benchmark Borough Council papers\n"
        "base_url: https://papers.bench.example\n"
        "as_of: 2026-06-30\n"
        "minute_number: \"{n}\"\n"
    ))
    people = []
    for i in range(40):
        people.append(f"- id: cllr-{i}\n  name: Councillor {i}\n  title: Councillor\n  party: Party {i % 3}\n  ward: Ward {i % 12}\n")
    people.append("- id: chief-executive\n  name: Chief Executive\n  role_title: Chief Executive\n")
    write(os.path.join(content, "people.yaml"), "".join(people))
    for ci, (cid, title, ctype) in enumerate(COMMITTEES):
        members = [f"cllr-{(ci * 10 + k) % 40}" for k in range(8)]
        m = "".join(f"  - {{ person: {p}, role: {'chair' if k == 0 else 'member'} }}\n" for k, p in enumerate(members))
        write(os.path.join(content, "committees", f"{cid}.md"), f"---\ntitle: {title}\ntype: {ctype}\nmembership:\n{m}---\n{paragraph(rng)}\n")
    meetings = n_reports // 10
    per_committee = max(1, meetings // len(COMMITTEES))
    start = date(2026, 6, 1) - timedelta(days=28 * per_committee)
    updates = []
    for ci, (cid, title, _) in enumerate(COMMITTEES):
        members = [f"cllr-{(ci * 10 + k) % 40}" for k in range(8)]
        minute = 0
        for k in range(per_committee):
            d = start + timedelta(days=28 * k + ci)
            mid = f"{d.isoformat()}-{cid}"
            items = ["  - n: 1\n    title: Apologies for absence\n    purpose: To receive apologies for absence.\n"]
            reports = []
            for r in range(10):
                slug = f"report-{r + 1}"
                rtitle = sentence(rng, 5)[:-1]
                reports.append((slug, rtitle))
                items.append(f"  - n: {r + 2}\n    title: {rtitle}\n    purpose: {sentence(rng, 10)}\n    reports: [{slug}]\n")
                write(os.path.join(content, "meetings", mid, "reports", f"{slug}.md"),
                      f"---\ntitle: {rtitle}\nreport_by: Director of Resources\nclassification: open\n"
                      f"purpose: {sentence(rng, 12)}\nrecommendations:\n  - {{ id: a, text: {sentence(rng, 10)} }}\n---\n{report_body(rng)}\n")
            write(os.path.join(content, "meetings", mid, "index.md"),
                  f"---\ncommittee: {cid}\ndate: {d.isoformat()}\ntime: \"18:30\"\nvenue: Council Chamber\nstatus: held\nitems:\n{''.join(items)}---\n")
            res = []
            body = []
            absent = members[k % len(members)]
            present = [p for p in members if p != absent]
            for it in range(11):
                minute += 1
                mtitle = "Apologies for absence" if it == 0 else reports[it - 1][1]
                body.append(f"## {minute}. {mtitle} {{#{minute} item={it + 1}}}\n\n{paragraph(rng, 2)}\n")
                if it > 0:
                    tracked = (it % 5 == 0)
                    line = f"  \"{minute}\":\n    - id: a\n      text: {sentence(rng, 12)}\n"
                    if tracked:
                        due = d + timedelta(days=90)
                        line += f"      track: true\n      owner: Director of Resources\n      due: {due.isoformat()}\n"
                        if k + 3 < per_committee:
                            later = start + timedelta(days=28 * (k + 3) + ci)
                            updates.append(
                                f"- rec: {mid}/{minute}/a\n  as_at: {(later - timedelta(days=7)).isoformat()}\n"
                                f"  status: {'completed' if minute % 2 else 'in-progress'}\n"
                                f"  at: {later.isoformat()}-{cid}\n  text: {sentence(rng, 14)}\n")
                    res.append(line)
            write(os.path.join(content, "meetings", mid, "minutes.md"),
                  f"---\nstatus: draft\nattendance:\n  present: [{', '.join(present)}]\n  apologies: [{absent}]\n"
                  f"resolutions:\n{''.join(res)}---\n\n" + "\n".join(body))
    for i in range(0, len(updates), 500):
        write(os.path.join(content, "updates", f"batch-{i // 500:04d}.yaml"), "\n".join(updates[i:i + 500]))


if __name__ == "__main__":
    main()
