"""The search page /search/ on the small fixed corpus (conftest): grouped hits with links to the
articles' anchors, facets, permission filtering, citation jumps, HTMX partial and bad input."""

import re

from nghitruong.accounts.testing import login_verified

HIT = re.compile(r'class="search-hit-title" href="([^"]+)">([^<]+)</a>')
DOC = re.compile(r'<h2 class="search-doc"><a href="([^"]+)">([^<]+)</a></h2>')


def page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def facet(html, name):
    section = re.search(rf'data-facet="{name}">(.*?)</section>', html, re.S)
    assert section, name
    return re.findall(
        r'<a href="([^"]+)"[^>]*data-value="[^"]*"><span[^>]*>(.)</span> ([^<]+) '
        r'<span class="facet-count">(\d+)</span>',
        section.group(1),
    )


def test_top_hit_groups_articles_under_their_document(client, corpus):
    land = corpus["dat_dai"]
    html = page(client, q="luat dat dai")
    # "luật" is in every title: the other laws follow, Luật Đất đai comes first.
    assert DOC.findall(html) == [
        (f"/documents/{land.pk}/", "Luật Đất đai"),
        (f"/documents/{corpus['thuy_loi'].pk}/", "Luật Thủy lợi"),
        (f"/documents/{corpus['hoa_giai'].pk}/", "Luật Hòa giải ở cơ sở"),
        (f"/documents/{corpus['hoa'].pk}/", "Luật Trồng trọt"),
    ]
    assert HIT.findall(html)[:2] == [
        (f"/documents/{land.pk}/#art_1", "Điều 1. Phạm vi điều chỉnh"),
        (f"/documents/{land.pk}/#art_5", "Điều 5. Người sử dụng đất"),
    ]
    assert '<span class="search-number">Số 31/2024/QH15</span>' in html
    assert '<span class="badge status-ok" data-status="in_force">Còn hiệu lực</span>' in html
    assert "4 văn bản phù hợp" in html
    assert (
        '<p class="snippet">1. Luật này quy định về chế độ sở hữu <mark>đất</mark> '
        "<mark>đai</mark>, quyền hạn của Nhà nước.</p>"
    ) in html


def test_phrase_query_in_quotes(client, corpus):
    html = page(client, q='"so huu dat dai"')
    assert [title for _url, title in HIT.findall(html)] == ["Điều 1. Phạm vi điều chỉnh"]
    assert 'value="&quot;so huu dat dai&quot;"' in html


def test_facets_count_and_filter(client, corpus):
    html = page(client, q="phạm vi điều chỉnh")
    q = "q=ph%E1%BA%A1m+vi+%C4%91i%E1%BB%81u+ch%E1%BB%89nh"
    assert facet(html, "year") == [
        (f"/search/?{q}&amp;year=2013", "☐", "2013", "1"),
        (f"/search/?{q}&amp;year=2017", "☐", "2017", "1"),
        (f"/search/?{q}&amp;year=2024", "☐", "2024", "1"),
    ]
    assert facet(html, "doc_type") == [(f"/search/?{q}&amp;doc_type=law", "☐", "Luật", "3")]
    assert [label for _u, _b, label, _n in facet(html, "field")] == [
        "dat-dai",
        "nong-nghiep",
        "tu-phap",
    ]
    assert [label for _u, _b, label, _n in facet(html, "status")] == ["Còn hiệu lực"]
    filtered = page(client, q="phạm vi điều chỉnh", year="2017")
    assert [title for _u, title in DOC.findall(filtered)] == ["Luật Thủy lợi"]
    # The chosen value is ticked and its link removes the filter; the box keeps the filter.
    assert facet(filtered, "year") == [(f"/search/?{q}", "☑", "2017", "1")]
    assert '<input type="hidden" name="year" value="2017">' in filtered
    assert DOC.findall(page(client, q="phạm vi điều chỉnh", doc_type="decree")) == []


def test_page_never_shows_what_the_user_may_not_read(client, corpus, member, staff):
    def titles():
        return sorted(title for _u, title in DOC.findall(page(client, q="đất đai")))

    assert titles() == ["Luật Đất đai"]
    client.force_login(member)  # password only, second factor pending: still a visitor
    assert titles() == ["Luật Đất đai"]
    login_verified(client, member)
    assert titles() == ["Kế hoạch nội bộ về đất đai", "Luật Đất đai"]
    login_verified(client, staff)
    assert titles() == ["Báo cáo hạn chế về đất đai", "Kế hoạch nội bộ về đất đai", "Luật Đất đai"]


def test_citation_and_document_number_redirect(client, corpus, member):
    land, irrigation = corpus["dat_dai"], corpus["thuy_loi"]
    response = client.get("/search/", {"q": "dieu 5 luat dat dai"})
    assert (response.status_code, response["Location"]) == (302, f"/documents/{land.pk}/#art_5")
    response = client.get("/search/", {"q": "08/2017/QH14"})
    assert (response.status_code, response["Location"]) == (302, f"/documents/{irrigation.pk}/")
    htmx = client.get("/search/", {"q": "Điều 5 Luật Đất đai"}, headers={"HX-Request": "true"})
    assert (htmx.status_code, htmx["HX-Redirect"]) == (200, f"/documents/{land.pk}/#art_5")
    stay = page(client, q="Điều 5 Luật Đất đai", go="0")
    assert f'<a href="/documents/{land.pk}/#art_5">Điều 5 — Luật Đất đai</a>' in stay
    # An internal document's number does not jump (nor show) for a visitor; it does for a member.
    hidden = page(client, q="12/KH-VPQH")
    assert "Kế hoạch nội bộ" not in hidden
    assert 'class="search-jump"' not in hidden
    login_verified(client, member)
    response = client.get("/search/", {"q": "12/KH-VPQH"})
    assert response["Location"] == f"/documents/{corpus['internal'].pk}/"


def test_htmx_request_gets_the_results_partial(client, corpus):
    response = client.get("/search/", {"q": "thuy loi"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.strip().startswith('<div id="search-results"')
    assert "<html" not in html
    assert [title for _u, title in DOC.findall(html)] == ["Luật Thủy lợi"]


def test_empty_and_unknown_queries(client, corpus):
    html = page(client)
    assert "Nhập từ khoá, số ký hiệu hoặc trích dẫn để tìm" in html
    assert 'role="alert"' not in html
    assert "Không tìm thấy văn bản phù hợp với “xyzzy”." in page(client, q="xyzzy")
    assert "Không tìm thấy văn bản phù hợp với “,,,”." in page(client, q="  ,,, ")


def test_bad_input_gets_a_clear_message(client, corpus):
    huge = "đất " * 200
    html = page(client, q=huge)
    assert "Câu tìm kiếm quá dài (799 ký tự); tối đa 500 ký tự." in html
    assert DOC.findall(html) == []
    html = page(client, q="đất đai", page="abc")
    assert "Số trang không hợp lệ; đang hiển thị trang 1." in html
    assert [t for _u, t in DOC.findall(html)] == ["Luật Đất đai"]
    assert "Số trang không hợp lệ" in page(client, q="đất đai", page="-3")
    assert "Số trang không hợp lệ" in page(client, q="đất đai", page="99999999999999999999")
    html = page(client, q="đất đai", page="7")
    assert "Không có trang 7; kết quả có 1 trang." in html
    assert DOC.findall(html) == []
    html = page(client, q="đất đai", year="20x4")
    assert "Năm không hợp lệ: hãy nhập bốn chữ số, ví dụ 2016." in html
    assert [t for _u, t in DOC.findall(html)] == ["Luật Đất đai"]
    html = page(client, q="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
