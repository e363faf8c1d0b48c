"""People, user accounts, memberships of people in elected bodies, roles and API tokens."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.core.models import AdministrativeUnit, ElectedBody, Term, TimeStampedModel


class User(AbstractUser):
    """A login. Staff and deputies must have a confirmed TOTP device (accounts.services)."""

    class Language(models.TextChoices):
        VI = "vi", "Tiếng Việt"
        EN = "en", "English"

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    language = models.CharField(
        _("ngôn ngữ"), max_length=5, choices=Language.choices, default=Language.VI
    )
    failed_login_count = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    is_system_admin = models.BooleanField(
        _("quản trị hệ thống"),
        default=False,
        help_text=_("Quản trị kỹ thuật toàn hệ thống; thời gian chờ phiên 5 phút."),
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username


class Person(TimeStampedModel):
    """A natural person who holds office: a deputy, a council member, an official.

    A person need not have a login (``user`` is optional); memberships attach to people.
    """

    class Gender(models.TextChoices):
        FEMALE = "female", _("Nữ")
        MALE = "male", _("Nam")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=50, blank=True)
    hometown = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("quê quán"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.CharField(_("chức vụ, nơi công tác"), max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person",
    )
    is_demo = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Tên được sinh tự động cho bản demo.")
    )

    class Meta:
        verbose_name = _("nhân sự")
        verbose_name_plural = _("nhân sự")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Role(models.TextChoices):
    """Roles a person holds in a body. Permissions derive from (role, body) — see permissions.py."""

    DEPUTY = "deputy", _("Đại biểu")
    CHAIR = "chair", _("Chủ tịch / Chủ nhiệm / Trưởng đoàn / Trưởng ban")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch / Phó Chủ nhiệm / Phó Trưởng đoàn / Phó Trưởng ban")
    STANDING_MEMBER = "standing_member", _("Ủy viên thường trực")
    COMMITTEE_MEMBER = "committee_member", _("Thành viên")
    SECRETARIAT = "secretariat", _("Cán bộ văn phòng, tham mưu")
    BODY_ADMIN = "body_admin", _("Quản trị đơn vị")
    OBSERVER = "observer", _("Quan sát viên (chỉ xem)")


class Membership(TimeStampedModel):
    """A person holding a role in an elected body for a period (optionally within a term)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="memberships")
    term = models.ForeignKey(
        Term, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=24, choices=Role.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["body", "role", "person__full_name"]
        indexes = [models.Index(fields=["body", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "body", "role", "start_date"], name="membership_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} — {self.body}"


class AgencyMembership(TimeStampedModel):
    """An official who acts for a state agency (answers petitions, reports on tasks)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agency_memberships"
    )
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="officer_memberships"
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("cán bộ cơ quan")
        verbose_name_plural = _("cán bộ cơ quan")


class ApiToken(TimeStampedModel):
    """A personal API token. Only a SHA-256 of the secret is stored; the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginFailure(models.Model):
    """One failed login attempt, kept briefly for per-IP throttling and unknown-name lockout.

    ``username_key`` is a SHA-256 of the submitted name, so names typed by mistake (or passwords typed
    into the name field) are never stored in clear.
    """

    ip = models.GenericIPAddressField(null=True, blank=True)
    username_key = models.CharField(max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("lần đăng nhập thất bại")
        verbose_name_plural = _("lần đăng nhập thất bại")
        indexes = [models.Index(fields=["ip", "at"])]

    def __str__(self) -> str:
        return f"{self.ip} {self.at:%Y-%m-%d %H:%M:%S}"


class UserSession(models.Model):
    """A session opened by a login, so every session of a user can be ended (SEC-AUTH-3)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(_("đăng nhập lúc"))

    class Meta:
        verbose_name = _("phiên đăng nhập")
        verbose_name_plural = _("phiên đăng nhập")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
