"""Every change to the API's contract shows up in review (aesthetics.md §5 rule 10).

The OpenAPI schema of ``/api/v1/`` must equal the committed ``tests/snapshots/openapi_v1.json``.
After an intended API change, regenerate the snapshot and commit it with the change:

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_openapi_snapshot.py
"""

import json
import os
from pathlib import Path

from nghitruong.config.api import api

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi_v1.json"


def _current() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def test_openapi_matches_snapshot():
    current = _current()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert SNAPSHOT.exists(), (
        "No snapshot yet: run UPDATE_SNAPSHOTS=1 pytest tests/test_openapi_snapshot.py"
    )
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert current == expected, (
        "The API contract changed. If intended, run "
        "`UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_openapi_snapshot.py` and commit the JSON."
    )


def test_openapi_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Nghị Trường Số API"
    assert "/api/v1/bodies/{body_id}" in response.json()["paths"]


def test_docs_page_is_served(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    # Swagger UI from our own static files (the CSP allows scripts from 'self' only), no CDN.
    assert '<script src="/static/ninja/swagger-ui-bundle.js"></script>' in html
    assert "cdn." not in html
