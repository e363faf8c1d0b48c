"""Every read on the knowledge base (house rule 2). Import from here."""

from nghitruong.documents.selectors.diff import ProvisionChange, WordOp, expression_diff, word_diff
from nghitruong.documents.selectors.status import StatusAt, provision_status_at, work_status_at
from nghitruong.documents.selectors.works import (
    RelationView,
    expression_provisions,
    expression_tree,
    find_work_by_ref,
    provision_by_eid,
    provision_subtree_text,
    work_current_expression,
    work_expression_at,
    work_expressions,
    work_list,
    work_relations,
)

__all__ = [
    "ProvisionChange",
    "RelationView",
    "StatusAt",
    "WordOp",
    "expression_diff",
    "expression_provisions",
    "expression_tree",
    "find_work_by_ref",
    "provision_by_eid",
    "provision_status_at",
    "provision_subtree_text",
    "word_diff",
    "work_current_expression",
    "work_expression_at",
    "work_expressions",
    "work_list",
    "work_relations",
    "work_status_at",
]
