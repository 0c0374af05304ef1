"""第四十四条 while an application is written: published items that may already answer it.

条例第四十四条 and 第三十六条第二项: information already published need not be applied for (the
reply would point at it). While a citizen describes the information wanted (the form and the
API), the catalog's own search (``publications.search.ranked_ids``, every token of a query must
match) is asked for a few short phrases taken from the description — a whole description is too
long for an all-tokens search to match anything. The phrases are the description's Han runs with
the words every request shares removed (请公开, 信息, 关于 …), cut into windows of four
characters (every start); an item matching more phrases ranks first, then the search's own order.

Nothing personal leaves or stays: digit runs of six or more (identity, phone and bank numbers),
e-mail-like words and a name after 姓名/联系人/申请人 are dropped before anything is searched;
the description is never stored nor echoed, and the answer holds only public catalog fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.publications.models import Publication
from gongkai.publications.search import ranked_ids

MAX_QUERY = 500  # characters of the description looked at
MAX_PHRASES = 12
MAX_RESULTS = 5
WINDOW = 4
SEARCH_WINDOW = 100  # the newest matches the search ranks per phrase

# Words that describe the request, not the information: every application has them.
_STOP = sorted(
    {
        "请求公开", "申请公开", "要求公开", "依申请", "请公开", "公开", "申请", "请求", "要求",
        "提供", "查询", "获取", "调取", "复印", "查阅", "我想", "我要", "本人", "我们", "您好",
        "关于", "有关", "相关", "政府信息", "信息", "资料", "内容", "具体", "全部", "所有",
        "以及", "或者", "及其", "的", "和", "及", "与", "或", "等", "了", "是", "在", "对", "中",
        "请", "该", "此", "其", "之", "我的", "身份证号", "身份证", "电话", "手机", "联系",
    },
    key=len,
    reverse=True,
)  # fmt: skip
_STOP_RE = re.compile("|".join(re.escape(word) for word in _STOP))
_PERSONAL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[0-9A-Za-z]*[0-9]{6,}[0-9A-Za-z]*"
    r"|(?:联系人|姓名|申请人|本人|签名)[：:\s]*[\u4e00-\u9fff]{2,4}"
)
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_YEAR_WORD = re.compile(r"[0-9]+年(?:度)?")


def phrases(description: str) -> list[str]:
    """The short phrases searched for, most telling first (longer runs before shorter)."""
    text = _PERSONAL.sub(" ", description[:MAX_QUERY])
    year = _YEAR.search(text)
    text = _YEAR_WORD.sub(" ", text)
    runs = [run for run in _HAN_RUN.findall(_STOP_RE.sub(" ", text)) if len(run) >= 2]
    runs.sort(key=len, reverse=True)
    out: list[str] = []
    for run in runs:
        if len(run) <= WINDOW:
            out.append(run)
            continue
        out.extend(run[i : i + WINDOW] for i in range(len(run) - WINDOW + 1))
    unique = list(dict.fromkeys(out))[:MAX_PHRASES]
    if year and unique:  # a year narrows every phrase (2024 征地补偿), when it still matches
        return [f"{year.group(0)} {unique[0]}", *unique]
    return unique


@dataclass(frozen=True)
class Suggestion:
    """A published item: only what the public catalog shows."""

    pk: int
    title: str
    index_number: str
    agency: str
    published_on: str


def suggest(description: str, *, limit: int = MAX_RESULTS) -> list[Suggestion]:
    """Up to ``limit`` published items that may already hold the information described."""
    score: dict[int, tuple[int, int]] = {}  # id → (phrases matched, best position)
    for phrase in phrases(description):
        for position, pk in enumerate(ranked_ids(phrase, window=SEARCH_WINDOW)[:50]):
            hits, best = score.get(pk, (0, position))
            score[pk] = (hits + 1, min(best, position))
    if not score:
        return []
    chosen = sorted(score, key=lambda pk: (-score[pk][0], score[pk][1], -pk))[: limit * 2]
    items = Publication.objects.select_related("agency").in_bulk(chosen)
    out = []
    for pk in chosen:
        item = items.get(pk)
        if item is None or item.published_on is None:
            continue  # (only public items have a search document; a race with a withdrawal)
        out.append(
            Suggestion(
                pk=item.pk,
                title=item.title,
                index_number=item.index_number,
                agency=item.agency.name,
                published_on=item.published_on.isoformat(),
            )
        )
        if len(out) == limit:
            break
    return out
