"""Permission-matrix specs for the search page (tests/test_permission_matrix.py).

Both sides' documents (public, internal, confidential; nghitruong/documents/tests/matrix.py) are
indexed, and the probe searches for "mật danh", a phrase in the titles of the internal and the
confidential works only: member A finds A's internal work and nothing of B; a visitor finds none.
"""

from typing import Any

from nghitruong.documents.models import Work
from nghitruong.documents.tests.matrix import world_documents
from nghitruong.search.services import index_works
from tests.conftest import World
from tests.matrix import Probe


def indexed_documents(world: World, side: str) -> dict[str, Any]:
    world_documents(world, side)
    if not world.__dict__.get("search_indexed"):
        # The matrix runs inside one test transaction: the documents app's on-commit hook never
        # fires, so the works are indexed here through the search app's own service.
        index_works(work_ids=list(Work.objects.values_list("pk", flat=True)))
        world.__dict__["search_indexed"] = True
    return {}


SPECS: dict[str, Probe] = {
    "search:index": Probe(
        kwargs=indexed_documents,
        public=True,
        query={"q": "mật danh"},
        note="member A finds A's internal work only; a visitor finds nothing private",
    ),
    "api-v1:search_endpoint": Probe(
        kwargs=indexed_documents,
        public=True,
        query={"q": "mật danh"},
        note="same rule as the page, as JSON",
    ),
}
