"""``field__in_many=[…]``: ``IN`` for the long lists of a batch (hundreds of ballots at once).

Same meaning as ``__in`` with a list (``None`` ignored, an empty list matches nothing). On
PostgreSQL it is written ``field = ANY(%s)`` with ONE array parameter instead of one placeholder
per value: psycopg rewrites every ``%s`` of a statement in Python, which for a batch of 600
ballots cost more than running the query (docs/benchmarks.md, "Electronic voting"). Other
databases: exactly ``IN``. Registered on every field by ``CoreConfig.ready``.
"""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In
from django.utils.datastructures import OrderedSet


class _AnyArray:
    """``lhs = ANY(%s)`` on PostgreSQL for a list of values (mixed into an ``In`` lookup)."""

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        if not self.rhs_is_direct_value() or not _single_column(self):  # type: ignore[attr-defined]
            return self.as_sql(compiler, connection)  # type: ignore[attr-defined]
        lhs, lhs_params = self.process_lhs(compiler, connection)  # type: ignore[attr-defined]
        values = OrderedSet(self.rhs)  # type: ignore[attr-defined]
        values.discard(None)
        if not values:
            raise EmptyResultSet
        _, params = self.batch_process_rhs(  # type: ignore[attr-defined]
            compiler, connection, list(values)
        )
        return f"{lhs} = ANY(%s)", (*lhs_params, list(params))


def _single_column(lookup: Any) -> bool:
    targets = getattr(lookup.lhs, "targets", None)
    return targets is None or len(targets) == 1


class InMany(_AnyArray, In):
    lookup_name = "in_many"


class RelatedInMany(_AnyArray, RelatedIn):
    """The same on a foreign key (ids or instances, as ``__in``)."""

    lookup_name = "in_many"
