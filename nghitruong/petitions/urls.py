from django.urls import path

from nghitruong.petitions.views import (
    classification,
    consultations,
    privacy,
    public,
    staff,
    supervision,
)

app_name = "petitions"

urlpatterns = [
    # The public portal (anonymous).
    path("", public.home, name="home"),
    path("gui/", public.submit, name="submit"),
    path("theo-doi/", public.lookup, name="lookup"),
    path("theo-doi/<str:code>/", public.follow, name="follow"),
    path("theo-doi/<str:code>/qr.svg", public.follow_qr, name="follow_qr"),
    path("tra-loi/", public.answers, name="answers"),
    path("thong-ke/", public.statistics, name="statistics"),
    path("du-lieu-mo/", public.open_data, name="open_data"),
    path("du-lieu-mo/kien-nghi.csv", public.open_data_csv, name="open_data_csv"),
    path("du-lieu-mo/kien-nghi.json", public.open_data_json, name="open_data_json"),
    # Overdue answers and broken commitments per agency (supervision, issue 5 §6).
    path("qua-han/", supervision.overdue, name="overdue"),
    path("qua-han/kien-nghi-qua-han.csv", supervision.overdue_csv, name="overdue_csv"),
    path("qua-han/theo-co-quan.csv", supervision.overdue_agencies_csv, name="overdue_agencies_csv"),
    # "Dữ liệu cá nhân của tôi": a petitioner's own personal data (PDPL 2025).
    path("du-lieu-ca-nhan/", privacy.privacy_start, name="privacy"),
    path("du-lieu-ca-nhan/xac-minh/<str:token>/", privacy.privacy_verify, name="privacy_verify"),
    path("du-lieu-ca-nhan/cua-toi/", privacy.privacy_data, name="privacy_data"),
    # Public consultations on drafts (lấy ý kiến nhân dân về dự thảo, issue 5 §7).
    path("gop-y-du-thao/", consultations.consultation_list, name="consultations"),
    path(
        "gop-y-du-thao/<int:consultation_id>/",
        consultations.consultation_page,
        name="consultation",
    ),
    path(
        "gop-y-du-thao/<int:consultation_id>/tep-du-thao/",
        consultations.consultation_file,
        name="consultation_file",
    ),
    path("quan-ly/gop-y-du-thao/", consultations.manage_list, name="consultation_manage"),
    path(
        "quan-ly/gop-y-du-thao/tao/",
        consultations.manage_create,
        name="consultation_create",
    ),
    path(
        "quan-ly/gop-y-du-thao/<int:consultation_id>/",
        consultations.manage_detail,
        name="consultation_staff",
    ),
    path(
        "quan-ly/gop-y-du-thao/<int:consultation_id>/y-kien/",
        consultations.manage_feedback,
        name="consultation_feedback",
    ),
    path(
        "quan-ly/gop-y-du-thao/<int:consultation_id>/y-kien.<str:fmt>",
        consultations.manage_export,
        name="consultation_export",
    ),
    path(
        "quan-ly/gop-y-du-thao/<int:consultation_id>/<slug:action>/",
        consultations.manage_action,
        name="consultation_action",
    ),
    # Staff (verified login).
    path("quan-ly/du-lieu-ca-nhan/", privacy.privacy_queue, name="privacy_queue"),
    path(
        "quan-ly/du-lieu-ca-nhan/<int:request_id>/",
        privacy.privacy_request,
        name="privacy_request",
    ),
    path(
        "quan-ly/du-lieu-ca-nhan/<int:request_id>/<slug:action>/",
        privacy.privacy_request_action,
        name="privacy_request_action",
    ),
    path("quan-ly/", staff.petition_list, name="list"),
    path("quan-ly/<int:petition_id>/", staff.petition_detail, name="detail"),
    path("quan-ly/<int:petition_id>/<slug:action>/", staff.petition_action, name="action"),
    # Classification and routing suggestions, related legal provisions (issue 5 §3).
    path(
        "quan-ly/<int:petition_id>/phan-loai/goi-y/",
        classification.suggestions,
        name="suggestions",
    ),
    path(
        "quan-ly/<int:petition_id>/phan-loai/dieu-khoan/",
        classification.provision_link,
        name="provision_link",
    ),
    path(
        "quan-ly/<int:petition_id>/phan-loai/dieu-khoan/<int:link_id>/xoa/",
        classification.provision_unlink,
        name="provision_unlink",
    ),
    path("quan-ly/gop/", staff.merge, name="merge"),
    path("quan-ly/hop-thu/", staff.inbox, name="inbox"),
    path("quan-ly/tiep-xuc/", staff.meetings, name="meetings"),
    path("quan-ly/tiep-xuc/<int:meeting_id>/", staff.meeting_detail, name="meeting"),
    path("quan-ly/giam-sat/", supervision.supervision, name="supervision"),
    path(
        "quan-ly/giam-sat/bao-cao.<str:fmt>",
        supervision.supervision_export,
        name="supervision_export",
    ),
]
