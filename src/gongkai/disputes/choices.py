"""Kinds, stages and outcomes of 行政复议 / 行政诉讼 as data.

The codes of ``Kind`` and ``Outcome`` are the keys of the annual report's section 四
(``gongkai/annual-report@1``: ``review`` / ``litigation_direct`` / ``litigation_after_review``;
``upheld`` / ``corrected`` / ``other`` / ``pending``); the printed labels of the report are the
official ones in ``core/report/formats.py``, the labels here are UI text.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies import lifecycle


class Kind(models.TextChoices):
    """The three groups of section 四 (annual-report.md)."""

    REVIEW = "review", _("Administrative review")
    LITIGATION_DIRECT = "litigation_direct", _("Litigation without prior review")
    LITIGATION_AFTER_REVIEW = "litigation_after_review", _("Litigation after review")


LITIGATION = frozenset({Kind.LITIGATION_DIRECT, Kind.LITIGATION_AFTER_REVIEW})


class Stage(models.TextChoices):
    FILED = "filed", _("Filed")
    ACCEPTED = "accepted", _("Accepted, under way")
    DECIDED = "decided", _("Decided")


class Outcome(models.TextChoices):
    """Section 四's columns: 结果维持 / 结果纠正 / 其他结果 / 尚未审结."""

    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result (withdrawn, dismissed, ended)")
    PENDING = "pending", _("Pending")


DECIDED_OUTCOMES = frozenset({Outcome.UPHELD, Outcome.CORRECTED, Outcome.OTHER})


class DocumentKind(models.TextChoices):
    """What a dispute's document is (the evidence pack lists them in this order)."""

    COPY = "copy", _("Copy of the application or complaint")
    REPLY = "reply", _("Reply or defence")
    EVIDENCE = "evidence", _("Evidence submitted")
    DECISION = "decision", _("Decision or judgment")
    OTHER = "other", _("Other document")


class EventKind(lifecycle.EventKind):
    """What happened on a dispute's timeline; the label is the staff wording."""

    FILED = "filed", _("Filed")
    STAGE = "stage", _("Stage changed")
    DECIDED = "decided", _("Decided")
    DOCUMENT = "document", _("Document added")
    COPY_RECEIVED = "copy_received", _("Copy received")
    REPLIED = "replied", _("Reply submitted")
    LINKED = "linked", _("Linked to its application")


# A dispute is the agency's record: neither the applicant nor the public reads its timeline.
EventKind.PUBLIC = {}
