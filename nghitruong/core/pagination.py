"""Page-number pagination for every list endpoint of the API, with bounded input.

Ninja's own ``PageNumberPagination`` accepts any page number, and a page like 10**30 overflows the
database's integer offset (a 500). Here ``page`` and ``page_size`` are bounded, so bad input gets the
422 error shape instead. Use: ``@paginate(BoundedPagination)``.
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 100_000
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class BoundedPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Trang (từ 1) / Page number (from 1)")
        page_size: int | None = Field(
            None, ge=1, le=MAX_PAGE_SIZE, description="Số mục mỗi trang / Items per page"
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)
