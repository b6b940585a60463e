"""The fonts of every PDF: a bundled chain with per-character fallback (DESIGN §9, SPEC P1).

1. WenQuanYi Micro Hei subset to GBK (``resources/fonts/wqy-microhei-gbk.ttf``), the font of
   every text it can draw: nearly all of them.
2. A subset of LXGW WenKai holding the characters of the Table of General Standard Chinese
   Characters (2013, the 8105 characters a legal name may use) that the first one lacks
   (``lxgw-wenkai-gb8105.ttf``): U+4DAE, U+2CB5A, U+2B5AF …
3. Fonts found on the PC, looked for only when a character is in neither bundled font, once
   per run: on Windows SimSun, SimSun-ExtB and Microsoft YaHei; on Linux a couple of standard
   paths. None is required.

Both bundled files are made by ``packaging/make_font.py``; every font used is embedded into the
PDF (never the non-embedded ``STSong-Light``), so a document prints the same on any PC.

A text is drawn as runs (:func:`segments`), each in the first font of the chain that has its
characters. A character that no font has prints as :data:`PLACEHOLDER` (U+3013, a visible mark a
signer notices) and the document is still written; :func:`missing_glyphs` names such
characters so the caller can warn (:func:`collect_warnings`). A text the first font covers
entirely (:func:`covered`) takes the plain single-font path, which keeps big documents fast.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app import config, strings
from app.errors import AppError

FONT_NAME = "WenQuanYiMicroHeiGBK"
FONT_FILE = "wqy-microhei-gbk.ttf"
LICENSE_FILE = "LICENSE-wqy-microhei.txt"
EXTRA_FONT_NAME = "OnsiteDeskKaiGB8105"
EXTRA_FONT_FILE = "lxgw-wenkai-gb8105.ttf"
EXTRA_LICENSE_FILE = "LICENSE-lxgw-wenkai.txt"
PLACEHOLDER = "\u3013"  # GETA MARK, in the first font: where no font has the character
MAX_SYSTEM_FONTS = 4  # at most this many PC font files are ever opened

_lock = threading.Lock()
_registered = False
# Characters that never need a glyph: line breaks and other control characters.
_IGNORED = frozenset("\n\r\t\u200b\ufeff")
_IGNORED_CODES = frozenset(ord(c) for c in _IGNORED) | frozenset(range(0x20))
_primary: frozenset[int] = frozenset()  # the first font's characters (+ ignored ones)
_extra_chars: frozenset[int] | None = None  # the second bundled font's, once loaded
_pc_fonts: list[tuple[str, frozenset[int]]] = []  # PC fonts opened so far, in chain order
_pc_tried = 0  # how many of system_font_files() were opened (or found unusable)
_font_of: dict[str, str | None] = {}  # character -> font name (None: no font has it)
_warnings: ContextVar[list[str] | None] = ContextVar("pdf_font_warnings", default=None)


def font_path(file: str = FONT_FILE) -> str:
    return str(config.resource_path("fonts", file))


def register() -> str:
    """Register the first bundled font with ReportLab once (thread-safe); return its name."""
    global _registered, _primary
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFError, TTFont

            path = font_path()
            try:
                font = TTFont(FONT_NAME, path)
            except (OSError, TTFError) as exc:
                raise AppError(strings.DOC_FONT_MISSING.format(path=path, err=exc)) from exc
            pdfmetrics.registerFont(font)
            _patch_to_unicode()
            _primary = frozenset(font.face.charToGlyph) | _IGNORED_CODES
            _registered = True
    return FONT_NAME


def _patch_to_unicode() -> None:
    """ReportLab 4 writes the text layer's mapping of a character beyond U+FFFF as five hex
    digits (<2CB5A>), which readers take for U+2CB5 and a stray digit: U+2CB5A would copy and
    search as another character. Write such characters as UTF-16 surrogate pairs, as the PDF
    reference asks (<D872DF5A>)."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "onsitedesk", False):
        return

    def make(fontname: str, subset: list[int]) -> str:
        text: str = original(fontname, subset)
        if all(v <= 0xFFFF for v in subset):
            return text
        wide = {f"<{i:02X}> <{v:04X}>": f"<{i:02X}> <{chr(v).encode('utf-16-be').hex()}>"
                for i, v in enumerate(subset) if v > 0xFFFF}
        return "\n".join(wide.get(line, line) for line in text.split("\n"))

    make.onsitedesk = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


