"""``onsitedesk import usb``, ``sync`` and ``devices add|list`` (SPEC I1-I4)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app import strings
from app.cli.common import existing_file, open_services, print_json
from app.cli.parser import Commands, bounded_int
from app.errors import AppError

if TYPE_CHECKING:
    from app.services.imports import ImportOutcome

COMM_KEY = bounded_int(0, 2**32 - 1)  # the clock takes a 32-bit key


def _print_import(outcome: ImportOutcome, as_json: bool) -> None:
    if as_json:
        print_json(outcome.as_json())
        return
    b = outcome.batch
    print(strings.CLI_IMPORT_SUMMARY.format(read=b.read, new=b.new, duplicate=b.duplicate,
                                            rejected=b.rejected))
    if outcome.device is not None:
        d = outcome.device
        print(strings.CLI_SYNC_DEVICE.format(serial=d.serial, firmware=d.firmware,
                                             drift=d.drift_seconds))
    for p in outcome.problems:
        if p.line is not None:
            print(strings.CLI_IMPORT_PROBLEM_LINE.format(line=p.line, reason=p.reason))
        else:
            print(strings.CLI_IMPORT_PROBLEM_RECORD.format(record=p.record, reason=p.reason))
    if outcome.problems_more:
        print(strings.IMP_PROBLEMS_MORE.format(n=outcome.problems_more))
    if outcome.unmapped:
        print(strings.CLI_IMPORT_UNMAPPED.format(ids=", ".join(outcome.unmapped)))
    held = outcome.held_back
    if held is not None:
        print(held.describe())
        print(held.describe_offset())
        print(held.describe_action())


def cmd_import_usb(args: argparse.Namespace) -> int:
    path = existing_file(args.file)
    with open_services(args) as services:
        device = args.device or ""
        choices = services.imports.usb_device_choices()
        if not device and len(choices) > 1:
            raise AppError(strings.IMP_USB_DEVICE_REQUIRED.format(names=", ".join(choices)))
        outcome, _ = services.imports.import_usb(path, device,
                                                 shift_implausible=args.shift_implausible)
    _print_import(outcome, args.json)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        if args.host:
            from app.devices.clock_lan import ClockConfig

            cfg = ClockConfig(host=args.host, port=args.port, password=args.password,
                              udp=args.udp, timeout=args.timeout, encoding=args.encoding)
            outcome, _ = services.imports.sync_config(
                cfg, args.name or "", clear_after=args.clear,
                shift_implausible=args.shift_implausible)
        elif args.name:
            outcome, _ = services.imports.sync(args.name, clear_after=args.clear,
                                               shift_implausible=args.shift_implausible)
        else:
            raise AppError(strings.CLI_USAGE_ERROR.format(err="NAME | --host"))
    _print_import(outcome, args.json)
    return 0


def cmd_devices_add(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        d, _ = services.imports.save_device(args.name, args.host, args.port, args.password,
                                            "udp" if args.udp else "tcp", args.timeout,
                                            args.encoding)
    print(strings.CLI_DEVICE_ADDED.format(name=d.name, host=d.host, port=d.port,
                                          protocol=d.protocol.upper()))
    return 0


def cmd_devices_list(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        devices = services.imports.devices()
    if args.json:
        print_json([{"name": d.name, "host": d.host, "port": d.port, "protocol": d.protocol,
                     "serial": d.serial, "firmware": d.firmware,
                     "last_sync_at": d.last_sync_at.isoformat() if d.last_sync_at else None}
                    for d in devices])
    else:
        for d in devices:
            print(f"{d.name}\t{d.host}:{d.port}\t{d.protocol}\t{d.serial}")
    return 0


def _clock_options(sp: argparse.ArgumentParser, host_required: bool) -> None:
    sp.add_argument("--host", required=host_required, help=strings.H_HOST)
    sp.add_argument("--port", type=bounded_int(1, 65535), default=4370, help=strings.H_PORT)
    sp.add_argument("--password", type=COMM_KEY, default=0, help=strings.H_PASSWORD)
    sp.add_argument("--udp", action="store_true", help=strings.H_UDP)
    sp.add_argument("--timeout", type=bounded_int(1, 3600), default=10, help=strings.H_TIMEOUT)
    sp.add_argument("--encoding", default="gbk", help=strings.H_ENCODING)


def register(cmds: Commands) -> None:
    imp = cmds.group("import", strings.H_CMD_IMPORT)
    sp = cmds.leaf(imp, "usb", strings.H_CMD_IMPORT_USB, cmd_import_usb, json_flag=True)
    sp.add_argument("file", help=strings.H_FILE)
    sp.add_argument("--device", help=strings.H_DEVICE_NAME)
    sp.add_argument("--shift-implausible", action="store_true", help=strings.H_SHIFT_IMPLAUSIBLE)
    sp = cmds.command("sync", strings.H_CMD_SYNC, cmd_sync, json_flag=True)
    sp.add_argument("name", nargs="?", help=strings.H_DEVICE_NAME)
    _clock_options(sp, host_required=False)
    sp.add_argument("--clear", action="store_true", help=strings.H_CLEAR)
    sp.add_argument("--shift-implausible", action="store_true", help=strings.H_SHIFT_IMPLAUSIBLE)
    devices = cmds.group("devices", strings.H_CMD_DEVICES)
    sp = cmds.leaf(devices, "add", strings.H_CMD_DEVICES_ADD, cmd_devices_add)
    sp.add_argument("name", help=strings.H_DEVICE_NAME)
    _clock_options(sp, host_required=True)
    cmds.leaf(devices, "list", strings.H_CMD_DEVICES_LIST, cmd_devices_list, json_flag=True)
