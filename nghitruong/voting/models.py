"""Polls, options, entitled voters, votes, secret participation and tallies, results, paper counts.

Data and constraints only; every write goes through ``nghitruong.voting.services``.

Secrecy by construction (secret polls): who voted (``VoteParticipation``) and what was voted
(``SecretTally``) live in two tables with nothing in common but the poll. The tally holds one
counter per option, not one row per ballot, so neither the row order nor a row id nor a timestamp
can be matched against the order of participation or of the audit log. ``VoteParticipation`` has
a random UUID key and no timestamp.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from nghitruong.accounts.models import Person
from nghitruong.core.models import ElectedBody
from nghitruong.voting.rules import MAJORITY_LABELS, MATTER_LABELS, MajorityKind, Matter, Meaning


class VotingRules(models.Model):
    """Per-body configuration of voting; a body without a row uses the defaults of ``rules``."""

    class OptionSet(models.TextChoices):
        BY_KIND = "", _("Theo loại cơ quan")
        NATIONAL_ASSEMBLY = "na", _("Tán thành / Không tán thành / Không biểu quyết")
        PEOPLES_COUNCIL = "council", _("Đồng ý / Không đồng ý / Phiếu trắng")

    class TotalBasis(models.TextChoices):
        SEATED = "seated", _("Số đại biểu đương nhiệm khi bắt đầu biểu quyết")
        STATUTORY = "statutory", _("Tổng số thành viên theo quy định của cơ quan")

    body = models.OneToOneField(ElectedBody, on_delete=models.PROTECT, related_name="voting_rules")
    option_set = models.CharField(
        _("bộ phương án"), max_length=10, choices=OptionSet.choices, blank=True, default=""
    )
    total_basis = models.CharField(
        _("cơ sở tính tổng số"), max_length=10, choices=TotalBasis.choices, default="seated"
    )
    # {matter: majority kind}; an override may only be stricter than the law (see rules.rule_for).
    majority_overrides = models.JSONField(_("ngưỡng riêng"), default=dict, blank=True)

    class Meta:
        verbose_name = _("quy tắc biểu quyết")
        verbose_name_plural = _("quy tắc biểu quyết")

    def __str__(self) -> str:
        return f"VotingRules({self.body_id})"


class Poll(models.Model):
    """One question put to the vote in a body, attachable to anything through ``subject``."""

    class Kind(models.TextChoices):
        ELECTRONIC_AGGREGATE = "electronic_aggregate", _("Điện tử, công khai kết quả tổng hợp")
        NAMED = "named", _("Điện tử, ghi danh")
        SECRET = "secret", _("Bỏ phiếu kín điện tử")
        PAPER = "paper", _("Bỏ phiếu kín bằng giấy")

    class State(models.TextChoices):
        CREATED = "created", _("Đã tạo")
        STARTED = "started", _("Đang biểu quyết")
        STOPPED = "stopped", _("Đã kết thúc")
        PUBLISHED = "published", _("Đã công bố")

    body = models.ForeignKey(ElectedBody, on_delete=models.PROTECT, related_name="polls")
    title = models.CharField(_("nội dung biểu quyết"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    kind = models.CharField(_("hình thức"), max_length=24, choices=Kind.choices)
    matter = models.CharField(
        _("loại vấn đề"),
        max_length=24,
        choices=[(m.value, label) for m, label in MATTER_LABELS.items()],
        default=Matter.RESOLUTION.value,
    )
    majority_kind = models.CharField(
        _("ngưỡng thông qua"),
        max_length=24,
        choices=[(m.value, label) for m, label in MAJORITY_LABELS.items()],
        default=MajorityKind.SIMPLE.value,
    )
    rule_citation = models.CharField(_("căn cứ"), max_length=300)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.CREATED
    )
    created_at = models.DateTimeField(_("tạo lúc"))
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    total_members_at_start = models.PositiveIntegerField(
        _("tổng số đại biểu khi bắt đầu"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Optional generic subject: an agenda item, a draft law, an election... (meetings come later).
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_label = models.CharField(_("đối tượng"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cuộc biểu quyết")
        verbose_name_plural = _("cuộc biểu quyết")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["body", "state"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject_type__isnull=True, subject_id__isnull=True)
                | models.Q(subject_type__isnull=False, subject_id__isnull=False),
                name="poll_subject_complete",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_secret(self) -> bool:
        return self.kind in (self.Kind.SECRET, self.Kind.PAPER)


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    meaning = models.CharField(
        max_length=10, choices=[(m.value, m.value) for m in Meaning], default=Meaning.FOR.value
    )
    label = models.CharField(_("phương án"), max_length=200)
    label_en = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")
        ordering = ["poll", "position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="polloption_position_uniq")
        ]

    def __str__(self) -> str:
        return self.label


class EntitledVoter(models.Model):
    """A person entitled to vote in the poll, snapshotted when the poll starts."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="entitled_voters")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("người có quyền biểu quyết")
        verbose_name_plural = _("người có quyền biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="entitledvoter_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.person_id}"


