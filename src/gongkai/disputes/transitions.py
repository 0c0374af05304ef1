"""A dispute's stages as one table: filed → accepted → decided (行政复议 / 行政诉讼).

The respondent agency's staff with ``HANDLE_CASES`` record each step. A decision is final: no
step leads out of ``decided`` but adding a document. ``actions`` check this table and apply its
target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.agencies.access import Capability
from gongkai.agencies.lifecycle import Transition, TransitionTable
from gongkai.disputes.choices import EventKind, Stage

if TYPE_CHECKING:
    from gongkai.disputes.models import Dispute

C = Capability
S = Stage
UNDECIDED = frozenset({S.FILED, S.ACCEPTED})

TABLE: TransitionTable[Dispute] = TransitionTable(
    transitions=[
        # 受理 / 立案, or a step short of a decision recorded again.
        Transition(
            action="accept",
            label=S.ACCEPTED.label,
            sources=UNDECIDED,
            capability=C.HANDLE_CASES,
            target=S.ACCEPTED,
        ),
        Transition(
            action="mark_filed",
            label=S.FILED.label,
            sources=UNDECIDED,
            capability=C.HANDLE_CASES,
            target=S.FILED,
        ),
        # 复议决定 / 判决 with its outcome (维持, 纠正, 其他).
        Transition(
            action="decide",
            label=EventKind.DECIDED.label,
            sources=UNDECIDED,
            capability=C.HANDLE_CASES,
            target=S.DECIDED,
        ),
        # 收到申请书副本 / 起诉状副本: starts the respondent's clock (core/disputes_deadlines.py).
        Transition(
            action="receive_copy",
            label=EventKind.COPY_RECEIVED.label,
            sources=UNDECIDED,
            capability=C.HANDLE_CASES,
        ),
        # 答复 (行政复议法第四十八条) / 答辩 (行政诉讼法第六十七条) submitted.
        Transition(
            action="reply",
            label=EventKind.REPLIED.label,
            sources=UNDECIDED,
            capability=C.HANDLE_CASES,
            guard=lambda dispute, _today: dispute.copy_received_on is not None,
        ),
        # A dispute recorded without its application names it later (any stage).
        Transition(
            action="link",
            label=EventKind.LINKED.label,
            sources=frozenset(S.values),
            capability=C.HANDLE_CASES,
            guard=lambda dispute, _today: dispute.case_id is None,
        ),
        Transition(
            action="attach",
            label=EventKind.DOCUMENT.label,
            sources=frozenset(S.values),
            capability=C.HANDLE_CASES,
        ),
    ],
    agency_of=lambda dispute: dispute.agency,
    status_field="stage",
    status_label=lambda dispute: dispute.get_stage_display(),
)

# The action that moves a dispute to each stage short of a decision (``actions.set_stage``).
STAGE_ACTIONS = {S.ACCEPTED: "accept", S.FILED: "mark_filed"}
