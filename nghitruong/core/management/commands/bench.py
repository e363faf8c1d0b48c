"""`nghitruong bench <name> ...`: run a registered benchmark and print one JSON object."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nghitruong.core.bench import benchmarks


class Command(BaseCommand):
    help = "Chạy một phép đo hiệu năng / Run a benchmark (prints one JSON object)"

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="benchmark", metavar="BENCHMARK")
        for bench in benchmarks().values():
            sub = subparsers.add_parser(bench.name, help=bench.help)
            if bench.add_arguments is not None:
                bench.add_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        name = options.get("benchmark")
        registry = benchmarks()
        if not name or name not in registry:
            raise CommandError(
                "Cần chọn một phép đo / Choose a benchmark: " + ", ".join(registry) or "—"
            )
        result = registry[name].handler(options)
        self.stdout.write(json.dumps(result, ensure_ascii=False))
