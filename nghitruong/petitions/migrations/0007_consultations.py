"""Petitions: public consultations on draft laws and resolutions (issue 5 §7)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_admin_unit_short_name_search_key"),
        ("documents", "0001_initial"),
        ("petitions", "0006_privacy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DraftConsultation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
                ("title", models.CharField(max_length=500, verbose_name="tên dự thảo")),
                ("summary", models.TextField(verbose_name="tóm tắt")),
                (
                    "draft_file",
                    models.FileField(
                        blank=True, upload_to="petitions/consultations/", verbose_name="tệp dự thảo"
                    ),
                ),
                (
                    "draft_file_name",
                    models.CharField(blank=True, max_length=255, verbose_name="tên tệp dự thảo"),
                ),
                (
                    "questions",
                    models.JSONField(blank=True, default=list, verbose_name="câu hỏi lấy ý kiến"),
                ),
                ("opens_on", models.DateField(verbose_name="ngày bắt đầu nhận góp ý")),
                ("closes_on", models.DateField(verbose_name="ngày kết thúc nhận góp ý")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Đang chuẩn bị"),
                            ("open", "Đang lấy ý kiến"),
                            ("closed", "Đã kết thúc lấy ý kiến"),
                            ("reported", "Đã công bố kết quả tiếp thu"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="trạng thái",
                    ),
                ),
                ("opened_at", models.DateTimeField(blank=True, null=True)),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                ("reported_at", models.DateTimeField(blank=True, null=True)),
                (
                    "report_text",
                    models.TextField(blank=True, verbose_name="báo cáo tiếp thu, giải trình"),
                ),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.electedbody",
                        verbose_name="cơ quan lấy ý kiến",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "drafting_agency",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.agency",
                        verbose_name="cơ quan chủ trì soạn thảo",
                    ),
                ),
                (
                    "work",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="documents.work",
                        verbose_name="văn bản trong cơ sở dữ liệu",
                    ),
                ),
            ],
            options={
                "verbose_name": "lấy ý kiến dự thảo",
                "verbose_name_plural": "lấy ý kiến dự thảo",
                "ordering": ["-opens_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ConsultationFeedback",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "article",
                    models.CharField(blank=True, max_length=60, verbose_name="điều khoản góp ý"),
                ),
                (
                    "question",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="câu hỏi"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="nhận lúc")),
                (
                    "petition",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consultation_feedback",
                        to="petitions.petition",
                    ),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="feedback",
                        to="petitions.draftconsultation",
                    ),
                ),
            ],
            options={
                "verbose_name": "ý kiến góp ý dự thảo",
                "verbose_name_plural": "ý kiến góp ý dự thảo",
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="draftconsultation",
            index=models.Index(fields=["state", "closes_on"], name="petition_consult_state_idx"),
        ),
        migrations.AddIndex(
            model_name="draftconsultation",
            index=models.Index(fields=["body", "state"], name="petition_consult_body_idx"),
        ),
        migrations.AddConstraint(
            model_name="draftconsultation",
            constraint=models.CheckConstraint(
                condition=models.Q(("closes_on__gte", models.F("opens_on"))),
                name="petition_consultation_dates_ordered",
            ),
        ),
        migrations.AddIndex(
            model_name="consultationfeedback",
            index=models.Index(
                fields=["consultation", "article"], name="petition_feedback_article_idx"
            ),
        ),
    ]
