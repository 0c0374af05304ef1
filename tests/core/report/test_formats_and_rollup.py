"""The format data's look-ups, the reader's format cues, and the roll-up's refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.core.reader import read_text
from gongkai.core.reader.cells import text_cells
from gongkai.core.reader.parse import format_cues, guess_format
from gongkai.core.report import Report, check
from gongkai.core.report.formats import FORMAT_2019, FORMAT_2021, FORMATS, get_format
from gongkai.core.report.render import render
from gongkai.core.report.rollup import RollupError, add_cells, rollup


def test_a_line_is_found_by_its_key_and_an_unknown_key_is_refused() -> None:
    assert FORMAT_2021.application_line("3.6.2").label.startswith("2.申请人逾期未按收费通知")
    with pytest.raises(KeyError):
        FORMAT_2019.application_line("3.6.2")
    with pytest.raises(KeyError, match="unknown report format '2030'"):
        get_format("2030")


def test_a_result_counts_in_its_own_row_or_the_enclosing_one() -> None:
    assert FORMAT_2021.result_row("3.6.2") == "3.6.2"
    assert FORMAT_2019.result_row("3.6.2") == "3.6"
    assert FORMAT_2019.result_row("3.3.1") == "3.3.1"
    with pytest.raises(KeyError, match=r"no row for '9\.1'"):
        FORMAT_2021.result_row("9.1")


def test_only_the_2021_format_counts_documents_in_force() -> None:
    assert FORMAT_2021.in_force_rows == ("rules", "normative")
    assert FORMAT_2019.in_force_rows == ()


def test_money_columns_print_their_unit_unless_the_label_names_it() -> None:
    procurement = FORMAT_2019.proactive_columns("procurement")[1]
    fees = FORMAT_2021.proactive_columns("fees")[0]
    assert (procurement.unit, procurement.printed_unit) == ("元", "元")
    assert (fees.unit, fees.printed_unit) == ("万元", "")
    assert FORMAT_2021.proactive_columns("rules")[0].printed_unit == ""


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("本年制发件数\n本年废止件数\n现行有效件数", "2021"),
        ("本年新制作数量\n本年新公开数量\n政府集中采购", "2019"),
        ("本年制发件数\n本年新制作数量", "2019"),  # a tie goes to the older format
        ("申请人情况\n自然人", None),
    ],
)
def test_the_cues_vote_for_a_format(cells: str, expected: str | None) -> None:
    formats = list(FORMATS.values())
    guessed = guess_format(format_cues(text_cells(cells), formats), formats)
    assert (guessed.key if guessed else None) == expected


def test_a_cue_inside_a_sentence_does_not_vote() -> None:
    # 52 characters: a sentence of the narrative, not the label of row 3.6.1.
    sentence = (
        "申请人逾期不补正的，视为放弃申请，行政机关不再处理其政府信息公开申请，"
        "本机关已依法书面告知申请人有关事项"
    )
    assert format_cues(text_cells(sentence), FORMATS.values()) == {"2019": 0, "2021": 0}
    assert format_cues(text_cells("1.申请人无正当理由逾期不补正"), FORMATS.values())["2021"] == 1


def test_tables_without_any_cue_take_the_format_of_their_year() -> None:
    report = Report(
        "某县人民政府",
        2020,
        "2019",
        disputes={
            "review": [1, 0, 0, 0, 1],
            "litigation_direct": [0, 0, 0, 0, 0],
            "litigation_after_review": [0, 0, 0, 0, 0],
        },
    )
    reading = read_text(render(report, "md").decode())
    assert reading.report is not None
    assert (reading.report.format, reading.report.year) == ("2019", 2020)
    assert "format_guessed" in {f.code for f in reading.findings}
    assert reading.coverage == "partial"


def test_a_reading_that_is_no_report_says_so_in_its_json() -> None:
    reading = read_text("今天天气很好。", source="weather.txt")
    assert reading.report is None and reading.coverage == "not_a_report"
    data = reading.to_dict()
    assert data["source"] == "weather.txt"
    assert [i["code"] for i in data["issues"]] == ["not_a_report"]
    assert '"not_a_report"' in reading.to_json()


def test_check_findings_are_plain_dicts() -> None:
    report = Report(
        "某局", 2022, "2021", applications={k: [0] * 7 for k in FORMAT_2021.application_keys}
    )
    report.applications = report.applications or {}
    report.applications["1"] = [1, 0, 0, 0, 0, 0, 1]
    finding = next(f for f in check(report) if f.code == "apps.balance")
    assert finding.to_dict()["where"] == "natural_person"


def test_blank_plus_blank_stays_blank_and_blank_plus_n_is_n() -> None:
    assert add_cells(None, None) is None
    assert add_cells(None, 3) == 3
    assert add_cells(Decimal("1.5"), None) == Decimal("1.5")


def test_a_roll_up_needs_reports_of_one_format_and_one_year() -> None:
    a = Report("甲局", 2022, "2021", disputes={"review": [1, 0, 0, 0, 1]})
    with pytest.raises(RollupError, match="nothing to roll up"):
        rollup([], "某市")
    with pytest.raises(RollupError, match="cannot mix formats"):
        rollup([a, Report("乙局", 2022, "2019")], "某市")
    with pytest.raises(RollupError, match="cannot mix years"):
        rollup([a, Report("乙局", 2023, "2021")], "某市")


def test_a_section_is_rolled_up_when_any_unit_has_it() -> None:
    a = Report("甲局", 2022, "2021", disputes={"review": [1, 0, None, 0, 1]})
    b = Report("乙局", 2022, "2021", proactive={"fees": {"amount_wan_yuan": Decimal("0.5")}})
    total = rollup([a, b], "某市")
    assert total.disputes == {"review": [1, 0, None, 0, 1]}
    assert total.proactive == {"fees": {"amount_wan_yuan": Decimal("0.5")}}
    assert total.applications is None
    assert total.extra["units"] == ["甲局", "乙局"]


def test_an_unknown_output_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown output 'odt'"):
        render(Report("某局", 2022, "2021"), "odt")
