"""Demo activity of the later modules: a National Assembly session with sittings (meetings), votes
on its agenda (voting), directives, tasks and confirmed obligations (tracking), voter petitions.
Each app owns its idempotent loader."""

from nghitruong.demo.common import Say, StepResult
from nghitruong.meetings.demo import demo_meetings_load, demo_polls_load
from nghitruong.petitions.demo import demo_petitions_load
from nghitruong.tracking.demo import demo_tracking_load


def _result(name: str, counts: dict[str, int], skipped: str) -> StepResult:
    result = StepResult(name)
    for kind, n in counts.items():
        result.add(kind, n)
    if not result.created:
        result.skipped = skipped
    return result


def seed_meetings(*, say: Say) -> StepResult:
    return _result(
        "Kỳ họp, phiên họp / sessions and sittings",
        demo_meetings_load(),
        "đã có kỳ họp demo / demo session already present",
    )


def seed_polls(*, say: Say) -> StepResult:
    return _result(
        "Biểu quyết điện tử / electronic votes",
        demo_polls_load(),
        "đã có biểu quyết demo / demo polls already present",
    )


def seed_tracking(*, say: Say) -> StepResult:
    return _result(
        "Theo dõi thi hành / implementation tracking",
        demo_tracking_load(),
        "đã có dữ liệu theo dõi demo / demo tracking data already present",
    )


def seed_petitions(*, say: Say) -> StepResult:
    return _result(
        "Kiến nghị cử tri / voter petitions",
        demo_petitions_load(),
        "đã có kiến nghị demo / demo petitions already present",
    )
