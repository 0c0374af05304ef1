"""Identity numbers at rest: encrypted (Fernet, its own key) and findable by a keyed hash.

The full value is decrypted only for officers of the handling agency (``access.py`` decides);
everything else shows ``core.ids.mask_id_number``. The keyed hash (HMAC-SHA256 under the same
key) lets the office count one applicant's applications in a month (109号 fee bands) and spot
repeated applications without decrypting anything.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@cache
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode("ascii"))


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _fernet(settings.GONGKAI_FIELD_KEY).encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(settings.GONGKAI_FIELD_KEY).decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("identity number cannot be decrypted: wrong GONGKAI_FIELD_KEY?") from exc


def lookup_hash(value: str) -> str:
    if not value:
        return ""
    key = settings.GONGKAI_FIELD_KEY.encode("ascii")
    return hmac.new(key, value.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()
