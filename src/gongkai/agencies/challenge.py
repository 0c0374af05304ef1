"""A proof-of-work for anonymous submissions (applications, public accounts): ALTCHA's protocol.

The server hands out a signed challenge (``issue``: the API's ``GET /api/challenge``, which the
form's own script also calls); the client searches the counter whose key (``ITERATIONS`` rounds
of SHA-256 over salt, nonce and counter) starts with the signed prefix; ``check`` verifies the
signature, the expiry and the key, then counts the solution as used in the database
(``throttle.CHALLENGE_USED``), so one solution is good for one submission across every server
process. Nothing leaves the site: no third-party service, it works offline.

The work: the counter is drawn at random below ``2 × GONGKAI_CHALLENGE_COST``, so a solver tries
on average ``GONGKAI_CHALLENGE_COST`` counters of ``ITERATIONS`` hashes each; checking costs the
server one counter. ``solve`` is the same search in Python, for API clients and the tests.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from typing import Any, Literal

import altcha
from django.conf import settings

from gongkai.agencies import throttle

ALGORITHM = "SHA-256"  # plain SHA-256: browsers without WebCrypto (plain-HTTP intranets) can too
ITERATIONS = 1000  # hashes per counter tried
LIFETIME_SECONDS = 2 * 3600  # a person may take long over a form; replays are kept 3 h
MAX_PAYLOAD = 4000  # characters of a base64 solution: far more than a real one needs

Reason = Literal["missing", "invalid", "expired", "used"]


class ChallengeFailed(Exception):
    """No valid, unused solution: ``reason`` says which (each interface words it)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason


def _secret() -> bytes:
    # Derived from SECRET_KEY: every server process signs and checks alike.
    return hmac.new(settings.SECRET_KEY.encode(), b"gongkai challenge", hashlib.sha256).digest()


def issue() -> dict[str, Any]:
    """A new signed challenge, as ALTCHA's JSON: ``{"parameters": {...}, "signature": ...}``."""
    most = 2 * int(settings.GONGKAI_CHALLENGE_COST)
    challenge = altcha.create_challenge(
        ALGORITHM,
        ITERATIONS,
        counter=secrets.randbelow(most),
        expires_at=int(time.time()) + LIFETIME_SECONDS,
        data={"max": most},
        hmac_secret=_secret(),
    )
    return dict(challenge.to_dict())


def check(payload: str | None) -> None:
    """Accept one solution (base64 JSON of challenge and solution) once, or raise."""
    if not payload or not payload.strip():
        raise ChallengeFailed("missing")
    if len(payload) > MAX_PAYLOAD:
        raise ChallengeFailed("invalid")
    try:
        result = altcha.verify_solution(payload.strip(), _secret())
        signature = json.loads(base64.b64decode(payload.strip()))["challenge"]["signature"]
    except (ValueError, KeyError, TypeError, binascii.Error, RecursionError):
        raise ChallengeFailed("invalid") from None
    if result.expired:
        raise ChallengeFailed("expired")
    if not result.verified or not isinstance(signature, str):
        raise ChallengeFailed("invalid")
    try:
        with throttle.admit((throttle.CHALLENGE_USED,), key=signature):
            pass
    except throttle.Refused:
        raise ChallengeFailed("used") from None


def solve(challenge: Mapping[str, Any], timeout: float = 120.0) -> str:
    """The solution of an issued challenge, as the payload ``check`` takes (for API clients)."""
    parsed = altcha.Challenge.from_dict(dict(challenge))
    solution = altcha.solve_challenge(parsed, timeout=timeout)
    if solution is None:
        raise TimeoutError("no solution found in time")
    return str(altcha.Payload(parsed, solution).to_base64())
