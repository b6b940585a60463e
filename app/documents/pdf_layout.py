"""A small declarative layer for printed forms on ReportLab platypus (SPEC P1).

A form is *data*: a :class:`Form` with a title, a header block of label/value
:class:`Field` s, a body of blocks (:class:`Table`, :class:`Para`, :class:`FieldGrid`,
:class:`LinedBox`, :class:`Signatures`, :class:`Gap`, :class:`NewPage`), closing
:class:`Signature` s, small-print ``legend`` lines and an optional diagonal ``watermark``.
:func:`build_pdf` lays it out on A4 (portrait or landscape) and writes the file atomically::

    form = Form(
        title="...", fields=project_fields(project),
        body=[Table(header=[["No.", "Name"]], rows=[[1, "..."]], widths=[1, 4])],
        signatures=[Signature("..."), Signature("...", seal=True)],
    )
    build_pdf(path, form)

What every page gets, without the form asking: the embedded CJK font (``fonts.register``),
"page N of M" at the bottom, the form title in small print at the bottom left, the ``status``
note at the bottom right, the ``legend`` lines above the footer and the ``watermark``.
Tables split across pages and repeat their header rows; signature blocks are kept on one
page. Texts are plain text (no markup). Before anything is drawn, every text of the form is
checked against the font: characters it lacks raise :class:`~app.errors.AppError` listing
them (never a silently blank name on a signed paper).
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle as RLTableStyle

from app import strings
from app.documents import fonts
from app.errors import AppError

if TYPE_CHECKING:
    from app.services.project_dto import ProjectDTO

Cell = str | int | float | None

# ---- look ------------------------------------------------------------------------------------
MARGIN = 12 * mm
GRID = colors.HexColor("#606060")
HEADER_FILL = colors.HexColor("#E4E9F0")
LABEL_FILL = colors.HexColor("#F2F2F2")
MUTED = colors.HexColor("#808080")
INK = colors.black
LEGEND_SIZE = 7.0
FOOTER_SIZE = 7.5
HEAD_SIZE = 8.5
INITIALS_SIZE = 8.0
MIN_FONT_SIZE = 4.5
WATERMARK_ALPHA = 0.13
ALIGNS = {"L": "LEFT", "C": "CENTER", "R": "RIGHT"}
P_ALIGNS = {"L": TA_LEFT, "C": TA_CENTER, "R": TA_RIGHT}


# ---- the declarative form ----------------------------------------------------------------------
@dataclass(frozen=True)
class Field:
    """One label/value pair of a header block (for example the project name)."""

    label: str
    value: str


@dataclass(frozen=True)
class Area:
    """A rectangle of table cells in ReportLab coordinates: (column, row), row 0 being the
    first *header* row; negative indices count from the end (-1 = last column / row)."""

    col0: int
    row0: int
    col1: int
    row1: int

    def cells(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return (self.col0, self.row0), (self.col1, self.row1)


@dataclass(frozen=True)
class Shade:
    """A background colour (``#RRGGBB``) over an :class:`Area`."""

    area: Area
    color: str


@dataclass(frozen=True)
class Table:
    """A bordered table that splits across pages, repeating its ``header`` rows.

    ``widths`` are relative (scaled to the text width). ``align`` is one letter per column
    (L, C, R; default C). Text in ``wrap`` columns wraps (at the table's font size, between
    words and numbers, never inside one that fits a line; ``max_lines`` caps a column); other
    cells stay on one line and their font shrinks to fit the column (down to 4.5 pt, then
    they wrap too). ``row_height`` (points) is the least body row height; a row whose
    wrapped text needs more grows. The table is laid out page by page, one table per page
    with the header rows repeated, so a long table costs time in proportion to its rows.
    ``muted`` lists body rows (0 = first body row) printed in grey, for example reverted
    or revoked records. ``spans`` merge cells, ``shades`` fill them (header rows count in
    their coordinates). Cells are plain values: str, int, float (printed as 18.5, not
    18.50) or None (empty).
    """

    header: Sequence[Sequence[str]]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float]
    align: str = ""
    wrap: Sequence[int] = ()
    spans: Sequence[Area] = ()
    shades: Sequence[Shade] = ()
    font_size: float = 9.0
    header_font_size: float | None = None
    row_height: float | None = None
    caption: str = ""
    empty_text: str = ""
    muted: Sequence[int] = ()
    # wrap column -> the most lines it may take; a longer text ends with an ellipsis
    max_lines: Mapping[int, int] = field(default_factory=dict)
    # a wrap column's text first shrinks down to this size to stay on one line (0: never)
    shrink_min: float = 0.0


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text. ``kind``: body, heading, small (grey small print) or note."""

    text: str
    kind: str = "body"
    align: str = "L"


@dataclass(frozen=True)
class FieldGrid:
    """Label/value pairs in ``columns`` pairs per row; ``boxed`` draws a form grid with
    shaded label cells, otherwise a plain header block."""

    fields: Sequence[Field]
    columns: int = 2
    boxed: bool = True
    font_size: float = 9.5


@dataclass(frozen=True)
class Signature:
    """One signing party: ``role`` (e.g. project manager), an optional pre-printed ``name``,
    ``seal`` adds the stamp note; the block prints the signature and date lines."""

    role: str
    name: str = ""
    seal: bool = False


@dataclass(frozen=True)
class Signatures:
    """A row (or rows of ``columns``) of signature blocks, kept together on one page."""

    parties: Sequence[Signature]
    columns: int = 0  # 0: all parties on one row


@dataclass(frozen=True)
class LinedBox:
    """A titled box with ``lines`` ruled lines for handwriting. ``signature`` (a label such
    as "signature:") adds that label, a line and the date line at its bottom: an opinion
    box is ``LinedBox(whose_opinion, 2, signature=...)``."""

    title: str
    lines: int = 4
    signature: str = ""
    text: str = ""  # optional pre-printed text on the first line(s)


@dataclass(frozen=True)
class Gap:
    """Vertical space in millimetres."""

    height_mm: float = 4.0


@dataclass(frozen=True)
class NewPage:
    """Start a new page."""


Block = Table | Para | FieldGrid | Signatures | LinedBox | Gap | NewPage


@dataclass(frozen=True)
class Form:
    """A whole document. ``fields`` form the header block under the title
    (``project_fields(project)`` is the usual start); ``signatures`` close the document;
    ``legend`` lines and ``status`` are printed on every page; ``watermark`` (for example the
    provisional mark) is drawn diagonally across every page."""

    title: str
    body: Sequence[Block] = ()
    subtitle: str = ""
    landscape: bool = False
    fields: Sequence[Field] = ()
    field_columns: int = 2
    signatures: Sequence[Signature] = ()
    signature_columns: int = 0
    legend: Sequence[str] = ()
    watermark: str = ""
    status: str = ""
    author: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # PDF metadata (subject, keywords)
    # on every page after the first, above the body (e.g. title, project and month)
    running_head: Sequence[str] = ()
    # on every page, right above the footer rule (e.g. "preparer / manager initials: ____")
    initials: str = ""
    footer_title: str = ""  # the footer's left text instead of the title (a short one)


def project_fields(project: ProjectDTO) -> list[Field]:
    """The project header every form carries: name, contract no., contractor, client."""
    labels = strings.PROJECT_FIELDS
    return [Field(labels["name"], project.name),
            Field(labels["contract_no"], project.contract_no),
            Field(labels["contractor"], project.contractor),
            Field(project.client_label or strings.DEFAULT_CLIENT_LABEL, project.client_name)]


# ---- building ----------------------------------------------------------------------------------
def build_pdf(path: Path, form: Form) -> None:
    """Lay ``form`` out and write it to ``path`` atomically (temp file + rename).

    Raises AppError when a text holds characters the font lacks (nothing is written) or when
    the file cannot be written (the message names the path).
    """
    font = fonts.register()
    check_glyphs(form, path)
    page = landscape(A4) if form.landscape else A4
    width = page[0] - 2 * MARGIN
    legend_lines = [line for text in form.legend
                    for line in wrap_text(text, font, LEGEND_SIZE, width)]
    bottom = MARGIN + 5 * mm + len(legend_lines) * LEGEND_SIZE * 1.3
    if form.initials:
        bottom += INITIALS_SIZE * 1.6
    head_lines = [line for text in form.running_head
                  for line in wrap_tokens(text, font, HEAD_SIZE, width)]
    head = len(head_lines) * HEAD_SIZE * 1.3 + 2 * mm if head_lines else 0.0
    story = _story(form, font, width)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = BaseDocTemplate(
            str(tmp), pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=bottom, title=form.title, author=form.author,
            subject=form.extra.get("subject", ""), creator=strings.APP_TITLE,
            keywords=form.extra.get("keywords", ""))
        frame = Frame(MARGIN, bottom, width, page[1] - MARGIN - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate("page", [frame], pagesize=page,
                                  autoNextPageTemplate="later" if head else None)]
        if head:  # later pages start under the running head
            later = Frame(MARGIN, bottom, width, page[1] - MARGIN - bottom - head,
                          id="later", leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0)
            templates.append(PageTemplate("later", [later], pagesize=page))
        doc.addPageTemplates(templates)
        doc.build(story, canvasmaker=_canvas_maker(form, font, legend_lines, head_lines))
        tmp.replace(path)
    except OSError as exc:
        _discard(tmp)
        raise AppError(strings.DOC_SAVE_FAILED.format(path=path, err=exc)) from exc
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    """Remove a half-written temp file; its folder may not even exist."""
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def check_glyphs(form: Form, path: Path | str = "") -> None:
    """Raise AppError naming every character of the form the bundled font cannot draw."""
    missing: set[str] = set()
    where: list[str] = []
    for text in iter_texts(form):
        lacking = fonts.missing_glyphs(text)
        if lacking:
            missing |= lacking
            if len(where) < 5 and text not in where:
                where.append(text)
    if missing:
        raise AppError(strings.DOC_MISSING_GLYPHS.format(
            path=path, chars=" ".join(sorted(missing)),
            where=strings.LIST_SEP.join(w[:40] for w in where)))


def iter_texts(obj: Any) -> Iterator[str]:
    """Every string inside a form (dataclasses, sequences, mappings), for the glyph check."""
    if isinstance(obj, str):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from iter_texts(getattr(obj, f.name))
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from iter_texts(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            yield from iter_texts(v)


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width``: at any character (Chinese has no
    spaces), keeping closing punctuation on the line it closes."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and stringWidth(line + ch, font, size) > width and ch not in _NO_LINE_START:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


_NO_LINE_START = set(strings.DOC_NO_LINE_START + ",.;:?!)")
# a run of Latin letters, digits and the joiners of numbers and codes is one token, with the
# unit that follows a number (day, month, year, days, times, minutes, number, hour: "23 days"
# is never cut between the number and its unit)
_TOKEN = re.compile("[A-Za-z0-9_.:/#+\\-]+[" + strings.DOC_NUMBER_UNITS + "]?|\\s+|.", re.S)


def wrap_tokens(text: str, font: str, size: float, width: float) -> list[str]:
    """Like :func:`wrap_text`, but a word, number or code (``SYY-XX-2026-017``) moves to the
    next line whole unless it is longer than a line; runs of spaces between ``"  "``-joined
    fields are break points; closing punctuation never starts a line (the character before
    it moves down with it), and no line is wider than ``width``."""
    lines: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for tok in _TOKEN.findall(para):
            w = stringWidth(tok, font, size)
            if used + w <= width or not line:
                if w > width and not tok.isspace():  # longer than a line: cut it
                    for ch in tok:
                        cw = stringWidth(ch, font, size)
                        if line and used + cw > width:
                            lines.append("".join(line).rstrip())
                            line, used = [], 0.0
                        line.append(ch)
                        used += cw
                    continue
                line.append(tok)
                used += w
                continue
            if tok.isspace():  # a break point: the spaces are dropped
                lines.append("".join(line).rstrip())
                line, used = [], 0.0
                continue
            carry: list[str] = []
            if tok in _NO_LINE_START and len(line) > 1:
                carry = [line.pop()]
            lines.append("".join(line).rstrip())
            line = [*carry, tok]
            used = stringWidth("".join(line), font, size)
        lines.append("".join(line).rstrip())
    return lines


# ---- story -------------------------------------------------------------------------------------
def _story(form: Form, font: str, width: float) -> list[Any]:
    story: list[Any] = [_Title(form.title, font, 16.0)]
    if form.subtitle:
        story.append(Paragraph(_markup(form.subtitle), _style(font, 9.5, TA_CENTER, MUTED)))
    story.append(Spacer(1, 2.5 * mm))
    if form.fields:
        story.append(_field_grid(FieldGrid(form.fields, form.field_columns, boxed=False),
                                 font, width))
        story.append(Spacer(1, 2 * mm))
    for block in form.body:
        story.extend(_block(block, font, width))
    if form.signatures:
        block = Signatures(form.signatures, form.signature_columns)
        if not _attach_tail(story, _signatures(block, font, width)._content[0]):
            story.extend(_block(block, font, width))
    return story


def _block(block: Block, font: str, width: float) -> list[Any]:
    if isinstance(block, Table):
        return _table(block, font, width)
    if isinstance(block, Para):
        return [_para(block, font)]
    if isinstance(block, FieldGrid):
        return [_field_grid(block, font, width), Spacer(1, 2 * mm)]
    if isinstance(block, Signatures):
        return [Spacer(1, 4 * mm), CondPageBreak(30 * mm), _signatures(block, font, width)]
    if isinstance(block, LinedBox):
        return [_LinedBoxFlowable(block, font), Spacer(1, 2.5 * mm)]
    if isinstance(block, Gap):
        return [Spacer(1, block.height_mm * mm)]
    return [PageBreak()]


def _style(font: str, size: float, align: int = TA_LEFT, color: Any = INK,
           leading: float | None = None) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{align}", fontName=font, fontSize=size,
                          leading=leading or size * 1.3, alignment=align, textColor=color,
                          wordWrap="CJK")


def _markup(text: str) -> str:
    """Plain text to Paragraph markup: escaped, line breaks and runs of spaces kept."""
    out = escape(text).replace("\n", "<br/>")
    return re.sub(" {2,}", lambda m: "&nbsp;" * len(m.group()), out)


def _para(p: Para, font: str) -> Any:
    size, color, before = {"heading": (11.0, INK, 2 * mm), "small": (7.5, MUTED, 0.0),
                           "note": (8.5, INK, 0.0)}.get(p.kind, (10.0, INK, 0.0))
    style = _style(font, size, P_ALIGNS.get(p.align, TA_LEFT), color)
    style.spaceBefore, style.spaceAfter = before, 1.2 * mm
    return Paragraph(_markup(p.text), style)


def _field_grid(g: FieldGrid, font: str, width: float) -> Any:
    n = max(1, g.columns)
    size = g.font_size
    label_style = _style(font, size, TA_LEFT, colors.HexColor("#404040"))
    value_style = _style(font, size)
    data: list[list[Any]] = []
    for i in range(0, len(g.fields), n):
        chunk = list(g.fields[i:i + n])
        row: list[Any] = []
        for f in chunk + [Field("", "")] * (n - len(chunk)):
            if g.boxed:
                row += [Paragraph(_markup(f.label), label_style),
                        Paragraph(_markup(f.value), value_style)]
            else:
                sep = strings.DOC_LABEL_SEP if f.label else ""
                row.append(Paragraph(f'<font color="#404040">{_markup(f.label)}{sep}</font>'
                                     f"{_markup(f.value)}", value_style))
        data.append(row)
    if g.boxed:
        label_w = max(stringWidth(f.label, font, size) for f in g.fields) + 8 if g.fields else 0
        label_w = min(label_w, width / n * 0.45)
        widths = [label_w, width / n - label_w] * n
    else:
        widths = _natural_widths(g, font, size, width)
    t = RLTable(data, colWidths=widths, hAlign="LEFT")
    cmds: list[Any] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("LEFTPADDING", (0, 0), (-1, -1), 3 if g.boxed else 0),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                       ("TOPPADDING", (0, 0), (-1, -1), 2.5 if g.boxed else 0.8),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 if g.boxed else 0.8)]
    if g.boxed:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, GRID))
        cmds += [("BACKGROUND", (c, 0), (c, -1), LABEL_FILL) for c in range(0, 2 * n, 2)]
    t.setStyle(RLTableStyle(cmds))
    return t


def _natural_widths(g: FieldGrid, font: str, size: float, width: float) -> list[float]:
    """Columns of a plain header block sized to their longest entry, sharing what is left."""
    n = max(1, g.columns)
    need = [0.0] * n
    for i, f in enumerate(g.fields):
        text = f"{f.label}{strings.DOC_LABEL_SEP}{f.value}"
        need[i % n] = max(need[i % n], stringWidth(text, font, size) + 8)
    total = sum(need)
    if total <= 0:
        return [width / n] * n
    if total > width:
        return [w / total * width for w in need]
    extra = (width - total) / n
    return [w + extra for w in need]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(t: Table, font: str, width: float) -> list[Any]:
    ncols = len(t.widths)
    total = sum(t.widths)
    col_w = [w / total * width for w in t.widths]
    size = t.font_size
    hsize = t.header_font_size or size
    nh = len(t.header)
    pad = 1.5 if size < 8 else 2.5
    cmds: list[Any] = [
        ("FONT", (0, 0), (-1, -1), font, size, size * 1.2),
        ("FONT", (0, 0), (-1, nh - 1), font, hsize, hsize * 1.2),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.8, GRID),
        ("BACKGROUND", (0, 0), (-1, nh - 1), HEADER_FILL),
        ("ALIGN", (0, 0), (-1, nh - 1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP), ("BOTTOMPADDING", (0, 0), (-1, -1),
                                                    CELL_BOTTOM),
    ]
    aligns = [t.align[i] if i < len(t.align) else "C" for i in range(ncols)]
    cmds += [("ALIGN", (c, nh), (c, -1), ALIGNS.get(a, "CENTER")) for c, a in enumerate(aligns)]
    cmds += _fit_header(t, font, col_w, pad)
    body, row_cmds, heights = _body(t, font, col_w, pad)
    if not t.rows and t.empty_text:
        body.append([t.empty_text] + [""] * (ncols - 1))
        heights.append(max(t.row_height or 0.0, size * 1.2 + CELL_TOP + CELL_BOTTOM))
        row_cmds[0] = [("SPAN", (0, nh), (-1, nh)), ("TEXTCOLOR", (0, nh), (-1, nh), MUTED)]
    cmds += [("SPAN", *a.cells()) for a in t.spans]
    cmds += [("BACKGROUND", *s.area.cells(), colors.HexColor(s.color)) for s in t.shades]
    spec = _TableSpec([list(row) for row in t.header], body, col_w,
                      [_header_height(row, hsize) for row in t.header], heights, cmds, row_cmds)
    flowables: list[Any] = []
    if t.caption:  # never a caption alone at the bottom of a page
        flowables += [CondPageBreak(hsize * 1.3 * 2 + 40 + (t.row_height or 14) * 2),
                      _para(Para(t.caption, "heading"), font)]
    return [*flowables, _PagedTable(spec, 0, len(body)), Spacer(1, 3 * mm)]


CELL_TOP, CELL_BOTTOM = 1.2, 1.8  # cell paddings (points)


def _body(t: Table, font: str, col_w: list[float], pad: float
          ) -> tuple[list[list[Any]], dict[int, list[Any]], list[float]]:
    """Body cells (plain strings, wrapped ones with line breaks), the style commands of each
    body row (by body row index), and each row's height.

    A one-line cell that does not fit even at the smallest font size wraps instead."""
    ncols, nh, size = len(col_w), len(t.header), t.font_size
    row_cmds: dict[int, list[Any]] = {}
    for m in t.muted:
        row_cmds.setdefault(m, []).append(("TEXTCOLOR", (0, nh + m), (-1, nh + m), MUTED))
    wrap = set(t.wrap)
    leading = size * 1.2
    least = max(t.row_height or 0.0, leading + CELL_TOP + CELL_BOTTOM)
    avail = [w - 2 * pad for w in col_w]
    rows: list[list[Any]] = []
    heights: list[float] = []
    for i, row in enumerate(t.rows):
        r = nh + i
        cells: list[Any] = []
        lines = 1
        for c in range(ncols):
            text = _text(row[c]) if c < len(row) else ""
            if (c in wrap or "\n" in text) and t.shrink_min and "\n" not in text:
                fitted = _fit(text, font, size, avail[c])
                if fitted >= t.shrink_min and stringWidth(text, font, fitted) <= avail[c]:
                    cells.append(text)
                    if fitted < size:
                        row_cmds.setdefault(i, []).append(("FONTSIZE", (c, r), (c, r), fitted))
                    continue
            if "\n" in text and c not in wrap:  # lines given: each shrinks to fit
                given = text.split("\n")
                fitted = min(_fit(line, font, size, avail[c]) for line in given)
                lines = max(lines, len(given))
                cells.append(text)
                if fitted < size:
                    row_cmds.setdefault(i, []).append(("FONTSIZE", (c, r), (c, r), fitted))
                continue
            if c in wrap or "\n" in text:
                wrapped = _wrap_cell(text, font, size, avail[c], t.max_lines.get(c, 0))
                lines = max(lines, len(wrapped))
                cells.append("\n".join(wrapped))
                continue
            fitted = size if len(text) < 2 else _fit(text, font, size, avail[c])
            if fitted <= MIN_FONT_SIZE and stringWidth(text, font, fitted) > avail[c]:
                wrapped = _wrap_cell(text, font, size, avail[c], 0)
                lines = max(lines, len(wrapped))
                cells.append("\n".join(wrapped))
                continue
            cells.append(text)
            if fitted < size:
                row_cmds.setdefault(i, []).append(("FONTSIZE", (c, r), (c, r), fitted))
        rows.append(cells)
        heights.append(max(least, lines * leading + CELL_TOP + CELL_BOTTOM))
    return rows, row_cmds, heights


def _wrap_cell(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """The lines of a wrapped cell; past ``max_lines`` the last one ends with an ellipsis."""
    if not text or ("\n" not in text and stringWidth(text, font, size) <= width):
        return [text]
    lines = wrap_tokens(text, font, size, width)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _clip(lines[-1] + "\u2026" * 2, font, size, width)
    return lines


@dataclass
class _TableSpec:
    """A laid-out table: cells, column widths, row heights, and its style commands in
    whole-table coordinates: ``cmds`` span ranges of rows, ``row_cmds`` (by body row) touch
    one body row only."""

    header: list[list[Any]]
    body: list[list[Any]]
    col_w: list[float]
    header_h: list[float]
    body_h: list[float]
    cmds: list[Any]
    row_cmds: dict[int, list[Any]]
    ends: list[float] = field(default_factory=list)  # running sum of body_h, from 0

    def __post_init__(self) -> None:
        total = 0.0
        self.ends = [0.0]
        for h in self.body_h:
            total += h
            self.ends.append(total)

    def chunk(self, start: int, end: int) -> RLTable:
        """Body rows ``start``..``end`` under the header rows, as one ReportLab table."""
        nh, n = len(self.header), len(self.body)
        data = self.header + self.body[start:end]
        cmds = [c for c in (_shift(cmd, nh, n, start, end) for cmd in self.cmds) if c]
        for i in range(start, end):
            for cmd in self.row_cmds.get(i, ()):
                shifted = _shift(cmd, nh, n, start, end)
                if shifted:
                    cmds.append(shifted)
        table = RLTable(data, colWidths=self.col_w, rowHeights=self.header_h
                        + self.body_h[start:end], repeatRows=nh, hAlign="LEFT")
        table.setStyle(RLTableStyle(cmds))
        return table


def _shift(cmd: Any, nh: int, n: int, start: int, end: int) -> Any:
    """A whole-table style command for the table of body rows ``start``..``end`` (None when
    it touches none of its rows). Header rows stay; body rows move up by ``start``."""
    name, (c0, r0), (c1, r1), *rest = cmd
    total = nh + n
    r0, r1 = r0 % total if total else 0, r1 % total if total else 0
    if r1 < nh:
        return cmd if (r0, r1) == (cmd[1][1], cmd[2][1]) else (name, (c0, r0), (c1, r1), *rest)
    lo = r0 if r0 < nh else max(r0, nh + start) - start
    hi = min(r1, nh + end - 1) - start
    if r0 >= nh and (r0 >= nh + end or r1 < nh + start):
        return None
    if hi < nh:  # the body part lies outside this table: keep the header part
        if r0 >= nh:
            return None
        hi = nh - 1
    return (name, (c0, lo), (c1, hi), *rest)


class _PagedTable(Flowable):  # type: ignore[misc]
    """Body rows ``start``..``end`` of a :class:`_TableSpec`: split at a page end by row
    heights known beforehand, so each page costs only its own rows (ReportLab's own
    split re-measures and re-styles every remaining row on every page).

    A ``tail`` (the closing signature block) is drawn under the last rows and travels with
    the last ``KEEP_ROWS`` of them: it never stands alone on a page."""

    KEEP_ROWS = 3
    TAIL_GAP = 4 * mm

    def __init__(self, spec: _TableSpec, start: int, end: int,
                 tail: Flowable | None = None) -> None:
        super().__init__()
        self.spec, self.start, self.end, self.tail = spec, start, end, tail
        self.width = sum(spec.col_w)
        self.table_height = sum(spec.header_h) + spec.ends[end] - spec.ends[start]
        self.tail_height = 0.0
        self.height = self.table_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.tail is not None:
            self.tail_height = self.TAIL_GAP + self.tail.wrap(avail_width, 10_000)[1]
        self.height = self.table_height + self.tail_height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        spec, n = self.spec, self.end - self.start
        room = avail_height - sum(spec.header_h)
        # the most rows whose heights add up to no more than the room left
        k = bisect.bisect_right(spec.ends, spec.ends[self.start] + room + 1e-6,
                                self.start, self.end + 1) - 1 - self.start
        if self.tail is not None:  # the last rows go over with the tail
            k = min(k, n - min(self.KEEP_ROWS, n))
        if k <= 0:
            return []
        if k >= n:
            return [self]
        return [_PagedTable(spec, self.start, self.start + k),
                _PagedTable(spec, self.start + k, self.end, self.tail)]

    def draw(self) -> None:
        table = self.spec.chunk(self.start, self.end)
        table.wrapOn(self.canv, self.width, self.table_height)
        table.drawOn(self.canv, 0, self.tail_height)
        if self.tail is not None:
            self.tail.wrapOn(self.canv, self.width, self.tail_height)
            self.tail.drawOn(self.canv, 0, 0)


def _attach_tail(story: list[Any], tail: Flowable) -> bool:
    """Give ``tail`` to the story's closing table (its last flowables are the table and
    its spacer), to be kept with its last rows; False when the story ends otherwise."""
    if len(story) >= 2 and isinstance(story[-2], _PagedTable) and story[-2].tail is None \
            and story[-2].end > story[-2].start:
        story[-2] = _PagedTable(story[-2].spec, story[-2].start, story[-2].end, tail)
        story.pop()  # the spacer after the table: nothing follows (it could spill a page)
        return True
    return False


def _fit_header(t: Table, font: str, col_w: list[float], pad: float) -> list[Any]:
    """Shrink header texts that do not fit their column (or their merged cells)."""
    ncols, nh = len(col_w), len(t.header)
    hsize = t.header_font_size or t.font_size
    span_w = {(a.col0 % ncols, a.row0 % nh): sum(col_w[a.col0 % ncols:a.col1 % ncols + 1])
              for a in t.spans if a.row0 < nh}
    cmds: list[Any] = []
    for r, row in enumerate(t.header):
        for c, text in enumerate(row):
            widest = max(text.split("\n"), key=lambda x: stringWidth(x, font, hsize))
            fitted = _fit(widest, font, hsize, span_w.get((c, r), col_w[c]) - 2 * pad)
            if fitted < hsize:
                cmds.append(("FONT", (c, r), (c, r), font, fitted, fitted * 1.2))
    return cmds


def _header_height(row: Sequence[str], size: float) -> float:
    lines = max((len(_text(c).split("\n")) for c in row), default=1)
    return lines * size * 1.2 + 4


def _fit(text: str, font: str, size: float, avail: float) -> float:
    """The font size at which ``text`` fits ``avail`` points (never below the minimum)."""
    w = float(stringWidth(text, font, size))
    if w <= avail or w == 0:
        return size
    return max(MIN_FONT_SIZE, round(size * avail / w - 0.05, 1))


def _signatures(block: Signatures, font: str, width: float) -> Any:
    parties = list(block.parties)
    n = block.columns or len(parties)
    rows = [parties[i:i + n] for i in range(0, len(parties), n)]
    col_w = width / n
    data = [[_SignBox(p, font, col_w - 6) for p in row] + [""] * (n - len(row))
            for row in rows]
    t = RLTable(data, colWidths=[col_w] * n, hAlign="LEFT")
    t.setStyle(RLTableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return KeepTogether([t])


# ---- flowables ---------------------------------------------------------------------------------
class _Title(Flowable):  # type: ignore[misc]
    """The form title, centred, drawn bold (fill + stroke: the font has no bold face); a
    long title first shrinks a little, then wraps."""

    def __init__(self, text: str, font: str, size: float) -> None:
        super().__init__()
        self.text, self.font, self.base_size, self.size = text, font, size, size
        self.lines: list[str] = [text]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        size = _fit(self.text, self.font, self.base_size, avail_width)
        if size < self.base_size * 0.8:
            size = self.base_size
        self.size = size
        self.lines = wrap_text(self.text, self.font, size, avail_width)
        self.height = len(self.lines) * size * 1.35 + 2
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFont(self.font, self.size)
        c.setLineWidth(self.size * 0.025)
        text = c.beginText()
        text.setTextRenderMode(2)
        text.setFont(self.font, self.size)
        y = self.height - self.size * 1.05
        for line in self.lines:
            w = stringWidth(line, self.font, self.size)
            text.setTextOrigin((self.width - w) / 2, y)
            text.textOut(line)
            y -= self.size * 1.35
        c.drawText(text)
        c.restoreState()


def _blank_line(c: Canvas, x: float, y: float, length: float) -> None:
    c.line(x, y - 1.5, x + length, y - 1.5)


def _date_line(c: Canvas, font: str, size: float, x: float, y: float) -> float:
    """Draw "date: ____ year __ month __ day"; returns the x after it."""
    c.drawString(x, y, strings.DOC_DATE_LABEL)
    x += stringWidth(strings.DOC_DATE_LABEL, font, size)
    for unit, gap in zip(strings.DOC_DATE_UNITS, (10 * mm, 6 * mm, 6 * mm), strict=True):
        _blank_line(c, x, y, gap)
        x += gap + 1
        c.drawString(x, y, unit)
        x += stringWidth(unit, font, size) + 1
    return x


class _SignBox(Flowable):  # type: ignore[misc]
    """Role (and printed name), then "signature: ____", then "date: __ year __ month __ day"."""

    SIZE = 9.5

    def __init__(self, party: Signature, font: str, width: float) -> None:
        super().__init__()
        self.party, self.font, self.width = party, font, width
        self.height = self.SIZE * 1.6 * 3 + 6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, s, font = self.canv, self.SIZE, self.font
        step = s * 1.6 + 2
        role = self.party.role + (strings.DOC_SEAL if self.party.seal else "")
        if self.party.name:
            role += strings.DOC_LABEL_SEP + self.party.name
        y = self.height - s
        size = _fit(role, font, s, self.width)
        c.setFont(font, size)
        c.drawString(0, y, role)
        c.setFont(font, s)
        c.setLineWidth(0.5)
        y -= step
        c.drawString(0, y, strings.DOC_SIGN_LABEL)
        x = stringWidth(strings.DOC_SIGN_LABEL, font, s)
        _blank_line(c, x, y, min(32 * mm, self.width - x))
        y -= step
        _date_line(c, font, s, 0, y)


class _LinedBoxFlowable(Flowable):  # type: ignore[misc]
    """A bordered box: title, pre-printed text, ruled lines, optional signature line."""

    SIZE = 10.0
    GAP = 7 * mm

    def __init__(self, box: LinedBox, font: str) -> None:
        super().__init__()
        self.box, self.font = box, font
        self.text_lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.text_lines = (wrap_text(self.box.text, self.font, self.SIZE, avail_width - 12)
                           if self.box.text else [])
        rules = max(self.box.lines, len(self.text_lines))
        self.height = (self.SIZE * 2.2 + rules * self.GAP
                       + (self.SIZE * 2.6 if self.box.signature else 0) + 4)
        return self.width, self.height

    def draw(self) -> None:
        c, s, font = self.canv, self.SIZE, self.font
        c.saveState()
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        c.rect(0, 0, self.width, self.height)
        c.setFont(font, s)
        y = self.height - s * 1.5
        c.drawString(6, y, self.box.title + strings.DOC_LABEL_SEP)
        rules = max(self.box.lines, len(self.text_lines))
        c.setStrokeColor(colors.HexColor("#B0B0B0"))
        c.setLineWidth(0.4)
        for i in range(rules):
            y_line = y - (i + 1) * self.GAP
            c.line(6, y_line, self.width - 6, y_line)
            if i < len(self.text_lines):
                c.drawString(6, y_line + 2, self.text_lines[i])
        if self.box.signature:
            c.setStrokeColor(INK)
            c.setLineWidth(0.5)
            y = s * 1.2
            label = self.box.signature
            x = self.width - 6 - 78 * mm - stringWidth(label, font, s)
            c.drawString(x, y, label)
            x += stringWidth(label, font, s)
            _blank_line(c, x, y, 30 * mm)
            _date_line(c, font, s, x + 34 * mm, y)
        c.restoreState()


# ---- page decoration ---------------------------------------------------------------------------
def _canvas_maker(form: Form, font: str, legend_lines: list[str],
                  head_lines: Sequence[str] = ()) -> type[Canvas]:
    """A canvas that holds pages back until the end, to print "page N of M" on each."""

    class _PagedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for n, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                _decorate(self, form, font, legend_lines, n, total)
                if n > 1 and head_lines:
                    _running_head(self, font, head_lines)
                super().showPage()
            super().save()

    return _PagedCanvas


def _decorate(c: Canvas, form: Form, font: str, legend_lines: list[str], page: int,
              total: int) -> None:
    w, h = c._pagesize
    c.saveState()
    if form.watermark:
        c.setFillColor(colors.HexColor("#C00000"))
        c.setFillAlpha(WATERMARK_ALPHA)
        c.translate(w / 2, h / 2)
        c.rotate(30)
        size = min(w, h) * 0.32
        c.setFont(font, size)
        c.drawCentredString(0, -size * 0.35, form.watermark)
        c.rotate(-30)
        c.translate(-w / 2, -h / 2)
        c.setFillAlpha(1)
    c.setFillColor(INK)
    y = MARGIN + 5 * mm + (len(legend_lines) - 1) * LEGEND_SIZE * 1.3
    if form.initials:
        c.setFont(font, INITIALS_SIZE)
        c.drawRightString(w - MARGIN, y + LEGEND_SIZE * 1.3 + 1, form.initials)
    c.setFont(font, LEGEND_SIZE)
    for line in legend_lines:
        c.drawString(MARGIN, y, line)
        y -= LEGEND_SIZE * 1.3
    c.setFont(font, FOOTER_SIZE)
    c.setFillColor(MUTED)
    c.setStrokeColor(colors.HexColor("#C0C0C0"))
    c.setLineWidth(0.4)
    c.line(MARGIN, MARGIN + 3.2 * mm, w - MARGIN, MARGIN + 3.2 * mm)
    c.drawCentredString(w / 2, MARGIN, strings.DOC_PAGE_NUMBER.format(page=page, pages=total))
    c.drawString(MARGIN, MARGIN, _clip(form.footer_title or form.title, font, FOOTER_SIZE,
                                       w / 2 - MARGIN - 40))
    if form.status:
        c.drawRightString(w - MARGIN, MARGIN,
                          _clip(form.status, font, FOOTER_SIZE, w / 2 - MARGIN - 40))
    c.restoreState()


def _running_head(c: Canvas, font: str, lines: Sequence[str]) -> None:
    """The running head of a continuation page: its lines at the top, a rule under them."""
    w, h = c._pagesize
    c.saveState()
    c.setFillColor(INK)
    c.setFont(font, HEAD_SIZE)
    y = h - MARGIN - HEAD_SIZE
    for line in lines:
        c.drawString(MARGIN, y, line)
        y -= HEAD_SIZE * 1.3
    c.setStrokeColor(colors.HexColor("#C0C0C0"))
    c.setLineWidth(0.4)
    c.line(MARGIN, y + HEAD_SIZE * 0.6, w - MARGIN, y + HEAD_SIZE * 0.6)
    c.restoreState()


def _clip(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
