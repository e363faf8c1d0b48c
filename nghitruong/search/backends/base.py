"""The backend interface and the SQL predicate (access + filters) both backends share."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

UNIT_TABLE = "search_searchunit"


@dataclass
class UnitPredicate:
    """A WHERE fragment on ``u`` (the unit table) with its parameters."""

    sql: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        self.sql.append(sql)
        self.params.extend(params)

    def where(self) -> str:
        return " AND ".join(f"({s})" for s in self.sql) if self.sql else "1=1"


def in_list(column: str, values: list[int]) -> tuple[str, list[int]]:
    if not values:
        return "1=0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


class Backend(ABC):
    vendor: str

    @abstractmethod
    def write(self, rows: list[tuple[int, list[str]]]) -> None:
        """Add full-text rows: (unit id, folded terms with repetitions)."""

    @abstractmethod
    def delete(self, unit_ids: list[int]) -> None:
        """Remove the full-text rows of these units."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every full-text row."""

    @abstractmethod
    def candidates(
        self, *, any_terms: list[str], all_terms: list[str], predicate: UnitPredicate, limit: int
    ) -> list[int]:
        """Ids of the best units containing any of ``any_terms`` (and all of ``all_terms``)."""
