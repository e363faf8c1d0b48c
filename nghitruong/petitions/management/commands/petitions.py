"""``nghitruong petitions check-deadlines [--date YYYY-MM-DD]``, ``nghitruong petitions
send-reminders [--date YYYY-MM-DD]`` (both daily, idempotent), ``nghitruong petitions load-data``,
``nghitruong petitions apply-retention [--date YYYY-MM-DD] [--dry-run]`` (daily, idempotent),
``nghitruong petitions train-classifier [--body CODE]`` (after a round of confirmations)."""

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
            "check-deadlines",
            help="Đánh dấu quá hạn, đóng lấy ý kiến đã hết hạn (hằng ngày) / flag overdue, close "
            "consultations past their closing date (daily)",
        )
        check.add_argument("--date", default="", help="ngày kiểm tra / check as of (YYYY-MM-DD)")
        remind = sub.add_parser(
            "send-reminders",
            help="Nhắc hạn, báo quá hạn (chạy hằng ngày) / deadline reminders, escalation (daily)",
        )
        remind.add_argument("--date", default="", help="ngày nhắc / remind as of (YYYY-MM-DD)")
        sub.add_parser("load-data", help="Nạp lĩnh vực và lịch nghỉ lễ / load fields and holidays")
        train = sub.add_parser(
            "train-classifier",
            help="Huấn luyện mô hình gợi ý phân loại / train the classification suggestion model",
        )
        train.add_argument(
            "--body", default="", help="mã cơ quan dân cử; bỏ trống: mọi cơ quan / body code"
        )
        retention = sub.add_parser(
            "apply-retention",
            help="Ẩn danh người kiến nghị hết thời hạn lưu trữ (hằng ngày) / anonymise petitioners "
            "past retention (daily)",
        )
        retention.add_argument("--date", default="", help="tính đến ngày / as of (YYYY-MM-DD)")
        retention.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ liệt kê, không ghi / list only, write nothing",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "train-classifier":
            self._train_classifier(opts["body"])
            return
        if opts["action"] == "apply-retention":
            from nghitruong.petitions.services import petitioners_apply_retention

            try:
                day = dt.date.fromisoformat(opts["date"]) if opts["date"] else None
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ / Invalid date (YYYY-MM-DD)") from exc
            outcome = petitioners_apply_retention(on=day, dry_run=opts["dry_run"])
            self.stdout.write(json.dumps(outcome, ensure_ascii=False))
            return
        if opts["action"] == "check-deadlines":
            from nghitruong.petitions.services import petitions_daily_check

            try:
                on = dt.date.fromisoformat(opts["date"]) if opts["date"] else None
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ / Invalid date (YYYY-MM-DD)") from exc
            result = petitions_daily_check(on=on)
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        if opts["action"] == "send-reminders":
            from nghitruong.petitions.services import petition_reminders_send

            try:
                on = dt.date.fromisoformat(opts["date"]) if opts["date"] else None
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ / Invalid date (YYYY-MM-DD)") from exc
            self.stdout.write(json.dumps(petition_reminders_send(on=on), ensure_ascii=False))
            return
        from nghitruong.petitions.data_load import load_calendar, load_fields
        from nghitruong.petitions.models import CalendarDay, PetitionField

        result = {"fields": load_fields(PetitionField), "calendar_days": load_calendar(CalendarDay)}
        self.stdout.write(json.dumps(result))

    def _train_classifier(self, code: str) -> None:
        from nghitruong.core.exceptions import ApplicationError
        from nghitruong.core.models import ElectedBody
        from nghitruong.petitions.services import petition_classifier_train

        body = ElectedBody.objects.filter(code=code).first() if code else None
        if code and body is None:
            raise CommandError("Không có cơ quan dân cử này / Unknown body code")
        try:
            row = petition_classifier_train(actor=None, body=body)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        out = {
            "model": row.pk,
            "body": code or None,
            "samples": row.samples,
            "agency_samples": row.agency_samples,
            "fields": row.fields_seen,
            "evaluation": row.evaluation,
        }
        self.stdout.write(json.dumps(out, ensure_ascii=False))
