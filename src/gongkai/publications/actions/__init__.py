"""Every change to the catalog: one function each, the only writers of these models.

Each action takes a keyword-only ``actor``, checks ``transitions.TABLE`` (status, right and the
law's guard) or the right in ``access.py``, runs in one transaction, applies the table's target
and appends an immutable ``PublicationEvent`` through ``lifecycle.record_event``.

By stage: ``drafting`` (draft, edit, attach, submit), ``review`` (sign off, send back),
``publishing`` (publish, withdraw, supersede, validity), ``catalog`` (vocabularies, the standard
catalog, filing), ``figures`` (条例第二十条) and ``importing`` (items published elsewhere).
"""

from gongkai.publications.actions.catalog import (
    add_domain,
    add_term,
    file_under,
    import_catalog,
    save_catalog_item,
    update_catalog_item,
)
from gongkai.publications.actions.drafting import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EDITABLE_FIELDS,
    add_attachment,
    body_text,
    create_draft,
    extract_text,
    next_index_number,
    sanitise,
    submit,
    update_draft,
)
from gongkai.publications.actions.figures import (
    FIGURE_FIELDS,
    figure_field,
    import_figures,
    parse_figure,
    record_figures,
)
from gongkai.publications.actions.importing import IMPORT_FIELDS, IMPORT_HEADERS, import_published
from gongkai.publications.actions.publishing import change_validity, publish, supersede, withdraw
from gongkai.publications.actions.review import send_back, sign_off

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "EDITABLE_FIELDS",
    "FIGURE_FIELDS",
    "IMPORT_FIELDS",
    "IMPORT_HEADERS",
    "add_attachment",
    "add_domain",
    "add_term",
    "body_text",
    "change_validity",
    "create_draft",
    "extract_text",
    "figure_field",
    "file_under",
    "import_catalog",
    "import_figures",
    "import_published",
    "next_index_number",
    "parse_figure",
    "publish",
    "record_figures",
    "sanitise",
    "save_catalog_item",
    "send_back",
    "sign_off",
    "submit",
    "supersede",
    "update_catalog_item",
    "update_draft",
    "withdraw",
]
