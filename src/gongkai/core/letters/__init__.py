"""Letters (文书) on disclosure applications, as DOCX and PDF (statute.md §6).

Three steps, all pure (no Django, no database, no clock)::

    letter = compose(LetterKind.REPLY, LetterData(agency=…, issue_date=…, outcome="3.3.1", …))
    render_docx(letter)             # bytes of a .docx, from the kind's default template
    render_docx(letter, uploaded)   # … or from an agency's own template
    render_pdf(letter)              # bytes of an A4 PDF

``compose`` raises ``LetterDataError`` (a ``ValueError`` whose ``field`` names the missing
field) when the kind needs something ``LetterData`` lacks. Replies cite the articles of
``core/outcomes.py``; every decision letter states the remedy (行政复议 within 60 days to the
agency's reconsideration body, or 行政诉讼 within 6 months). Layout: GB/T 9704-2012 (A4,
margins 37/35/28/26 mm, 2号 小标宋 title, 3号 仿宋 body at 22 lines of 28 characters).

Writing your own DOCX template
------------------------------

A template is a Word file with docxtpl (Jinja) tags; ``check_template(bytes)`` lists what is
wrong with one (not a DOCX, a tag that does not parse, an unknown variable, a failing render).
It is rendered in Jinja's sandbox with autoescaping. The variables:

==============  ================================================================================
``title``       文书标题, e.g. 政府信息公开申请答复书
``kind``        the kind's code (``reply``, ``receipt``, … — ``LetterKind``)
``number``      文号, e.g. 瓯政公开〔2025〕12号, or empty
``addressee``   主送 line with its colon: 张三：
``body``        the list of body paragraphs in order (text, remedy, closing): loop over it
``paragraphs``  the body paragraphs without remedy and closing
``remedy``      the 行政复议 / 行政诉讼 clause (decision letters), or empty
``closing``     特此告知。 / 特此答复。 …
``signature``   发文机关署名 (the agency's name)
``date``        成文日期: 2025年9月26日
``note``        附注: （联系人：…；联系电话：…）, or empty
``case_number`` 申请编号
``outcome``     outcome code of a reply or 不予处理告知书 (3.1 … 3.6.3), or empty
``seal``        the seal as a floating picture centred over signature and date, or empty:
                put it in a run of its own in the signature's paragraph
``seal_inline`` the seal as an inline picture, for a template that places it itself
==============  ================================================================================

The default template (``templates/letter.docx``, written by ``scripts/make_letter_templates.py``
at the repo's top) is the simplest example: a paragraph ``{%p for paragraph in body %}``, a
paragraph ``{{ paragraph }}`` and a paragraph ``{%p endfor %}`` print the body;
``{%p if note %}`` … ``{%p endif %}`` drops the 附注 when there is none; ``{{ seal }}`` sits in
its own run before the signature.
"""

from gongkai.core.letters.content import compose
from gongkai.core.letters.data import (
    CHANNEL_WORDING,
    FEE_STANDARDS,
    FeeBasis,
    Letter,
    LetterData,
    LetterDataError,
    Released,
)
from gongkai.core.letters.docx import (
    CONTEXT_VARIABLES,
    TemplateProblem,
    check_template,
    default_template,
    render_docx,
    render_form_docx,
)
from gongkai.core.letters.forms import FORM_TITLES, Form, FormKind
from gongkai.core.letters.kinds import (
    DECISION_KINDS,
    KINDS,
    TITLES,
    KindInfo,
    LetterKind,
    kind_for_outcome,
    outcomes_for,
)
from gongkai.core.letters.pdf import render_form_pdf, render_pdf
from gongkai.core.letters.wording import REQUIRED, cite

__all__ = [
    "CHANNEL_WORDING",
    "CONTEXT_VARIABLES",
    "DECISION_KINDS",
    "FEE_STANDARDS",
    "FORM_TITLES",
    "KINDS",
    "REQUIRED",
    "TITLES",
    "FeeBasis",
    "Form",
    "FormKind",
    "KindInfo",
    "Letter",
    "LetterData",
    "LetterDataError",
    "LetterKind",
    "Released",
    "TemplateProblem",
    "check_template",
    "cite",
    "compose",
    "default_template",
    "kind_for_outcome",
    "outcomes_for",
    "render_docx",
    "render_form_docx",
    "render_form_pdf",
    "render_pdf",
]
