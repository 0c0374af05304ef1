"""Build GongkaiSerifSC-Regular.otf, the Chinese serif font bundled for PDF rendering.

The source is Noto Serif CJK (SIL OFL 1.1), either the collection ``NotoSerifCJK-Regular.ttc``
(Debian's ``fonts-noto-cjk``; the Simplified Chinese face is picked from it) or the single-face
``NotoSerifCJKsc-Regular.otf``.  The subset keeps the characters official Chinese documents use:

* ASCII, Latin-1, General Punctuation, CJK Symbols and Punctuation, Halfwidth/Fullwidth Forms,
  enclosed numbers (①–⑳ …), number forms (Ⅰ–Ⅻ), arrows, math operators, box drawing and
  geometric shapes;
* every character of GB2312 (the 6,763 hanzi of levels 1 and 2 plus its symbol rows);
* the characters outside GB2312 that occur in the project's report corpus and specs
  (:data:`EXTRA_CHARS`, plus any ``--text`` files given on the command line).

The family is renamed to "Gongkai Serif SC" (OFL: a Modified Version must not use the original's
Reserved Font Name, and it must never clash with an installed Noto).  Outlines stay CFF, written as
plain OpenType (``.otf``), not WOFF2, so WeasyPrint, LibreOffice and python-docx users can all read
it.

Usage (fontTools is in the project's dev dependencies; WeasyPrint brings it too)::

    uv run scripts/make_font_subset.py \\
        /path/to/NotoSerifCJK-Regular.ttc \\
        --text tests/data/corpus/reports/*.txt ../shared/spec/*.md
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FAMILY = "Gongkai Serif SC"
SUBFAMILY = "Regular"
POSTSCRIPT_NAME = "GongkaiSerifSC-Regular"
# The font ships inside the package (PDF rendering reads it at run time); this script does not.
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "src/gongkai/core/report/render/fonts" / f"{POSTSCRIPT_NAME}.otf"

# Inclusive code point ranges kept whole (where the source font has glyphs for them).
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement: punctuation, ×, ÷, °, ±, §, ·
    (0x2000, 0x206F),  # General Punctuation: “” ‘’ — … ‰ ※
    (0x20AC, 0x20AC),  # €
    (0x2100, 0x214F),  # Letterlike Symbols: ℃ № ™
    (0x2150, 0x218F),  # Number Forms: Ⅰ–Ⅻ ⅰ–ⅹ
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators: − ≤ ≥ ≠ ∶
    (0x2460, 0x24FF),  # Enclosed Alphanumerics: ①–⑳ ⑴–⒇ ⒈–⒛
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes: □ ■ △ ○ ●
    (0x2605, 0x2606),  # ★ ☆
    (0x3000, 0x303F),  # CJK Symbols and Punctuation: 、。〇《》「」【】〔〕
    (0x3220, 0x3243),  # Parenthesized ideographs: ㈠–㈩ ㈱
    (0x3280, 0x32B0),  # Circled ideographs: ㊀–㊉
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms (vertical punctuation)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)

# Characters outside GB2312 and outside RANGES that occur in the report corpus
# (tests/data/corpus/reports/*) and ../shared/spec/* (traditional forms in quoted sources, and
# the like).  Kept here so the font can be rebuilt without the corpus; pass --text to add more.
EXTRA_CHARS = (
    "並來係傳傾優內兩則創動務勢勵區協參員問單嚴國圍圖執堅報場夠實審寫將專對導層屬幫廢廳強從復徹態"
    "慣應戰戶採揚揮擊據數斷時書會條業極構標樣機檔檢欄權決沒況減測準濟為熱營牽獎獲現環產畢發盡監眾"
    "確礎稅稱積穩範簡簽納級細組結絕給統經網編練縣總績織繞繫繼續罰義習聯脫與華萬藥處號螢術衛製複見"
    "規視計訓記訟設許訴評話認誰調請證識議讀變讓負貧貫責費資質購贏蹤載轉辦這連進運過選鄉錄鏈長門開"
    "間關陽際隨難電靈頁項領頭頻題額類養體點齊"
)

# OpenType layout features kept.  'locl' is dropped on purpose: in the SC face it only maps to
# the Japanese/Korean/Traditional glyph variants, which would roughly double the file.
LAYOUT_FEATURES = (
    "ccmp",
    "kern",
    "liga",
    "calt",
    "mark",
    "mkmk",
    "halt",
    "palt",
    "vhal",
    "vpal",
    "vert",
    "vrt2",
    "vkrn",
    "fwid",
    "hwid",
    "pwid",
)


def gb2312_chars() -> set[str]:
    """Every character GB2312 encodes: rows 0xA1–0xF7 × cells 0xA1–0xFE (gaps skipped)."""
    chars: set[str] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def gb2312_hanzi() -> set[str]:
    """The 6,763 hanzi of GB2312 (rows 0xB0–0xF7)."""
    chars: set[str] = set()
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def gbk_hanzi() -> set[str]:
    """The 20,902 CJK Unified Ideographs that GBK encodes.

    GB2312 alone misses characters of real place and agency names (埇, 浉, 螅 …), which
    would print as missing-glyph boxes; GBK covers what Chinese office systems can type.
    """
    chars: set[str] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                char = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= char <= "\u9fff":
                chars.add(char)
    return chars


def text_chars(paths: Iterable[Path]) -> set[str]:
    chars: set[str] = set()
    for path in paths:
        chars.update(path.read_text(encoding="utf-8"))
    return {c for c in chars if ord(c) >= 0x20}


def wanted_codepoints(text_files: Iterable[Path]) -> set[int]:
    codepoints = {cp for lo, hi in RANGES for cp in range(lo, hi + 1)}
    codepoints.update(ord(c) for c in gb2312_chars())
    codepoints.update(ord(c) for c in gbk_hanzi())
    codepoints.update(ord(c) for c in EXTRA_CHARS)
    codepoints.update(ord(c) for c in text_chars(text_files))
    return codepoints


def load_source(path: Path, face_index: int | None) -> TTFont:
    """Open the source font; from a collection pick ``face_index`` or the face named "… SC"."""
    if path.suffix.lower() not in {".ttc", ".otc"}:
        return TTFont(path, lazy=False)
    collection = TTCollection(path, lazy=False)
    if face_index is not None:
        return collection.fonts[face_index]
    for face in collection.fonts:
        family = face["name"].getDebugName(1) or ""
        if family.endswith(" SC"):
            return face
    names = [face["name"].getDebugName(1) for face in collection.fonts]
    raise SystemExit(f"no Simplified Chinese (… SC) face in {path}: {names}")


def rename(font: TTFont, source_family: str, source_version: str) -> None:
    """Give the subset its own family name everywhere a renderer might look it up."""
    name = font["name"]
    new = {
        1: FAMILY,
        2: SUBFAMILY,
        3: f"{source_version};{POSTSCRIPT_NAME}",
        4: f"{FAMILY} {SUBFAMILY}",
        5: f"Version {source_version}; subset of {source_family} for Gongkai",
        6: POSTSCRIPT_NAME,
    }
    # Drop every record the new names replace, including the localized and typographic ones
    # (16/17) and the Noto trademark line (7), so no lookup can match the original family.
    dropped = {*new, 7, 16, 17, 18, 21, 22}
    name.names = [rec for rec in name.names if rec.nameID not in dropped]
    for name_id, value in new.items():
        name.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [POSTSCRIPT_NAME]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} {SUBFAMILY}"
        top.FamilyName = FAMILY
        copyright_ = name.getDebugName(0)
        if copyright_:
            top.Notice = copyright_
        for fd in getattr(top, "FDArray", None) or []:
            # "NotoSerifCJKjp-Regular-Ideographs" -> "GongkaiSerifSC-Regular-Ideographs"
            parts = str(getattr(fd, "FontName", "")).split("-", 2)
            if len(parts) == 3:
                fd.FontName = f"{POSTSCRIPT_NAME}-{parts[2]}"


def make_subset(
    source: Path, output: Path, text_files: Sequence[Path], face_index: int | None = None
) -> tuple[int, int]:
    """Write the subset font; return (glyph count, file size in bytes)."""
    font = load_source(source, face_index)
    source_family = font["name"].getDebugName(1) or source.stem
    source_version = (font["name"].getDebugName(5) or "").split(";")[0].removeprefix("Version ")
    codepoints = wanted_codepoints(text_files)
    available = set(font.getBestCmap())
    missing = sorted(
        cp
        for cp in codepoints - available
        if cp >= 0x2E80 and unicodedata.category(chr(cp)) != "Cn"
    )
    if missing:
        shown = "".join(chr(cp) for cp in missing[:40])
        print(f"warning: {len(missing)} CJK characters not in the source: {shown}", file=sys.stderr)

    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_bounds = True
    options.glyph_names = False
    options.hinting = True
    options.desubroutinize = False
    options.drop_tables = [*options.drop_tables, "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints & available)
    subsetter.subset(font)

    hanzi = gb2312_hanzi()
    kept = {chr(cp) for cp in font.getBestCmap()}
    if len(hanzi) != 6763 or not hanzi <= kept:
        raise SystemExit(f"GB2312 hanzi not all kept: {len(hanzi - kept)} of {len(hanzi)} missing")

    rename(font, source_family, source_version)
    output.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = None
    font.recalcTimestamp = False  # keep the source's head.modified: rebuilds are byte-identical
    font.save(output)
    return font["maxp"].numGlyphs, output.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", type=Path, help="NotoSerifCJK-Regular.ttc or …CJKsc-Regular.otf")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--text", type=Path, nargs="*", default=[], help="UTF-8 files whose characters to keep"
    )
    parser.add_argument("--face-index", type=int, default=None, help="face of a .ttc to use")
    args = parser.parse_args(argv)
    glyphs, size = make_subset(args.source, args.output, args.text, args.face_index)
    print(f"{args.output}: {glyphs} glyphs, {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
