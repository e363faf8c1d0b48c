"""Demo data of the knowledge base: the 17 real laws of fixtures/laws17.jsonl.gz with their known
metadata, plus clearly labelled illustrative documents (see fixtures/PROVENANCE.md): an amending
law giving Luật Tiếp cận thông tin a second version, a guiding decree, and based_on relations.
"""

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import DocType, RelationKind, RelationOrigin, Work
from nghitruong.documents.selectors.works import expression_tree, work_expression_at
from nghitruong.documents.services.expressions import expression_create
from nghitruong.documents.services.relations import relation_create
from nghitruong.documents.services.tree import ProvisionNode
from nghitruong.documents.services.works import work_create

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LAWS17 = FIXTURES / "laws17.jsonl.gz"
METADATA = FIXTURES / "laws17_metadata.json"
BASE_LAW = "104/2016/QH13"  # Luật Tiếp cận thông tin
AMENDMENT_DATE = dt.date(2026, 6, 15)
AMENDMENT_EFFECTIVE = dt.date(2027, 1, 1)
ILLUSTRATIVE = "(văn bản minh họa)"

AMENDING_TEXT = """Điều 1. Sửa đổi, bổ sung một số điều của Luật Tiếp cận thông tin
1. Điều 5 được sửa đổi như sau:
“Điều 5. Thông tin công dân được tiếp cận
Công dân được tiếp cận thông tin của cơ quan nhà nước, kể cả thông tin trên môi trường điện tử, trừ thông tin không được tiếp cận quy định tại Điều 6 của Luật này; được tiếp cận có điều kiện đối với thông tin quy định tại Điều 7 của Luật này.”
2. Điều 10 được sửa đổi, bổ sung như sau:
“Điều 10. Cách thức tiếp cận thông tin
Công dân được tiếp cận thông tin bằng các cách thức sau:
1. Tự do tiếp cận thông tin được cơ quan nhà nước công khai;
2. Yêu cầu cơ quan nhà nước cung cấp thông tin, kể cả qua Cổng Dịch vụ công quốc gia;
3. Tra cứu thông tin trên cổng thông tin điện tử của cơ quan nhà nước.”
3. Bổ sung Điều 10a vào sau Điều 10 như sau:
“Điều 10a. Tiếp cận thông tin trên môi trường điện tử
1. Cơ quan nhà nước bảo đảm công dân được tiếp cận thông tin trên môi trường điện tử một cách thuận lợi, miễn phí.
2. Chính phủ quy định chi tiết Điều này.”
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027."""

NEW_ARTICLES = {
    "5": (
        "Thông tin công dân được tiếp cận\nCông dân được tiếp cận thông tin của cơ quan nhà nước, "
        "kể cả thông tin trên môi trường điện tử, trừ thông tin không được tiếp cận quy định tại "
        "Điều 6 của Luật này; được tiếp cận có điều kiện đối với thông tin quy định tại Điều 7 "
        "của Luật này."
    ),
    "10": (
        "Cách thức tiếp cận thông tin\nCông dân được tiếp cận thông tin bằng các cách thức sau:\n"
        "1. Tự do tiếp cận thông tin được cơ quan nhà nước công khai;\n"
        "2. Yêu cầu cơ quan nhà nước cung cấp thông tin, kể cả qua Cổng Dịch vụ công quốc gia;\n"
        "3. Tra cứu thông tin trên cổng thông tin điện tử của cơ quan nhà nước."
    ),
    "10a": (
        "Tiếp cận thông tin trên môi trường điện tử\n"
        "1. Cơ quan nhà nước bảo đảm công dân được tiếp cận thông tin trên môi trường điện tử một "
        "cách thuận lợi, miễn phí.\n2. Chính phủ quy định chi tiết Điều này."
    ),
}

DECREE_TEXT = """Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết Điều 10a của Luật Tiếp cận thông tin về tiếp cận thông tin trên môi trường điện tử.
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027."""


def laws17_metadata() -> dict[str, dict[str, Any]]:
    """Known metadata by law_id, with every "unknown" value dropped."""
    raw = json.loads(METADATA.read_text(encoding="utf-8"))["laws"]
    return {
        law: {k: v for k, v in fields.items() if v != "unknown" and k != "effective_checked_in"}
        for law, fields in raw.items()
    }


def _node_from_dict(d: dict[str, Any]) -> ProvisionNode:
    return ProvisionNode(
        kind=d["kind"],
        number=d["number"],
        label=d["label"],
        heading=d["heading"],
        text=d["text"],
        eid=d["eid"],
        children=[_node_from_dict(c) for c in d["children"]],
    )


