"""Bearer tokens for the staff API, without a table: signed, carrying the user id.

The API checks them (``api/cases.py``) and ``gongkai api-token USERNAME`` issues them: both
interfaces use this one module of the domain.

A token is ``django.core.signing.dumps({"u": user id, "p": fingerprint}, salt="gongkai-api")``.
It is valid for ``GONGKAI_API_TOKEN_DAYS`` days (default 365) from its issue, while the user is
active, and until the user's password changes (the fingerprint is an HMAC of the password hash,
as Django's password-reset tokens do): to revoke every token of a user, set a new password (or
deactivate the account); to revoke all tokens, rotate ``SECRET_KEY``.

What a token may read is what its user may read as staff (``cases.access.cases_for_staff``); it
grants nothing else.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from gongkai.agencies.models import User

SALT = "gongkai-api"
DEFAULT_DAYS = 365


def max_age_seconds() -> int:
    return int(getattr(settings, "GONGKAI_API_TOKEN_DAYS", DEFAULT_DAYS)) * 24 * 3600


def _fingerprint(user: User) -> str:
    return salted_hmac(SALT, f"{user.pk}:{user.password}", algorithm="sha256").hexdigest()[:20]


def issue(user: User) -> str:
    return signing.dumps({"u": user.pk, "p": _fingerprint(user)}, salt=SALT)


def user_for(token: str) -> User | None:
    """The active user a valid, unexpired token was issued to; None for anything else."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if user is None or not hmac.compare_digest(str(data.get("p", "")), _fingerprint(user)):
        return None
    return user
