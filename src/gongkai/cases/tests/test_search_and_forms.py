"""内部检索单 (the 3.4.1 rule), the head's reason in the 延期告知书, and every internal form of a
case generated from its records and read back from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from docx import Document

from gongkai.cases import actions, forms_docs
from gongkai.cases.actions.search import MAX_LINE, MAX_LINES, MAX_RESULT
from gongkai.cases.choices import CaseEventKind, LetterKind
from gongkai.cases.letters import letter_data
from gongkai.cases.models import Case, CaseEvent, Letter
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.core.letters import FormKind

pytestmark = pytest.mark.django_db
D = dt.date
RECEIVED = D(2025, 3, 3)  # a Monday


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _search(personas: Personas, case: Case, **overrides: Any) -> Any:
    kwargs: dict[str, Any] = {
        "actor": personas.officer_a,
        "case": case,
        "searched_on": D(2025, 3, 5),
        "places": ["档案室2019年文书档案", "不动产登记信息系统", "", "耕地保护科"],
        "terms": ["娄桥街道", "征地补偿", "娄桥街道"],
        "result": "未找到所申请的补偿方案",
        "found": False,
        "today": D(2025, 3, 5),
    }
    kwargs.update(overrides)
    return actions.record_search(**kwargs)


# -- the search record ---------------------------------------------------------------------------


def test_a_search_is_recorded_with_its_places_terms_result_and_a_timeline_line(
    personas: Personas,
) -> None:
    case = online_case(personas.agency_a, RECEIVED)
    record = _search(personas, case)
    assert record.places == ["档案室2019年文书档案", "不动产登记信息系统", "耕地保护科"]
    assert record.terms == ["娄桥街道", "征地补偿"]  # blanks and repeats dropped
    assert record.searched_by == personas.officer_a
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.SEARCH_RECORDED)
    assert event.actor == personas.officer_a and event.on == D(2025, 3, 5)
    assert event.data["terms"] == "娄桥街道、征地补偿"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"places": ["", " "]}, "places"),
        ({"terms": []}, "terms"),
        ({"result": "  "}, "result"),
        ({"searched_on": D(2025, 3, 1)}, "searched_on"),  # before receipt
        ({"searched_on": D(2025, 3, 6)}, "searched_on"),  # in the future
        ({"terms": ["词" * 201]}, "terms"),
    ],
)
def test_an_incomplete_search_is_refused_by_field(
    personas: Personas, overrides: dict[str, Any], field: str
) -> None:
    case = online_case(personas.agency_a, RECEIVED)
    with pytest.raises(actions.CaseError) as caught:
        _search(personas, case, **overrides)
    assert field in caught.value.message_dict
    assert not case.searches.exists()


def test_an_oversized_search_sheet_is_refused_with_the_limits_in_the_message(
    personas: Personas,
) -> None:
    case = online_case(personas.agency_a, RECEIVED)
    too_many = [f"档案{n}" for n in range(MAX_LINES + 1)]
    too_wide = ["检" * (MAX_LINE + 1)]
    with translation.override("zh-hans"):
        for overrides, field in (({"places": too_many}, "places"), ({"terms": too_wide}, "terms")):
            with pytest.raises(actions.CaseError) as caught:
                _search(personas, case, **overrides)
            assert caught.value.message_dict == {
                field: [f"最多{MAX_LINES}行，每行不超过{MAX_LINE}个字。"]
            }
        with pytest.raises(actions.CaseError) as caught:
            _search(personas, case, result="果" * (MAX_RESULT + 1))
        assert caught.value.message_dict == {"result": [f"最多{MAX_RESULT}个字。"]}
    assert not case.searches.exists()


@pytest.mark.parametrize("name", ["officer_b", "supervisor", "applicant", "anonymous"])
def test_only_the_handling_agencys_staff_record_a_search(personas: Personas, name: str) -> None:
    case = online_case(personas.agency_a, RECEIVED)
    with pytest.raises((PermissionDenied, actions.CaseError)):
        _search(personas, case, actor=personas.named(name))
    assert not case.searches.exists()


def test_not_held_is_refused_until_a_search_is_recorded(personas: Personas) -> None:
    case = online_case(personas.agency_a, RECEIVED)
    decide: dict[str, Any] = {
        "actor": personas.officer_a,
        "outcome": "3.4.1",
        "decided_on": D(2025, 3, 6),
        "reasons": "本机关未制作该信息",
        "today": D(2025, 3, 6),
    }
    with pytest.raises(actions.CaseError) as caught:
        actions.decide(case=case, **decide)
    assert caught.value.error_dict["outcome"][0].code == "search_required"
    assert not case.decisions.exists()
    # Other outcomes need no search.
    other = online_case(personas.agency_a, RECEIVED)
    actions.decide(case=other, **{**decide, "outcome": "3.4.2"})
    _search(personas, case)
    decision = actions.decide(case=case, **decide)
    assert decision.outcome == "3.4.1"


# -- the head's reason in the 延期告知书 ----------------------------------------------------


def test_the_extension_letter_states_the_heads_written_reason(personas: Personas) -> None:
    case = online_case(personas.agency_a, RECEIVED)
    actions.extend(
        actor=personas.head_a,
        case=case,
        granted_on=D(2025, 3, 20),
        reason="需调取区档案馆2015年以前的纸质档案",
        workdays=15,
        today=D(2025, 3, 20),
    )
    letter = Letter.objects.get(case_id=case.pk, kind=LetterKind.EXTENSION)  # as the worker
    data = letter_data(letter)
    assert data.reasons == "需调取区档案馆2015年以前的纸质档案"
    from gongkai.core.letters import LetterKind as CoreKind
    from gongkai.core.letters import compose

    text = compose(CoreKind.EXTENSION, data).text
    assert "因需调取区档案馆2015年以前的纸质档案，本机关不能在规定期限" in text


# -- the forms -------------------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return re.sub(r"\s+", "", "".join(parts))


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def handled(personas: Personas) -> Case:
    """A 3.4.1 case with an assistance request, a search, an extension and a legal review."""
    type(personas.agency_a).objects.filter(pk=personas.agency_a.pk).update(
        legal_review_required=True
    )
    personas.agency_a.refresh_from_db()
    case = online_case(personas.agency_a, RECEIVED)
    actions.assign(actor=personas.officer_a, case=case, officer=personas.officer_a)
    actions.request_assistance(
        actor=personas.officer_a,
        case=case,
        unit=personas.county_a,
        due_on=D(2025, 3, 20),
        note="请协助检索征地档案",
        today=D(2025, 3, 4),
    )
    _search(personas, case)
    actions.extend(
        actor=personas.head_a,
        case=case,
        granted_on=D(2025, 3, 20),
        reason="需调取区档案馆纸质档案",
        workdays=10,
        today=D(2025, 3, 20),
    )
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.4.1",
        decided_on=D(2025, 3, 24),
        reasons="本机关未制作或获取该信息",
        today=D(2025, 3, 24),
    )
    actions.sign_legal_review(
        actor=personas.reviewer_a, case=case, on=D(2025, 3, 25), today=D(2025, 3, 25)
    )
    return case


EXPECTED: dict[str, tuple[str, ...]] = {
    forms_docs.BLANK_APPLICATION: (
        "政府信息公开申请表",
        "温州市瓯海区财政局",
        "申请人姓名或者名称",
        "所需政府信息的名称、文号或者特征性描述",
        "申请人（签名或者盖章）",
    ),
    FormKind.APPLICATION: (
        "政府信息公开申请表",
        "王小明",
        "13912345678",
        "三公",
        "互联网申请平台",
        "2025年3月3日",
    ),
    FormKind.PROCESSING: (
        "政府信息公开申请办理审批单",
        "办理过程",
        "张经办",  # officer_a's full name: who handled
        "reviewer_a",  # who reviewed
        "head_a",  # who approved the extension
        "需调取区档案馆纸质档案",
        "3.4.1",
        "2025年3月25日",
    ),
    FormKind.SEARCH: (
        "政府信息公开申请内部检索单",
        "档案室2019年文书档案",
        "不动产登记信息系统",
        "耕地保护科",
        "娄桥街道、征地补偿",
        "未找到",
        "2025年3月5日",
        "张经办",
        "第三十六条第四项",
    ),
    FormKind.LEGAL_REVIEW: (
        "政府信息公开申请法制审查联系单",
        "3.4.1",
        "第三十六条第四项",
        "本机关未制作或获取该信息",
        "reviewer_a",
        "2025年3月25日",
    ),
    FormKind.ASSISTANCE: (
        "政府信息公开申请协查联系单",
        "温州市瓯海区人民政府",
        "2025年3月20日",
        "请协助检索征地档案",
        "尚未回复",
    ),
}


@pytest.mark.parametrize("fmt", forms_docs.FORMATS)
def test_every_form_of_a_handled_case_reads_back_with_its_names_dates_terms_and_steps(
    handled: Case, fmt: str
) -> None:
    assert forms_docs.available(handled) == [
        forms_docs.BLANK_APPLICATION,
        "application",
        "processing",
        "search",
        "assistance",
        "legal_review",
    ]
    for name, expected in EXPECTED.items():
        data = forms_docs.render(handled, name, fmt, today=D(2025, 3, 26))
        text = _docx_text(data) if fmt == "docx" else _pdf_text(data)
        for phrase in (*expected, handled.number):
            if name == forms_docs.BLANK_APPLICATION and phrase == handled.number:
                assert phrase not in text  # the blank form belongs to no case
                continue
            assert re.sub(r"\s+", "", phrase) in text, (name, fmt, phrase)
    # The identity number is never printed whole on the application form.
    application = forms_docs.render(handled, "application", fmt)
    text = _docx_text(application) if fmt == "docx" else _pdf_text(application)
    assert "330304199001011234"[:14] not in text


def test_the_withdrawal_and_collection_receipts(personas: Personas) -> None:
    withdrawn = online_case(personas.agency_a, RECEIVED)
    actions.withdraw(
        actor=personas.officer_a,
        case=withdrawn,
        on=D(2025, 3, 10),
        note="申请人来电撤回",
        today=D(2025, 3, 10),
    )
    assert "withdrawal_receipt" in forms_docs.available(withdrawn)
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        text = read(forms_docs.render(withdrawn, "withdrawal_receipt", fmt))
        for phrase in ("政府信息公开申请撤回回执", "王小明", "2025年3月10日", "申请人来电撤回"):
            assert phrase in text, (fmt, phrase)

    from gongkai.publications.models import Publication

    collected = online_case(personas.agency_a, RECEIVED, delivery="in_person")
    publication = Publication.objects.create(
        agency=personas.agency_a,
        index_number="002345678/2024-00012",
        title="2024年部门预算公开",
        written_on=D(2024, 2, 1),
        published_on=D(2024, 2, 5),
        status="published",
    )
    assert "collection_receipt" not in forms_docs.available(collected)
    actions.link_publication(
        actor=personas.officer_a, case=collected, publication=publication, today=D(2025, 3, 5)
    )
    actions.decide(
        actor=personas.officer_a,
        case=collected,
        outcome="3.1",
        decided_on=D(2025, 3, 6),
        today=D(2025, 3, 6),
    )
    assert "collection_receipt" in forms_docs.available(collected)
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        text = read(forms_docs.render(collected, "collection_receipt", fmt))
        for phrase in (
            "政府信息公开答复材料自行领取回执",
            "2024年部门预算公开",
            "002345678/2024-00012",
            "领取人（签名）",
            "2025年3月6日",
        ):
            assert phrase in text, (fmt, phrase)


def test_a_form_the_case_does_not_have_is_a_key_error(personas: Personas) -> None:
    case = online_case(personas.agency_a, RECEIVED)
    for name in ("search", "legal_review", "withdrawal_receipt", "nonsense"):
        with pytest.raises(KeyError):
            forms_docs.render(case, name, "pdf")
    with pytest.raises(KeyError):
        forms_docs.render(case, "application", "exe")
