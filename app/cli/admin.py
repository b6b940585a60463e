"""``onsitedesk demo``, ``db check|backup|restore``, ``settings show|set`` and
``audit verify`` (SPEC D1-D5, A5)."""

from __future__ import annotations

import argparse

from app import config, strings
from app.cli.common import (
    eprint,
    open_services,
    parse_date,
    print_json,
    require_admin_of_files,
)
from app.cli.parser import Commands, add_from


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import fill_demo, install_demo

    with open_services(args) as services:
        if services.db.server is not None:  # issue 19: no file to swap in; written in place
            n = fill_demo(services)
            print(strings.CLI_DEMO_DONE.format(path=services.db.server, people=n))
            return 0
        n, cleaned = install_demo(services)
        if cleaned:
            eprint(strings.DEMO_PARTIAL_CLEANED.format(path=services.db_path.parent))
        print(strings.CLI_DEMO_DONE.format(path=services.db_path, people=n))
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    from app.errors import IntegrityCheckFailed

    try:
        with open_services(args) as services:
            result = services.maintenance.check()
    except IntegrityCheckFailed as exc:
        eprint(exc.message)
        eprint(strings.DB_CHECK_RESTORE_HINT.format(backup=exc.latest_backup)
               if exc.latest_backup else strings.DB_CHECK_NO_BACKUP)
        return 1
    (print if result.ok else eprint)(result.message)
    return 0 if result.ok else 1


def cmd_db_backup(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        path = services.maintenance.backup_now()
    print(strings.DB_BACKUP_DONE.format(path=path))
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    """Shows what the restore would lose; restores only with ``--yes``."""
    from app.services.maintenance import (
        locate,
        loss_message,
        newest_sound_backup,
        restore_latest,
        restore_loss,
    )
    from app.storage.db import refuse_server

    refuse_server(args.db, strings.DB_WHAT_RESTORE)  # issue 19: a file operation
    path = locate(config.resolve_db_path(args.db))
    chosen = newest_sound_backup(path)
    require_admin_of_files(args, path, chosen)  # issue 18: the file, or the backup if broken
    print(loss_message(chosen, restore_loss(path, chosen)))
    if not args.yes:
        eprint(strings.RESTORE_NEEDS_YES)
        return 1
    backup, broken = restore_latest(path, chosen)
    print(strings.DB_RESTORED.format(backup=backup, broken=broken))
    return 0


def cmd_db_accept(args: argparse.Namespace) -> int:
    from app.services.maintenance import accept_current, locate
    from app.storage.db import refuse_server

    refuse_server(args.db, strings.DB_WHAT_ACCEPT)  # issue 19: a file operation
    path = locate(config.resolve_db_path(args.db))
    require_admin_of_files(args, path)  # issue 18
    recorded = accept_current(path)
    print(strings.HEAD_ACCEPTED.format(path=path, n=recorded.audit_id))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from app.services.maintenance import audit_messages, data_messages

    with open_services(args) as services:
        report = services.maintenance.verify_audit()
        data = services.maintenance.verify_data()
    ok = report.ok and data.ok
    if args.json:
        print_json({"ok": ok, "rows": report.rows,
                    "problems": [{"audit_id": p.audit_id, "reason": p.reason}
                                 for p in report.problems],
                    "data_problems": [{"code": p.code, "entity": p.entity, "id": p.entity_id,
                                       "fields": list(p.fields)} for p in data.problems]})
    else:
        for line in audit_messages(report):
            (print if report.ok else eprint)(line)
        for line in data_messages(data):
            (print if data.ok else eprint)(line)
    return 0 if ok else 1


def cmd_settings_show(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        shown = services.settings.show()
    if args.json:
        print_json(shown)
    else:
        for key, value in shown["current"].items():
            print(f"{key} = {value}    # {strings.SETTING_LABELS.get(key, '')}")
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    since = parse_date(args.from_) if args.from_ is not None else None
    with open_services(args) as services:
        day, _ = services.settings.set(args.key, args.value, since)
    print(strings.SETTING_SAVED.format(key=args.key, value=args.value, date=day.isoformat()))
    return 0


def register_demo(cmds: Commands) -> None:
    cmds.command("demo", strings.H_CMD_DEMO, cmd_demo)


def register(cmds: Commands) -> None:
    """``db`` and ``settings``."""
    db = cmds.group("db", strings.H_CMD_DB)
    cmds.leaf(db, "check", strings.H_CMD_DB_CHECK, cmd_db_check)
    cmds.leaf(db, "backup", strings.H_CMD_DB_BACKUP, cmd_db_backup)
    rp = cmds.leaf(db, "restore", strings.H_CMD_DB_RESTORE, cmd_db_restore)
    rp.add_argument("--yes", action="store_true", help=strings.H_RESTORE_YES)
    cmds.leaf(db, "accept", strings.H_CMD_DB_ACCEPT, cmd_db_accept)
    settings = cmds.group("settings", strings.H_CMD_SETTINGS)
    cmds.leaf(settings, "show", strings.H_CMD_SETTINGS_SHOW, cmd_settings_show, json_flag=True)
    sp = cmds.leaf(settings, "set", strings.H_CMD_SETTINGS_SET, cmd_settings_set)
    sp.add_argument("key", help=strings.H_SETTING_KEY)
    sp.add_argument("value", help=strings.H_SETTING_VALUE)
    add_from(sp, required=False)


def register_audit(cmds: Commands) -> None:
    audit = cmds.group("audit", strings.H_CMD_AUDIT)
    cmds.leaf(audit, "verify", strings.H_CMD_AUDIT_VERIFY, cmd_audit_verify, json_flag=True)