class Vote(models.Model):
    """A vote in a non-secret poll (electronic aggregate or named): who chose what."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    cast_at = models.DateTimeField()

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="vote_once")]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.voter_id}"


class VoteParticipation(models.Model):
    """Secret polls: THAT a person voted (never what). Random key, no timestamp."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="participations")
    voter = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("lượt tham gia bỏ phiếu kín")
        verbose_name_plural = _("lượt tham gia bỏ phiếu kín")
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="participation_once")]

    def __str__(self) -> str:
        return f"{self.poll_id}:participation"


class SecretTally(models.Model):
    """Secret polls: WHAT was voted, as one counter per option. No voter, no time, no order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="secret_tallies")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kết quả kiểm phiếu kín")
        verbose_name_plural = _("kết quả kiểm phiếu kín")
        constraints = [models.UniqueConstraint(fields=["poll", "option"], name="secrettally_uniq")]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.option_id}={self.count}"


class PollResult(models.Model):
    """The result computed when the poll stops; percentages derive from these counts."""

    poll = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="result")
    total_members = models.PositiveIntegerField()
    entitled = models.PositiveIntegerField()
    participants = models.PositiveIntegerField()
    votes_for = models.PositiveIntegerField()
    votes_against = models.PositiveIntegerField()
    abstained = models.PositiveIntegerField()  # "Không biểu quyết" / "Phiếu trắng" pressed
    did_not_vote = models.PositiveIntegerField()  # entitled − participants
    invalid = models.PositiveIntegerField(default=0)  # paper ballots only
    # [{"option_id", "position", "label", "meaning", "count"}] in option order
    option_counts = models.JSONField(default=list)
    required_votes = models.PositiveIntegerField()
    passed = models.BooleanField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.votes_for}/{self.total_members}"


class PaperCount(models.Model):
    """The vote-counting board's record of a paper secret ballot (biên bản kiểm phiếu)."""

    poll = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="paper_count")
    ballots_issued = models.PositiveIntegerField(_("số phiếu phát ra"))
    ballots_returned = models.PositiveIntegerField(_("số phiếu thu vào"))
    valid = models.PositiveIntegerField(_("số phiếu hợp lệ"))
    invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"))
    seats = models.PositiveSmallIntegerField(_("số lựa chọn tối đa trên một phiếu"), default=1)
    board_members = models.JSONField(_("thành viên Ban kiểm phiếu"), default=list)
    minutes = models.TextField(_("biên bản kiểm phiếu"))
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("biên bản kiểm phiếu")
        verbose_name_plural = _("biên bản kiểm phiếu")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ballots_returned__lte=models.F("ballots_issued")),
                name="papercount_returned_le_issued",
            ),
            models.CheckConstraint(
                condition=models.Q(ballots_returned=models.F("valid") + models.F("invalid")),
                name="papercount_valid_plus_invalid",
            ),
        ]

    def __str__(self) -> str:
        return f"PaperCount({self.poll_id})"


class PaperTally(models.Model):
    paper_count = models.ForeignKey(PaperCount, on_delete=models.CASCADE, related_name="tallies")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paper_count", "option"], name="papertally_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.option_id}={self.count}"
