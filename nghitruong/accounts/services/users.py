"""Accounts, people, memberships and agency officers."""

import datetime as dt
import unicodedata
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nghitruong.accounts.models import (
    AgencyMembership,
    Membership,
    Person,
    Role,
    User,
    UserSession,
)
from nghitruong.core.audit import audit_record
from nghitruong.core.exceptions import ApplicationError, ConflictError
from nghitruong.core.models import AdministrativeUnit, Agency, ElectedBody, Term


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def _check_password(password: str, user: User | None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(
            "Mật khẩu không đạt yêu cầu / The password does not meet the rules",
            code="weak_password",
            detail=[str(message) for message in exc.messages],
        ) from exc


def user_create(
    *,
    username: str,
    password: str | None,
    actor: User | None,
    full_name: str = "",
    email: str = "",
    language: str = User.Language.VI,
    is_staff: bool = False,
    is_superuser: bool = False,
    is_system_admin: bool = False,
    check_password_rules: bool = True,
) -> User:
    """Create a login. ``password=None`` makes an account that cannot log in with a password."""
    username = User.normalize_username(_nfc(username))
    if not username:
        raise ApplicationError(
            "Tên đăng nhập không được để trống / Username is required", code="username_required"
        )
    if User.objects.filter(username=username).exists():
        raise ConflictError(
            "Tên đăng nhập đã được sử dụng / This username is already taken", code="username_taken"
        )
    user = User(
        username=username,
        full_name=_nfc(full_name),
        email=User.objects.normalize_email(email),
        language=language,
        is_staff=is_staff,
        is_superuser=is_superuser,
        is_system_admin=is_system_admin,
    )
    if password is None:
        user.set_unusable_password()
    else:
        if check_password_rules:
            _check_password(password, user)
        user.set_password(password)
    with transaction.atomic():
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            after={
                "username": user.username,
                "full_name": user.full_name,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
                "is_system_admin": is_system_admin,
            },
        )
    return user


def user_set_password(
    *, user: User, password: str, actor: User | None, check_password_rules: bool = True
) -> User:
    """Set a new password. Django then invalidates the user's other sessions (session hash)."""
    if check_password_rules:
        _check_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.save(update_fields=["password"])
        audit_record(actor=actor, action="user.set_password", obj=user)
    return user


def user_deactivate(*, user: User, actor: User | None) -> User:
    """Disable the account and end every session it has open (SEC-AUTH-3)."""
    if not user.is_active:
        raise ConflictError(
            "Tài khoản đã bị vô hiệu hóa / The account is already disabled",
            code="already_inactive",
        )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
        for key in keys:
            store(session_key=key).delete()
        UserSession.objects.filter(user=user).delete()
        audit_record(
            actor=actor,
            action="user.deactivate",
            obj=user,
            before={"is_active": True},
            after={"is_active": False, "sessions_ended": len(keys)},
        )
    return user


PERSON_FIELDS = ("full_name", "gender", "birth_date", "ethnicity", "hometown", "position", "user")


def _person_snapshot(person: Person) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "ethnicity": person.ethnicity,
        "hometown_id": person.hometown_id,
        "position": person.position,
        "user_id": person.user_id,
    }


def person_create(
    *,
    full_name: str,
    actor: User | None,
    gender: str = "",
    birth_date: dt.date | None = None,
    ethnicity: str = "",
    hometown: AdministrativeUnit | None = None,
    position: str = "",
    user: User | None = None,
    is_demo: bool = False,
) -> Person:
    full_name = _nfc(full_name)
    if not full_name:
        raise ApplicationError("Họ và tên không được để trống / Full name is required")
    if gender and gender not in Person.Gender.values:
        raise ApplicationError("Giới tính không hợp lệ / Invalid gender", code="invalid_gender")
    if user is not None and Person.objects.filter(user=user).exists():
        raise ConflictError(
            "Tài khoản đã gắn với một nhân sự khác / The account already belongs to another person",
            code="user_taken",
        )
    person = Person(
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        ethnicity=_nfc(ethnicity),
        hometown=hometown,
        position=_nfc(position),
        user=user,
        is_demo=is_demo,
    )
    with transaction.atomic():
        person.save()
        audit_record(
            actor=actor, action="person.create", obj=person, after=_person_snapshot(person)
        )
    return person


