"""HTML pages of paperless sittings: sessions, the deputy's sitting page (tablet), the chair's
console, minutes downloads. Thin views (house rule 1): reach the object, call one service or
selector, render. Fragments (agenda, attendance, speakers) are template partials that the page
re-fetches with ``hx-get`` when the body receives ``meetings-refresh`` (or ``meetings-refresh-<part>``)
events, fired by ``static/meetings/live.js`` on every event of the sitting's SSE stream and on every
(re)connect; POST actions redirect back (303) or, for HTMX, re-render their fragment. The hall
screen and the public observer view re-fetch their board fragment the same way. The async
``*_events`` views (served by ASGI) stream ``meetings.live`` events.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nghitruong.accounts.decorators import require_verified, verified_login_required
from nghitruong.accounts.models import Person
from nghitruong.accounts.permissions import access_body, is_staff_of
from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.meetings import live, selectors, services
from nghitruong.meetings.minutes import minutes_build
from nghitruong.meetings.minutes.docx import minutes_docx
from nghitruong.meetings.minutes.pdf import minutes_pdf
from nghitruong.meetings.models import AgendaItem, QuestioningGroup, Sitting
from nghitruong.meetings.services._common import is_member, person_of
from nghitruong.realtime.sse import sse_view_response

PUBLIC_INTERVAL = 1.0  # observers may be thousands: at most one batch a second each


def _reach(fn: Callable[..., Any], user: Any, object_id: int) -> Any:
    try:
        return fn(user, object_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = default
    return HttpResponseRedirect(target or default, status=303)


def _run(request: HttpRequest, action: Callable[[], Any], done: str) -> None:
    try:
        action()
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)


# --- pages ----------------------------------------------------------------------------------------


@verified_login_required
@require_GET
def session_list(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _reach(access_body, request.user, body_id)
    sessions = selectors.session_list(body=body, user=request.user)
    return render(request, "meetings/sessions.html", {"body": body, "sessions": sessions})


@verified_login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _reach(selectors.access_session, request.user, session_id)
    return render(
        request,
        "meetings/session_detail.html",
        {"session": session, "sittings": selectors.sitting_list(session=session)},
    )


def _sitting_context(
    request: HttpRequest, sitting: Sitting, *, is_staff: bool, console: bool = False
) -> dict[str, Any]:
    agenda = selectors.sitting_agenda(sitting=sitting, user=request.user)
    current = selectors.current_speaker(sitting=sitting)
    focus = next((line for line in agenda if line.is_current), agenda[0] if agenda else None)
    work_ids = [entry.work_id for line in agenda for entry in line.documents]
    return {
        "sitting": sitting,
        "agenda": agenda,
        "focus": focus,
        "attendance": selectors.attendance_summary(sitting=sitting),
        "mine": selectors.my_attendance(sitting=sitting, user=request.user),
        "current": current,
        "timer": selectors.speaker_timer(current) if current else None,
        "queue": selectors.speaker_queue(item=focus.item) if focus else [],
        "my_requests": selectors.my_requests(item=focus.item, user=request.user) if focus else [],
        "notes": selectors.my_notes(user=request.user, work_ids=work_ids),
        "is_staff": is_staff,
        "is_member": is_member(person_of(request.user), sitting.body),
        "speech_kinds": selectors.registrable_kinds(focus.item) if focus else [],
        # Forms in fragments return to the page, never to the fragment's own URL.
        "page_url": reverse(
            "meetings:console" if console else "meetings:sitting", args=[sitting.pk]
        ),
        "public_url": (
            reverse("meetings:public", args=[sitting.pk])
            if selectors.public_observation_allowed(sitting)
            else ""
        ),
    }


@verified_login_required
@require_GET
def sitting_page(request: HttpRequest, sitting_id: int) -> HttpResponse:
    """The deputy's tablet page; ``?part=header|agenda|attendance|speakers`` returns one fragment
    (``&console=1``: the chair's console variant, for staff)."""
    sitting = _reach(selectors.access_sitting, request.user, sitting_id)
    is_staff = is_staff_of(request.user, sitting.body)
    console = is_staff and request.GET.get("console") == "1"
    context = _sitting_context(request, sitting, is_staff=is_staff, console=console)
    context["console"] = console
    if console:
        context["unrecorded"] = selectors.unrecorded_members(sitting=sitting)
    part = request.GET.get("part", "")
    if part in {"header", "agenda", "attendance", "speakers"}:
        return render(request, f"meetings/sitting.html#{part}", context)
    return render(request, "meetings/sitting.html", context)


@verified_login_required
@require_GET
def console(request: HttpRequest, sitting_id: int) -> HttpResponse:
    """The chair's console (staff of the body only; others get 404)."""
    sitting = _reach(selectors.access_sitting, request.user, sitting_id)
    if not is_staff_of(request.user, sitting.body):
        raise Http404("Không tìm thấy phiên họp / Sitting not found")
    context = _sitting_context(request, sitting, is_staff=True, console=True)
    context["console"] = True
    context["unrecorded"] = selectors.unrecorded_members(sitting=sitting)
    return render(request, "meetings/console.html", context)


@verified_login_required
@require_GET
def minutes_download(request: HttpRequest, sitting_id: int, fmt: str) -> HttpResponse:
    if fmt not in {"json", "pdf", "docx"}:
        raise Http404
    sitting = _reach(selectors.access_sitting, request.user, sitting_id)
    minutes = minutes_build(sitting=sitting, user=request.user)
    if fmt == "json":
        return JsonResponse(minutes.as_dict(), json_dumps_params={"ensure_ascii": False})
    name = f"bien-ban-phien-hop-{sitting.pk}.{fmt}"
    if fmt == "pdf":
        try:
            content = minutes_pdf(minutes)
        except ApplicationError as exc:
            return HttpResponse(exc.message, status=500, content_type="text/plain; charset=utf-8")
        response = HttpResponse(content, content_type="application/pdf")
    else:
        response = HttpResponse(
            minutes_docx(minutes),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- actions --------------------------------------------------------------------------------------


@verified_login_required
@require_POST
def attendance_action(request: HttpRequest, sitting_id: int, action: str) -> HttpResponse:
    sitting = _reach(selectors.access_sitting, request.user, sitting_id)
    user, mode = request.user, request.POST.get("mode", "hall")
    person_id = request.POST.get("person_id", "")
    person = (
        Person.objects.filter(pk=int(person_id)).first() if person_id.isdigit() else person_of(user)
    )
    if person is None:
        raise Http404("Không tìm thấy đại biểu / Person not found")
    actions: dict[str, Callable[[], Any]] = {
        "check-in": lambda: services.attendance_check_in(
            actor=user, sitting=sitting, person=person, mode=mode
        ),
        "leave": lambda: services.attendance_leave(actor=user, sitting=sitting, person=person),
        "return": lambda: services.attendance_return(
            actor=user, sitting=sitting, person=person, mode=mode
        ),
        "absent": lambda: services.attendance_mark_absent(
            actor=user,
            sitting=sitting,
            person=person,
            excused=request.POST.get("excused") == "1",
            reason=request.POST.get("reason", ""),
        ),
    }
    if action not in actions:
        raise Http404
    _run(request, actions[action], _("Đã cập nhật điểm danh"))
    return _back(request, reverse("meetings:sitting", args=[sitting.pk]))


@verified_login_required
@require_POST
def speaker_register(request: HttpRequest, item_id: int) -> HttpResponse:
    item: AgendaItem = _reach(selectors.access_agenda_item, request.user, item_id)
    group_id = request.POST.get("group_id", "")
    group = (
        QuestioningGroup.objects.filter(pk=int(group_id), item=item).first()
        if group_id.isdigit()
        else None
    )
    _run(
        request,
        lambda: services.speaker_register(
            actor=request.user, item=item, kind=request.POST.get("kind", ""), group=group
        ),
        _("Đã đăng ký phát biểu"),
    )
    return _back(request, reverse("meetings:sitting", args=[item.sitting_id]))


@verified_login_required
@require_POST
def speaker_action(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    found = _reach(selectors.access_speaker_request, request.user, request_id)
    user = request.user
    actions: dict[str, Callable[[], Any]] = {
        "start": lambda: services.speaker_start(actor=user, request=found),
        "stop": lambda: services.speaker_stop(actor=user, request=found),
        "withdraw": lambda: services.speaker_withdraw(actor=user, request=found),
        "up": lambda: services.speaker_move(actor=user, request=found, delta=-1),
        "down": lambda: services.speaker_move(actor=user, request=found, delta=1),
        "extend": lambda: services.speaker_extend(actor=user, request=found, seconds=60),
    }
    if action not in actions:
        raise Http404
    _run(request, actions[action], _("Đã cập nhật danh sách phát biểu"))
    return _back(request, reverse("meetings:sitting", args=[found.item.sitting_id]))


@verified_login_required
@require_POST
def sitting_action(request: HttpRequest, sitting_id: int, action: str) -> HttpResponse:
    sitting = _reach(selectors.access_sitting, request.user, sitting_id)
    user = request.user
    item_id = request.POST.get("item_id", "")
    actions: dict[str, Callable[[], Any]] = {
        "open": lambda: services.sitting_open(actor=user, sitting=sitting),
        "close": lambda: services.sitting_close(actor=user, sitting=sitting),
        "current": lambda: services.current_item_set(
            actor=user,
            sitting=sitting,
            item=selectors.access_agenda_item(user, int(item_id)) if item_id.isdigit() else None,
        ),
    }
    if action not in actions:
        raise Http404
    _run(request, actions[action], _("Đã cập nhật phiên họp"))
    return _back(request, reverse("meetings:console", args=[sitting.pk]))


@verified_login_required
@require_POST
def opinion_submit(request: HttpRequest, item_id: int) -> HttpResponse:
    item: AgendaItem = _reach(selectors.access_agenda_item, request.user, item_id)
    _run(
        request,
        lambda: services.written_opinion_submit(
            actor=request.user, item=item, text=request.POST.get("text", "")
        ),
        _("Đã gửi ý kiến bằng văn bản"),
    )
    return _back(request, reverse("meetings:sitting", args=[item.sitting_id]))


@verified_login_required
@require_POST
def note_create(request: HttpRequest) -> HttpResponse:
    work_id = request.POST.get("work_id", "")
    if not work_id.isdigit():
        raise Http404
    _run(
        request,
        lambda: services.note_create(
            actor=request.user,
            work_id=int(work_id),
            provision_eid=request.POST.get("provision_eid", ""),
            text=request.POST.get("text", ""),
        ),
        _("Đã lưu ghi chú"),
    )
    return _back(request, reverse("core:dashboard"))


@verified_login_required
@require_POST
def note_delete(request: HttpRequest, note_id: int) -> HttpResponse:
    _run(
        request,
        lambda: services.note_delete(actor=request.user, note_id=note_id),
        _("Đã xóa ghi chú"),
    )
    return _back(request, reverse("core:dashboard"))


# --- live screens: the hall screen and the public observer view -----------------------------------


@verified_login_required
@require_GET
def hall(request: HttpRequest, sitting_id: int) -> HttpResponse:
    """The hall screen for projection (members and staff of the body)."""
    sitting = _reach(selectors.access_sitting, request.user, sitting_id)
    board = selectors.hall_board(sitting=sitting)
    return render(request, "meetings/hall.html", {"board": board, "public": False})


@verified_login_required
@require_GET
def hall_board(request: HttpRequest, sitting_id: int) -> HttpResponse:
    sitting = _reach(selectors.access_sitting, request.user, sitting_id)
    board = selectors.hall_board(sitting=sitting)
    return render(request, "meetings/_board.html", {"board": board, "public": False})


def _public_sitting(sitting_id: int) -> Sitting:
    try:
        return selectors.access_public_sitting(sitting_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


@require_GET
def public(request: HttpRequest, sitting_id: int) -> HttpResponse:
    """The public observer view of a sitting the public may watch (anyone, no login)."""
    board = selectors.hall_board(sitting=_public_sitting(sitting_id))
    return render(request, "meetings/public.html", {"board": board, "public": True})


@require_GET
def public_board(request: HttpRequest, sitting_id: int) -> HttpResponse:
    board = selectors.hall_board(sitting=_public_sitting(sitting_id))
    return render(request, "meetings/_board.html", {"board": board, "public": True})


def _member_state(request: HttpRequest, sitting_id: int) -> list[tuple[str, Any]]:
    require_verified(request)
    return [("state", live.sitting_live_state(selectors.access_sitting(request.user, sitting_id)))]


def _public_state(sitting_id: int) -> list[tuple[str, Any]]:
    return [("state", live.sitting_live_state(selectors.access_public_sitting(sitting_id)))]


@require_GET
async def sitting_events(request: HttpRequest, sitting_id: int) -> StreamingHttpResponse:
    """SSE: the sitting's live state for those who reach it (anyone else: 404)."""
    return await sse_view_response(
        live.sitting_channel(sitting_id), lambda: _member_state(request, sitting_id)
    )


@require_GET
async def public_events(request: HttpRequest, sitting_id: int) -> StreamingHttpResponse:
    """SSE for observers of a public sitting (a sitting the public may not watch: 404)."""
    return await sse_view_response(
        live.public_channel(sitting_id),
        lambda: _public_state(sitting_id),
        min_interval=PUBLIC_INTERVAL,
    )
