"""The day panel: raw punches, the verdict and why, corrections and manual entries."""

from __future__ import annotations

import html

from app import strings
from app.domain.attendance import SessionResult
from app.domain.schedule import Rules, hhmm
from app.services.attendance import DayDetail
from ui.common import palette

_NOTHING_TO_JUDGE = {"not_on_site": strings.WHY_NOT_ON_SITE, "pending": strings.WHY_PENDING,
                     "no_data": strings.WHY_NO_DATA}


def explain_session(s: SessionResult, start: int, end: int) -> str:
    """Why the session got its verdict, in the words of the regulation."""
    if s.verdict == "leave":
        return strings.WHY_LEAVE.format(type=strings.LEAVE_TYPE_LABELS.get(s.leave_type or "",
                                                                          s.leave_type))
    if s.verdict == "absent":
        return strings.WHY_ABSENT.format(reason=strings.ABSENT_REASON_LABELS.get(
            s.absent_reason or "", s.absent_reason))
    if s.verdict in _NOTHING_TO_JUDGE:
        return _NOTHING_TO_JUDGE[s.verdict]
    if s.verdict in ("rest_day", "holiday"):
        return strings.VERDICT_LABELS[s.verdict]
    parts = []
    sign_in = hhmm(s.sign_in) if s.sign_in is not None else "—"
    sign_out = hhmm(s.sign_out) if s.sign_out is not None else "—"
    if s.late_minutes:
        parts.append(strings.WHY_LATE.format(n=s.late_minutes, sign_in=sign_in,
                                             start=hhmm(start))
                     + (strings.WHY_SEVERE if s.severe_late else ""))
    if s.early_minutes:
        parts.append(strings.WHY_EARLY.format(n=s.early_minutes, sign_out=sign_out,
                                              end=hhmm(end))
                     + (strings.WHY_SEVERE if s.severe_early else ""))
    if s.missing_in:
        parts.append(strings.WHY_MISSING_IN)
    if s.missing_out:
        parts.append(strings.WHY_MISSING_OUT)
    if not parts:
        parts.append(strings.WHY_PRESENT.format(sign_in=sign_in, sign_out=sign_out))
    text = strings.LIST_COMMA.join(parts)
    if s.corrected_in or s.corrected_out:
        text += strings.WHY_CORRECTED
    return (strings.labelled(strings.VERDICT_LABELS[s.verdict], text)
            if s.verdict != "present" else text)


def detail_html(d: DayDetail) -> str:
    r: Rules = d.rules
    e = html.escape
    kind = strings.HOLIDAY_KIND_LABELS.get(d.day_kind, d.day_kind)
    lines = [
        f"<h3>{e(strings.DETAIL_TITLE.format(name=d.name, no=d.employee_no, date=d.day.isoformat(), weekday=strings.WEEKDAY_PREFIX + strings.WEEKDAYS_SHORT[d.day.weekday()]))}</h3>",  # noqa: E501
        f"<p>{e(strings.DETAIL_DAY_KIND.format(kind=kind, name=(' ' + d.day_name) if d.day_name else ''))}<br/>"  # noqa: E501
        f"<span style='color:{palette.MUTED}'>{e(strings.DETAIL_SCHEDULE.format(am=hhmm(r.am_start) + '-' + hhmm(r.am_end), pm=hhmm(r.pm_start) + '-' + hhmm(r.pm_end), late=r.late_grace, early=r.early_grace, severe=r.severe_minutes))}</span></p>",  # noqa: E501
        "<p>",
    ]
    for name, start, end in (("am", r.am_start, r.am_end), ("pm", r.pm_start, r.pm_end)):
        s = d.result.session(name)
        color = {"absent": palette.ERROR, "late": palette.WARNING,
                 "early_leave": palette.WARNING,
                 "missing_punch": palette.WARNING}.get(s.verdict, palette.OK)
        lines.append(strings.labelled(f"<b>{e(strings.SESSION_LABELS[name])}</b>",
                     f"<span style='color:{color}'>{e(explain_session(s, start, end))}</span>")
                     + "<br/>")
    lines.append("</p>")
    lines.append(f"<h4>{e(strings.DETAIL_PUNCHES)}</h4><p style='font-family:monospace'>")
    if not d.punches:
        lines.append(e(strings.DETAIL_NO_PUNCHES))
    for p in d.punches:
        row = strings.DETAIL_PUNCH_ROW.format(
            time=p.at.strftime("%m-%d %H:%M:%S"), uid=p.device_user_id, device=p.device,
            batch=p.batch_id, source=p.batch_source,
            reverted=strings.DETAIL_PUNCH_REVERTED if p.reverted else "")
        lines.append(("<s>" if p.reverted else "") + e(row) + ("</s>" if p.reverted else "")
                     + "<br/>")
    lines.append("</p>")
    return "".join(lines)


def record_lines(d: DayDetail) -> list[tuple[str, str, int, bool]]:
    """(kind, text, id, revoked) for the corrections and manual entries of the day."""
    rows: list[tuple[str, str, int, bool]] = []
    for c in d.corrections:
        revoked = strings.DETAIL_REVOKED.format(reason=c.revoke_reason) if c.revoked_at else ""
        rows.append(("correction", strings.DETAIL_CORRECTION_ROW.format(
            session=strings.SESSION_LABELS[c.session], slot=strings.SLOT_LABELS[c.slot],
            time=c.at.strftime("%H:%M"), reason=c.reason, approver=c.approver,
            by=c.created_by, at=c.created_at.strftime("%m-%d %H:%M"), revoked=revoked),
            c.id, c.revoked_at is not None))
    for m in d.manual:
        revoked = strings.DETAIL_REVOKED.format(reason=m.revoke_reason) if m.revoked_at else ""
        rows.append(("absence", strings.DETAIL_ABSENCE_ROW.format(
            session=strings.SESSION_LABELS[m.session],
            kind=strings.ABSENT_REASON_LABELS.get(m.kind, m.kind), note=m.note,
            by=m.created_by, at=m.created_at.strftime("%m-%d %H:%M"), revoked=revoked),
            m.id, m.revoked_at is not None))
    return rows
