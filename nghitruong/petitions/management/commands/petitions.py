"""``nghitruong petitions check-deadlines [--date YYYY-MM-DD]`` / ``nghitruong petitions load-data``."""

import datetime as dt
import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Kiến nghị cử tri: kiểm tra thời hạn, nạp dữ liệu / Voter petitions: deadlines, data"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check-deadlines", help="Đánh dấu quá hạn (chạy hằng ngày) / flag overdue (daily)"
        )
        check.add_argument("--date", default="", help="ngày kiểm tra / check as of (YYYY-MM-DD)")
        sub.add_parser("load-data", help="Nạp lĩnh vực và lịch nghỉ lễ / load fields and holidays")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "check-deadlines":
            from nghitruong.petitions.services import petitions_check_deadlines

            try:
                on = dt.date.fromisoformat(opts["date"]) if opts["date"] else None
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ / Invalid date (YYYY-MM-DD)") from exc
            result = petitions_check_deadlines(on=on)
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        from nghitruong.petitions.data_load import load_calendar, load_fields
        from nghitruong.petitions.models import CalendarDay, PetitionField

        result = {"fields": load_fields(PetitionField), "calendar_days": load_calendar(CalendarDay)}
        self.stdout.write(json.dumps(result))
