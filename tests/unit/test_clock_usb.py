"""The USB attlog parser (SPEC D2, A3; ZK-PROTOCOL §4.1): the six real samples with exact
counts, and synthetic files for each trap (line ends, BOM, GBK names, NUL runs, garbage)."""

from __future__ import annotations

import datetime as dt
import functools
import random
from pathlib import Path

import pytest

from app import strings
from app.devices.clock_usb import (
    MAX_ID_LEN,
    parse_attlog,
    parse_attlog_file,
)
from app.devices.records import RawPunch, ReadProblem, ReadResult
from app.errors import ImportFileError
from tests.helpers.samples import shared_sample

T = dt.datetime


def _sample(name: str) -> Path:
    return shared_sample(f"zk-samples/{name}")


@functools.cache
def _parsed(name: str) -> ReadResult:
    """Each sample parsed once per test session (the results are only read)."""
    return parse_attlog_file(_sample(name))


def _punch(result: ReadResult, line: int) -> RawPunch:
    found = [r for r in result.records if r.line == line]
    assert len(found) == 1, f"no record for line {line}"
    return found[0]


def _problem(result: ReadResult, line: int) -> ReadProblem:
    found = [p for p in result.problems if p.line == line]
    assert len(found) == 1, f"no problem for line {line}"
    return found[0]


def _check_invariants(result: ReadResult) -> None:
    assert result.read == len(result.records) + len(result.problems)
    lines = [r.line for r in result.records] + [p.line for p in result.problems]
    assert len(set(lines)) == len(lines), "a line gave more than one outcome"
    assert [p.line or 0 for p in result.problems] == sorted(p.line or 0 for p in result.problems)
    for r in result.records:
        assert r.device_user_id.isdigit() and r.device_user_id.isascii()
        assert 2000 <= r.punched_at.year <= 2099
        assert r.punched_at.tzinfo is None


# ---- the six real samples -----------------------------------------------------------------
#
# How each expected number was derived, independently of the parser, in the shell
# (P6 = '^ *[0-9]{1,9}\t20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\t[0-9]+){4}\r?$'):
#
# Thrawn1: `awk 'END{print NR}'` = 14360 lines, none blank, no NUL. `grep -c -P "$P6"` =
#   14359; the one other line is 7175, `9 <TAB> 1990-00--8 -16:-29:-40 ...` (a corrupt,
#   signed rendering of the clock time). read 14360 = 14359 records + 1 problem.
# VadimSa: 104 lines, all `id <TAB> name <TAB> 2013-04-20 hh:mm:ss <TAB> 1 <TAB> 0` (names
#   such as Semen4en contain digits). 104 = 104 + 0.
# joowdx: 11902 lines, `grep -c -P "$P6"` = 11902. 11902 = 11902 + 0.
# mefistoduan: 36516 CRLF lines (36516 LF, file ends with LF), none blank. `grep -c -P
#   "$P6"` = 36427. The others: line 1834 is 311,077 NUL bytes followed by the tail
#   `:40 <TAB> 1 <TAB> 0 <TAB> 1 <TAB> 0` of an overwritten line (partly NUL: a problem,
#   counted as read; `grep -c -P '\x00'` = 1 line), and `grep -c -P '\t19[79][0-9]-'` = 88
#   lines with corrupt times such as `1971--10--29 -23:-59:-53` (lines 6401-6430,
#   11174-11220, 19086-19096). 36516 = 36427 + 1 + 88.
# repowahyuillahi: 560 lines of `id <TAB> datetime <TAB> 1 <TAB> state <TAB> 0`. 560 = 560 + 0.
# yqs112358: 10942 LF + a last line without newline = 10943 lines, none blank.
#   `grep -c -P '^ *[0-9]+\t'` = 10587 lines with a numeric id; of these, line 5569 has
#   2047-02-30 (no such day) and line 5736 has year 2131 (beyond 2099); the other 10585
#   match P6 with a real date. The other 356 lines have garbage ids: `grep -c -P
#   '^ZZZZZZZZZZ\t'` = 329 (326 of them the full erased-flash line `ZZZZZZZZZZ 2047-02-30
#   19:13:30 1 90 90 1515870810`, the first at line 1860), 1 all-space id (line 2018), and
#   26 ids with control bytes, U+FFFD, letters or `0.dat` (lines 1859, 2017, 2019, 2026,
#   2027, 2029-2038, 5728, 5729, 5738-5746). 10943 = 10585 + 2 + 356.

