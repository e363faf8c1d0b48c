"""Fixtures of the consultation tests: the clock frozen at noon (Hà Nội time) on 12/03/2026, media
files in a temporary folder, and ``make_consultation`` (a consultation of council c01 taking
feedback from 10/03/2026 to 20/03/2026, both days included, driven to the state asked for)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from nghitruong.petitions.models import DraftConsultation
from nghitruong.petitions.tests.conftest import World
from nghitruong.petitions.tests.test_consultations.support import create_consultation, noon


@pytest.fixture
def clock(time_machine: Any) -> Any:
    time_machine.move_to(noon(dt.date(2026, 3, 12)), tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_consultation(world: World, clock: Any) -> Callable[..., DraftConsultation]:
    return lambda *a, **kw: create_consultation(world, *a, **kw)
