"""The zh-hans catalog: complete, not fuzzy, compiled, and covering every string the code marks."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

import gongkai

PACKAGE = Path(gongkai.__file__).resolve().parent
CATALOG = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES"
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False


def read_po(text: str) -> list[Entry]:
    """A small reader for the .po files makemessages writes (no msgctxt, no obsolete entries)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] = ("msgid", 0)
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current = None
            continue
        if line.startswith("#,"):
            current = current or Entry()
            current.fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        current = current or Entry()
        match = re.match(r'^(msgid|msgid_plural|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
        if match:
            target = (match[1], int(match[2] or 0))
            value = ast.literal_eval(match[3])
        else:
            value = ast.literal_eval(line)
        name, index = target
        if name == "msgid":
            current.msgid += value
        elif name == "msgid_plural":
            current.msgid_plural += value
        else:
            current.msgstr[index] = current.msgstr.get(index, "") + value
    if current is not None:
        entries.append(current)
    return entries


def problems_of(entries: list[Entry]) -> list[str]:
    found = []
    for entry in entries:
        if not entry.msgid:
            continue  # the header
        if entry.fuzzy:
            found.append(f"fuzzy: {entry.msgid!r}")
        if not entry.msgstr or any(not text for text in entry.msgstr.values()):
            found.append(f"untranslated: {entry.msgid!r}")
    return found


ENTRIES = read_po((CATALOG / "django.po").read_text(encoding="utf-8"))


def test_the_catalog_has_no_untranslated_or_fuzzy_message() -> None:
    assert len(ENTRIES) > 50
    assert problems_of(ENTRIES) == []


def test_the_check_would_notice_an_untranslated_or_fuzzy_message() -> None:
    sample = '#, fuzzy\nmsgid "Save"\nmsgstr "保存"\n\nmsgid "Home"\nmsgstr ""\n'
    assert problems_of(read_po(sample)) == ["fuzzy: 'Save'", "untranslated: 'Home'"]


def test_the_committed_mo_file_is_compiled_from_the_po_file() -> None:
    with (CATALOG / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in ENTRIES:
        if not entry.msgid:
            continue
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr[0]
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr[0], entry.msgid


def _marked_in_python() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] == "core" or "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_NAMES
                and node.args
                and isinstance(node.args[-1 if node.func.id == "pgettext" else 0], ast.Constant)
            ):
                found.add(node.args[0].value)  # type: ignore[attr-defined]
    return found


def _marked_in_templates() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        # The closing quote is the opening one: "next year's" is one string.
        found |= {m[1] for m in re.findall(r"{%\s*translate\s+([\"'])(.+?)\1", text)}
        blocks = r"{%\s*blocktranslate\b[^%]*%}(.+?){%\s*(?:plural|endblocktranslate)\s*%}"
        for block in re.findall(blocks, text, re.S):
            # As makemessages writes it: a literal % doubled, {{ name }} as %(name)s.
            found.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", block.replace("%", "%%")))
    return found


def test_every_string_marked_for_translation_is_in_the_catalog() -> None:
    marked = _marked_in_python() | _marked_in_templates()
    assert "Case officer" in marked and "Save" in marked  # the scan finds what it should
    missing = sorted(marked - {entry.msgid for entry in ENTRIES})
    assert missing == [], "run makemessages (CONTRIBUTING.md) and translate: " + repr(missing)


def test_every_source_string_is_english() -> None:
    """Chinese comes from the catalog: a msgid has English words (Chinese may appear only as a
    term or example inside them, as in "Rules (规章)")."""
    chinese_only = [e.msgid for e in ENTRIES if e.msgid and not re.search(r"[A-Za-z]{2}", e.msgid)]
    assert chinese_only == []


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Case officer", "经办人"),
        ("Holiday", "放假"),
        ("Disclosure rules", "公开制度"),
        ("Breadcrumbs", "当前位置"),
        ("Supervision order issued", "下发督办单"),
        ("Month %(m)s", "%(m)s月"),
    ],
)
def test_the_interface_speaks_chinese_by_default(english: str, chinese: str) -> None:
    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese
    with translation.override("en"):
        assert translation.gettext(english) == english
