"""Issue 19, the site package: ``project export`` at a site → ``project import`` at head office.

The demo site (SQLite, as a site PC has it) is exported and imported into a head-office
database on the ``backend`` fixture's side (SQLite; PostgreSQL in the PostgreSQL leg): the
month is identical (``month --json``), so is every carried row (site ids mapped back); a second
import says unchanged; an incremental package after more site edits gives identical months
again; tampered and out-of-order packages are refused with nothing written; two sites' packages
share one head-office database without collisions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.pool import NullPool

from app import strings
from app.errors import AccessDenied, AppError
from app.services import Services, sitepkg
from app.services.punches import PunchRow
from app.services.sitepkg import SitePackageService
from app.storage.db import is_server_url
from app.storage.tables_sitepkg import SiteImport, SiteRowMap
from tests.helpers.accounts import (
    ADMIN_LOGIN,
    ADMIN_PASSWORD,
    VIEWER_DISPLAY,
    VIEWER_LOGIN,
    VIEWER_PASSWORD,
    cheap_scrypt,
    with_admin_and_viewer,
)
from tests.helpers.cli import run_cli, run_error, run_json
from tests.helpers.db import DEMO_TODAY, DatabaseTemplates, copy_database, open_services
from tests.helpers.pg import PgDatabases, open_pg_services

MONTHS = ("2026-10", "2026-11")


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ONSITEDESK_DB", raising=False)


def _new_head_office(request: pytest.FixtureRequest, backend: str,
                     db_templates: DatabaseTemplates, folder: Path) -> Iterator[str]:
    if backend == "postgresql":
        pg: PgDatabases = request.getfixturevalue("pg_databases")
        name = pg.copy(pg.migrated())
        try:
            yield pg.url_of(name)
        finally:
            pg.drop(name)
        return
    yield str(copy_database(db_templates.migrated(), folder / "onsitedesk.db"))


@pytest.fixture
def head_office(request: pytest.FixtureRequest, backend: str, db_templates: DatabaseTemplates,
                tmp_path: Path) -> Iterator[str]:
    """The ``--db`` of a new head-office database (a file, or a server URL)."""
    yield from _new_head_office(request, backend, db_templates, tmp_path / "ho")


@pytest.fixture
def site(db_templates: DatabaseTemplates, tmp_path: Path) -> Path:
    """A site PC's database: the demo site (SQLite)."""
    return copy_database(db_templates.demo(), tmp_path / "site" / "onsitedesk.db")


def _months(db: str | Path, project: str | None = None) -> list[Any]:
    chosen = ("--project", project) if project else ()
    return [run_json("--db", db, *chosen, "month", m) for m in MONTHS]


def _export(db: Path, file: Path, *extra: str) -> dict[str, Any]:
    result: dict[str, Any] = run_json("--db", db, "project", "export", file, *extra)
    return result


def _import(db: str | Path, file: Path) -> dict[str, Any]:
    result: dict[str, Any] = run_json("--db", db, "project", "import", file)
    return result


def _engine(db: str | Path) -> Any:
    url = str(db) if is_server_url(db) else f"sqlite:///{db}"
    return create_engine(url, poolclass=NullPool)


def _snapshot(db: str | Path) -> list[tuple[str, list[str]]]:
    """Every table's rows (sorted): what must not change when a package is refused."""
    engine = _engine(db)
    try:
        with engine.connect() as conn:
            return [(t, sorted(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{t}"'))))
                    for t in sorted(inspect(conn).get_table_names())]
    finally:
        engine.dispose()


def _project_id(db: str | Path, code: str) -> int:
    engine = _engine(db)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT id FROM project WHERE code = :c"),
                                    {"c": code}).scalar_one())
    finally:
        engine.dispose()


