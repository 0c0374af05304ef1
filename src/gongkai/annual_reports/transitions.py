"""The annual report's life cycle as one table: draft → reviewed → published.

条例第五十条: the report is published by 31 January (a department) or 31 March (a government);
what is published must be what was reviewed, so any edit of a reviewed report (its text, or
numbers that changed on recompute) takes it back to draft, and a published report is frozen
(no step leads out of ``published``). ``EDIT_REPORTS`` drafts, ``REVIEW_REPORTS`` marks
reviewed, ``PUBLISH_REPORTS`` publishes. ``actions`` check this table and apply its target;
the console shows ``allowed()`` as buttons.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.access import Capability
from gongkai.agencies.lifecycle import Transition, TransitionTable
from gongkai.annual_reports.choices import Source, Status

if TYPE_CHECKING:
    from gongkai.annual_reports.models import AnnualReport

C = Capability
S = Status
UNPUBLISHED = frozenset({S.DRAFT, S.REVIEWED})


def _computed(report: AnnualReport, today: dt.date) -> bool:
    # An imported report (last year's, read back) is the published text: never recomputed.
    return report.source == Source.COMPUTED


TABLE: TransitionTable[AnnualReport] = TransitionTable(
    transitions=[
        # Edit a prose section; a reviewed report goes back to draft.
        Transition(
            action="edit",
            label=_("Edit this section"),
            sources=UNPUBLISHED,
            capability=C.EDIT_REPORTS,
            target=S.DRAFT,
            guard=_computed,
        ),
        # Count again; only numbers that changed take it back to draft (the ``edit`` target).
        Transition(
            action="recompute",
            label=_("Recompute from the records"),
            sources=UNPUBLISHED,
            capability=C.EDIT_REPORTS,
            guard=_computed,
            needs_form=False,
        ),
        Transition(
            action="review",
            label=_("Mark reviewed"),
            sources=frozenset({S.DRAFT}),
            capability=C.REVIEW_REPORTS,
            target=S.REVIEWED,
            needs_form=False,
        ),
        Transition(
            action="publish",
            label=_("Publish"),
            sources=frozenset({S.REVIEWED}),
            capability=C.PUBLISH_REPORTS,
            target=S.PUBLISHED,
            needs_form=False,
        ),
    ],
    agency_of=lambda report: report.agency,
    status_label=lambda report: report.get_status_display(),
)
