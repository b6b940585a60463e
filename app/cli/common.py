"""What every command module shares: opening the services, output, and reading arguments.

Expected errors are raised as AppError (one Chinese line on stderr, exit 1, see app.cli.run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app import config, strings
from app.errors import AppError

if TYPE_CHECKING:
    from app.services import Services


def database_of(db_arg: str | None) -> tuple[Path, str | None]:
    """Where ``--db`` (else ``ONSITEDESK_DB``, else the default) points: the local path and,
    for a PostgreSQL server (issue 19), its URL (the path is then the server's local anchor).
    Shared by the commands and the window (which must not import app.storage itself)."""
    from app.storage.db import server_anchor, server_url_of

    url = server_url_of(db_arg)
    return (server_anchor(url) if url else config.resolve_db_path(db_arg)), url


@contextmanager
def open_services(args: argparse.Namespace) -> Iterator[Services]:
    """The services on the database of ``--db`` (or the default one), closed on the way out
    whatever happens."""
    from app.services import Services

    # the clock: main(argv, clock=...) sets it (tests); otherwise the PC's clock
    from app.services.documents import collect_warnings
    from app.storage.db import server_anchor, server_url_of

    url = server_url_of(args.db)  # issue 19: --db postgresql+psycopg://…
    path = server_anchor(url) if url else config.resolve_db_path(args.db)
    services = Services.open(path, clock=getattr(args, "clock", None), server=url,
                             project=getattr(args, "project", None),  # issue 19
                             choose_project=not getattr(args, "any_project", False))
    try:
        sign_in(services, args)
        with collect_warnings() as warned:
            try:
                yield services
            finally:  # a printout's warnings (characters no font has), even if a step failed
                for warning in warned:
                    eprint(warning)
        services.maintenance.close_backup()  # issue 17: after a command that wrote
    finally:
        services.close()


# ---- issue 18: who runs the command ---------------------------------------------------------
PASSWORD_ENV = "ONSITEDESK_PASSWORD"
MACHINE_COMMANDS = frozenset({"sync", "import"})  # what a machine credential may run


def sign_in(services: Services, args: argparse.Namespace) -> None:
    """On a database with accounts: sign in as ``--user`` with the password from
    ``ONSITEDESK_PASSWORD`` or a prompt; ``sync``/``import`` without a password use this PC's
    machine credential when there is one. Without accounts: nothing (as before)."""
    if not services.db.accounts_required or getattr(args, "no_sign_in", False):
        return
    login = getattr(args, "user", None)
    if not login:
        raise AppError(strings.ACC_CLI_NEED_USER)
    password = os.environ.get(PASSWORD_ENV)
    if password is None and getattr(args, "command", None) in MACHINE_COMMANDS:
        from app.security import machine_secret

        try:
            secret = machine_secret.load(services.db_path, login)
        except OSError as exc:
            raise AppError(strings.ACC_MACHINE_UNPROTECT_FAILED.format(err=exc)) from None
        if secret is not None:
            services.accounts.login_machine(login, secret)
            return
    if password is None:
        password = prompt_secret(strings.ACC_CLI_PROMPT_PASSWORD.format(login=login),
                                 strings.ACC_CLI_NO_PASSWORD)
    services.accounts.login(login, password)


def require_admin_of_files(args: argparse.Namespace, *paths: Path) -> None:
    """``db restore``/``db accept`` replace or re-accept a file that may not open: on the first
    of ``paths`` that can be read and has accounts, ``--user`` must be one of its admins (its
    password from ``ONSITEDESK_PASSWORD`` or a prompt). Without accounts: nothing, as before."""
    from app.services.accounts import accounts_in_file, check_admin_in_file

    for path in paths:
        state = accounts_in_file(path)
        if state is None:
            continue
        if not state:
            return
        login = getattr(args, "user", None)
        if not login:
            raise AppError(strings.ACC_CLI_NEED_USER)
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = prompt_secret(strings.ACC_CLI_PROMPT_PASSWORD.format(login=login),
                                     strings.ACC_CLI_NO_PASSWORD)
        check_admin_in_file(path, login, password)
        return


def prompt_secret(prompt: str, missing: str) -> str:
    """A secret typed at the terminal (not echoed); AppError(``missing``) without one."""
    import getpass

    if not sys.stdin.isatty():
        raise AppError(missing)
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise AppError(missing) from None


def _now(services: Services) -> dt.datetime:
    """The current local time, to the second."""
    return services.clock.now()


# ---- output ---------------------------------------------------------------------------------
def print_json(obj: object) -> None:
    """One JSON document on stdout (Chinese kept as is)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def eprint(text: str) -> None:
    sys.stderr.write(text + "\n")


def pdf_and_excel(pdf: Callable[[], object] | None, xlsx: Callable[[], object] | None) -> None:
    """Write the PDF, then the workbook even if the PDF failed for any reason (a PDF problem
    never costs the Excel); the PDF's error is raised after the workbook is written."""
    failed: Exception | None = None
    if pdf is not None:
        try:
            pdf()
        except Exception as exc:  # re-raised below, once the workbook is written
            failed = exc
    if xlsx is not None:
        xlsx()
    if failed is not None:
        raise failed


# ---- reading arguments ----------------------------------------------------------------------
def existing_file(text: str) -> Path:
    """The path of a file to read; a Chinese AppError if there is no such file."""
    path = Path(text)
    if not path.is_file():
        raise AppError(strings.CLI_FILE_NOT_FOUND.format(path=path))
    return path


def person_id(services: Services, employee_no: str,
              missing: str = strings.LEAVE_EMPLOYEE_NOT_FOUND) -> int:
    """The id of the person with this employee number; ``missing`` ({no}) if there is none."""
    for p in services.roster.list_people():
        if p.employee_no == employee_no:
            return p.id
    raise AppError(missing.format(no=employee_no))


def person_ids(services: Services, employee_nos: str,
               missing: str = strings.SV_EMPLOYEE_NOT_FOUND) -> list[int]:
    """The ids of comma-separated employee numbers, in their order (blanks skipped)."""
    by_no = {p.employee_no: p.id for p in services.roster.list_people()}
    ids = []
    for no in (x.strip() for x in employee_nos.split(",")):
        if not no:
            continue
        if no not in by_no:
            raise AppError(missing.format(no=no))
        ids.append(by_no[no])
    return ids


def parse_date(text: str, bad: str = strings.SETTING_BAD_DATE, **fields: str) -> dt.date:
    """``YYYY-MM-DD``; otherwise AppError(``bad`` formatted with {value} and ``fields``)."""
    from app.domain.inputs import check_date

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AppError(bad.format(value=text, **fields)) from None
    return check_date(day)  # 2000-2100: a date typed at the command line


def parse_datetime(text: str, bad: str = strings.LEAVE_BAD_DATETIME) -> dt.datetime:
    """``YYYY-MM-DD HH:MM[:SS]`` (or ISO ``T``); otherwise AppError(``bad`` with {value})."""
    from app.domain.inputs import check_datetime

    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise AppError(bad.format(value=text)) from None
    return check_datetime(when.replace(tzinfo=None))


def datetime_or_now(services: Services, text: str | None) -> dt.datetime:
    """The time given, or now when none is (when a form was filed, …)."""
    return parse_datetime(text) if text else _now(services)


def parse_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month); a Chinese AppError otherwise."""
    from app.services.attendance import parse_month as parse

    return parse(text)
