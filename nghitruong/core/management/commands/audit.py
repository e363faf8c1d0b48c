"""`nghitruong audit verify`: recompute the audit hash chain and report any tampering."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nghitruong.core.audit import audit_verify


class Command(BaseCommand):
    help = "Nhật ký kiểm toán / audit log: `verify` kiểm tra chuỗi băm / checks the hash chain."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="kiểm tra toàn bộ chuỗi / verify the whole chain")
        verify.add_argument(
            "--json", action="store_true", help="in kết quả dạng JSON / JSON output"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problems = audit_verify()
        if options.get("json"):
            self.stdout.write(
                json.dumps(
                    {
                        "checked": checked,
                        "ok": not problems,
                        "problems": [{"seq": p.seq, "problem": p.problem} for p in problems],
                    },
                    ensure_ascii=False,
                )
            )
        if problems:
            if not options.get("json"):
                for p in problems:
                    self.stderr.write(f"#{p.seq}: {p.problem}")
            raise CommandError(
                f"Nhật ký kiểm toán bị thay đổi: {len(problems)} lỗi trong {checked} bản ghi / "
                f"audit log tampered: {len(problems)} problem(s) in {checked} entries"
            )
        if not options.get("json"):
            self.stdout.write(
                f"Chuỗi nhật ký nguyên vẹn: {checked} bản ghi / audit chain intact: {checked} entries"
            )
