"""Petitions: personal-data requests (PDPL 2025) and retention (issue 5)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_supervision")]

    operations: list[migrations.operations.base.Operation] = []
