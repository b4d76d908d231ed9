#!/usr/bin/env python3
# check-report.py: reads a report's PDF, XLSX and CSV back and checks
# them against figures computed here, from data/demo's JSON files alone.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-report.py --demo DIR --year YEAR --pdf F --xlsx F --csv DIR
#                 [--team SLUG]
#
# Exits non-zero with a message naming the first thing that is wrong.

import argparse
import csv
import datetime
import glob
import json
import os
import re
import subprocess
import sys

import openpyxl


def fail(message):
    print("check-report: " + message, file=sys.stderr)
    sys.exit(1)


def load_demo(path):
    tables = {}
    for name in sorted(glob.glob(os.path.join(path, "*.json"))):
        with open(name, encoding="utf-8") as f:
            data = json.load(f)
        for key, rows in data.items():
            if key != "mreza_format":
                tables.setdefault(key, []).extend(rows)
    return tables


def serbian_int(n):
    return "{:,}".format(n).replace(",", ".")


def expected_figures(demo, year, team):
    """The figures the report must show, by the report's documented rules."""
    start, end = "%d-01-01" % year, "%d-12-31" % year
    today = datetime.date.today().isoformat()
    as_of = min(end, today)
    plans = {p["id"]: p for p in demo["plans"]}
    goals = {g["id"]: g for g in demo["goals"]}
    activities = {a["id"]: a for a in demo["activities"]}

    def plan_of(activity):
        return plans[goals[activity["goal"]]["plan"]]

    counts = {"done": 0, "in_progress": 0, "not_started": 0, "dropped": 0}
    late = 0
    for t in demo["tasks"]:
        a = activities[t["activity"]]
        p = plan_of(a)
        if not (p["start"] <= end and p["end"] >= start):
            continue
        d = t.get("deadline") or {}
        ad = a.get("deadline") or {}
        t_from = d.get("from") or ad.get("from") or p["start"]
        t_to = d.get("to") or ad.get("to") or p["end"]
        status = t.get("status") or "not_started"
        open_ = status in ("not_started", "in_progress")
        if (t_from <= end and t_to >= start) or (open_ and t_to < start):
            counts[status] += 1
            if open_ and t_to < as_of:
                late += 1

    budget = {}
    for b in demo["budget_lines"]:
        if b.get("currency") is None:
            continue
        p = plan_of(activities[b["activity"]])
        y = b.get("year")
        if y == year or (y is None and p["start"] <= end and p["end"] >= start):
            key = (y, b["currency"])
            budget[key] = budget.get(key, 0) + round(b["amount"] * 100)

    actions = [j for j in demo["joint_actions"]
               if start <= j["date"] <= end and (team is None or j["team"] == team)]
    people = {k: sum((j.get("participants") or {}).get(k, 0) for j in actions)
              for k in ("women", "men", "girls", "boys")}
    return counts, late, budget, len(actions), people


