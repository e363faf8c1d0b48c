"""`nghitruong audit verify` exits non-zero on tampering and zero on an intact chain."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from nghitruong.core.audit import audit_record
from nghitruong.core.models import AuditEntry, ElectedBody

pytestmark = pytest.mark.django_db


def _seed() -> None:
    body = ElectedBody.objects.create(
        code="hdnd-01",
        name="Hội đồng nhân dân thành phố Hà Nội",
        kind="provincial_council",
        level="provincial",
    )
    for i in range(4):
        audit_record(actor=None, action="body.update", obj=body, body=body, after={"i": i})


def test_verify_reports_intact_chain() -> None:
    _seed()
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().strip() == (
        "Chuỗi nhật ký nguyên vẹn: 4 bản ghi / audit chain intact: 4 entries"
    )


def test_verify_fails_on_edit_and_prints_json() -> None:
    _seed()
    AuditEntry.objects.filter(seq=3).update(action="body.delete")
    out = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "checked": 4,
        "ok": False,
        "problems": [{"seq": 3, "problem": "content does not match its hash (edited)"}],
    }
    assert "1 problem(s) in 4 entries" in str(excinfo.value)
