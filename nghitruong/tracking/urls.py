from django.urls import path

from nghitruong.tracking import views

app_name = "tracking"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/new", views.task_create, name="task_create"),
    path("tasks/<int:task_id>/", views.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/report", views.report_create, name="report_create"),
    path("tasks/<int:task_id>/comment", views.comment_create, name="comment_create"),
    path("tasks/<int:task_id>/complete", views.task_complete, name="task_complete"),
    path("tasks/<int:task_id>/extension", views.extension_request, name="extension_request"),
    path("extensions/<int:extension_id>/decide", views.extension_decide, name="extension_decide"),
    path("directives/new", views.directive_create, name="directive_create"),
    path("kpi", views.kpi_export, name="kpi_export"),
    path("obligations/", views.obligation_list, name="obligation_list"),
    path(
        "obligations/<int:obligation_id>/decide",
        views.obligation_decide,
        name="obligation_decide",
    ),
    path("public/", views.public_waiting, name="public"),
    path("works/<int:work_id>/obligations", views.work_obligations, name="work_obligations"),
]
