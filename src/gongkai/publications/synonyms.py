"""Common abbreviations of 政务 terms, as data: a search for one also finds the others.

Visitors type the short forms people say (低保, 医保, 公租房); documents are written in the full
terms their governing texts define. Each row is a group of equivalent names and where the full
name comes from; the short forms are the ones the government itself uses in titles and names
(the 国家医疗保障局 calls itself 国家医保局; 民政部's pages speak of 低保 and 特困).
Pure Python: ``search.py`` expands a query into its variants, each searched as typed.
"""

from __future__ import annotations

from typing import NamedTuple


class Synonyms(NamedTuple):
    names: tuple[str, ...]  # the full name first
    source: str  # the text that defines the full name


GROUPS: tuple[Synonyms, ...] = (
    Synonyms(("最低生活保障", "低保"), "《社会救助暂行办法》（国务院令第649号）第二章"),
    Synonyms(("特困人员供养", "特困供养"), "《社会救助暂行办法》（国务院令第649号）第三章"),
    Synonyms(("医疗保障", "医保"), "《医疗保障基金使用监督管理条例》（国务院令第735号）"),
    Synonyms(("医疗保险", "医保"), "《中华人民共和国社会保险法》第三章 基本医疗保险"),
    Synonyms(("社会保险", "社保"), "《中华人民共和国社会保险法》"),
    Synonyms(("住房公积金", "公积金"), "《住房公积金管理条例》（国务院令第262号）"),
    Synonyms(("公共租赁住房", "公租房"), "《公共租赁住房管理办法》（住房和城乡建设部令第11号）"),
    Synonyms(
        ("保障性住房", "保障房"),
        "《国务院办公厅关于加快发展保障性租赁住房的意见》（国办发〔2021〕22号）",
    ),
    Synonyms(("保障性租赁住房", "保租房"), "国办发〔2021〕22号"),
    Synonyms(("城镇老旧小区改造", "老旧小区改造"), "国办发〔2020〕23号"),
    Synonyms(
        ("新型农村合作医疗", "新农合"),
        "《关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）",
    ),
    Synonyms(("城乡居民基本医疗保险", "居民医保"), "国发〔2016〕3号"),
    Synonyms(("城乡居民基本养老保险", "城乡居民养老保险"), "国发〔2014〕8号"),
)

MAX_VARIANTS = 4  # a query with several abbreviations stays a few searches, not a product


def variants(query: str) -> list[str]:
    """``query`` first, then the same with each known name replaced by its equivalents."""
    out = [query]
    for group in GROUPS:
        for variant in list(out):
            # The longest name found in the query (保障性租赁住房 before 保障性住房).
            present = [n for n in sorted(group.names, key=len, reverse=True) if n in variant]
            if not present:
                continue
            found = present[0]
            for other in group.names:
                candidate = variant.replace(found, other)
                if other != found and candidate not in out and found not in other:
                    out.append(candidate)
                if len(out) >= MAX_VARIANTS:
                    return out
    return out
