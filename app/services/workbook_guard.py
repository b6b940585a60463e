"""Workbooks measured before a reader opens them (issue 17): an .xlsx or .ods file is a
zip archive, and a few hundred kilobytes can unpack to gigabytes (a zip bomb) that the
spreadsheet readers would hold in memory. A roster is a few megabytes unpacked at most."""

from __future__ import annotations

import zipfile
from pathlib import Path

from app import strings
from app.errors import ImportFileError

MAX_UNPACKED = 64 * 1024 * 1024  # all members of a workbook archive, unpacked
MAX_MEMBERS = 2000
MAX_FILE = 64 * 1024 * 1024  # any table file as it lies on disk (.xls, .csv included)
_READ = 1 << 20


def check_table_file(path: Path) -> None:
    """Refuse (:class:`ImportFileError`) a table file that is too big on disk or, being a
    zip archive, unpacks to more than MAX_UNPACKED: by the sizes its directory declares,
    then by really unpacking it with a counter (a forged directory fails its CRC check or
    the counter), never holding more than a megabyte at a time."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader words the error
    if size > MAX_FILE:
        raise ImportFileError(strings.TABLE_FILE_TOO_BIG.format(
            path=path, mb=_mb(size), limit=_mb(MAX_FILE)))
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            declared = sum(m.file_size for m in members)
            if len(members) > MAX_MEMBERS or declared > MAX_UNPACKED:
                raise ImportFileError(strings.TABLE_FILE_UNPACKS_TOO_BIG.format(
                    path=path, mb=_mb(declared), limit=_mb(MAX_UNPACKED)))
            unpacked = 0
            for m in members:
                with archive.open(m) as fh:
                    while chunk := fh.read(_READ):
                        unpacked += len(chunk)
                        if unpacked > MAX_UNPACKED:
                            raise ImportFileError(strings.TABLE_FILE_UNPACKS_TOO_BIG.format(
                                path=path, mb=_mb(unpacked), limit=_mb(MAX_UNPACKED)))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            EOFError, RuntimeError) as exc:
        raise ImportFileError(strings.TABLE_FILE_BAD_ARCHIVE.format(
            path=path, err=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        ) from exc


def _mb(n: int) -> int:
    return max(1, -(-n // (1024 * 1024)))
