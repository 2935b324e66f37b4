"""The proposals API: public reads (an anonymous proposer never named to the public), members'
writes (submission with its text made safe, one endorsement each, threaded comments, abuse
reports), the workflow (only officials of the assigned body move a proposal: another body's
official gets 403; declining needs a reason), outcomes, moderation and the dashboard's figures.
Refusals are JSON: 401 without credentials, 404 what the caller may not see, 403 what they see
but may not do, 422 bad input with translated messages on its field (Accept-Language)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import get_args

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from kieubao.accounts.services import api_token_create
from kieubao.api import api
from kieubao.community.tests.factories import (
    make_ministry,
    make_official,
    make_person,
    make_user,
    province_body,
)
from kieubao.proposals import models, services
from kieubao.proposals.api import schemas

from .factories import make_assigned, make_proposal

pytestmark = pytest.mark.django_db

API = "/api/v1/proposals"
TEXT = "<p>Lập quỹ học bổng cho sinh viên ngành bán dẫn, do kỹ sư kiều bào hướng dẫn.</p>"


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


def _in_both_languages(send, field: str, message: str) -> None:
    """The refusal names the field and says why, in English and in Vietnamese."""
    for language, translate in (("en", str), ("vi", _vi)):
        errors = _errors(send(HTTP_ACCEPT_LANGUAGE=language))
        assert errors.get(field) == [translate(message)], (language, errors)


@pytest.fixture
def world():
    ministry = make_ministry("Bộ Khoa học và Công nghệ")
    province = province_body("Hải Phòng")
    proposer_user = make_user("proposer@example.org")
    proposer = make_person(user=proposer_user, full_name="Nguyễn Đề Xuất")
    endorser = make_person(user=make_user("endorser@example.org"), full_name="Trần Ủng Hộ")
    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    ministry_official = make_official(ministry, "bo@example.org")
    province_official = make_official(province, "tinh@example.org")
    assigned = make_assigned(proposer, ministry, user=admin, title="Mạng lưới chuyên gia bán dẫn")
    return {
        "ministry": ministry,
        "province": province,
        "proposer": proposer,
        "endorser": endorser,
        "assigned": assigned,
        "admin_user": admin,
        "proposer_client": ApiClient(proposer_user),
        "endorser_client": ApiClient(endorser.user),
        "admin": ApiClient(admin),
        "ministry_official": ApiClient(ministry_official),
        "province_official": ApiClient(province_official),
        "anonymous": ApiClient(),
    }


def test_schema_names_follow_the_models():
    assert set(get_args(schemas.StatusName)) == set(models.Status.values)
    assert set(get_args(schemas.EntryKindName)) == set(models.EntryKind.values)
    assert set(get_args(schemas.OutcomeKindName)) == set(models.OutcomeKind.values)
    assert set(get_args(schemas.AbuseStatusName)) == set(models.AbuseStatus.values)
    names = [n for n in api.get_openapi_schema()["components"]["schemas"] if "Proposal" in n]
    assert names and all(n.startswith("Proposal") for n in names)


# --- public reads --------------------------------------------------------------------------------


def test_proposals_are_read_without_credentials(world):
    anonymous = world["anonymous"]
    listed = anonymous.get(API).json()
    assert listed["count"] == 1
    first = listed["results"][0]
    assert first["title"] == "Mạng lưới chuyên gia bán dẫn"
    assert first["status"] == "assigned"
    assert first["assigned_body"]["id"] == world["ministry"].pk
    assert first["author"]["name"] == "Nguyễn Đề Xuất"
    detail = anonymous.get(f"{API}/{world['assigned'].pk}").json()
    assert "quỹ học bổng" in detail["body"]
    assert detail["can_endorse"] is False and detail["can_handle"] is False
    timeline = anonymous.get(f"{API}/{world['assigned'].pk}/timeline").json()
    assert [e["kind"] for e in timeline] == ["submitted", "assigned"]
    assert anonymous.get(f"{API}/{world['assigned'].pk}/comments").json() == []
    assert anonymous.get(f"{API}/dashboard").json()["total"] == 1


def test_anonymous_proposer_is_never_named_to_the_public(world):
    shy = make_person(user=make_user(), full_name="Lê Giấu Tên")
    secret = make_assigned(shy, world["ministry"], title="Đề án bí mật về học bổng", anonymous=True)
    url = f"{API}/{secret.pk}"
    for client in ("anonymous", "endorser_client", "province_official"):
        for response in (world[client].get(url), world[client].get(API)):
            text = json.dumps(response.json(), ensure_ascii=False)
            assert "Lê Giấu Tên" not in text, client
            assert f'"id": {shy.pk},' not in text, client
        detail = world[client].get(url).json()
        assert detail["author"] is None and detail["anonymous"] is True
        listed = world[client].get(API).json()["results"]
        assert [p["author"] for p in listed if p["id"] == secret.pk] == [None]
    # The proposer, the assigned body's officials and the platform admins see who it is.
    shy_client = ApiClient(shy.user)
    for client in (shy_client, world["ministry_official"], world["admin"]):
        assert client.get(url).json()["author"] == {"id": shy.pk, "name": "Lê Giấu Tên"}


def test_list_searches_filters_orders_and_pages(world):
    other = make_proposal(world["endorser"], title="Trung tâm đổi mới sáng tạo ở Hải Phòng")
    services.endorse(proposal=other, person=world["proposer"])
    anonymous = world["anonymous"]
    assert [p["id"] for p in anonymous.get(API, {"q": "DOI MOI sang tao"}).json()["results"]] == [
        other.pk
    ]
    assert [p["id"] for p in anonymous.get(API, {"status": "assigned"}).json()["results"]] == [
        world["assigned"].pk
    ]
    assert [
        p["id"] for p in anonymous.get(API, {"agency": world["ministry"].pk}).json()["results"]
    ] == [world["assigned"].pk]
    ordered = anonymous.get(API, {"order": "endorsed"}).json()["results"]
    assert ordered[0]["id"] == other.pk
    paged = anonymous.get(API, {"per_page": 1, "page": 2}).json()
    assert paged["count"] == 2 and paged["pages"] == 2 and len(paged["results"]) == 1
    mine = world["proposer_client"].get(API, {"mine": "true"}).json()["results"]
    assert [p["id"] for p in mine] == [world["assigned"].pk]
    endorsed = world["proposer_client"].get(API, {"endorsed": "true"}).json()["results"]
    assert [p["id"] for p in endorsed] == [other.pk]
    assert anonymous.get(API, {"mine": "true"}).json()["count"] == 0
    assert anonymous.get(API, {"order": "oldest"}).status_code == 422


def test_similar_titles_are_suggested_folded(world):
    response = world["anonymous"].get(f"{API}/similar", {"title": "mang luoi CHUYEN GIA ban dan"})
    assert [s["id"] for s in response.json()] == [world["assigned"].pk]
    assert response.json()[0]["shared_words"] >= 2
    assert world["anonymous"].get(f"{API}/similar", {"title": "và của cho"}).json() == []
    assert world["anonymous"].get(f"{API}/similar").status_code == 422


def test_hidden_proposal_is_a_404_except_for_its_proposer_and_moderators(world):
    services.proposal_hide(world["assigned"], reason="Quảng cáo.", user=world["admin_user"])
    url = f"{API}/{world['assigned'].pk}"
    for client in ("anonymous", "endorser_client", "ministry_official"):
        response = world[client].get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert world["proposer_client"].get(url).json()["hidden_reason"] == "Quảng cáo."
    assert world["admin"].get(url).json()["hidden"] is True
    assert world["anonymous"].get(API).json()["count"] == 0


# --- submission ----------------------------------------------------------------------------------


def test_member_submits_a_proposal_with_its_script_neutralised(world):
    response = world["endorser_client"].post_json(
        API,
        {
            "title": "Học bổng cho sinh viên vùng cao",
            "text": TEXT
            + '<script>alert(1)</script><img src="x.png" onerror="alert(2)">'
            + '<a href="javascript:alert(3)">bấm</a>',
            "language": "vi",
            "addressed_to_id": world["ministry"].pk,
            "anonymous": True,
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "submitted"
    assert created["addressed_to"]["id"] == world["ministry"].pk
    assert created["author"]["name"] == "Trần Ủng Hộ"  # the proposer sees themself
    for unsafe in ("<script", "alert(1)", "onerror", "javascript:"):
        assert unsafe not in created["body"], unsafe
    assert "bấm" in created["body"]
    public = world["anonymous"].get(f"{API}/{created['id']}").json()
    assert public["author"] is None and public["anonymous"] is True


def test_submission_needs_credentials_and_a_profile(world):
    body = {"title": "Học bổng cho sinh viên vùng cao", "text": TEXT}
    response = world["anonymous"].post_json(API, body)
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"
    assert world["ministry_official"].post_json(API, body).status_code == 403


def test_submission_refusals_on_their_field_in_both_languages(world):
    client = world["endorser_client"]

    def send(body):
        return lambda **extra: client.post_json(API, body, **extra)

    _in_both_languages(
        send({"title": "Ngắn", "text": TEXT}),
        "title",
        "Say in a few words what you propose (at least 10 characters).",
    )
    _in_both_languages(
        send({"title": "Học bổng cho sinh viên", "text": "<script>alert(1)</script><p>Ít</p>"}),
        "text",
        "Explain your proposal (at least 30 characters of text).",
    )
    _in_both_languages(
        send({"title": "Học bổng cho sinh viên", "text": TEXT, "fields": ["no-such-field"]}),
        "fields",
        "Choose fields from the list.",
    )
    not_a_homeland_body = make_person().pk  # an id, but of no homeland body
    _in_both_languages(
        send(
            {
                "title": "Học bổng cho sinh viên",
                "text": TEXT,
                "addressed_to_id": not_a_homeland_body + 10_000,
            }
        ),
        "addressed_to_id",
        "Choose a ministry, a province or a diplomatic mission.",
    )
    assert "title" in _errors(client.post_json(API, {"text": TEXT}))
    assert "anonymous" in _errors(
        client.post_json(API, {"title": "x" * 20, "text": TEXT, "anonymous": "yes"})
    )
    assert "attachments" in _errors(
        client.post_json(API, {"title": "x" * 20, "text": TEXT, "attachments": []})
    )  # attachments are added on the web page
    bad_json = client.generic("POST", API, "{", content_type="application/json")
    assert bad_json.status_code in (400, 422)
    assert models.Proposal.objects.count() == 1


# --- endorsements --------------------------------------------------------------------------------


def test_one_endorsement_per_member(world):
    url = f"{API}/{world['assigned'].pk}/endorsement"
    client = world["endorser_client"]
    first = client.post(url)
    assert first.status_code == 200
    assert first.json() == {
        "proposal_id": world["assigned"].pk,
        "endorsed": True,
        "endorsement_count": 1,
    }
    _in_both_languages(
        lambda **extra: client.post(url, **extra),
        "proposal",
        "You have already endorsed this proposal.",
    )
    detail = client.get(f"{API}/{world['assigned'].pk}").json()
    assert detail["endorsed"] is True and detail["can_endorse"] is False
    withdrawn = client.delete(url)
    assert withdrawn.status_code == 200
    assert withdrawn.json()["endorsed"] is False and withdrawn.json()["endorsement_count"] == 0
    assert client.delete(url).json()["endorsement_count"] == 0  # nothing to withdraw


def test_endorsement_refusals(world):
    url = f"{API}/{world['assigned'].pk}/endorsement"
    assert world["anonymous"].post(url).status_code == 401
    assert world["ministry_official"].post(url).status_code == 403  # no member profile
    _in_both_languages(
        lambda **extra: world["proposer_client"].post(url, **extra),
        "proposal",
        "You cannot endorse your own proposal.",
    )
    assert world["endorser_client"].post(f"{API}/2147483647/endorsement").status_code == 404


# --- comments and abuse --------------------------------------------------------------------------


def test_threaded_comments_and_replies(world):
    url = f"{API}/{world['assigned'].pk}/comments"
    top = world["endorser_client"].post_json(url, {"text": "Rất đồng ý."})
    assert top.status_code == 201 and top.json()["depth"] == 0
    reply = world["proposer_client"].post_json(
        url, {"text": "Cảm ơn anh.", "parent_id": top.json()["id"]}
    )
    assert reply.status_code == 201
    assert reply.json()["parent_id"] == top.json()["id"] and reply.json()["depth"] == 1
    world["endorser_client"].post_json(url, {"text": "Một ý khác."})
    thread = world["anonymous"].get(url).json()
    assert [(c["text"], c["depth"]) for c in thread] == [
        ("Rất đồng ý.", 0),
        ("Cảm ơn anh.", 1),
        ("Một ý khác.", 0),
    ]
    assert thread[0]["author"]["name"] == "Trần Ủng Hộ"


def test_reply_to_a_comment_of_another_proposal_is_refused(world):
    other = make_proposal(world["endorser"], title="Trung tâm đổi mới sáng tạo")
    foreign = services.comment_add(proposal=other, author=world["endorser"], text="Ở nơi khác.")
    url = f"{API}/{world['assigned'].pk}/comments"
    _in_both_languages(
        lambda **extra: world["endorser_client"].post_json(
            url, {"text": "Trả lời.", "parent_id": foreign.pk}, **extra
        ),
        "parent_id",
        "You can only reply to a comment on the same proposal.",
    )
    _in_both_languages(
        lambda **extra: world["endorser_client"].post_json(url, {"text": "  "}, **extra),
        "text",
        "This field is required.",
    )
    assert world["anonymous"].post_json(url, {"text": "Chào."}).status_code == 401


def test_abuse_report_then_moderation(world):
    proposal = world["assigned"]
    comment = services.comment_add(proposal=proposal, author=world["endorser"], text="Quảng cáo!")
    report = world["proposer_client"].post_json(
        f"{API}/{proposal.pk}/abuse-reports", {"reason": "Spam.", "comment_id": comment.pk}
    )
    assert report.status_code == 201 and report.json()["status"] == "open"
    assert (
        world["anonymous"]
        .post_json(f"{API}/{proposal.pk}/abuse-reports", {"reason": "Spam."})
        .status_code
        == 401
    )
    # Moderators only: the list of reports, hiding, dismissing.
    assert world["endorser_client"].get(f"{API}/abuse-reports").status_code == 403
    assert world["ministry_official"].get(f"{API}/abuse-reports").status_code == 403
    reports = world["admin"].get(f"{API}/abuse-reports").json()
    assert [r["id"] for r in reports] == [report.json()["id"]]
    hide_url = f"{API}/{proposal.pk}/comments/{comment.pk}/hide"
    assert world["ministry_official"].post_json(hide_url, {"reason": "x"}).status_code == 403
    _in_both_languages(
        lambda **extra: world["admin"].post_json(hide_url, {"reason": " "}, **extra),
        "reason",
        "This field is required.",
    )
    hidden = world["admin"].post_json(hide_url, {"reason": "Quảng cáo."})
    assert hidden.status_code == 200 and hidden.json()["hidden_reason"] == "Quảng cáo."
    public = world["anonymous"].get(f"{API}/{proposal.pk}/comments").json()
    assert public[0]["hidden"] is True and public[0]["text"] is None
    assert public[0]["hidden_reason"] is None  # the reason is for moderators
    assert world["admin"].get(f"{API}/abuse-reports").json() == []
    assert (
        world["admin"].get(f"{API}/abuse-reports", {"status": "hidden"}).json()[0]["id"]
        == (report.json()["id"])
    )


def test_moderator_dismisses_a_report_and_hides_a_proposal(world):
    proposal = world["assigned"]
    report = services.abuse_report(proposal=proposal, reason="Sai.", user=world["endorser"].user)
    url = f"{API}/abuse-reports/{report.pk}/dismiss"
    assert world["endorser_client"].post(url).status_code == 403
    assert world["admin"].post(url).json()["status"] == "dismissed"
    _in_both_languages(
        lambda **extra: world["admin"].post(url, **extra),
        "status",
        "This report was already dealt with.",
    )
    hide = f"{API}/{proposal.pk}/hide"
    assert world["ministry_official"].post_json(hide, {"reason": "x"}).status_code == 403
    assert world["admin"].post_json(hide, {"reason": "Trùng lặp."}).json()["hidden"] is True
    assert world["anonymous"].get(f"{API}/{proposal.pk}").status_code == 404


# --- the workflow --------------------------------------------------------------------------------


def test_only_officials_of_the_assigned_body_move_it(world):
    url = f"{API}/{world['assigned'].pk}/move"
    body = {"to": "under_review"}
    refused = world["province_official"].post_json(url, body)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert world["endorser_client"].post_json(url, body).status_code == 403
    assert world["proposer_client"].post_json(url, body).status_code == 403
    assert world["anonymous"].post_json(url, body).status_code == 401
    moved = world["ministry_official"].post_json(url, body)
    assert moved.status_code == 200 and moved.json()["status"] == "under_review"
    assert moved.json()["first_answer_at"] is not None
    world["assigned"].refresh_from_db()
    assert world["assigned"].status == "under_review"


def test_decline_needs_a_reason(world):
    url = f"{API}/{world['assigned'].pk}/move"
    client = world["ministry_official"]
    _in_both_languages(
        lambda **extra: client.post_json(url, {"to": "declined"}, **extra),
        "reason",
        "Declining needs a reason: the proposer and the public are told.",
    )
    declined = client.post_json(
        url, {"to": "declined", "reason": "Đã có chương trình tương tự.", "signed_name": "TS. An"}
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    last = world["anonymous"].get(f"{API}/{world['assigned'].pk}/timeline").json()[-1]
    assert last["to_status"] == "declined"
    assert last["text"] == "Đã có chương trình tương tự."
    assert last["body"]["id"] == world["ministry"].pk and last["signed_name"] == "TS. An"
    assert "actor" not in last


def test_illegal_move_is_refused_naming_the_statuses(world):
    url = f"{API}/{world['assigned'].pk}/move"
    for language in ("en", "vi"):
        errors = _errors(
            world["ministry_official"].post_json(
                url, {"to": "implemented"}, HTTP_ACCEPT_LANGUAGE=language
            )
        )
        with translation.override(language):
            now, to = str(models.Status.ASSIGNED.label), str(models.Status.IMPLEMENTED.label)
        assert now in errors["to"][0] and to in errors["to"][0], (language, errors)
    assert "to" in _errors(world["ministry_official"].post_json(url, {"to": "nowhere"}))


def test_platform_screens_assigns_and_merges(world):
    proposal = make_proposal(world["endorser"], title="Học bổng bán dẫn cho vùng cao")
    screen = f"{API}/{proposal.pk}/screen"
    assert world["ministry_official"].post(screen).status_code == 403
    assert world["endorser_client"].post(screen).status_code == 403
    assert world["admin"].post(screen).json()["status"] == "screening"
    _in_both_languages(
        lambda **extra: world["admin"].post(screen, **extra),
        "status",
        "Only a newly submitted proposal goes to screening.",
    )
    assign = f"{API}/{proposal.pk}/assign"
    assert (
        world["ministry_official"].post_json(assign, {"body_id": world["ministry"].pk}).status_code
        == 403
    )
    chapter = make_person()  # not a body at all
    _in_both_languages(
        lambda **extra: world["admin"].post_json(assign, {"body_id": chapter.pk + 10_000}, **extra),
        "body_id",
        "Choose a ministry, a province or a diplomatic mission.",
    )
    assigned = world["admin"].post_json(assign, {"body_id": world["province"].pk, "note": "Tỉnh."})
    assert assigned.status_code == 200
    assert assigned.json()["assigned_body"]["id"] == world["province"].pk
    # Now the province's official handles it, and the ministry's may not.
    move = f"{API}/{proposal.pk}/move"
    assert world["ministry_official"].post_json(move, {"to": "accepted"}).status_code == 403
    assert world["province_official"].post_json(move, {"to": "accepted"}).status_code == 200
    # Merging: platform admins only, not into itself.
    other = make_proposal(world["proposer"], title="Quỹ học bổng khác")
    merge = f"{API}/{other.pk}/merge"
    assert world["ministry_official"].post_json(merge, {"into_id": proposal.pk}).status_code == 403
    _in_both_languages(
        lambda **extra: world["admin"].post_json(merge, {"into_id": other.pk}, **extra),
        "into_id",
        "A proposal cannot be merged into itself.",
    )
    merged = world["admin"].post_json(merge, {"into_id": proposal.pk, "note": "Trùng."})
    assert merged.json()["status"] == "merged" and merged.json()["merged_into_id"] == proposal.pk
    assert "into_id" in _errors(world["admin"].post_json(merge, {"into_id": 2_147_483_647}))


def test_public_answer_by_the_assigned_body(world):
    url = f"{API}/{world['assigned'].pk}/answer"
    assert world["province_official"].post_json(url, {"text": "Đang xem."}).status_code == 403
    _in_both_languages(
        lambda **extra: world["ministry_official"].post_json(url, {"text": ""}, **extra),
        "text",
        "This field is required.",
    )
    answer = world["ministry_official"].post_json(url, {"text": "Bộ đang nghiên cứu đề xuất."})
    assert answer.status_code == 201
    assert answer.json()["kind"] == "answer" and answer.json()["body"]["id"] == (
        world["ministry"].pk
    )
    assert answer.json()["by_platform"] is False and answer.json()["signed_name"] == ""
    detail = world["anonymous"].get(f"{API}/{world['assigned'].pk}").json()
    assert detail["first_answer_at"] is not None


def test_outcomes_of_an_accepted_proposal(world):
    proposal = world["assigned"]
    outcomes = f"{API}/{proposal.pk}/outcomes"
    official = world["ministry_official"]
    _in_both_languages(
        lambda **extra: official.post_json(
            outcomes, {"kind": "project", "title": "Dự án"}, **extra
        ),
        "kind",
        "Outcomes are linked to accepted proposals.",
    )
    official.post_json(f"{API}/{proposal.pk}/move", {"to": "accepted"})
    _in_both_languages(
        lambda **extra: official.post_json(
            outcomes, {"kind": "engagement", "title": "Hợp tác"}, **extra
        ),
        "engagement_id",
        "Choose the engagement of the knowledge network.",
    )
    assert "progress" in _errors(
        official.post_json(outcomes, {"kind": "project", "title": "Dự án", "progress": 101})
    )
    assert (
        world["province_official"]
        .post_json(outcomes, {"kind": "project", "title": "Dự án"})
        .status_code
        == 403
    )
    created = official.post_json(
        outcomes, {"kind": "policy", "title": "Nghị định học bổng", "progress": 10}
    )
    assert created.status_code == 201 and created.json()["progress"] == 10
    patch = f"{outcomes}/{created.json()['id']}"
    assert official.send("PATCH", patch, {"progress": 60}).json()["progress"] == 60
    assert world["province_official"].send("PATCH", patch, {"progress": 70}).status_code == 403
    assert "progress" in _errors(official.send("PATCH", patch, {"progress": -1}))
    assert official.send("PATCH", f"{outcomes}/2147483647", {"progress": 5}).status_code == 404
    detail = world["anonymous"].get(f"{API}/{proposal.pk}").json()
    assert [(o["title"], o["progress"]) for o in detail["outcomes"]] == [("Nghị định học bổng", 60)]
    texts = [e["text"] for e in world["anonymous"].get(f"{API}/{proposal.pk}/timeline").json()]
    assert any("60%" in text for text in texts)


def test_dashboard_figures(world):
    proposal = world["assigned"]
    models.Proposal.objects.filter(pk=proposal.pk).update(
        assigned_at=timezone.now() - timedelta(days=40)
    )
    late = world["anonymous"].get(f"{API}/dashboard").json()
    assert late["overdue"] == 1 and late["assigned"] == 1 and late["answered"] == 0
    assert late["by_agency"][0]["body"]["id"] == world["ministry"].pk
    assert late["by_agency"][0]["overdue"] == 1
    assert world["anonymous"].get(f"{API}/{proposal.pk}").json()["overdue"] is True
    world["ministry_official"].post_json(f"{API}/{proposal.pk}/move", {"to": "accepted"})
    figures = world["anonymous"].get(f"{API}/dashboard").json()
    assert figures["overdue"] == 0 and figures["share_answered"] == 1.0
    assert figures["median_days_to_answer"] == pytest.approx(40, abs=0.1)
    assert figures["accepted"] == 1 and figures["share_implemented"] == 0.0
    assert figures["by_status"] == {"accepted": 1}


def test_errors_are_json_with_codes(world):
    response = world["anonymous"].get(f"{API}/2147483647")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = ApiClient(HTTP_AUTHORIZATION="Bearer kb_wrong").get(API)
    assert response.status_code == 401
    assert world["anonymous"].get(f"{API}/0").status_code == 422
