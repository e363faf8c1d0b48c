from django.urls import path

from nghitruong.meetings import views

app_name = "meetings"

urlpatterns = [
    path("bodies/<int:body_id>/", views.session_list, name="sessions"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sittings/<int:sitting_id>/", views.sitting_page, name="sitting"),
    path("sittings/<int:sitting_id>/console/", views.console, name="console"),
    path("sittings/<int:sitting_id>/hall/", views.hall, name="hall"),
    path("sittings/<int:sitting_id>/hall/board/", views.hall_board, name="hall_board"),
    path("sittings/<int:sitting_id>/events/", views.sitting_events, name="sitting_events"),
    path("public/sittings/<int:sitting_id>/", views.public, name="public"),
    path("public/sittings/<int:sitting_id>/board/", views.public_board, name="public_board"),
    path("public/sittings/<int:sitting_id>/events/", views.public_events, name="public_events"),
    path(
        "sittings/<int:sitting_id>/minutes.<str:fmt>",
        views.minutes_download,
        name="minutes",
    ),
    path(
        "sittings/<int:sitting_id>/attendance/<str:action>/",
        views.attendance_action,
        name="attendance_action",
    ),
    path("sittings/<int:sitting_id>/<str:action>/", views.sitting_action, name="sitting_action"),
    path("items/<int:item_id>/speakers/", views.speaker_register, name="speaker_register"),
    path("items/<int:item_id>/opinions/", views.opinion_submit, name="opinion_submit"),
    path("speakers/<int:request_id>/<str:action>/", views.speaker_action, name="speaker_action"),
    path("notes/", views.note_create, name="note_create"),
    path("notes/<int:note_id>/delete/", views.note_delete, name="note_delete"),
]
