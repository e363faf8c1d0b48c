"""Petitions: personal-data requests (PDPL 2025) and retention (issue 5)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CHANNELS = [("email", "Thư điện tử"), ("sms", "Tin nhắn")]


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0005_supervision"),
        ("core", "0002_admin_unit_short_name_search_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations: list[migrations.operations.base.Operation] = [
        migrations.CreateModel(
            name="PersonalDataChallenge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=64, unique=True)),
                ("channel", models.CharField(choices=CHANNELS, max_length=8)),
                ("code_hash", models.CharField(max_length=128)),
                ("created_at", models.DateTimeField()),
                ("expires_at", models.DateTimeField()),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("verified_at", models.DateTimeField(blank=True, null=True)),
                ("locked_at", models.DateTimeField(blank=True, null=True)),
                (
                    "petitioners",
                    models.ManyToManyField(blank=True, related_name="+", to="petitions.petitioner"),
                ),
            ],
            options={
                "verbose_name": "xác minh yêu cầu dữ liệu cá nhân",
                "verbose_name_plural": "xác minh yêu cầu dữ liệu cá nhân",
            },
        ),
        migrations.CreateModel(
            name="PersonalDataRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("access", "Xem dữ liệu cá nhân"),
                            ("erasure", "Xóa dữ liệu cá nhân"),
                            ("withdraw_consent", "Rút lại sự đồng ý"),
                        ],
                        max_length=20,
                        verbose_name="loại yêu cầu",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("received", "Đã tiếp nhận"),
                            ("verified", "Đã xác minh, chờ xử lý"),
                            ("completed", "Đã hoàn thành"),
                            ("refused", "Từ chối"),
                        ],
                        default="received",
                        max_length=10,
                        verbose_name="trạng thái",
                    ),
                ),
                ("channel", models.CharField(choices=CHANNELS, max_length=8)),
                ("reply_to", models.CharField(blank=True, max_length=254)),
                ("received_on", models.DateField(verbose_name="ngày tiếp nhận")),
                ("ack_due", models.DateField(verbose_name="hạn xác nhận")),
                ("due_date", models.DateField(verbose_name="hạn giải quyết")),
                ("due_explanation", models.TextField(blank=True)),
                ("verified_at", models.DateTimeField(blank=True, null=True)),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                ("refusal_reason", models.TextField(blank=True, verbose_name="lý do từ chối")),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.electedbody",
                    ),
                ),
                (
                    "challenge",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="petitions.personaldatachallenge",
                    ),
                ),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "petitioners",
                    models.ManyToManyField(related_name="data_requests", to="petitions.petitioner"),
                ),
            ],
            options={
                "verbose_name": "yêu cầu về dữ liệu cá nhân",
                "verbose_name_plural": "yêu cầu về dữ liệu cá nhân",
                "ordering": ["due_date", "id"],
                "indexes": [
                    models.Index(
                        fields=["body", "state", "due_date"], name="petitions_p_body_id_f70139_idx"
                    )
                ],
            },
        ),
    ]
