"""Petitions: deadline reminders and escalation (issue 5)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_classification")]

    operations: list[migrations.operations.base.Operation] = [
        migrations.CreateModel(
            name="PetitionReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=24, verbose_name="loại nhắc")),
                ("due_date", models.DateField(verbose_name="thời hạn")),
                ("days_before", models.SmallIntegerField(verbose_name="số ngày trước hạn")),
                (
                    "escalated",
                    models.BooleanField(default=False, verbose_name="báo cáo cơ quan giám sát"),
                ),
                ("sent_on", models.DateField(verbose_name="ngày nhắc")),
                ("sent_at", models.DateTimeField()),
                ("recipients", models.JSONField(default=list, verbose_name="người nhận")),
                (
                    "petition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="petitions.petition",
                    ),
                ),
            ],
            options={
                "verbose_name": "nhắc hạn kiến nghị",
                "verbose_name_plural": "nhắc hạn kiến nghị",
                "ordering": ["sent_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("petition", "kind", "due_date"), name="petition_reminder_uniq"
                    )
                ],
            },
        ),
    ]
