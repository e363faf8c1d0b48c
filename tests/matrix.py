"""The declared spec table for the permission matrix (tests/test_permission_matrix.py).

Every URL pattern the project defines must have a spec here or in an app's own
``nghitruong/<app>/tests/matrix.py`` (a module-level ``SPECS: dict[str, Probe]``, merged in by the
test; a key declared twice is an error). Keys are the URL name with its namespace
(``"core:body_detail"``, ``"api-v1:get_body"``); an unnamed pattern is keyed by its full route
(``"admin/(?P<url>.*)$"``). ``PREFIX_SPECS`` covers whole trees (the Django admin) by route prefix.

A ``Probe`` tells the matrix how to fill the path parameters for "an object of body A" and "an
object of body B" (``kwargs(world, "A")``), whether anonymous visitors may read the URL, and what a
member of body A gets for body A's own object (the positive control that proves the parameters are
right; ``None`` when the page is not meant for a plain member, e.g. the admin).

The matrix signs in as ``deputy_a`` (a deputy of council A) and as nobody. An app whose URLs take
its own objects writes a ``kwargs`` function that creates (once, cached on the world) an object
owned by ``world.body(side)`` through the app's services, and appends a string that only readers
of that side may see to ``world.extra_markers[side]``. Example for
``nghitruong/voting/tests/matrix.py``::

    def poll_id(world, side):
        if side not in world.__dict__.setdefault("polls", {}):
            poll = poll_create(body=world.body(side), title=f"Biểu quyết kín {side}", actor=None)
            world.polls[side] = poll
            world.extra_markers[side].append(poll.title)
        return {"poll_id": world.polls[side].pk}

    SPECS = {"api-v1:voting_poll": Probe(kwargs=poll_id)}
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType

from nghitruong.core.models import ElectedBody
from tests.conftest import World

KwargsFn = Callable[[World, str], dict[str, Any]]


def no_kwargs(world: World, side: str) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Probe:
    kwargs: KwargsFn = no_kwargs
    public: bool = False
    owner_status: int | None = 200
    query: dict[str, str] = field(default_factory=dict)
    note: str = ""


def body_id(world: World, side: str) -> dict[str, Any]:
    return {"body_id": world.body(side).pk}


def own_token_id(world: World, side: str) -> dict[str, Any]:
    return {"token_id": world.tokens[side].pk}


def admin_kwargs(world: World, side: str) -> dict[str, Any]:
    """Any admin URL, pointed at body ``side``'s objects where it takes one."""
    return {
        "app_label": "core",
        "object_id": str(world.body(side).pk),
        "content_type_id": str(ContentType.objects.get_for_model(ElectedBody).pk),
        "pk": str(world.devices[f"deputy_{side.lower()}"].pk),
        "id": str(world.users[f"deputy_{side.lower()}"].pk),
        "url": "khong-co/",
    }


SPECS: dict[str, Probe] = {
    # Django
    "set_language": Probe(
        public=True, owner_status=302, note="POST changes language; GET redirects"
    ),
    # core (UI)
    "core:dashboard": Probe(),
    "core:welcome": Probe(public=True),
    "core:body_detail": Probe(kwargs=body_id),
    # core (API)
    "api-v1:api-root": Probe(public=True, owner_status=404, note="Ninja's root has no page"),
    "api-v1:openapi-json": Probe(public=True),
    "api-v1:openapi-view": Probe(public=True),
    "api-v1:list_bodies": Probe(),
    "api-v1:get_body": Probe(kwargs=body_id),
    "api-v1:list_body_members": Probe(kwargs=body_id),
    "api-v1:list_admin_units": Probe(public=True),
    "api-v1:list_agencies": Probe(public=True),
    # accounts (kept here until the accounts app ships nghitruong/accounts/tests/matrix.py)
    "accounts:account": Probe(),
    "accounts:login": Probe(
        public=True, owner_status=None, note="login page; members are redirected"
    ),
    "accounts:otp": Probe(public=True, owner_status=None, note="second-factor page"),
    "accounts:logout": Probe(public=True, owner_status=None, note="POST logs out"),
    "accounts:setup": Probe(owner_status=None, note="TOTP enrolment"),
    "accounts:recovery_codes": Probe(owner_status=None, note="POST only"),
    "accounts:tokens": Probe(),
    "accounts:token_revoke": Probe(kwargs=own_token_id, owner_status=405, note="POST only"),
    "api-v1:me": Probe(),
    "api-v1:tokens_list": Probe(),
    "api-v1:tokens_create": Probe(note="same route as tokens_list; GET lists"),
    "api-v1:tokens_revoke": Probe(kwargs=own_token_id, owner_status=405, note="POST only"),
}

PREFIX_SPECS: dict[str, Probe] = {
    # The admin: staff with a verified second factor only; members and visitors are sent to login.
    "admin/": Probe(kwargs=admin_kwargs, owner_status=None),
}
