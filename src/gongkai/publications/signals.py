"""Hooks of the catalog other layers register with.

``written_in_bulk`` is sent (``sender`` the model class, ``count`` the rows) by an action that
writes rows with ``bulk_create`` or ``QuerySet.update``, which send no ``post_save``: the public
site's page cache (``portal/pagecache.py``) listens, so an import is not hidden behind pages
cached before it. Sent inside the action's transaction, like ``post_save``.
"""

from __future__ import annotations

from django.dispatch import Signal

written_in_bulk = Signal()
