"""Proactive disclosure: earlier catalogs, this period's items with interpretations, figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from gongkai.demo import kinds, names
from gongkai.demo.base import Base, Unit
from gongkai.publications import actions as pub_actions
from gongkai.publications.models import Genre, Publication


class Catalog(Base):
    def _publish(
        self,
        unit: Unit,
        *,
        title: str,
        kind: str,
        written: dt.date,
        late: bool = False,
        interprets: Publication | None = None,
        document_number: str = "",
    ) -> Publication | None:
        """Draft → submit → content review → 保密审查 → publish (第十七条, 第二十六条)."""
        on = self._after(written, self.rng.randrange(22, 40) if late else self.rng.randrange(1, 15))
        if interprets is not None and interprets.published_on is not None:
            on = max(on, interprets.published_on)
        if on > self.today:
            return None
        topics = self._topics
        genres = {g.name: g for g in Genre.objects.filter(agency=None)}
        item = pub_actions.create_draft(
            actor=unit.officer,
            agency=unit.agency,
            title=title,
            written_on=written,
            kind=kind,
            summary=title,
            document_number=document_number,
            topic=self.rng.choice(topics),
            body=f"<p>{title}。</p><p>{self.rng.choice(names.PLACES)}相关工作按本文件执行。</p>",
            interprets=interprets,
            genre=genres.get(kinds.genre(title, kind)),
            channels=kinds.channels(kind, title),
        )
        pub_actions.submit(actor=unit.officer, publication=item)
        for review in ("content", "confidentiality"):
            pub_actions.sign_off(actor=unit.reviewer, publication=item, kind=review)
        return pub_actions.publish(actor=unit.officer, publication=item, on=on)

    def earlier_catalog(self, per_unit: int = 90) -> int:
        """The items each unit published before the platform, imported from its old site's
        catalog export (the migration path: published, with the earlier system's review)."""

        def rows(unit: Unit) -> Iterator[tuple[int, dict[str, Any]]]:
            for line in range(1, per_unit + 1):
                year = self.first_year - 1 - self.rng.randrange(3)
                written = self._workday(year)
                title = kinds.notice_title(
                    self.rng.choice(names.NOTICE_TITLES),
                    year=year, n=line, written=written, place=self.rng.choice(names.PLACES),
                )  # fmt: skip
                yield (
                    line,
                    {
                        "title": title,
                        "summary": title,
                        "written_on": written.isoformat(),
                        "published_on": self._after(written, self.rng.randrange(1, 15)).isoformat(),
                        "body": f"<p>{title}。</p>",
                        "genre": kinds.genre(title, "general"),
                        "channels": ";".join(kinds.channels("general", title)),
                    },
                )

        return sum(
            pub_actions.import_published(
                actor=unit.officer, agency=unit.agency, rows=rows(unit), source="原门户网站目录导出"
            )
            for unit in self.units
        )

    def publications(self, year: int) -> None:
        from gongkai.publications.models import Topic

        self._topics = list(Topic.objects.filter(agency=None)[:12])
        normative: list[tuple[Unit, Publication]] = []
        for unit in self.units:
            per_year = 4 if unit.agency == self.government else self.rng.randrange(0, 3)
            for n in range(per_year):
                written = self._workday(year, last=dt.date(year, 11, 30))
                title = self.rng.choice(names.NORMATIVE_TITLES).format(
                    topic=self.rng.choice(names.TOPICS)
                )
                number = f"{unit.agency.short_name}规〔{year}〕{n + 1}号"
                item = self._publish(
                    unit,
                    title=f"{unit.agency.short_name}{title}",
                    kind="normative",
                    written=written,
                    document_number=number,
                )
                if item is None:
                    continue
                normative.append((unit, item))
                if self.rng.random() < 0.6:  # 政策解读, usually published with the policy (三同步)
                    self._publish(
                        unit,
                        title=f"《{title}》政策解读",
                        kind="interpretation",
                        written=written,
                        interprets=item,
                        late=self.rng.random() < 0.15,
                    )
            for n in range(self.rng.randrange(6, 14)):
                written = self._workday(year)
                title = kinds.notice_title(
                    self.rng.choice(names.NOTICE_TITLES),
                    year=year, n=n + 1, written=written, place=self.rng.choice(names.PLACES),
                )  # fmt: skip
                self._publish(
                    unit,
                    title=title,
                    kind="general",
                    written=written,
                    late=self.rng.random() < 0.04,
                )
        # Repeal a few of the older normative documents (本年废止 / 现行有效).
        for unit, item in normative[:: max(1, len(normative) // 4)]:
            if item.written_on.year == year and year < self.today.year - 1:
                continue
            on = self._workday(year, dt.date(year, 6, 1))
            if item.published_on and on > item.published_on:
                pub_actions.change_validity(
                    actor=unit.officer,
                    publication=item,
                    validity="repealed",
                    on=on,
                    by_text=f"{unit.agency.short_name}规〔{year}〕废止决定",
                )

    def figures(self, year: int) -> None:
        """第二十条 figures each unit enters for section 二."""
        for unit in self.units:
            w = unit.weight
            pub_actions.record_figures(
                actor=unit.officer,
                agency=unit.agency,
                year=year,
                source="各科室报送",
                figures={
                    "licensing": w * self.rng.randrange(40, 400),
                    "penalties": w * self.rng.randrange(5, 120),
                    "enforcement": self.rng.randrange(0, 30),
                    "fees": f"{w * self.rng.randrange(1, 40) / 10:.2f}",
                },
            )