def _content(db: str | Path, pid: int, *, mapped: bool) -> dict[str, list[str]]:
    """Every carried row of project ``pid`` as the package encodes it (masked person numbers);
    ``mapped``: a head-office copy, its ids and foreign keys turned back into site ids."""
    engine = _engine(db)
    out: dict[str, list[str]] = {}
    try:
        with engine.connect() as conn:
            back: dict[str, dict[int, int]] = {}
            if mapped:
                t = SiteRowMap.__table__
                for name, site_id, local_id in conn.execute(select(
                        t.c.table_name, t.c.site_id, t.c.local_id).where(t.c.project_id == pid)):
                    back.setdefault(name, {})[int(local_id)] = int(site_id)
            for table in sitepkg.exported_tables():
                rows = []
                for row in sitepkg._rows_of(conn, table, pid):
                    row["project_id"] = 0
                    if mapped:
                        row["id"] = back[table.name][row["id"]]
                        for col in table.columns:
                            for fk in col.foreign_keys:
                                target = fk.column.table.name
                                if target != "project" and row[col.name] is not None:
                                    row[col.name] = back[target][row[col.name]]
                    rows.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
                out[table.name] = sorted(rows)
    finally:
        engine.dispose()
    return out


# ---- the scenario ---------------------------------------------------------------------------
def test_month_identical_after_export_import_twice_and_incremental(
        site: Path, head_office: str, tmp_path: Path) -> None:
    site_months = _months(site)
    first = _export(site, tmp_path / "p1.odpkg")
    assert (first["seq"], first["base_seq"], first["full"]) == (1, 0, True)
    manifest = _manifest(tmp_path / "p1.odpkg")
    assert manifest["tables"]["punch"]["upsert"] > 1000
    assert manifest["audit_rows"] > 0

    done = _import(head_office, tmp_path / "p1.odpkg")
    assert done["project"] == first["project"] and done["seq"] == 1
    assert done["rows_inserted"] == first["rows"] + 1  # the project row too
    assert not done["unchanged"]
    assert _months(head_office) == site_months
    ho_pid = _project_id(head_office, first["project"])
    assert _content(head_office, ho_pid, mapped=True) == _content(site, 1, mapped=False)

    before = _snapshot(head_office)
    again = run_cli("--db", head_office, "project", "import", tmp_path / "p1.odpkg", "--json")
    assert again.code == 0 and "已导入过，无变化" in again.err
    assert again.json() == {"project": first["project"], "seq": 1, "rows_inserted": 0,
                            "rows_updated": 0, "rows_deleted": 0, "unchanged": True}
    assert _snapshot(head_office) == before

    # more work at the site: new punches, an edited leave, a deleted row
    _edit_site(site)
    edited = _months(site)
    assert edited != site_months  # the edits show in the month
    second = _export(site, tmp_path / "p2.odpkg")
    assert (second["seq"], second["base_seq"], second["full"]) == (2, 1, False)
    assert second["rows"] < 20  # only what changed
    m2 = _manifest(tmp_path / "p2.odpkg")
    assert m2["tables"]["equipment_item"]["delete"] == 1
    assert m2["tables"]["punch"]["upsert"] == 2

    done = _import(head_office, tmp_path / "p2.odpkg")
    assert (done["rows_inserted"], done["rows_deleted"]) == (3, 1)  # 2 punches + batch
    assert done["rows_updated"] >= 1
    assert _months(head_office) == edited
    assert _content(head_office, ho_pid, mapped=True) == _content(site, 1, mapped=False)
    assert _import(head_office, tmp_path / "p2.odpkg")["unchanged"]

    # the head office's own audit check leaves the site copy to the site's chain
    verify = run_cli("--db", head_office, "audit", "verify")
    assert verify.code == 0, verify.out + verify.err


def _edit_site(path: Path) -> None:
    services = open_services(path, today=DEMO_TODAY)
    try:
        services.punches.record_batch("file", "extra.dat", "usb", [
            PunchRow("9", dt.datetime(2026, 11, 16, 8, 31)),
            PunchRow("9", dt.datetime(2026, 11, 16, 18, 2))])
        services.leave.return_(3, dt.date(2026, 11, 20))
        services.roster.remove_equipment(1)
    finally:
        services.close()


