"""JSONL import: the bench corpus format (counts exact) and our own export format (round trip)."""

import datetime as dt
import gzip
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from nghitruong.documents.ingest import import_jsonl
from nghitruong.documents.ingest.export import export_jsonl, expression_to_akn
from nghitruong.documents.models import Expression, Provision, Relation, Work
from nghitruong.documents.services import demo_documents_load
from nghitruong.documents.services.demo import LAWS17

BENCH_LINES = [
    {
        "id": "Luật A#1",
        "law_id": "Luật A",
        "article_id": "1",
        "text": "Phạm vi\n\nLuật này quy định A.",
    },
    {
        "id": "Luật A#2",
        "law_id": "Luật A",
        "article_id": "2",
        "text": "Nguyên tắc\n\n1. Một là:\n\na) điểm a;\n\nb) điểm b.\n\n2. Hai là.",
    },
    {
        "id": "Bộ luật B#1",
        "law_id": "Bộ luật B",
        "article_id": "1",
        "text": "Đối tượng\n\nÁp dụng B.",
    },
]


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_bench_format_counts(tmp_path, na):
    report = import_jsonl(_write(tmp_path / "c.jsonl", BENCH_LINES), body=na)
    assert (report.works, report.provisions, report.refused) == (2, 7, [])
    law = Work.objects.get(title="Luật A")
    assert (law.doc_type, law.number) == ("law", "")
    assert Work.objects.get(title="Bộ luật B").doc_type == "code"
    rows = list(
        law.expressions.get()
        .provisions.order_by("order")
        .values_list("eid", "kind", "heading", "text")
    )
    assert rows == [
        ("art_1", "article", "Phạm vi", "Luật này quy định A."),
        ("art_2", "article", "Nguyên tắc", ""),
        ("art_2__cls_1", "clause", "", "Một là:"),
        ("art_2__cls_1__pnt_a", "point", "", "điểm a;"),
        ("art_2__cls_1__pnt_b", "point", "", "điểm b."),
        ("art_2__cls_2", "clause", "", "Hai là."),
    ]
    again = import_jsonl(_write(tmp_path / "c2.jsonl", BENCH_LINES), body=na)
    assert again.works == 0
    assert [name for name, _ in again.skipped] == ["Luật A", "Bộ luật B"]
    assert Work.objects.count() == 2


def test_bad_line_refuses_file_and_changes_nothing(tmp_path, na):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(BENCH_LINES[0], ensure_ascii=False) + "\n{not json\n", "utf-8")
    report = import_jsonl(path, body=na)
    assert [(n, c) for n, c, _ in report.refused] == [("bad.jsonl", "bad_json")]
    assert Work.objects.count() == Provision.objects.count() == 0


def test_demo_corpus_17_laws(na):
    result = demo_documents_load(body=na)
    report = result["report"]
    assert report.works == 17
    assert report.refused == []
    articles = Provision.objects.filter(
        kind="article", expression__work__pk__in=report.created_work_ids
    )
    # 2,249 articles as imported + 38 in the constructed 2027 version of Luật Tiếp cận thông tin
    assert articles.filter(expression__version_date__lt=dt.date(2027, 1, 1)).count() == 2249
    assert articles.count() == 2249 + 38
    tctt = Work.objects.get(number_key="104/2016/QH13")
    assert (tctt.title, tctt.issued_date, tctt.effective_date) == (
        "Luật Tiếp cận thông tin",
        dt.date(2016, 4, 6),
        dt.date(2018, 7, 1),
    )
    assert list(tctt.expressions.values_list("version_date", flat=True)) == [
        dt.date(2016, 4, 6),
        dt.date(2027, 1, 1),
    ]
    assert sorted(Relation.objects.filter(target_work=tctt).values_list("kind", "target_eid")) == [
        ("amends", "art_10"),
        ("amends", "art_5"),
        ("based_on", ""),
        ("based_on", ""),
        ("guides", "art_10a"),
        ("supplements", "art_10a"),
    ]
    constitution = Work.objects.get(doc_type="constitution")
    assert constitution.frbr_uri == "/akn/vn/act/hien-phap/qh/2013-11-28/hien-phap"
    # 14 of the 16 laws were adopted after Hiến pháp 2013 took effect
    assert Relation.objects.filter(target_work=constitution, kind="based_on").count() == 14
    second = demo_documents_load(body=na)
    assert second["report"].works == 0
    assert Work.objects.count() == 19


