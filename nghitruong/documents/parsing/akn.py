"""Akoma Ntoso FRBR URIs for Vietnamese documents (legislation-opendata.md §5.1).

Work: ``/akn/vn/act/luat/qh/2020-06-17/59-2020-qh14``; expression: the work +
``/vie@2021-01-01`` (exact date) or ``/vie:2021-01-01`` (latest at or before); a portion adds
``~art_8__cls_2__pnt_c``. Localities (People's Council documents) are ``vn-{code}``.
"""

import datetime
import re
from dataclasses import dataclass

from nghitruong.core.text import fold
from nghitruong.documents.parsing.numbers import AKN_SUBTYPES, DocumentNumber, DocumentType

_URI = re.compile(
    r"^/akn/(?P<country>[a-z]{2})(?:-(?P<locality>[a-z0-9]+))?"
    r"/(?P<doctype>[a-zA-Z]+)(?:/(?P<subtype>[a-z0-9-]+))?/(?P<actor>[a-z0-9-]+)"
    r"/(?P<date>\d{4}-\d{2}-\d{2})/(?P<number>[a-z0-9-]+)"
    r"(?:/(?P<language>[a-z]{3})(?:(?P<sep>[@:])(?P<expression_date>\d{4}-\d{2}-\d{2})?)?)?"
    r"(?:~(?P<portion>[A-Za-z0-9_.-]+))?$"
)
_SLUG = re.compile(r"[^a-z0-9]+")


class FrbrUriError(ValueError):
    """Raised for a string that is not an FRBR URI of this scheme (Vietnamese and English message)."""


@dataclass(frozen=True, slots=True)
class FrbrUri:
    """The parts of a work / expression / portion URI."""

    country: str
    locality: str | None
    doctype: str
    subtype: str | None
    actor: str
    date: datetime.date
    number: str
    language: str | None = None
    expression_date: datetime.date | None = None
    exact: bool = True
    portion: str | None = None

    @property
    def place(self) -> str:
        return f"{self.country}-{self.locality}" if self.locality else self.country

    @property
    def work_uri(self) -> str:
        subtype = f"/{self.subtype}" if self.subtype else ""
        return f"/akn/{self.place}/{self.doctype}{subtype}/{self.actor}/{self.date.isoformat()}/{self.number}"

    @property
    def expression_uri(self) -> str | None:
        if self.language is None:
            return None
        uri = f"{self.work_uri}/{self.language}"
        if self.expression_date is not None:
            uri += ("@" if self.exact else ":") + self.expression_date.isoformat()
        return uri

    def __str__(self) -> str:
        uri = self.expression_uri or self.work_uri
        return f"{uri}~{self.portion}" if self.portion else uri


def number_slug(text: str) -> str:
    """ASCII slug of a printed number or a descriptive name: ``"15/2020/NĐ-CP"`` → ``"15-2020-nd-cp"``."""
    return _SLUG.sub("-", fold(text)).strip("-")


def build_work_uri(
    *,
    doc_type: DocumentType,
    date: datetime.date,
    number: DocumentNumber | None = None,
    actor: str | None = None,
    name: str | None = None,
    normative: bool = True,
    locality: str | None = None,
) -> FrbrUri:
    """Work URI from metadata. ``actor`` defaults to the issuer of the number (``QH14`` → ``qh``);
    ``name`` gives the slug for documents without a number (``"Hiến pháp"`` → ``hien-phap``)."""
    actor_code = actor or (number.issuer_family if number else None)
    if not actor_code:
        raise FrbrUriError("Thiếu cơ quan ban hành / missing issuing body (actor)")
    slug = number.slug if number else number_slug(name or "")
    if not slug:
        raise FrbrUriError("Thiếu số ký hiệu hoặc tên / missing number or name")
    return FrbrUri(
        country="vn",
        locality=locality,
        doctype="act" if normative else "doc",
        subtype=AKN_SUBTYPES[doc_type],
        actor=number_slug(actor_code),
        date=date,
        number=slug,
    )


def build_expression_uri(
    work: FrbrUri, *, language: str = "vie", date: datetime.date, exact: bool = True
) -> FrbrUri:
    """Expression of ``work`` in ``language`` at ``date`` (``@`` exact, ``:`` at-or-before)."""
    return FrbrUri(
        country=work.country,
        locality=work.locality,
        doctype=work.doctype,
        subtype=work.subtype,
        actor=work.actor,
        date=work.date,
        number=work.number,
        language=language,
        expression_date=date,
        exact=exact,
    )


def parse_frbr_uri(uri: str) -> FrbrUri:
    """Parse a work, expression or portion URI; raise :class:`FrbrUriError` otherwise."""
    match = _URI.match(uri.strip())
    if match is None:
        raise FrbrUriError(f"URI FRBR không hợp lệ / invalid FRBR URI: {uri!r}")
    parts = match.groupdict()
    try:
        date = datetime.date.fromisoformat(parts["date"])
        expression_date = (
            datetime.date.fromisoformat(parts["expression_date"])
            if parts["expression_date"]
            else None
        )
    except ValueError as exc:
        raise FrbrUriError(f"Ngày không hợp lệ / invalid date in {uri!r}") from exc
    return FrbrUri(
        country=parts["country"],
        locality=parts["locality"],
        doctype=parts["doctype"],
        subtype=parts["subtype"],
        actor=parts["actor"],
        date=date,
        number=parts["number"],
        language=parts["language"],
        expression_date=expression_date,
        exact=parts["sep"] != ":",
        portion=parts["portion"],
    )
