"""A registry of benchmark subcommands for ``nghitruong bench <name>``.

Apps register their benchmarks in ``AppConfig.ready`` (``register("retrieval", handler,
add_arguments)``); the ``bench`` management command builds one sub-parser per registered name.
A handler receives the parsed options as a dict and returns one JSON-serialisable dict, which the
command prints as a single JSON object (house rule: speed is measured by commands, not tests).
"""

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[[dict[str, Any]], dict[str, Any]]
ArgumentAdder = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Benchmark:
    name: str
    handler: Handler
    add_arguments: ArgumentAdder | None
    help: str


_registry: dict[str, Benchmark] = {}


def register(
    name: str, handler: Handler, add_arguments: ArgumentAdder | None = None, *, help: str = ""
) -> None:
    """Register (or re-register, idempotently) a benchmark under ``name``."""
    _registry[name] = Benchmark(name=name, handler=handler, add_arguments=add_arguments, help=help)


def benchmarks() -> dict[str, Benchmark]:
    return dict(sorted(_registry.items()))
