"""Every write on the knowledge base (house rule 2). Import from here."""

from nghitruong.documents.services.demo import demo_documents_load
from nghitruong.documents.services.expressions import expression_create
from nghitruong.documents.services.relations import relation_create, relation_delete
from nghitruong.documents.services.works import (
    content_hash,
    work_create,
    work_delete,
    work_set_status,
    work_update,
)

__all__ = [
    "content_hash",
    "demo_documents_load",
    "expression_create",
    "relation_create",
    "relation_delete",
    "work_create",
    "work_delete",
    "work_set_status",
    "work_update",
]
