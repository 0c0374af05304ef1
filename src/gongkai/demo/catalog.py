"""Proactive disclosure: earlier catalogs, this period's items with interpretations, figures."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from gongkai.demo import kinds, names
from gongkai.demo.base import Base, Unit
from gongkai.publications import actions as pub_actions
from gongkai.publications.models import CatalogItem, Domain, Genre, Publication


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
        form: str = "",
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
            interpretation_form=form,
            speakers=_speakers(unit, title) if form == "press" else "",
            genre=genres.get(kinds.genre(title, kind)),
            channels=kinds.channels(kind, title, form),
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
                title, _domain, _matter = self._notice(unit, year, written)
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

    def _profile(self, unit: Unit) -> tuple[tuple[str, ...], tuple[names.Notice, ...]]:
        """The subjects of the unit's documents and the notices it publishes (by its name)."""
        for key, topics, notices in names.UNIT_PROFILES:
            if key in unit.agency.name:
                return topics, notices
        return names.TOPICS, tuple((t, "", "") for t in names.NOTICE_TITLES)

    def _notice(self, unit: Unit, year: int, written: dt.date) -> names.Notice:
        """A notice of the unit's kind: (title, domain, matter). Batch numbers count up per
        unit, template and year; a title already used is drawn again (a few times)."""
        batches: dict[tuple[int, str, int], int] = self.__dict__.setdefault("_batches", {})
        titles: set[tuple[int, str]] = self.__dict__.setdefault("_titles", set())
        _topics, own = self._profile(unit)
        for _attempt in range(6):
            # Mostly the unit's own business; now and then what every unit publishes.
            notices = own if self.rng.random() < 0.8 else names.GENERIC_NOTICES
            template, domain, matter = self.rng.choice(notices)
            key = (unit.agency.pk, template, year)
            title = kinds.notice_title(
                template, year=year, n=batches.get(key, 0) + 1, written=written,
                place=self.rng.choice(names.PLACES),
            )  # fmt: skip
            if (unit.agency.pk, title) not in titles:
                break
        batches[key] = batches.get(key, 0) + 1
        titles.add((unit.agency.pk, title))
        return title, domain, matter

    def _file(self, unit: Unit, item: Publication, domain: str, matter: str) -> None:
        """File the item under the unit's standard catalog row of ``domain`` (made once)."""
        rows: dict[tuple[int, str, str], CatalogItem] = self.__dict__.setdefault("_rows", {})
        key = (unit.agency.pk, domain, matter)
        if key not in rows:
            number = 1 + sum(1 for k in rows if k[0] == unit.agency.pk)
            rows[key] = pub_actions.save_catalog_item(
                actor=unit.officer, agency=unit.agency,
                domain=Domain.objects.get(agency=None, name=domain), number=number,
                matter=matter, content=f"{matter}相关信息", subject=unit.agency.name,
                channels="政府网站、政务新媒体",
            )  # fmt: skip
        pub_actions.file_under(actor=unit.officer, publication=item, item=rows[key])

    def publications(self, year: int) -> None:
        from gongkai.publications.models import Topic

        self._topics = list(Topic.objects.filter(agency=None)[:12])
        normative: list[tuple[Unit, Publication]] = []
        for unit in self.units:
            per_year = 4 if unit.agency == self.government else self.rng.randrange(0, 3)
            for n in range(per_year):
                written = self._workday(year, last=dt.date(year, 11, 30))
                subjects, _notices = self._profile(unit)
                title = self.rng.choice(names.NORMATIVE_TITLES).format(
                    topic=self.rng.choice(subjects)
                )
                number = f"{unit.agency.short_name}规〔{year}〕{n + 1}号"
                # 关于… is preceded by the issuing agency's name; 办法 by the district's.
                issuer = unit.agency.name if title.startswith("关于") else "温州市瓯江区"
                item = self._publish(
                    unit,
                    title=f"{issuer}{title}",
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
                        title=f"《{issuer}{title}》政策解读",
                        kind="interpretation",
                        written=written,
                        interprets=item,
                        late=self.rng.random() < 0.15,
                        form="text",
                    )
                    # And one of the other forms (国办发〔2016〕80号), the same for a title.
                    form, wording = names.INTERPRETATION_FORMS[
                        sum(map(ord, title)) % len(names.INTERPRETATION_FORMS)
                    ]
                    self._publish(
                        unit,
                        title=wording.format(title=f"{issuer}{title}"),
                        kind="interpretation",
                        written=written,
                        interprets=item,
                        form=form,
                    )
            for _n in range(self.rng.randrange(6, 14)):
                written = self._workday(year)
                title, domain, matter = self._notice(unit, year, written)
                notice = self._publish(
                    unit,
                    title=title,
                    kind="general",
                    written=written,
                    late=self.rng.random() < 0.04,
                )
                if notice is not None and domain:
                    self._file(unit, notice, domain, matter)
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


def _speakers(unit: Unit, title: str) -> str:
    """A 新闻发布会's speakers (fictional names), drawn from the title so that the demo's own
    random sequence, and with it every other figure, stays as it was."""
    rng = random.Random(title)
    people = [rng.choice(names.SURNAMES) + "".join(rng.sample(names.GIVEN, 2)) for _ in range(2)]
    return f"{unit.agency.name}副局长{people[0]}，相关科室负责人{people[1]}"
