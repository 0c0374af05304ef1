"""The accuracy bench's oracle of undecided cells: it must find a witness where one exists and
only there, or the bench's "right % of the cells the text decides" means nothing."""

from __future__ import annotations

from gongkai.core.report.formats import APPLICANT_COLUMNS
from gongkai.core.report.render.layout import LayoutCell
from tests.core.reader import undecided


def _row(section: str, keys: list[str], texts: list[str]) -> list[LayoutCell]:
    return [
        LayoutCell(0, i, text, "number", key=f"{section}.{key}")
        for i, (key, text) in enumerate(zip(keys, texts, strict=True))
    ]


APPLICANTS = [f"1.{c.key}" for c in APPLICANT_COLUMNS]


def _glued(cells: list[LayoutCell], section: str, fixed: bool) -> set[int] | None:
    printed = "".join(c.text for c in cells)

    def following(col: int, at: int) -> list[tuple[str, int]]:
        out = [("", at)]
        for end in range(at + 1, len(printed) + 1):
            piece = printed[at:end]
            if piece == "0" or (piece[0] != "0" and piece.isdigit()):
                out.append((piece, end))
        return out

    return undecided._witnesses(cells, section, fixed, following, len(printed))


def test_zeros_and_blanks_glued_together_are_undecided_where_they_can_trade() -> None:
    # 0, blank, blank, 0, blank, 0, blank prints "000": any three columns could hold the zeros.
    cells = _row("applications", APPLICANTS, ["0", "", "", "0", "", "0", ""])
    assert _glued(cells, "applications", fixed=True) == set(range(7))
    # Seven zeros print "0000000": one reading.
    cells = _row("applications", APPLICANTS, ["0"] * 7)
    assert _glued(cells, "applications", fixed=True) == set()


def test_figures_glued_with_their_total_are_decided_only_where_no_other_cut_adds_up() -> None:
    # 64 0 0 2 0 4 | 70: with blanks allowed, 6 40 0 20 4 and a blank also adds up to 70.
    cells = _row("applications", APPLICANTS, ["64", "0", "0", "2", "0", "4", "70"])
    found = _glued(cells, "applications", fixed=False)
    assert found is not None and 6 not in found and 0 in found
    # Where section 三's column relations hold, only a 0 may trade for a blank: none here.
    assert _glued(cells, "applications", fixed=True) == set()


def test_a_dropped_blank_leaves_open_only_what_another_placement_fills() -> None:
    keys = ["normative.issued", "normative.repealed", "normative.in_force"]
    # "| 规范性文件 | 34 | 189 |": which of the three cells is blank, the row does not say.
    cells = _row("proactive", keys, ["34", "", "189"])
    assert undecided.dropped_blank("proactive", cells, fixed=False) == {
        f"proactive.{k}" for k in keys
    }
    # A row of section 三 keeps its total last; with the column relations holding, only a 0
    # may move: 1 1 0 _ 1 1 4 → the 0 and the blank trade places, nothing else moves.
    cells = _row("applications", APPLICANTS, ["1", "1", "0", "", "1", "1", "4"])
    assert undecided.dropped_blank("applications", cells, fixed=True) == {
        "applications.1.2",
        "applications.1.3",
    }
