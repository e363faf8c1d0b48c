"""The side-by-side comparison of two versions (``/documents/<id>/diff``)."""

import datetime as dt

import pytest

from nghitruong.accounts.testing import login_verified
from nghitruong.documents.models import Confidentiality, Work
from nghitruong.documents.selectors.compare import eid_citation
from nghitruong.documents.services import demo_documents_load, expression_create
from nghitruong.documents.tests.factories import article


def main(response) -> str:
    """The page's main content (the header holds a per-request CSRF token)."""
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_demo_amended_law_side_by_side(client, na):
    demo_documents_load(body=na)
    law = Work.objects.get(number_key="104/2016/QH13")
    original, amended = law.expressions.order_by("version_date")
    reader = client.get(f"/documents/{law.pk}/").content.decode()
    assert f'href="/documents/{law.pk}/diff?new={amended.pk}" data-diff-link' in reader
    response = client.get(f"/documents/{law.pk}/diff", {"new": amended.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-added="4" data-removed="0" data-changed="2"' in html
    rows = [
        (row.split('data-eid="')[1].split('"')[0], row.split('data-change="')[1].split('"')[0])
        for row in html.split('<section class="diff-row')[1:]
    ]
    assert rows == [
        ("art_5", "changed"),
        ("art_10__cls_2", "changed"),
        ("art_10__cls_3", "added"),
        ("art_10a", "added"),
        ("art_10a__cls_1", "added"),
        ("art_10a__cls_2", "added"),
    ]
    assert "cơ quan nhà nước,<ins> kể cả thông tin trên môi trường điện tử,</ins> trừ" in html
    assert "cung cấp thông <del>tin.</del></p>" in html
    assert "cung cấp thông <ins>tin, kể cả qua Cổng Dịch vụ công quốc gia;</ins></p>" in html
    assert ">Khoản 2 Điều 10\n" in html
    assert "Văn bản sửa đổi:" in html
    # The explicit pair and the default (latest against the one before) are the same page.
    explicit = client.get(f"/documents/{law.pk}/diff", {"old": original.pk, "new": amended.pk})
    default = client.get(f"/documents/{law.pk}/diff")
    assert main(explicit) == main(default) == main(response)


@pytest.fixture
def law(make_work, staff):
    work = make_work("Luật Thử nghiệm", "10/2020/QH14", Confidentiality.INTERNAL)
    expression_create(
        actor=staff,
        work=work,
        version_date=dt.date(2023, 1, 1),
        tree=[
            article("1", "Phạm vi điều chỉnh", "Luật này quy định về thử nghiệm."),
            article("2", "Nguyên tắc", "Công khai, minh bạch, hiệu quả."),
        ],
    )
    return work


def test_word_marks_and_removed_provision(client, law, member):
    login_verified(client, member)
    html = client.get(f"/documents/{law.pk}/diff").content.decode()
    assert 'data-added="0" data-removed="1" data-changed="1"' in html
    assert "Công khai, minh <del>bạch.</del>" in html
    assert "Công khai, minh <ins>bạch, hiệu quả.</ins>" in html
    assert '<p class="diff-text"><del>Bảo đảm quyền con người.</del></p>' in html
    assert "(không còn)" in html


def test_diff_follows_the_reading_rule(client, law, outsider):
    assert client.get(f"/documents/{law.pk}/diff").status_code == 404
    login_verified(client, outsider)
    assert client.get(f"/documents/{law.pk}/diff").status_code == 404


def test_bad_version_choices(client, law, make_work, member):
    login_verified(client, member)
    first, second = law.expressions.order_by("version_date")
    other = make_work("Luật Khác", "11/2020/QH14").expressions.get()
    reversed_pair = client.get(f"/documents/{law.pk}/diff", {"old": second.pk, "new": first.pk})
    assert reversed_pair.status_code == 400
    assert (
        "Phiên bản cũ phải trước phiên bản mới / The old version must precede the new one"
        in reversed_pair.content.decode()
    )
    assert 'class="diff-row' not in reversed_pair.content.decode()
    bad = client.get(f"/documents/{law.pk}/diff", {"old": "abc"})
    assert bad.status_code == 400
    assert "Phiên bản không hợp lệ." in bad.content.decode()
    assert client.get(f"/documents/{law.pk}/diff", {"old": other.pk}).status_code == 404
    same = client.get(f"/documents/{law.pk}/diff", {"old": first.pk, "new": first.pk})
    assert same.status_code == 200
    assert "Hai phiên bản có nội dung giống nhau." in same.content.decode()


def test_single_version_has_nothing_to_compare(client, make_work):
    work = make_work("Luật Một Phiên Bản", "12/2020/QH14")
    response = client.get(f"/documents/{work.pk}/diff")
    assert response.status_code == 200
    assert "Văn bản mới có một phiên bản, chưa có gì để so sánh." in response.content.decode()


@pytest.mark.parametrize(
    ("eid", "label", "expected"),
    [
        ("art_10__cls_2", "Khoản 2", "Khoản 2 Điều 10"),
        ("chp_II__art_8__cls_2__pnt_dd", "Điểm đ", "Điểm đ Khoản 2 Điều 8"),
        ("art_10a", "Điều 10a", "Điều 10a"),
        ("chp_II", "Chương II", "Chương II"),
        ("preamble", "", "preamble"),
    ],
)
def test_eid_citation(eid, label, expected):
    assert eid_citation(eid, label) == expected
