"""Precision and recall of the suggested redactions (cases/redact.py) on generated documents
with known planted personal data, and seconds per page.

    uv run python bench/redaction.py [--documents 40] [--pages 3] [--seed 1]

Each generated page mixes planted personal data — 居民身份证号 with a valid check character,
mobile and landline numbers, bank card numbers (Luhn), names after a label (申请人：…), names with a
title in running text (王伟同志), bare names in prose (本次核查由王伟负责 — beyond a rule list: they
count against recall),
addresses after 住址 — with look-alikes that must not be suggested: identity numbers with a wrong
check character, 文号 (瓯政发〔2024〕12号), amounts, dates, 20-digit serial numbers, 统一社会信用
代码 (not suggested unless asked). A suggestion is right when its text is a planted item; recall
counts the planted items found. Last line: ``redaction: precision P, recall R, S s/page``.
"""

from __future__ import annotations

import argparse
import random
import time

from gongkai.cases import redact
from gongkai.cases.tests.pdfs import pdf_with_lines
from gongkai.core.ids import id_number_check_char

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国海燕"
PLACES = ["浙江省温州市瓯海区娄桥街道", "温州市鹿城区五马街道", "瑞安市安阳街道", "乐清市城东街道"]
LABELS = ["申请人", "联系人", "当事人", "经办人", "户主"]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _id_number(rng: random.Random, valid: bool = True) -> str:
    first17 = f"3303{rng.randint(1, 99):02d}{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}"
    first17 += f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    check = id_number_check_char(first17)
    if not valid:
        check = rng.choice([c for c in "0123456789X" if c != check])
    return first17 + check


def _luhn_card(rng: random.Random) -> str:
    body = "622202" + "".join(str(rng.randint(0, 9)) for _ in range(12))
    for last in "0123456789":
        if redact._luhn(body + last):
            return body + last
    raise AssertionError


def page(rng: random.Random) -> tuple[list[str], set[str]]:
    """Lines of one page and the personal data planted in it."""
    planted: set[str] = set()
    lines: list[str] = [
        f"瓯政发〔{rng.randint(2019, 2025)}〕{rng.randint(1, 99)}号 关于补偿款发放的通知"
    ]
    for _ in range(rng.randint(3, 5)):
        name, id_number = _name(rng), _id_number(rng)
        mobile = f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"
        planted |= {name, id_number, mobile}
        lines.append(f"{rng.choice(LABELS)}：{name}，身份证号{id_number}，电话{mobile}")
    landline = f"0577-{rng.randint(2, 8)}{rng.randint(0, 9999999):07d}"
    address = rng.choice(PLACES) + f"{rng.randint(1, 300)}号"
    card = _luhn_card(rng)
    planted |= {landline, address, card}
    lines.append(f"住址：{address}，座机{landline}")
    lines.append(f"补偿款转入银行卡{card}，金额{rng.randint(1000, 99999)}元。")
    unlabelled = _name(rng)
    planted.add(unlabelled)
    lines.append(f"经审核，{unlabelled}同志家庭符合条件。")
    # A bare name in prose: no label, no title — beyond a rule list (counts against recall).
    bare = _name(rng)
    planted.add(bare)
    lines.append(f"本次核查由{bare}负责。")
    lines.append(f"档案编号{rng.randint(10**19, 10**20 - 1)}，日期2024年{rng.randint(1, 12)}月。")
    lines.append(f"核验失败的号码{_id_number(rng, valid=False)}不予登记。")
    lines.append("统一社会信用代码91330304MA2CN7XY2Q。")
    return lines, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    true_positive = suggested = planted_total = found_total = pages = 0
    seconds = 0.0
    for _ in range(args.documents):
        made = [page(rng) for _ in range(args.pages)]
        pdf = pdf_with_lines(*[lines for lines, _planted in made])
        start = time.perf_counter()
        boxes = redact.suggest(pdf)
        seconds += time.perf_counter() - start
        pages += args.pages
        for number, (_lines, planted) in enumerate(made):
            texts = {b.text for b in boxes if b.page == number}
            suggested += len(texts)
            true_positive += len(texts & planted)
            planted_total += len(planted)
            found_total += len(planted & texts)
    precision = true_positive / suggested if suggested else 1.0
    recall = found_total / planted_total if planted_total else 1.0
    print(f"{args.documents} documents, {pages} pages, {planted_total} planted items")
    print(f"suggested {suggested}, right {true_positive}, planted found {found_total}")
    print(
        f"redaction: precision {precision:.3f}, recall {recall:.3f}, {seconds / pages:.4f} s/page"
    )


if __name__ == "__main__":
    main()
