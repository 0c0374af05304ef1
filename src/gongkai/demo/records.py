"""复议 and 诉讼, and the annual reports (the imported year, both computed years)."""

from __future__ import annotations

import datetime as dt

from gongkai.cases import actions as case_actions
from gongkai.cases.models import Case
from gongkai.demo import names, prose
from gongkai.demo.applications import APPLICANT_WEIGHTS, OUTCOME_WEIGHTS
from gongkai.demo.base import Base


class Records(Base):
    def disputes(self) -> None:
        """About a dozen reviews and suits over the two years; some corrected (the case reopens)."""
        from gongkai.disputes import actions as dispute_actions

        by_agency = {unit.agency.pk: unit for unit in self.units}
        served = list(
            Case.objects.filter(status="served", outcome__in=["3.2", "3.4.1", "3.3.4", "3.5.2"])
            .filter(concluded_on__year__in=self.years)
            .order_by("pk")
        )
        for case in self.rng.sample(served, min(12, len(served))):
            unit = by_agency[case.agency_id]
            assert case.concluded_on is not None
            filed = self._after(case.concluded_on, self.rng.randrange(10, 40))
            if filed > self.today:
                continue
            litigation = self.rng.random() < 0.35
            dispute = dispute_actions.record_dispute(
                actor=unit.officer,
                case=case,
                kind="litigation_direct" if litigation else "review",
                body="温州市瓯江区人民法院" if litigation else names.GOVERNMENT,
                filed_on=filed,
                today=filed,
            )
            self.dispute_clock(dispute)  # type: ignore[attr-defined]  # demo/supervision.py
            decided = self._after(filed, self.rng.randrange(30, 70))
            if decided > self.today:
                continue  # 尚未审结
            outcome = self.rng.choices(("upheld", "corrected", "other"), weights=(6, 2, 2))[0]
            dispute_actions.record_decision(
                actor=unit.officer,
                dispute=dispute,
                outcome=outcome,
                decided_on=decided,
                today=decided,
            )
            if outcome == "corrected":
                case.refresh_from_db()
                again = self._after(decided, self.rng.randrange(5, 15))
                if again <= self.today:
                    case_actions.decide(
                        actor=unit.officer,
                        case=case,
                        outcome="3.1",
                        decided_on=again,
                        provision="按复议决定重新答复，以电子邮件方式提供",
                        today=again,
                    )
                    case_actions.serve(
                        actor=unit.officer,
                        case=case,
                        method="online",
                        served_on=again,
                        today=again,
                    )

    def prior_report_text(self) -> str:
        """The government's published report for the year before the platform, as plain text.

        Its 结转下年度继续办理 are the applications registered in December of that year; the
        rest is what such a district reports.
        """
        from gongkai.core.report import compute as rc
        from gongkai.core.report import narrative

        year = self.first_year - 1
        facts: list[rc.CaseFact] = []
        columns = list(APPLICANT_WEIGHTS)
        labels = {key: label for key, label in zip(columns, rc.APPLICANT_TYPES, strict=True)}
        for received, kind in Case.objects.filter(received_on__year=year).values_list(
            "received_on", "applicant_type"
        ):
            assert received is not None  # the filter's year
            facts.append(rc.CaseFact(received=received, applicant_type=labels[kind]))
        for _ in range(260):
            kind = self.rng.choices(columns, weights=list(APPLICANT_WEIGHTS.values()))[0]
            received = self._workday(year, last=dt.date(year, 11, 30))
            outcome = self.rng.choices(
                list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values())
            )[0]
            facts.append(
                rc.CaseFact(
                    received=received,
                    applicant_type=labels[kind],
                    concluded=self._after(received, 15),
                    outcome=outcome,
                )
            )
        disputes = [
            rc.DisputeFact("review", dt.date(year, 5, 6), dt.date(year, 7, 1), "upheld"),
            rc.DisputeFact("review", dt.date(year, 9, 2), dt.date(year, 10, 30), "corrected"),
            rc.DisputeFact(
                "litigation_direct", dt.date(year, 8, 5), dt.date(year, 11, 20), "upheld"
            ),
        ]
        report = rc.compute_report(
            names.GOVERNMENT,
            year,
            facts,
            disputes,
            proactive={
                "rules": {"issued": 0, "repealed": 0, "in_force": 0},
                "normative": {"issued": 9, "repealed": 2, "in_force": 58},
                "licensing": {"decisions": 18345},
                "penalty": {"decisions": 7420},
                "coercion": {"decisions": 133},
                "fees": {"amount_wan_yuan": 412.5},
            },
        )
        draft = narrative.draft(report, fees_yuan=0, government=True, subject="本区")
        # As published: the office wrote out every placeholder of the draft.
        written = narrative.Draft(
            opening=prose.fill(draft.opening),
            overview=prose.fill(draft.overview),
            problems=prose.fill(draft.problems),
            other=prose.fill(draft.other),
        )
        return narrative.document_text(report, written)

    def reports(self) -> None:
        from gongkai.annual_reports import actions as report_actions

        gov = self.units[0]
        report_actions.import_prior_year(
            actor=gov.officer,
            agency=self.government,
            text=self.prior_report_text(),
            year=self.first_year - 1,
        )
        for year in self.years:
            report = report_actions.create_draft(
                actor=gov.officer,
                agency=self.government,
                year=year,
                rollup=True,
                today=self.today,
            )
            for section, text in report.data.get("narrative", {}).items():
                filled = prose.fill(text)
                if filled != text:
                    report_actions.edit_narrative(
                        actor=gov.officer, report=report, section=section, text=filled
                    )
            report.refresh_from_db()
            # 第五十条: a government publishes by 31 March; both years are past that.
            report_actions.mark_reviewed(actor=gov.head, report=report)
            report_actions.publish(actor=gov.head, report=report)
        # Each department's and township's own draft for last year (not yet published).
        for unit in self.units[1:]:
            report_actions.create_draft(
                actor=unit.officer, agency=unit.agency, year=self.years[-1], today=self.today
            )
