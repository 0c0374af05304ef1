"""``gongkai report compute``: an agency's annual report computed from the platform's records.

    gongkai report compute [--agency ID|SHORT_NAME|NAME] --year YEAR [--rollup]
                           [--format json|html|docx|xlsx|pdf|md] [-o FILE]

Without ``--agency``: the root of the agency tree, when there is exactly one. ``--rollup``
counts the agency's whole subtree (a government's report). Nothing is stored: the report is
computed and written out (``annual_reports.queries.compute``). Errors exit 2 with one line.
"""

from __future__ import annotations

import argparse
from typing import Any

from gongkai.cli.common import _database, _fail, _one_line, write_output
from gongkai.core.report.render import RENDERERS


def _find_agency(text: str | None) -> Any:
    from gongkai.agencies.models import Agency

    if text is None:
        roots = list(Agency.objects.filter(parent=None).order_by("name"))
        if len(roots) == 1:
            return roots[0]
        if not roots:
            _fail("no agencies yet (gongkai agency create …)")
        _fail(
            f"{len(roots)} agencies at the top of the tree "
            f"({'、'.join(a.name for a in roots[:5])}): choose one with --agency"
        )
    text = text.strip()
    if text.isdigit():
        found = Agency.objects.filter(pk=int(text)).first()
        if found is not None:
            return found
    by_name = Agency.objects.filter(name=text).first()
    if by_name is not None:
        return by_name
    short = list(Agency.objects.filter(short_name=text)[:2])
    if len(short) == 1:
        return short[0]
    if len(short) > 1:
        _fail(f"several agencies are called {text!r}: give the full name or the id")
    _fail(f"no agency {text!r} (give its id, short name or name)")


def _cmd_compute(args: argparse.Namespace) -> int:
    _database()
    from gongkai.annual_reports import queries
    from gongkai.core.report.compute import CarryOverError
    from gongkai.core.report.formats import first_reporting_year
    from gongkai.core.report.render import render

    agency = _find_agency(args.agency)
    if not 2008 <= args.year <= 2100:
        _fail(f"year {args.year}: not a reporting year")
    first = first_reporting_year()
    if args.year < first:
        _fail(f"year {args.year}: reports before {first} followed local formats (not computed)")
    units = queries.rollup_units(agency) if args.rollup else None
    if args.units:
        subtree = set(queries.rollup_units(agency))
        units = []
        for text in args.units.split(","):
            unit = _find_agency(text.strip())
            if unit.pk not in subtree:
                _fail(f"--units {text.strip()}: not {agency.name} or one of its units")
            units.append(unit.pk)
    try:
        report = queries.compute(agency, args.year, units=units)
    except CarryOverError as exc:
        _fail(_one_line(exc))
    data = render(report, args.format)
    if args.format == "json" and not data.endswith(b"\n"):
        data += b"\n"
    problem = write_output(data, args.output)
    if problem:
        _fail(problem)
    return 0


def add_parser(rsub: Any) -> None:
    p = rsub.add_parser(
        "compute", help="compute an agency's annual report from the platform's records"
    )
    p.add_argument("--agency", metavar="AGENCY", help="id, short name or name (default: the root)")
    p.add_argument("--year", type=int, required=True, help="the reporting year")
    p.add_argument(
        "--rollup", action="store_true", help="count the agency's whole subtree (a government)"
    )
    p.add_argument(
        "--units",
        metavar="A,B,…",
        help="count these units of the agency's subtree instead (ids, short names or names)",
    )
    p.add_argument("--format", choices=tuple(RENDERERS), default="json")
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (- = stdout)")
    p.set_defaults(func=_cmd_compute)