def person_update(*, person: Person, actor: User | None, **fields: Any) -> Person:
    """Change any of ``PERSON_FIELDS``; unknown field names are refused."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ApplicationError(
            "Trường không hợp lệ / Unknown field", code="unknown_field", detail=sorted(unknown)
        )
    before = _person_snapshot(person)
    for name, value in fields.items():
        if name in {"full_name", "ethnicity", "position"}:
            value = _nfc(value)
        setattr(person, name, value)
    if not person.full_name:
        person.full_name = before["full_name"]
        raise ApplicationError("Họ và tên không được để trống / Full name is required")
    with transaction.atomic():
        person.save()
        audit_record(
            actor=actor,
            action="person.update",
            obj=person,
            before=before,
            after=_person_snapshot(person),
        )
    return person


def membership_create(
    *,
    person: Person,
    body: ElectedBody,
    role: str,
    start_date: dt.date,
    actor: User | None,
    term: Term | None = None,
    end_date: dt.date | None = None,
    note: str = "",
) -> Membership:
    if role not in Role.values:
        raise ApplicationError("Vai trò không hợp lệ / Invalid role", code="invalid_role")
    if term is not None and term.body_id != body.pk:
        raise ApplicationError(
            "Nhiệm kỳ không thuộc cơ quan này / The term belongs to another body",
            code="term_mismatch",
        )
    if end_date is not None and end_date < start_date:
        raise ApplicationError(
            "Ngày kết thúc trước ngày bắt đầu / The end date is before the start date",
            code="invalid_dates",
        )
    membership = Membership(
        person=person,
        body=body,
        role=role,
        start_date=start_date,
        term=term,
        end_date=end_date,
        note=_nfc(note),
    )
    try:
        with transaction.atomic():
            membership.save()
            audit_record(
                actor=actor,
                action="membership.create",
                obj=membership,
                body=body,
                after={
                    "person_id": person.pk,
                    "role": role,
                    "start_date": start_date.isoformat(),
                    "end_date": end_date.isoformat() if end_date else None,
                    "term_id": term.pk if term else None,
                },
            )
    except IntegrityError as exc:
        raise ConflictError(
            "Thành viên này đã có vai trò đó từ ngày đó / This membership already exists",
            code="membership_exists",
        ) from exc
    return membership


def membership_end(*, membership: Membership, end_date: dt.date, actor: User | None) -> Membership:
    if membership.end_date is not None:
        raise ConflictError(
            "Nhiệm vụ này đã kết thúc / This membership has already ended", code="already_ended"
        )
    if end_date < membership.start_date:
        raise ApplicationError(
            "Ngày kết thúc trước ngày bắt đầu / The end date is before the start date",
            code="invalid_dates",
        )
    with transaction.atomic():
        membership.end_date = end_date
        membership.save(update_fields=["end_date", "updated_at"])
        audit_record(
            actor=actor,
            action="membership.end",
            obj=membership,
            body=membership.body,
            before={"end_date": None},
            after={"end_date": end_date.isoformat()},
        )
    return membership


def agency_officer_assign(
    *,
    user: User,
    agency: Agency,
    start_date: dt.date,
    actor: User | None,
    end_date: dt.date | None = None,
) -> AgencyMembership:
    """Let ``user`` act for ``agency`` (answer petitions, report on tasks)."""
    if end_date is not None and end_date < start_date:
        raise ApplicationError(
            "Ngày kết thúc trước ngày bắt đầu / The end date is before the start date",
            code="invalid_dates",
        )
    if AgencyMembership.objects.filter(user=user, agency=agency, end_date__isnull=True).exists():
        raise ConflictError(
            "Cán bộ đã được gán cho cơ quan này / The officer is already assigned to this agency",
            code="officer_exists",
        )
    officer = AgencyMembership(user=user, agency=agency, start_date=start_date, end_date=end_date)
    with transaction.atomic():
        officer.save()
        audit_record(
            actor=actor,
            action="agency_officer.assign",
            obj=officer,
            after={
                "user_id": user.pk,
                "agency_id": agency.pk,
                "start_date": start_date.isoformat(),
                "end_date": end_date.isoformat() if end_date else None,
            },
        )
    return officer
