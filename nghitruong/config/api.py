"""The one internal JSON API (v1), mounted at /api/v1/. Each app contributes a router."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from nghitruong.accounts.api import router as accounts_router
from nghitruong.core.exceptions import ApplicationError

api = NinjaAPI(
    title="Nghị Trường Số API",
    version="1",
    description="API tích hợp của Nghị Trường Số / Nghị Trường Số integration API",
    urls_namespace="api-v1",
)


def _error(
    request: HttpRequest, status: int, code: str, message: str, detail: object = None
) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "message": message, "detail": detail}, status=status
    )


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return _error(request, exc.status_code, exc.code, exc.message, exc.detail)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(
        request,
        422,
        "validation_error",
        "Dữ liệu không hợp lệ / Invalid input",
        exc.errors,
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", "Chưa đăng nhập / Not authenticated")


HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ / Bad request",
    405: "Phương thức không được hỗ trợ / Method not allowed",
}


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = HTTP_MESSAGES.get(exc.status_code, str(exc))
    return _error(request, exc.status_code, "http_error", message, str(exc))


from nghitruong.core.api import router as core_router  # noqa: E402

api.add_router("/", core_router)


api.add_router("/accounts/", accounts_router)
api.add_router("/voting/", "nghitruong.voting.api.router")
api.add_router("/documents/", "nghitruong.documents.api.router")
api.add_router("/petitions/", "nghitruong.petitions.api.router")
api.add_router("/meetings/", "nghitruong.meetings.api.router")
api.add_router("/tracking/", "nghitruong.tracking.api.router")
api.add_router("/search/", "nghitruong.search.api.router")
