"""The one font of every PDF: WenQuanYi Micro Hei subset to GBK (DESIGN §9, SPEC P1).

The font file is bundled (``resources/fonts/wqy-microhei-gbk.ttf``, made by
``packaging/make_font.py``) and embedded into each PDF, so a document prints the same on a
PC without Chinese fonts. Never fall back to the non-embedded ``STSong-Light``.

A character the font lacks would print as an empty box, which is not acceptable on a paper
that people sign; :func:`missing_glyphs` finds such characters before anything is drawn and
the PDF builders refuse to write the file (see ``pdf_layout.build_pdf``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from app import config, strings
from app.errors import AppError

FONT_NAME = "WenQuanYiMicroHeiGBK"
FONT_FILE = "wqy-microhei-gbk.ttf"
LICENSE_FILE = "LICENSE-wqy-microhei.txt"

_lock = threading.Lock()
_registered = False
# Characters that never need a glyph: line breaks and other control characters.
_IGNORED = frozenset("\n\r\t\u200b\ufeff")


def font_path() -> str:
    return str(config.resource_path("fonts", FONT_FILE))


def register() -> str:
    """Register the bundled font with ReportLab once (thread-safe) and return its name."""
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFError, TTFont

            path = font_path()
            try:
                pdfmetrics.registerFont(TTFont(FONT_NAME, path))
            except (OSError, TTFError) as exc:
                raise AppError(strings.DOC_FONT_MISSING.format(path=path, err=exc)) from exc
            _registered = True
    return FONT_NAME


@lru_cache(maxsize=1)
def _charset() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(register())
    return frozenset(font.face.charToGlyph)


def missing_glyphs(text: str | Iterable[str]) -> set[str]:
    """The characters of ``text`` (one string or many) that the bundled font cannot draw."""
    chars = _charset()
    pieces = [text] if isinstance(text, str) else text
    return {c for piece in pieces for c in piece
            if ord(c) not in chars and c not in _IGNORED and ord(c) >= 0x20}
