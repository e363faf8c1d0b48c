"""On the 17 real demo laws: an unaccented question finds Luật Tiếp cận thông tin, the hit opens
the article, and the article's citations link to the provisions they name."""

import datetime as dt
import re

import pytest
import time_machine

from nghitruong.core.models import ElectedBody
from nghitruong.documents.models import Work
from nghitruong.documents.services import demo_documents_load

# Before the demo amendment of Luật Tiếp cận thông tin takes effect (2027-01-01).
DAY = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    na = ElectedBody.objects.create(code="quoc-hoi", name="Quốc hội", kind="na", level="central")
    with time_machine.travel(DAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        demo_documents_load(body=na)
    return Work.objects.get(number="104/2016/QH13")


def test_unaccented_question_then_citation_links(client, demo):
    with time_machine.travel(DAY, tick=False):
        html = client.get("/search/", {"q": "quyen tiep can thong tin cua cong dan"}).content
        html_text = html.decode()
        first = re.search(r'class="search-hit-title" href="([^"]+)">([^<]+)</a>', html_text)
        assert first.groups() == (
            f"/documents/{demo.pk}/#art_13",
            "Điều 13. Giám sát việc bảo đảm thực hiện quyền tiếp cận thông tin",
        )
        reader = client.get(f"/documents/{demo.pk}/").content.decode()
    assert 'id="art_13"' in reader
    # Real provisions with citations inside the same law, completed from their context.
    assert (
        'theo quy định tại <a class="cite" href="#art_34__cls_1__pnt_b">'
        "điểm b khoản 1 Điều 34 của Luật này</a>"
    ) in reader
    assert '<a class="cite" href="#art_7__cls_1">khoản 1 và khoản 2 Điều 7 của Luật này</a>' in (
        reader
    )
    assert reader.count('<a class="cite" href="#art_6">Điều 6 của Luật này</a>') == 4
