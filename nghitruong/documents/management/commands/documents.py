"""``nghitruong documents import PATH`` / ``nghitruong documents export --format jsonl|akn OUT``
/ ``nghitruong documents demo --body CODE``."""

import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Confidentiality


class Command(BaseCommand):
    help = "Kho văn bản: nhập, xuất / Knowledge base: import, export"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Nhập tệp hoặc thư mục / import a file or folder")
        imp.add_argument("path")
        imp.add_argument("--body", default="", help="mã cơ quan / body code (default: the NA)")
        imp.add_argument(
            "--confidentiality", default=Confidentiality.PUBLIC, choices=Confidentiality.values
        )
        exp = sub.add_parser("export", help="Xuất văn bản công khai / export public documents")
        exp.add_argument("--format", choices=["jsonl", "akn"], default="jsonl")
        exp.add_argument("out")
        demo = sub.add_parser("demo", help="Nạp 17 luật mẫu / load the 17 demo laws")
        demo.add_argument("--body", default="")

    def _body(self, code: str) -> ElectedBody:
        qs = ElectedBody.objects.all()
        body = qs.filter(code=code).first() if code else qs.filter(kind="na").first()
        if body is None:
            raise CommandError(f"Không tìm thấy cơ quan / Body not found: {code or '(Quốc hội)'}")
        return body

    def _progress(self, done: int, total: int, name: str) -> None:
        self.stderr.write(f"\r[{done}/{total}] {name[:60]:<60}", ending="")
        if done == total:
            self.stderr.write("")

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"]
        started = time.monotonic()
        try:
            if action == "import":
                from nghitruong.documents.ingest import import_path

                report = import_path(
                    opts["path"],
                    body=self._body(opts["body"]),
                    confidentiality=opts["confidentiality"],
                    progress=self._progress if sys.stderr.isatty() else None,
                )
                for name, code, message in report.refused:
                    self.stderr.write(f"TỪ CHỐI / REFUSED {name} [{code}]: {message}")
                for name, reason in report.skipped:
                    self.stdout.write(f"Bỏ qua / skipped {name}: {reason}")
                self.stdout.write(report.summary())
            elif action == "export":
                from nghitruong.documents.ingest.export import export_akn, export_jsonl

                count = (export_jsonl if opts["format"] == "jsonl" else export_akn)(opts["out"])
                self.stdout.write(f"Đã xuất {count} mục / exported {count} items → {opts['out']}")
            else:
                from nghitruong.documents.services import demo_documents_load

                result = demo_documents_load(body=self._body(opts["body"]))
                self.stdout.write(result["report"].summary())
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"({time.monotonic() - started:.1f} s)")
