from django.urls import path

from nghitruong.voting import views

app_name = "voting"

urlpatterns = [
    path("bodies/<int:body_id>/", views.panel, name="panel"),
    path("bodies/<int:body_id>/panel/", views.panel_fragment, name="panel_fragment"),
    path("bodies/<int:body_id>/events/", views.body_events, name="body_events"),
    path("bodies/<int:body_id>/console/", views.console, name="console"),
    path("bodies/<int:body_id>/console/list/", views.console_fragment, name="console_fragment"),
    path("polls/<int:poll_id>/cast/", views.cast, name="cast"),
    path("polls/<int:poll_id>/hall/", views.hall, name="hall"),
    path("polls/<int:poll_id>/hall/board/", views.hall_board, name="hall_board"),
    path("polls/<int:poll_id>/events/", views.poll_events, name="poll_events"),
    path("polls/<int:poll_id>/do/<slug:action>/", views.transition, name="transition"),
    path("public/polls/<int:poll_id>/", views.public, name="public"),
    path("public/polls/<int:poll_id>/board/", views.public_board, name="public_board"),
    path("public/polls/<int:poll_id>/events/", views.public_events, name="public_events"),
]
