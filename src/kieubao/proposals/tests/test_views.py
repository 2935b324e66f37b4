"""The proposal pages: list and search, submission (suggestions while typing), a proposal's
page with its public timeline, endorsements, comments, moderation and the workflow; bad input
refused with a clear message in the reader's language (English and Vietnamese), and another
body's official refused (403)."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from kieubao.community.tests.factories import make_ministry, make_official, make_person, make_user
from kieubao.proposals import services
from kieubao.proposals.models import (
    AbuseReport,
    AbuseStatus,
    Comment,
    Endorsement,
    Outcome,
    Proposal,
    Status,
)

from .factories import make_assigned, make_proposal

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
BODY_TEXT = "Thành lập quỹ học bổng cho sinh viên ngành bán dẫn, do kỹ sư kiều bào hướng dẫn."


def _client(user=None, *, language: str = "en", mfa: bool = False) -> Client:
    client = Client()
    client.cookies["kieubao_language"] = language
    if user is not None:
        if mfa:
            Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"s": "x"})
        client.force_login(user)
    return client


def _message(language: str, text: str, **values) -> str:
    """``text`` as the reader sees it: translated into their language, HTML-escaped."""
    with translation.override(language):
        translated = gettext(text)
    return escape(translated % values if values else translated)


@pytest.fixture
def world(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    author_user = make_user("author@example.org")
    author = make_person(user=author_user, full_name="Nguyễn Đề Xuất")
    second_user = make_user("second@example.org")
    second = make_person(user=second_user, full_name="Trần Ủng Hộ")
    ministry = make_ministry("Bộ Khoa học và Công nghệ")
    ministry_user = make_official(ministry, email="bo@example.org")
    other_user = make_official("Đà Nẵng", email="danang@example.org")
    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    for user in (ministry_user, other_user, admin):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"s": "x"})
    proposal = make_assigned(
        author, ministry, user=admin, title="Quỹ học bổng bán dẫn cho sinh viên kỹ thuật"
    )
    return {
        "author_user": author_user,
        "author": author,
        "second_user": second_user,
        "second": second,
        "ministry": ministry,
        "ministry_user": ministry_user,
        "other_user": other_user,
        "admin": admin,
        "proposal": proposal,
    }


def _page(client: Client, proposal: Proposal) -> str:
    response = client.get(f"/proposals/{proposal.pk}/")
    assert response.status_code == 200
    return response.content.decode()


# -- list and suggestions ------------------------------------------------------------------------


def test_list_finds_proposals_without_tones_and_filters_by_status(world):
    proposal = world["proposal"]
    found = _client().get("/proposals/", {"q": "quy hoc bong"}).content.decode()
    assert f"/proposals/{proposal.pk}/" in found
    none = _client().get("/proposals/", {"q": "quy", "status": "implemented"}).content.decode()
    assert f"/proposals/{proposal.pk}/" not in none
    mine = _client(world["author_user"]).get("/proposals/", {"mine": "on"}).content.decode()
    assert f"/proposals/{proposal.pk}/" in mine
    theirs = _client(world["second_user"]).get("/proposals/", {"mine": "on"}).content.decode()
    assert f"/proposals/{proposal.pk}/" not in theirs


def test_list_orders_by_endorsements(world):
    other = make_proposal(world["author"], title="Trung tâm đổi mới sáng tạo cho kiều bào")
    services.endorse(proposal=other, person=world["second"])
    page = _client().get("/proposals/", {"order": "endorsed"}).content.decode()
    assert page.index(f"/proposals/{other.pk}/") < page.index(f"/proposals/{world['proposal'].pk}/")


def test_similar_proposals_suggested_while_typing_a_title_without_tones(world):
    response = _client(world["second_user"]).get(
        "/proposals/similar/", {"title": "hoc bong ban dan cho sinh vien"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert f"/proposals/{world['proposal'].pk}/" in page
    assert 'data-testid="endorse-instead"' in page
    assert f'action="/proposals/{world["proposal"].pk}/endorse/"' in page
    unrelated = _client().get("/proposals/similar/", {"title": "cảng biển Hải Phòng"})
    assert f"/proposals/{world['proposal'].pk}/" not in unrelated.content.decode()


# -- submission ----------------------------------------------------------------------------------


def test_member_submits_a_proposal_plain_text_becomes_paragraphs(world):
    client = _client(world["second_user"])
    response = client.post(
        "/proposals/new/",
        {
            "title": "Mạng lưới chuyên gia y tế kiều bào",
            "body": f"{BODY_TEXT}\n\nĐoạn thứ hai & kết luận.",
            "language": "vi",
            "fields": [],
            "addressed_to": world["ministry"].pk,
            "attachments": [SimpleUploadedFile("de-an.pdf", PDF, "application/pdf")],
        },
    )
    proposal = Proposal.objects.get(title="Mạng lưới chuyên gia y tế kiều bào")
    assert response.status_code == 302
    assert response["Location"] == f"/proposals/{proposal.pk}/"
    assert proposal.body.count("<p>") == 2
    assert "&amp; kết luận" in proposal.body
    assert proposal.addressed_to == world["ministry"]
    assert proposal.attachments.count() == 1
    page = _page(_client(), proposal)
    assert "Trần Ủng Hộ" in page
    assert 'data-kind="submitted"' in page
    attachment = proposal.attachments.get()
    download = _client().get(f"/proposals/{proposal.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_officials_without_a_profile_cannot_submit(world):
    response = _client(world["ministry_user"]).get("/proposals/new/")
    assert response.status_code == 403
    assert _client().get("/proposals/new/").status_code == 302


@pytest.mark.parametrize("language", ["en", "vi"])
def test_script_in_the_body_is_neutralised(world, language):
    client = _client(world["second_user"], language=language)
    client.post(
        "/proposals/new/",
        {
            "title": "Đề xuất có mã độc trong nội dung",
            "body": f"<p>{BODY_TEXT}</p><script>alert(1)</script>"
            '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">link</a>',
            "language": "vi",
        },
    )
    proposal = Proposal.objects.get(title="Đề xuất có mã độc trong nội dung")
    page = _page(_client(language=language), proposal)
    assert "<script>alert(1)" not in page
    assert "onerror" not in page
    assert "javascript:" not in page
    assert BODY_TEXT in page


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_non_pdf_attachment_is_refused_by_name_and_nothing_is_saved(world, language):
    client = _client(world["second_user"], language=language)
    response = client.post(
        "/proposals/new/",
        {
            "title": "Đề xuất kèm tệp không hợp lệ",
            "body": BODY_TEXT,
            "language": "vi",
            "attachments": [
                SimpleUploadedFile("virus.exe", b"MZ\x90\x00\x03" * 20, "application/pdf")
            ],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    refused = _message(
        language, "This file is not of an accepted type (%(types)s).", types="JPEG, PDF, PNG, WEBP"
    )
    assert f"virus.exe: {refused}" in page
    assert 'data-error-for="attachments"' in page
    assert 'value="Đề xuất kèm tệp không hợp lệ"' in page  # what was typed is kept
    assert not Proposal.objects.filter(title="Đề xuất kèm tệp không hợp lệ").exists()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_oversized_attachment_is_refused(world, language):
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = _client(world["second_user"], language=language).post(
        "/proposals/new/",
        {
            "title": "Đề xuất kèm tệp quá lớn",
            "body": BODY_TEXT,
            "language": "vi",
            "attachments": [SimpleUploadedFile("ban-ve.pdf", big, "application/pdf")],
        },
    )
    assert response.status_code == 200
    too_large = _message(language, "The file is too large (at most %(size)s MB).", size="10")
    assert f"ban-ve.pdf: {too_large}" in response.content.decode()
    assert not Proposal.objects.filter(title="Đề xuất kèm tệp quá lớn").exists()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_too_short_proposal_is_refused_on_its_fields(world, language):
    response = _client(world["second_user"], language=language).post(
        "/proposals/new/", {"title": "Ngắn", "body": "Ngắn quá", "language": "vi"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert _message(language, "Say in a few words what you propose (at least 10 characters).") in (
        page
    )
    assert _message(language, "Explain your proposal (at least 30 characters of text).") in page


# -- a proposal: author, endorsements --------------------------------------------------------------


def test_an_anonymous_proposer_is_named_only_to_the_assigned_body_and_admins(world):
    proposal = make_assigned(
        world["author"], world["ministry"], user=world["admin"], anonymous=True
    )
    for client in (_client(), _client(world["second_user"]), _client(world["other_user"])):
        page = _page(client, proposal)
        assert "Nguyễn Đề Xuất" not in page
        assert "Anonymous" in page
    for user in (world["ministry_user"], world["admin"], world["author_user"]):
        assert "Nguyễn Đề Xuất" in _page(_client(user), proposal)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_one_endorsement_per_member_a_second_is_refused(world, language):
    proposal = world["proposal"]
    client = _client(world["second_user"], language=language)
    url = f"/proposals/{proposal.pk}/endorse/"
    assert client.post(url, {"action": "endorse"}).status_code == 302
    again = client.post(url, {"action": "endorse"}, follow=True).content.decode()
    assert _message(language, "You have already endorsed this proposal.") in again
    assert Endorsement.objects.filter(proposal=proposal).count() == 1
    proposal.refresh_from_db()
    assert proposal.endorsement_count == 1
    assert 'data-testid="withdraw"' in again
    client.post(url, {"action": "withdraw"})
    proposal.refresh_from_db()
    assert proposal.endorsement_count == 0


def test_the_author_cannot_endorse_their_own(world):
    page = _client(world["author_user"]).post(
        f"/proposals/{world['proposal'].pk}/endorse/", {"action": "endorse"}, follow=True
    )
    assert "You cannot endorse your own proposal." in page.content.decode()
    assert not Endorsement.objects.exists()


# -- the workflow ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "vi"])
def test_declining_without_a_reason_is_refused_then_accepting_is_public(world, language):
    proposal = world["proposal"]
    client = _client(world["ministry_user"], language=language)
    response = client.post(f"/proposals/{proposal.pk}/move/", {"to": "declined", "reason": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-error-for="reason"' in page
    assert _message(
        language, "Declining needs a reason: the proposer and the public are told."
    ) in (page)
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED
    response = client.post(
        f"/proposals/{proposal.pk}/move/",
        {"to": "accepted", "reason": "Bộ sẽ xây dựng đề án học bổng."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED
    public = _page(_client(), proposal)
    assert "Bộ sẽ xây dựng đề án học bổng." in public
    assert "Bộ Khoa học và Công nghệ" in public  # the body acted, not a named official
    assert "bo@example.org" not in public


def test_an_official_may_sign_with_their_name(world):
    proposal = world["proposal"]
    client = _client(world["ministry_user"])
    client.post(
        f"/proposals/{proposal.pk}/answer/",
        {"text": "Chúng tôi đang nghiên cứu.", "sign": "on", "signed_name": "TS. Lê Văn Ký"},
    )
    assert "TS. Lê Văn Ký" in _page(_client(), proposal)


def test_an_official_of_another_body_gets_403_for_every_post(world):
    proposal = world["proposal"]
    make_outcome_target = make_assigned(world["author"], world["ministry"], user=world["admin"])
    services.move(
        make_outcome_target, to="accepted", user=world["ministry_user"], body=world["ministry"]
    )
    outcome = services.outcome_add(
        make_outcome_target,
        kind="project",
        title="Dự án",
        user=world["ministry_user"],
        body=world["ministry"],
    )
    client = _client(world["other_user"])
    posts = {
        f"/proposals/{proposal.pk}/move/": {"to": "accepted", "reason": "Đồng ý."},
        f"/proposals/{proposal.pk}/answer/": {"text": "Trả lời."},
        f"/proposals/{make_outcome_target.pk}/outcomes/": {
            "kind": "project",
            "title": "Dự án khác",
            "progress": "10",
        },
        f"/proposals/{make_outcome_target.pk}/outcomes/{outcome.pk}/": {"progress": "90"},
        f"/proposals/{proposal.pk}/assign/": {"body": world["ministry"].pk},
        f"/proposals/{proposal.pk}/screen/": {},
        f"/proposals/{proposal.pk}/merge/": {"into": make_outcome_target.pk},
        f"/proposals/{proposal.pk}/hide/": {"reason": "Không phù hợp."},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED
    assert not proposal.hidden
    outcome.refresh_from_db()
    assert outcome.progress == 0
    assert "move-form" not in _page(client, proposal)


def test_admin_screens_assigns_and_merges(world):
    proposal = make_proposal(world["author"], title="Học bổng bán dẫn cho sinh viên vùng sâu")
    admin = _client(world["admin"])
    assert admin.post(f"/proposals/{proposal.pk}/screen/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.SCREENING
    refused = admin.post(f"/proposals/{proposal.pk}/assign/", {"body": ""})
    assert 'data-error-for="body"' in refused.content.decode()
    admin.post(f"/proposals/{proposal.pk}/assign/", {"body": world["ministry"].pk, "note": "Ok"})
    proposal.refresh_from_db()
    assert proposal.assigned_body == world["ministry"]
    assert "kieubao platform" in _page(_client(), proposal)
    missing = admin.post(f"/proposals/{proposal.pk}/merge/", {"into": 999999})
    assert "There is no proposal with this number." in missing.content.decode()
    admin.post(f"/proposals/{proposal.pk}/merge/", {"into": world["proposal"].pk})
    proposal.refresh_from_db()
    assert proposal.merged_into == world["proposal"]
    assert 'data-testid="merged-into"' in _page(_client(), proposal)


def test_outcome_linked_with_its_progress_bar(world):
    proposal = world["proposal"]
    services.move(proposal, to="accepted", user=world["ministry_user"], body=world["ministry"])
    client = _client(world["ministry_user"])
    refused = client.post(
        f"/proposals/{proposal.pk}/outcomes/",
        {"kind": "engagement", "title": "Kết nối chuyên gia", "progress": "10"},
    )
    assert "Choose the engagement of the knowledge network." in refused.content.decode()
    client.post(
        f"/proposals/{proposal.pk}/outcomes/",
        {"kind": "policy", "title": "Thông tư học bổng", "progress": "30"},
    )
    outcome = Outcome.objects.get(proposal=proposal)
    bad = client.post(f"/proposals/{proposal.pk}/outcomes/{outcome.pk}/", {"progress": "140"})
    assert "Give the progress as a whole number from 0 to 100." in bad.content.decode()
    client.post(f"/proposals/{proposal.pk}/outcomes/{outcome.pk}/", {"progress": "60"})
    page = _page(_client(), proposal)
    assert '<progress value="60" max="100">' in page
    assert "Thông tư học bổng" in page


# -- comments and moderation ----------------------------------------------------------------------


def test_threaded_comments_reports_and_moderation(world):
    proposal = world["proposal"]
    member = _client(world["second_user"])
    member.post(f"/proposals/{proposal.pk}/comments/", {"text": "Ý tưởng rất hay."})
    top = Comment.objects.get(text="Ý tưởng rất hay.")
    member.post(f"/proposals/{proposal.pk}/comments/", {"text": "Quảng cáo!", "parent": top.pk})
    reply = Comment.objects.get(text="Quảng cáo!")
    assert reply.parent == top
    empty = member.post(f"/proposals/{proposal.pk}/comments/", {"text": ""})
    assert 'data-error-for="text"' in empty.content.decode()
    _client(world["author_user"]).post(
        f"/proposals/{proposal.pk}/report/", {"reason": "Spam.", "comment": reply.pk}
    )
    report = AbuseReport.objects.get()
    assert report.comment == reply
    admin = _client(world["admin"])
    assert "Spam." in admin.get("/proposals/moderation/").content.decode()
    assert _client(world["second_user"]).get("/proposals/moderation/").status_code == 403
    refused = admin.post(
        f"/proposals/moderation/{report.pk}/", {"action": "hide", "reason": ""}, follow=True
    )
    assert "This field is required." in refused.content.decode()
    admin.post(f"/proposals/moderation/{report.pk}/", {"action": "hide", "reason": "Quảng cáo."})
    report.refresh_from_db()
    assert report.status == AbuseStatus.HIDDEN
    moderator_view = _page(admin, proposal)
    assert "Hidden by a moderator: Quảng cáo." in moderator_view
    public = _page(_client(), proposal)
    assert "Quảng cáo!" not in public
    assert "A comment hidden by a moderator." in public
    assert "Ý tưởng rất hay." in public


def test_moderator_hides_a_proposal_with_a_reason(world):
    proposal = world["proposal"]
    admin = _client(world["admin"])
    refused = admin.post(f"/proposals/{proposal.pk}/hide/", {"reason": ""})
    assert 'data-error-for="reason"' in refused.content.decode()
    admin.post(f"/proposals/{proposal.pk}/hide/", {"reason": "Trùng lặp nội dung."})
    assert _client().get(f"/proposals/{proposal.pk}/").status_code == 404
    assert "Hidden by a moderator: Trùng lặp nội dung." in _page(admin, proposal)
    assert 'data-testid="hidden-notice"' in _page(_client(world["author_user"]), proposal)
    report = AbuseReport.objects.create(proposal=proposal, reason="x", reporter=world["admin"])
    admin.post(f"/proposals/moderation/{report.pk}/", {"action": "dismiss"})
    report.refresh_from_db()
    assert report.status == AbuseStatus.DISMISSED
