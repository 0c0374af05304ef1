"""An attachment's text is read before the write transaction (it can take seconds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from gongkai.conftest import Personas
from gongkai.publications.actions import drafting
from gongkai.publications.tests.factories import draft


@pytest.mark.django_db(transaction=True)
def test_an_attachments_text_is_read_with_no_transaction_open(
    personas: Personas, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.MEDIA_ROOT = tmp_path
    real = drafting.extract_text

    def outside(name: str, content: bytes) -> str:
        assert not connection.in_atomic_block
        return real(name, content)

    monkeypatch.setattr(drafting, "extract_text", outside)
    item = draft(personas.officer_a, personas.agency_a, title="通知")
    attachment = drafting.add_attachment(
        actor=personas.officer_a, publication=item, name="附件.txt", content="补偿标准".encode()
    )
    assert attachment.text == "补偿标准"
