"""The demo logins: one account per role, a shared password and a fixed TOTP secret per account.

The secrets are derived from the username, so they are the same on every machine and the README
can list them; ``nghitruong demo-totp USERNAME`` prints the current code for those who have no
authenticator app. Never use these accounts outside a demo: the password and secrets are public.
"""

import base64
import hashlib
import time
from dataclasses import dataclass

from django_otp.oath import TOTP

DEMO_PASSWORD = "NghiTruong@2026"  # noqa: S105 - the public demo password, printed by demo-data

KIND_SYSTEM_ADMIN = "system_admin"  # superuser + system administrator, no person
KIND_MEMBER = "member"  # links an existing demo person holding ``role`` in ``body_code``
KIND_STAFF = "staff"  # a new demo person with ``role`` (secretariat) in ``body_code``
KIND_AGENCY = "agency"  # an agency officer of ``agency_code``


@dataclass(frozen=True)
class DemoAccount:
    username: str
    kind: str
    role_label: str
    body_code: str = ""
    role: str = ""
    agency_code: str = ""
    try_this: str = ""


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "admin",
        KIND_SYSTEM_ADMIN,
        "Quản trị hệ thống / system administrator",
        try_this="/admin/, danh mục đơn vị hành chính, nhật ký kiểm toán / audit log",
    ),
    DemoAccount(
        "chutich.qh",
        KIND_MEMBER,
        "Chủ tịch Quốc hội / NA Chairman",
        "qh",
        "chair",
        try_this="mọi cơ quan của Quốc hội, Ủy ban Thường vụ / every NA organ",
    ),
    DemoAccount(
        "thuky.qh",
        KIND_STAFF,
        "Văn phòng Quốc hội / NA secretariat",
        "qh",
        "secretariat",
        try_this="quản lý thành viên, tài liệu của Quốc hội, ủy ban, đoàn / manage NA data",
    ),
    DemoAccount(
        "daibieu.qh",
        KIND_MEMBER,
        "Đại biểu Quốc hội (Đoàn Hà Nội) / NA deputy",
        "doan-dbqh-01",
        "deputy",
        try_this="chỉ thấy Quốc hội, đoàn và ủy ban của mình / sees only own bodies",
    ),
    DemoAccount(
        "chutich.hdnd.hn",
        KIND_MEMBER,
        "Chủ tịch HĐND TP. Hà Nội / Hà Nội council chair",
        "hdnd-01",
        "chair",
        try_this="HĐND Hà Nội, các ban và HĐND cấp xã / council, boards, communes",
    ),
    DemoAccount(
        "thuky.hdnd.hn",
        KIND_STAFF,
        "Văn phòng HĐND TP. Hà Nội / Hà Nội council secretariat",
        "hdnd-01",
        "secretariat",
        try_this="quản lý HĐND Hà Nội; không thấy TP.HCM / cannot see Hồ Chí Minh City",
    ),
    DemoAccount(
        "thuky.hdnd.hcm",
        KIND_STAFF,
        "Văn phòng HĐND TP. Hồ Chí Minh / HCMC council secretariat",
        "hdnd-79",
        "secretariat",
        try_this="quản lý HĐND TP.HCM; không thấy Hà Nội / cannot see Hà Nội",
    ),
    DemoAccount(
        "daibieu.xa",
        KIND_MEMBER,
        "Đại biểu HĐND phường Hoàn Kiếm / commune council member",
        "hdnd-00070",
        "deputy",
        try_this="chỉ HĐND phường Hoàn Kiếm / only the Hoàn Kiếm ward council",
    ),
    DemoAccount(
        "canbo.bo",
        KIND_AGENCY,
        "Cán bộ Bộ Tư pháp / Ministry of Justice officer",
        agency_code="bo-tu-phap",
        try_this="cơ quan nhận kiến nghị (mô-đun kiến nghị) / the agency petitions go to",
    ),
    DemoAccount(
        "canbo.ubnd.hn",
        KIND_AGENCY,
        "Cán bộ UBND TP. Hà Nội / Hà Nội People's Committee officer",
        agency_code="ubnd-01",
        try_this="cơ quan nhận kiến nghị cử tri Hà Nội / receives Hà Nội voters' petitions",
    ),
    DemoAccount(
        "canbo.ubnd.hcm",
        KIND_AGENCY,
        "Cán bộ UBND TP. Hồ Chí Minh / HCMC People's Committee officer",
        agency_code="ubnd-79",
        try_this="cơ quan nhận kiến nghị cử tri TP.HCM / receives HCMC voters' petitions",
    ),
)
DEMO_USERNAMES = frozenset(a.username for a in DEMO_ACCOUNTS)


def demo_account(username: str) -> DemoAccount | None:
    return next((a for a in DEMO_ACCOUNTS if a.username == username), None)


def demo_totp_secret(username: str) -> bytes:
    """The fixed 20-byte TOTP secret of a demo account (public by design)."""
    return hashlib.sha256(f"nghitruong-demo-totp:{username}".encode()).digest()[:20]


def demo_totp_key_hex(username: str) -> str:
    """The secret as django-otp stores it (``TOTPDevice.key``, hex)."""
    return demo_totp_secret(username).hex()


def demo_totp_base32(username: str) -> str:
    """The secret as authenticator apps take it (base32, no padding)."""
    return base64.b32encode(demo_totp_secret(username)).decode("ascii").rstrip("=")


def totp_code(
    key: bytes, *, step: int = 30, t0: int = 0, digits: int = 6, at: float | None = None
) -> str:
    """The TOTP code (RFC 6238) for ``key`` at time ``at`` (default now), zero-padded."""
    totp = TOTP(key, step=step, t0=t0, digits=digits)
    totp.time = time.time() if at is None else at
    return str(totp.token()).zfill(digits)
