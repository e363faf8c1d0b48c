"""Ship the field list and the holiday calendar as data (petitions/data/*.json).

Both are loaded by the same idempotent loaders the ``nghitruong petitions load-data`` command uses,
so a later year's calendar is added by editing the JSON and re-running the command.
"""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    from nghitruong.petitions.data_load import load_calendar, load_fields

    load_fields(apps.get_model("petitions", "PetitionField"))
    load_calendar(apps.get_model("petitions", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
