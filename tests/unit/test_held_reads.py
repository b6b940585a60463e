"""``Database.held_reads`` (issue 19): one session lent to every read of a thread for a while.

Head office counts fifty projects' months reading each about six times; on a server a session
of its own costs a checkout, a BEGIN and a ROLLBACK each. These tests pin what the lending
must keep of separate sessions: each read works on its own view's project, starts with an
empty identity map, writes nothing, and other threads are not lent the session.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from app import strings
from app.domain.roster import PersonFields
from app.errors import DatabaseError
from app.services import Services
from app.services.project import current_project_id
from app.storage.db import Database, server_engine
from app.storage.tables import Person, Project


def _two_projects(services: Services) -> int:
    """A second project beside the first; its id."""
    services.project.update(code="SITE-ONE", name="一号现场")
    services.roster.add(PersonFields(employee_no="E001", name="张三", device_user_id="1",
                                     start_date=dt.date(2026, 1, 1)))
    with services.db.transaction() as s:
        s.add(Project(id=2, code="SITE-TWO", name="二号现场", uid="b" * 32, origin="local",
                      contract_no="", contractor="", client_name="", client_label="",
                      client_dept="", supervisor_firm="", project_manager="",
                      client_project_lead=""))
    return 2


def test_reads_share_one_session_each_on_its_own_project(services: Services) -> None:
    other = services.on_project(_two_projects(services))
    db = services.db
    with db.read() as a, db.read() as b:
        assert a is not b  # no hold: a session each, as before
    with db.held_reads():
        with db.read() as first:
            assert current_project_id(first) == 1
            with other.db.read() as inner:  # a view of the other project, nested
                assert inner is first
                assert current_project_id(inner) == 2
            assert current_project_id(first) == 1  # the outer block's project is back
        with other.db.read() as later:
            assert later is first
            assert current_project_id(later) == 2
    with db.read() as after:
        assert after is not first


def test_each_read_starts_with_an_empty_identity_map_and_writes_nothing(
        services: Services) -> None:
    _two_projects(services)
    db = services.db
    with db.held_reads():
        with db.read() as s:
            person = s.scalars(select(Person)).one()
            person.name = "改过的名字"  # a read that (wrongly) changes an object
            assert person in s
        with db.read() as s:
            assert person not in s  # not lent to the next block
            again = s.scalars(select(Person)).one()
            assert again is not person
            assert again.name == "张三"
    with db.read() as s:
        assert s.scalars(select(Person.name)).one() == "张三"


def test_another_thread_is_not_lent_the_session(services: Services) -> None:
    db = services.db
    seen: list[Any] = []

    def read_there() -> None:
        with db.read() as s:
            seen.append(s)

    with db.held_reads(), db.read() as mine:
        thread = threading.Thread(target=read_there)
        thread.start()
        thread.join()
        assert seen[0] is not mine


def test_an_overview_begins_a_handful_of_transactions_not_some_per_project(
        services: Services) -> None:
    """Every project's month counted in one look: the reads of all projects share one
    session (without the hold, each project began six or seven of its own)."""
    _two_projects(services)
    begun: list[int] = []

    @event.listens_for(services.db.sessions, "after_begin")
    def count(session: Any, transaction: Any, connection: Any) -> None:
        begun.append(1)

    try:
        office = services.headoffice
        assert office.stale(2026, 11) == [1, 2]
        begun.clear()
        rows = office.overview(2026, 11)
    finally:
        event.remove(services.db.sessions, "after_begin", count)
    assert [r.recomputed for r in rows] == [True, True]
    # _stored, _ended, the mark, the held session, the store, the projects' list
    assert len(begun) <= 7, len(begun)


def test_a_lost_server_is_said_in_chinese_on_a_read_too(tmp_path: Path) -> None:
    """A read on a PostgreSQL server that does not answer (the link lost, the server
    stopped) is the Chinese DatabaseError naming the server, as a write's is; not a driver
    traceback. No server is needed: nothing listens on the port."""
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://onsitedesk@127.0.0.1:{port}/company"
    db = Database(tmp_path / "anchor.db", server_engine(url), server=url)
    try:
        for block in (db.read, db.held_reads):
            with pytest.raises(DatabaseError) as raised, block(), db.read() as s:
                s.execute(select(Project.id)).all()
            said = str(raised.value)
            assert said.startswith(strings.DB_SERVER_FAILED.format(server=url, err="")[:-1])
            assert "Traceback" not in said and "sqlalche.me" not in said
    finally:
        db.close()
