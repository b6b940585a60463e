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

What every page gets, without the form asking: the embedded CJK fonts (``app.documents.fonts``),
"page N of M" at the bottom, the form title in small print at the bottom left, the ``status``
note at the bottom right, the ``legend`` lines above the footer and the ``watermark``.
Tables split across pages and repeat their header rows; signature blocks are kept on one
page. Texts are plain text (no markup). Every text is drawn and measured through the font
chain of ``fonts``: the bundled GBK font, then per character the second bundled font (the
whole table of 8105 standard characters) and the PC's fonts. A character no font has prints
as the visible ``fonts.PLACEHOLDER`` and :func:`build_pdf` returns (and hands to
``fonts.collect_warnings``) a warning naming the texts affected: a document is never refused
for a character, and never prints a silently blank name.
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
    from app.dto.project import ProjectDTO

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
FOOTER_MIN_SIZE = 6.0
TICK_BOX = 4.2 * mm  # drawn tick boxes: at least 4 mm, as on a paper form
CONTINUED_SIZE = 8.5  # the caption repeated over a table's rows continued on a new page
KEEP_ROWS = 3  # table rows kept with the signatures that close it
SLACK = 4.0  # points of room a kept group leaves for the spaces the frame adds around it
HEAD_SIZE = 8.5
INITIALS_SIZE = 8.0
MIN_FONT_SIZE = 4.5
WATERMARK_ALPHA = 0.13
ALIGNS = {"L": "LEFT", "C": "CENTER", "R": "RIGHT"}
P_ALIGNS = {"L": TA_LEFT, "C": TA_CENTER, "R": TA_RIGHT}


# ---- the declarative form ----------------------------------------------------------------------
@dataclass(frozen=True)
class Choices:
    """A choice list printed as drawn tick boxes (``TICK_BOX`` square, at least 4 mm):
    ``options`` are (label, ticked) pairs; ``other`` adds the "other" option with a blank
    to write on (``other_text`` fills the blank and ticks it)."""

    options: Sequence[tuple[str, bool]]
    other: bool = False
    other_text: str = ""

    def plain(self) -> str:
        """The choices as one line of text (for widths and plain-text places)."""
        items = [(label, on) for label, on in self.options]
        if self.other:
            items.append((strings.DOC_OTHER_OPTION + self.other_text, bool(self.other_text)))
        return "  ".join((strings.DOC_TICKED if on else strings.DOC_UNTICKED) + label
                         for label, on in items)


