"""Petitions: deadline reminders and escalation (issue 5)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_classification")]

    operations: list[migrations.operations.base.Operation] = []
