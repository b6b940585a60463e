"""``python -m app.cli COMMAND …`` (what Task Scheduler calls, SPEC D5)."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
