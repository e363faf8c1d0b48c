"""Voting screens: the deputy's panel, the chair's console, the hall screen, the public view.

Thin views (house rule 1): reach the object through ``access_body`` / ``access_poll`` (a body or
poll the user may not reach is a 404), call one service or selector, render. Live updates: each
page holds a ``[data-live-stream]`` root (``static/voting/live.js``) that listens to an SSE stream
(the async ``*_events`` views below, served by ASGI) and re-fetches its server-rendered fragments
on every state event and on every (re)connect.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from nghitruong.accounts.decorators import require_verified, verified_login_required
from nghitruong.accounts.permissions import access_body, is_staff_of
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.core.models import ElectedBody
from nghitruong.realtime.sse import sse_view_response
from nghitruong.voting import rules, services
from nghitruong.voting.live import (
    body_channel,
    poll_channel,
    poll_live_state,
    poll_voted_count,
    public_poll,
)
from nghitruong.voting.models import Poll, PollOption
from nghitruong.voting.selectors import (
    access_poll,
    poll_list,
    poll_result_board,
    poll_result_board_for,
    voter_status,
)
from nghitruong.voting.tickets import ballot_ticket_issue

RECENT_POLLS = 10
PUBLIC_INTERVAL = 1.0
TRANSITIONS: dict[str, Callable[..., Any]] = {
    "start": services.poll_start,
    "stop": services.poll_stop,
    "publish": services.poll_publish,
    "reset": services.poll_reset,
}


def _body(request: HttpRequest, body_id: int) -> ElectedBody:
    try:
        return access_body(request.user, body_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


def _poll(request: HttpRequest, poll_id: int) -> Poll:
    try:
        return access_poll(request.user, poll_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


# -- the deputy's panel ------------------------------------------------------------------------
def _panel_context(request: HttpRequest, body: ElectedBody) -> dict[str, Any]:
    polls = list(
        poll_list(body=body, user=request.user)
        .exclude(state=Poll.State.CREATED)
        .prefetch_related("options")[:RECENT_POLLS]
    )
    cards: list[dict[str, Any]] = [
        {
            "poll": poll,
            "options": list(poll.options.all()),
            "me": voter_status(poll=poll, user=request.user),
            "board": poll_result_board_for(user=request.user, poll=poll),
            "voted": poll_voted_count(poll) if poll.state == Poll.State.STARTED else None,
        }
        for poll in polls
    ]
    _issue_tickets(request, cards)
    return {
        "body": body,
        "open_cards": [c for c in cards if c["poll"].state == Poll.State.STARTED],
        "closed_cards": [c for c in cards if c["poll"].state != Poll.State.STARTED],
        "shell_body_id": body.pk,
    }


def _issue_tickets(request: HttpRequest, cards: list[dict[str, Any]]) -> None:
    """A ballot ticket (``voting.tickets``) for each started poll the deputy may still vote in:
    the panel's script casts through the ballot lane with it (decision 0007); without script,
    or when the lane refuses the ticket, the form posts to ``cast`` as before."""
    person = getattr(request.user, "person", None)
    session_key = request.session.session_key
    for card in cards:
        poll, me = card["poll"], card["me"]
        if (
            person is not None
            and session_key
            and poll.state == Poll.State.STARTED
            and poll.kind != Poll.Kind.PAPER
            and me.entitled
            and not me.has_voted
        ):
            card["ticket"] = ballot_ticket_issue(
                poll_id=poll.pk, person_id=person.pk, session_key=session_key
            )


@require_GET
@verified_login_required
def panel(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    return render(request, "voting/panel.html", _panel_context(request, body))


@require_GET
@verified_login_required
def panel_fragment(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _body(request, body_id)
    return render(request, "voting/_panel.html", _panel_context(request, body))


@require_POST
@verified_login_required
def cast(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = _poll(request, poll_id)
    error = ""
    option = PollOption.objects.filter(pk=_int(request.POST.get("option")), poll=poll).first()
    try:
        if option is None:
            raise ApplicationError(
                "Phương án không thuộc cuộc biểu quyết này / The option is not part of this poll",
                code="invalid_option",
            )
        services.ballot_cast(poll=poll, user=request.user, option=option)
    except ApplicationError as exc:
        error = exc.message
    if not getattr(request, "htmx", False):
        if error:
            messages.error(request, error)
        return HttpResponseRedirect(reverse("voting:panel", args=[poll.body_id]))
    context = _panel_context(request, poll.body)
    context["error"] = error
    # 200 even on a refusal: the fragment carries the message and htmx swaps only 2xx answers.
    return render(request, "voting/_panel.html", context)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# -- the chair's console -----------------------------------------------------------------------
def _staff_body(request: HttpRequest, body_id: int) -> ElectedBody:
    body = _body(request, body_id)
    if not is_staff_of(request.user, body):
        raise PermissionDenied(
            "Bạn không có quyền thực hiện thao tác này / You may not perform this action"
        )
    return body


def _console_context(request: HttpRequest, body: ElectedBody) -> dict[str, Any]:
    polls = list(poll_list(body=body, user=request.user)[:RECENT_POLLS])
    return {
        "body": body,
        "rows": [
            {"poll": p, "live": poll_live_state(p), "board": poll_result_board(poll=p)}
            for p in polls
        ],
        "kinds": Poll.Kind.choices,
        "matters": [(m.value, label) for m, label in rules.MATTER_LABELS.items()],
        "shell_body_id": body.pk,
    }


@verified_login_required
def console(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _staff_body(request, body_id)
    if request.method == "POST":
        try:
            services.poll_create(
                actor=request.user,
                body=body,
                title=request.POST.get("title", ""),
                kind=request.POST.get("kind", ""),
                matter=request.POST.get("matter", rules.Matter.RESOLUTION),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("voting:console", args=[body.pk]))
    return render(request, "voting/console.html", _console_context(request, body))


@require_GET
@verified_login_required
def console_fragment(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _staff_body(request, body_id)
    return render(request, "voting/_console.html", _console_context(request, body))


@require_POST
@verified_login_required
def transition(request: HttpRequest, poll_id: int, action: str) -> HttpResponse:
    poll = _poll(request, poll_id)
    if action not in TRANSITIONS:
        raise Http404
    if not is_staff_of(request.user, poll.body):
        raise PermissionDenied(
            "Bạn không có quyền thực hiện thao tác này / You may not perform this action"
        )
    try:
        TRANSITIONS[action](actor=request.user, poll=poll)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return HttpResponseRedirect(reverse("voting:console", args=[poll.body_id]))


# -- the hall screen ---------------------------------------------------------------------------
def _hall_context(request: HttpRequest, poll: Poll) -> dict[str, Any]:
    return {
        "poll": poll,
        "live": poll_live_state(poll),
        "board": poll_result_board_for(user=request.user, poll=poll),
    }


@require_GET
@verified_login_required
def hall(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = _poll(request, poll_id)
    return render(request, "voting/hall.html", _hall_context(request, poll))


@require_GET
@verified_login_required
def hall_board(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = _poll(request, poll_id)
    return render(request, "voting/_hall_board.html", _hall_context(request, poll))


# -- the public observer view ------------------------------------------------------------------
def _public(poll_id: int) -> Poll:
    try:
        return public_poll(poll_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


def _public_context(poll: Poll) -> dict[str, Any]:
    board = poll_result_board(poll=poll) if poll.state == Poll.State.PUBLISHED else None
    return {"poll": poll, "live": poll_live_state(poll), "board": board}


@require_GET
def public(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = _public(poll_id)
    return render(request, "voting/public.html", _public_context(poll))


@require_GET
def public_board(request: HttpRequest, poll_id: int) -> HttpResponse:
    """Cached once published: a published result never changes (no reset after publication)."""
    poll = _public(poll_id)
    if poll.state != Poll.State.PUBLISHED:
        return render(request, "voting/_public_board.html", _public_context(poll))
    key = f"voting:public-board:{poll.pk}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render(request, "voting/_public_board.html", _public_context(poll)).content
        cache.set(key, html, 3600)
    return HttpResponse(html)


# -- live streams (async, ASGI) ----------------------------------------------------------------
def _state_for(request: HttpRequest, poll_id: int) -> list[tuple[str, Any]]:
    require_verified(request)
    return [("state", poll_live_state(access_poll(request.user, poll_id)))]


def _body_state_for(request: HttpRequest, body_id: int) -> list[tuple[str, Any]]:
    require_verified(request)
    body = access_body(request.user, body_id)
    return [("state", {"body_id": body.pk})]


def _public_state_for(poll_id: int) -> list[tuple[str, Any]]:
    return [("state", poll_live_state(public_poll(poll_id)))]


@require_GET
async def poll_events(request: HttpRequest, poll_id: int) -> StreamingHttpResponse:
    return await sse_view_response(poll_channel(poll_id), lambda: _state_for(request, poll_id))


@require_GET
async def body_events(request: HttpRequest, body_id: int) -> StreamingHttpResponse:
    return await sse_view_response(body_channel(body_id), lambda: _body_state_for(request, body_id))


@require_GET
async def public_events(request: HttpRequest, poll_id: int) -> StreamingHttpResponse:
    # The public may be thousands: vote counters at most once a second each, results at once.
    return await sse_view_response(
        poll_channel(poll_id), lambda: _public_state_for(poll_id), min_interval=PUBLIC_INTERVAL
    )
