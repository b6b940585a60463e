"""Documents benchmark (issues 6 and 15): the monthly attendance sheet as PDF and as Excel,
for 300 and for 3000 people; medians of CPU time (``time.process_time``) and wall time are
printed as JSON, with the 3000/300 ratio of the PDF.

    python tests/bench/bench_documents.py [--people 300,3000] [--repeat 3] [--long] [--keep DIR]

The month is computed from a real database (people added through the roster service,
four punches a working day through the punch service, a few late arrivals and gaps, the
score deductions from the score service), for October 2026, which has statutory holidays and
an adjusted working day to shade. The smaller sites are the first people of the largest one,
so every size prints the same kind of rows.

What the ratio is compared with: ten times the people is ten times the rows, so 10x is the
floor a linear layout can reach (fixed costs such as the font and the signature block make
it a little less); the target is at most 12x (issue 15: it was 35x when one big table was
split again on every page). ``--long`` gives everyone a long name, a 40-character job title
and the project a long name (the layout's worst case: rows of two or three lines).
Targets: 300 people PDF < 3 s, Excel <= 0.3 s CPU for the month sheet (the raw-punch sheet is
timed apart: it writes one row per punch).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

YEAR, MONTH = 2026, 10
ROLES = ("\u8fd0\u7ef4", "\u6280\u672f\u652f\u6301", "\u8f6f\u4ef6\u5de5\u7a0b\u5e08")
# "senior information system integration project management engineer (network security)..."
LONG_ROLE = ("\u9ad8\u7ea7\u4fe1\u606f\u7cfb\u7edf\u96c6\u6210\u9879\u76ee\u7ba1\u7406"
             "\u5de5\u7a0b\u5e08\uff08\u7f51\u7edc\u4e0e\u4fe1\u606f\u5b89\u5168\u65b9"
             "\u5411\uff09\u517c\u6570\u636e\u5e93\u8fd0\u7ef4\u53ca\u5e94\u6025\u54cd"
             "\u5e94\u8d1f\u8d23\u4eba")
LONG_NAME = "\u963f\u535c\u675c\u70ed\u5408\u66fc\u00b7\u4e70\u4e70\u63d0"  # a Uyghur name
LONG_PROJECT = ("\u5e02\u7b2c\u4e00\u4eba\u6c11\u533b\u9662\u667a\u6167\u533b\u9662"
                "\u4fe1\u606f\u7cfb\u7edf\uff08HIS/EMR/PACS/LIS\uff09\u53ca\u6570\u636e"
                "\u4e2d\u5fc3\u57fa\u7840\u8bbe\u65bd\u4e00\u4f53\u5316\u8fd0\u7ef4"
                "\u670d\u52a1\u9879\u76ee\uff08\u4e8c\u671f\uff09")
LONG_CONTRACT = "SYY-ZHYY-XXZX-2026-0017-BC02"


def build(services: object, people: int, long: bool) -> int:
    from app.domain.roster import PersonFields
    from app.services.punches import PunchRow

    rng = random.Random(7)
    calendar = services.holidays.calendar()  # type: ignore[attr-defined]
    days = calendar.working_days(dt.date(YEAR, MONTH, 1), dt.date(YEAR, MONTH, 31))
    if long:
        services.project.update(  # type: ignore[attr-defined]
            name=LONG_PROJECT, contract_no=LONG_CONTRACT)
    rows = []
    for i in range(people):
        services.roster.add(PersonFields(  # type: ignore[attr-defined]
            employee_no=f"E{i:04d}",
            name=f"{LONG_NAME}{i}" if long else f"\u5458\u5de5{i:03d}",
            device_user_id=str(i + 1),
            role=LONG_ROLE if long else ROLES[i % len(ROLES)], start_date=dt.date(2025, 1, 1)))
        for day in days:
            base = dt.datetime.combine(day, dt.time())
            for k, (lo, hi) in enumerate(((490, 535), (720, 735), (820, 839), (1050, 1080))):
                if rng.random() < 0.01 and k in (0, 3):
                    continue  # a missing punch now and then
                rows.append(PunchRow(str(i + 1), base + dt.timedelta(
                    minutes=rng.randint(lo, hi), seconds=rng.randint(0, 59))))
    services.punches.record_batch("usb", "bench", "DEV", rows)  # type: ignore[attr-defined]
    return len(rows)


def timed(fn: object, repeat: int) -> tuple[float, float]:
    """Median CPU and wall seconds of ``repeat`` runs."""
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        fn()  # type: ignore[operator]
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return round(statistics.median(cpu), 3), round(statistics.median(wall), 3)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", default="300,3000", help="site sizes, comma-separated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--long", action="store_true", help="long names, titles, project name")
    ap.add_argument("--keep", type=Path, default=None, help="also leave the files here")
    args = ap.parse_args()
    sizes = sorted(int(n) for n in args.people.split(","))
    from pypdf import PdfReader

    from app.documents import fonts
    from app.documents.month_sheet import write_month_pdf, write_month_xlsx
    from app.services import Services

    now = dt.datetime(YEAR, MONTH + 1, 15)
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(Path(tmp) / "bench.db")
        punches = build(services, sizes[-1], args.long)
        month = services.attendance.month(YEAR, MONTH, now=now)
        scores = services.scores.month(YEAR, MONTH, now=now)
        month = dataclasses.replace(month, deductions={
            p.person_id: p.deductions for p in scores.people})
        raw = services.attendance.month_punches(YEAR, MONTH)
        project = services.project.get()
        services.close()
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        fonts.register()
        font_load = time.perf_counter() - t
        results = []
        for n in sizes:
            part = dataclasses.replace(month, people=month.people[:n])
            pdf, xlsx = out / f"month-{n}.pdf", out / f"month-{n}.xlsx"
            pdf_t = timed(lambda p=part, f=pdf: write_month_pdf(f, p, project, "bench"),
                          args.repeat)
            xlsx_t = timed(lambda p=part, f=xlsx: write_month_xlsx(f, p, project, "bench"),
                           args.repeat)
            both = out / f"month-{n}-punches.xlsx"
            raw_t = timed(lambda p=part, f=both, r=raw[:n]: write_month_xlsx(
                f, p, project, "bench", r), 1)
            results.append({
                "people": n, "pdf_cpu_s": pdf_t[0], "pdf_wall_s": pdf_t[1],
                "pdf_pages": len(PdfReader(pdf).pages), "pdf_bytes": pdf.stat().st_size,
                "xlsx_cpu_s": xlsx_t[0], "xlsx_wall_s": xlsx_t[1],
                "xlsx_with_raw_punches_cpu_s": raw_t[0],
                "raw_punch_rows": sum(len(r.punches) + len(r.corrections) for r in raw[:n]),
            })
    report: dict[str, object] = {
        "month": f"{YEAR}-{MONTH:02d}", "punches": punches, "long": args.long,
        "font_register_s": round(font_load, 3), "sizes": results,
    }
    if len(results) > 1:
        small, big = results[0], results[-1]
        people_ratio = int(big["people"]) / int(small["people"])  # type: ignore[call-overload]
        report["pdf_cpu_ratio"] = round(float(big["pdf_cpu_s"])  # type: ignore[arg-type]
                                        / float(small["pdf_cpu_s"]), 2)  # type: ignore[arg-type]
        report["linear_floor_ratio"] = people_ratio
        report["target_ratio"] = round(people_ratio * 1.2, 1)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
