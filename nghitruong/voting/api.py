"""The voting API (mounted at /api/v1/voting/): list and read polls, cast a ballot, staff transitions.

Thin functions: parse, reach the object through ``access_poll`` / ``access_body``, call one service
or selector, return. Errors use the shared shape ``{"code", "message", "detail"}``.
"""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from nghitruong.accounts.api_auth import api_auth
from nghitruong.accounts.permissions import access_body
from nghitruong.core.exceptions import ApplicationError
from nghitruong.core.pagination import BoundedPagination
from nghitruong.core.schemas import ErrorOut
from nghitruong.voting import services
from nghitruong.voting.models import Poll, PollOption
from nghitruong.voting.schemas import (
    BallotIn,
    CastOut,
    PaperCountIn,
    PaperCountOut,
    PollCreateIn,
    PollDetailOut,
    PollOut,
)
from nghitruong.voting.selectors import (
    access_poll,
    poll_list,
    poll_result_board_for,
    voter_status,
)

router = Router(tags=["voting"], auth=api_auth)

ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def _user(request: HttpRequest) -> Any:
    """The authenticated user Ninja put on the request (``api_auth``)."""
    return getattr(request, "auth", None)


def _detail(user: Any, poll: Poll) -> dict[str, Any]:
    return {
        "poll": poll,
        "options": list(poll.options.all()),
        "me": voter_status(poll=poll, user=user),
        "board": poll_result_board_for(user=user, poll=poll),
    }


@router.get(
    "/bodies/{body_id}/polls", response={200: list[PollOut], **ERRORS}, url_name="voting_polls"
)
@paginate(BoundedPagination)
def list_polls(request: HttpRequest, body_id: int) -> Any:
    """Các cuộc biểu quyết của một cơ quan / Polls of a body."""
    return poll_list(body=access_body(_user(request), body_id), user=_user(request))


@router.post(
    "/bodies/{body_id}/polls", response={201: PollOut, **ERRORS}, url_name="voting_poll_create"
)
def create_poll(request: HttpRequest, body_id: int, data: PollCreateIn) -> Any:
    """Tạo cuộc biểu quyết (cán bộ của cơ quan) / Create a poll (staff)."""
    body = access_body(_user(request), body_id)
    return Status(201, services.poll_create(actor=_user(request), body=body, **data.dict()))


@router.get("/polls/{poll_id}", response={200: PollDetailOut, **ERRORS}, url_name="voting_poll")
def get_poll(request: HttpRequest, poll_id: int) -> Any:
    """Cuộc biểu quyết, trạng thái của tôi và bảng kết quả khi được xem / Poll, my status, board."""
    return _detail(_user(request), access_poll(_user(request), poll_id))


@router.post("/polls/{poll_id}/ballots", response={201: CastOut, **ERRORS}, url_name="voting_cast")
def cast_ballot(request: HttpRequest, poll_id: int, data: BallotIn) -> Any:
    """Biểu quyết / Cast a ballot (once)."""
    poll = access_poll(_user(request), poll_id)
    option = PollOption.objects.filter(pk=data.option_id, poll=poll).first()
    if option is None:
        raise ApplicationError(
            "Phương án không thuộc cuộc biểu quyết này / The option is not part of this poll",
            code="invalid_option",
        )
    services.ballot_cast(poll=poll, user=_user(request), option=option)
    return Status(201, {"ok": True})


@router.post(
    "/polls/{poll_id}/paper-count", response={201: PaperCountOut, **ERRORS}, url_name="voting_paper"
)
def record_paper_count(request: HttpRequest, poll_id: int, data: PaperCountIn) -> Any:
    """Biên bản kiểm phiếu của Ban kiểm phiếu / The vote-counting board's count."""
    poll = access_poll(_user(request), poll_id)
    return Status(201, services.paper_count_record(actor=_user(request), poll=poll, **data.dict()))


Action = Literal["start", "stop", "publish", "reset"]
TRANSITIONS: dict[str, Any] = {
    "start": services.poll_start,
    "stop": services.poll_stop,
    "publish": services.poll_publish,
    "reset": services.poll_reset,
}


@router.post(
    "/polls/{poll_id}/{action}",
    response={200: PollDetailOut, **ERRORS},
    url_name="voting_transition",
)
def transition(request: HttpRequest, poll_id: int, action: Action) -> Any:
    """Bắt đầu / kết thúc / công bố / làm lại (cán bộ) / Start, stop, publish, reset (staff)."""
    poll = access_poll(_user(request), poll_id)
    TRANSITIONS[action](actor=_user(request), poll=poll)
    poll.refresh_from_db()
    return _detail(_user(request), poll)
