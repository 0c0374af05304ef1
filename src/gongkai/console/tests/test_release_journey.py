"""The information itself travels, in a real Chromium: a citizen applies, the officer asks for a
补正, the citizen answers it on the tracking page, the officer attaches two PDFs, redacts an ID
number (found by the suggestions) and a name in one, points at a published item, decides 部分公开
and serves online; the citizen downloads the redacted file and the letter — no trace of the
redacted data in the file, the files and the article in the letter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.cases.choices import Disclosure, LetterKind, LetterState, Status
from gongkai.cases.models import Case, Letter, ReleasedItem
from gongkai.cases.tests.factories import ID_NUMBER
from gongkai.cases.tests.pdfs import pdf_with_lines, text_of
from gongkai.conftest import Personas
from gongkai.console.tests.test_case_journey import _act, _run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSON = "钱多多"


def test_the_citizen_receives_the_redacted_file_and_the_letter_lists_it(
    personas: Personas, live_server: Any, signed_in: Any, tmp_path: Path, settings: Any
) -> None:
    from gongkai.publications.models import Publication

    settings.MEDIA_ROOT = tmp_path / "media"
    url = live_server.url
    today = timezone.localdate()
    Publication.objects.create(
        agency=personas.agency_a,
        index_number="002345678/2025-00007",
        title="瓯海区征地补偿标准",
        written_on=today - dt.timedelta(days=90),
        published_on=today - dt.timedelta(days=80),
        status="published",
    )
    citizen = signed_in(None)
    officer = signed_in(personas.officer_a)

    citizen.goto(f"{url}/apply/")
    citizen.get_by_role("link", name=personas.agency_a.name).click()
    citizen.check("[name=applicant_type][value=natural]")
    citizen.fill("[name=applicant_name]", "王小明")
    citizen.select_option("[name=id_kind]", "resident_id")
    citizen.fill("[name=id_number]", ID_NUMBER)
    citizen.fill("[name=phone]", "13912345678")
    citizen.fill("[name=description]", "娄桥街道2024年征地补偿款发放名单")
    citizen.check("[name=form_wanted][value=electronic]")
    citizen.check("[name=delivery][value=online]")
    citizen.locator("form.public button[type=submit]").click()
    citizen.locator("td.number").wait_for()
    number = citizen.locator("td.number").inner_text().strip()
    case = Case.objects.get(number=number)

    # The officer asks for a 补正; the citizen sees the items and answers on the tracking page.
    officer.goto(f"{url}/console/cases/{case.pk}/")
    _act(
        officer,
        "request_correction",
        {
            "on": today.isoformat(),
            "items": "请说明所需名单的村（社区）范围",
            "deadline": (today + dt.timedelta(days=15)).isoformat(),
        },
    )
    officer.locator('.status[data-status="awaiting_correction"]').wait_for()
    citizen.goto(f"{url}/track/")
    citizen.fill("[name=number]", number)
    citizen.fill("[name=factor]", "5678")
    citizen.locator("form.public button[type=submit]").click()
    citizen.locator("section.correction").wait_for()
    assert "请说明所需名单的村（社区）范围" in citizen.locator("ol.correction-items").inner_text()
    citizen.fill("[name=text]", "范围为娄桥街道各社区。")
    citizen.locator("section.correction button[type=submit]").click()
    citizen.locator("ol.timeline").wait_for()
    assert Case.objects.get(pk=case.pk).status == Status.OPEN

    # Two PDFs attached to the reply; one redacted (the suggested ID number, and a name).
    names = {"名单.pdf": [f"申请人：{PERSON} 身份证号{ID_NUMBER}", "补偿款：12000元"]}
    names["标准.pdf"] = ["补偿标准：每亩30000元"]
    officer.goto(f"{url}/console/cases/{case.pk}/")
    for name, lines in names.items():
        path = tmp_path / name
        path.write_bytes(pdf_with_lines(lines))
        form = officer.locator("form[action$='/released/add/']")
        form.locator("[name=file]").set_input_files(str(path))
        form.locator("button[type=submit]").click()
        officer.locator("table.released").wait_for()
    officer.fill("[name=index_number]", "002345678/2025-00007")
    officer.locator("form[action$='/released/link/'] button[type=submit]").click()
    officer.locator('tr.released-item[data-disclosure="published"]').wait_for()
    listed = ReleasedItem.objects.get(case=case, name="名单")
    officer.goto(f"{url}/console/cases/{case.pk}/released/{listed.pk}/redact/")
    officer.locator(f'label:has-text("{ID_NUMBER}") input').check()
    officer.fill("[name=terms]", PERSON)
    officer.locator("form.case-form button[type=submit]").click()
    officer.locator('tr.released-item[data-disclosure="redacted"]').wait_for()

    _act(
        officer,
        "decide",
        {"reasons": "名单中的姓名和身份证号码属于个人隐私，依法不予公开。"},
        {"outcome": "3.2"},
    )
    officer.locator('.status[data-status="decided"]').wait_for()
    _run_worker()
    reply = Letter.objects.get(case=case, kind=LetterKind.REPLY)
    assert reply.state == LetterState.READY, reply.error
    officer.reload()
    _act(officer, "serve", {"served_on": today.isoformat()}, {"method": "online"})
    officer.locator('.status[data-status="served"]').wait_for()

    # The citizen downloads the redacted file and the letter from the tracking page.
    citizen.goto(f"{url}/track/{case.pk}/")
    with citizen.expect_download() as download:
        citizen.locator("ul.released a", has_text="名单").click()
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    text = text_of(saved.read_bytes())
    assert ID_NUMBER not in text and PERSON not in text and "补偿款" in text
    assert ReleasedItem.objects.get(pk=listed.pk).disclosure == Disclosure.REDACTED
    with citizen.expect_download() as letter:
        citizen.locator("ul.letters a", has_text=reply.number).click()
    letter_path = tmp_path / "reply.pdf"
    letter.value.save_as(letter_path)
    body = "".join(text_of(letter_path.read_bytes()).split())
    assert "《名单》" in body and "《标准》" in body and "002345678/2025-00007" in body
    assert "经区分处理后提供" in body and "第十五条" in body