SAMPLE_COUNTS = [
    # file, read, records, problems
    ("Thrawn1_Time_work_table_1_attlog.dat", 14360, 14359, 1),
    ("VadimSa_TestRepo_attlog.dat", 104, 104, 0),
    ("joowdx_clockwork_1_attlog.dat", 11902, 11902, 0),
    ("mefistoduan_CHECKHELPER_1_attlog.dat", 36516, 36427, 89),
    ("repowahyuillahi_solution-cloud_attlog.dat", 560, 560, 0),
    ("yqs112358_caoka_1_attlog.dat", 10943, 10585, 358),
]

# file, first record (line, id, time), last record (line, id, time); read off the files
SAMPLE_ENDS = [
    ("Thrawn1_Time_work_table_1_attlog.dat",
     (1, "5", T(2016, 11, 15, 7, 7, 29)), (14360, "9", T(2022, 10, 31, 16, 13, 47))),
    ("VadimSa_TestRepo_attlog.dat",
     (1, "9", T(2013, 4, 20, 9, 36, 49)), (104, "183", T(2013, 4, 20, 14, 33, 10))),
    ("joowdx_clockwork_1_attlog.dat",
     (1, "5", T(2020, 2, 24, 10, 52, 43)), (11902, "31", T(2022, 3, 7, 8, 1, 28))),
    ("mefistoduan_CHECKHELPER_1_attlog.dat",
     (1, "583", T(2020, 12, 1, 7, 56, 36)), (36516, "580", T(2021, 1, 6, 9, 9, 26))),
    ("repowahyuillahi_solution-cloud_attlog.dat",
     (1, "10021", T(2026, 4, 10, 17, 8, 59)), (560, "10073", T(2026, 5, 18, 7, 56, 51))),
    ("yqs112358_caoka_1_attlog.dat",
     (1, "710011", T(2020, 9, 30, 10, 10, 37)), (10943, "720205", T(2020, 12, 31, 7, 18, 26))),
]


@pytest.mark.parametrize(("name", "read", "records", "problems"), SAMPLE_COUNTS,
                         ids=[c[0].split("_")[0] for c in SAMPLE_COUNTS])
def test_sample_counts(name: str, read: int, records: int, problems: int) -> None:
    result = _parsed(name)
    assert (result.read, len(result.records), len(result.problems)) == (read, records, problems)
    _check_invariants(result)


@pytest.mark.parametrize(("name", "first", "last"), SAMPLE_ENDS,
                         ids=[c[0].split("_")[0] for c in SAMPLE_ENDS])
def test_sample_first_and_last_punch(name: str, first: tuple[int, str, dt.datetime],
                                     last: tuple[int, str, dt.datetime]) -> None:
    result = _parsed(name)
    for (line, user_id, when), record in ((first, result.records[0]),
                                          (last, result.records[-1])):
        assert (record.line, record.device_user_id, record.punched_at) == (line, user_id, when)


def test_sample_six_columns_mean_state_then_verify() -> None:
    """Column 4 is the in/out state, column 5 the verify mode (15 = face), column 6 the
    work code as text; the device number (column 3) is not returned."""
    mefisto = _parsed("mefistoduan_CHECKHELPER_1_attlog.dat")
    assert {r.verify_mode for r in mefisto.records} == {0, 1, 15}
    assert {r.in_out_state for r in mefisto.records} == {0, 1}
    thrawn = _parsed("Thrawn1_Time_work_table_1_attlog.dat")
    assert _punch(thrawn, 1) == RawPunch("5", T(2016, 11, 15, 7, 7, 29), verify_mode=1,
                                         in_out_state=255, work_code="0", line=1)
    joowdx = _parsed("joowdx_clockwork_1_attlog.dat")
    assert {r.in_out_state for r in joowdx.records} == {0, 1, 4, 5}


