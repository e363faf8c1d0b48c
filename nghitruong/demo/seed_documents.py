"""Demo documents (17 laws, an amended law in two versions, relations) from the documents app.

The documents app owns its demo loader (``demo_documents_load(*, body, actor=None)``); this step
calls it for the National Assembly when that loader is present, and says so when it is not.
"""

import importlib
from collections.abc import Callable
from typing import Any

from django.db import transaction

from nghitruong.demo.common import Say, StepResult
from nghitruong.demo.selectors import body, document_count

# Where the documents app may expose its loader (first found wins).
LOADER_MODULES = (
    "nghitruong.documents.services",
    "nghitruong.documents.services.demo",
    "nghitruong.documents.demo",
)


def documents_loader() -> Callable[..., Any] | None:
    for name in LOADER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue  # this candidate module does not exist; any other error is a real bug
            raise
        loader = getattr(module, "demo_documents_load", None)
        if callable(loader):
            return loader
    return None


def seed_documents(*, say: Say) -> StepResult:
    result = StepResult("Văn bản pháp luật / legal documents")
    loader = documents_loader()
    if loader is None:
        result.skipped = "chưa có bộ nạp văn bản demo / documents demo loader not available"
        return result
    before = document_count()
    with transaction.atomic():
        loader(body=body("qh"), actor=None)
    added = document_count() - before
    if added:
        result.add("documents", added)
    else:
        result.skipped = f"đã có {before} văn bản / {before} documents already present"
    return result
