"""The staff console for disclosure applications: inbox, register, case page, one form per action.

Views parse, call one action from ``gongkai.cases.actions``, then render or redirect. Every case
is fetched through ``access.get_case_for_staff`` (404 for anyone who may not know it exists, the
anonymous visitor included); the buttons on the case page are exactly ``transitions.allowed``;
the applicant's identity number, phone, e-mail and address are shown whole only where
``access.applicant_contact`` says so, and are masked in every list and export.

Modules: ``listing`` (the inbox), ``export`` (CSV, XLSX), ``registration`` (paper, e-mail and
fax applications), ``page`` (the case page, its letters and files), ``forms`` and ``steps`` (one
form per action and the view that runs it), ``labels`` (plain-language labels), ``released``
(what the reply provides, 区分处理), ``_common``.
"""

from gongkai.console.cases._common import PAGE_SIZE
from gongkai.console.cases.export import export_csv, export_rows, export_xlsx
from gongkai.console.cases.labels import event_label, outcome_label, status_label, timeline_entry
from gongkai.console.cases.listing import filtered_cases, inbox
from gongkai.console.cases.page import attach, attachment_file, case_page, form_file, letter_file
from gongkai.console.cases.registration import register
from gongkai.console.cases.steps import STEPS, act

__all__ = [
    "PAGE_SIZE",
    "STEPS",
    "act",
    "attach",
    "attachment_file",
    "case_page",
    "event_label",
    "export_csv",
    "export_rows",
    "export_xlsx",
    "filtered_cases",
    "form_file",
    "inbox",
    "letter_file",
    "outcome_label",
    "register",
    "status_label",
    "timeline_entry",
]
