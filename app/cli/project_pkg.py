"""``onsitedesk project export|import`` (issue 19): the site package on a USB stick.

``project export FILE [--full]`` at the site; ``project import FILE [--json]`` at head office
(any database, PostgreSQL too). A refused package: one Chinese line naming the file and what
failed, exit 1, nothing written. A package imported before: exit 0, says so.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app import strings
from app.cli.common import eprint, existing_file, open_services, print_json
from app.cli.parser import Commands


def cmd_project_export(args: argparse.Namespace) -> int:
    from app.services.sitepkg import SitePackageService

    path = Path(args.file)
    with open_services(args) as services:
        result = SitePackageService(services.db, services.actor).export(path, full=args.full)
    kind = (strings.SP_KIND_FULL if result.full
            else strings.SP_KIND_INCREMENTAL.format(base=result.base_seq))
    summary = {"project": result.code, "seq": result.seq, "base_seq": result.base_seq,
               "full": result.full, "rows": result.rows, "audit_rows": result.audit_rows,
               "size": result.size, "file": str(result.path), "fingerprint": result.fingerprint}
    if args.json:
        print_json(summary)
        return 0
    print(strings.SP_EXPORTED.format(code=result.code, seq=result.seq, kind=kind,
                                     rows=result.rows, audit=result.audit_rows,
                                     size=f"{result.size / 1024:.1f}", file=result.path))
    print(strings.SP_FINGERPRINT.format(fingerprint=result.fingerprint))
    return 0


def cmd_project_import(args: argparse.Namespace) -> int:
    from app.services.sitepkg import SitePackageService

    path = existing_file(args.file)
    with open_services(args) as services:
        result = SitePackageService(services.db, services.actor).import_(path)
        if not result.unchanged:  # the figures head office shows, counted now (issue 19)
            services.headoffice.catch_up(result.project)
    if result.new_key:
        eprint(strings.SP_TRUST_NEW.format(code=result.project, fingerprint=result.fingerprint))
    if result.chain_break is not None:
        eprint(strings.SP_CHAIN_BREAK.format(file=path.name, code=result.project,
                                             id=result.chain_break))
    if result.unchanged:
        eprint(strings.SP_ALREADY.format(file=path.name, code=result.project, seq=result.seq))
    if args.json:
        print_json(result.to_json())
    elif not result.unchanged:
        print(strings.SP_IMPORTED.format(code=result.project, seq=result.seq,
                                         inserted=result.rows_inserted,
                                         updated=result.rows_updated,
                                         deleted=result.rows_deleted))
    return 0


def register(cmds: Commands) -> None:
    group = cmds.group("project", strings.H_CMD_PROJECT)
    sp = cmds.leaf(group, "export", strings.H_PROJECT_EXPORT, cmd_project_export,
                   json_flag=True)
    sp.add_argument("file", metavar="FILE", help=strings.H_PKG_FILE)
    sp.add_argument("--full", action="store_true", help=strings.H_PKG_FULL)
    sp = cmds.leaf(group, "import", strings.H_PROJECT_IMPORT, cmd_project_import,
                   json_flag=True)
    sp.add_argument("file", metavar="FILE", help=strings.H_PKG_FILE)
    sp.set_defaults(any_project=True)  # works on the package's project, whichever is chosen