# ---- the chain ------------------------------------------------------------------------------
def system_font_files() -> list[tuple[Path, int]]:
    """Font files of the PC to try after the bundled ones: (path, face index in a .ttc)."""
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windir:
        base = Path(windir) / "Fonts"
        return [(base / "simsun.ttc", 0), (base / "simsunb.ttf", 0), (base / "msyh.ttc", 0)]
    return [(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
            (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0)]


def _load(name: str, path: Path, index: int = 0) -> frozenset[int] | None:
    """Register one TrueType font (a face of a .ttc); its characters, or None if unusable
    (absent, CFF outlines, embedding not allowed, damaged)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        if not path.is_file():
            return None
        font = TTFont(name, str(path), subfontIndex=index)
    except Exception:  # any unreadable PC font is simply not used
        return None
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def _extra() -> frozenset[int]:
    """The second bundled font's characters (registered on first use)."""
    global _extra_chars
    if _extra_chars is None:
        register()
        with _lock:
            if _extra_chars is None:
                path = Path(font_path(EXTRA_FONT_FILE))
                loaded = _load(EXTRA_FONT_NAME, path)
                if loaded is None:
                    raise AppError(strings.DOC_FONT_MISSING.format(path=path, err="TrueType"))
                _extra_chars = loaded
    return _extra_chars


def _pc_font_with(code: int) -> str | None:
    """The first PC font that has ``code``; PC font files are opened one at a time, only when
    no font opened so far has the character, each at most once per run."""
    global _pc_tried
    with _lock:
        for name, chars in _pc_fonts:
            if code in chars:
                return name
        files = system_font_files()[:MAX_SYSTEM_FONTS]
        while _pc_tried < len(files):
            file, index = files[_pc_tried]
            name = f"OnsiteDeskPC{_pc_tried}"
            _pc_tried += 1
            found = _load(name, file, index)
            if found is not None:
                _pc_fonts.append((name, found))
                if code in found:
                    return name
    return None


def forget_fallbacks() -> None:
    """Look for the PC's fonts again on next use (tests that change the PC's fonts)."""
    global _pc_tried
    with _lock:
        _pc_fonts.clear()
        _pc_tried = 0
        _font_of.clear()


def font_of(ch: str) -> str | None:
    """The name of the first font of the chain that has ``ch``; None if no font has it."""
    code = ord(ch)
    if code in _primary_chars():
        return FONT_NAME
    try:
        return _font_of[ch]
    except KeyError:
        pass
    found = EXTRA_FONT_NAME if code in _extra() else _pc_font_with(code)
    _font_of[ch] = found
    return found


def _primary_chars() -> frozenset[int]:
    if not _registered:
        register()
    return _primary


def covered(text: str) -> bool:
    """True if the first font draws all of ``text``: the fast single-font path."""
    return _primary_chars().issuperset(map(ord, text))


def segments(text: str) -> list[tuple[str, str]]:
    """``text`` as runs of (font name, characters), each in the first font of the chain that
    has them; a character no font has becomes :data:`PLACEHOLDER` in the first font."""
    if covered(text):
        return [(FONT_NAME, text)] if text else []
    runs: list[tuple[str, str]] = []
    for ch in text:
        name = font_of(ch)
        if name is None:
            name, ch = FONT_NAME, PLACEHOLDER
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


def printable(text: str) -> str:
    """``text`` with every character no font has replaced by :data:`PLACEHOLDER`."""
    if covered(text):
        return text
    return "".join(run for _, run in segments(text))


def text_width(text: str, size: float) -> float:
    """The width of ``text`` at ``size`` points, as drawn through the chain."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if covered(text):
        return float(stringWidth(text, FONT_NAME, size))
    return float(sum(stringWidth(run, name, size) for name, run in segments(text)))


def markup(text: str) -> str:
    """Escaped Paragraph markup for ``text``: runs outside the first font in ``<font face>``."""
    if covered(text):
        return escape(text)
    return "".join(escape(run) if name == FONT_NAME else f'<font face="{name}">{escape(run)}</font>'
                   for name, run in segments(text))


def draw_string(canvas: Any, x: float, y: float, text: str, size: float,
                anchor: str = "L") -> float:
    """Draw ``text`` at (x, y) in the chain's fonts; ``anchor`` L, C (centred on x) or R (ending
    at x). The canvas font is the first font at ``size`` afterwards. Returns the width."""
    if covered(text):
        width = text_width(text, size)
        canvas.setFont(FONT_NAME, size)
        canvas.drawString(x - {"L": 0.0, "C": width / 2, "R": width}[anchor], y, text)
        return width
    runs = segments(text)
    width = sum(_run_width(run, name, size) for name, run in runs)
    obj = canvas.beginText(x - {"L": 0.0, "C": width / 2, "R": width}[anchor], y)
    for name, run in runs:  # one text object: readers copy and search the text as one
        obj.setFont(name, size)
        obj.textOut(run)
    canvas.drawText(obj)
    canvas.setFont(FONT_NAME, size)
    return width


def _run_width(run: str, name: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(run, name, size))


# ---- characters no font has -------------------------------------------------------------------
def missing_glyphs(text: str | Iterable[str]) -> set[str]:
    """The characters of ``text`` (one string or many) that no font of the chain can draw:
    they print as :data:`PLACEHOLDER`."""
    pieces = [text] if isinstance(text, str) else text
    return {c for piece in pieces if not covered(piece) for c in piece
            if ord(c) not in _IGNORED_CODES and font_of(c) is None}


def unprintable(texts: Iterable[str]) -> list[tuple[str, set[str]]]:
    """The texts holding characters no font has, each once, with those characters."""
    found: dict[str, set[str]] = {}
    for text in texts:
        if text not in found and not covered(text):
            lacking = missing_glyphs(text)
            if lacking:
                found[text] = lacking
    return list(found.items())


@contextlib.contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """Collect the warnings of the PDFs written inside the block (this thread/context only)."""
    found: list[str] = []
    token = _warnings.set(found)
    try:
        yield found
    finally:
        _warnings.reset(token)


def warn(message: str) -> None:
    """Hand a warning to the surrounding :func:`collect_warnings`, if any."""
    found = _warnings.get()
    if found is not None:
        found.append(message)
