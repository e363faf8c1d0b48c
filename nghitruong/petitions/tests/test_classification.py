"""Classification and routing suggestions, the trained model, related legal provisions (issue 5 §3)."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from nghitruong.accounts.testing import login_verified
from nghitruong.core.exceptions import NotFoundError, PermissionDeniedError
from nghitruong.core.models import AuditEntry
from nghitruong.documents.models import Confidentiality, DocType, Provision
from nghitruong.documents.services import expression_create, work_create
from nghitruong.documents.tests.factories import article
from nghitruong.petitions import classifier, services
from nghitruong.petitions.models import ClassifierModel, Petition, PetitionProvisionLink
from nghitruong.petitions.selectors_classification import (
    petition_suggestions,
    public_provision_links,
)

pytestmark = pytest.mark.django_db

BHYT = "Cử tri thành phố Hà Nội kiến nghị nâng mức hỗ trợ bảo hiểm y tế cho người cao tuổi"


def _client(world, key: str) -> Client:
    client = Client()
    login_verified(client, world.users[key])
    return client


def _confirm(world, make_petition, content: str, field: str, agency: str) -> Petition:
    petition = make_petition(content=content)
    staff = world.users["staff01"]
    petition = services.petition_classify(
        actor=staff, petition=petition, field=world.field(field), level="central"
    )
    return services.petition_assign(
        actor=staff, petition=petition, agency=world.agencies[agency], on=dt.date(2025, 12, 20)
    )


def _law(body, title: str, number: str, *articles, confidentiality=Confidentiality.PUBLIC, **kw):
    work = work_create(
        actor=None,
        body=body,
        doc_type=kw.pop("doc_type", DocType.LAW),
        title=title,
        number=number,
        issued_date=dt.date(2024, 1, 18),
        status=kw.pop("status", "in_force"),
        confidentiality=confidentiality,
    )
    expression_create(actor=None, work=work, version_date=dt.date(2024, 1, 18), tree=list(articles))
    return work


# --- rules only --------------------------------------------------------------------------------


def test_rules_only_suggestion_names_field_agency_level_and_reasons(world, make_petition) -> None:
    petition = make_petition(content=BHYT)
    s = petition_suggestions(user=world.users["staff01"], petition=petition)
    assert s.model is None
    assert [(f.field.code, f.score, f.reasons) for f in s.fields] == [
        ("y-te", 1.0, ("từ khóa: bảo hiểm y tế",))
    ]
    assert [(a.agency.code, a.score, a.reasons, a.level) for a in s.agencies] == [
        ("bo-y-te", 1.0, ("cơ quan quản lý lĩnh vực “Y tế, bảo hiểm y tế”",), "central")
    ]
    assert (s.level, s.level_reason) == ("central", "theo cơ quan: Bộ Y tế")


def test_rules_split_between_fields_by_keywords_found(world, make_petition) -> None:
    petition = make_petition(
        content="Đề nghị tăng lương hưu và mở rộng bảo hiểm y tế cho người nghỉ hưu trước 1995"
    )
    s = petition_suggestions(user=world.users["staff01"], petition=petition)
    assert [(f.field.code, f.score, f.reasons) for f in s.fields] == [
        ("lao-dong-xa-hoi", 0.5, ("từ khóa: lương hưu",)),
        ("y-te", 0.5, ("từ khóa: bảo hiểm y tế",)),
    ]


def test_a_local_council_petition_goes_to_its_peoples_committee(world, make_petition) -> None:
    petition = make_petition(
        "c01", content="Đề nghị nâng cấp trạm y tế phường, thiếu bác sĩ và thuốc"
    )
    s = petition_suggestions(user=world.users["council01"], petition=petition)
    assert [f.field.code for f in s.fields] == ["y-te"]
    assert [(a.agency.code, a.level) for a in s.agencies] == [("ubnd-01", "provincial")]
    assert s.level == "provincial"


def test_diacritic_insensitive_bao_hiem_y_te_equals_bao_hiem_y_te_accented() -> None:
    accented = classifier.suggest_fields("nâng mức hỗ trợ bảo hiểm y tế cho người cao tuổi")
    plain = classifier.suggest_fields("nang muc ho tro bao hiem y te cho nguoi cao tuoi")
    assert accented == plain == [classifier.Suggestion("y-te", 1.0, ("từ khóa: bảo hiểm y tế",))]
    # New-style tone marks ("hoà") match the keyword written in the traditional style ("hòa").
    assert classifier.suggest_fields("xây nhà văn hoá thôn")[0].key == "van-hoa-the-thao"


def test_an_accented_text_does_not_match_a_folded_lookalike() -> None:
    # "cho" (for) must not be read as the keyword "chợ" (market) in a text typed with accents.
    assert classifier.keyword_hits(classifier.default_rules(), "hỗ trợ cho người dân") == {}
    assert classifier.keyword_hits(classifier.default_rules(), "cải tạo chợ xã") == {
        "cong-thuong-nang-luong": ["chợ"]
    }


# --- trained model -----------------------------------------------------------------------------


def test_training_on_confirmed_petitions_then_exact_top_suggestion(world, make_petition) -> None:
    deposit = "Đề nghị hoàn trả tiền đặt cọc công tơ nước cho các hộ dân khu {}"
    screening = "Đề nghị tổ chức khám sàng lọc ung thư miễn phí cho phụ nữ khu {}"
    for k in ("A", "B", "C"):
        _confirm(world, make_petition, deposit.format(k), "tai-chinh-ngan-sach", "btc")
    for k in ("A", "B"):
        _confirm(world, make_petition, screening.format(k), "y-te", "byt")
    make_petition(content="Văn bản chưa phân loại về tiền đặt cọc công tơ nước")  # not learned

    row = services.petition_classifier_train(actor=None)
    assert (row.body_id, row.samples, row.agency_samples, row.fields_seen) == (None, 5, 5, 2)
    assert row.evaluation == {}  # too few petitions for a held-out figure
    entry = AuditEntry.objects.filter(action="petition.classifier_train").get()
    assert entry.after["samples"] == 5

    new = make_petition(content="Cử tri đề nghị sớm hoàn trả tiền đặt cọc công tơ nước")
    s = petition_suggestions(user=world.users["staff01"], petition=new)
    assert s.model == row
    top = s.fields[0]
    assert (top.field.code, top.score, top.reasons) == (
        "tai-chinh-ngan-sach",
        0.9522,
        ("giống 3 kiến nghị đã phân loại (“cọc công”)",),
    )
    assert [f.field.code for f in s.fields] == ["tai-chinh-ngan-sach", "y-te"]
    first = s.agencies[0]
    assert (first.agency.code, first.reasons) == (
        "bo-tai-chinh",
        (
            "giống 3 kiến nghị đã phân loại lĩnh vực “Tài chính, ngân sách, thuế” đã chuyển "
            "Bộ Tài chính",
            "cơ quan quản lý lĩnh vực “Tài chính, ngân sách, thuế”",
        ),
    )


def test_a_body_model_is_preferred_and_training_needs_staff(world, make_petition) -> None:
    _confirm(world, make_petition, "Đề nghị hoàn trả tiền đặt cọc công tơ nước", "y-te", "byt")
    with pytest.raises(PermissionDeniedError):
        services.petition_classifier_train(actor=world.users["deputy01"], body=world.bodies["d01"])
    with pytest.raises(PermissionDeniedError):
        services.petition_classifier_train(actor=world.users["staff01"])  # global: superuser
    with pytest.raises(PermissionDeniedError):
        services.petition_classifier_train(actor=world.users["staff79"], body=world.bodies["d01"])
    assert ClassifierModel.objects.count() == 0
    assert not AuditEntry.objects.filter(action="petition.classifier_train").exists()
    glob = services.petition_classifier_train(actor=None)
    own = services.petition_classifier_train(actor=world.users["staff01"], body=world.bodies["d01"])
    assert own.trained_by == world.users["staff01"]
    petition = make_petition(content="tiền đặt cọc")
    assert petition_suggestions(user=world.users["staff01"], petition=petition).model == own
    other = make_petition("d79", content="tiền đặt cọc")
    assert petition_suggestions(user=world.users["staff79"], petition=other).model == glob


def test_training_without_confirmed_petitions_is_refused(world, make_petition) -> None:
    make_petition()
    with pytest.raises(Exception, match="No confirmed classifications"):
        services.petition_classifier_train(actor=None)
    assert ClassifierModel.objects.count() == 0


def test_command_trains_and_prints_json(world, make_petition) -> None:
    _confirm(world, make_petition, BHYT, "y-te", "byt")
    out = StringIO()
    call_command("petitions", "train-classifier", "--body", "doan-dbqh-01", stdout=out)
    data = json.loads(out.getvalue())
    assert {k: data[k] for k in ("body", "samples", "agency_samples", "fields")} == {
        "body": "doan-dbqh-01",
        "samples": 1,
        "agency_samples": 1,
        "fields": 1,
    }
    assert ClassifierModel.objects.get().body == world.bodies["d01"]


def test_held_out_evaluation_on_constructed_petitions() -> None:
    """Top-1/top-3 on a held-out fifth of the constructed set (``petitions.synthetic``), whole
    topics held out: wording the model never saw. Constructed data, not real petitions."""
    from nghitruong.petitions import synthetic

    rows = synthetic.labelled_set()

    def topic(key: str) -> str:
        return key[:-2] if key.endswith(("-a", "-b")) else key

    train_set = [
        classifier.Sample(r.content, r.field)
        for r in rows
        if not classifier.held_out(topic(r.topic))
    ]
    test_set = [
        classifier.Sample(r.content, r.field) for r in rows if classifier.held_out(topic(r.topic))
    ]
    assert classifier.evaluate(train_set, test_set) == {
        "train": 225,
        "test": 88,
        "top1": 0.7727,
        "top3": 1.0,
        "rules_top1": 0.8523,
    }


def test_model_round_trips_through_json() -> None:
    model = classifier.train(
        [classifier.Sample("hoàn trả tiền đặt cọc", "tai-chinh-ngan-sach", "bo-tai-chinh", "7")]
    )
    again = classifier.Model.from_json(json.loads(json.dumps(model.as_json())))
    assert again.as_json() == model.as_json()
    assert again.body_agencies == {"7": {"tai-chinh-ngan-sach": {"bo-tai-chinh": 1}}}
    assert classifier.Model.from_json({"format": 99}).samples == 0


# --- access ------------------------------------------------------------------------------------


def test_a_user_of_another_body_cannot_see_suggestions(world, make_petition) -> None:
    petition = make_petition(content=BHYT)
    with pytest.raises(NotFoundError):
        petition_suggestions(user=world.users["staff79"], petition=petition)
    url = f"/kien-nghi/quan-ly/{petition.pk}/phan-loai/goi-y/"
    assert _client(world, "staff79").get(url).status_code == 404
    page = _client(world, "staff01").get(url, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<html" not in html
    field_pk = world.field("y-te").pk
    assert f'<input type="hidden" name="field" value="{field_pk}">' in html
    assert f'<input type="hidden" name="agency" value="{world.agencies["byt"].pk}">' not in html
    assert "từ khóa: bảo hiểm y tế" in html


def test_one_click_accept_classifies_through_the_workflow(world, make_petition) -> None:
    petition = make_petition(content=BHYT)
    client = _client(world, "staff01")
    field_pk = world.field("y-te").pk
    reply = client.post(
        f"/kien-nghi/quan-ly/{petition.pk}/classify/", {"field": field_pk, "level": "central"}
    )
    assert reply.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.field_id, petition.level) == (
        "classified",
        field_pk,
        "central",
    )
    html = client.get(
        f"/kien-nghi/quan-ly/{petition.pk}/phan-loai/goi-y/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f'<input type="hidden" name="agency" value="{world.agencies["byt"].pk}">' in html


# --- legal provisions ----------------------------------------------------------------------------


def test_a_citation_in_the_text_suggests_the_exact_provision(world, make_petition) -> None:
    law = _law(
        world.bodies["qh"],
        "Luật Đất đai",
        "31/2024/QH15",
        article("4", "Người sử dụng đất", "Người sử dụng đất gồm hộ gia đình."),
        article("5", "Nguyên tắc sử dụng đất", "Đúng mục đích sử dụng đất."),
    )
    decree = _law(
        world.bodies["qh"],
        "Nghị định xử phạt giao thông",
        "100/2019/NĐ-CP",
        article("1", "Phạm vi", "Quy định xử phạt."),
        doc_type="decree",
    )
    petition = make_petition(
        content="Đề nghị hướng dẫn khoản 1 Điều 5 Luật Đất đai và sửa Nghị định 100/2019/NĐ-CP"
    )
    s = petition_suggestions(user=world.users["staff01"], petition=petition)
    cited = [
        (p.work, p.provision, p.label, p.source) for p in s.provisions if p.source == "citation"
    ]
    clause = Provision.objects.get(expression__work=law, eid="art_5__cls_1")
    assert cited == [
        (law, clause, "Khoản 1 Điều 5 — Luật Đất đai (31/2024/QH15)", "citation"),
        (decree, None, "Nghị định xử phạt giao thông (100/2019/NĐ-CP)", "citation"),
    ]
    assert s.provisions[0].reason == "trích dẫn trong nội dung: “khoản 1 Điều 5 Luật Đất đai”"


def test_search_suggests_in_force_articles_the_user_may_read(
    world, make_petition, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        live = _law(
            world.bodies["qh"],
            "Luật Bảo hiểm y tế",
            "51/2024/QH15",
            article("12", "Đối tượng tham gia", "Người cao tuổi được ngân sách hỗ trợ đóng phí."),
        )
        _law(
            world.bodies["qh"],
            "Luật Bảo hiểm y tế cũ",
            "25/2008/QH12",
            article("12", "Đối tượng tham gia", "Người cao tuổi được ngân sách hỗ trợ đóng phí."),
            status="expired",
        )
    petition = make_petition(content=BHYT)
    s = petition_suggestions(user=world.users["staff01"], petition=petition)
    searched = [(p.work, p.provision.eid if p.provision else "") for p in s.provisions]
    assert searched == [(live, "art_12")]
    assert s.provisions[0].source == "search"


def test_confirm_and_remove_a_link_write_audit_and_refusals_change_nothing(
    world, make_petition
) -> None:
    law = _law(world.bodies["qh"], "Luật Đất đai", "31/2024/QH15", article("5", "Nguyên tắc", "x"))
    provision = Provision.objects.get(expression__work=law, eid="art_5")
    petition = make_petition(content=BHYT)
    before = AuditEntry.objects.count()
    for who in ("staff79", "deputy01"):
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            services.petition_provision_link(
                actor=world.users[who], petition=petition, work=law, provision=provision
            )
    assert PetitionProvisionLink.objects.count() == 0
    assert AuditEntry.objects.count() == before

    link = services.petition_provision_link(
        actor=world.users["staff01"],
        petition=petition,
        work=law,
        provision=provision,
        source="citation",
    )
    assert (link.label, link.eid, link.confirmed_by, link.source) == (
        "Điều 5 — Luật Đất đai (31/2024/QH15)",
        "art_5",
        world.users["staff01"],
        "citation",
    )
    entry = AuditEntry.objects.latest("seq")
    assert (entry.action, entry.object_id, entry.after["provision"]) == (
        "petition.provision_link",
        str(petition.pk),
        provision.pk,
    )
    with pytest.raises(Exception, match="already linked"):
        services.petition_provision_link(
            actor=world.users["staff01"], petition=petition, work=law, provision=provision
        )
    assert PetitionProvisionLink.objects.count() == 1
    # Linked provisions are no longer suggested.
    petition.content = "Đề nghị sửa Điều 5 Luật Đất đai"
    petition.save()
    s = petition_suggestions(user=world.users["staff01"], petition=petition)
    assert [p.label for p in s.provisions] == []
    assert [x.pk for x in s.links] == [link.pk]

    count = AuditEntry.objects.count()
    with pytest.raises(PermissionDeniedError):
        services.petition_provision_unlink(actor=world.users["deputy01"], link=link)
    assert PetitionProvisionLink.objects.count() == 1
    assert AuditEntry.objects.count() == count
    services.petition_provision_unlink(actor=world.users["staff01"], link=link)
    assert PetitionProvisionLink.objects.count() == 0
    entry = AuditEntry.objects.latest("seq")
    assert (entry.action, entry.before["eid"]) == ("petition.provision_unlink", "art_5")


def test_link_views_and_public_pages_show_only_public_documents(world, make_petition) -> None:
    public = _law(world.bodies["qh"], "Luật Đất đai", "31/2024/QH15", article("5", "N", "x"))
    internal = _law(
        world.bodies["d01"],
        "Quy chế nội bộ",
        "7/QC-ĐĐBQH",
        article("1", "N", "x"),
        confidentiality=Confidentiality.INTERNAL,
        doc_type="other",
    )
    petition = make_petition(content=BHYT)
    client = _client(world, "staff01")
    base = f"/kien-nghi/quan-ly/{petition.pk}/phan-loai/dieu-khoan/"
    provision = Provision.objects.get(expression__work=public, eid="art_5")
    assert client.post(base, {"work": public.pk, "provision": provision.pk}).status_code == 302
    assert client.post(base, {"work": internal.pk}).status_code == 302
    assert PetitionProvisionLink.objects.filter(petition=petition).count() == 2
    # Another body's staff cannot link (the petition is out of reach).
    assert _client(world, "staff79").post(base, {"work": public.pk}).status_code == 404
    assert PetitionProvisionLink.objects.filter(petition=petition).count() == 2

    assert public_provision_links(petition=petition) == [
        {
            "label": "Điều 5 — Luật Đất đai (31/2024/QH15)",
            "url": f"/documents/{public.pk}/#art_5",
        }
    ]
    follow = Client().get(f"/kien-nghi/theo-doi/{petition.tracking_code}/")
    html = follow.content.decode()
    assert follow.status_code == 200
    assert f'href="/documents/{public.pk}/#art_5"' in html
    assert "Quy chế nội bộ" not in html

    link = PetitionProvisionLink.objects.get(work=internal)
    unlink = f"{base}{link.pk}/xoa/"
    assert _client(world, "staff79").post(unlink).status_code == 404
    assert client.post(unlink).status_code == 302
    assert not PetitionProvisionLink.objects.filter(pk=link.pk).exists()
