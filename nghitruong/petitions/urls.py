from django.urls import path

from nghitruong.petitions.views import public, staff

app_name = "petitions"

urlpatterns = [
    # The public portal (anonymous).
    path("", public.home, name="home"),
    path("gui/", public.submit, name="submit"),
    path("theo-doi/", public.lookup, name="lookup"),
    path("theo-doi/<str:code>/", public.follow, name="follow"),
    path("tra-loi/", public.answers, name="answers"),
    path("thong-ke/", public.statistics, name="statistics"),
    path("du-lieu-mo/", public.open_data, name="open_data"),
    path("du-lieu-mo/kien-nghi.csv", public.open_data_csv, name="open_data_csv"),
    path("du-lieu-mo/kien-nghi.json", public.open_data_json, name="open_data_json"),
    # Staff (verified login).
    path("quan-ly/", staff.petition_list, name="list"),
    path("quan-ly/<int:petition_id>/", staff.petition_detail, name="detail"),
    path("quan-ly/<int:petition_id>/<slug:action>/", staff.petition_action, name="action"),
    path("quan-ly/gop/", staff.merge, name="merge"),
    path("quan-ly/hop-thu/", staff.inbox, name="inbox"),
    path("quan-ly/tiep-xuc/", staff.meetings, name="meetings"),
    path("quan-ly/tiep-xuc/<int:meeting_id>/", staff.meeting_detail, name="meeting"),
]
