"""How alike two requests are (a repeated application, 条例第三十六条第六项).

Chinese text has no spaces between words, so the measure is the Jaccard index of the texts'
character bigrams after normalisation (full-width forms folded, case folded, punctuation and
spaces dropped): "请公开2024年征地补偿方案" and "申请公开 2024 年征地补偿方案。" share most of
their bigrams; two requests about different things share few. The figure only flags: an
officer decides whether an application repeats another (never the platform).
"""

from __future__ import annotations

import unicodedata

DEFAULT_THRESHOLD = 0.6


def normalise(text: str) -> str:
    """Letters and digits only (any script), NFKC-folded and lower-cased."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of the normalised text (a single character stands for itself)."""
    flat = normalise(text)
    if len(flat) < 2:
        return frozenset({flat} if flat else ())
    return frozenset(flat[i : i + 2] for i in range(len(flat) - 1))


def similarity(a: str, b: str) -> float:
    """Jaccard index of the bigram sets, 0.0 (nothing shared, or an empty text) to 1.0."""
    left, right = bigrams(a), bigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def similar(a: str, b: str, threshold: float = DEFAULT_THRESHOLD) -> bool:
    return similarity(a, b) >= threshold
