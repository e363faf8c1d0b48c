"""Petitions: public consultations on draft laws and resolutions (issue 5 §7)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("petitions", "0006_privacy")]

    operations: list[migrations.operations.base.Operation] = []
