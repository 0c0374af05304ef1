"""Build the two fonts the letters' PDFs print with: a 仿宋 body and a heavy 宋 (小标宋) title.

* ``GongkaiFangsong-Regular.ttf``: a subset of **Zhuque Fangsong** (朱雀仿宋, SIL OFL 1.1, by
  TrionesType / Zhejiang JadeFoci), built from its Glyphs source with fontmake (the project
  ships no binary release on a registry), then cut to ASCII, the punctuation and symbol ranges of
  ``make_font_subset.RANGES``, every character of GB2312 (the 6,763 hanzi of levels 1 and 2 and
  its symbol rows) and ``make_font_subset.EXTRA_CHARS``. A character outside it falls back to
  the bundled Gongkai Serif SC (GBK) through the CSS font list, glyph by glyph.
* ``GongkaiTitleSong-Bold.otf``: a subset of **Noto Serif CJK SC Bold** (SIL OFL 1.1; Debian's
  ``fonts-noto-cjk``, ``NotoSerifCJK-Bold.ttc``) cut to GB2312 level 1 (the 3,755 common hanzi),
  the punctuation ranges and every character of the letters' and forms' titles (checked).

Both are renamed (an OFL Modified Version keeps clear of the original's names, and must never
clash with an installed font). Usage::

    uv run scripts/make_letter_fonts.py ZhuqueFangsong-Regular.ttf \\
        /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc

where ``ZhuqueFangsong-Regular.ttf`` was built from github TrionesType/zhuque (``src/``) with
``fontmake -g ZhuqueFangsong.glyphspackage -o ttf`` (fontmake 3.x in a throw-away venv).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_font_subset import (
    EXTRA_CHARS,
    LAYOUT_FEATURES,
    RANGES,
    gb2312_chars,
    gb2312_hanzi,
    load_source,
)

from gongkai.core.letters import FORM_TITLES, TITLES

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "src/gongkai/core/letters/fonts"
BODY = ("Gongkai Fangsong", "Regular", "GongkaiFangsong-Regular", ".ttf")
TITLE = ("Gongkai Title Song", "Bold", "GongkaiTitleSong-Bold", ".otf")


def level1_hanzi() -> set[str]:
    """GB2312 level 1: rows 0xB0–0xD7, the 3,755 most common hanzi."""
    chars: set[str] = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def title_chars() -> set[str]:
    return {c for title in (*TITLES.values(), *FORM_TITLES.values()) for c in title}


def _rename(font: TTFont, family: str, style: str, postscript: str, source: str) -> None:
    name = font["name"]
    version = (name.getDebugName(5) or "").split(";")[0].removeprefix("Version ").strip()
    new = {
        1: family,
        2: style,
        3: f"{version};{postscript}",
        4: f"{family} {style}",
        5: f"Version {version}; subset of {source} for Gongkai",
        6: postscript,
    }
    name.names = [r for r in name.names if r.nameID not in {*new, 7, 16, 17, 18, 21, 22}]
    for name_id, value in new.items():
        name.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName, top.FamilyName = f"{family} {style}", family
        for fd in getattr(top, "FDArray", None) or []:
            parts = str(getattr(fd, "FontName", "")).split("-", 2)
            if len(parts) == 3:
                fd.FontName = f"{postscript}-{parts[2]}"


def make(
    source: Path, chars: set[str], target: tuple[str, str, str, str], must: set[str]
) -> tuple[int, int]:
    family, style, postscript, suffix = target
    font = load_source(source, None)
    source_family = font["name"].getDebugName(1) or source.stem
    codepoints = {cp for lo, hi in RANGES for cp in range(lo, hi + 1)}
    codepoints |= {ord(c) for c in chars}
    available = set(font.getBestCmap())
    missing = {c for c in must if ord(c) not in available}
    if missing:
        raise SystemExit(f"{source}: lacks {''.join(sorted(missing))}")
    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = True
    options.drop_tables = [*options.drop_tables, "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints & available)
    subsetter.subset(font)
    _rename(font, family, style, postscript, source_family)
    output = FONTS / f"{postscript}{suffix}"
    output.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = None
    font.recalcTimestamp = False
    font.save(output)
    return font["maxp"].numGlyphs, output.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("zhuque", type=Path, help="ZhuqueFangsong-Regular.ttf (fontmake build)")
    parser.add_argument("noto_bold", type=Path, help="NotoSerifCJK-Bold.ttc or …SC-Bold.otf")
    args = parser.parse_args(argv)
    body = gb2312_chars() | set(EXTRA_CHARS) | title_chars()
    glyphs, size = make(args.zhuque, body, BODY, gb2312_hanzi())
    print(f"{BODY[2]}{BODY[3]}: {glyphs} glyphs, {size} bytes")
    title = level1_hanzi() | title_chars()
    glyphs, size = make(args.noto_bold, title, TITLE, title_chars())
    print(f"{TITLE[2]}{TITLE[3]}: {glyphs} glyphs, {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