def _amended_tree(base: Work) -> list[Any]:
    from nghitruong.documents.parsing.structure import parse_article_text

    original = work_expression_at(base, dt.date(2018, 7, 1))
    assert original is not None  # noqa: S101 - the law was just imported
    out: list[Any] = []
    for node in expression_tree(original):
        if node["kind"] == "article" and node["number"] in NEW_ARTICLES:
            out.append(parse_article_text(node["number"], NEW_ARTICLES[node["number"]]))
        else:
            out.append(_node_from_dict(node))
        if node["kind"] == "article" and node["number"] == "10":
            out.append(parse_article_text("10a", NEW_ARTICLES["10a"]))
    return out


def demo_documents_load(*, body: ElectedBody, actor: Any = None) -> dict[str, Any]:
    """Import the 17 laws into ``body`` and add the illustrative amendment, decree and relations.
    Safe to call twice (the second call skips what exists)."""
    from nghitruong.documents.ingest.jsonl import import_jsonl

    report = import_jsonl(LAWS17, actor=actor, body=body, metadata=laws17_metadata())
    base = (
        Work.objects.filter(number_key=BASE_LAW).first()
        or Work.objects.filter(body=body, provenance__law_id="Luật Tiếp cận thông tin").first()
    )
    constitution = Work.objects.filter(doc_type=DocType.CONSTITUTION, body=body).first()
    if base is None or Work.objects.filter(provenance__demo_key="tctt-amendment").exists():
        return {"report": report, "amendment": None}
    with transaction.atomic():
        amending = work_create(
            actor=actor,
            body=body,
            doc_type=DocType.LAW,
            title=f"Luật sửa đổi, bổ sung một số điều của Luật Tiếp cận thông tin {ILLUSTRATIVE}",
            issuer="Quốc hội",
            issued_date=AMENDMENT_DATE,
            effective_date=AMENDMENT_EFFECTIVE,
            provenance={"constructed": True, "demo_key": "tctt-amendment"},
        )
        expression_create(
            actor=actor, work=amending, version_date=AMENDMENT_DATE, text=AMENDING_TEXT
        )
        expression_create(
            actor=actor,
            work=base,
            version_date=AMENDMENT_EFFECTIVE,
            tree=_amended_tree(base),
            amending_work=amending,
            note=f"Phiên bản sửa đổi {ILLUSTRATIVE}",
        )
        for kind, eid in (
            (RelationKind.AMENDS, "art_5"),
            (RelationKind.AMENDS, "art_10"),
            (RelationKind.SUPPLEMENTS, "art_10a"),
        ):
            relation_create(
                actor=actor,
                kind=kind,
                source_work=amending,
                source_eid="art_1",
                target_work=base,
                target_eid=eid,
                effective_date=AMENDMENT_EFFECTIVE,
                origin=RelationOrigin.STAFF,
                note=ILLUSTRATIVE,
            )
        decree = work_create(
            actor=actor,
            body=body,
            doc_type=DocType.DECREE,
            title=(
                "Nghị định quy định chi tiết một số điều của Luật Tiếp cận thông tin "
                f"{ILLUSTRATIVE}"
            ),
            issuer="Chính phủ",
            issued_date=dt.date(2026, 11, 20),
            effective_date=AMENDMENT_EFFECTIVE,
            provenance={"constructed": True, "demo_key": "tctt-decree"},
        )
        expression_create(
            actor=actor, work=decree, version_date=dt.date(2026, 11, 20), text=DECREE_TEXT
        )
        relation_create(
            actor=actor,
            kind=RelationKind.GUIDES,
            source_work=decree,
            target_work=base,
            target_eid="art_10a",
            effective_date=AMENDMENT_EFFECTIVE,
            note=ILLUSTRATIVE,
        )
        relation_create(
            actor=actor, kind=RelationKind.BASED_ON, source_work=decree, target_work=base
        )
        relation_create(
            actor=actor, kind=RelationKind.BASED_ON, source_work=amending, target_work=base
        )
        if constitution is not None:
            for law in Work.objects.filter(
                pk__in=report.created_work_ids, issued_date__gte=dt.date(2014, 1, 1)
            ).exclude(pk=constitution.pk):
                relation_create(
                    actor=actor,
                    kind=RelationKind.BASED_ON,
                    source_work=law,
                    target_work=constitution,
                    scope_text="Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
                )
    return {"report": report, "amendment": amending, "decree": decree, "base": base}