def test_sample_five_column_and_name_layouts() -> None:
    repo = _parsed("repowahyuillahi_solution-cloud_attlog.dat")
    assert _punch(repo, 1) == RawPunch("10021", T(2026, 4, 10, 17, 8, 59), verify_mode=None,
                                       in_out_state=0, work_code="0", line=1)
    assert {r.in_out_state for r in repo.records} == {0, 1, 3, 4}
    vadim = _parsed("VadimSa_TestRepo_attlog.dat")
    assert _punch(vadim, 1) == RawPunch("9", T(2013, 4, 20, 9, 36, 49), verify_mode=None,
                                        in_out_state=0, work_code=None, line=1)


def test_sample_mefistoduan_nul_run_and_corrupt_times() -> None:
    result = _parsed("mefistoduan_CHECKHELPER_1_attlog.dat")
    assert _problem(result, 1834).reason == strings.USB_NUL_BYTES.format(
        n=311077, value=":40\u21921\u21920\u21921\u21920")
    # the clock wrapped around: the line after the NUL run is from 2019
    assert _punch(result, 1835) == RawPunch("511", T(2019, 1, 15, 8, 41, 51), 0, 0, "0", 1835)
    assert _problem(result, 6401).reason == strings.USB_BAD_DATETIME.format(
        value="1971--10--29 -23:-59:-53")
    bad_time = strings.USB_BAD_DATETIME.split("{")[0]
    assert sum(p.reason.startswith(bad_time) for p in result.problems) == 88
    # the first line is two characters short of the usual width 9: still fine
    assert _punch(result, 1).device_user_id == "583"
    # the same punch on lines 2 and 34685 (the log wrapped) stays twice: the store dedupes
    twice = [r for r in result.records
             if (r.device_user_id, r.punched_at) == ("517", T(2020, 12, 1, 7, 56, 44))]
    assert [r.line for r in twice] == [2, 34685]


def test_sample_yqs_garbage() -> None:
    result = _parsed("yqs112358_caoka_1_attlog.dat")
    zz = strings.USB_BAD_ID.format(value="ZZZZZZZZZZ")
    assert _problem(result, 1860).reason == zz
    assert sum(p.reason == zz for p in result.problems) == 329
    assert _problem(result, 5569).reason == strings.USB_NO_SUCH_DATETIME.format(
        value="2047-02-30 19:13:30")
    assert _problem(result, 5736).reason == strings.USB_YEAR_OUT_OF_RANGE.format(
        value="2131-01-08 08:46:56", first=2000, last=2099)
    assert _problem(result, 2018).reason == strings.USB_EMPTY_ID
    # control bytes are shown escaped, never raw
    assert _problem(result, 2030).reason == strings.USB_BAD_ID.format(value="\\x020\\x0c")
    assert _problem(result, 5746).reason == strings.USB_BAD_ID.format(value="0.dat")


def test_sample_thrawn_clock_reset_dates_are_kept() -> None:
    """2000-01-01 punches (a clock reset after power loss) are real records: kept."""
    result = _parsed("Thrawn1_Time_work_table_1_attlog.dat")
    assert _punch(result, 12366).punched_at == T(2000, 1, 1, 5, 53, 42)
    assert _problem(result, 7175).reason == strings.USB_BAD_DATETIME.format(
        value="1990-00--8 -16:-29:-40")


# ---- synthetic files ----------------------------------------------------------------------

GOOD = [
    "        1\t2024-03-01 08:27:05\t1\t0\t1\t0",
    "        2\t2024-03-01 08:29:41\t1\t0\t15\t0",
    "        1\t2024-03-01 17:31:00\t1\t1\t1\t0",
]


