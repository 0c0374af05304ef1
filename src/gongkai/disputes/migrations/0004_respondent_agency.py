# ruff: noqa: RUF012 — written by hand (a data step between two schema steps)
"""A dispute names its respondent agency; its case becomes optional (linked later).

Existing rows keep their case and get its agency as respondent before the column becomes
required, so no row is lost or left without one.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def respondent_from_case(apps: Any, schema_editor: Any) -> None:
    Dispute = apps.get_model("disputes", "Dispute")
    for dispute in Dispute.objects.select_related("case").filter(agency__isnull=True):
        dispute.agency_id = dispute.case.agency_id
        dispute.save(update_fields=["agency"])


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("cases", "0001_initial"),
        ("disputes", "0003_respondent_clock"),
    ]

    operations = [
        migrations.AddField(
            model_name="dispute",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="disputes",
                to="agencies.agency",
                verbose_name="respondent",
            ),
        ),
        migrations.RunPython(respondent_from_case, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dispute",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="disputes",
                to="agencies.agency",
                verbose_name="respondent",
            ),
        ),
        migrations.AlterField(
            model_name="dispute",
            name="case",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="disputes",
                to="cases.case",
                verbose_name="application",
            ),
        ),
        migrations.AlterField(
            model_name="disputeevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("filed", "Filed"),
                    ("stage", "Stage changed"),
                    ("decided", "Decided"),
                    ("document", "Document added"),
                    ("copy_received", "Copy received"),
                    ("replied", "Reply submitted"),
                    ("linked", "Linked to its application"),
                ],
                max_length=40,
            ),
        ),
    ]
