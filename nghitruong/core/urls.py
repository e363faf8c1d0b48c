from django.urls import path

from nghitruong.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("welcome/", views.welcome, name="welcome"),
    path("bodies/<int:body_id>/", views.body_detail, name="body_detail"),
]
