"""Who sees which petitions, and denied writes change nothing (issue 5 §7)."""

import datetime as dt
from collections.abc import Callable

import pytest

from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.petitions import selectors, services
from nghitruong.petitions.models import Petition, PetitionAnswer
from nghitruong.petitions.services import PetitionerData
from nghitruong.petitions.tests.conftest import World


@pytest.fixture
def petitions(world: World, make_petition: Callable[..., Petition]) -> dict[str, Petition]:
    return {
        "d01": make_petition("d01"),
        "d01_btc": make_petition("d01", assign_to="btc"),
        "d79_byt": make_petition("d79", assign_to="byt"),
        "c01_ubnd": make_petition("c01", assign_to="ubnd"),
        "c79": make_petition("c79"),
    }


VISIBLE = {
    "staff01": {"d01", "d01_btc"},
    "deputy01": {"d01", "d01_btc"},
    "staff79": {"d79_byt"},
    "council01": {"c01_ubnd"},
    "council79": {"c79"},
    "supervisor": {"d01", "d01_btc", "d79_byt"},  # every NA-level petition, no council ones
    "officer_btc": {"d01_btc"},
    "officer_byt": {"d79_byt"},
    "officer_ubnd": {"c01_ubnd"},
    "outsider": set(),
}


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_visibility_matrix(who: str, world: World, petitions: dict[str, Petition]) -> None:
    user = world.users[who]
    names = {v: k for k, v in ((k, p.pk) for k, p in petitions.items())}
    seen = {names[p.pk] for p in selectors.petition_list(user=user)}
    assert seen == VISIBLE[who]
    for key, petition in petitions.items():
        if key in VISIBLE[who]:
            assert selectors.access_petition(user, petition.pk).pk == petition.pk
        else:
            with pytest.raises(NotFoundError):
                selectors.access_petition(user, petition.pk)


def test_agency_sees_a_petition_only_once_assigned_and_co_agencies_too(
    world: World, make_petition: Callable[..., Petition]
) -> None:
    petition = make_petition("d01")
    officer = world.users["officer_byt"]
    assert list(selectors.petition_list(user=officer)) == []
    staff = world.users["staff01"]
    petition = services.petition_classify(
        actor=staff, petition=petition, field=world.field(), level="central"
    )
    services.petition_assign(
        actor=staff,
        petition=petition,
        agency=world.agencies["btc"],
        co_agencies=[world.agencies["byt"]],
        on=dt.date(2025, 12, 20),
    )
    assert [p.pk for p in selectors.petition_list(user=officer)] == [petition.pk]
    assert list(selectors.agency_inbox(user=officer)) == []  # co-agency: not in the lead's inbox
    assert [p.pk for p in selectors.agency_inbox(user=world.users["officer_btc"])] == [petition.pk]


def _state(petition: Petition) -> dict[str, object]:
    return Petition.objects.filter(pk=petition.pk).values().get()


def test_denied_writes_change_nothing(world: World, petitions: dict[str, Petition]) -> None:
    audits = AuditEntry.objects.count()
    target = petitions["d01"]
    assigned = petitions["d01_btc"]
    before = (_state(target), _state(assigned))
    for who in ("staff79", "council01", "officer_btc", "deputy01", "supervisor", "outsider"):
        with pytest.raises(PermissionDeniedError):
            services.petition_classify(
                actor=world.users[who], petition=target, field=world.field(), level="central"
            )
        with pytest.raises(PermissionDeniedError):
            services.petition_reassign(
                actor=world.users[who],
                petition=assigned,
                agency=world.agencies["byt"],
                reason="Chuyển cơ quan khác",
            )
    for who in ("officer_byt", "staff01", "supervisor"):
        with pytest.raises(PermissionDeniedError) as err:
            services.petition_answer(
                actor=world.users[who],
                petition=assigned,
                outcome="resolved",
                text="Đã xử lý",
                document_number="9/X",
                document_date=dt.date(2026, 1, 5),
                signer="A",
            )
        assert err.value.code == "not_assigned_agency"
    assert (_state(target), _state(assigned)) == before
    assert AuditEntry.objects.count() == audits
    assert PetitionAnswer.objects.count() == 0


def test_petitioner_data_only_for_the_owning_body_staff(world: World) -> None:
    staff = world.users["staff01"]
    petition = services.petition_create(
        actor=staff,
        body=world.bodies["d01"],
        content="Đề nghị làm rõ chính sách thuế đất",
        source="letter",
        petitioner=PetitionerData(full_name="Trần Văn Bình"),
        consent=True,
    )
    assert selectors.petitioner_for(user=staff, petition=petition).full_name == "Trần Văn Bình"  # type: ignore[union-attr]
    for who in ("deputy01", "supervisor", "officer_btc"):
        with pytest.raises(PermissionDeniedError):
            selectors.petitioner_for(user=world.users[who], petition=petition)
