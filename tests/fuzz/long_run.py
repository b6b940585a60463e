"""The parser fuzzers on a long budget (issue 17, deliverable 6).

    PYTHONPATH=. python tests/fuzz/long_run.py --cases 1000000 [--parsers usb_attlog,...]

Runs the properties of tests/fuzz/fuzz_properties.py (the same ones CI runs on a small
budget) with fresh random seeds, in chunks, until each parser has had its share of
``--cases`` (split by --weights, default equal). A chunk that finds a failure counts one
failure (Hypothesis stops the chunk there and shrinks it); the next chunk goes on with a new
seed. Prints one JSON document: per parser the cases run, seconds, cases/s, failures and the
first failure's exception; and the totals. Exit code 1 if any parser failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fuzz_properties import PROPERTIES, close_services  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

CHUNK = 2000


def run_parser(name: str, cases: int, rng: random.Random) -> dict[str, Any]:
    prop = PROPERTIES[name]
    done = failures = 0
    first_failure = ""
    counted = {"n": 0}

    def check(value: Any) -> None:
        counted["n"] += 1
        prop.check(value)

    start = time.perf_counter()
    while done < cases:
        chunk = min(CHUNK, cases - done)
        counted["n"] = 0
        test = seed(rng.getrandbits(64))(settings(
            max_examples=chunk, deadline=None, database=None, derandomize=False,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck))(given(prop.strategy)(check)))
        try:
            test()
        except Exception as exc:  # a failure of the property: counted, reported, go on
            failures += 1
            if not first_failure:
                first_failure = "".join(traceback.format_exception_only(exc)).strip()[:2000]
        # shrinking re-runs failing cases: count generated examples, at most the chunk
        done += min(counted["n"], chunk) if counted["n"] else chunk
    seconds = time.perf_counter() - start
    return {"cases": done, "seconds": round(seconds, 1),
            "cases_per_second": round(done / seconds, 1) if seconds else None,
            "failures": failures, "first_failure": first_failure}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", type=int, default=1_000_000, help="total cases, all parsers")
    p.add_argument("--parsers", default=",".join(PROPERTIES),
                   help="comma-separated subset of: " + ", ".join(PROPERTIES))
    p.add_argument("--weights", default="",
                   help="name=weight,... (default 1 each): a parser's share of --cases")
    p.add_argument("--seed", type=int, default=None, help="master seed (default: random)")
    args = p.parse_args(argv)
    names = [n for n in args.parsers.split(",") if n]
    unknown = [n for n in names if n not in PROPERTIES]
    if unknown:
        p.error(f"unknown parsers: {unknown}")
    weights = {n: 1.0 for n in names}
    for item in filter(None, args.weights.split(",")):
        key, _, value = item.partition("=")
        weights[key] = float(value)
    total_weight = sum(weights[n] for n in names)
    master = args.seed if args.seed is not None else random.SystemRandom().getrandbits(32)
    rng = random.Random(master)
    report: dict[str, Any] = {"seed": master, "parsers": {}}
    start = time.perf_counter()
    try:
        for name in names:
            share = max(1, round(args.cases * weights[name] / total_weight))
            report["parsers"][name] = run_parser(name, share, rng)
            print(json.dumps({name: report["parsers"][name]}, ensure_ascii=False),
                  file=sys.stderr, flush=True)
    finally:
        close_services()
    cases = sum(r["cases"] for r in report["parsers"].values())
    seconds = time.perf_counter() - start
    report["total"] = {"cases": cases, "seconds": round(seconds, 1),
                       "cases_per_second": round(cases / seconds, 1) if seconds else None,
                       "failures": sum(r["failures"] for r in report["parsers"].values())}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 1 if report["total"]["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
