"""The evidence pack carries the 内部检索单 where one was recorded (条例第三十六条第四项)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pypdf
import pytest
from django.urls import reverse

from gongkai.cases.models import SearchRecord
from gongkai.conftest import Personas
from gongkai.disputes.models import Dispute
from gongkai.disputes.tests.test_console_disputes import _client, _concluded, _post_new

pytestmark = pytest.mark.django_db


def _pack(personas: Personas, dispute: Dispute) -> zipfile.ZipFile:
    response = _client(personas.officer_a).get(
        reverse("console:disputes:evidence", args=[dispute.pk])
    )
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_search_sheet_is_in_section_two_of_the_pack_only_when_recorded(
    personas: Personas,
) -> None:
    case = _concluded(personas)
    _post_new(_client(personas.officer_a), case)
    dispute = Dispute.objects.get(case=case)
    assert not any("内部检索单" in n for n in _pack(personas, dispute).namelist())
    assert case.received_on is not None
    SearchRecord.objects.create(
        case=case,
        searched_on=case.received_on + dt.timedelta(days=2),
        searched_by=personas.officer_a,
        places=["区档案馆", "OA收发文系统"],
        terms=["拆迁补偿协议"],
        result="未找到",
    )
    archive = _pack(personas, dispute)
    [name] = [n for n in archive.namelist() if "内部检索单" in n]
    assert name.startswith("2-")
    reader = pypdf.PdfReader(io.BytesIO(archive.read(name)))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert "区档案馆" in text and "OA收发文系统" in text and "拆迁补偿协议" in text
    index = pypdf.PdfReader(io.BytesIO(archive.read("00-目录.pdf")))
    assert "内部检索单" in re.sub(r"\s+", "", "".join(p.extract_text() for p in index.pages))
