"""The knowledge network's API: each operation's happy path and its refusals (401 anonymous,
404 what the caller may not see, 403 what they see but may not do, 422 bad input with
translated field messages)."""

from __future__ import annotations

import json
from typing import get_args

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from kieubao.accounts.services import api_token_create
from kieubao.api import api
from kieubao.community import services as community
from kieubao.community.models import OrganisationKind
from kieubao.community.tests.factories import (
    make_official,
    make_person,
    make_user,
    province_body,
)
from kieubao.core.models import AuditAction, AuditEntry
from kieubao.knowledge import matching, models, services
from kieubao.knowledge.api import schemas

pytestmark = pytest.mark.django_db

API = "/api/v1/knowledge"
NO_FIELD_NOR_DESCRIPTION = (
    "Choose at least one field of expertise or describe what you need: "
    "without either, no expert can be found for it."
)
NO_CONSENT = (
    "This person has not consented (or has withdrawn consent) to be contacted through the "
    "platform: they cannot be invited."
)


class ApiClient(Client):
    """A client with a user's API token; JSON bodies."""

    def __init__(self, user=None, **defaults):
        if user is not None:
            _token, key = api_token_create(user=user)
            defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        super().__init__(**defaults)
        self.user = user

    def send(self, method: str, path: str, body=None, **extra):
        data = "" if body is None else json.dumps(body)
        return self.generic(method, path, data, content_type="application/json", **extra)

    def post_json(self, path: str, body=None, **extra):
        return self.send("POST", path, body, **extra)


@pytest.fixture
def world(index_now):
    body = community.organisation_create(
        name="UBND thành phố Hải Phòng",
        name_en="Hai Phong People's Committee",
        kind=OrganisationKind.PROVINCE,
        country="VN",
        province_code=31,
    )
    official = make_user("official@example.org", language="en")
    community.official_appoint(user=official, body=body)
    expert_user = make_user("expert@example.org", language="vi")
    with index_now():
        expert = make_person(user=expert_user, full_name="Hoàng Thị Đào", contact=True)
        member = make_person(user=make_user("member@example.org"), full_name="Trần Văn Hội")
    need = services.need_create(
        owner=body,
        created_by=official,
        title="Tư vấn thiết kế vi mạch",
        description="Cần chuyên gia bán dẫn cho khu công nghệ cao.",
        fields=["semiconductors"],
        kind="advice",
    )
    services.need_publish(need=need)
    draft = services.need_create(
        owner=body, created_by=official, title="Đào tạo AI", fields=["ai"], kind="training"
    )
    return {
        "body": body,
        "need": need,
        "draft": draft,
        "expert": expert,
        "member": member,
        "official": ApiClient(official),
        "expert_client": ApiClient(expert_user),
        "member_client": ApiClient(member.user),
        "other_official": ApiClient(make_official("Đà Nẵng")),
        "admin": ApiClient(make_user(is_staff=True, is_superuser=True)),
    }


@pytest.fixture
def invitation(world, index_now):
    with index_now():
        invitation = services.invitation_create(
            need=world["need"],
            expert=world["expert"],
            invited_by=world["official"].user,
            message="Mời chị tham gia.",
        )
    mail.outbox.clear()
    return invitation


@pytest.fixture
def engagement(invitation):
    return services.invitation_accept(invitation=invitation)


