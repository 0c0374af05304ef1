"""Codes people read aloud, copy by hand and type: Crockford's base32.

One alphabet for the status lookup code on an applicant's receipt and the staff's two-factor
recovery codes: digits and capital letters without I, L, O and U, so that nothing is told apart
by case or by shape. Reading folds what a person may type instead: full-width forms, any case,
spaces and dashes ignored, ``I``/``L`` read as ``1`` and ``O`` as ``0``. Ten characters carry 50
bits; they are shown in two groups, ``XXXXX-XXXXX``.
"""

from __future__ import annotations

import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: 5 bits a character
LENGTH = 10  # 50 bits
_FOLD = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = str.maketrans("", "", " -_\u00a0\u3000")


def new_code(length: int = LENGTH) -> str:
    """A random code, bare (no dash): what is stored or hashed."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def grouped(code: str) -> str:
    """How a code is shown: ``ABCDE-FGHJK``."""
    half = (len(code) + 1) // 2
    return f"{code[:half]}-{code[half:]}"


def read(typed: str) -> str:
    """What a person typed, folded to the bare code it means (not checked against anything)."""
    # NFKC first: a Chinese input method may type full-width letters and digits.
    return unicodedata.normalize("NFKC", typed).upper().translate(_SEPARATORS).translate(_FOLD)


def looks_like_code(typed: str, length: int = LENGTH) -> bool:
    folded = read(typed)
    return len(folded) == length and all(c in ALPHABET for c in folded)
