"""Issue 6 acceptance on the real demo laws: importing them proposes obligations; staff confirm
some; the demo's guiding decree closed the matching obligation (Điều 10a of Luật Tiếp cận thông tin,
added by the illustrative amendment); a missed deadline turns overdue the next day and appears in
the agency's overdue list and the KPI export."""

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from nghitruong.documents.models import Work
from nghitruong.documents.services import demo_documents_load
from nghitruong.tracking import selectors, services
from nghitruong.tracking.exports import kpi_workbook
from nghitruong.tracking.models import Obligation
from nghitruong.tracking.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_demo_laws_end_to_end(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        loaded = demo_documents_load(body=world.bodies["qh"])
    laws = Work.objects.filter(doc_type__in=["law", "code", "constitution"])
    per_law = {w.pk: Obligation.objects.filter(work=w).count() for w in laws}
    assert len(per_law) == 18  # 17 laws + the illustrative amending law
    assert sum(1 for n in per_law.values() if n > 0) >= 15
    # Luật Thanh niên, Điều 23 khoản 3: "Chính phủ quy định chi tiết Điều này."
    youth = Work.objects.get(title__startswith="Luật Thanh niên")
    ob = Obligation.objects.get(work=youth, source_eid__endswith="art_23__cls_3")
    assert (ob.provision_eid.endswith("art_23"), ob.authority_text, ob.status, ob.due_date) == (
        True,
        "Chính phủ",
        "proposed",
        youth.effective_date,
    )
    # The demo decree guides Điều 10a of the (amended) Luật Tiếp cận thông tin: closed by itself.
    base = loaded["base"]
    art10a = Obligation.objects.get(work=base, provision_eid__endswith="art_10a")
    assert (art10a.status, art10a.fulfilled_by_id, art10a.due_date, art10a.authority_text) == (
        "fulfilled",
        loaded["decree"].pk,
        dt.date(2027, 1, 1),
        "Chính phủ",
    )

    # Staff confirm the youth-law obligation: it becomes a task of the Government, due on the
    # law's effective date (long past), so the next daily run marks it overdue.
    staff = world.users["na_staff"]
    confirmed = services.obligation_confirm(
        actor=staff, obligation=ob, due_date=dt.date(2026, 11, 22)
    )
    task = confirmed.task
    assert task is not None
    assert (task.owner_agency.code, task.deadline, task.status) == (
        "chinh-phu",
        dt.date(2026, 11, 22),
        "assigned",
    )
    assert services.tasks_check_deadlines(on=dt.date(2026, 11, 22))["marked_overdue"] == []
    assert services.tasks_check_deadlines(on=dt.date(2026, 11, 23))["marked_overdue"] == [task.pk]
    # The agency's overdue list (a Government officer) and the KPI export show it.
    from nghitruong.accounts.models import AgencyMembership

    AgencyMembership.objects.create(
        user=world.users["outsider"], agency=world.agencies["gov"], start_date=dt.date(2026, 1, 1)
    )
    overdue = selectors.overdue_for_agency(world.users["outsider"], world.agencies["gov"].pk)
    assert [t.pk for t in overdue] == [task.pk]
    data = kpi_workbook(
        world.bodies["qh"], selectors.kpi_rows(staff, world.bodies["qh"]), as_of="23/11/2026"
    )
    rows = list(
        load_workbook(io.BytesIO(data))["Theo đơn vị"].iter_rows(min_row=3, values_only=True)
    )
    assert rows == [("Chính phủ", 1, 0, 0, 1, 0, 0, 0.0, 0.0)]
    # The law's page lists it as late; the missing-guidance list names the law.
    assert [
        r["work_id"] for r in selectors.laws_missing_guidance(staff, on=dt.date(2026, 11, 23))
    ] == [youth.pk]
    # A guiding decree arrives: the obligation and its task close (done late).
    from nghitruong.documents.services import relation_create, work_create

    with django_capture_on_commit_callbacks(execute=True):
        decree = work_create(
            actor=None,
            body=world.bodies["qh"],
            doc_type="decree",
            title="Nghị định quy định chi tiết Luật Thanh niên (minh họa)",
            issuer="Chính phủ",
            issued_date=dt.date(2026, 11, 25),
        )
        relation_create(
            actor=None, kind="guides", source_work=decree, target_work=youth, target_eid="art_23"
        )
    ob.refresh_from_db()
    task.refresh_from_db()
    assert (ob.status, task.status, task.completed_on) == (
        "fulfilled",
        "done",
        dt.date(2026, 11, 25),
    )
    assert selectors.laws_missing_guidance(staff, on=dt.date(2026, 11, 26)) == []