def test_own_format_round_trip(tmp_path, na, council, make_work, staff):
    base = make_work("Luật Gốc", "1/2020/QH14")
    other = make_work("Luật Khác", "2/2021/QH15")
    from nghitruong.documents.services import relation_create

    relation_create(
        actor=staff,
        kind="amends",
        source_work=other,
        target_work=base,
        target_eid="art_2__cls_1",
        effective_date=dt.date(2022, 1, 1),
    )
    out = tmp_path / "export.jsonl.gz"
    assert export_jsonl(out) == 2
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        lines = [json.loads(x) for x in fh]
    assert [x["frbr_uri"] for x in lines] == [base.frbr_uri, other.frbr_uri]
    again = import_jsonl(out, body=council)
    assert (again.works, [n for n, _ in again.skipped]) == (0, [base.frbr_uri, other.frbr_uri])
    # re-import as new works (new URIs and numbers) into another body: same provisions, relation
    # re-linked to the existing target
    for line in lines:
        line["frbr_uri"] += "-copy"
        line["number"] = line["number"].replace("/QH", "9/QH")
    copy = tmp_path / "copy.jsonl"
    copy.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    report = import_jsonl(copy, body=council)
    assert (report.works, report.provisions, report.relations) == (2, 10, 1)
    for original in (base, other):
        clone = Work.objects.get(frbr_uri=f"{original.frbr_uri}-copy")
        assert clone.body == council
        assert clone.title == original.title
        assert list(
            Provision.objects.filter(expression__work=clone).values_list("eid", "text", "depth")
        ) == list(
            Provision.objects.filter(expression__work=original).values_list("eid", "text", "depth")
        )
    rel = Relation.objects.get(source_work__frbr_uri=f"{other.frbr_uri}-copy")
    assert (rel.kind, rel.target_work, rel.target_eid, rel.effective_date, rel.origin) == (
        "amends",
        base,
        "art_2__cls_1",
        dt.date(2022, 1, 1),
        "staff",
    )


def test_akn_xml(make_work):
    work = make_work("Luật Gốc", "1/2020/QH14")
    xml = expression_to_akn(work.expressions.get())
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    root = ET.fromstring(xml)  # noqa: S314 - our own output
    assert (
        root.find("a:act/a:meta/a:identification/a:FRBRWork/a:FRBRuri", ns).get("value")
        == work.frbr_uri
    )
    arts = root.findall("a:act/a:body/a:article", ns)
    assert [a.get("eId") for a in arts] == ["art_1", "art_2"]
    assert arts[1].find("a:heading", ns).text == "Nguyên tắc"
    assert [p.get("eId") for p in arts[1].findall("a:paragraph", ns)] == [
        "art_2__cls_1",
        "art_2__cls_2",
    ]


def test_command_import_and_export(tmp_path, na, capsys):
    _write(tmp_path / "c.jsonl", BENCH_LINES)
    call_command("documents", "import", str(tmp_path / "c.jsonl"))
    out = capsys.readouterr().out
    assert "Đã nhập 2 văn bản, 7 điều khoản" in out
    call_command("documents", "export", "--format", "akn", str(tmp_path / "akn"))
    assert len(list((tmp_path / "akn").glob("*.xml"))) == 2
    assert Expression.objects.count() == 2


@pytest.mark.parametrize("path", [LAWS17])
def test_fixture_is_the_bench_corpus_shape(path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    assert set(first) == {"id", "law_id", "article_id", "text"}
