"""Citation links in the HTML reader (selectors.citation_links): same-document citations link to
the stored eid, other documents to the work or the resolver, unknown or unreadable documents stay
plain text, and the text around them is escaped."""

import datetime as dt
import re

import pytest

from nghitruong.accounts.testing import login_verified
from nghitruong.documents.models import Confidentiality, DocType, Work
from nghitruong.documents.services import expression_create, work_create

LAW = """Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
1. Luật này quy định về thử nghiệm <b>đậm</b> & "trích".
2. Việc áp dụng thực hiện theo khoản 1 Điều này và Điều 2 của Luật này.
Điều 2. Áp dụng
1. Trường hợp khác thì áp dụng Luật số 101/2015/QH13 và Nghị định số 15/2020/NĐ-CP.
2. Thủ tục theo điểm a khoản 2 Điều 1 Luật số 1/2020/QH14; xem thêm Luật số 1/2020/QH14.
Chương II
ĐIỀU KHOẢN THI HÀNH
Điều 3. Hiệu lực
Bãi bỏ Điều 2 Luật số 2/2020/QH14; sửa đổi Điều 8 Luật Đất đai; khoản 9 Điều này không có.
"""


@pytest.fixture
def citing(na, make_work):
    make_work("Luật Đích", "1/2020/QH14")
    make_work("Luật Nội bộ", "2/2020/QH14", Confidentiality.INTERNAL)
    make_work("Luật Đất đai", "31/2024/QH15")
    work = work_create(
        actor=None,
        body=na,
        doc_type=DocType.LAW,
        title="Luật Trích dẫn",
        number="7/2021/QH15",
        issued_date=dt.date(2021, 6, 1),
        effective_date=dt.date(2021, 7, 1),
    )
    expression_create(actor=None, work=work, version_date=dt.date(2021, 6, 1), text=LAW)
    return work


def provision_html(html: str, eid: str) -> str:
    match = re.search(rf'<div id="{eid}" [^>]*>\s*(.*?)\s*</div>', html, re.S)
    assert match, eid
    return re.sub(r"\s+", " ", match.group(1)).strip()


def test_citations_link_to_provisions_and_documents(client, citing):
    target = Work.objects.get(number="1/2020/QH14")
    land = Work.objects.get(number="31/2024/QH15")
    html = client.get(f"/documents/{citing.pk}/").content.decode()
    assert provision_html(html, "chp_I__art_1__cls_1") == (
        '<p><span class="num">1.</span> Luật này quy định về thử nghiệm '
        "&lt;b&gt;đậm&lt;/b&gt; &amp; &quot;trích&quot;. </p>"
    )
    # "khoản 1 Điều này và Điều 2 của Luật này" is one citation: it links to its first target.
    assert provision_html(html, "chp_I__art_1__cls_2") == (
        '<p><span class="num">2.</span> Việc áp dụng thực hiện theo '
        '<a class="cite" href="#chp_I__art_1__cls_1">khoản 1 Điều này và Điều 2 của Luật này</a>. </p>'
    )
    # Documents the knowledge base does not hold stay plain text.
    assert provision_html(html, "chp_I__art_2__cls_1") == (
        '<p><span class="num">1.</span> Trường hợp khác thì áp dụng Luật số 101/2015/QH13 '
        "và Nghị định số 15/2020/NĐ-CP. </p>"
    )
    assert provision_html(html, "chp_I__art_2__cls_2") == (
        '<p><span class="num">2.</span> Thủ tục theo <a class="cite" '
        'href="/documents/resolve?q=%C4%91i%E1%BB%83m+a+kho%E1%BA%A3n+2+%C4%90i%E1%BB%81u+1+'
        'Lu%E1%BA%ADt+s%E1%BB%91+1%2F2020%2FQH14">điểm a khoản 2 Điều 1 Luật số 1/2020/QH14</a>; '
        f'xem thêm <a class="cite" href="/documents/{target.pk}/">Luật số 1/2020/QH14</a>. </p>'
    )
    # An internal document is not linked for a visitor; a title citation links through the
    # resolver; a clause that does not exist is not linked.
    assert provision_html(html, "chp_II__art_3") == (
        '<h3 class="prov-heading">Điều 3. Hiệu lực </h3> <p>Bãi bỏ Điều 2 Luật số 2/2020/QH14; '
        'sửa đổi <a class="cite" href="/documents/resolve?q=%C4%90i%E1%BB%81u+8+'
        'Lu%E1%BA%ADt+%C4%90%E1%BA%A5t+%C4%91ai">Điều 8 Luật Đất đai</a>; '
        "khoản 9 Điều này không có.</p>"
    )
    # The resolver finds Luật Đất đai by title; it has no Điều 8, so it opens the document.
    followed = client.get("/documents/resolve", {"q": "Điều 8 Luật Đất đai"})
    assert followed["Location"] == f"/documents/{land.pk}/"


def test_internal_document_is_linked_for_its_readers(client, citing, member):
    internal = Work.objects.get(number="2/2020/QH14")
    login_verified(client, member)
    html = client.get(f"/documents/{citing.pk}/").content.decode()
    assert (
        '<a class="cite" href="/documents/resolve?q=%C4%90i%E1%BB%81u+2+Lu%E1%BA%ADt+s%E1%BB%91+'
        '2%2F2020%2FQH14">Điều 2 Luật số 2/2020/QH14</a>'
    ) in provision_html(html, "chp_II__art_3")
    followed = client.get("/documents/resolve", {"q": "Điều 2 Luật số 2/2020/QH14"})
    assert followed["Location"] == f"/documents/{internal.pk}/#art_2"
