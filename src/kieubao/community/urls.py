from django.urls import path, re_path

from . import views

app_name = "community"

urlpatterns = [
    path("people/", views.people_search, name="people"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("me/profile/", views.my_profile, name="my-profile"),
    path("me/access-log/", views.my_access_log, name="my-access-log"),
    path("me/data/", views.my_data, name="my-data"),
    re_path(r"^me/data/export\.(?P<fmt>json|csv)$", views.my_data_export, name="my-data-export"),
    path("me/delete/", views.my_account_delete, name="my-account-delete"),
    path("organisations/", views.organisations_search, name="organisations"),
    path("organisations/<int:organisation_id>/", views.organisation_detail, name="organisation"),
    path(
        "organisations/<int:organisation_id>/membership/",
        views.organisation_membership,
        name="organisation-membership",
    ),
    path(
        "organisations/<int:organisation_id>/manage/",
        views.organisation_manage,
        name="organisation-manage",
    ),
]
