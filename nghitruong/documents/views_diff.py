"""Side-by-side comparison of two versions of a work: ``/documents/<id>/diff?old=&new=``
(expression ids; without them the latest version against the one before). Readable like the
reader: public works need no login."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from nghitruong.core.exceptions import ApplicationError, NotFoundError
from nghitruong.documents.forms import DiffForm
from nghitruong.documents.permissions import access_work
from nghitruong.documents.selectors.compare import work_diff
from nghitruong.documents.views import _reader


@require_GET
def work_diff_page(request: HttpRequest, work_id: int) -> HttpResponse:
    try:
        work = access_work(_reader(request), work_id)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    form = DiffForm(request.GET)
    context: dict[str, object] = {"work": work, "form": form, "error": ""}
    if not form.is_valid():
        context["diff"] = work_diff(work)
        return render(request, "documents/diff.html", context, status=400)
    try:
        context["diff"] = work_diff(
            work, old_id=form.cleaned_data["old"], new_id=form.cleaned_data["new"]
        )
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except ApplicationError as exc:
        context["diff"] = work_diff(work)
        context["error"] = exc.message
        return render(request, "documents/diff.html", context, status=400)
    return render(request, "documents/diff.html", context)
