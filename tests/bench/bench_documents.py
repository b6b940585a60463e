"""Documents benchmark (issue 6): the monthly attendance sheet for 300 people as PDF and as
Excel, each written 3 times; the medians are printed as JSON. Target: each under 3 s.

    python tests/bench/bench_documents.py [--people 300] [--repeat 3] [--keep DIR]

The month is computed from a real database (people added through the roster service,
four punches a working day through the punch service, a few late arrivals and gaps), for
October 2026, which has statutory holidays and an adjusted working day to shade.
"""

from __future__ import annotations

import argparse
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


def build(services: object, people: int) -> int:
    from app.domain.roster import PersonFields
    from app.services.punches import PunchRow

    rng = random.Random(7)
    calendar = services.holidays.calendar()  # type: ignore[attr-defined]
    days = calendar.working_days(dt.date(YEAR, MONTH, 1), dt.date(YEAR, MONTH, 31))
    rows = []
    for i in range(people):
        services.roster.add(PersonFields(  # type: ignore[attr-defined]
            employee_no=f"E{i:04d}", name=f"\u5458\u5de5{i:03d}", device_user_id=str(i + 1),
            role=ROLES[i % len(ROLES)], start_date=dt.date(2025, 1, 1)))
        for day in days:
            base = dt.datetime.combine(day, dt.time())
            for k, (lo, hi) in enumerate(((490, 535), (720, 735), (820, 839), (1050, 1080))):
                if rng.random() < 0.01 and k in (0, 3):
                    continue  # a missing punch now and then
                rows.append(PunchRow(str(i + 1), base + dt.timedelta(
                    minutes=rng.randint(lo, hi), seconds=rng.randint(0, 59))))
    services.punches.record_batch("usb", "bench", "DEV", rows)  # type: ignore[attr-defined]
    return len(rows)


def timed(fn: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return times


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="also leave the files here")
    args = ap.parse_args()
    from app.documents import fonts
    from app.documents.month_sheet import write_month_pdf, write_month_xlsx
    from app.services import Services

    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(Path(tmp) / "bench.db")
        punches = build(services, args.people)
        month = services.attendance.month(YEAR, MONTH, now=dt.datetime(YEAR, MONTH + 1, 15))
        project = services.project.get()
        services.close()
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        pdf, xlsx = out / "month-300.pdf", out / "month-300.xlsx"
        t = time.perf_counter()
        fonts.register()
        font_load = time.perf_counter() - t
        pdf_t = timed(lambda: write_month_pdf(pdf, month, project, "bench"), args.repeat)
        xlsx_t = timed(lambda: write_month_xlsx(xlsx, month, project, "bench"), args.repeat)
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        sizes = {"pdf_bytes": pdf.stat().st_size, "xlsx_bytes": xlsx.stat().st_size}
    print(json.dumps({
        "people": args.people, "punches": punches, "month": f"{YEAR}-{MONTH:02d}",
        "font_register_s": round(font_load, 3),
        "month_pdf_median_s": round(statistics.median(pdf_t), 3),
        "month_xlsx_median_s": round(statistics.median(xlsx_t), 3),
        "pdf_pages": pages, **sizes, "target_s": 3.0,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
