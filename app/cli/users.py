"""``users …``: accounts on the command line (issue 18).

``users add NAME --role admin|viewer [--display NAME]``: the first account must be an admin and
needs no sign-in (its recovery code is printed once); later ones need ``--user`` of an admin.
New passwords come from standard input (one line) when it is not a terminal, else from a
prompt typed twice. ``users recover NAME`` needs no sign-in: the recovery code, then the new
password (standard input: two lines, or prompts)."""

from __future__ import annotations

import argparse
import sys

from app import strings
from app.cli.common import eprint, open_services, print_json, prompt_secret
from app.cli.parser import Commands
from app.errors import AppError
from app.security.principal import ADMIN, ROLES


def read_new_password() -> str:
    """A new password: one line of standard input when it is not a terminal, else typed
    twice at a prompt (AppError when the two differ or nothing comes)."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise AppError(strings.ACC_CLI_NO_NEW_PASSWORD)
        return line
    first = prompt_secret(strings.ACC_CLI_PROMPT_NEW, strings.ACC_CLI_NO_NEW_PASSWORD)
    again = prompt_secret(strings.ACC_CLI_PROMPT_AGAIN, strings.ACC_CLI_NO_NEW_PASSWORD)
    if first != again:
        raise AppError(strings.ACC_CLI_MISMATCH)
    return first


def _read_code() -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline().strip()
        if not line:
            raise AppError(strings.ACC_BAD_RECOVERY_CODE)
        return line
    return prompt_secret(strings.ACC_CLI_PROMPT_CODE, strings.ACC_BAD_RECOVERY_CODE)


def _print_code(code: str) -> None:
    sys.stdout.write(strings.ACC_CLI_RECOVERY_BANNER.format(code=code) + "\n")


def cmd_add(args: argparse.Namespace) -> int:
    display = args.display or args.name
    with open_services(args) as services:
        accounts = services.accounts
        if not accounts.has_users():
            if args.role != ADMIN:
                raise AppError(strings.ACC_FIRST_MUST_BE_ADMIN)
            code, report = services.create_first_admin(args.name, display,
                                                       read_new_password())
            print(strings.ACC_CLI_ADDED.format(login=args.name, display=display,
                                               role=strings.ACC_ROLE_NAMES[ADMIN]))
            _print_code(code)
            for line in report.messages():
                eprint(line)
            return 1 if report.backups_failed else 0
        accounts.add_user(args.name, display, args.role, read_new_password())
    print(strings.ACC_CLI_ADDED.format(login=args.name, display=display,
                                       role=strings.ACC_ROLE_NAMES[args.role]))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        users = services.accounts.list_users()
    if args.json:
        print_json([{"login": u.login, "display": u.display, "role": u.role,
                     "disabled": u.disabled, "locked": u.locked_until is not None,
                     "last_login": u.last_login_at.isoformat(timespec="seconds")
                     if u.last_login_at else None,
                     "machine_credential": u.machine_credential} for u in users])
        return 0
    print("\t".join(strings.ACC_CLI_LIST_HEADERS))
    for u in users:
        state = (strings.ACC_CLI_STATE_DISABLED if u.disabled else
                 strings.ACC_CLI_STATE_LOCKED if u.locked_until else strings.ACC_CLI_STATE_ACTIVE)
        last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "-"
        print("\t".join((u.login, u.display, strings.ACC_ROLE_NAMES[u.role], state, last)))
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.accounts.disable(args.name)
    print(strings.ACC_CLI_DISABLED.format(login=args.name))
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.accounts.reset_password(args.name, read_new_password())
    print(strings.ACC_CLI_RESET.format(login=args.name))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        code = _read_code()
        new_code = services.accounts.recover(code, args.name, read_new_password())
    print(strings.ACC_CLI_RESET.format(login=args.name))
    _print_code(new_code)
    return 0


def cmd_machine(args: argparse.Namespace) -> int:
    from app.security import machine_secret

    with open_services(args) as services:
        secret = services.accounts.issue_machine_credential(args.name)
        try:
            path = machine_secret.save(services.db_path, args.name, secret)
        except OSError as exc:
            raise AppError(strings.ACC_MACHINE_STORE_FAILED.format(err=exc)) from None
    how = (strings.ACC_CLI_MACHINE_DPAPI if machine_secret.uses_dpapi()
           else strings.ACC_CLI_MACHINE_FILE)
    print(strings.ACC_CLI_MACHINE_SAVED.format(login=args.name, path=path, how=how))
    if not machine_secret.uses_dpapi():
        eprint(strings.ACC_CLI_MACHINE_FILE)
    return 0


def register(cmds: Commands) -> None:
    users = cmds.group("users", strings.H_USERS)
    sp = cmds.leaf(users, "add", strings.H_USERS_ADD, cmd_add)
    sp.add_argument("name", help=strings.H_USERS_NAME)
    sp.add_argument("--role", required=True, choices=ROLES, help=strings.H_USERS_ROLE)
    sp.add_argument("--display", help=strings.H_USERS_DISPLAY)
    cmds.leaf(users, "list", strings.H_USERS_LIST, cmd_list, json_flag=True)
    for name, help_, func in (("disable", strings.H_USERS_DISABLE, cmd_disable),
                              ("reset", strings.H_USERS_RESET, cmd_reset),
                              ("machine-credential", strings.H_USERS_MACHINE, cmd_machine)):
        sp = cmds.leaf(users, name, help_, func)
        sp.add_argument("name", help=strings.H_USERS_NAME)
    sp = cmds.leaf(users, "recover", strings.H_USERS_RECOVER, cmd_recover)
    sp.add_argument("name", help=strings.H_USERS_NAME)
    sp.set_defaults(no_sign_in=True)
