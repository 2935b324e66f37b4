"""The knowledge network's pages: each page's happy path and its refusals."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from kieubao.community import services as community
from kieubao.community.models import OrganisationKind
from kieubao.community.tests.factories import (
    make_official,
    make_person,
    make_user,
    province_body,
)
from kieubao.core.models import AuditAction, AuditEntry
from kieubao.knowledge import matching, services
from kieubao.knowledge.models import (
    Engagement,
    EngagementStatus,
    Invitation,
    InvitationStatus,
    Need,
    NeedStatus,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _client(user, *, mfa: bool = False) -> Client:
    if mfa:
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    official = make_official("Hải Phòng")
    other_official = make_official("Đà Nẵng")
    body = province_body("Hải Phòng")
    expert_user = make_user()
    expert = make_person(
        user=expert_user, full_name="Trần Chuyên Gia", contact=True, fields=("semiconductors",)
    )
    services.expert_profile_save(person=expert, position="Professor", keywords="chip design")
    member_user = make_user()
    member = make_person(user=member_user, full_name="Lê Thành Viên")
    need = services.need_create(
        owner=body,
        created_by=official,
        title="Tư vấn thiết kế vi mạch",
        description="Cần chuyên gia bán dẫn.",
        kind="advice",
        fields=["semiconductors"],
    )
    services.need_publish(need=need)
    draft = services.need_create(
        owner=body, created_by=official, title="Bản nháp", description="Nháp.", kind="review"
    )
    return {
        "official": _client(official, mfa=True),
        "official_user": official,
        "other_official": _client(other_official, mfa=True),
        "body": body,
        "expert": expert,
        "expert_client": _client(expert_user),
        "member": member,
        "member_client": _client(member_user),
        "need": need,
        "draft": draft,
    }


def _fake_recommend(*people, at_capacity=()):
    def recommend(need, *, limit=10):
        return [
            matching.Recommendation(
                person_id=p.pk,
                name=p.full_name,
                position="Professor",
                score=0.9 - i / 10,
                reasons=[
                    matching.Reason(kind="field", label="Semiconductors"),
                    matching.Reason(kind="keyword", label="chip design"),
                ],
                at_capacity=p.pk in at_capacity,
            )
            for i, p in enumerate(people)
        ][:limit]

    return recommend


# -- needs list ----------------------------------------------------------------------------------


def test_needs_are_for_signed_in_people(client, world):
    response = client.get("/knowledge/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_sees_published_needs_not_drafts_and_cannot_post(world):
    response = world["member_client"].get("/knowledge/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tư vấn thiết kế vi mạch" in body
    assert "Bản nháp" not in body
    assert 'data-testid="post-need"' not in body


def test_needs_search_is_toneless_and_filters_by_field_and_kind(world):
    member = world["member_client"]
    assert (
        "Tư vấn thiết kế" in member.get("/knowledge/", {"q": "thiet ke vi mach"}).content.decode()
    )
    assert "Tư vấn thiết kế" not in member.get("/knowledge/", {"q": "nong nghiep"}).content.decode()
    by_field = member.get("/knowledge/", {"field": "semiconductors"}).content.decode()
    assert "Tư vấn thiết kế" in by_field
    assert "Tư vấn thiết kế" not in member.get("/knowledge/", {"field": "law"}).content.decode()
    assert "Tư vấn thiết kế" not in member.get("/knowledge/", {"kind": "review"}).content.decode()
    fragment = member.get("/knowledge/", {"q": "vi mach"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and "Tư vấn thiết kế" in fragment.content.decode()


def test_needs_list_query_count_does_not_grow_with_results(world, django_assert_max_num_queries):
    for i in range(25):
        need = services.need_create(
            owner=world["body"],
            title=f"Nhu cầu {i}",
            description="Mô tả",
            kind="advice",
            fields=["ai", "law"],
        )
        services.need_publish(need=need)
    with django_assert_max_num_queries(11):
        response = world["member_client"].get("/knowledge/")
    assert response.content.decode().count('href="/knowledge/needs/') >= 20


def test_manager_sees_own_drafts_and_the_post_button(world):
    body = world["official"].get("/knowledge/").content.decode()
    assert "Bản nháp" in body and 'data-testid="post-need"' in body
    assert "Bản nháp" not in world["other_official"].get("/knowledge/").content.decode()


# -- posting and editing needs ---------------------------------------------------------------------


def test_official_posts_a_need_for_their_body_as_a_draft(world):
    response = world["official"].post(
        "/knowledge/needs/new/",
        {
            "owner": world["body"].pk,
            "title": "Đào tạo an ninh mạng",
            "description": "Khóa học cho cán bộ.",
            "fields_of_expertise": [],
            "kind": "training",
            "mode": "on_site",
            "experts_wanted": 2,
            "deadline": "2099-01-31",
        },
    )
    need = Need.objects.get(title="Đào tạo an ninh mạng")
    assert response.status_code == 302 and response["Location"] == f"/knowledge/needs/{need.pk}/"
    assert need.owner == world["body"] and need.status == NeedStatus.DRAFT
    assert need.language == "vi" and need.experts_wanted == 2


def test_a_need_without_field_or_description_is_refused_and_nothing_is_lost(world):
    response = world["official"].post(
        "/knowledge/needs/new/",
        {"owner": world["body"].pk, "title": "Cần chuyên gia", "kind": "advice", "mode": "either"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one field of expertise or describe what you need" in body
    assert 'data-error-for="fields_of_expertise"' in body  # the service's "fields"
    assert 'value="Cần chuyên gia"' in body
    assert not Need.objects.filter(title="Cần chuyên gia").exists()


def test_need_form_errors_are_shown_per_field(world):
    response = world["official"].post(
        "/knowledge/needs/new/",
        {
            "owner": world["body"].pk,
            "title": "",
            "description": "x",
            "kind": "advice",
            "mode": "either",
            "experts_wanted": 1,
            "starts_on": "2030-05-01",
            "ends_on": "2030-04-01",
        },
    )
    body = response.content.decode()
    assert 'data-error-for="title"' in body
    assert "Nothing has been saved yet" in body


def test_period_ending_before_it_starts_is_refused_by_the_service(world):
    response = world["official"].post(
        "/knowledge/needs/new/",
        {
            "owner": world["body"].pk,
            "title": "Kỳ hạn sai",
            "description": "x",
            "kind": "advice",
            "mode": "either",
            "experts_wanted": 1,
            "starts_on": "2030-05-01",
            "ends_on": "2030-04-01",
        },
    )
    body = response.content.decode()
    assert 'data-error-for="ends_on"' in body and "The period ends before it starts." in body


def test_official_cannot_post_for_another_body(world):
    other = province_body("Đà Nẵng")
    response = world["official"].post(
        "/knowledge/needs/new/",
        {"owner": other.pk, "title": "X", "description": "y", "kind": "advice", "mode": "either"},
    )
    assert response.status_code == 200 and 'data-error-for="owner"' in response.content.decode()
    assert not Need.objects.filter(owner=other).exists()


def test_members_and_admins_of_associations_cannot_post_needs(world):
    assert world["member_client"].get("/knowledge/needs/new/").status_code == 403
    association = community.organisation_create(
        name="Hội", kind=OrganisationKind.ASSOCIATION, country="FR"
    )
    community.membership_add(person=world["member"], organisation=association, role="admin")
    assert world["member_client"].get("/knowledge/needs/new/").status_code == 403


def test_admin_chooses_any_owner_of_an_allowed_kind(world):
    admin = _client(make_user(is_staff=True, is_superuser=True), mfa=True)
    university = community.organisation_create(
        name="Đại học Bách khoa", kind=OrganisationKind.UNIVERSITY, country="VN"
    )
    association = community.organisation_create(
        name="Hội Kiều bào", kind=OrganisationKind.ASSOCIATION, country="FR"
    )
    page = admin.get("/knowledge/needs/new/").content.decode()
    assert "Đại học Bách khoa" in page and "Hội Kiều bào" not in page
    admin.post(
        "/knowledge/needs/new/",
        {"owner": university.pk, "title": "Giảng dạy", "description": "AI", "kind": "training"}
        | {"mode": "remote", "experts_wanted": 1},
    )
    assert Need.objects.get(title="Giảng dạy").owner == university
    refused = admin.post(
        "/knowledge/needs/new/",
        {"owner": association.pk, "title": "Không", "description": "x", "kind": "advice"}
        | {"mode": "remote", "experts_wanted": 1},
    )
    assert 'data-error-for="owner"' in refused.content.decode()


def test_manager_edits_a_need_others_are_refused(world):
    need = world["need"]
    url = f"/knowledge/needs/{need.pk}/edit/"
    assert world["member_client"].get(url).status_code == 403
    assert world["other_official"].get(url).status_code == 403
    assert (
        world["member_client"].get(f"/knowledge/needs/{world['draft'].pk}/edit/").status_code == 404
    )
    response = world["official"].post(
        url,
        {
            "title": "Tư vấn thiết kế chip",
            "description": need.description,
            "fields_of_expertise": [],
            "kind": "advice",
            "mode": "remote",
            "experts_wanted": 1,
        },
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Tư vấn thiết kế chip" and need.mode == "remote"
    assert not need.fields.exists()


def test_publish_and_close_with_a_reason(world):
    draft = world["draft"]
    assert world["member_client"].post(f"/knowledge/needs/{draft.pk}/publish/").status_code == 404
    assert world["other_official"].post(f"/knowledge/needs/{draft.pk}/publish/").status_code == 404
    world["official"].post(f"/knowledge/needs/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == NeedStatus.PUBLISHED

    refused = world["official"].post(f"/knowledge/needs/{draft.pk}/close/", {"reason": ""})
    assert refused.status_code == 200
    assert "Say why the need is closed." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == NeedStatus.PUBLISHED
    assert (
        world["member_client"]
        .post(f"/knowledge/needs/{draft.pk}/close/", {"reason": "x"})
        .status_code
        == 403
    )
    world["official"].post(f"/knowledge/needs/{draft.pk}/close/", {"reason": "Đã đủ người"})
    draft.refresh_from_db()
    assert draft.status == NeedStatus.CLOSED and draft.closed_reason == "Đã đủ người"
    page = world["member_client"].get(f"/knowledge/needs/{draft.pk}/").content.decode()
    assert "Đã đủ người" in page


def test_publishing_with_a_past_deadline_says_why(world):
    Need.objects.filter(pk=world["draft"].pk).update(deadline="2000-01-01")
    response = world["official"].post(f"/knowledge/needs/{world['draft'].pk}/publish/", follow=True)
    assert "The deadline has passed" in response.content.decode()


def test_refused_access_is_audited(world):
    world["member_client"].get(f"/knowledge/needs/{world['need'].pk}/edit/")
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_REFUSED).exists()


# -- the need page, recommendations and invitations ----------------------------------------------


def test_draft_need_is_hidden_from_non_managers(world):
    url = f"/knowledge/needs/{world['draft'].pk}/"
    assert world["member_client"].get(url).status_code == 404
    assert world["other_official"].get(url).status_code == 404
    assert world["official"].get(url).status_code == 200
    assert world["member_client"].get("/knowledge/needs/999999/").status_code == 404


def test_manager_sees_ranked_recommendations_with_reasons(world, monkeypatch):
    busy = make_person(full_name="Phạm Bận Rộn", contact=True)
    monkeypatch.setattr(
        matching, "recommend", _fake_recommend(world["expert"], busy, at_capacity={busy.pk})
    )
    page = world["official"].get(f"/knowledge/needs/{world['need'].pk}/").content.decode()
    assert page.index("Trần Chuyên Gia") < page.index("Phạm Bận Rộn")
    assert 'data-kind="field"' in page and "chip design" in page
    assert page.count('data-testid="at-capacity"') == 1
    assert page.count('data-testid="invite"') == 2
    member_page = world["member_client"].get(f"/knowledge/needs/{world['need'].pk}/")
    assert member_page.status_code == 200
    assert 'data-field="recommendations"' not in member_page.content.decode()
    assert "Phạm Bận Rộn" not in member_page.content.decode()


def test_invite_an_expert_with_a_message(world, monkeypatch, mailoutbox):
    monkeypatch.setattr(matching, "recommend", _fake_recommend(world["expert"]))
    need = world["need"]
    response = world["official"].post(
        f"/knowledge/needs/{need.pk}/invite/",
        {"expert": world["expert"].pk, "message": "Mời anh tham gia."},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(need=need, expert=world["expert"])
    assert invitation.message == "Mời anh tham gia." and invitation.invited_by.official
    page = world["official"].get(f"/knowledge/needs/{need.pk}/").content.decode()
    assert 'data-testid="invite"' not in page  # already invited: the status instead
    assert "Waiting for an answer" in page
    # The expert sees the need with a link to the invitation, and the nav counts it.
    expert_page = world["expert_client"].get(f"/knowledge/needs/{need.pk}/").content.decode()
    assert f'href="/knowledge/invitations/{invitation.pk}/"' in expert_page
    assert 'data-testid="pending-invitations"' in expert_page


def test_invitation_to_someone_without_contact_consent_is_refused(world, monkeypatch):
    withdrawn = make_person(full_name="Vũ Rút Lại", contact=True)
    monkeypatch.setattr(matching, "recommend", _fake_recommend(withdrawn))
    community.consent_set(person=withdrawn, purpose="contact", granted=False)
    response = world["official"].post(
        f"/knowledge/needs/{world['need'].pk}/invite/",
        {"expert": withdrawn.pk, "message": "Xin chào"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="invite-errors"' in body
    assert "has not consented (or has withdrawn consent) to be contacted" in body
    assert ">Xin chào</textarea>" in body  # the message is kept
    assert not Invitation.objects.filter(expert=withdrawn).exists()


def test_only_managers_invite(world):
    url = f"/knowledge/needs/{world['need'].pk}/invite/"
    data = {"expert": world["expert"].pk}
    assert world["member_client"].post(url, data).status_code == 403
    assert world["other_official"].post(url, data).status_code == 403
    assert world["official"].post(url, {"expert": 999999}).status_code == 200
    assert not Invitation.objects.exists()


# -- the expert profile --------------------------------------------------------------------------


def test_expert_profile_says_clearly_without_contact_consent(world):
    page = world["member_client"].get("/knowledge/me/").content.decode()
    assert 'data-testid="not-recommended"' in page
    assert "you will not be recommended" in page and 'href="/me/profile/"' in page
    consenting = world["expert_client"].get("/knowledge/me/").content.decode()
    assert 'data-testid="not-recommended"' not in consenting
    assert 'value="Professor"' in consenting


def test_save_expert_profile_and_its_errors(world):
    client = world["member_client"]
    employer = community.organisation_create(
        name="Đại học Quốc gia", kind=OrganisationKind.UNIVERSITY, country="VN"
    )
    response = client.post(
        "/knowledge/me/",
        {
            "position": "Kỹ sư",
            "keywords": "robotics, AI",
            "summary": "Robot công nghiệp",
            "availability": "limited",
            "engagement_kinds": ["advice", "training"],
            "work_modes": ["remote"],
            "max_load": 3,
            "employers": [employer.pk],
        },
    )
    assert response.status_code == 302
    profile = world["member"].expert
    assert profile.engagement_kinds == ["advice", "training"] and profile.max_load == 3
    assert list(profile.employers.all()) == [employer]
    bad = client.post(
        "/knowledge/me/",
        {"position": "Kỹ sư mới", "availability": "available", "max_load": 99},
    )
    body = bad.content.decode()
    assert 'data-error-for="max_load"' in body and 'value="Kỹ sư mới"' in body
    profile.refresh_from_db()
    assert profile.position == "Kỹ sư"


def test_publications_add_and_remove(world):
    client = world["expert_client"]
    refused = client.post("/knowledge/me/works/", {"kind": "publication", "title": ""})
    assert 'data-error-for="title"' in refused.content.decode()
    client.post(
        "/knowledge/me/works/",
        {"kind": "patent", "title": "Bộ nhớ bán dẫn", "year": 2020, "link": "example.org/p"},
    )
    work = world["expert"].expert.works.get()
    assert work.kind == "patent" and work.link == "https://example.org/p"
    assert world["member_client"].post(f"/knowledge/me/works/{work.pk}/remove/").status_code == 404
    client.post(f"/knowledge/me/works/{work.pk}/remove/")
    assert not world["expert"].expert.works.exists()


def test_expert_page_without_a_registry_profile(world, monkeypatch):
    page = world["official"].get("/knowledge/me/").content.decode()
    assert 'data-testid="no-person"' in page
    response = world["official"].post("/knowledge/me/", {"position": "x"})
    assert response.status_code == 302


def test_needs_that_fit_the_expert(world, monkeypatch):
    monkeypatch.setattr(
        matching,
        "needs_for_expert",
        lambda person, *, limit=10: [
            matching.NeedMatch(
                need=world["need"], score=1, reasons=[matching.Reason("field", "Bán dẫn")]
            )
        ],
    )
    page = world["expert_client"].get("/knowledge/me/").content.decode()
    assert 'data-testid="match"' in page and "Tư vấn thiết kế vi mạch" in page


# -- invitations ---------------------------------------------------------------------------------


@pytest.fixture
def invitation(world):
    return services.invitation_create(
        need=world["need"],
        expert=world["expert"],
        invited_by=world["official_user"],
        message="Mời",
    )


def test_invitation_pages_for_the_expert_the_manager_and_nobody_else(world, invitation):
    url = f"/knowledge/invitations/{invitation.pk}/"
    listing = world["expert_client"].get("/knowledge/invitations/").content.decode()
    assert url in listing
    assert 'data-testid="accept"' in world["expert_client"].get(url).content.decode()
    manager_page = world["official"].get(url).content.decode()
    assert 'data-testid="withdraw"' in manager_page and 'data-testid="accept"' not in manager_page
    assert world["member_client"].get(url).status_code == 404
    assert world["other_official"].get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_decline_needs_a_reason(world, invitation):
    url = f"/knowledge/invitations/{invitation.pk}/"
    refused = world["expert_client"].post(url, {"action": "decline", "reason": "  "})
    assert refused.status_code == 200
    assert 'data-error-for="reason"' in refused.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    world["expert_client"].post(url, {"action": "decline", "reason": "Bận đến tháng 9"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert invitation.decline_reason == "Bận đến tháng 9"
    manager_page = world["official"].get(f"/knowledge/needs/{world['need'].pk}/").content.decode()
    assert "Bận đến tháng 9" in manager_page


def test_accept_makes_an_engagement(world, invitation):
    url = f"/knowledge/invitations/{invitation.pk}/"
    assert world["official"].post(url, {"action": "accept"}).status_code == 403
    response = world["expert_client"].post(url, {"action": "accept"})
    engagement = Engagement.objects.get(invitation=invitation)
    assert response["Location"] == f"/knowledge/engagements/{engagement.pk}/"
    page = world["expert_client"].get(url).content.decode()
    assert f'href="/knowledge/engagements/{engagement.pk}/"' in page
    again = world["expert_client"].post(url, {"action": "accept"}, follow=True)
    assert "already been answered" in again.content.decode()


def test_manager_withdraws_a_pending_invitation(world, invitation):
    url = f"/knowledge/invitations/{invitation.pk}/"
    assert world["expert_client"].post(url, {"action": "withdraw"}).status_code == 403
    world["official"].post(url, {"action": "withdraw"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN


# -- engagements ---------------------------------------------------------------------------------


@pytest.fixture
def engagement(world, invitation):
    return services.invitation_accept(invitation=invitation)


def test_engagement_is_for_its_participants(world, engagement):
    url = f"/knowledge/engagements/{engagement.pk}/"
    assert world["expert_client"].get(url).status_code == 200
    assert world["official"].get(url).status_code == 200
    assert world["member_client"].get(url).status_code == 404
    assert world["other_official"].get(url).status_code == 404
    assert url in world["expert_client"].get("/knowledge/engagements/").content.decode()
    assert url not in world["member_client"].get("/knowledge/engagements/").content.decode()


def test_milestones_add_and_done(world, engagement):
    url = f"/knowledge/engagements/{engagement.pk}/"
    refused = world["expert_client"].post(url, {"action": "milestone", "title": ""})
    assert "Give the milestone a title." in refused.content.decode()
    world["expert_client"].post(
        url, {"action": "milestone", "title": "Báo cáo đầu kỳ", "due_on": "2030-01-15"}
    )
    milestone = engagement.milestones.get()
    world["official"].post(url, {"action": "done", "milestone": milestone.pk})
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    assert world["official"].post(url, {"action": "done", "milestone": 999}).status_code == 404


def test_documents_are_served_to_participants_only(world, engagement):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/knowledge/engagements/{engagement.pk}/documents/"
    bad = world["expert_client"].post(
        url, {"file": SimpleUploadedFile("x.exe", b"MZ\x00\x00binary")}
    )
    assert 'data-error-for="file"' in bad.content.decode()
    missing = world["expert_client"].post(url, {"title": "Không có tệp"})
    assert "Choose a file to share." in missing.content.decode()
    world["expert_client"].post(url, {"title": "Báo cáo", "file": SimpleUploadedFile("r.pdf", PDF)})
    document = engagement.documents.get()
    download = f"/knowledge/engagements/{engagement.pk}/documents/{document.pk}/"
    response = world["official"].get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert world["member_client"].get(download).status_code == 404
    assert world["other_official"].get(download).status_code == 404


def test_end_with_an_outcome(world, engagement):
    url = f"/knowledge/engagements/{engagement.pk}/"
    refused = world["official"].post(url, {"action": "end", "outcome": "", "note": "Ghi chú"})
    body = refused.content.decode()
    assert 'data-error-for="outcome"' in body and "Ghi chú</textarea>" in body
    world["official"].post(
        url, {"action": "end", "outcome": "advice_delivered", "note": "Đã giao báo cáo"}
    )
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDED
    assert engagement.outcome == "advice_delivered"
    page = world["expert_client"].get(url).content.decode()
    assert "Advice delivered" in page and "Đã giao báo cáo" in page
    after = world["expert_client"].post(url, {"action": "milestone", "title": "Muộn"}, follow=True)
    assert "This engagement has ended." in after.content.decode()


# -- innovation networks -------------------------------------------------------------------------


def test_network_dashboard_counts_listed_members_only(world, engagement):
    network = community.organisation_create(
        name="Mạng lưới Đổi mới sáng tạo", kind=OrganisationKind.INNOVATION_NETWORK, country="FR"
    )
    chapter = community.organisation_create(
        name="Chi hội Đức", kind=OrganisationKind.INNOVATION_NETWORK, country="DE", parent=network
    )
    community.membership_add(person=world["expert"], organisation=chapter)
    hidden = make_person(full_name="Ngô Không Niêm Yết", listed=False, fields=("ai",))
    community.membership_add(person=hidden, organisation=network)
    services.engagement_end(engagement=engagement, outcome="advice_delivered")

    client = world["member_client"]
    listing = client.get("/knowledge/networks/").content.decode()
    assert f'href="/knowledge/networks/{network.pk}/"' in listing
    assert f'href="/knowledge/networks/{chapter.pk}/"' not in listing  # chapters hang below
    page = client.get(f"/knowledge/networks/{network.pk}/").content.decode()
    assert 'data-testid="members-total">1<' in page
    assert 'data-testid="needs-answered">1<' in page
    assert 'data-key="advice_delivered">1<' in page
    assert "Semiconductors" in page and "Artificial intelligence" not in page
    assert "Ngô Không Niêm Yết" not in page and "Trần Chuyên Gia" not in page
    assert "Tư vấn thiết kế vi mạch" in page
    assert 'id="knowledge-chart"' in page and "<script>" not in page
    assert client.get(f"/knowledge/networks/{chapter.pk}/").status_code == 404
    assert client.get(f"/knowledge/networks/{world['body'].pk}/").status_code == 404
    assert Client().get(f"/knowledge/networks/{network.pk}/").status_code == 302


def test_nav_links_to_the_knowledge_network(world):
    page = world["member_client"].get("/").content.decode()
    assert 'href="/knowledge/"' in page
    assert 'data-testid="pending-invitations"' not in page