@dataclass(frozen=True)
class Field:
    """One label/value pair of a header block (for example the project name); the value
    may be a :class:`Choices` list of tick boxes."""

    label: str
    value: str | Choices


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
    # what the document is about, at the top of every page from page 2 on (above the body),
    # so a separated page still names its subject: one line (person, month, record number)
    # or several (the month sheet's title, project and month)
    running_head: str | Sequence[str] = ()
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
def build_pdf(path: Path, form: Form) -> list[str]:
    """Lay ``form`` out and write it to ``path`` atomically (temp file + rename).

    Returns the warnings about characters no font has (printed as ``fonts.PLACEHOLDER``;
    also handed to ``fonts.collect_warnings``). Raises AppError when the file cannot be
    written (the message names the path).
    """
    font = fonts.register()
    warnings = check_glyphs(form, path)
    page = landscape(A4) if form.landscape else A4
    width = page[0] - 2 * MARGIN
    legend_lines = [line for text in form.legend
                    for line in wrap_text(text, font, LEGEND_SIZE, width)]
    bottom = MARGIN + 5 * mm + len(legend_lines) * LEGEND_SIZE * 1.3
    if form.initials:
        bottom += INITIALS_SIZE * 1.6
    heads = [form.running_head] if isinstance(form.running_head, str) else form.running_head
    head_lines = [line for text in heads if text
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
    for warning in warnings:
        fonts.warn(warning)
    return warnings


def _discard(tmp: Path) -> None:
    """Remove a half-written temp file; its folder may not even exist."""
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def check_glyphs(form: Form, path: Path | str = "") -> list[str]:
    """The warning (none or one) naming the texts of the form with characters no font has:
    the texts as printed (with the placeholder) and the code points of those characters."""
    found = fonts.unprintable(iter_texts(form))
    if not found:
        return []
    shown = [strings.DOC_UNPRINTABLE_TEXT.format(
        text=_clip_chars(fonts.printable(text), 40),
        codes=" ".join(f"U+{ord(c):04X}" for c in sorted(chars))) for text, chars in found]
    more = len(shown) - 10
    where = strings.LIST_SEP.join(shown[:10])
    if more > 0:
        where += strings.DOC_UNPRINTABLE_MORE.format(n=more)
    return [strings.DOC_UNPRINTABLE.format(path=path, mark=fonts.PLACEHOLDER, where=where)]


def _clip_chars(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


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
    """Break ``text`` into lines no wider than ``width``: between tokens (Chinese has no
    spaces: each character is one; a number or code stays whole), keeping closing
    punctuation on the line it closes (see :func:`wrap_tokens`)."""
    return wrap_tokens(text, font, size, width)


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
    plain = fonts.covered(text)

    def wid(t: str) -> float:
        return float(stringWidth(t, font, size)) if plain else fonts.text_width(t, size)

    for para in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for tok in _TOKEN.findall(para):
            w = wid(tok)
            if used + w <= width or not line:
                if w > width and not tok.isspace():  # longer than a line: cut it
                    for ch in tok:
                        cw = wid(ch)
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
            used = wid("".join(line))
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
        story.extend(_block(Signatures(form.signatures, form.signature_columns), font, width))
    return _keep_signatures_with_previous(story)


def _keep_signatures_with_previous(story: list[Any]) -> list[Any]:
    """Glue every signature block to what precedes it, so it never stands alone on a page:
    the short paragraphs and spaces before it and the block before those; a table keeps its
    last rows with the signatures (:class:`_KeepTail`), anything else moves along whole. A
    form closed by opinion boxes keeps all of them together, with the table before them."""
    out: list[Any] = []
    closing = _closing_box(story)
    for item in story:
        if not (isinstance(item, _SignTable) or item is closing):
            out.append(item)
            continue
        tail: list[Any] = [item]
        paras = 0
        while out and (isinstance(out[-1], Spacer | CondPageBreak)
                       or (isinstance(out[-1], Paragraph) and paras < 3)
                       or (item is closing and isinstance(out[-1], _LinedBoxFlowable))):
            prev = out.pop()
            paras += isinstance(prev, Paragraph)
            if not isinstance(prev, CondPageBreak):
                tail.insert(0, prev)
        head = out[-1] if out else None
        if isinstance(head, RLTable | _PagedTable) and not isinstance(head, _SignTable):
            out.pop()
            lead: list[Any] = []  # the table's caption goes wherever the table goes
            if len(out) >= 2 and isinstance(out[-1], Paragraph) \
                    and isinstance(out[-2], CondPageBreak):
                lead = [out.pop()]
                out.pop()
            out.append(_KeepTail(head, tail, lead))
        elif isinstance(head, _LinedBoxFlowable | Paragraph):
            out[-1] = KeepTogether([head, *tail])
        else:  # a page break, an already kept group: keep the paragraphs with it at least
            out.append(KeepTogether(tail) if len(tail) > 1 else tail[0])
    while out and isinstance(out[-1], Spacer):  # no blank last page for a closing space
        out.pop()
    return out


def _block(block: Block, font: str, width: float) -> list[Any]:
    if isinstance(block, Table):
        return _table(block, font, width)
    if isinstance(block, Para):
        return [_para(block, font)]
    if isinstance(block, FieldGrid):
        return [_field_grid(block, font, width), Spacer(1, 2 * mm)]
    if isinstance(block, Signatures):
        return [Spacer(1, 4 * mm), _signatures(block, font, width)]
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
    out = (escape(text) if fonts.covered(text) else fonts.markup(text)).replace("\n", "<br/>")
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
                        _ChoicesFlowable(f.value, font, size) if isinstance(f.value, Choices)
                        else Paragraph(_markup(f.value), value_style)]
            else:
                sep = strings.DOC_LABEL_SEP if f.label else ""
                row.append(Paragraph(f'<font color="#404040">{_markup(f.label)}{sep}</font>'
                                     f"{_markup(_plain(f.value))}", value_style))
        data.append(row)
    if g.boxed:
        label_w = max(_width(f.label, font, size) for f in g.fields) + 8 if g.fields else 0
        label_w = min(label_w, width / n * 0.45)
        widths = [label_w, width / n - label_w] * n
    else:
        widths = _natural_widths(g, font, size, width)
        if n > 1 and _too_wide(g, font, size, widths):
            return _split_grid(g, font, width)
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


def _split_grid(g: FieldGrid, font: str, width: float) -> Any:
    """A plain header block whose long fields (a long project name, a long contract number)
    would wrap in their column: each long field on a line of its own, the others in columns
    below, so no token is broken in the middle."""
    n = max(1, g.columns)
    long = [f for f in g.fields if _width(
        f"{f.label}{strings.DOC_LABEL_SEP}{_plain(f.value)}", font, g.font_size) > width / n - 8]
    short = [f for f in g.fields if f not in long]
    parts = [_field_grid(dataclasses.replace(g, fields=long, columns=1), font, width)]
    if short:
        parts.append(_field_grid(dataclasses.replace(g, fields=short), font, width))
    t = RLTable([[p] for p in parts], colWidths=[width], hAlign="LEFT")
    t.setStyle(RLTableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _plain(value: str | Choices) -> str:
    return value.plain() if isinstance(value, Choices) else value


def _too_wide(g: FieldGrid, font: str, size: float, widths: list[float]) -> bool:
    """Whether a field of a plain header block would wrap in its column."""
    return any(_width(f"{f.label}{strings.DOC_LABEL_SEP}{_plain(f.value)}", font, size)
               > widths[i % len(widths)] - 1 for i, f in enumerate(g.fields))


def _natural_widths(g: FieldGrid, font: str, size: float, width: float) -> list[float]:
    """Columns of a plain header block sized to their longest entry, sharing what is left."""
    n = max(1, g.columns)
    need = [0.0] * n
    for i, f in enumerate(g.fields):
        text = f"{f.label}{strings.DOC_LABEL_SEP}{_plain(f.value)}"
        need[i % n] = max(need[i % n], _width(text, font, size) + 8)
    total = sum(need)
    if total <= 0:
        return [width / n] * n
    if total > width:
        return [w / total * width for w in need]
    extra = (width - total) / n
    return [w + extra for w in need]


def _width(text: str, font: str, size: float) -> float:
    """The width of ``text`` as drawn: in ``font`` alone, or through the font chain."""
    if fonts.covered(text):
        return float(stringWidth(text, font, size))
    return fonts.text_width(text, size)


def _cell(text: str, size: float, leading: float, align: str = "C", color: Any = INK) -> Any:
    """A table cell: the text itself when the first font draws it all (the fast path, the
    table's FONT applies), else a flowable drawing its runs through the font chain."""
    if fonts.covered(text):
        return text
    return _RunsCell(text, size, leading, align, color)


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
    header_cmds = _fit_header(t, font, col_w, pad)
    cmds += header_cmds
    header = [list(row) for row in t.header]
    _header_cells(header, hsize, header_cmds)
    body, row_cmds, heights = _body(t, font, col_w, pad)
    if not t.rows and t.empty_text:
        body.append([_cell(t.empty_text, size, size * 1.2, color=MUTED)] + [""] * (ncols - 1))
        heights.append(max(t.row_height or 0.0, size * 1.2 + CELL_TOP + CELL_BOTTOM))
        row_cmds[0] = [("SPAN", (0, nh), (-1, nh)), ("TEXTCOLOR", (0, nh), (-1, nh), MUTED)]
    cmds += [("SPAN", *a.cells()) for a in t.spans]
    cmds += [("BACKGROUND", *s.area.cells(), colors.HexColor(s.color)) for s in t.shades]
    spec = _TableSpec(header, body, col_w,
                      [_header_height(row, hsize) for row in t.header], heights, cmds, row_cmds,
                      strings.DOC_TABLE_CONTINUED.format(caption=t.caption) if t.caption else "")
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
    wrap, muted = set(t.wrap), set(t.muted)
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
                if fitted >= t.shrink_min and _width(text, font, fitted) <= avail[c]:
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
            if fitted <= MIN_FONT_SIZE and _width(text, font, fitted) > avail[c]:
                wrapped = _wrap_cell(text, font, size, avail[c], 0)
                lines = max(lines, len(wrapped))
                cells.append("\n".join(wrapped))
                continue
            cells.append(text)
            if fitted < size:
                row_cmds.setdefault(i, []).append(("FONTSIZE", (c, r), (c, r), fitted))
        rows.append(_run_cells(cells, row_cmds.get(i, ()), size, i in muted, t.align))
        heights.append(max(least, lines * leading + CELL_TOP + CELL_BOTTOM))
    return rows, row_cmds, heights


def _run_cells(cells: list[Any], cmds: Sequence[Any], size: float, muted: bool,
               align: Sequence[str]) -> list[Any]:
    """The row's texts the first font cannot draw alone become run cells (at the size the
    row's commands give them, aligned like the column, greyed like the row)."""
    if all(fonts.covered(text) for text in cells):
        return cells
    sizes = {cmd[1][0]: cmd[3] for cmd in cmds if cmd[0] == "FONTSIZE"}
    for c, text in enumerate(cells):
        if text and not fonts.covered(text):
            at = sizes.get(c, size)
            cells[c] = _RunsCell(text, at, at * 1.2, align[c] if c < len(align) else "C",
                                 MUTED if muted else INK)
    return cells


def _wrap_cell(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """The lines of a wrapped cell; past ``max_lines`` the last one ends with an ellipsis."""
    if not text or ("\n" not in text and _width(text, font, size) <= width):
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
    # over the rows continued from an earlier page: the caption again, so a page never
    # shows rows whose subject (a person, a list) is only named on the page before
    continued: str = ""
    ends: list[float] = field(default_factory=list)  # running sum of body_h, from 0

    def top(self, start: int) -> float:
        """The height above the table of rows from ``start``: the continued caption, if any."""
        return CONTINUED_SIZE * 1.6 if start > 0 and self.continued else 0.0

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
    split re-measures and re-styles every remaining row on every page)."""

    def __init__(self, spec: _TableSpec, start: int, end: int) -> None:
        super().__init__()
        self.spec, self.start, self.end = spec, start, end
        self.width = sum(spec.col_w)
        self.table_height = sum(spec.header_h) + spec.ends[end] - spec.ends[start]
        self.height = self.table_height + spec.top(start)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        spec, n = self.spec, self.end - self.start
        room = avail_height - sum(spec.header_h) - spec.top(self.start)
        # the most rows whose heights add up to no more than the room left
        k = bisect.bisect_right(spec.ends, spec.ends[self.start] + room + 1e-6,
                                self.start, self.end + 1) - 1 - self.start
        if k <= 0:
            return []
        if k >= n:
            return [self]
        return self.cut(k)

    def cut(self, k: int) -> list[_PagedTable]:
        """The first ``k`` body rows and the rest, as two tables (each with the header)."""
        return [_PagedTable(self.spec, self.start, self.start + k),
                _PagedTable(self.spec, self.start + k, self.end)]

    def draw(self) -> None:
        table = self.spec.chunk(self.start, self.end)
        table.wrapOn(self.canv, self.width, self.table_height)
        table.drawOn(self.canv, 0, 0)
        if self.spec.top(self.start):
            self.canv.setFillColor(MUTED)
            fonts.draw_string(self.canv, 0, self.table_height + CONTINUED_SIZE * 0.5,
                              self.spec.continued, CONTINUED_SIZE)


def _fit_header(t: Table, font: str, col_w: list[float], pad: float) -> list[Any]:
    """Shrink header texts that do not fit their column (or their merged cells)."""
    ncols, nh = len(col_w), len(t.header)
    hsize = t.header_font_size or t.font_size
    span_w = {(a.col0 % ncols, a.row0 % nh): sum(col_w[a.col0 % ncols:a.col1 % ncols + 1])
              for a in t.spans if a.row0 < nh}
    cmds: list[Any] = []
    for r, row in enumerate(t.header):
        for c, text in enumerate(row):
            widest = max(text.split("\n"), key=lambda x: _width(x, font, hsize))
            fitted = _fit(widest, font, hsize, span_w.get((c, r), col_w[c]) - 2 * pad)
            if fitted < hsize:
                cmds.append(("FONT", (c, r), (c, r), font, fitted, fitted * 1.2))
    return cmds


def _header_cells(data: list[list[Any]], hsize: float, fitted: list[Any]) -> None:
    """Header texts the first font cannot draw alone become run cells (centred, at the
    size ``_fit_header`` chose for them)."""
    sizes = {cmd[1]: cmd[4] for cmd in fitted}
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            if isinstance(text, str) and not fonts.covered(text):
                size = sizes.get((c, r), hsize)
                row[c] = _RunsCell(text, size, size * 1.2, "C")


def _header_height(row: Sequence[str], size: float) -> float:
    lines = max((len(_text(c).split("\n")) for c in row), default=1)
    return lines * size * 1.2 + 4


def _fit(text: str, font: str, size: float, avail: float) -> float:
    """The font size at which ``text`` fits ``avail`` points (never below the minimum)."""
    w = _width(text, font, size)
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
    t = _SignTable(data, colWidths=[col_w] * n, hAlign="LEFT")
    t.setStyle(RLTableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return t


def _closing_box(story: list[Any]) -> Any:
    """The opinion box with a signature line that closes a form without signature blocks
    (it must not stand alone on the last page either), or None."""
    last = next((f for f in reversed(story) if not isinstance(f, Spacer)), None)
    if isinstance(last, _LinedBoxFlowable) and last.box.signature:
        return last
    return None


class _SignTable(RLTable):  # type: ignore[misc]
    """The signature blocks: one table that never splits (it moves to the next page)."""

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return []


def _heights(items: Sequence[Any], canv: Canvas, width: float) -> float:
    total = 0.0
    for i, f in enumerate(items):
        total += f.wrapOn(canv, width, 0xFFFFFF)[1] + f.getSpaceAfter()
        total += f.getSpaceBefore() if i else 0.0
    return total


class _KeepTail(Flowable):  # type: ignore[misc]
    """A table and the blocks closing it (signatures, a note): the closing blocks never
    start a page of their own; when they do not fit under the table, the table's last
    ``KEEP_ROWS`` rows move to the next page with them (the header rows repeat there)."""

    def __init__(self, table: RLTable | _PagedTable, tail: list[Any],
                 lead: list[Any] | None = None) -> None:
        super().__init__()
        self.table, self.tail, self.lead = table, tail, lead or []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 0xFFFFFF  # never drawn itself: always split into its parts

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        canv = self.canv
        lead_h = _heights(self.lead, canv, avail_width) if self.lead else 0.0
        room = avail_height - lead_h  # for the table, below its caption
        table_h = self.table.wrapOn(canv, avail_width, room)[1]
        tail_h = _heights(self.tail, canv, avail_width)
        if table_h + tail_h <= room - SLACK:  # a little slack: the frame adds spaces too
            return [*self.lead, self.table, *self.tail]
        frame = self._doctemplateAttr("frame")
        fresh = frame is None or avail_height >= frame._y2 - frame._y1p - 1
        if table_h > room:  # the table breaks here anyway: keep the rest with the tail
            parts = self.table.split(avail_width, room)
            if isinstance(self.table, _PagedTable) and len(parts) == 2:
                n = self.table.end - self.table.start
                if parts[1].end - parts[1].start < KEEP_ROWS:  # never a lone last row
                    if n <= KEEP_ROWS:  # the last rows themselves: all to the next page
                        return [*self.lead, self.table, *self.tail] if fresh else []
                    parts = self.table.cut(n - KEEP_ROWS)
            if len(parts) != 2:
                return [*self.lead, *parts, *self.tail] if fresh and parts else []
            return [*self.lead, parts[0], _KeepTail(parts[1], self.tail)]
        parts = self._keep_last_rows(avail_width)
        if parts is None:  # too short to split
            # all of it to the next page, unless this page is already a fresh one
            return [*self.lead, self.table, *self.tail] if fresh else []
        if len(parts) != 2:
            return []
        return [*self.lead, parts[0], _KeepTail(parts[1], self.tail)]

    def _keep_last_rows(self, avail_width: float) -> list[Any] | None:
        """The table cut before its last ``KEEP_ROWS`` body rows; None when it has too few."""
        if isinstance(self.table, _PagedTable):
            n = self.table.end - self.table.start
            keep = min(KEEP_ROWS, n)
            return self.table.cut(n - keep) if keep > 0 and n - keep > 0 else None
        heights = list(self.table._rowHeights)
        keep = min(KEEP_ROWS, len(heights) - self.table.repeatRows)
        cut = len(heights) - keep
        if cut <= self.table.repeatRows or keep <= 0:
            return None
        return list(self.table.split(avail_width, sum(heights[:cut]) + 0.01))


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
            w = _width(line, self.font, self.size)
            text.setTextOrigin((self.width - w) / 2, y)
            for name, run in fonts.segments(line):
                text.setFont(name, self.size)
                text.textOut(run)
            y -= self.size * 1.35
        c.drawText(text)
        c.restoreState()


class _RunsCell(Flowable):  # type: ignore[misc]
    """A table cell whose text needs the font chain: drawn line by line in runs, at the cell
    text's size and on the baseline a plain string cell of that ``leading`` would have (the
    row centres it like a string), aligned like the column."""

    def __init__(self, text: str, size: float, leading: float, align: str = "C",
                 color: Any = INK) -> None:
        super().__init__()
        self.lines = text.split("\n")
        self.size, self.leading, self.align, self.color = size, leading, align, color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.color)
        anchor = self.align if self.align in ("L", "R") else "C"
        x = {"L": 0.0, "R": self.width, "C": self.width / 2}[anchor]
        y = self.height - self.size
        for line in self.lines:
            fonts.draw_string(c, x, y, line, self.size, anchor)
            y -= self.leading
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
        fonts.draw_string(c, 0, y, role, size)
        c.setFont(font, s)
        c.setLineWidth(0.5)
        y -= step
        c.drawString(0, y, strings.DOC_SIGN_LABEL)
        x = stringWidth(strings.DOC_SIGN_LABEL, font, s)
        _blank_line(c, x, y, min(32 * mm, self.width - x))
        y -= step
        _date_line(c, font, s, 0, y)


class _ChoicesFlowable(Flowable):  # type: ignore[misc]
    """Tick boxes drawn as squares of ``TICK_BOX`` with their labels, wrapping over lines;
    a ticked box carries a drawn check mark; the "other" option has a blank to write on."""

    BLANK = 22 * mm

    def __init__(self, choices: Choices, font: str, size: float) -> None:
        super().__init__()
        self.choices, self.font, self.size = choices, font, size
        items: list[tuple[str, bool, float]] = [(label, on, 0.0)
                                                for label, on in choices.options]
        if choices.other:
            blank = max(self.BLANK, _width(choices.other_text, font, size) + 4)
            items.append((strings.DOC_OTHER_OPTION, bool(choices.other_text), blank))
        self.items = items
        self.placed: list[tuple[float, int]] = []
        self.line_h = max(TICK_BOX, size * 1.3) + 2.5

    def _item_width(self, label: str, blank: float) -> float:
        return float(TICK_BOX + 1.5 + _width(label, self.font, self.size) + blank)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.placed, x, line = [], 0.0, 0
        for label, _, blank in self.items:
            w = self._item_width(label, blank)
            if x and x + w > avail_width:
                x, line = 0.0, line + 1
            self.placed.append((x, line))
            x += w + 3.5 * mm
        self.width = avail_width
        self.height = (line + 1) * self.line_h
        return self.width, self.height

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setLineWidth(0.7)
        for (label, on, blank), (x, line) in zip(self.items, self.placed, strict=True):
            y = self.height - (line + 1) * self.line_h + 1.25
            c.rect(x, y, TICK_BOX, TICK_BOX, stroke=1, fill=0)
            if on:
                c.setLineWidth(1.3)
                c.lines([(x + TICK_BOX * 0.18, y + TICK_BOX * 0.52,
                          x + TICK_BOX * 0.42, y + TICK_BOX * 0.2),
                         (x + TICK_BOX * 0.42, y + TICK_BOX * 0.2,
                          x + TICK_BOX * 0.86, y + TICK_BOX * 0.85)])
                c.setLineWidth(0.7)
            tx = x + TICK_BOX + 1.5
            ty = y + (TICK_BOX - s * 0.72) / 2
            fonts.draw_string(c, tx, ty, label, s)
            if blank:
                bx = tx + _width(label, self.font, s)
                c.setLineWidth(0.5)
                c.line(bx, ty - 1.5, bx + blank, ty - 1.5)
                if on and self.choices.other_text:
                    fonts.draw_string(c, bx + 2, ty, self.choices.other_text, s)
        c.restoreState()


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
        fonts.draw_string(c, 6, y, self.box.title + strings.DOC_LABEL_SEP, s)
        rules = max(self.box.lines, len(self.text_lines))
        c.setStrokeColor(colors.HexColor("#B0B0B0"))
        c.setLineWidth(0.4)
        for i in range(rules):
            y_line = y - (i + 1) * self.GAP
            c.line(6, y_line, self.width - 6, y_line)
            if i < len(self.text_lines):
                fonts.draw_string(c, 6, y_line + 2, self.text_lines[i], s)
        if self.box.signature:
            c.setStrokeColor(INK)
            c.setLineWidth(0.5)
            y = s * 1.2
            label = self.box.signature
            x = self.width - 6 - 78 * mm - _width(label, font, s)
            x += fonts.draw_string(c, x, y, label, s)
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
                    _running_head(self, head_lines)
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
        fonts.draw_string(c, 0, -size * 0.35, form.watermark, size, "C")
        c.rotate(-30)
        c.translate(-w / 2, -h / 2)
        c.setFillAlpha(1)
    c.setFillColor(INK)
    y = MARGIN + 5 * mm + (len(legend_lines) - 1) * LEGEND_SIZE * 1.3
    if form.initials:
        fonts.draw_string(c, w - MARGIN, y + LEGEND_SIZE * 1.3 + 1, form.initials,
                          INITIALS_SIZE, "R")
    c.setFont(font, LEGEND_SIZE)
    for line in legend_lines:
        fonts.draw_string(c, MARGIN, y, line, LEGEND_SIZE)
        y -= LEGEND_SIZE * 1.3
    c.setFont(font, FOOTER_SIZE)
    c.setFillColor(MUTED)
    c.setStrokeColor(colors.HexColor("#C0C0C0"))
    c.setLineWidth(0.4)
    c.line(MARGIN, MARGIN + 3.2 * mm, w - MARGIN, MARGIN + 3.2 * mm)
    c.drawCentredString(w / 2, MARGIN, strings.DOC_PAGE_NUMBER.format(page=page, pages=total))
    side = w / 2 - MARGIN - 40
    _footer_text(c, form.footer_title or form.title, font, MARGIN, side, right=False)
    if form.status:
        _footer_text(c, form.status, font, w - MARGIN, side, right=True)
    c.restoreState()


def _footer_text(c: Canvas, text: str, font: str, x: float, width: float, right: bool) -> None:
    """A footer text in full: shrunk a little, then on two lines (broken between tokens),
    never cut."""
    size = max(FOOTER_MIN_SIZE, _fit(text, font, FOOTER_SIZE, width))
    lines = wrap_text(text, font, size, width) if _width(text, font, size) > width else [text]
    for i, line in enumerate(lines):
        fonts.draw_string(c, x, MARGIN - i * size * 1.15, line, size, "R" if right else "L")


def _running_head(c: Canvas, lines: Sequence[str]) -> None:
    """The running head of a continuation page: its lines at the top, a rule under them."""
    w, h = c._pagesize
    c.saveState()
    c.setFillColor(INK)
    y = h - MARGIN - HEAD_SIZE
    for line in lines:
        fonts.draw_string(c, MARGIN, y, line, HEAD_SIZE)
        y -= HEAD_SIZE * 1.3
    c.setStrokeColor(colors.HexColor("#C0C0C0"))
    c.setLineWidth(0.4)
    c.line(MARGIN, y + HEAD_SIZE * 0.6, w - MARGIN, y + HEAD_SIZE * 0.6)
    c.restoreState()


def _clip(text: str, font: str, size: float, width: float) -> str:
    if _width(text, font, size) <= width:
        return text
    while text and _width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
