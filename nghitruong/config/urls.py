from django.contrib import admin
from django.urls import include, path

from nghitruong.config.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("nghitruong.accounts.urls")),
    path("documents/", include("nghitruong.documents.urls")),
    path("search/", include("nghitruong.search.urls")),
    path("meetings/", include("nghitruong.meetings.urls")),
    path("voting/", include("nghitruong.voting.urls")),
    path("kien-nghi/", include("nghitruong.petitions.urls")),
    path("tracking/", include("nghitruong.tracking.urls")),
    path("", include("nghitruong.core.urls")),
]