def _data(lines: list[str], end: str = "\n", final: bool = True, enc: str = "utf-8") -> bytes:
    text = end.join(lines) + (end if final else "")
    return text.encode(enc)


def test_crlf_lf_and_cr_give_identical_results() -> None:
    lf = parse_attlog(_data(GOOD, "\n"))
    assert lf.read == 3 and len(lf.records) == 3 and lf.problems == []
    assert parse_attlog(_data(GOOD, "\r\n")) == lf
    assert parse_attlog(_data(GOOD, "\r")) == lf
    assert lf.records[1] == RawPunch("2", T(2024, 3, 1, 8, 29, 41), verify_mode=15,
                                     in_out_state=0, work_code="0", line=2)


def test_no_final_newline_keeps_the_last_line() -> None:
    result = parse_attlog(_data(GOOD, final=False))
    assert result.read == 3
    assert result.records[-1].punched_at == T(2024, 3, 1, 17, 31)
    assert result.records[-1].line == 3


def test_bom_is_ignored() -> None:
    result = parse_attlog(b"\xef\xbb\xbf" + _data(GOOD))
    assert result.records[0].device_user_id == "1" and result.problems == []
    utf16 = parse_attlog(_data(GOOD, "\r\n", enc="utf-16"))  # Notepad's "Unicode"
    assert utf16 == parse_attlog(_data(GOOD))


def test_gbk_names_decode_line_by_line() -> None:
    zhang_san = "\u5f20\u4e09".encode("gbk")
    data = (b"1\t" + zhang_san + b"\t2013-04-20 09:36:49\t1\t0\n"
            + "2\t\u674e\u56db\t2013-04-20 09:40:00\t1\t0\n".encode()  # a UTF-8 line too
            + b"3\tIvanov\t2013-04-20 09:41:00\t1\t0\n")
    result = parse_attlog(data)
    assert result.problems == []
    assert [(r.device_user_id, r.in_out_state, r.verify_mode, r.work_code)
            for r in result.records] == [("1", 0, None, None), ("2", 0, None, None),
                                         ("3", 0, None, None)]


def test_blank_lines_and_nul_padding_are_not_counted() -> None:
    data = (b"\n" + _data(GOOD[:1]) + b"   \r\n\t\n" + b"\x00" * 5000 + b"\n"
            + b"\x00" * 3 + GOOD[1].strip().encode() + b"\x00" * 10)
    result = parse_attlog(data)
    # line 1 blank, 2 good, 3-4 blank, 5 NULs only, 6 NULs + a line + NULs (corrupt)
    assert result.read == 2
    assert [r.line for r in result.records] == [2]
    assert result.problems == [ReadProblem(strings.USB_NUL_BYTES.format(
        n=13, value="2\u21922024-03-01 08:29:41\u21921\u21920\u219215\u21920"), line=6)]


