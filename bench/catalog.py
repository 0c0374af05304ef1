# ruff: noqa: E501 — the vocabulary reads best one list per line
"""The catalog at scale: bulk import and Chinese search latency, beside a naive LIKE scan.

    uv run python bench/catalog.py [--items 1000000] [--database-url postgres://…]
        [--data-dir DIR] [--reuse] [--batch 5000] [--queries 200] [--scan-queries 20] [--seed 6]

Builds ``--items`` published items deterministically from a vocabulary (titles, summaries and
bodies written the way agencies write them) in a fresh database (SQLite in a temporary
directory unless ``--database-url`` names an empty PostgreSQL database), streaming in batches
so memory stays bounded, through the same tables and search index the platform uses. Then it
times ``search.search`` (ranked ids, count, one page of hits with highlighting) over
``--queries`` queries of 1–6 characters cut from the vocabulary, and a naive
``LIKE '%q%'`` scan (count + newest 20 over title, summary and body) over ``--scan-queries``
of them. Prints import time, p50/p95/max latencies, the speed-up and peak memory (RSS).

A million items take a while to build: ``--data-dir`` keeps the SQLite file (``bench.sqlite3``
there), and ``--reuse`` measures a database built before (migrating it first, so an index added
since is built on the existing rows) instead of refusing it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REGIONS = ["瓯海区", "鹿城区", "龙湾区", "洞头区", "乐清市", "瑞安市", "永嘉县", "平阳县", "苍南县", "文成县"]  # fmt: skip
DEPARTMENTS = [
    "人民政府办公室", "财政局", "教育局", "卫生健康局", "自然资源和规划局", "生态环境分局",
    "住房和城乡建设局", "交通运输局", "农业农村局", "市场监督管理局", "民政局", "人力资源和社会保障局",
    "应急管理局", "税务局", "司法局", "文化和广电旅游体育局", "医疗保障局", "退役军人事务局",
]  # fmt: skip
VERBS = ["印发", "公布", "调整", "规范", "加强", "开展", "做好", "推进", "废止", "修订", "实施", "转发"]  # fmt: skip
SUBJECTS = [
    "行政复议工作规则", "小微企业税费减免政策", "城乡居民基本医疗保险待遇", "义务教育阶段招生入学",
    "国有土地上房屋征收与补偿", "农村危房改造补助资金", "最低生活保障标准", "安全生产专项整治",
    "公共资源交易管理办法", "财政预算执行情况", "生态环境保护督察整改", "养老服务补贴发放",
    "重大建设项目批准和实施", "食品安全抽检结果", "就业创业扶持资金", "户籍登记管理规定",
    "涉农补贴资金发放", "救灾物资储备管理", "公共文化服务体系建设", "城市综合执法事项",
    "保障性住房分配方案", "征地补偿安置标准", "政府信息公开工作年度报告", "行政许可事项清单",
]  # fmt: skip
GENRES = ["的通知", "的决定", "的公告", "的通告", "的意见", "的实施方案", "的批复", "的报告", "办法"]  # fmt: skip
SENTENCES = [
    "为进一步规范{s}，根据有关法律法规，结合本地实际，制定本办法。",
    "各乡镇人民政府、街道办事处，区政府各部门要高度重视{s}，切实加强组织领导。",
    "本通知自发布之日起施行，有效期五年，由{d}负责解释。",
    "申请人对具体行政行为不服的，可以依法申请行政复议或者提起行政诉讼。",
    "{r}将{s}纳入年度目标责任制考核，定期通报工作进展情况。",
    "符合条件的企业和个人可向所在地税务机关申请减免税费，逾期不予受理。",
    "资金拨付实行国库集中支付，严禁截留、挤占、挪用，接受审计和社会监督。",
    "对违反本规定的单位和个人，依照有关规定予以处理；构成犯罪的，依法追究刑事责任。",
    "联系人及联系电话详见附件，公开时限为信息形成或者变更之日起二十个工作日内。",
    "请各单位于本月底前将{s}落实情况书面报送{d}。",
]  # fmt: skip


def item_text(rng: random.Random) -> tuple[str, str, str, str]:
    region, dept = rng.choice(REGIONS), rng.choice(DEPARTMENTS)
    subject = rng.choice(SUBJECTS)
    title = f"{region}{dept}关于{rng.choice(VERBS)}{subject}{rng.choice(GENRES)}"
    summary = f"{dept}{rng.choice(VERBS)}{subject}，明确工作要求。"
    body = "".join(
        rng.choice(SENTENCES).format(s=rng.choice(SUBJECTS), d=dept, r=region)
        for _ in range(rng.randint(3, 6))
    )
    return title, summary, body, region


def queries(n: int, seed: int) -> list[str]:
    """``n`` queries of 1–6 characters (equal shares), cut from the vocabulary's phrases."""
    rng = random.Random(seed + 1)
    pool = [*SUBJECTS, *DEPARTMENTS, *REGIONS, "行政复议", "税费减免", "政府信息公开"]
    out = []
    for i in range(n):
        length = 1 + i % 6
        words = [w for w in pool if len(w) >= length]
        word = rng.choice(words)
        start = rng.randrange(len(word) - length + 1)
        out.append(word[start : start + length])
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--scan-queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--data-dir", default="", help="keep the SQLite database here")
    parser.add_argument("--reuse", action="store_true", help="measure an already built database")
    args = parser.parse_args()

    if args.data_dir:
        data_dir = Path(args.data_dir).resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
    else:
        data_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies.access import SystemActor
    from gongkai.agencies.tests.factories import make_agency
    from gongkai.publications import search
    from gongkai.publications.choices import Status
    from gongkai.publications.models import Publication, SearchDocument

    vendor = connection.vendor
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if Publication.objects.exists():
        if not args.reuse:
            sys.exit("bench: the database already holds items; give it an empty one (or --reuse)")
        args.items = Publication.objects.count()
        print(
            f"backend {vendor}; reusing {args.items:,} items (migrate: {time.perf_counter() - t0:.1f} s)"
        )
        measure(args, data_dir)
        return
    agency = make_agency("温州市瓯海区人民政府", "county", short_name="瓯海")
    del SystemActor
    print(f"backend {vendor}; {args.items:,} items in batches of {args.batch:,}")

    rng = random.Random(args.seed)
    first_day = dt.date(2015, 1, 1)

    # Rows go in with executemany on the platform's own tables (the ORM's bulk_create spends
    # most of its time compiling SQL); every NOT NULL column gets the model's default.
    now = dt.datetime.now(dt.UTC)
    columns = [
        "id", "agency_id", "index_number", "title", "summary", "document_number", "written_on",
        "published_on", "due_on", "is_late", "kind", "disclosure", "validity",
        "validity_changed_by_text", "channels", "body", "body_text", "interpretation_late",
        "status", "review_round", "created_at", "updated_at", "interpretation_form", "speakers",
    ]  # fmt: skip
    marks = ["%s"] * len(columns)
    if vendor == "postgresql":
        marks[columns.index("channels")] = "%s::jsonb"
    insert_item = (
        f"INSERT INTO {Publication._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(marks)})"
    )
    insert_doc = (
        f"INSERT INTO {SearchDocument._meta.db_table} "
        "(publication_id, title_tokens, body_tokens) VALUES (%s, %s, %s)"
    )

    def batches() -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
        items: list[tuple[Any, ...]] = []
        docs: list[tuple[Any, ...]] = []
        for n in range(1, args.items + 1):
            title, summary, body, _region = item_text(rng)
            day = first_day + dt.timedelta(days=n * 3650 // args.items)
            number = f"{agency.credit_code}/{day.year}-{n:07d}"
            items.append(
                (
                    n,
                    agency.pk,
                    number,
                    title,
                    summary,
                    "",
                    day,
                    day,
                    day,
                    False,
                    "general",
                    "active",
                    "",
                    "",
                    "[]",
                    f"<p>{body}</p>",
                    body,
                    False,
                    Status.PUBLISHED,
                    1,
                    now,
                    now,
                    "",
                    "",
                )
            )
            item = Publication(
                agency=agency, index_number=number, title=title, summary=summary, body_text=body
            )
            docs.append((n, *search.document_tokens(item, [], filed=[])))
            if len(items) == args.batch:
                yield items, docs
                items, docs = [], []
        if items:
            yield items, docs

    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-524288")  # 512 MiB of page cache
    # The platform's bulk path (search.bulk_indexing): the search index is built once, after
    # the rows are in (SQLite: one INSERT … SELECT into FTS5; PostgreSQL: GIN built at the end).
    indexing = search.bulk_indexing()
    start = time.perf_counter()
    done = 0
    indexing.__enter__()

    def copy(cursor: Any, table: str, names: list[str], rows: list[tuple[Any, ...]]) -> None:
        with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as stream:
            for row in rows:
                stream.write_row(row)

    for items, docs in batches():
        with transaction.atomic(), connection.cursor() as cursor:
            if vendor == "postgresql":  # COPY: PostgreSQL's bulk path
                raw = cursor.cursor
                copy(raw, Publication._meta.db_table, columns, items)
                copy(
                    raw,
                    SearchDocument._meta.db_table,
                    ["publication_id", "title_tokens", "body_tokens"],
                    docs,
                )
            else:
                cursor.executemany(insert_item, items)
                cursor.executemany(insert_doc, docs)
        done += len(items)
        if done % (args.batch * 20) == 0:
            print(f"  {done:,} items, {time.perf_counter() - start:.0f} s", flush=True)
    loaded = time.perf_counter() - start
    indexing.__exit__(None, None, None)
    print(
        f"  rows loaded in {loaded:.0f} s, index built in {time.perf_counter() - start - loaded:.0f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{Publication._meta.db_table}', 'id'), %s)",
                [args.items],
            )
    imported = time.perf_counter() - start
    print(f"import: {imported:.1f} s ({args.items / imported:,.0f} items/s, index included)")

    measure(args, data_dir)


def measure(args: argparse.Namespace, data_dir: Path) -> None:
    from django.db import connection

    from gongkai.publications import search
    from gongkai.publications.models import Publication

    vendor = connection.vendor
    qs = queries(args.queries, args.seed)
    search.search(qs[0])  # warm-up: connection, caches
    times: list[float] = []
    hits: list[int] = []
    for q in qs:
        t0 = time.perf_counter()
        page = search.search(q)
        times.append((time.perf_counter() - t0) * 1000)
        hits.append(page.total)
    by_len = {
        n: statistics.median(t for q, t in zip(qs, times, strict=True) if len(q) == n)
        for n in range(1, 7)
    }
    print(
        f"search ({len(qs)} queries of 1–6 chars): p50 {percentile(times, 50):.1f} ms, "
        f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms; "
        f"median hits {statistics.median(hits):,.0f}"
    )
    print("  median ms by query length: " + ", ".join(f"{n}: {t:.1f}" for n, t in by_len.items()))

    table = Publication._meta.db_table
    scan_times: list[float] = []
    scan_qs = qs[: args.scan_queries]
    with connection.cursor() as cursor:
        for q in scan_qs:
            like = f"%{q}%"
            where = "title LIKE %s OR summary LIKE %s OR body_text LIKE %s"
            t0 = time.perf_counter()
            cursor.execute(f"SELECT count(*) FROM {table} WHERE {where}", [like] * 3)
            cursor.fetchone()
            cursor.execute(
                f"SELECT id FROM {table} WHERE {where} ORDER BY id DESC LIMIT 20", [like] * 3
            )
            cursor.fetchall()
            scan_times.append((time.perf_counter() - t0) * 1000)
    ours = [t for q, t in zip(qs, times, strict=True) if q in scan_qs][: len(scan_qs)]
    print(
        f"LIKE scan ({len(scan_qs)} of the same queries): p50 {percentile(scan_times, 50):.0f} ms, "
        f"p95 {percentile(scan_times, 95):.0f} ms; search on those: p50 "
        f"{percentile(ours, 50):.1f} ms -> {statistics.median(scan_times) / statistics.median(ours):.0f}× "
        f"faster at the median, {percentile(scan_times, 95) / percentile(times, 95):.0f}× at p95"
    )
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")
    if vendor == "sqlite":
        size = sum(p.stat().st_size for p in data_dir.glob("bench.sqlite3*"))
        print(f"database size: {size / 2**30:.2f} GiB in {data_dir}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            print(f"database size: {cursor.fetchone()[0] / 2**30:.2f} GiB")


if __name__ == "__main__":
    main()
