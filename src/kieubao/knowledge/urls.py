from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("knowledge/", views.needs_list, name="needs"),
    path("knowledge/needs/new/", views.need_create, name="need-create"),
    path("knowledge/needs/<int:need_id>/", views.need_detail, name="need"),
    path("knowledge/needs/<int:need_id>/edit/", views.need_edit, name="need-edit"),
    path("knowledge/needs/<int:need_id>/publish/", views.need_publish, name="need-publish"),
    path("knowledge/needs/<int:need_id>/close/", views.need_close, name="need-close"),
    path("knowledge/needs/<int:need_id>/invite/", views.need_invite, name="need-invite"),
    path("knowledge/me/", views.expert_profile, name="me"),
    path("knowledge/me/works/", views.work_add, name="work-add"),
    path("knowledge/me/works/<int:work_id>/remove/", views.work_remove, name="work-remove"),
    path("knowledge/invitations/", views.invitations_list, name="invitations"),
    path(
        "knowledge/invitations/<int:invitation_id>/",
        views.invitation_detail,
        name="invitation",
    ),
    path("knowledge/engagements/", views.engagements_list, name="engagements"),
    path(
        "knowledge/engagements/<int:engagement_id>/",
        views.engagement_detail,
        name="engagement",
    ),
    path(
        "knowledge/engagements/<int:engagement_id>/documents/",
        views.document_upload,
        name="document-upload",
    ),
    path(
        "knowledge/engagements/<int:engagement_id>/documents/<int:document_id>/",
        views.document_download,
        name="document",
    ),
    path("knowledge/networks/", views.networks_list, name="networks"),
    path("knowledge/networks/<int:network_id>/", views.network_detail, name="network"),
]
