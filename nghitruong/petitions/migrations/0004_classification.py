"""Petitions: field/agency suggestions and related legal provisions (issue 5)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_moderation_merging")]

    operations: list[migrations.operations.base.Operation] = []