def test_only_some_lines_bad() -> None:
    lines = [
        GOOD[0],                                                # 1 good
        "ZZZZZZZZZZ\t2047-02-30 19:13:30\t1\t90\t90\t1515870810",  # 2 erased flash
        "       20\t2131-01-08 08:46:56\t1\t255\t32\t-1",       # 3 year beyond 2099
        "       21\t2024-03-02 08:00:00\t1\t0\t1\t-256901120",  # 4 negative work code
        "",                                                     # 5 blank
        "       22\t2024-03-02 08:01:00\t1\t300\t1\t0",         # 6 state not a byte
        "       23\t2024-03-02 08:02:00\t1\t0\tx\t0",           # 7 verify not a number
        "       24\t2024-03-02 08:03:00\tA\t0\t1\t0",           # 8 device not a number
        "       25\t2024-03-02\t08:04:00\t1\t0\t1\t0",          # 9 seven fields
        "   000042\t2024-03-02 08:05:00\t1\t0\t1\t0",           # 10 good, zeros kept
        "       26\t1999-12-31 23:59:59\t1\t0\t1\t0",           # 11 before 2000
        "       27\t2024-13-01 08:00:00\t1\t0\t1\t0",           # 12 month 13
        "       28\t2024/03/02 08:06:00\t1\t0\t1\t0",           # 13 wrong format
        "1" * (MAX_ID_LEN + 1) + "\t2024-03-02 08:07:00\t1\t0\t1\t0",  # 14 id too long
        GOOD[0],                                                # 15 duplicate of line 1
        "       29\t2024-03-02 08:08:00\t1\t\t\t",              # 16 empty codes: None
    ]
    result = parse_attlog(_data(lines))
    assert result.read == 15
    assert [(r.line, r.device_user_id) for r in result.records] == [
        (1, "1"), (10, "000042"), (15, "1"), (16, "29")]
    assert _punch(result, 16) == RawPunch("29", T(2024, 3, 2, 8, 8), None, None, None, 16)
    s = strings
    assert [(p.line, p.reason) for p in result.problems] == [
        (2, s.USB_BAD_ID.format(value="ZZZZZZZZZZ")),
        (3, s.USB_YEAR_OUT_OF_RANGE.format(value="2131-01-08 08:46:56", first=2000,
                                           last=2099)),
        (4, s.USB_BAD_WORK_CODE.format(value="-256901120")),
        (6, s.USB_BAD_STATE.format(value="300")),
        (7, s.USB_BAD_VERIFY.format(value="x")),
        (8, s.USB_BAD_DEVICE_NO.format(value="A")),
        (9, s.USB_BAD_FIELD_COUNT.format(
            n=7, value="       25\u21922024-03-02\u219208:04:00\u21921\u21920\u21921\u21920")),
        (11, s.USB_YEAR_OUT_OF_RANGE.format(value="1999-12-31 23:59:59", first=2000,
                                            last=2099)),
        (12, s.USB_NO_SUCH_DATETIME.format(value="2024-13-01 08:00:00")),
        (13, s.USB_BAD_DATETIME.format(value="2024/03/02 08:06:00")),
        (14, s.USB_ID_TOO_LONG.format(value="1" * (MAX_ID_LEN + 1), n=MAX_ID_LEN)),
    ]
    _check_invariants(result)


def _punch_line(user: int, when: dt.datetime) -> str:
    return f"{user:>9}\t{when:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0"


def test_punch_far_after_the_files_range_is_implausible() -> None:
    body = [T(2024, 3, d, 8, 0) for d in range(1, 6)]
    lines = [_punch_line(1, t) for t in body]
    lines.append(_punch_line(2, T(2025, 2, 1, 8, 0)))    # 6: lone, within a year: kept
    lines.append(_punch_line(3, T(2052, 4, 18, 15, 15, 2)))  # 7: decades later: rejected
    result = parse_attlog(_data(lines))
    assert [r.line for r in result.records] == [1, 2, 3, 4, 5, 6]
    assert result.problems == [ReadProblem(strings.USB_YEAR_IMPLAUSIBLE.format(
        value="2052-04-18 15:15:02", newest="2024-03-05 08:00:00"), line=7)]


def test_a_clock_resumed_after_a_long_pause_is_plausible() -> None:
    """Two busy periods three years apart: the later one has company, so it stands."""
    early = [T(2020, 5, d, 8, 0) for d in range(1, 20)]
    late = [T(2023, 9, d, 8, 0) for d in range(1, 4)]
    result = parse_attlog(_data([_punch_line(1, t) for t in early + late]))
    assert len(result.records) == 22 and result.problems == []


def test_tiny_file_uses_the_median() -> None:
    lines = [_punch_line(1, T(2021, 1, 1, 8)), _punch_line(1, T(2021, 1, 2, 8)),
             _punch_line(1, T(2052, 1, 1, 8))]
    result = parse_attlog(_data(lines))
    assert [p.line for p in result.problems] == [3]
    # two lines: the upper median is the later one, nothing is rejected
    assert parse_attlog(_data(lines[1:])).problems == []


