"""The catalog of proactively disclosed information (catalog.md); ``actions.py`` writes it."""

from gongkai.publications.models.catalog import CatalogItem, Domain
from gongkai.publications.models.figures import Article20Figures
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

__all__ = [
    "Article20Figures",
    "Attachment",
    "CatalogItem",
    "Domain",
    "Genre",
    "IndexCounter",
    "Publication",
    "PublicationEvent",
    "ReviewSignoff",
    "SearchDocument",
    "Topic",
]