def test_full_package_replaces_after_a_lost_incremental(site: Path, head_office: str,
                                                         tmp_path: Path) -> None:
    _export(site, tmp_path / "p1.odpkg")
    _import(head_office, tmp_path / "p1.odpkg")
    _edit_site(site)
    _export(site, tmp_path / "p2.odpkg")  # lost on the way
    third = _export(site, tmp_path / "p3.odpkg", "--full")
    assert (third["seq"], third["base_seq"], third["full"]) == (3, 0, True)
    done = _import(head_office, tmp_path / "p3.odpkg")
    assert (done["rows_inserted"], done["rows_deleted"]) == (3, 1)
    assert _months(head_office) == _months(site)
    # seq 2 arrives late: older than what head office holds, nothing changes
    assert _import(head_office, tmp_path / "p2.odpkg")["unchanged"]


# ---- refusals: nothing written ----------------------------------------------------------------
def _manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        result: dict[str, Any] = json.loads(zf.read("manifest.json"))
    return result


def _rewrite(src: Path, dst: Path, *, manifest: bytes | None = None, sig: bytes | None = None,
             payload: bytes | None = None) -> Path:
    with zipfile.ZipFile(src) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["manifest.json"] = manifest if manifest is not None else parts["manifest.json"]
    parts["manifest.sig"] = sig if sig is not None else parts["manifest.sig"]
    parts["payload.jsonl.gz"] = payload if payload is not None else parts["payload.jsonl.gz"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    dst.write_bytes(buf.getvalue())
    return dst


def _resigned(src: Path, dst: Path) -> Path:
    """The package re-signed by another key (its public key in the manifest)."""
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    manifest = _manifest(src)
    manifest["public_key"] = public
    body = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    return _rewrite(src, dst, manifest=body, sig=key.sign(body).hex().encode())


def test_tampered_and_out_of_order_packages_are_refused(site: Path, head_office: str,
                                                         tmp_path: Path) -> None:
    p1 = tmp_path / "p1.odpkg"
    _export(site, p1)
    empty = _snapshot(head_office)
    with zipfile.ZipFile(p1) as zf:
        payload = bytearray(zf.read("payload.jsonl.gz"))
        body = zf.read("manifest.json")
    payload[len(payload) // 2] ^= 0x01
    flipped = _rewrite(p1, tmp_path / "flipped.odpkg", payload=bytes(payload))
    err = run_error("--db", head_office, "project", "import", flipped)
    assert "flipped.odpkg" in err and "SHA-256" in err and "未导入任何数据" in err
    edited = _rewrite(p1, tmp_path / "edited.odpkg",
                      manifest=body.replace(b'"seq": 1', b'"seq": 7'))
    err = run_error("--db", head_office, "project", "import", edited)
    assert "edited.odpkg" in err and "签名校验失败" in err
    garbage = tmp_path / "garbage.odpkg"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    assert "garbage.odpkg" in run_error("--db", head_office, "project", "import", garbage)
    assert _snapshot(head_office) == empty

    # out of order: 3 before 2
    _import(head_office, p1)
    services = open_services(site, today=DEMO_TODAY)
    try:
        services.roster.remove_equipment(1)
    finally:
        services.close()
    _export(site, tmp_path / "p2.odpkg")
    services = open_services(site, today=DEMO_TODAY)
    try:
        services.roster.remove_equipment(2)
    finally:
        services.close()
    _export(site, tmp_path / "p3.odpkg")
    before = _snapshot(head_office)
    err = run_error("--db", head_office, "project", "import", tmp_path / "p3.odpkg")
    assert "p3.odpkg" in err and "第 3 号" in err and "缺少第 2 号" in err
    # a package signed by another key, for a project head office already trusts
    err = run_error("--db", head_office, "project", "import",
                    _resigned(tmp_path / "p2.odpkg", tmp_path / "other.odpkg"))
    assert "other.odpkg" in err and "另一把密钥" in err
    assert _snapshot(head_office) == before
    assert _import(head_office, tmp_path / "p2.odpkg")["rows_deleted"] == 1
    assert _import(head_office, tmp_path / "p3.odpkg")["rows_deleted"] == 1
    assert _months(head_office) == _months(site)


def test_incremental_first_and_local_project_are_refused(site: Path, head_office: str,
                                                          tmp_path: Path) -> None:
    _export(site, tmp_path / "p1.odpkg")
    _export(site, tmp_path / "p2.odpkg")
    before = _snapshot(head_office)
    err = run_error("--db", head_office, "project", "import", tmp_path / "p2.odpkg")
    assert "第 1 号" in err and "--full" in err
    assert _snapshot(head_office) == before
    # the site's own database is not a head office of its own project
    err = run_error("--db", site, "project", "import", tmp_path / "p1.odpkg")
    assert "本库自己的项目" in err
    # a site copy is not exported again from head office
    _import(head_office, tmp_path / "p1.odpkg")
    assert "只读副本" in run_error("--db", head_office, "project", "export",
                                   tmp_path / "again.odpkg")


# ---- two sites ---------------------------------------------------------------------------------
def _second_site(db_templates: DatabaseTemplates, folder: Path) -> Path:
    """Another site: the demo with an identity of its own (as a second PC would have)."""
    path = copy_database(db_templates.demo(), folder / "onsitedesk.db")
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE project SET uid = ?, code = 'SITE-B', name = '第二现场'",
                    (hashlib.md5(b"b").hexdigest(),))
    con.close()
    return path


def test_two_sites_in_one_head_office(site: Path, head_office: str, tmp_path: Path,
                                      db_templates: DatabaseTemplates) -> None:
    other = _second_site(db_templates, tmp_path / "site-b")
    # head office has a project of its own (id 1, given explicitly: no PostgreSQL sequence
    # moved), which the sites' projects and rows must not collide with
    own = (open_pg_services(head_office, tmp_path / "anchor" / "onsitedesk.db")
           if is_server_url(head_office) else open_services(Path(head_office)))
    try:
        own.project.update(name="总部", code="HQ")
    finally:
        own.close()
    a = _export(site, tmp_path / "a1.odpkg")
    b = _export(other, tmp_path / "b1.odpkg")
    assert a["project"] != b["project"]
    _import(head_office, tmp_path / "a1.odpkg")
    done = _import(head_office, tmp_path / "b1.odpkg")
    assert done["project"] == "SITE-B" and done["rows_inserted"] == b["rows"] + 1
    pa, pb = _project_id(head_office, a["project"]), _project_id(head_office, "SITE-B")
    assert pa != pb
    assert _content(head_office, pa, mapped=True) == _content(site, 1, mapped=False)
    assert _content(head_office, pb, mapped=True) == _content(other, 1, mapped=False)
    assert _months(head_office, a["project"]) == _months(site)
    assert _months(head_office, "SITE-B") == _months(other)
    # several projects now: the month needs --project (the codes are listed)
    assert "SITE-B" in run_error("--db", head_office, "month", MONTHS[0])
    engine = _engine(head_office)
    try:
        with engine.connect() as conn:
            people = conn.execute(text("SELECT project_id, COUNT(*) FROM person "
                                       "GROUP BY project_id ORDER BY project_id")).all()
            origins = conn.execute(text("SELECT origin FROM project ORDER BY id")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in people] == [(pa, 9), (pb, 9)]
    assert [r[0] for r in origins] == ["local", "site", "site"]
    assert 1 not in (pa, pb)
    # the second site's code clashes with neither; a third with site B's code does
    third = _second_site(db_templates, tmp_path / "site-c")
    con = sqlite3.connect(third)
    with con:
        con.execute("UPDATE project SET uid = ?", (hashlib.md5(b"c").hexdigest(),))
    con.close()
    _export(third, tmp_path / "c1.odpkg")
    before = _snapshot(head_office)
    err = run_error("--db", head_office, "project", "import", tmp_path / "c1.odpkg")
    assert "SITE-B" in err and "另一个项目" in err
    assert _snapshot(head_office) == before


def test_person_numbers_travel_masked_only(site: Path, tmp_path: Path) -> None:
    """No clear ID or phone number, no ciphertext and no keyed index in the package."""
    con = sqlite3.connect(site)
    with con:
        con.execute("UPDATE person SET phone = '13812345678', phone_masked = '' WHERE id = 1")
    con.close()
    _export(site, tmp_path / "p1.odpkg")
    with zipfile.ZipFile(tmp_path / "p1.odpkg") as zf:
        import gzip

        lines = [json.loads(x) for x in gzip.decompress(zf.read("payload.jsonl.gz")).splitlines()]
    people = [line["row"] for line in lines if line["t"] == "person"]
    assert len(people) == 9
    for p in people:
        assert p["phone"] == p["id_card_no"] == p["phone_enc"] == p["id_card_enc"] == ""
        assert p["id_card_index"] == ""
    assert next(p for p in people if p["id"] == 1)["phone_masked"] == "138****5678"
    assert not {line["t"] for line in lines} & {"user_account", "key_wrap", "site_key"}


def test_head_office_lists_the_masked_numbers_that_travelled(site: Path, head_office: str,
                                                            tmp_path: Path) -> None:
    con = sqlite3.connect(site)
    with con:
        con.execute("UPDATE person SET phone = '13812345678', phone_masked = '' WHERE id = 1")
    con.close()
    _export(site, tmp_path / "p1.odpkg")
    _import(head_office, tmp_path / "p1.odpkg")
    anchor = tmp_path / "ho-anchor" / "onsitedesk.db"
    services = (Services.open(anchor, server=head_office) if is_server_url(head_office)
                else Services.open(Path(head_office)))
    try:
        services.use_project(None)
        people = services.roster.list_people()
    finally:
        services.close()
    shown = {p.employee_no: p.phone_masked for p in people}
    assert "138****5678" in shown.values()
    assert all("*" in v for v in shown.values() if v)  # masked, as the site's lists show them


# ---- PostgreSQL directly ------------------------------------------------------------------------
@pytest.mark.postgresql
def test_month_identical_on_postgresql_directly(pg_databases: PgDatabases, site: Path) -> None:
    """The same demo built on PostgreSQL gives the same month as on SQLite."""
    name = pg_databases.copy(pg_databases.demo(DEMO_TODAY))
    try:
        assert _months(pg_databases.url_of(name)) == _months(site)
    finally:
        pg_databases.drop(name)


def test_a_break_in_the_sites_audit_chain_is_reported(site: Path, head_office: str,
                                                       tmp_path: Path) -> None:
    """The site's audit rows travel; head office checks they continue the chain it holds and
    says where they do not (the data is imported all the same: it is what the site has)."""
    _export(site, tmp_path / "p1.odpkg")
    first = run_cli("--db", head_office, "project", "import", tmp_path / "p1.odpkg", "--json")
    assert first.code == 0 and "审计链" not in first.err
    services = open_services(site, today=DEMO_TODAY)
    try:
        services.roster.remove_equipment(1)
    finally:
        services.close()
    con = sqlite3.connect(site)
    with con:  # a row of history rewritten behind the app's back
        newest = con.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
        con.execute("UPDATE audit_log SET prev_hash = ? WHERE id = ?", ("0" * 64, newest))
    con.close()
    _export(site, tmp_path / "p2.odpkg")
    second = run_cli("--db", head_office, "project", "import", tmp_path / "p2.odpkg", "--json")
    assert second.code == 0, second.err
    assert f"第 {newest} 条处不连续" in second.err and "p2.odpkg" in second.err
    assert second.json()["rows_deleted"] == 1


def test_a_package_that_cannot_be_written_records_nothing(site: Path, tmp_path: Path) -> None:
    _export(site, tmp_path / "p1.odpkg")
    err = run_error("--db", site, "project", "export", tmp_path / "no-such-folder" / "p.odpkg")
    assert "无法写入数据包" in err and "no-such-folder" in err
    again = _export(site, tmp_path / "p2.odpkg")
    assert (again["seq"], again["base_seq"]) == (2, 1)


def test_only_someone_who_may_write_imports(site: Path, services: Services, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The import writes a read-only copy through the storage layer's system path: its own
    role check comes first (issue 18's roles)."""
    cheap_scrypt(monkeypatch)
    _export(site, tmp_path / "p1.odpkg")
    with_admin_and_viewer(services)
    importer = SitePackageService(services.db)
    services.accounts.logout()
    with pytest.raises(AccessDenied):
        importer.import_(tmp_path / "p1.odpkg")
    services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    with pytest.raises(AccessDenied) as refused:
        importer.import_(tmp_path / "p1.odpkg")
    assert VIEWER_DISPLAY in str(refused.value)
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(SiteImport)) == 0
    services.accounts.logout()
    services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    assert importer.import_(tmp_path / "p1.odpkg").rows_inserted > 1000


def test_the_sites_project_profile_follows_incrementally(site: Path, head_office: str,
                                                          tmp_path: Path) -> None:
    """The project row travels in every package: a new code or name at the site is head
    office's too (the copy keeps its id and rows)."""
    first = _export(site, tmp_path / "p1.odpkg")
    _import(head_office, tmp_path / "p1.odpkg")
    pid = _project_id(head_office, first["project"])
    services = open_services(site, today=DEMO_TODAY)
    try:
        services.project.update(code="HX-INFO", name="信息科驻场")
    finally:
        services.close()
    second = _export(site, tmp_path / "p2.odpkg")
    assert second["project"] == "HX-INFO" and second["rows"] == 0
    done = _import(head_office, tmp_path / "p2.odpkg")
    assert (done["project"], done["rows_updated"]) == ("HX-INFO", 1)
    assert _project_id(head_office, "HX-INFO") == pid
    assert _months(head_office, "HX-INFO") == _months(site)


# ---- head office sees what it imported (the overview's stored figures) -------------------------
OVERVIEW_MONTH = "2026-11"


def _row(db: str | Path) -> dict[str, Any]:
    rows = run_json("--db", db, "overview", "--month", OVERVIEW_MONTH)["projects"]
    assert len(rows) == 1, rows
    row: dict[str, Any] = rows[0]
    return row


def _sheet_totals(db: str | Path) -> tuple[int, int, int]:
    """(people, late minutes, missing punches) of the month as ``month --json`` gives them."""
    month = run_json("--db", db, "month", OVERVIEW_MONTH)
    people = month["people"]
    return (len(people), sum(p["late_minutes"] for p in people),
            sum(p["missing_punches"] for p in people))


_FIGURES = ("people", "attended_days", "late_minutes", "missing_punches", "leave_days")


def _figures(row: dict[str, Any]) -> tuple[int, int, int]:
    return row["people"], row["late_minutes"], row["missing_punches"]


def _all(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in _FIGURES}


def test_overview_follows_each_imported_package(site: Path, head_office: str,
                                                tmp_path: Path) -> None:
    _export(site, tmp_path / "p1.odpkg")
    _import(head_office, tmp_path / "p1.odpkg")
    first = _row(head_office)
    assert first["origin"] == "site"
    assert _figures(first) == _sheet_totals(site)
    again = _row(head_office)
    assert not again["recomputed"] and _all(again) == _all(first)  # stored now: served as is

    _edit_site(site)  # two punches for a day that had none, a leave returned early
    _export(site, tmp_path / "p2.odpkg")
    _import(head_office, tmp_path / "p2.odpkg")
    second = _row(head_office)
    assert _figures(second) == _sheet_totals(site)
    # how far the site's clock data reaches, as the site's own month says
    assert second["data_through"] == run_json("--db", site, "month", OVERVIEW_MONTH)[
        "data_through"][:10]
    # counted by the import itself (its stored months and the current one): served as
    # stored, and not the figures of before the package
    assert not second["recomputed"]
    assert _all(second) != _all(first)  # the incremental package changed the month


# ---- a site's signed month sheet checked at head office (month verify on a site copy) ---------
def _lock_at_site(path: Path) -> str:
    services = open_services(path, today=DEMO_TODAY, daily_backup=False)
    try:
        services.attendance.lock_month(2026, 10, force=True)
        code: str = services.attendance.month(2026, 10).lock_info["code"]
        return code
    finally:
        services.close()


def test_month_verify_at_head_office_checks_the_sites_sheet(site: Path, head_office: str,
                                                            tmp_path: Path) -> None:
    code = _lock_at_site(site)
    assert run_cli("--db", site, "month", "verify", "2026-10", code).code == 0
    _export(site, tmp_path / "p1.odpkg")
    _import(head_office, tmp_path / "p1.odpkg")
    (project,) = json.loads(run_cli("--db", head_office, "projects", "--json").out)
    verify = ("--db", head_office, "--project", project["code"], "month", "verify", "2026-10")
    ok = run_cli(*verify, code)
    assert ok.code == 0 and "一致" in ok.out, ok.out + ok.err
    assert run_cli(*verify, "0000-0000-0000").code == 1
    # the signed month changed at head office behind the package's back: the sheet disagrees
    with _engine(head_office).begin() as conn:
        changed = conn.execute(text("UPDATE month_lock SET snapshot = snapshot || ' '"
                                    " WHERE month = '2026-10'")).rowcount
    assert changed == 1
    bad = run_cli(*verify, code)
    assert bad.code == 1 and "不一致" in bad.out + bad.err, bad.out + bad.err


def test_an_import_counts_the_sites_months_for_head_office(site: Path, head_office: str,
                                                           tmp_path: Path) -> None:
    """``project import`` counts the site's figures of every month it has punches in (up to a
    year back): the overview and the statistics then read stored figures; a month before the
    site's first punch is not counted until it is looked at."""
    first = run_json("--db", site, "coverage", "show")["data_from"]  # the site's first punch day
    assert first is not None and first[:7] <= "2026-09"
    _export(site, tmp_path / "p1.odpkg")
    _import(head_office, tmp_path / "p1.odpkg")
    year, month = int(first[:4]), int(first[5:7])
    while (year, month) <= (2026, 11):
        key = f"{year}-{month:02d}"
        (row,) = run_json("--db", head_office, "overview", "--month", key)["projects"]
        assert not row["recomputed"], key
        assert row["people"] == len(run_json("--db", site, "month", key)["people"]), key
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    before = f"{int(first[:4]) - (first[5:7] == '01')}-{(int(first[5:7]) - 2) % 12 + 1:02d}"
    (row,) = run_json("--db", head_office, "overview", "--month", before)["projects"]
    assert row["recomputed"]  # before the first punch: counted at this look


def test_the_last_export_is_what_head_office_should_have_last(site: Path, tmp_path: Path) -> None:
    """The export dialog names the site's newest package (issue 19): none before the first;
    then its number, kind (an incremental one names its base), time, rows and file."""
    services = open_services(site)
    try:
        sites = SitePackageService(services.db, services.actor)
        assert sites.last_export() is None
        first = sites.export(tmp_path / "a.odpkg")
        last = sites.last_export()
        assert last is not None
        assert (last.seq, last.base_seq, last.full, last.file_name, last.rows) == (
            1, 0, True, "a.odpkg", first.rows)
        assert last.created_at == services.clock.now()
        sites.export(tmp_path / "b.odpkg")
        last = sites.last_export()
        assert last is not None and (last.seq, last.base_seq, last.full) == (2, 1, False)
    finally:
        services.close()


def test_an_attachment_of_a_site_copy_is_said_to_be_at_the_site(site: Path, tmp_path: Path
                                                                 ) -> None:
    """Attachment files do not travel (their rows do): opening one at head office says where
    the file is, not that it was lost."""
    scan = tmp_path / "身份证扫描.png"
    scan.write_bytes(b"\x89PNG scan")
    at_site = open_services(site)
    try:
        person = at_site.roster.list_people()[0]
        at_site.roster.add_attachment(person.id, scan, "身份证")
        (att,) = at_site.roster.get(person.id).attachments
        assert at_site.roster.attachment_file(att).read_bytes() == b"\x89PNG scan"
    finally:
        at_site.close()
    _export(site, tmp_path / "p1.odpkg")
    head = tmp_path / "ho" / "onsitedesk.db"
    _import(head, tmp_path / "p1.odpkg")
    office = Services.open(head)
    try:
        office.use_project(None)
        copy = next(p for p in office.roster.list_people()
                    if p.employee_no == person.employee_no)
        (there,) = office.roster.get(copy.id).attachments
        with pytest.raises(AppError) as raised:
            office.roster.attachment_file(there)
        assert str(raised.value) == strings.ATTACHMENT_AT_SITE.format(name="身份证扫描.png")
    finally:
        office.close()
