"""compose(): the wording, the citations and the fields each kind cannot do without."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from gongkai.core import outcomes
from gongkai.core.letters import (
    DECISION_KINDS,
    KINDS,
    REQUIRED,
    TITLES,
    FeeBasis,
    LetterDataError,
    LetterKind,
    cite,
    compose,
    kind_for_outcome,
    outcomes_for,
)
from gongkai.core.letters.data import LetterData
from gongkai.core.letters.wording import WRITERS

from .conftest import (
    AGENCY,
    CASE_NUMBER,
    COURT,
    ISSUED,
    LETTER_NUMBER,
    RECEIVED,
    RECONSIDERATION,
    full_data,
)

CASES = [(kind, code) for kind in LetterKind for code in (outcomes_for(kind) or ("",))]


def _blank(data: LetterData, name: str) -> LetterData:
    value = getattr(data, name)
    empty: Any = "" if isinstance(value, str) else () if isinstance(value, tuple) else None
    return dataclasses.replace(data, **{name: empty})


def test_every_outcome_is_answered_by_exactly_one_kind_of_letter() -> None:
    answered = outcomes_for(LetterKind.REPLY) + outcomes_for(LetterKind.NOT_HANDLED)
    assert sorted(answered) == sorted(outcomes.OUTCOMES)
    assert {kind_for_outcome(c) for c in outcomes.OUTCOMES if c.startswith("3.5.")} == {
        LetterKind.NOT_HANDLED
    }


def test_every_kind_has_its_row_and_its_writer() -> None:
    assert list(KINDS) == list(LetterKind)
    assert set(WRITERS) == set(LetterKind)


def test_an_outcome_without_reply_wording_is_refused_not_worded_as_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new = outcomes.Outcome("3.3.9", outcomes.Group.WITHHELD, "新情形", ("第十四条",), True)
    monkeypatch.setitem(outcomes.OUTCOMES, new.code, new)
    with pytest.raises(ValueError, match=r"no reply wording for outcome 3\.3\.9"):
        compose(LetterKind.REPLY, full_data(outcome="3.3.9"))


@pytest.mark.parametrize(("kind", "code"), CASES)
def test_every_kind_and_outcome_composes_with_its_title_number_and_dates(
    kind: LetterKind, code: str
) -> None:
    letter = compose(kind, full_data(outcome=code))
    assert letter.title == TITLES[kind]
    assert letter.number == LETTER_NUMBER
    assert letter.signature == AGENCY
    assert letter.date == ISSUED
    assert letter.case_number == CASE_NUMBER
    assert CASE_NUMBER in letter.text
    assert RECEIVED in letter.text
    assert letter.addressee.endswith("：")
    assert all(p and "\n" not in p for p in letter.body)


@pytest.mark.parametrize(("kind", "code"), [c for c in CASES if c[1]])
def test_a_reply_cites_the_articles_the_outcome_table_lists(kind: LetterKind, code: str) -> None:
    letter = compose(kind, full_data(outcome=code))
    assert letter.outcome == code
    for article in outcomes.get(code).articles:
        assert article in letter.text
    if outcomes.get(code).articles and not outcomes.get(code).articles[0].startswith("《"):
        assert "《中华人民共和国政府信息公开条例》" in letter.text


def test_a_state_secret_reply_cites_article_fourteen_and_refuses() -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.3.1"))
    assert "《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项" in letter.text
    assert "不予公开" in letter.text
    assert "定密机关" in letter.text  # the reasons


@pytest.mark.parametrize(("kind", "code"), CASES)
def test_every_decision_letter_states_the_remedy_and_no_other_does(
    kind: LetterKind, code: str
) -> None:
    letter = compose(kind, full_data(outcome=code))
    if kind in DECISION_KINDS:
        assert RECONSIDERATION in letter.remedy
        assert "60日内" in letter.remedy and "6个月内" in letter.remedy
        assert COURT in letter.remedy
        assert letter.body.index(letter.remedy) == len(letter.body) - 2  # before the closing
    else:
        assert letter.remedy == ""
        assert "行政复议" not in letter.text


def test_without_a_named_court_the_remedy_names_the_competent_court() -> None:
    letter = compose(LetterKind.REPLY, full_data(court=""))
    assert "有管辖权的人民法院" in letter.remedy


@pytest.mark.parametrize(
    ("kind", "name"), [(kind, name) for kind in LetterKind for name in REQUIRED[kind]]
)
def test_a_missing_required_field_is_named_in_the_error(kind: LetterKind, name: str) -> None:
    code = {LetterKind.REPLY: "3.2", LetterKind.NOT_HANDLED: "3.5.1"}.get(kind, "")
    with pytest.raises(LetterDataError) as raised:
        compose(kind, _blank(full_data(outcome=code), name))
    assert raised.value.field == name
    assert name in str(raised.value)
    assert TITLES[kind] in str(raised.value)


def test_a_partial_disclosure_without_reasons_is_refused() -> None:
    with pytest.raises(LetterDataError, match=r"理由.*reasons"):
        compose(LetterKind.REPLY, full_data(outcome="3.2", reasons=" "))


def test_a_fee_notice_without_amount_is_refused() -> None:
    with pytest.raises(LetterDataError, match=r"收费金额.*fee_amount"):
        compose(LetterKind.FEE_NOTICE, full_data(fee_amount=None))


def test_a_disclosure_reply_needs_to_say_how_or_where_the_information_is_had() -> None:
    with pytest.raises(LetterDataError, match="provision"):
        compose(LetterKind.REPLY, full_data(outcome="3.1", provision="", published_at=""))
    assert "获取途径" in compose(LetterKind.REPLY, full_data(outcome="3.1", provision="")).text
    assert "电子邮件" in compose(LetterKind.REPLY, full_data(outcome="3.1", published_at="")).text


def test_a_not_handled_outcome_in_a_reply_is_refused_and_the_right_letter_named() -> None:
    with pytest.raises(LetterDataError, match="不予处理告知书"):
        compose(LetterKind.REPLY, full_data(outcome="3.5.2"))
    with pytest.raises(LetterDataError, match="答复书"):
        compose(LetterKind.NOT_HANDLED, full_data(outcome="3.3.1"))
    with pytest.raises(LetterDataError, match=r"3\.9"):
        compose(LetterKind.REPLY, full_data(outcome="3.9"))


def test_an_extension_beyond_twenty_working_days_is_refused() -> None:
    with pytest.raises(LetterDataError, match="第三十三条第二款"):
        compose(LetterKind.EXTENSION, full_data(extension_days=21))
    letter = compose(LetterKind.EXTENSION, full_data(extension_days=10, reasons="因涉及面广。"))
    assert "延长10个工作日" in letter.text
    assert "2025年11月27日" in letter.text
    assert "因涉及面广，本机关不能在规定期限" in letter.text


def test_a_correction_notice_lists_every_item_once_with_its_deadline() -> None:
    letter = compose(LetterKind.CORRECTION, full_data())
    assert "1. 所需文件的名称或者文号。" in letter.paragraphs
    assert "2. 所需信息的年度。" in letter.paragraphs
    assert "2025年10月31日前" in letter.text
    assert "视为放弃申请" in letter.text


def test_the_fee_notice_states_basis_standard_amount_and_the_twenty_day_window() -> None:
    letter = compose(LetterKind.FEE_NOTICE, full_data(fee_amount=Decimal("700.00")))
    assert "人民币700元" in letter.text
    assert "201页以上" not in letter.text and "200页以上的部分，收费标准为40元/页" in letter.text
    assert "20个工作日内（最迟于2025年11月18日）缴纳" in letter.text
    assert "国办函〔2020〕109号" in letter.text
    per_application = compose(
        LetterKind.FEE_NOTICE,
        full_data(fee_basis=FeeBasis.PER_APPLICATION, fee_amount=Decimal("150.5")),
    )
    assert "频次明显超过合理范围" in per_application.text
    assert "人民币150.50元" in per_application.text
    with pytest.raises(LetterDataError, match="fee_amount"):
        compose(LetterKind.FEE_NOTICE, full_data(fee_amount=Decimal(0)))


def test_letters_to_a_consultee_are_addressed_to_it_and_do_not_name_the_applicant() -> None:
    for kind in (
        LetterKind.THIRD_PARTY_CONSULTATION,
        LetterKind.THIRD_PARTY_NOTICE,
        LetterKind.CO_PRODUCER_CONSULTATION,
    ):
        letter = compose(kind, full_data())
        assert letter.addressee == "温州某某建设有限公司："
        assert "张三" not in letter.text
    assert "15个工作日内" in compose(LetterKind.THIRD_PARTY_CONSULTATION, full_data()).text
    assert "视为同意公开" in compose(LetterKind.CO_PRODUCER_CONSULTATION, full_data()).text


def test_an_organisation_is_addressed_as_a_unit() -> None:
    letter = compose(LetterKind.REPLY, full_data(organisation=True, outcome="3.3.1"))
    assert "你单位申请获取" in letter.text


def test_the_responsible_agency_is_named_when_the_information_is_not_ours() -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.4.1"))
    assert "温州市瓯海区交通运输局" in letter.text and "0577-88886666" in letter.text
    bare = compose(LetterKind.REPLY, full_data(outcome="3.4.1", responsible_agency=""))
    assert "交通运输局" not in bare.text


def test_reasons_on_several_lines_become_paragraphs() -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.3.5", reasons="第一点\n\n第二点。"))
    assert "第一点。" in letter.paragraphs and "第二点。" in letter.paragraphs


def test_citations_name_the_statute_once_and_other_laws_by_their_own_name() -> None:
    assert cite(["第十四条", "第三十六条第三项"]) == (
        "《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项"
    )
    # The 条例's articles together under its name once, the other law after them.
    assert cite(["第三十七条", "《中华人民共和国保守国家秘密法》第九条", "第十四条"]) == (
        "《中华人民共和国政府信息公开条例》第三十七条、第十四条、"
        "《中华人民共和国保守国家秘密法》第九条"
    )
    assert cite(["第十四条", "第十四条"]) == "《中华人民共和国政府信息公开条例》第十四条"
    assert cite([]) == ""


def test_extra_articles_follow_the_outcomes_own() -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.2", articles=("第十五条",)))
    assert "第三十七条、第十五条的规定" in letter.text


def test_the_note_gathers_the_contact_details_given() -> None:
    letter = compose(LetterKind.RECEIPT, full_data())
    assert letter.note.startswith("（联系人：李四；联系电话：0577-12345678")
    bare = compose(
        LetterKind.RECEIPT,
        full_data(contact_person="", agency_phone="", agency_address="", agency_postcode=""),
    )
    assert bare.note == ""


def test_the_receipt_states_the_statutory_period_and_due_date() -> None:
    letter = compose(LetterKind.RECEIPT, full_data(issue_date=dt.date(2025, 9, 26)))
    assert "20个工作日内（最迟于2025年10月30日）予以答复" in letter.text
    assert "提交方式：互联网申请平台" in letter.text
    assert letter.date == "2025年9月26日"


def test_a_deferral_under_article_35_states_the_offices_later_date() -> None:
    letter = compose(LetterKind.DEFERRAL, full_data(new_due_date=dt.date(2025, 12, 31)))
    assert "第三十五条" in letter.text and "最迟于2025年12月31日作出答复" in letter.text
    assert letter.remedy == ""


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (LetterKind.CORRECTION, "correction_deadline"),
        (LetterKind.REASONS_REQUEST, "respond_by"),
        (LetterKind.THIRD_PARTY_CONSULTATION, "respond_by"),
        (LetterKind.FEE_NOTICE, "payment_due"),
        (LetterKind.EXTENSION, "new_due_date"),
        (LetterKind.DEFERRAL, "new_due_date"),
    ],
)
def test_a_deadline_that_is_not_after_the_issue_date_is_refused(
    kind: LetterKind, name: str
) -> None:
    with pytest.raises(LetterDataError) as raised:
        compose(kind, full_data(**{name: dt.date(2025, 10, 20)}))
    assert raised.value.field == name


def test_a_letter_cannot_be_issued_before_the_application_was_received() -> None:
    with pytest.raises(LetterDataError, match="received"):
        compose(LetterKind.RECEIPT, full_data(issue_date=dt.date(2025, 9, 25)))


def test_an_extension_must_move_the_deadline_later() -> None:
    with pytest.raises(LetterDataError, match="原答复期限"):
        compose(LetterKind.EXTENSION, full_data(due_date=dt.date(2025, 11, 28)))
    assert "（原答复期限为2025年10月30日）" in compose(LetterKind.EXTENSION, full_data()).text
    # The case's deadline as it stands after the extension is the new one: no original named.
    same = compose(LetterKind.EXTENSION, full_data(due_date=dt.date(2025, 11, 27)))
    assert "原答复期限" not in same.text and "最迟于2025年11月27日" in same.text


def test_an_article_is_cited_once_however_it_was_written() -> None:
    # Found in a 部分公开 reply: 第三十七条、《条例》第十五条、《条例》第三十七条.
    full = "《中华人民共和国政府信息公开条例》"
    assert cite(["第三十七条", "《条例》第十五条", f"{full}第三十七条", "第十五条"]) == (
        f"{full}第三十七条、第十五条"
    )
    letter = compose(
        LetterKind.REPLY,
        full_data(outcome="3.2", articles=(f"{full}第十五条", "《条例》第三十七条")),
    )
    assert f"根据{full}第三十七条、第十五条的规定" in letter.text
    assert letter.text.count(full) == 1
    assert "《条例》" not in letter.text


@pytest.mark.parametrize(
    "request_text", ["2024年度财政预算。", "2024年度财政预算；", "2024年度财政预算"]
)
def test_the_quoted_request_ends_the_sentence_once(request_text: str) -> None:
    letter = compose(LetterKind.REPLY, full_data(request=request_text, outcome="3.3.5"))
    assert "申请获取“2024年度财政预算”。" in letter.text
    assert "。”。" not in letter.text and "；”。" not in letter.text


def test_the_extension_states_the_heads_written_reason() -> None:
    letter = compose(LetterKind.EXTENSION, full_data(reasons="需调取2015年以前的纸质档案。"))
    assert "因需调取2015年以前的纸质档案，本机关不能在规定期限" in letter.text
    default = compose(LetterKind.EXTENSION, full_data(reasons=""))
    assert "因所申请信息需要进一步检索、核实，本机关不能" in default.text


def test_the_released_items_are_listed_each_with_its_article_cited_once() -> None:
    from gongkai.core.letters import Released

    full = "《中华人民共和国政府信息公开条例》"
    items = (
        Released(name="预算表", disclosure="whole", pages=3, format="PDF"),
        Released(
            name="会议纪要",
            disclosure="redacted",
            removed=("第十五条", f"{full}第十五条", "《条例》第十六条"),
        ),
        Released(name="内部请示", disclosure="withheld", article="《条例》第十六条"),
        Released(name="公开目录", disclosure="published", index_number="0023/2024-00012"),
    )
    text = compose(
        LetterKind.REPLY, full_data(outcome="3.2", released=items, provision="电子邮件")
    ).text
    assert "1. 《预算表》（PDF、共3页），全文提供。" in text
    assert f"2. 《会议纪要》，经区分处理后提供，依据{full}第十五条、第十六条删除了" in text
    assert f"3. 《内部请示》，依据{full}第十六条不予公开。" in text
    assert "4. 《公开目录》，已经主动公开，索引号：0023/2024-00012。" in text
    assert "《条例》" not in text
