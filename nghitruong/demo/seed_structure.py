"""Reference data (units, the body tree, terms, agencies) through the core app's loader."""

from nghitruong.core.services import reference_data_load
from nghitruong.demo.common import Say, StepResult


def seed_reference(*, say: Say) -> StepResult:
    result = StepResult("Dữ liệu danh mục / reference data")
    counts = reference_data_load(actor=None, progress=lambda m: say(f"  {m}"))
    for kind, n in counts.items():
        result.add(kind, n)
    if not result.created:
        result.skipped = "đã đầy đủ / complete"
    return result
