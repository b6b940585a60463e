"""Dev-time: subset WenQuanYi Micro Hei to GBK for the PDF documents (DESIGN §9).

ReportLab embeds TrueType (glyf) fonts only, and the PC the app runs on is offline, so the
documents carry their own CJK font. The full WenQuanYi Micro Hei is ~5 MB with ~35,000
characters; GBK (21,886 characters, including the name characters a GB2312 subset misses,
such as U+9555, U+5580, U+5803, U+73A5) plus the punctuation and symbols the forms use is
about 3 MB. Run once; the output is committed:

    pip install fonttools          # dev-time only, not a runtime dependency
    python packaging/make_font.py  # writes resources/fonts/wqy-microhei-gbk.ttf

The licence text (Apache-2.0) is kept beside the font as LICENSE-wqy-microhei.txt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FACE = 0  # 0 = WenQuanYi Micro Hei (proportional), 1 = the Mono face
OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei-gbk.ttf"

# Unicode blocks kept in full (where the font has them), besides GBK itself.
BLOCKS = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, ellipsis, reference mark)
    (0x2100, 0x214F),  # letterlike symbols (degree Celsius, numero)
    (0x2150, 0x218F),  # number forms (Roman numerals)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (up tack, circled plus, circled dot)
    (0x2460, 0x24FF),  # enclosed alphanumerics (circled numbers)
    (0x2500, 0x257F),  # box drawing
    (0x2580, 0x259F),  # block elements
    (0x25A0, 0x25FF),  # geometric shapes (squares, circles, triangles, diamonds)
    (0x2600, 0x26FF),  # miscellaneous symbols (stars, female/male signs)
    (0x2700, 0x27BF),  # dingbats (check marks)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK letters and months
    (0x3300, 0x33FF),  # CJK compatibility (square units)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)
# Symbols the attendance sheets use (RULES-FORMS-TERMS §3.2), checked explicitly.
SHEET_SYMBOLS = "\u221a\u00d7\u25cb\u25a1\u25b3\u0394\u203b\u25bd\u22a5\u2606\u25c7\u2640" \
                "\uff03\u2295\u2299\u0444\u2013\u2014\u2026\u2605\u25cf\u25a0\u2713\u2192"


def gbk_characters() -> set[int]:
    """Every character GBK encodes (double-byte area: lead 0x81-0xFE, trail 0x40-0xFE)."""
    chars: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            chars.update(ord(c) for c in text)
    return chars


def wanted_characters() -> set[int]:
    chars = gbk_characters()
    for lo, hi in BLOCKS:
        chars.update(range(lo, hi + 1))
    chars.update(ord(c) for c in SHEET_SYMBOLS)
    return chars


def build(source: Path, out: Path) -> dict[str, int]:
    font = TTCollection(str(source)).fonts[FACE]
    cmap = font.getBestCmap()
    wanted = wanted_characters()
    present = sorted(c for c in wanted if c in cmap)
    gbk_missing = sorted(c for c in gbk_characters() if c not in cmap)
    symbols_missing = [c for c in SHEET_SYMBOLS if ord(c) not in cmap]
    options = subset.Options()
    options.layout_features = []  # ReportLab does no shaping
    options.name_IDs = ["*"]  # keep copyright and licence records
    options.name_languages = ["*"]
    options.hinting = False  # Micro Hei relies on autohinting; saves space
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    check = TTFont(str(out))
    assert "glyf" in check and "CFF " not in check, "ReportLab needs TrueType outlines"
    return {"characters": len(present), "glyphs": len(check.getGlyphOrder()),
            "bytes": out.stat().st_size, "gbk_missing": len(gbk_missing),
            "symbols_missing": len(symbols_missing)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    stats = build(args.source, args.out)
    print(f"{args.out}: {stats}")
    from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont

    ReportLabFont("check", str(args.out))  # raises if ReportLab cannot use it
    return 0


if __name__ == "__main__":
    sys.exit(main())
