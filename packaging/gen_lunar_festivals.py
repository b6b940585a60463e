"""Generate ``data/lunar-festivals.csv`` (dev-time only; the app never imports this).

The holiday importer needs the Gregorian dates of the lunar festivals (lunar new year's eve,
spring festival, dragon boat, mid-autumn) and of the Qingming solar term to tell statutory
holidays from other days off in a holiday-cn JSON file. The app must not depend on a lunar
calendar library at run time, so the dates are computed here once and committed.

Two independent sources are cross-checked and the script fails loudly on any disagreement:

* lunar-python (6tail) for the lunar dates and the Qingming solar term (astronomical);
* lunardate (table based) for the lunar dates, and the classic "Y*D+C-L" formula for Qingming.

Usage (in a throw-away venv, not in the app's environment)::

    python -m venv /tmp/lunarvenv
    /tmp/lunarvenv/bin/pip install lunar-python lunardate
    /tmp/lunarvenv/bin/python packaging/gen_lunar_festivals.py  # writes data/lunar-festivals.csv

``tests/unit/test_holidays.py`` checks the committed file against the official 2024-2026 data.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import lunardate  # type: ignore[import-not-found]
from lunar_python import Lunar  # type: ignore[import-not-found]

FIRST_YEAR, LAST_YEAR = 2024, 2060
QINGMING = "\u6e05\u660e"  # the solar term's name as lunar-python keys it
OUT = Path(__file__).resolve().parents[1] / "data" / "lunar-festivals.csv"
HEADER = ("year", "chuxi", "spring_festival", "qingming", "dragon_boat", "mid_autumn")


def _solar(lunar: Lunar) -> dt.date:
    s = lunar.getSolar()
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def qingming_formula(year: int) -> dt.date:
    """Shou-style approximation for 2001-2099: day = int(Y*0.2422 + 4.81) - int(Y/4)."""
    y = year % 100
    return dt.date(year, 4, int(y * 0.2422 + 4.81) - y // 4)


def festivals(year: int) -> tuple[dt.date, ...]:
    spring = _solar(Lunar.fromYmd(year, 1, 1))
    dragon = _solar(Lunar.fromYmd(year, 5, 5))
    autumn = _solar(Lunar.fromYmd(year, 8, 15))
    term = Lunar.fromYmd(year, 3, 1).getJieQiTable()[QINGMING]
    qingming = dt.date(term.getYear(), term.getMonth(), term.getDay())
    # Cross-checks: a second, table-based library and the formula.
    assert spring == lunardate.LunarDate(year, 1, 1).to_solar_date(), year
    assert dragon == lunardate.LunarDate(year, 5, 5).to_solar_date(), year
    assert autumn == lunardate.LunarDate(year, 8, 15).to_solar_date(), year
    assert qingming == qingming_formula(year), (year, qingming)
    chuxi = spring - dt.timedelta(days=1)  # the last day of the 12th lunar month
    assert lunardate.LunarDate.from_solar_date(chuxi.year, chuxi.month, chuxi.day).month == 12
    return chuxi, spring, qingming, dragon, autumn


def main() -> int:
    rows = [(year, *(d.isoformat() for d in festivals(year)))
            for year in range(FIRST_YEAR, LAST_YEAR + 1)]
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"wrote {len(rows)} years to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
