"""Issue 2 §4: no URL lets a member of body A (or an anonymous visitor) read body B's data.

Every URL pattern of the project (Django's resolver walked recursively, Ninja's API included) must
have a spec in ``tests/matrix.py`` or an app's ``nghitruong/<app>/tests/matrix.py``; a new URL
without one fails ``test_every_url_has_a_spec``, so future URLs are covered automatically.
"""

import importlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests import matrix
from tests.matrix import Probe

DENIED = {302, 401, 403, 404, 405}
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


@dataclass(frozen=True)
class Url:
    key: str
    route: str


def walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[Url]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            if p.name:
                yield Url(f"{namespace}:{p.name}" if namespace else p.name, route)
            else:
                yield Url(route, route)


def all_urls() -> list[Url]:
    seen: dict[str, Url] = {}
    for url in walk(get_resolver().url_patterns):
        seen.setdefault(url.key, url)
    return list(seen.values())


def all_specs() -> dict[str, Probe]:
    """The core table plus every app's ``tests/matrix.py``; a key declared twice is an error."""
    specs = dict(matrix.SPECS)
    for config in apps.get_app_configs():
        if not config.name.startswith("nghitruong."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name in (f"{config.name}.tests.matrix", f"{config.name}.tests"):
                continue
            raise
        duplicate = set(specs) & set(module.SPECS)
        assert not duplicate, f"declared twice: {sorted(duplicate)}"
        specs.update(module.SPECS)
    return specs


def spec_for(url: Url, specs: dict[str, Probe]) -> Probe | None:
    if url.key in specs:
        return specs[url.key]
    for prefix, probe in matrix.PREFIX_SPECS.items():
        if url.route.startswith(prefix):
            return probe
    return None


def build_path(route: str, kwargs: dict[str, object]) -> str:
    """``bodies/<int:body_id>/`` + {"body_id": 3} → ``/bodies/3/`` (regex groups filled too)."""

    def fill(match: re.Match[str]) -> str:
        return str(kwargs[match.group(1)])

    path = re.sub(r"<(?:\w+:)?(\w+)>", fill, route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, path)
    return "/" + path.replace("^", "").replace("$", "")


def test_every_url_has_a_spec():
    specs = all_specs()
    missing = sorted(url.key for url in all_urls() if spec_for(url, specs) is None)
    assert missing == [], f"add a Probe for these URLs to tests/matrix.py or the app's: {missing}"


def test_no_stale_specs():
    keys = {url.key for url in all_urls()}
    stale = sorted(set(all_specs()) - keys)
    assert stale == [], f"specs for URLs that no longer exist: {stale}"


def _text(response) -> str:
    """The response as text to search for markers. JSON is re-serialised without \\u escapes:
    Ninja escapes non-ASCII, so a Vietnamese marker would otherwise never be found in an API
    answer even when it leaks."""
    body = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            return json.dumps(json.loads(body), ensure_ascii=False)
        except ValueError:
            return body
    return body


def _denied(response, markers: list[str]) -> str | None:
    """None if ``response`` refuses and shows none of ``markers``; else what went wrong."""
    body = _text(response)
    leaked = [m for m in markers if m in body]
    if leaked:
        return f"leaks {leaked}"
    if response.status_code not in DENIED:
        return f"status {response.status_code}"
    if response.status_code == 302 and not response["Location"].startswith(LOGIN_PATHS):
        location = response["Location"]
        if any(m in location for m in markers):
            return f"redirect leaks marker: {location}"
    return None


@pytest.mark.django_db
def test_no_url_leaks_another_bodys_data(world, login_as):
    specs = all_specs()
    clients = {"anonymous": Client(), "member A": login_as("deputy_a")}
    problems: list[str] = []
    checked = 0
    for url in all_urls():
        probe = spec_for(url, specs)
        if probe is None:  # test_every_url_has_a_spec fails and names it
            continue
        path_a = build_path(url.route, probe.kwargs(world, "A"))
        path_b = build_path(url.route, probe.kwargs(world, "B"))
        markers_a, markers_b = world.private_markers("A"), world.private_markers("B")
        # Member of A asking for B's object; a URL without an object (a list, the dashboard)
        # answers member A with A's own view, which must not contain B's data either.
        outcome = clients["member A"].get(path_b, probe.query)
        if probe.public or path_a == path_b:
            if any(m in _text(outcome) for m in markers_b):
                problems.append(f"{url.key} {path_b}: member A sees B's data")
        elif (why := _denied(outcome, markers_b)) is not None:
            problems.append(f"{url.key} {path_b} as member A: {why}")
        # Anonymous visitor asking for either body's object.
        for path, markers in ((path_a, markers_a), (path_b, markers_b)):
            outcome = Client().get(path, probe.query)
            if probe.public:
                text = _text(outcome)
                if any(m in text for m in markers):
                    problems.append(f"{url.key} {path}: public page shows private data")
                if probe.owner_status is not None and outcome.status_code >= 500:
                    problems.append(f"{url.key} {path} anonymous: {outcome.status_code}")
            elif (why := _denied(outcome, markers)) is not None:
                problems.append(f"{url.key} {path} anonymous: {why}")
        # Positive control: member of A on A's own object.
        if probe.owner_status is not None:
            own = clients["member A"].get(path_a, probe.query)
            if own.status_code != probe.owner_status:
                problems.append(
                    f"{url.key} {path_a} as member A: {own.status_code} != {probe.owner_status}"
                )
        checked += 1
    assert problems == [], "\n".join(problems)
    assert checked == sum(1 for url in all_urls() if spec_for(url, specs) is not None)
