from django.urls import path

from nghitruong.documents import views, views_diff, views_edit

app_name = "documents"

urlpatterns = [
    path("", views.work_index, name="index"),
    path("resolve", views.resolve, name="resolve"),
    path("<int:work_id>/", views.work_detail, name="detail"),
    path("<int:work_id>/diff", views_diff.work_diff_page, name="diff"),
    # Staff editing (documents.views_edit)
    path("<int:work_id>/edit/", views_edit.work_edit, name="edit"),
    path("<int:work_id>/status/", views_edit.work_status, name="status"),
    path("<int:work_id>/relations/add/", views_edit.relation_add, name="relation_add"),
    path(
        "relations/<int:relation_id>/delete/",
        views_edit.relation_remove,
        name="relation_delete",
    ),
    path("works/search", views_edit.work_search, name="work_search"),
]
