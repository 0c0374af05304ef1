# ruff: noqa: E501 — the vocabulary reads best one list per line
"""The annual report at scale: a city's rolled-up report beside the raw GROUP BY it rests on.

    uv run python bench/report.py [--cases 1000000] [--units 500] [--years 3] [--year YEAR]
        [--database PATH | DATABASE_URL=postgres://…] [--keep] [--runs 5] [--batch 10000] [--seed 7]

Builds, deterministically (``--seed``), a city government (市人民政府) with its departments and
county governments, each county with its departments and 乡镇/街道 — ``--units`` agencies in
all — and ``--cases`` applications spread unevenly over them and over ``--years`` calendar years
ending last year: mostly 自然人, outcomes mixed like the published reports, some received in
December and concluded in January, some still open, a few split originals with their parts
(``split_from``), a few hundred 行政复议/行政诉讼 of which the corrected ones reopened their case
(``first_concluded_on`` ≠ ``concluded_on``; some reopened cases open again).

The rows are written straight into the platform's tables (not through ``cases.actions``: a
million actions with their timelines and letters would take hours and measure something else),
streamed in batches of ``--batch`` rows — ``executemany`` on SQLite, ``COPY`` on PostgreSQL —
so memory stays bounded. Every NOT NULL column gets a plausible value or the model's default.

Then, for the root government's roll-up over its whole subtree (``queries.rollup_units``) and
the year ``--year`` (default: the last generated year), it times

(a) ``annual_reports.queries.compute(root, year, units=…)`` — the ``Report`` a draft stores:
    section 三 (one grouped query placed by ``compute.case_rows``), section 四 from the disputes,
    section 二 from the catalog and 第二十条 figures, the drafted narrative; and
(b) the single raw ``GROUP BY`` a DBA would write for section 三 over the same units: the same
    rows counted by applicant type × new/carried over × result,

each the median of ``--runs`` runs after one warm-up (interleaved, so that load slows both
alike), and prints both, their ratio, the time of each part of (a), a check that (a) and (b)
count the same applications, and peak memory (RSS).

SQLite: ``--database PATH`` (default ``var/bench-report/bench.sqlite3``). PostgreSQL: set
``DATABASE_URL`` to an empty database (``createdb gongkai_bench_report``). ``--keep`` measures a
database built before (migrating it first, so an index added since is built) instead of
refusing it.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

COUNTIES = ["鹿城区", "龙湾区", "瓯海区", "洞头区", "乐清市", "瑞安市", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县", "龙港市"]  # fmt: skip
DEPARTMENTS = [
    "人民政府办公室", "发展和改革局", "教育局", "科学技术局", "经济和信息化局", "公安局", "民政局", "司法局",
    "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局",
    "水利局", "农业农村局", "商务局", "文化和广电旅游体育局", "卫生健康委员会", "退役军人事务局",
    "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "综合行政执法局", "信访局",
    "大数据发展管理局", "机关事务管理局", "人民防空办公室", "林业局", "粮食和物资储备局", "档案局",
    "地方金融监督管理局", "行政审批局", "投资促进局", "城市管理局", "港航管理中心", "公共资源交易管理办公室",
    "住房公积金管理中心", "气象局", "残疾人联合会", "供销合作社", "体育局", "民族宗教事务局", "外事办公室",
    "国有资产监督管理委员会", "海洋与渔业局",
]  # fmt: skip
TOWNS = ["娄桥", "潘桥", "郭溪", "瞿溪", "泽雅", "仙岩", "丽岙", "梧田", "南白象", "茶山", "景山", "新桥", "三垟", "藤桥", "塘下", "莘塍", "飞云", "汀田", "马屿", "陶山", "湖岭", "高楼", "平阳坑", "仙降"]  # fmt: skip

# Shares of the published reports (瓯海区 and its neighbours): mostly natural persons.
APPLICANT_TYPES = [("natural", 0.86), ("business", 0.07), ("research", 0.004), ("nonprofit", 0.008), ("legal", 0.035), ("other", 0.023)]  # fmt: skip
OUTCOMES = [
    ("3.1", 0.38), ("3.2", 0.07), ("3.3.1", 0.002), ("3.3.2", 0.004), ("3.3.3", 0.003),
    ("3.3.4", 0.012), ("3.3.5", 0.015), ("3.3.6", 0.008), ("3.3.7", 0.006), ("3.3.8", 0.01),
    ("3.4.1", 0.25), ("3.4.2", 0.03), ("3.4.3", 0.01), ("3.5.1", 0.03), ("3.5.2", 0.025),
    ("3.5.3", 0.005), ("3.5.4", 0.01), ("3.5.5", 0.008), ("3.6.1", 0.02), ("3.6.2", 0.004),
    ("3.6.3", 0.058),
]  # fmt: skip
OPEN_STATUSES = ["open", "open", "open", "consulting", "awaiting_correction", "awaiting_payment", "decided"]  # fmt: skip
CHANNELS = ["online", "online", "online", "registered_post", "in_person", "email", "ordinary_letter"]  # fmt: skip
SPLIT_SHARE = 0.004  # of applications, split into 2–3 parts
DISPUTE_SHARE = 0.006  # of concluded applications
FEE_SHARE = 0.003  # of applications answered: 信息处理费 (国办函〔2020〕109号) charged and paid
OPEN_TAIL = 0.004  # still open long after the statutory period (consultations, fees)


def weighted(pairs: list[tuple[str, float]]) -> Callable[[random.Random], str]:
    codes = [c for c, _ in pairs]
    cumulative: list[float] = []
    total = 0.0
    for _, w in pairs:
        total += w
        cumulative.append(total)

    def pick(rng: random.Random) -> str:
        return codes[min(bisect.bisect(cumulative, rng.random() * total), len(codes) - 1)]

    return pick


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--units", type=int, default=500, help="agencies in the tree, root included"
    )
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--year", type=int, default=0, help="the report's year (default: the last)")
    parser.add_argument("--last-year", type=int, default=dt.date.today().year - 1)
    parser.add_argument("--database", default="", help="SQLite file (ignored with DATABASE_URL)")
    parser.add_argument("--keep", action="store_true", help="measure an already built database")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.units < 2:
        sys.exit("bench: --units must be at least 2")
    args.year = args.year or args.last_year

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        path = Path(args.database or HERE.parent / "var/bench-report/bench.sqlite3").resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        os.environ.setdefault("GONGKAI_DATA_DIR", str(path.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.cases.models import Case

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if Case.objects.exists():
        if not args.keep:
            sys.exit("bench: the database already holds cases; give it an empty one (or --keep)")
        print(
            f"backend {connection.vendor}; reusing {Case.objects.count():,} cases "
            f"(migrate: {time.perf_counter() - t0:.1f} s)"
        )
    else:
        build(args)
    measure(args)


# -- building ----------------------------------------------------------------------------------


def build_tree(n_units: int) -> list[int]:
    """City → its departments and counties → their departments and 乡镇/街道: ``n_units`` in all.

    Returns the agency ids; the first is the root.
    """
    from gongkai.agencies.models import Agency

    per_county = 1 + 25 + 15
    counties = max(0, min(len(COUNTIES) * 4, (n_units - 1) // (per_county + 4)))
    city = Agency.objects.create(name="温州市人民政府", short_name="温州", kind="city")
    ids = [city.pk]
    city_depts = n_units - 1 - counties * per_county
    while city_depts < 0:  # a small tree: fewer counties
        counties -= 1
        city_depts = n_units - 1 - counties * per_county

    def name(i: int, words: list[str]) -> str:
        return words[i % len(words)] + ("" if i < len(words) else f"（{i // len(words) + 1}）")

    made = Agency.objects.bulk_create(
        Agency(
            name=f"温州市{name(i, DEPARTMENTS)}",
            short_name=f"温市{i}",
            kind="department",
            parent=city,
        )
        for i in range(city_depts)
    )
    ids += [a.pk for a in made]
    for c in range(counties):
        county_name = name(c, COUNTIES)
        county = Agency.objects.create(
            name=f"温州市{county_name}人民政府",
            short_name=county_name[:2],
            kind="county",
            parent=city,
        )
        ids.append(county.pk)
        units = [
            Agency(
                name=f"{county_name}{name(i, DEPARTMENTS)}",
                short_name=f"{county_name[:2]}{i}",
                kind="department",
                parent=county,
            )
            for i in range(25)
        ] + [
            Agency(
                name=f"{county_name}{name(i, TOWNS)}{'街道' if i % 3 == 0 else '镇'}",
                short_name=f"{county_name[:2]}镇{i}",
                kind="township",
                parent=county,
            )
            for i in range(15)
        ]
        ids += [a.pk for a in Agency.objects.bulk_create(units)]
    return ids


class Writer:
    """Rows of one model, in its own columns, streamed in batches (executemany / COPY)."""

    def __init__(self, model: Any, batch: int) -> None:
        from django.db import connection
        from django.utils import timezone

        self.connection = connection
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        now = timezone.now()
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            value = f.get_default()  # "" for a text column without a default, else None
            value = now if isinstance(value, dt.datetime) else value
            if f.attname == "updated_at":
                value = now
            self.defaults[f.attname] = f.get_db_prep_save(value, connection)
        self.attnames = [f.attname for f in self.fields]
        self.batch = batch
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        marks = ", ".join(["%s"] * len(self.columns))
        self.insert = f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})"

    def add(self, values: dict[str, Any]) -> None:
        d = self.defaults
        self.rows.append(tuple(values[a] if a in values else d[a] for a in self.attnames))
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        from django.db import transaction

        with transaction.atomic(), self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                copy = f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN"
                with cursor.cursor.copy(copy) as stream:
                    for row in self.rows:
                        stream.write_row(row)
            else:
                cursor.executemany(self.insert, self.rows)
        self.written += len(self.rows)
        self.rows = []


def build(args: argparse.Namespace) -> None:
    from django.db import connection

    from gongkai.cases.models import Case, FeeNotice
    from gongkai.disputes.models import Dispute

    vendor = connection.vendor
    print(
        f"backend {vendor}; building {args.units} agencies, {args.cases:,} cases over "
        f"{args.years} years to {args.last_year}, in batches of {args.batch:,}"
    )
    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    unit_ids = build_tree(args.units)
    rng = random.Random(args.seed)
    # Uneven load: a few units (自然资源, 住建, 征收-heavy townships) get most applications.
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(unit_ids))]
    rng.shuffle(weights)
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    applicant_type = weighted(APPLICANT_TYPES)
    outcome = weighted(OUTCOMES)
    first_day = dt.date(args.last_year - args.years + 1, 1, 1)
    days = (dt.date(args.last_year, 12, 31) - first_day).days + 1
    snapshot = dt.date(args.last_year + 1, 2, 15)  # the records as of mid-February
    cases = Writer(Case, args.batch)
    disputes = Writer(Dispute, args.batch)
    fees = Writer(FeeNotice, args.batch)
    ids = iter(range(1, sys.maxsize))
    dispute_ids = iter(range(1, sys.maxsize))
    counts = {"split": 0, "reopened": 0, "open": 0, "dec_jan": 0, "disputes": 0, "fees": 0}

    def application(n: int, agency_id: int, received: dt.date, kind: str) -> dict[str, Any]:
        phone = f"1{rng.randrange(3, 10)}{rng.randrange(10**9):09d}"
        return {
            "id": n,
            "agency_id": agency_id,
            "number": f"BENCH-{received.year}-{n:08d}",
            "channel": rng.choice(CHANNELS),
            "submitted_on": received,
            "received_on": received,
            "applicant_type": kind,
            "applicant_name": f"申请人{n % 50_000}",
            "id_kind": "resident_id" if kind == "natural" else "credit_code",
            "id_number_masked": "3303**********1234",
            "phone": phone,
            "phone_last4": phone[-4:],
            "description": "请求公开有关房屋征收补偿安置的政府信息",
            "form_wanted": "electronic",
            "delivery": "online",
            "due_on": received + dt.timedelta(days=28),
        }

    def conclude(row: dict[str, Any], received: dt.date) -> None:
        """Concluded, open, or concluded, disputed, corrected and reopened."""
        late = rng.random() < OPEN_TAIL
        concluded = received + dt.timedelta(
            days=rng.randint(90, 400) if late else rng.randint(1, 40)
        )
        if concluded > snapshot:
            row["status"] = rng.choice(OPEN_STATUSES)
            counts["open"] += 1
            return
        code = outcome(rng)
        row.update(
            status="closed" if code.startswith("3.6") else "served",
            outcome=code,
            concluded_on=concluded,
            first_concluded_on=concluded,
            first_outcome=code,
        )
        if received.month == 12 and concluded.year > received.year:
            counts["dec_jan"] += 1
        if code in ("3.1", "3.2") and rng.random() < FEE_SHARE:
            pages = rng.randint(101, 400)
            notice = received + dt.timedelta(days=rng.randint(1, (concluded - received).days))
            fees.add(
                {
                    "id": fees.written + len(fees.rows) + 1,
                    "case_id": row["id"],
                    "basis": "per_page",
                    "pages": pages,
                    "amount": (pages - 100) * 10,
                    "explanation": "超过100页的部分按每页10元计收",
                    "notice_on": notice,
                    "delivered_on": notice,
                    "pay_by": notice + dt.timedelta(days=20),
                    "paid_on": notice,
                }
            )
            counts["fees"] += 1
        if code.startswith("3.6") or rng.random() >= DISPUTE_SHARE:
            return
        # 行政复议 (then perhaps 诉讼) or 诉讼 directly; 纠正 reopens the case.
        filed = concluded + dt.timedelta(days=rng.randint(5, 60))
        if filed > snapshot:
            return
        kinds = ["review"] if rng.random() < 0.75 else ["litigation_direct"]
        if kinds == ["review"] and rng.random() < 0.2:
            kinds.append("litigation_after_review")
        follows = None
        for kind in kinds:
            decided: dt.date | None = filed + dt.timedelta(days=rng.randint(30, 180))
            assert decided is not None
            result = "pending"
            if decided <= snapshot:
                r = rng.random()
                result = "upheld" if r < 0.75 else "corrected" if r < 0.87 else "other"
            else:
                decided = None
            pk = next(dispute_ids)
            disputes.add(
                {
                    "id": pk,
                    "case_id": row["id"],
                    "kind": kind,
                    "follows_id": follows,
                    "body": "温州市人民政府" if kind == "review" else "温州市鹿城区人民法院",
                    "reference": f"温政复〔{filed.year}〕{pk}号",
                    "filed_on": filed,
                    "stage": "filed" if decided is None else "decided",
                    "outcome": result,
                    "decided_on": decided,
                }
            )
            counts["disputes"] += 1
            follows = pk
            if result == "corrected" and decided is not None:
                again = decided + dt.timedelta(days=rng.randint(5, 30))
                counts["reopened"] += 1
                row["reopened_count"] = 1
                if again > snapshot:
                    row.update(status="open", outcome="", concluded_on=None)
                else:
                    row.update(status="served", outcome="3.1", concluded_on=again)
                return
            if decided is None or result != "upheld":
                return
            filed = decided + dt.timedelta(days=rng.randint(5, 15))
            if filed > snapshot:
                return

    made = 0
    while made < args.cases:
        agency_id = unit_ids[
            min(bisect.bisect(cumulative, rng.random() * total), len(unit_ids) - 1)
        ]
        received = first_day + dt.timedelta(days=rng.randrange(days))
        kind = applicant_type(rng)
        row = application(next(ids), agency_id, received, kind)
        made += 1
        if rng.random() < SPLIT_SHARE and made + 2 <= args.cases:
            # 一事一申请: the original is split, each part is one application.
            row["status"] = "split"
            cases.add(row)
            counts["split"] += 1
            for _ in range(rng.choice((2, 2, 3))):
                if made >= args.cases:
                    break
                part = application(next(ids), agency_id, received, kind)
                part["split_from_id"] = row["id"]
                conclude(part, received)
                cases.add(part)
                made += 1
        else:
            conclude(row, received)
            cases.add(row)
        if cases.written and cases.written % (args.batch * 20) == 0 and not cases.rows:
            print(f"  {cases.written:,} cases, {time.perf_counter() - start:.0f} s", flush=True)
    cases.flush()
    disputes.flush()
    fees.flush()
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            for model, n in (
                (Case, cases.written),
                (Dispute, disputes.written),
                (FeeNotice, fees.written),
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'), %s)",
                    [max(n, 1)],
                )
        cursor.execute("ANALYZE")
    built = time.perf_counter() - start
    print(
        f"built in {built:.0f} s ({cases.written / built:,.0f} cases/s): {cases.written:,} cases "
        f"({counts['split']:,} split originals, {counts['open']:,} open at the snapshot, "
        f"{counts['dec_jan']:,} received in December and concluded in January, "
        f"{counts['reopened']:,} reopened), {counts['disputes']:,} disputes, "
        f"{counts['fees']:,} fees paid"
    )


# -- measuring ---------------------------------------------------------------------------------

RAW_SQL = """
SELECT applicant_type,
       CASE WHEN received_on < %s THEN 'carried' ELSE 'new' END AS arrival,
       CASE WHEN first_concluded_on <= %s THEN first_outcome ELSE '' END AS result,
       count(*)