def _errors(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "validation_error"
    errors: dict[str, list[str]] = {}
    for item in body["errors"]:
        errors.setdefault(item["field"], []).append(item["message"])
    return errors


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


# -- the document and authentication -------------------------------------------------------------


def _operations():
    document = api.get_openapi_schema()
    for path, item in document["paths"].items():
        if path.startswith(API):
            for method in item:
                yield method.upper(), path


def test_every_operation_needs_a_signed_in_caller():
    anonymous = ApiClient()
    operations = list(_operations())
    assert len(operations) == 21
    for method, path in operations:
        url = path.format(need_id=1, invitation_id=1, engagement_id=1, milestone_id=1)
        response = anonymous.send(method, url, {} if method != "GET" else None)
        assert response.status_code == 401, (method, path)
        assert response.json()["code"] == "unauthorized"


def test_session_writes_without_a_csrf_token_are_refused(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["official"].user)
    response = browser.post(
        f"{API}/needs/{world['need'].pk}/close", "{}", content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    world["need"].refresh_from_db()
    assert world["need"].status == models.NeedStatus.PUBLISHED


def test_the_documented_choices_are_the_models_choices():
    for literal, choices in (
        (schemas.KindName, models.EngagementKind),
        (schemas.ModeName, models.WorkMode),
        (schemas.NeedStatusName, models.NeedStatus),
        (schemas.InvitationStatusName, models.InvitationStatus),
        (schemas.EngagementStatusName, models.EngagementStatus),
        (schemas.OutcomeName, models.Outcome),
        (schemas.AvailabilityName, models.Availability),
        (schemas.WorkKindName, models.WorkKind),
    ):
        assert set(get_args(literal)) == set(choices.values), choices


# -- needs ----------------------------------------------------------------------------------------


def test_an_official_posts_a_need_for_their_body(world):
    response = world["official"].post_json(
        f"{API}/needs",
        {
            "title": "Thẩm định dự án điện hạt nhân",
            "fields": ["nuclear-energy"],
            "kind": "review",
            "mode": "remote",
            "starts_on": "2030-01-01",
            "ends_on": "2030-06-30",
            "experts_wanted": 2,
        },
    )
    assert response.status_code == 201, response.content
    need = response.json()
    assert need["owner"] == {"id": world["body"].pk, "name": world["body"].name, "kind": "province"}
    assert need["status"] == "draft" and need["manages"] is True
    assert need["fields"] == ["nuclear-energy"]
    assert (need["language"], need["experts_wanted"], need["ends_on"]) == ("vi", 2, "2030-06-30")
    assert models.Need.objects.get(pk=need["id"]).created_by == world["official"].user


def test_a_need_with_no_field_and_no_description_is_refused_in_the_callers_language(world):
    body = {"title": "Cần giúp", "kind": "advice"}
    envelope = "Some values are not valid: see the errors."
    for language, translate in (("en", str), ("vi", _vi)):
        response = world["official"].post_json(f"{API}/needs", body, HTTP_ACCEPT_LANGUAGE=language)
        assert _errors(response) == {"fields": [translate(NO_FIELD_NOR_DESCRIPTION)]}, language
        assert response.json()["message"] == translate(envelope)
    assert _vi(envelope) != envelope  # the Accept-Language really switched the language
    assert models.Need.objects.count() == 2


def test_bad_need_bodies_are_refused_with_field_messages(world):
    post = world["official"].post_json
    assert _errors(post(f"{API}/needs", {"kind": "advice", "description": "x"})) == {
        "title": ["This field is required."]
    }
    assert set(
        _errors(
            post(
                f"{API}/needs",
                {"title": "x" * 201, "kind": "gossip", "experts_wanted": 0, "colour": "red"},
            )
        )
    ) == {"title", "kind", "experts_wanted", "colour"}
    errors = _errors(post(f"{API}/needs", {"title": "A", "kind": "advice", "fields": ["alchemy"]}))
    assert errors == {"fields": ["Unknown field of expertise: alchemy."]}
    errors = _errors(
        post(
            f"{API}/needs",
            {
                "title": "A",
                "kind": "advice",
                "description": "B",
                "starts_on": "2030-02-01",
                "ends_on": "2030-01-01",
            },
        )
    )
    assert errors == {"ends_on": ["The period ends before it starts."]}
    response = world["official"].post(f"{API}/needs", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_who_may_post_needs_and_for_which_body(world):
    body = {"title": "A", "description": "B", "kind": "advice"}
    # A member manages no body: refused, and the refusal is audited.
    response = world["member_client"].post_json(f"{API}/needs", body)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert AuditEntry.objects.filter(
        action=AuditAction.ACCESS_REFUSED, actor_id=world["member"].user_id
    ).exists()
    # An official posts only for their own body.
    response = world["official"].post_json(
        f"{API}/needs", body | {"owner_id": province_body("Đà Nẵng").pk}
    )
    assert _errors(response) == {"owner_id": ["You cannot post needs for this body."]}
    # A platform admin chooses the body.
    assert _errors(world["admin"].post_json(f"{API}/needs", body)) == {
        "owner_id": ["Choose the body the need is posted for."]
    }
    response = world["admin"].post_json(f"{API}/needs", body | {"owner_id": world["body"].pk})
    assert response.status_code == 201
    # The admin of a university posts for it; of an association, for nothing.
    university = community.organisation_create(
        name="Đại học Bách khoa", kind=OrganisationKind.UNIVERSITY, country="VN"
    )
    association = community.organisation_create(
        name="Hội người Việt", kind=OrganisationKind.ASSOCIATION, country="DE"
    )
    community.membership_add(person=world["expert"], organisation=university, role="admin")
    community.membership_add(person=world["member"], organisation=association, role="admin")
    response = world["expert_client"].post_json(f"{API}/needs", body)
    assert response.status_code == 201
    assert response.json()["owner"]["id"] == university.pk
    assert world["member_client"].post_json(f"{API}/needs", body).status_code == 403


def test_needs_list_shows_drafts_only_to_managers_and_searches_without_tones(
    world, django_assert_num_queries
):
    need, draft = world["need"], world["draft"]
    official = world["official"].get(f"{API}/needs").json()
    assert [n["id"] for n in official["results"]] == [need.pk, draft.pk]
    member = world["member_client"].get(f"{API}/needs").json()
    assert (member["count"], member["page"], member["pages"]) == (1, 1, 1)
    assert member["results"][0]["id"] == need.pk
    assert member["results"][0]["manages"] is False
    get = world["member_client"].get
    assert get(f"{API}/needs", {"q": "THIET KE vi mach"}).json()["count"] == 1
    assert get(f"{API}/needs", {"q": "điện hạt nhân"}).json()["count"] == 0
    assert get(f"{API}/needs", {"field": "semiconductors"}).json()["count"] == 1
    assert get(f"{API}/needs", {"field": "ai"}).json()["count"] == 0
    assert get(f"{API}/needs", {"kind": "advice"}).json()["count"] == 1
    assert get(f"{API}/needs", {"status": "closed"}).json()["count"] == 0
    assert get(f"{API}/needs", {"mine": "true"}).json()["count"] == 0
    assert (
        world["official"].get(f"{API}/needs", {"mine": "true", "status": "draft"}).json()["count"]
        == 1
    )
    assert _errors(get(f"{API}/needs", {"kind": "gossip"})) == {"kind": ["Select a valid choice."]}
    page = world["official"].get(f"{API}/needs", {"per_page": 1, "page": 2}).json()
    assert (page["count"], page["pages"], [n["id"] for n in page["results"]]) == (2, 2, [draft.pk])
    # Token (read, last use), viewer (person, official, memberships), count, page, the fields
    # of the page's needs.
    for _ in range(3):
        services.need_publish(
            need=services.need_create(
                owner=world["body"], title="Thêm", fields=["ai"], kind="advice"
            )
        )
    with django_assert_num_queries(7):
        assert len(get(f"{API}/needs").json()["results"]) == 4


def test_a_draft_is_not_found_by_those_who_do_not_manage_it(world):
    url = f"{API}/needs/{world['draft'].pk}"
    assert world["official"].get(url).json()["status"] == "draft"
    assert world["admin"].get(url).status_code == 200
    for client in ("member_client", "expert_client", "other_official"):
        response = world[client].get(url)
        assert response.status_code == 404, client
        assert response.json() == {"code": "not_found", "message": "Not found."}
    assert world["official"].get(f"{API}/needs/999999").status_code == 404


def test_managers_change_a_need(world):
    url = f"{API}/needs/{world['need'].pk}"
    response = world["official"].send("PATCH", url, {"title": "Tư vấn vi mạch", "fields": ["ai"]})
    assert response.status_code == 200
    changed = response.json()
    assert changed["title"] == "Tư vấn vi mạch" and changed["fields"] == ["ai"]
    assert changed["description"] == world["need"].description  # not sent: unchanged
    # Clearing the fields leaves the description to find experts by; clearing both is refused.
    assert world["official"].send("PATCH", url, {"fields": None}).json()["fields"] == []
    assert _errors(world["official"].send("PATCH", url, {"description": None})) == {
        "fields": [NO_FIELD_NOR_DESCRIPTION]
    }
    assert world["member_client"].send("PATCH", url, {"title": "X"}).status_code == 403
    draft_url = f"{API}/needs/{world['draft'].pk}"
    assert world["member_client"].send("PATCH", draft_url, {"title": "X"}).status_code == 404


def test_publish_and_close(world, invitation, index_now):
    draft_url = f"{API}/needs/{world['draft'].pk}"
    assert world["member_client"].post_json(f"{draft_url}/publish").status_code == 404
    response = world["official"].post_json(f"{draft_url}/publish")
    assert response.status_code == 200
    assert response.json()["status"] == "published" and response.json()["published_at"]
    assert world["member_client"].post_json(f"{draft_url}/publish").status_code == 403
    url = f"{API}/needs/{world['need'].pk}"
    assert world["member_client"].post_json(f"{url}/close", {}).status_code == 403
    with index_now():
        response = world["official"].post_json(f"{url}/close", {"reason": "Đã đủ chuyên gia"})
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert response.json()["closed_reason"] == "Đã đủ chuyên gia"
    invitation.refresh_from_db()
    assert invitation.status == models.InvitationStatus.WITHDRAWN
    assert [m.to for m in mail.outbox] == [["expert@example.org"]]
    # Closed: cannot be published again nor changed; closing again changes nothing.
    assert _errors(world["official"].post_json(f"{url}/publish")) == {
        "__all__": ["A closed need cannot be published again; post a new one."]
    }
    assert _errors(world["official"].send("PATCH", url, {"title": "X"})) == {
        "__all__": ["A closed need cannot be changed."]
    }
    assert world["official"].post_json(f"{url}/close").status_code == 200  # no body at all


def test_recommendations_are_for_managers(world, invitation, monkeypatch):
    expert = world["expert"]
    other = make_person(contact=True, full_name="Lê Văn Chip")
    calls = []

    def recommend(need, *, limit=10):
        calls.append((need.pk, limit))
        return [
            matching.Recommendation(
                person_id=expert.pk,
                name=expert.full_name,
                position="Professor",
                score=0.91,
                reasons=[matching.Reason(kind="field", label="Semiconductors")],
            ),
            matching.Recommendation(
                person_id=other.pk, name=other.full_name, position="", score=0.5, at_capacity=True
            ),
        ]

    monkeypatch.setattr(matching, "recommend", recommend)
    url = f"{API}/needs/{world['need'].pk}/recommendations"
    response = world["official"].get(url, {"limit": 5})
    assert response.status_code == 200
    assert response.json() == [
        {
            "person_id": expert.pk,
            "name": "Hoàng Thị Đào",
            "position": "Professor",
            "score": 0.91,
            "reasons": [{"kind": "field", "label": "Semiconductors"}],
            "at_capacity": False,
            "invitation_id": invitation.pk,
        },
        {
            "person_id": other.pk,
            "name": "Lê Văn Chip",
            "position": "",
            "score": 0.5,
            "reasons": [],
            "at_capacity": True,
            "invitation_id": None,
        },
    ]
    assert calls == [(world["need"].pk, 5)]
    assert world["member_client"].get(url).status_code == 403
    assert world["other_official"].get(url).status_code == 403
    assert (
        world["member_client"].get(f"{API}/needs/{world['draft'].pk}/recommendations").status_code
        == 404
    )
    assert _errors(world["official"].get(url, {"limit": 500})) == {
        "limit": ["Ensure this value is at most 50."]
    }
    services.need_close(need=world["need"])
    assert world["official"].get(url).json() == []
    assert len(calls) == 1


# -- invitations ----------------------------------------------------------------------------------


def test_a_manager_invites_an_expert_who_is_told_in_their_language(world, index_now):
    url = f"{API}/needs/{world['need'].pk}/invitations"
    with index_now():
        response = world["official"].post_json(
            url, {"expert_id": world["expert"].pk, "message": "Mời chị tham gia."}
        )
    assert response.status_code == 201, response.content
    invitation = response.json()
    assert invitation["status"] == "pending"
    assert invitation["expert"] == {"id": world["expert"].pk, "name": "Hoàng Thị Đào"}
    assert invitation["need"]["id"] == world["need"].pk
    assert invitation["engagement_id"] is None
    [message] = mail.outbox
    assert message.to == ["expert@example.org"]
    assert "UBND thành phố Hải Phòng" in message.body  # she reads Vietnamese
    listed = world["official"].get(url).json()
    assert [i["id"] for i in listed] == [invitation["id"]]
    assert world["member_client"].get(url).status_code == 403
    assert (
        world["member_client"].post_json(url, {"expert_id": world["member"].pk}).status_code == 403
    )


def test_an_expert_who_withdrew_consent_to_contact_cannot_be_invited(world):
    community.consent_set(person=world["expert"], purpose="contact", granted=False)
    url = f"{API}/needs/{world['need'].pk}/invitations"
    body = {"expert_id": world["expert"].pk}
    for language, expected in (("en", NO_CONSENT), ("vi", _vi(NO_CONSENT))):
        response = world["official"].post_json(url, body, HTTP_ACCEPT_LANGUAGE=language)
        assert _errors(response) == {"expert_id": [expected]}, language
    assert not models.Invitation.objects.exists()
    assert mail.outbox == []


def test_invitations_that_cannot_be(world, invitation):
    url = f"{API}/needs/{world['need'].pk}/invitations"
    post = world["official"].post_json
    assert _errors(post(url, {"expert_id": world["expert"].pk})) == {
        "expert_id": ["This expert has already been invited to this need."]
    }
    assert _errors(post(url, {"expert_id": 987654})) == {
        "expert_id": ["This person is not in the registry."]
    }
    assert set(_errors(post(url, {"expert_id": 0, "message": "x" * 3001}))) == {
        "expert_id",
        "message",
    }
    employee = make_person(contact=True)
    services.expert_profile_save(person=employee, employers=[world["body"]])
    assert _errors(post(url, {"expert_id": employee.pk})) == {
        "expert_id": ["This expert works for the body that posted the need (conflict of interest)."]
    }
    draft_url = f"{API}/needs/{world['draft'].pk}/invitations"
    assert _errors(post(draft_url, {"expert_id": employee.pk})) == {
        "__all__": ["Publish the need before inviting experts."]
    }


def test_an_expert_reads_their_invitations(world, invitation):
    mine = world["expert_client"].get(f"{API}/invitations").json()
    assert mine["count"] == 1
    assert mine["results"][0]["message"] == "Mời chị tham gia."
    assert mine["results"][0]["need"]["owner"]["name"] == world["body"].name
    assert (
        world["expert_client"].get(f"{API}/invitations", {"status": "accepted"}).json()["count"]
        == 0
    )
    assert world["member_client"].get(f"{API}/invitations").json()["count"] == 0
    assert world["official"].get(f"{API}/invitations").json()["count"] == 0  # no person
    url = f"{API}/invitations/{invitation.pk}"
    assert world["expert_client"].get(url).status_code == 200
    assert world["official"].get(url).status_code == 200  # a manager of the need
    assert world["member_client"].get(url).status_code == 404
    assert world["other_official"].get(url).status_code == 404


def test_accepting_an_invitation_starts_the_engagement(world, invitation, index_now):
    url = f"{API}/invitations/{invitation.pk}/accept"
    assert world["member_client"].post_json(url).status_code == 404
    assert world["official"].post_json(url).status_code == 403  # only the expert answers
    with index_now():
        response = world["expert_client"].post_json(url)
    assert response.status_code == 200
    engagement = response.json()
    assert engagement["status"] == "active" and engagement["outcome"] is None
    assert engagement["invitation_id"] == invitation.pk
    assert engagement["milestones"] == [] and engagement["documents"] == []
    assert [m.to for m in mail.outbox] == [["official@example.org"]]
    assert _errors(world["expert_client"].post_json(url)) == {
        "__all__": ["This invitation has already been answered or withdrawn."]
    }
    detail = world["official"].get(f"{API}/invitations/{invitation.pk}").json()
    assert detail["status"] == "accepted" and detail["engagement_id"] == engagement["id"]


def test_declining_needs_a_reason(world, invitation, index_now):
    url = f"{API}/invitations/{invitation.pk}/decline"
    assert world["official"].post_json(url, {"reason": "x"}).status_code == 403
    assert _errors(world["expert_client"].post_json(url, {})) == {
        "reason": ["This field is required."]
    }
    for language in ("en", "vi"):
        response = world["expert_client"].post_json(
            url, {"reason": "  "}, HTTP_ACCEPT_LANGUAGE=language
        )
        message = "Say why you decline: it helps the body that asked."
        assert _errors(response) == {"reason": [message if language == "en" else _vi(message)]}
    with index_now():
        response = world["expert_client"].post_json(url, {"reason": "Bận đến cuối năm"})
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "Bận đến cuối năm"
    assert [m.to for m in mail.outbox] == [["official@example.org"]]


def test_a_manager_withdraws_an_invitation(world, invitation, index_now):
    url = f"{API}/invitations/{invitation.pk}/withdraw"
    assert world["expert_client"].post_json(url).status_code == 403
    assert world["member_client"].post_json(url).status_code == 404
    with index_now():
        response = world["official"].post_json(url)
    assert response.json()["status"] == "withdrawn"
    assert [m.to for m in mail.outbox] == [["expert@example.org"]]
    accept = world["expert_client"].post_json(f"{API}/invitations/{invitation.pk}/accept")
    assert _errors(accept) == {
        "__all__": ["This invitation has already been answered or withdrawn."]
    }


# -- engagements ----------------------------------------------------------------------------------


def test_engagements_are_seen_by_their_expert_and_the_needs_managers(world, engagement):
    for client in ("expert_client", "official", "admin"):
        listed = world[client].get(f"{API}/engagements").json()
        assert [e["id"] for e in listed["results"]] == [engagement.pk], client
        assert world[client].get(f"{API}/engagements/{engagement.pk}").status_code == 200
    for client in ("member_client", "other_official"):
        assert world[client].get(f"{API}/engagements").json()["count"] == 0
        assert world[client].get(f"{API}/engagements/{engagement.pk}").status_code == 404
    assert world["official"].get(f"{API}/engagements", {"status": "ended"}).json()["count"] == 0


def test_milestones_and_the_end_of_an_engagement(world, engagement):
    url = f"{API}/engagements/{engagement.pk}"
    expert, official = world["expert_client"], world["official"]
    response = expert.post_json(f"{url}/milestones", {"title": "Báo cáo", "due_on": "2030-03-31"})
    assert response.status_code == 201
    milestone = response.json()
    assert milestone["due_on"] == "2030-03-31" and milestone["done_at"] is None
    assert _errors(expert.post_json(f"{url}/milestones", {"title": ""})) == {
        "title": ["Ensure this value has at least 1 characters."]
    }
    assert world["member_client"].post_json(f"{url}/milestones", {"title": "X"}).status_code == 404
    done = official.post_json(f"{url}/milestones/{milestone['id']}/done")
    assert done.status_code == 200 and done.json()["done_at"]
    assert official.post_json(f"{url}/milestones/999999/done").status_code == 404
    assert _errors(official.post_json(f"{url}/end", {"outcome": ""})) == {
        "outcome": ["Select a valid choice."]
    }
    assert _errors(official.post_json(f"{url}/end", {})) == {"outcome": ["This field is required."]}
    response = expert.post_json(
        f"{url}/end", {"outcome": "advice_delivered", "note": "Báo cáo đã nộp."}
    )
    assert response.status_code == 200
    ended = response.json()
    assert ended["status"] == "ended" and ended["ended_at"]
    assert (ended["outcome"], ended["outcome_note"]) == ("advice_delivered", "Báo cáo đã nộp.")
    assert [m["title"] for m in ended["milestones"]] == ["Báo cáo"]
    assert _errors(expert.post_json(f"{url}/milestones", {"title": "More"})) == {
        "__all__": ["This engagement has ended."]
    }
    assert _errors(official.post_json(f"{url}/end", {"outcome": "nothing"})) == {
        "__all__": ["This engagement has ended."]
    }


def test_a_milestone_of_another_engagement_is_not_found(world, engagement, index_now):
    other_person = make_person(user=make_user(), contact=True)
    with index_now():
        other = services.invitation_accept(
            invitation=services.invitation_create(need=world["need"], expert=other_person)
        )
    milestone = services.milestone_add(engagement=other, title="Theirs")
    url = f"{API}/engagements/{engagement.pk}/milestones/{milestone.pk}/done"
    assert world["official"].post_json(url).status_code == 404
    assert world["expert_client"].post_json(url).status_code == 404


# -- my expert profile ----------------------------------------------------------------------------


def test_my_expert_profile(world):
    url = f"{API}/me/expert-profile"
    client = world["expert_client"]
    assert client.get(url).status_code == 404  # not saved yet
    university = community.organisation_create(
        name="Đại học Osaka", kind=OrganisationKind.UNIVERSITY, country="JP"
    )
    body = {
        "position": "Professor",
        "keywords": ["semiconductors", " chip design ", ""],
        "summary": "Thiết kế vi mạch.",
        "availability": "limited",
        "engagement_kinds": ["advice", "review"],
        "work_modes": ["remote"],
        "max_load": 3,
        "employers": [university.pk],
        "works": [
            {"title": "A paper", "year": 2020, "link": "https://doi.org/10.1/x"},
            {"kind": "patent", "title": "A patent"},
        ],
    }
    response = client.send("PUT", url, body)
    assert response.status_code == 200, response.content
    profile = response.json()
    assert profile["person_id"] == world["expert"].pk and profile["consent_contact"] is True
    assert profile["keywords"] == ["semiconductors", "chip design"]
    assert profile["employers"] == [university.pk]
    assert [(w["kind"], w["title"]) for w in profile["works"]] == [
        ("publication", "A paper"),
        ("patent", "A patent"),
    ]
    assert client.get(url).json() == profile
    # The whole profile: what is not sent takes its default, works are replaced.
    profile = client.send("PUT", url, {"works": [{"title": "Another"}]}).json()
    assert profile["position"] == "" and profile["max_load"] == 2 and profile["employers"] == []
    assert [w["title"] for w in profile["works"]] == ["Another"]


def test_a_bad_expert_profile_changes_nothing(world):
    url = f"{API}/me/expert-profile"
    client = world["expert_client"]
    client.send("PUT", url, {"position": "Professor", "works": [{"title": "Kept"}]})
    response = client.send(
        "PUT",
        url,
        {"position": "Changed", "works": [{"title": "Ok"}, {"title": "Bad", "link": "not a link"}]},
    )
    assert _errors(response) == {"works.1.link": ["Enter a valid URL."]}
    assert _errors(client.send("PUT", url, {"employers": [987654]})) == {
        "employers": ["Unknown organisation."]
    }
    assert set(_errors(client.send("PUT", url, {"max_load": 21, "engagement_kinds": ["x"]}))) == {
        "max_load",
        "engagement_kinds.0",
    }
    profile = client.get(url).json()
    assert profile["position"] == "Professor"
    assert [w["title"] for w in profile["works"]] == ["Kept"]


def test_no_expert_profile_without_a_registry_profile(world):
    url = f"{API}/me/expert-profile"
    assert world["official"].get(url).status_code == 404
    assert world["official"].send("PUT", url, {}).status_code == 404


def test_lists_of_invitations_and_engagements_take_a_fixed_number_of_queries(
    world, index_now, django_assert_num_queries
):
    with index_now():
        for n in range(4):
            need = services.need_publish(
                need=services.need_create(
                    owner=world["body"], title=f"Cần {n}", fields=["ai"], kind="advice"
                )
            )
            invitation = services.invitation_create(need=need, expert=world["expert"])
            if n % 2:
                services.invitation_accept(invitation=invitation)
    # Token (read, last use), viewer (person, official, memberships), count, page.
    with django_assert_num_queries(7):
        page = world["expert_client"].get(f"{API}/invitations").json()
    assert page["count"] == 4
    assert sorted(bool(i["engagement_id"]) for i in page["results"]) == [False, False, True, True]
    with django_assert_num_queries(6):  # an official without a person: no memberships
        page = world["official"].get(f"{API}/engagements", {"per_page": 1}).json()
    assert (page["count"], page["pages"], len(page["results"])) == (2, 2, 1)
