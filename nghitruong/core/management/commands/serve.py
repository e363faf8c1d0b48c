"""`nghitruong serve`: run the real ASGI server (uvicorn), as the demo and benchmarks do."""

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ ASGI (uvicorn) / run the ASGI server (uvicorn)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        import uvicorn

        self.stdout.write(f"Nghị Trường Số: http://{options['host']}:{options['port']}/")
        uvicorn.run(
            "nghitruong.config.asgi:application",
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            log_level="warning",
            lifespan="off",
        )
