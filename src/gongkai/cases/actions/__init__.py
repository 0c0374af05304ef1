"""Every change to a disclosure application: one function each, the only writers of cases.

Each action takes a keyword-only ``actor``, asks the transition table (``transitions.TABLE``:
status, right, the law's guard) for its transition, runs in one transaction, applies the
table's target status, appends an immutable ``CaseEvent`` through ``lifecycle.record_event``
(who, when, what, status before/after), recomputes the clock, and schedules letters and
notifications after the commit. Bad input raises ``CaseError`` (a ``ValidationError``, with the
field when there is one) before anything is written; a step the table refuses now raises
``CaseTransitionRefused`` (a ``CaseError`` and a ``lifecycle.TransitionRefused``).

By stage: ``intake`` (arrival, receipt, assignment, 协办, splits), ``correction`` (补正),
``consultation`` (征求意见), ``deadline`` (extension, 第三十五条, calendar changes), ``fees``,
``decision`` (decision, legal review, withdrawal), ``service`` (service, reopening),
``attachments`` (files, letter templates), ``release`` (what the decision
provides); ``_common`` holds what they share.
"""

from gongkai.cases.actions._common import (
    CaseError,
    CaseTransitionRefused,
    issue_letter,
    tracking_number,
)
from gongkai.cases.actions.attachments import (
    ATTACHMENT_SUFFIXES,
    ATTACHMENT_TYPES,
    DOCX_TYPE,
    add_attachment,
    check_upload,
    remove_letter_template,
    upload_letter_template,
)
from gongkai.cases.actions.consultation import consult, notify_third_party, record_consultation
from gongkai.cases.actions.correction import (
    answer_correction,
    close_correction_lapsed,
    record_correction,
    request_correction,
)
from gongkai.cases.actions.deadline import (
    extend,
    recompute_deadlines,
    request_reasons,
    set_office_date,
)
from gongkai.cases.actions.decision import decide, sign_legal_review, withdraw
from gongkai.cases.actions.fees import (
    applications_in_month,
    close_fee_unpaid,
    fee_notice,
    record_payment,
)
from gongkai.cases.actions.intake import (
    APPLICANT_FIELDS,
    assign,
    check_lookup_secret,
    clean_application,
    confirm_receipt,
    issue_receipt,
    record_assistance,
    register,
    request_assistance,
    split,
    submit_online,
)
from gongkai.cases.actions.proactive import propose_for_publication
from gongkai.cases.actions.release import (
    add_released_file,
    link_publication,
    record_download,
    redact_item,
    released_facts,
    remove_released,
)
from gongkai.cases.actions.search import record_search
from gongkai.cases.actions.service import delivered_by_download, reopen, serve

__all__ = [
    "APPLICANT_FIELDS",
    "ATTACHMENT_SUFFIXES",
    "ATTACHMENT_TYPES",
    "DOCX_TYPE",
    "CaseError",
    "CaseTransitionRefused",
    "add_attachment",
    "add_released_file",
    "answer_correction",
    "applications_in_month",
    "assign",
    "check_lookup_secret",
    "check_upload",
    "clean_application",
    "close_correction_lapsed",
    "close_fee_unpaid",
    "confirm_receipt",
    "consult",
    "decide",
    "delivered_by_download",
    "extend",
    "fee_notice",
    "issue_letter",
    "issue_receipt",
    "link_publication",
    "notify_third_party",
    "propose_for_publication",
    "recompute_deadlines",
    "record_assistance",
    "record_consultation",
    "record_correction",
    "record_download",
    "record_payment",
    "record_search",
    "redact_item",
    "register",
    "released_facts",
    "remove_letter_template",
    "remove_released",
    "reopen",
    "request_assistance",
    "request_correction",
    "request_reasons",
    "serve",
    "set_office_date",
    "sign_legal_review",
    "split",
    "submit_online",
    "tracking_number",
    "upload_letter_template",
    "withdraw",
]
