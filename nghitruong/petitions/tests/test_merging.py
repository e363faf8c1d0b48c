"""Merging near-duplicates: suggestions (labelled set), merge keeps every source, unmerge."""

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from nghitruong.core.exceptions import ConflictError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import similarity, synthetic
from nghitruong.petitions.models import Petition
from nghitruong.petitions.selectors import petition_follow
from nghitruong.petitions.selectors_merging import merge_suggestions, provinces_label
from nghitruong.petitions.services.merging import petition_merge, petition_unmerge

DATA = Path(__file__).parent / "data" / "labelled_petitions.json"
A = "Cử tri tỉnh Hà Nội kiến nghị sớm nâng mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi từ 70 tuổi"
B = "Cu tri TP Ho Chi Minh de nghi som nang muc ho tro dong bao hiem y te cho nguoi cao tuoi tu 70 tuoi"
C = "Cử tri đề nghị bố trí vốn sửa chữa quốc lộ xuống cấp, nhiều ổ gà gây mất an toàn giao thông"


def test_labelled_file_is_reproducible() -> None:
    rows = json.loads(DATA.read_text(encoding="utf-8"))["petitions"]
    assert rows == [asdict(r) for r in synthetic.labelled_set()]
    assert len(rows) == 313


def test_precision_and_recall_on_the_labelled_set() -> None:
    rows = json.loads(DATA.read_text(encoding="utf-8"))["petitions"]
    groups = similarity.cluster([r["content"] for r in rows])
    scores = similarity.pair_scores(groups, [r["topic"] for r in rows])
    assert scores == {
        "predicted_pairs": 720,
        "true_pairs": 890,
        "correct_pairs": 720,
        "precision": 1.0,
        "recall": 0.809,
    }


def test_suggestions_are_diacritic_insensitive(world, make_petition) -> None:
    p1 = make_petition(content=A)
    p2 = make_petition("d79", content=B)
    p3 = make_petition(content=C)
    found = merge_suggestions(petitions=[p1, p2, p3])
    assert [[p.pk for p in s.petitions] for s in found] == [[p1.pk, p2.pk]]
    assert found[0].score >= similarity.DEFAULT_THRESHOLD


def test_merge_keeps_sources_and_unmerge_reverses(world, make_petition) -> None:
    qh_staff = world.users["staff01"]
    from nghitruong.accounts.models import Membership, Role

    Membership.objects.create(
        person=world.users["supervisor"].person,
        body=world.bodies["qh"],
        role=Role.SECRETARIAT,
        start_date=Membership.objects.first().start_date,
    )
    na = world.users["supervisor"]
    p1 = make_petition(content=A)
    p2 = make_petition("d79", content=B, province=world.units["79"])
    # Staff of one delegation cannot pull in another delegation's petition.
    with pytest.raises(PermissionDeniedError):
        petition_merge(primary=p1, others=[p2], actor=qh_staff)
    p2.refresh_from_db()
    assert p2.duplicate_of_id is None
    petition_merge(primary=p1, others=[p2], actor=na)
    p2.refresh_from_db()
    assert (p2.duplicate_of_id, p2.body.code, p2.content) == (p1.pk, "doan-dbqh-79", B)
    assert provinces_label(p1) == "Cử tri 2 tỉnh, thành phố kiến nghị"
    assert [e.kind for e in p2.events.all()] == ["received", "merged"]
    assert AuditEntry.objects.get(action="petition.merge").after["merged"] == [p2.pk]
    with pytest.raises(ConflictError):
        petition_merge(primary=p2, others=[p1], actor=na)  # a merged petition is not a primary
    # The merged petition's voter follows the primary's progress.
    from nghitruong.petitions import services

    services.petition_classify(actor=na, petition=p1, field=world.field(), level="central")
    services.petition_assign(actor=na, petition=p1, agency=world.agencies["byt"])
    follow = petition_follow(code=p2.tracking_code)
    assert (follow["status"], follow["agency"], follow["merged"]) == ("assigned", "Bộ Y tế", True)
    assert [e["kind"] for e in follow["timeline"]] == [
        "received",
        "merged",
        "merged.added",
        "classified",
        "assigned",
    ]
    petition_unmerge(petition=p2, actor=na, reason="Nội dung khác về độ tuổi")
    p2.refresh_from_db()
    assert (p2.duplicate_of_id, p2.status) == (None, "received")
    assert provinces_label(p1) == "Cử tri Thành phố Hà Nội kiến nghị"
    assert (
        AuditEntry.objects.get(action="petition.unmerge").after["reason"]
        == "Nội dung khác về độ tuổi"
    )


def test_routed_petition_cannot_be_merged_in(world, make_petition) -> None:
    p1 = make_petition(content=A)
    p2 = make_petition(content=A + " trong năm 2026", assign_to="btc")
    with pytest.raises(ConflictError):
        petition_merge(primary=p1, others=[p2], actor=world.users["staff01"])
    assert Petition.objects.filter(duplicate_of__isnull=False).count() == 0
