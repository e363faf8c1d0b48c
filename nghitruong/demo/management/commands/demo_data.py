"""``nghitruong demo-data``: fill the database with the demo (used by ``make demo``).

Idempotent: every step first checks what exists and adds only what is missing, so a second run
changes nothing, writes no audit entry and says so. Refuses to run on a database that holds
accounts other than the demo logins (a real deployment) unless ``--force`` is given.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nghitruong.demo.common import StepResult
from nghitruong.demo.selectors import audit_entry_count, na_summary, non_demo_usernames
from nghitruong.demo.steps import STEPS


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu demo: danh mục, Quốc hội khóa XVI (500 đại biểu), HĐND Hà Nội và TP.HCM, "
        "tài khoản demo, văn bản / Load the demo data (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="chạy cả khi CSDL có tài khoản không phải demo / run even with non-demo accounts",
        )

    def say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        others = non_demo_usernames()
        if others and not options["force"]:
            raise CommandError(
                "CSDL đã có tài khoản không phải demo (" + ", ".join(others) + "); demo-data tạo "
                "tài khoản với mật khẩu công khai nên không chạy / The database holds non-demo "
                "accounts; demo-data creates accounts with a public password, so it stops here. "
                "Use --force only on a throw-away database."
            )
        started = time.monotonic()
        audit_before = audit_entry_count()
        results: list[StepResult] = []
        for n, step in enumerate(STEPS, start=1):
            self.say(f"[{n}/{len(STEPS)}] {step.title}")
            results.append(self._report(step.run(say=self.say), started))

        self._summary()
        for result in results:
            for note in result.notes:
                self.say(note)
        added = audit_entry_count() - audit_before
        elapsed = time.monotonic() - started
        if any(r.created for r in results):
            self.say(
                f"Xong trong {elapsed:.1f} s; {added} mục nhật ký / done, {added} audit entries."
            )
        else:
            self.say(
                f"Không có gì thay đổi: dữ liệu demo đã đầy đủ ({elapsed:.1f} s) / "
                "Nothing changed: the demo data is already complete."
            )

    def _report(self, result: StepResult, started: float) -> StepResult:
        at = f"({time.monotonic() - started:.1f} s)"
        if result.created:
            made = ", ".join(f"{n} {kind}" for kind, n in result.created.items())
            self.say(f"  + {made} {at}")
        else:
            self.say(f"  = {result.skipped} {at}")
        return result

    def _summary(self) -> None:
        s = na_summary()
        if not s.deputies:
            return
        self.say(
            f"Quốc hội khóa XVI: {s.deputies} đại biểu trong {s.delegations} đoàn "
            f"({s.seats_min}–{s.seats_max} mỗi đoàn), nữ {100 * s.women / s.deputies:.1f} %, "
            f"dân tộc thiểu số {100 * s.minorities / s.deputies:.1f} % — tên do máy sinh, "
            "không phải người thật / generated names, not real people."
        )
