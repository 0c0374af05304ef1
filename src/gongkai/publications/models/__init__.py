"""The catalog of proactively disclosed information (catalog.md); ``actions.py`` writes it."""

from gongkai.publications.models.catalog import CatalogItem, Domain
from gongkai.publications.models.figures import Article20Figures
from gongkai.publications.models.gazette import GazetteEntry, GazetteEvent, GazetteIssue
from gongkai.publications.models.items import (
    Attachment,
    Genre,
    IndexCounter,
    Publication,
    PublicationEvent,
    ReviewSignoff,
    SearchDocument,
    Topic,
)
from gongkai.publications.models.participation import (
    Consultation,
    ConsultationAttachment,
    ConsultationComment,
    ConsultationEvent,
)

__all__ = [
    "Article20Figures",
    "Attachment",
    "CatalogItem",
    "Consultation",
    "ConsultationAttachment",
    "ConsultationComment",
    "ConsultationEvent",
    "Domain",
    "GazetteEntry",
    "GazetteEvent",
    "GazetteIssue",
    "Genre",
    "IndexCounter",
    "Publication",
    "PublicationEvent",
    "ReviewSignoff",
    "SearchDocument",
    "Topic",
]
