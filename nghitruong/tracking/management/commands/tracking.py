"""``nghitruong tracking check-deadlines|generate-recurring|send-reminders [--date YYYY-MM-DD]``
and ``nghitruong tracking propose-obligations [--work ID]`` — daily runs, all idempotent."""

import datetime as dt
import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Theo dõi thực hiện: việc chạy hằng ngày / Implementation tracking: daily runs"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("check-deadlines", "Đánh dấu quá hạn từ ngày sau hạn / mark overdue the day after"),
            ("generate-recurring", "Tạo nhiệm vụ báo cáo định kỳ / create recurring report tasks"),
            ("send-reminders", "Nhắc hạn trước và đúng hạn / deadline reminders"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("--date", default="", help="ngày chạy / run as of (YYYY-MM-DD)")
        p = sub.add_parser("propose-obligations", help="Đề xuất nghĩa vụ / propose obligations")
        p.add_argument("--work", type=int, default=0, help="id văn bản (mặc định: tất cả luật)")

    def handle(self, *args: Any, **opts: Any) -> None:
        from nghitruong.tracking import services

        action = opts["action"]
        if action == "propose-obligations":
            from nghitruong.documents.models import Work
            from nghitruong.tracking.services.obligations import DELEGATING_TYPES

            works = Work.objects.filter(doc_type__in=list(DELEGATING_TYPES))
            if opts["work"]:
                works = works.filter(pk=opts["work"])
            counts = {w.pk: len(services.obligations_propose(work=w)) for w in works}
            closed = services.obligations_fulfil_from_relations(work_ids=list(counts))
            self.stdout.write(json.dumps({"proposed": counts, "fulfilled": closed}))
            return
        try:
            on = dt.date.fromisoformat(opts["date"]) if opts["date"] else None
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ / Invalid date (YYYY-MM-DD)") from exc
        run = {
            "check-deadlines": services.tasks_check_deadlines,
            "generate-recurring": services.recurring_tasks_generate,
            "send-reminders": services.reminders_send,
        }[action]
        self.stdout.write(json.dumps(run(on=on), ensure_ascii=False))
