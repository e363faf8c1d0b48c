"""Search behaviour on a small fixed corpus; the same tests run on SQLite FTS5 and PostgreSQL."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from nghitruong.core.hooks import fire
from nghitruong.search.models import SearchStats, SearchTerm, SearchUnit
from nghitruong.search.selectors import search

ANON = AnonymousUser()


def keys(result):
    return [f"{h.document_title}#{h.number}" for h in result.hits]


def test_index_holds_one_unit_per_article(corpus):
    assert SearchUnit.objects.count() == 8
    stats = SearchStats.objects.get(pk=1)
    assert stats.units == 8
    assert stats.paragraphs == 8
    unit = SearchUnit.objects.get(work_id=corpus["dat_dai"].pk, number="5")
    assert unit.heading == "Người sử dụng đất"
    assert unit.text == "1. Hộ gia đình, cá nhân trong nước được Nhà nước giao đất."
    assert unit.document_number == "31/2024/QH15"
    assert (unit.year, unit.status, unit.fields) == (2024, "in_force", "|dat-dai|")


def test_unaccented_query_finds_accented_title(corpus):
    result = search(user=ANON, query="luat dat dai")
    assert keys(result)[:2] == ["Luật Đất đai#1", "Luật Đất đai#5"]
    assert result.groups[0].document_title == "Luật Đất đai"
    assert [h.number for h in result.groups[0].hits] == ["1", "5"]


def test_tone_placement_styles_give_the_same_results(corpus):
    old_style = keys(search(user=ANON, query="hoà giải viên"))
    new_style = keys(search(user=ANON, query="hòa giải viên"))
    assert old_style == new_style
    assert old_style[:2] == ["Luật Hòa giải ở cơ sở#7", "Luật Hòa giải ở cơ sở#1"]
    assert keys(search(user=ANON, query="thuỷ lợi"))[0] == "Luật Thủy lợi#1"


def test_exact_accented_match_ranks_above_folded_only_match(corpus):
    typed = keys(search(user=ANON, query="hòa giải"))
    assert typed.index("Luật Hòa giải ở cơ sở#1") < typed.index("Luật Trồng trọt#9")
    flower = keys(search(user=ANON, query="hoa giải thưởng"))
    assert flower[0] == "Luật Trồng trọt#9"


def test_phrase_query_requires_the_words_in_order(corpus):
    loose = keys(search(user=ANON, query="đất đai sở hữu"))
    assert "Luật Đất đai#5" in loose
    phrase = keys(search(user=ANON, query='"so huu dat dai"'))
    assert phrase == ["Luật Đất đai#1"]
    assert keys(search(user=ANON, query="“đất sở hữu”")) == []


def test_filters_and_facets(corpus, staff):
    result = search(user=ANON, query="phạm vi điều chỉnh")
    assert sorted(keys(result)) == [
        "Luật Hòa giải ở cơ sở#1",
        "Luật Thủy lợi#1",
        "Luật Đất đai#1",
    ]
    assert result.facets["year"] == [("2013", 1), ("2017", 1), ("2024", 1)]
    assert result.facets["field"] == [("dat-dai", 1), ("nong-nghiep", 1), ("tu-phap", 1)]
    assert result.facets["doc_type"] == [("law", 3)]
    assert result.facets["status"] == [("in_force", 3)]
    filtered = search(user=ANON, query="phạm vi điều chỉnh", filters={"year": 2017})
    assert keys(filtered) == ["Luật Thủy lợi#1"]
    by_field = search(user=ANON, query="luật này quy định", filters={"field": "tu-phap"})
    assert keys(by_field) == ["Luật Hòa giải ở cơ sở#1"]
    assert search(user=ANON, query="thủy lợi", filters={"status": "expired"}).hits == []
    staff_view = search(user=staff, query="đất đai")
    assert staff_view.facets["doc_type"] == [("law", 2), ("plan", 1), ("report", 1)]
    typed = search(user=staff, query="đất đai", filters={"doc_type": "plan"})
    assert keys(typed) == ["Kế hoạch nội bộ về đất đai#1"]


def test_snippet_highlights_query_syllables_and_escapes_html(corpus):
    result = search(user=ANON, query="hoa giai vien")
    hit = next(h for g in result.groups for h in g.hits if h.number == "1")
    assert hit.snippet == (
        "1. Luật này quy định về <mark>hoà</mark> <mark>giải</mark> ở cơ sở và "
        "<mark>hòa</mark> <mark>giải</mark> <mark>viên</mark>."
    )


def test_search_never_returns_what_the_user_may_not_read(corpus, member, staff, outsider):
    def titles(user):
        return sorted({h.document_title for h in search(user=user, query="đất đai").hits})

    public = ["Luật Đất đai"]
    assert titles(ANON) == public
    assert titles(outsider) == public
    assert titles(member) == sorted([*public, "Kế hoạch nội bộ về đất đai"])
    assert titles(staff) == sorted(
        [*public, "Kế hoạch nội bộ về đất đai", "Báo cáo hạn chế về đất đai"]
    )


def test_citation_and_document_number_jump(corpus, member, outsider):
    jump = search(user=ANON, query="Điều 5 Luật Đất đai").jump
    assert (jump.document_title, jump.number) == ("Luật Đất đai", "5")
    jump = search(user=ANON, query="dieu 7 luat hoa giai o co so").jump
    assert (jump.document_title, jump.number) == ("Luật Hòa giải ở cơ sở", "7")
    jump = search(user=ANON, query="08/2017/QH14").jump
    assert (jump.document_title, jump.number) == ("Luật Thủy lợi", "1")
    assert search(user=outsider, query="12/KH-VPQH").jump is None
    assert search(user=member, query="12/kh-vpqh").jump.document_title == (
        "Kế hoạch nội bộ về đất đai"
    )
    assert search(user=ANON, query="Điều 99 Luật Đất đai").jump is None


def test_reindexing_is_idempotent_and_deletion_cleans_up(corpus):
    work = corpus["thuy_loi"]
    before = dict(SearchTerm.objects.values_list("term", "df"))
    fire("document.changed", work_ids=[work.pk, corpus["dat_dai"].pk])
    assert dict(SearchTerm.objects.values_list("term", "df")) == before
    assert SearchUnit.objects.count() == 8
    fire("document.deleted", work_ids=[work.pk])
    assert SearchUnit.objects.count() == 7
    assert not SearchTerm.objects.filter(term="f:thuy_loi").exists()
    assert SearchTerm.objects.get(term="f:pham_vi").df == before["f:pham_vi"] - 1
    assert search(user=ANON, query="thủy lợi").hits == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_unit_fts")
            assert cursor.fetchone()[0] == 7


def test_empty_and_unknown_queries(corpus):
    assert search(user=ANON, query="  ,,, ").hits == []
    assert search(user=ANON, query="xyzzy").hits == []


def test_search_api_is_thin_and_anonymous_sees_public_only(corpus, client):
    from ninja.testing import TestClient

    from nghitruong.search.api import router

    response = TestClient(router).get("/?q=dat%20dai&year=2024")
    assert response.status_code == 200
    body = response.json()
    assert [g["document_title"] for g in body["groups"]] == ["Luật Đất đai"]
    assert body["facets"]["year"] == [{"value": "2024", "count": 2}]
    assert body["jump"] is None
