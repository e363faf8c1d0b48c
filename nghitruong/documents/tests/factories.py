"""Small builders for tests."""

import datetime as dt

from nghitruong.accounts.models import Membership, Person, User
from nghitruong.core.models import ElectedBody
from nghitruong.documents.services.tree import ProvisionNode


def article(number: str, heading: str, *clauses: str) -> ProvisionNode:
    return ProvisionNode(
        kind="article",
        number=number,
        label=f"Điều {number}",
        heading=heading,
        eid=f"art_{number}",
        children=[
            ProvisionNode(
                kind="clause",
                number=str(i),
                label=f"Khoản {i}",
                text=text,
                eid=f"art_{number}__cls_{i}",
            )
            for i, text in enumerate(clauses, start=1)
        ],
    )


START = dt.date(2021, 1, 1)


def make_user(username: str, body: ElectedBody | None, role: str | None) -> User:
    user = User.objects.create_user(username=username, password="x-very-long-password")
    person = Person.objects.create(full_name=username, user=user)
    if body is not None and role is not None:
        Membership.objects.create(person=person, body=body, role=role, start_date=START)
    return user


def make_text_pdf(text: str) -> bytes:
    """A one-page PDF with a real text layer: Helvetica with a /Differences encoding that maps
    byte codes 128+ to the Vietnamese letters used (``uniXXXX`` glyph names). Up to 128 distinct
    non-ASCII characters."""
    chars = sorted({c for c in text if ord(c) > 126})
    codes = {c: 128 + i for i, c in enumerate(chars)}
    diffs = " ".join(f"/uni{ord(c):04X}" for c in chars).encode()

    def encode(line: str) -> bytes:
        out = bytearray()
        for c in line:
            if c in "()\\":
                out += b"\\"
            out.append(codes.get(c, ord(c)))
        return bytes(out)

    stream = b"BT /F1 10 Tf 40 800 Td 12 TL\n"
    stream += b"".join(b"(" + encode(line) + b") '\n" for line in text.splitlines()) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding"
        b" /BaseEncoding /WinAnsiEncoding /Differences [128 " + diffs + b"] >> >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)