def test_fast_path_agrees_with_the_checked_path() -> None:
    """The cached fast path may only accept what the field-by-field path accepts, with the
    same values: checked on clean lines of every layout and on thousands of one-character
    mutations of them (seeded, so the test is repeatable)."""
    from app.devices.clock_usb import _FastPath, _parse_line

    rng = random.Random(5)
    seeds = [*GOOD, "10021\t2026-04-10 17:08:59\t1\t0\t0",
             "9\tKravchen\t2013-04-20 09:36:49\t1\t0", "       29\t2024-03-02 08:08:00\t1\t\t\t"]
    alphabet = " \t0123456789-:Z\x0cA."
    fast, accepted = _FastPath(), 0
    for seed in seeds:
        for _ in range(2000):
            chars = list(seed)
            for _ in range(rng.randint(0, 2)):
                i = rng.randrange(len(chars))
                op = rng.random()
                if op < 0.4:
                    chars[i] = rng.choice(alphabet)
                elif op < 0.7:
                    del chars[i]
                else:
                    chars.insert(i, rng.choice(alphabet))
            line = "".join(chars)
            quick = fast.punch(line, 1)
            if quick is not None:
                accepted += 1
                assert quick == _parse_line(line, 1), line
    assert accepted > 1000


def test_long_values_are_cut_in_messages() -> None:
    result = parse_attlog(_data(["Z" * 60 + "\t2024-03-01 08:27:05\t1\t0\t1\t0"]))
    assert result.problems == [ReadProblem(strings.USB_BAD_ID.format(
        value="Z" * 40 + "\u2026"), line=1)]


def test_empty_input_reads_nothing() -> None:
    assert parse_attlog(b"") == ReadResult()
    assert parse_attlog(b"\r\n\n\x00\x00\x00") == ReadResult()


# ---- whole-file errors --------------------------------------------------------------------


def test_file_empty_is_an_import_error(tmp_path: Path) -> None:
    for content in (b"", b"\r\n \n", b"\x00" * 4096):
        path = tmp_path / "1_attlog.dat"
        path.write_bytes(content)
        with pytest.raises(ImportFileError) as err:
            parse_attlog_file(path)
        assert err.value.message == strings.USB_FILE_EMPTY.format(path=path)


def test_missing_or_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as err:
        parse_attlog_file(tmp_path / "nope_attlog.dat")
    assert str(tmp_path / "nope_attlog.dat") in err.value.message
    with pytest.raises(ImportFileError):
        parse_attlog_file(tmp_path)  # a folder


def test_binary_file_is_an_import_error(tmp_path: Path) -> None:
    path = tmp_path / "photo_attlog.dat"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(ImportFileError) as err:
        parse_attlog_file(path)
    assert err.value.message.startswith(strings.USB_FILE_UNKNOWN_LAYOUT.format(
        path=path, line=1, value="\\x89PNG").split("\\x89")[0])
    assert strings.USB_LAYOUTS in err.value.message


def test_excel_renamed_dat_is_an_import_error(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["No.", "Date/Time"])
    ws.append([1, "2024-03-01 08:27:05"])
    path = tmp_path / "1_attlog.dat"
    wb.save(path)
    with pytest.raises(ImportFileError) as err:
        parse_attlog_file(path)
    assert err.value.message == strings.USB_FILE_SPREADSHEET.format(path=path)


def test_other_text_file_names_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_text("\nname,age\nalice,30\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        parse_attlog_file(path)
    assert err.value.message == strings.USB_FILE_UNKNOWN_LAYOUT.format(
        path=path, line=2, value="name,age")


def test_file_of_only_bad_attlog_lines_is_read_not_refused(tmp_path: Path) -> None:
    """Lines in a known layout with bad values are row problems, not a wrong file."""
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(_data(["ZZZZZZZZZZ\t2047-02-30 19:13:30\t1\t90\t90\t1515870810"] * 3))
    result = parse_attlog_file(path)
    assert (result.read, len(result.records), len(result.problems)) == (3, 0, 3)
