from django.urls import path

from nghitruong.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.work_index, name="index"),
    path("resolve", views.resolve, name="resolve"),
    path("<int:work_id>/", views.work_detail, name="detail"),
]
