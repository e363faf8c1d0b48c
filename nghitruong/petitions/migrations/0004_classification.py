"""Petitions: field/agency suggestions and related legal provisions (issue 5)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0003_moderation_merging"),
        ("core", "0002_admin_unit_short_name_search_key"),
        ("documents", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations: list[migrations.operations.base.Operation] = [
        migrations.CreateModel(
            name="ClassifierModel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("trained_at", models.DateTimeField(verbose_name="huấn luyện lúc")),
                (
                    "samples",
                    models.PositiveIntegerField(verbose_name="số kiến nghị đã phân loại"),
                ),
                (
                    "agency_samples",
                    models.PositiveIntegerField(verbose_name="số kiến nghị đã chuyển cơ quan"),
                ),
                ("fields_seen", models.PositiveSmallIntegerField(verbose_name="số lĩnh vực")),
                ("parameters", models.JSONField(default=dict)),
                ("evaluation", models.JSONField(blank=True, default=dict)),
                (
                    "body",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.electedbody",
                    ),
                ),
                (
                    "trained_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "mô hình gợi ý phân loại",
                "verbose_name_plural": "mô hình gợi ý phân loại",
                "ordering": ["-trained_at", "-id"],
                "indexes": [
                    models.Index(fields=["body", "trained_at"], name="petition_clsmodel_body_idx")
                ],
            },
        ),
        migrations.CreateModel(
            name="PetitionProvisionLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("eid", models.CharField(blank=True, max_length=255)),
                ("label", models.CharField(max_length=300, verbose_name="điều khoản")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("citation", "Trích dẫn trong nội dung kiến nghị"),
                            ("search", "Tìm kiếm trong cơ sở dữ liệu văn bản"),
                            ("manual", "Cán bộ chọn"),
                        ],
                        max_length=10,
                        verbose_name="nguồn gợi ý",
                    ),
                ),
                ("confirmed_at", models.DateTimeField(verbose_name="xác nhận lúc")),
                (
                    "confirmed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "petition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="provision_links",
                        to="petitions.petition",
                    ),
                ),
                (
                    "provision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="documents.provision",
                    ),
                ),
                (
                    "work",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="documents.work",
                    ),
                ),
            ],
            options={
                "verbose_name": "điều khoản liên quan",
                "verbose_name_plural": "điều khoản liên quan",
                "ordering": ["confirmed_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("petition", "work", "eid"), name="petition_provision_link_uniq"
                    )
                ],
            },
        ),
    ]