FROM {table}
WHERE agency_id IN ({units})
  AND received_on <= %s
  AND status <> 'split'
  AND (first_concluded_on IS NULL OR first_concluded_on >= %s)
GROUP BY 1, 2, 3
"""


def interleaved(
    fns: dict[str, Callable[[], Any]], runs: int
) -> tuple[dict[str, float], dict[str, Any]]:
    """Median seconds of each function, run in turn ``runs`` times after one warm-up each —
    interleaved, so that a busy machine slows them alike."""
    results = {name: fn() for name, fn in fns.items()}  # warm-up: connection, page cache
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(t) for name, t in times.items()}, results


def measure(args: argparse.Namespace) -> None:
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.annual_reports import queries
    from gongkai.cases.models import Case
    from gongkai.core.report.formats import TOTAL_INDEX, format_for_year
    from gongkai.disputes import queries as dispute_queries

    year = args.year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    root = Agency.objects.get(parent__isnull=True, kind="city")
    unit_ids = queries.rollup_units(root)
    spec = format_for_year(year)
    print(
        f"backend {connection.vendor}; {root.name}, roll-up over {len(unit_ids)} units, "
        f"{year} ({spec.key} format); median of {args.runs} interleaved runs after a warm-up"
    )

    def compute() -> Any:
        return queries.compute(root, year, units=queries.rollup_units(root))

    def raw() -> list[tuple[Any, ...]]:
        sql = RAW_SQL.format(table=Case._meta.db_table, units=", ".join(["%s"] * len(unit_ids)))
        with connection.cursor() as cursor:
            cursor.execute(sql, [start, end, *unit_ids, end, start])
            return list(cursor.fetchall())

    t, results = interleaved(
        {
            "raw": raw,
            "compute": compute,
            "three": lambda: queries.applications(unit_ids, year, spec),
            "four": lambda: dispute_queries.section_four(unit_ids, year),
            "two": lambda: queries.proactive(unit_ids, year, spec),
        },
        args.runs,
    )
    t_raw, t_compute, t_three, t_four, t_two = (
        t[k] for k in ("raw", "compute", "three", "four", "two")
    )
    report, groups = results["compute"], results["raw"]

    apps = report.applications
    counted = sum(row[-1] for row in groups)
    new = sum(row[-1] for row in groups if row[1] == "new")
    concluded = sum(row[-1] for row in groups if row[2])
    same = (
        apps["1"][TOTAL_INDEX] == new
        and apps["1"][TOTAL_INDEX] + apps["2"][TOTAL_INDEX] == counted
        and apps["3.7"][TOTAL_INDEX] == concluded
    )
    print(
        f"counted: {counted:,} applications ({new:,} new, {counted - new:,} carried over, "
        f"{concluded:,} concluded in {year}); compute and raw query agree: {'yes' if same else 'NO'}"
    )
    print(f"raw GROUP BY (section 三 counts):    {t_raw * 1000:8.0f} ms  ({len(groups)} groups)")
    print(
        f"queries.compute (whole report):      {t_compute * 1000:8.0f} ms  = {t_compute / t_raw:.2f}× the raw query"
    )
    print(
        f"  of which section 三 {t_three * 1000:.0f} ms, section 四 {t_four * 1000:.0f} ms, "
        f"section 二 {t_two * 1000:.0f} ms, the rest (units, narrative, fees, schema) "
        f"{(t_compute - t_three - t_four - t_two) * 1000:.0f} ms"
    )
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