def check_pdf(path, counts, late, budget, n_actions):
    text = subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                          capture_output=True, text=True).stdout
    for (year, currency), minor in budget.items():
        amount = serbian_int(minor // 100)
        label = "no year" if year is None else str(year)
        if not re.search(r"%s\s+%s\s+\d+\s+%s\b" % (label, currency,
                                                     re.escape(amount)), text):
            fail("the PDF has no budget total %s %s %s" % (label, currency, amount))
    labels = {"done": "Done", "in_progress": "In progress",
              "not_started": "Not started", "dropped": "Dropped"}
    for status, n in counts.items():
        if not re.search(r"\n\s*%s\s+%d\n" % (labels[status], n), text):
            fail("the PDF's summary has no '%s %d'" % (labels[status], n))
    if not re.search(r"\n\s*Late\s+%d\n" % late, text):
        fail("the PDF's summary has no 'Late %d'" % late)
    if not re.search(r"\n\s*Joint actions\s+%d\n" % n_actions, text):
        fail("the PDF's summary has no 'Joint actions %d'" % n_actions)
    pages = text.count("\f")
    if "page %d of %d" % (pages, pages) not in text:
        fail("the PDF's last page does not say 'page %d of %d'" % (pages, pages))


def header_row(ws):
    """The header is the row just above the frozen pane."""
    if ws.freeze_panes is None:
        fail("sheet %s has no frozen header" % ws.title)
    row = int(re.match(r"A(\d+)$", ws.freeze_panes).group(1)) - 1
    if row < 1 or ws.cell(row, 1).value is None:
        fail("sheet %s's frozen row is not its header" % ws.title)
    return row


def sheet_rows(ws):
    first = header_row(ws)
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


def find(rows, column, value):
    col = rows[0].index(column)
    return [r for r in rows[1:] if r[col] == value]


def check_xlsx(path, counts, budget, n_actions, people, team):
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    want = ["summary", "tasks", "late_tasks", "indicators", "joint_actions",
            "joint_actions_by_activity", "budget", "budget_totals", "risks",
            "coverage"]
    if team is None:
        want.insert(5, "joint_actions_by_team")
    if names != want:
        fail("sheets are %s, not %s" % (names, want))

    totals = sheet_rows(wb["budget_totals"])
    money_cells = 0
    for (year, currency), minor in budget.items():
        label = "no year" if year is None else year
        match = [r for r in totals[1:] if r[0] == label and r[1] == currency]
        if len(match) != 1 or abs(match[0][3] - minor / 100) > 1e-9:
            fail("budget_totals has no %s %s %.2f: %s" % (label, currency,
                                                           minor / 100, match))
    ws = wb["budget_totals"]
    first = header_row(ws)
    for row in ws.iter_rows(min_row=first + 1):
        cell = row[3]
        if cell.value is None:
            continue
        if not isinstance(cell.value, (int, float)) or cell.number_format != "#,##0.00":
            fail("budget amount %r is not a formatted number" % cell.value)
        money_cells += 1
    if money_cells == 0:
        fail("budget_totals has no amounts")

    tasks = sheet_rows(wb["tasks"])
    total_row = find(tasks, "Title", "All activities")
    if len(total_row) != 1:
        fail("tasks has no total row")
    for status, label in (("done", "Done"), ("in_progress", "In progress"),
                          ("not_started", "Not started"), ("dropped", "Dropped")):
        value = total_row[0][tasks[0].index(label)]
        if not isinstance(value, (int, float)) or value != counts[status]:
            fail("tasks' total %s is %r, not %d" % (label, value, counts[status]))

    kinds = sheet_rows(wb["joint_actions"])
    total = find(kinds, "Kind", "All joint actions")
    if len(total) != 1 or total[0][1] != n_actions:
        fail("joint_actions' total is %r, not %d" % (total, n_actions))
    for key, label in (("women", "Women"), ("men", "Men"), ("girls", "Girls"),
                       ("boys", "Boys")):
        if total[0][kinds[0].index(label)] != people[key]:
            fail("joint_actions' %s is not %d" % (label, people[key]))

    coverage = sheet_rows(wb["coverage"])
    joint = coverage[0].index("Latest joint action here")
    dates = [r[joint] for r in coverage[1:] if r[joint] is not None]
    if not dates or not all(isinstance(d, datetime.datetime) for d in dates):
        fail("coverage's dates are not dates: %r" % dates[:3])
    summary = sheet_rows(wb["summary"])
    generated = find(summary, "Item", "Generated")
    if len(generated) != 1 or not isinstance(generated[0][1], datetime.datetime):
        fail("the summary's date is not a date")
    return wb


def xlsx_value_as_csv(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return value


def check_csv(folder, wb):
    for name in wb.sheetnames:
        path = os.path.join(folder, name + ".csv")
        with open(path, "rb") as f:
            raw = f.read()
        if raw.startswith(b"\xef\xbb\xbf"):
            fail("%s starts with a byte-order mark" % path)
        lines = raw.split(b"\r\n")
        if lines[-1] != b"" or not all(not l.endswith(b"\r") for l in lines):
            fail("%s does not end its lines with CRLF" % path)
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        sheet = sheet_rows(wb[name])
        if len(rows) != len(sheet):
            fail("%s has %d rows, its sheet %d" % (path, len(rows), len(sheet)))
        for r, (got, want) in enumerate(zip(rows, sheet)):
            want = [xlsx_value_as_csv(v) for v in want]
            if len(got) != len(want):
                fail("%s row %d has %d fields, not %d" % (path, r, len(got), len(want)))
            for g, w in zip(got, want):
                if isinstance(w, (int, float)) and not isinstance(w, bool):
                    if g == "" or abs(float(g) - w) > 1e-9:
                        fail("%s row %d: %r is not %r" % (path, r, g, w))
                elif g != str(w):
                    fail("%s row %d: %r is not %r" % (path, r, g, w))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", required=True)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--pdf", required=True)
    parser.add_argument("--xlsx", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--team")
    args = parser.parse_args()

    demo = load_demo(args.demo)
    counts, late, budget, n_actions, people = expected_figures(
        demo, args.year, args.team)
    check_pdf(args.pdf, counts, late, budget, n_actions)
    wb = check_xlsx(args.xlsx, counts, budget, n_actions, people, args.team)
    check_csv(args.csv, wb)
    print("ok: tasks %s, late %d, budget %s, joint actions %d" %
          (counts, late, {"%s %s" % k: v / 100 for k, v in budget.items()},
           n_actions))


main()
