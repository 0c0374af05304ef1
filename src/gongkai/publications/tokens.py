"""Chinese search tokens: unigrams and bigrams of every run of Han characters, words otherwise.

Pure Python (no Django): the same function fills the index and turns a query into tokens, on
SQLite (FTS5) and on PostgreSQL (tsvector) alike. Bigrams find any run of two or more
characters as the conjunction of its bigrams; unigrams find one-character queries (``税``),
which a trigram index alone cannot.
"""

from __future__ import annotations

import re
import unicodedata

# Han ideographs (basic block, extension A, compatibility) and everything else that is a word.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")
_IS_HAN = re.compile(rf"[{_HAN}]")


def _runs(text: str) -> list[str]:
    # NFKC: full-width letters and digits (ＡＢＣ１２３) become ASCII, as people type them.
    return _RUN.findall(unicodedata.normalize("NFKC", text).lower())


def index_tokens(text: str) -> list[str]:
    """Every token of ``text`` for the index: each Han character and each adjacent pair."""
    out: list[str] = []
    for run in _runs(text):
        if _IS_HAN.match(run):
            out.extend(run)
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


def query_tokens(query: str) -> list[str]:
    """The tokens every match must contain: a lone character, or the bigrams of a longer run."""
    out: list[str] = []
    for run in _runs(query):
        if _IS_HAN.match(run) and len(run) > 1:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return list(dict.fromkeys(out))  # unique, in order


def query_phrases(query: str) -> list[str]:
    """Runs of three or more Han characters, as the stored tokens hold them in order.

    ``index_tokens`` writes each run's bigrams one after the other, so a run of the query
    occurs in the text exactly when its bigrams, joined by spaces, occur in the stored tokens
    between spaces (a unigram or another word always separates two runs' bigrams). Two-character
    runs need no check: their one bigram is the token itself.
    """
    out: list[str] = []
    for run in _runs(query):
        if _IS_HAN.match(run) and len(run) > 2:
            out.append(" ".join(run[i : i + 2] for i in range(len(run) - 1)))
    return list(dict.fromkeys(out))


def query_terms(query: str) -> list[str]:
    """What to highlight: the query's runs as typed (after normalising)."""
    return _runs(query)
