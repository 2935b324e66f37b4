"""The proposals' services, rules, selectors and emails: submission (safe text, attachments),
endorsements, threaded comments, abuse and moderation, the workflow with its public timeline,
merging, public answers, outcomes, similar titles, the agencies' queues and the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from kieubao.community import services as community
from kieubao.community.models import OrganisationKind
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_user
from kieubao.community.tests.factories import (
    make_ministry,
    make_official,
    make_person,
    make_user,
    province_body,
)
from kieubao.proposals import rules, selectors, services
from kieubao.proposals.models import (
    AbuseStatus,
    Endorsement,
    EntryKind,
    Proposal,
    Status,
    TimelineEntry,
)

from .factories import make_assigned, make_proposal

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TEXT = "<p>Lập quỹ học bổng cho sinh viên ngành bán dẫn, do kỹ sư kiều bào hướng dẫn.</p>"
ANONYMOUS = Viewer()


def _messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict[field]


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def people():
    ministry = make_ministry("Bộ Khoa học và Công nghệ")
    province = province_body("Hải Phòng")
    return {
        "proposer": make_person(user=make_user("proposer@example.org"), full_name="Nguyễn Đề Xuất"),
        "endorser": make_person(user=make_user("endorser@example.org", language="en")),
        "other": make_person(user=make_user("other@example.org")),
        "ministry": ministry,
        "province": province,
        "ministry_official": make_official(ministry, "bo@example.org"),
        "province_official": make_official(province, "tinh@example.org"),
        "admin": make_user("admin@example.org", is_staff=True, is_superuser=True),
    }


# --- submission ----------------------------------------------------------------------------------


def test_submission_keeps_safe_text_and_removes_scripts(people):
    proposal = make_proposal(
        people["proposer"],
        title="Quỹ học bổng bán dẫn",
        body=TEXT
        + "<script>alert(1)</script>"
        + '<img src="x.png" onerror="alert(2)">'
        + '<a href="javascript:alert(3)">bấm</a> <a href="https://example.org">xem</a>',
        fields=["semiconductors", "ai"],
        addressed_to=people["ministry"],
        language="en",
    )
    for unsafe in ("<script", "alert(", "onerror", "javascript:"):
        assert unsafe not in proposal.body, unsafe
    assert "<strong>" not in proposal.body and "quỹ học bổng" in proposal.body
    assert 'href="https://example.org"' in proposal.body and "bấm" in proposal.body
    assert sorted(f.slug for f in proposal.fields.all()) == ["ai", "semiconductors"]
    assert proposal.addressed_to == people["ministry"] and proposal.language == "en"
    assert proposal.status == Status.SUBMITTED
    assert proposal.title_folded == "quy hoc bong ban dan"
    entry = proposal.timeline.get()
    assert (entry.kind, entry.to_status) == (EntryKind.SUBMITTED, Status.SUBMITTED)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"title": "Ngắn"}, "title", "at least 10 characters"),
        ({"title": "   "}, "title", "This field is required."),
        ({"title": "x" * 201}, "title", "At most 200 characters"),
        (
            {"body": "<script>alert('một đoạn dài hơn ba mươi ký tự')</script>"},
            "body",
            "at least 30",
        ),
        ({"body": ""}, "body", "This field is required."),
        ({"language": "fr"}, "language", "Choose Vietnamese or English."),
        ({"fields": ["ai", "no-such-field"]}, "fields", "Choose fields from the list."),
        ({"title": "Quỹ học bổng\x00 bán dẫn"}, "title", "Null characters are not allowed."),
    ],
)
def test_submission_refusals_name_their_field(people, values, field, message):
    values = {"title": "Quỹ học bổng bán dẫn", "body": TEXT} | values
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(author=people["proposer"], **values)
    assert any(message in m for m in _messages(error, field)), error.value.message_dict
    assert not Proposal.objects.exists()


def test_proposal_is_addressed_to_a_homeland_body_or_to_nobody(people):
    association = community.organisation_create(
        name="Hội người Việt", kind=OrganisationKind.ASSOCIATION, country="DE"
    )
    for target in (association, association.pk, 2_147_483_647, "abc"):
        with pytest.raises(ValidationError) as error:
            make_proposal(people["proposer"], addressed_to=target)
        assert _messages(error, "addressed_to") == [
            "Choose a ministry, a province or a diplomatic mission."
        ]
    assert (
        make_proposal(people["proposer"], addressed_to=people["province"].pk).addressed_to
        == (people["province"])
    )
    assert make_proposal(people["proposer"], addressed_to=None).addressed_to is None


def test_attachments_pdf_and_images_up_to_the_limits(people):
    proposal = make_proposal(
        people["proposer"],
        attachments=[
            SimpleUploadedFile("de-an.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("anh.png", PNG, "image/png"),
        ],
    )
    assert [(a.title, a.file_kind) for a in proposal.attachments.all()] == [
        ("de-an.pdf", "pdf"),
        ("anh.png", "png"),
    ]
    with pytest.raises(ValidationError) as error:
        services.attachment_add(
            proposal=proposal, upload=SimpleUploadedFile("ghi-chu.txt", b"hello", "text/plain")
        )
    assert _messages(error, "attachments") == [
        "ghi-chu.txt: This file is not of an accepted type (JPEG, PDF, PNG, WEBP)."
    ]
    big = SimpleUploadedFile(
        "lon.pdf", PDF + b"0" * (services.ATTACHMENT_MAX_BYTES), "application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        services.attachment_add(proposal=proposal, upload=big)
    assert _messages(error, "attachments") == ["lon.pdf: The file is too large (at most 10 MB)."]
    for n in range(3):
        services.attachment_add(
            proposal=proposal, upload=SimpleUploadedFile(f"{n}.pdf", PDF, "application/pdf")
        )
    with pytest.raises(ValidationError) as error:
        services.attachment_add(
            proposal=proposal, upload=SimpleUploadedFile("6.pdf", PDF, "application/pdf")
        )
    assert _messages(error, "attachments") == ["At most 5 attachments."]
    assert proposal.attachments.count() == 5


def test_submission_with_a_bad_attachment_leaves_nothing_behind(people):
    with pytest.raises(ValidationError) as error:
        make_proposal(
            people["proposer"],
            attachments=[SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 10, "application/x")],
        )
    assert "virus.exe" in _messages(error, "attachments")[0]
    with pytest.raises(ValidationError) as error:
        make_proposal(
            people["proposer"],
            attachments=[SimpleUploadedFile(f"{n}.pdf", PDF, "application/pdf") for n in range(6)],
        )
    assert _messages(error, "attachments") == ["At most 5 attachments."]
    assert not Proposal.objects.exists()


# --- endorsements --------------------------------------------------------------------------------


def test_one_endorsement_per_member_not_ones_own(people):
    proposal = make_proposal(people["proposer"])
    services.endorse(proposal=proposal, person=people["endorser"])
    services.endorse(proposal=proposal, person=people["other"])
    assert proposal.endorsement_count == 2
    with pytest.raises(ValidationError) as error:
        services.endorse(proposal=proposal, person=people["endorser"])
    assert _messages(error, "proposal") == ["You have already endorsed this proposal."]
    with pytest.raises(ValidationError) as error:
        services.endorse(proposal=proposal, person=people["proposer"])
    assert _messages(error, "proposal") == ["You cannot endorse your own proposal."]
    services.endorsement_withdraw(proposal=proposal, person=people["endorser"])
    services.endorsement_withdraw(proposal=proposal, person=people["endorser"])  # nothing left
    proposal.refresh_from_db()
    assert proposal.endorsement_count == 1 == proposal.endorsements.count()
    services.endorse(proposal=proposal, person=people["endorser"])  # again, after withdrawing
    assert proposal.endorsement_count == 2


def test_closed_or_hidden_proposals_are_not_endorsed(people):
    closed = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    services.move(
        closed, to=Status.DECLINED, user=people["admin"], body=people["ministry"], reason="Không."
    )
    hidden = make_proposal(people["proposer"])
    services.proposal_hide(hidden, reason="Quảng cáo.", user=people["admin"])
    for proposal in (closed, hidden):
        with pytest.raises(ValidationError) as error:
            services.endorse(proposal=proposal, person=people["endorser"])
        assert _messages(error, "proposal") == ["This proposal can no longer be endorsed."]
        viewer = viewer_for_user(people["endorser"].user)
        assert not rules.can_endorse(viewer, proposal)


# --- comments, abuse, moderation -----------------------------------------------------------------


def test_comments_are_threaded(people):
    proposal = make_proposal(people["proposer"])
    first = services.comment_add(proposal=proposal, author=people["endorser"], text="Đồng ý.")
    reply = services.comment_add(
        proposal=proposal, author=people["proposer"], text="Cảm ơn.", parent=first
    )
    services.comment_add(proposal=proposal, author=people["other"], text="Tôi nữa.", parent=reply)
    second = services.comment_add(proposal=proposal, author=people["other"], text="Ý khác.")
    thread = selectors.comments(ANONYMOUS, proposal)
    assert [c.pk for c in thread] == [first.pk, second.pk]
    assert [c.text for c in thread[0].thread_replies] == ["Cảm ơn."]
    assert [c.text for c in thread[0].thread_replies[0].thread_replies] == ["Tôi nữa."]


def test_reply_to_a_comment_of_another_proposal_is_refused(people):
    proposal = make_proposal(people["proposer"])
    other = make_proposal(people["other"])
    foreign = services.comment_add(proposal=other, author=people["other"], text="Ở chỗ khác.")
    with pytest.raises(ValidationError) as error:
        services.comment_add(
            proposal=proposal, author=people["endorser"], text="Trả lời.", parent=foreign
        )
    assert _messages(error, "parent") == ["You can only reply to a comment on the same proposal."]
    with pytest.raises(ValidationError) as error:
        services.comment_add(proposal=proposal, author=people["endorser"], text=" ")
    assert _messages(error, "text") == ["This field is required."]


def test_abuse_report_then_hiding_with_a_reason(people, django_capture_on_commit_callbacks):
    proposal = make_proposal(people["proposer"])
    comment = services.comment_add(proposal=proposal, author=people["other"], text="Mua ngay!")
    with pytest.raises(ValidationError) as error:
        services.abuse_report(proposal=proposal, reason="", user=people["endorser"].user)
    assert _messages(error, "reason") == ["This field is required."]
    other = make_proposal(people["other"])
    with pytest.raises(ValidationError) as error:
        services.abuse_report(
            proposal=other, comment=comment, reason="Spam.", user=people["endorser"].user
        )
    assert _messages(error, "comment") == ["This comment is not on this proposal."]
    report = services.abuse_report(
        proposal=proposal, comment=comment, reason="Spam.", user=people["endorser"].user
    )
    with pytest.raises(ValidationError) as error:
        services.comment_hide(comment, reason="  ", user=people["admin"])
    assert _messages(error, "reason") == ["This field is required."]
    comment.refresh_from_db()
    assert not comment.hidden
    services.comment_hide(comment, reason="Quảng cáo.", user=people["admin"])
    report.refresh_from_db()
    assert report.status == AbuseStatus.HIDDEN and report.resolved_by == people["admin"]
    public = selectors.comments(ANONYMOUS, proposal)[0]
    assert public.hidden and not public.show_text
    moderator = selectors.comments(viewer_for_user(people["admin"]), proposal)[0]
    assert moderator.show_text and moderator.hidden_reason == "Quảng cáo."
    with pytest.raises(ValidationError) as error:
        services.comment_add(
            proposal=proposal, author=people["endorser"], text="Trả lời.", parent=comment
        )
    assert _messages(error, "parent") == ["This comment was hidden by a moderator."]


def test_hidden_proposal_is_seen_by_its_proposer_and_moderators_only(people):
    proposal = make_proposal(people["proposer"])
    report = services.abuse_report(proposal=proposal, reason="Sai.", user=people["other"].user)
    with pytest.raises(ValidationError):
        services.proposal_hide(proposal, reason="", user=people["admin"])
    services.proposal_hide(proposal, reason="Trùng lặp.", user=people["admin"])
    report.refresh_from_db()
    assert report.status == AbuseStatus.HIDDEN
    proposer = viewer_for_user(people["proposer"].user)
    admin = viewer_for_user(people["admin"])
    for viewer in (ANONYMOUS, viewer_for_user(people["endorser"].user)):
        assert selectors.proposal_get(viewer, proposal.pk) is None
        assert selectors.proposals_list(viewer).total == 0
    for viewer in (proposer, admin):
        assert selectors.proposal_get(viewer, proposal.pk) == proposal
        assert selectors.proposals_list(viewer).total == 1


def test_moderator_dismisses_a_report_once(people):
    proposal = make_proposal(people["proposer"])
    report = services.abuse_report(proposal=proposal, reason="Sai.", user=people["other"].user)
    admin = viewer_for_user(people["admin"])
    assert selectors.abuse_reports(admin) == [report]
    assert selectors.abuse_reports(viewer_for_user(people["other"].user)) == []
    services.abuse_dismiss(report, user=people["admin"])
    assert report.status == AbuseStatus.DISMISSED and report.resolved_at is not None
    with pytest.raises(ValidationError) as error:
        services.abuse_dismiss(report, user=people["admin"])
    assert _messages(error, "status") == ["This report was already dealt with."]
    assert selectors.abuse_reports(admin) == []
    proposal.refresh_from_db()
    assert not proposal.hidden


# --- the workflow --------------------------------------------------------------------------------


def test_screening_then_assignment_to_a_homeland_body(people):
    proposal = make_proposal(people["proposer"])
    services.screen(proposal, user=people["admin"])
    assert proposal.status == Status.SCREENING
    with pytest.raises(ValidationError) as error:
        services.screen(proposal, user=people["admin"])
    assert _messages(error, "status") == ["Only a newly submitted proposal goes to screening."]
    association = community.organisation_create(
        name="Hội người Việt", kind=OrganisationKind.ASSOCIATION, country="DE"
    )
    for body in (association, None):
        with pytest.raises(ValidationError) as error:
            services.assign(proposal, body=body, user=people["admin"])
        assert "body" in error.value.message_dict
    services.assign(proposal, body=people["province"], user=people["admin"], note="Tỉnh lo.")
    assert proposal.status == Status.ASSIGNED and proposal.assigned_body == people["province"]
    assert proposal.assigned_at is not None
    with pytest.raises(ValidationError) as error:
        services.assign(proposal, body=people["province"], user=people["admin"])
    assert _messages(error, "body") == ["It is already assigned to this agency."]
    services.assign(proposal, body=people["ministry"], user=people["admin"])  # rerouted
    assert proposal.assigned_body == people["ministry"]
    entries = list(proposal.timeline.filter(kind=EntryKind.ASSIGNED))
    assert [(e.body, e.by_platform, e.text) for e in entries] == [
        (people["province"], True, "Tỉnh lo."),
        (people["ministry"], True, ""),
    ]
    services.move(proposal, to=Status.ACCEPTED, user=people["admin"], body=people["ministry"])
    with pytest.raises(ValidationError) as error:
        services.assign(proposal, body=people["province"], user=people["admin"])
    assert "status" in error.value.message_dict


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (
            [Status.UNDER_REVIEW, Status.ACCEPTED, Status.IN_IMPLEMENTATION, Status.IMPLEMENTED],
            True,
        ),
        ([Status.ACCEPTED, Status.IMPLEMENTED], True),
        ([Status.UNDER_REVIEW, Status.DECLINED], True),
        ([Status.ACCEPTED, Status.IN_IMPLEMENTATION], False),
    ],
)
def test_the_bodys_moves(people, path, final):
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    for to in path:
        services.move(
            proposal,
            to=to,
            user=people["ministry_official"],
            body=people["ministry"],
            reason="Lý do công khai." if to == Status.DECLINED else "",
        )
        assert proposal.status == to
        assert to in services.BODY_MOVES.get(proposal.timeline.last().from_status, ())
    assert (proposal.closed_at is not None) is final
    steps = list(proposal.timeline.filter(kind=EntryKind.STATUS))
    assert [s.to_status for s in steps] == path
    assert all(s.body == people["ministry"] and not s.by_platform for s in steps)


def test_declining_needs_a_reason(people):
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as error:
            services.move(
                proposal,
                to=Status.DECLINED,
                user=people["ministry_official"],
                body=people["ministry"],
                reason=reason,
            )
        assert _messages(error, "reason") == [
            "Declining needs a reason: the proposer and the public are told."
        ]
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED


@pytest.mark.parametrize("language", ["en", "vi"])
def test_illegal_moves_are_refused_naming_the_statuses(people, language):
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    with translation.override(language), pytest.raises(ValidationError) as error:
        services.move(
            proposal,
            to=Status.IMPLEMENTED,
            user=people["ministry_official"],
            body=people["ministry"],
        )
    with translation.override(language):
        now, to = str(Status.ASSIGNED.label), str(Status.IMPLEMENTED.label)
    [message] = _messages(error, "to")
    assert now in message and to in message
    for status in (Status.SUBMITTED, Status.MERGED, "nowhere"):
        with pytest.raises(ValidationError) as error:
            services.move(proposal, to=status, user=people["admin"], body=None)
        assert "to" in error.value.message_dict


def test_first_answer_is_the_first_step_of_the_body(people):
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    assert proposal.first_answer_at is None
    services.move(
        proposal, to=Status.UNDER_REVIEW, user=people["ministry_official"], body=people["ministry"]
    )
    first = proposal.first_answer_at
    assert first is not None
    services.move(
        proposal, to=Status.ACCEPTED, user=people["ministry_official"], body=people["ministry"]
    )
    assert proposal.first_answer_at == first


def test_a_public_answer_counts_as_the_first_answer(people):
    submitted = make_proposal(people["proposer"])
    with pytest.raises(ValidationError) as error:
        services.answer(submitted, text="Sớm quá.", user=people["admin"], body=None)
    assert _messages(error, "text") == ["The proposal has not been assigned to an agency yet."]
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    with pytest.raises(ValidationError) as error:
        services.answer(proposal, text=" ", user=people["admin"], body=people["ministry"])
    assert _messages(error, "text") == ["This field is required."]
    entry = services.answer(
        proposal,
        text="Bộ đang nghiên cứu.",
        user=people["ministry_official"],
        body=people["ministry"],
        signed_name="TS. Nguyễn An",
    )
    assert (entry.kind, entry.body, entry.signed_name) == (
        EntryKind.ANSWER,
        people["ministry"],
        "TS. Nguyễn An",
    )
    assert entry.actor == people["ministry_official"]  # recorded, never shown
    first = proposal.first_answer_at
    assert first is not None
    services.answer(
        proposal, text="Thêm.", user=people["ministry_official"], body=people["ministry"]
    )
    proposal.refresh_from_db()
    assert proposal.first_answer_at == first
    assert not selectors.is_overdue(proposal)


def test_timeline_names_the_body_or_the_platform(people):
    proposal = make_proposal(people["proposer"])
    services.screen(proposal, user=people["admin"])
    services.assign(proposal, body=people["ministry"], user=people["admin"])
    services.move(
        proposal,
        to=Status.ACCEPTED,
        user=people["ministry_official"],
        body=people["ministry"],
        reason="Phù hợp chiến lược.",
        signed_name="Vụ trưởng Lê Bình",
    )
    entries = selectors.timeline(proposal)
    assert [(e.kind, e.to_status, e.by_platform) for e in entries] == [
        (EntryKind.SUBMITTED, Status.SUBMITTED, False),
        (EntryKind.STATUS, Status.SCREENING, True),
        (EntryKind.ASSIGNED, Status.ASSIGNED, True),
        (EntryKind.STATUS, Status.ACCEPTED, False),
    ]
    last = entries[-1]
    assert last.body == people["ministry"] and last.signed_name == "Vụ trưởng Lê Bình"
    assert last.text == "Phù hợp chiến lược." and last.from_status == Status.ASSIGNED
    unsigned = services.move(
        proposal, to=Status.IN_IMPLEMENTATION, user=people["ministry_official"], body=None
    )
    assert unsigned.timeline.last().signed_name == "" and unsigned.timeline.last().by_platform


def test_merge_carries_endorsers_over_once(people):
    into = make_proposal(people["other"], title="Quỹ học bổng bán dẫn chung")
    proposal = make_proposal(people["proposer"])
    third = make_person()
    services.endorse(proposal=proposal, person=people["endorser"])
    services.endorse(proposal=proposal, person=third)
    services.endorse(proposal=proposal, person=people["other"])  # the author of ``into``
    services.endorse(proposal=into, person=people["endorser"])  # already there
    with pytest.raises(ValidationError) as error:
        services.merge(proposal, into=proposal, user=people["admin"])
    assert _messages(error, "into") == ["A proposal cannot be merged into itself."]
    services.merge(proposal, into=into, user=people["admin"], note="Cùng ý tưởng.")
    proposal.refresh_from_db()
    into.refresh_from_db()
    assert proposal.status == Status.MERGED and proposal.merged_into == into
    assert proposal.closed_at is not None
    endorsers = set(into.endorsements.values_list("person_id", flat=True))
    assert endorsers == {people["endorser"].pk, third.pk}
    assert into.endorsement_count == 2
    assert Endorsement.objects.filter(proposal=into, person=people["endorser"]).count() == 1
    entry = proposal.timeline.last()
    assert (entry.kind, entry.by_platform, entry.text) == (EntryKind.MERGED, True, "Cùng ý tưởng.")
    other = make_proposal(people["endorser"])
    with pytest.raises(ValidationError) as error:
        services.merge(other, into=proposal, user=people["admin"])
    assert _messages(error, "into") == [
        "That proposal was itself merged; merge into the one it joined."
    ]
    with pytest.raises(ValidationError) as error:
        services.merge(proposal, into=other, user=people["admin"])
    assert _messages(error, "status") == ["This proposal is closed."]


# --- outcomes ------------------------------------------------------------------------------------


def _accepted(people):
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    return services.move(
        proposal, to=Status.ACCEPTED, user=people["ministry_official"], body=people["ministry"]
    )


def test_outcomes_only_for_accepted_proposals(people):
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    with pytest.raises(ValidationError) as error:
        services.outcome_add(
            proposal, kind="project", title="Dự án", user=people["admin"], body=None
        )
    assert _messages(error, "kind") == ["Outcomes are linked to accepted proposals."]
    services.move(
        proposal, to=Status.ACCEPTED, user=people["ministry_official"], body=people["ministry"]
    )
    outcome = services.outcome_add(
        proposal,
        kind="policy",
        title="Nghị định học bổng",
        link="https://chinhphu.example/nd",
        progress="25",
        user=people["ministry_official"],
        body=people["ministry"],
    )
    assert (outcome.kind, outcome.progress) == ("policy", 25)
    entry = proposal.timeline.last()
    assert entry.kind == EntryKind.OUTCOME and entry.body == people["ministry"]
    assert "Nghị định học bổng" in entry.text and "25%" in entry.text


@pytest.mark.parametrize("progress", [-1, 101, "nhiều", None, "50.5"])
def test_progress_is_a_percentage(people, progress):
    proposal = _accepted(people)
    with pytest.raises(ValidationError) as error:
        services.outcome_add(
            proposal, kind="project", title="Dự án", progress=progress, user=None, body=None
        )
    assert _messages(error, "progress") == ["Give the progress as a whole number from 0 to 100."]
    outcome = services.outcome_add(proposal, kind="project", title="Dự án", user=None, body=None)
    with pytest.raises(ValidationError):
        services.outcome_progress(outcome, progress=progress, user=None, body=None)


def test_outcome_of_the_engagement_kind_names_its_engagement(people):
    from kieubao.knowledge import services as knowledge

    proposal = _accepted(people)
    with pytest.raises(ValidationError) as error:
        services.outcome_add(proposal, kind="engagement", title="Hợp tác", user=None, body=None)
    assert _messages(error, "engagement") == ["Choose the engagement of the knowledge network."]
    with pytest.raises(ValidationError) as error:
        services.outcome_add(proposal, kind="award", title="Giải", user=None, body=None)
    assert _messages(error, "kind") == ["Choose one of the kinds."]
    with pytest.raises(ValidationError) as error:
        services.outcome_add(
            proposal,
            kind="project",
            title="Dự án",
            link="javascript:alert(1)",
            user=None,
            body=None,
        )
    assert _messages(error, "link") == ["Enter a web address starting with https://"]
    expert = make_person(user=make_user(), contact=True)
    need = knowledge.need_create(
        owner=people["ministry"],
        created_by=people["ministry_official"],
        title="Tư vấn học bổng",
        description="Cần chuyên gia.",
        kind="advice",
    )
    knowledge.need_publish(need=need)
    invitation = knowledge.invitation_create(
        need=need, expert=expert, invited_by=people["ministry_official"]
    )
    engagement = knowledge.invitation_accept(invitation=invitation)
    outcome = services.outcome_add(
        proposal,
        kind="engagement",
        title="Chuyên gia tư vấn",
        engagement=engagement,
        user=people["ministry_official"],
        body=people["ministry"],
    )
    assert outcome.engagement == engagement
    other = services.outcome_add(
        proposal, kind="project", title="Dự án", engagement=engagement, user=None, body=None
    )
    assert other.engagement is None  # only the engagement kind names one


def test_progress_updates_are_public_steps(people):
    proposal = _accepted(people)
    outcome = services.outcome_add(
        proposal, kind="project", title="Trung tâm", user=None, body=people["ministry"]
    )
    before = proposal.timeline.count()
    services.outcome_progress(outcome, progress=60, user=None, body=people["ministry"])
    services.outcome_progress(outcome, progress="60", user=None, body=people["ministry"])
    outcome.refresh_from_db()
    assert outcome.progress == 60
    assert proposal.timeline.count() == before + 1  # the same progress twice: one step
    assert proposal.timeline.last().text == "Trung tâm: 60%"


# --- rules ---------------------------------------------------------------------------------------


def test_who_sees_an_anonymous_proposer(people):
    proposal = make_assigned(
        people["proposer"], people["ministry"], user=people["admin"], anonymous=True
    )
    sees = {
        "anonymous": ANONYMOUS,
        "endorser": viewer_for_user(people["endorser"].user),
        "province_official": viewer_for_user(people["province_official"]),
        "proposer": viewer_for_user(people["proposer"].user),
        "ministry_official": viewer_for_user(people["ministry_official"]),
        "admin": viewer_for_user(people["admin"]),
    }
    assert {name for name, v in sees.items() if rules.can_see_author(v, proposal)} == {
        "proposer",
        "ministry_official",
        "admin",
    }
    assert {name for name, v in sees.items() if rules.can_handle(v, proposal)} == {
        "ministry_official",
        "admin",
    }
    assert {name for name, v in sees.items() if rules.can_screen(v)} == {"admin"}
    public = make_proposal(people["proposer"])
    assert rules.can_see_author(ANONYMOUS, public)


# --- similar titles ------------------------------------------------------------------------------


def test_similar_titles_are_folded_and_ignore_common_words(people):
    scholarship = make_proposal(people["proposer"], title="Học bổng cho sinh viên bán dẫn")
    make_proposal(people["other"], title="Trung tâm đổi mới sáng tạo")
    found = selectors.similar(ANONYMOUS, "hoc bong")
    assert [s.proposal for s in found] == [scholarship]
    assert found[0].shared == 2
    assert [s.proposal for s in selectors.similar(ANONYMOUS, "HỌC BỔNG sinh viên")] == [scholarship]
    assert selectors.similar(ANONYMOUS, "và của cho những người Việt Nam") == []
    assert selectors.similar(ANONYMOUS, "") == []
    # Three words or more: one word in common is not enough.
    assert selectors.similar(ANONYMOUS, "học thuật hàng không quốc gia") == []
    assert selectors.similar(ANONYMOUS, "hoc bong", exclude=scholarship.pk) == []


def test_similar_leaves_out_merged_and_hidden_proposals(people):
    kept = make_proposal(people["proposer"], title="Học bổng cho sinh viên bán dẫn")
    merged = make_proposal(people["other"], title="Học bổng bán dẫn cho sinh viên nghèo")
    hidden = make_proposal(people["other"], title="Học bổng bán dẫn miễn phí")
    services.merge(merged, into=kept, user=people["admin"])
    services.proposal_hide(hidden, reason="Spam.", user=people["admin"])
    for viewer in (ANONYMOUS, viewer_for_user(people["admin"])):
        assert [s.proposal for s in selectors.similar(viewer, "học bổng bán dẫn")] == [kept]


def test_more_endorsed_first_among_equally_similar(people):
    quiet = make_proposal(people["proposer"], title="Học bổng bán dẫn A")
    popular = make_proposal(people["other"], title="Học bổng bán dẫn B")
    services.endorse(proposal=popular, person=people["endorser"])
    assert [s.proposal for s in selectors.similar(ANONYMOUS, "học bổng bán dẫn")] == [
        popular,
        quiet,
    ]


def test_list_search_filters_and_orders(people):
    first = make_proposal(people["proposer"], title="Học bổng bán dẫn", fields=["semiconductors"])
    second = make_assigned(people["other"], people["ministry"], title="Đổi mới sáng tạo AI")
    services.endorse(proposal=first, person=people["endorser"])
    assert selectors.proposals_list(ANONYMOUS, text="ĐỔI moi").items == [second]
    assert selectors.proposals_list(ANONYMOUS, field_slug="semiconductors").items == [first]
    assert selectors.proposals_list(ANONYMOUS, body=people["ministry"].pk).items == [second]
    assert selectors.proposals_list(ANONYMOUS, status=Status.ASSIGNED).items == [second]
    assert selectors.proposals_list(ANONYMOUS).items == [second, first]
    assert selectors.proposals_list(ANONYMOUS, order="endorsed").items == [first, second]
    endorser = viewer_for_user(people["endorser"].user)
    assert selectors.proposals_list(endorser, endorsed=True).items == [first]
    assert selectors.proposals_list(viewer_for_user(people["other"].user), mine=True).items == [
        second
    ]
    assert selectors.proposals_list(ANONYMOUS, mine=True).total == 0
    assert selectors.proposals_list(ANONYMOUS, text="a\x00b").total == 0
    page = selectors.proposals_list(ANONYMOUS, per_page=1, page=2)
    assert page.items == [first] and page.pages == 2


# --- agencies: queues and overdue proposals ------------------------------------------------------


def _assigned_days_ago(proposal, days: int) -> None:
    at = timezone.now() - timedelta(days=days)
    Proposal.objects.filter(pk=proposal.pk).update(assigned_at=at)
    proposal.refresh_from_db()


def test_overdue_after_thirty_days_without_an_answer(people):
    late = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    fresh = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    answered = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    _assigned_days_ago(late, 31)
    _assigned_days_ago(fresh, 29)
    _assigned_days_ago(answered, 40)
    services.answer(answered, text="Đã nhận.", user=None, body=people["ministry"])
    assert [selectors.is_overdue(p) for p in (late, fresh, answered)] == [True, False, False]
    assert list(selectors.overdue()) == [late]
    queue = selectors.agency_queue(people["ministry"].pk)
    assert queue[0] == late and queue[0].overdue
    assert {p.pk for p in queue} == {late.pk, fresh.pk, answered.pk}
    assert selectors.agency_queue(people["province"].pk) == []


# --- the dashboard -------------------------------------------------------------------------------


def test_dashboard_figures(people):
    ministry, province = people["ministry"], people["province"]
    answered_fast = make_assigned(people["proposer"], ministry, fields=["ai"])
    answered_slow = make_assigned(people["proposer"], ministry, fields=["ai", "semiconductors"])
    implemented = make_assigned(people["other"], province, fields=["semiconductors"])
    overdue = make_assigned(people["other"], province)
    make_proposal(people["other"])  # not assigned yet
    hidden = make_assigned(people["other"], province)
    services.proposal_hide(hidden, reason="Spam.", user=people["admin"])
    merged = make_proposal(people["other"])
    services.merge(merged, into=answered_fast, user=people["admin"])
    now = timezone.now()
    for proposal, assigned, answered in (
        (answered_fast, 10, 8),  # 2 days to answer
        (answered_slow, 20, 10),  # 10 days
        (implemented, 30, 26),  # 4 days
        (overdue, 45, None),
    ):
        Proposal.objects.filter(pk=proposal.pk).update(
            assigned_at=now - timedelta(days=assigned),
            first_answer_at=None if answered is None else now - timedelta(days=answered),
        )
    for to in (Status.ACCEPTED, Status.IMPLEMENTED):
        Proposal.objects.filter(pk=implemented.pk).update(status=to)
    Proposal.objects.filter(pk=answered_fast.pk).update(status=Status.ACCEPTED)
    Proposal.objects.filter(pk=answered_slow.pk).update(status=Status.DECLINED)
    figures = selectors.dashboard(language="en")
    assert figures.total == 5  # hidden and merged left out
    assert figures.assigned == 4 and figures.answered == 3
    assert figures.share_answered == pytest.approx(3 / 4)
    assert figures.median_days_to_answer == pytest.approx(4.0, abs=0.05)
    assert figures.accepted == 2 and figures.implemented == 1
    assert figures.share_implemented == pytest.approx(0.5)
    assert figures.overdue == 1
    assert figures.by_status == {
        Status.SUBMITTED: 1,
        Status.ASSIGNED: 1,
        Status.ACCEPTED: 1,
        Status.DECLINED: 1,
        Status.IMPLEMENTED: 1,
    }
    assert dict(figures.by_field) == {"Artificial intelligence": 2, "Semiconductors": 2}
    assert dict(selectors.dashboard(language="vi").by_field) == {
        "Trí tuệ nhân tạo": 2,
        "Bán dẫn": 2,
    }
    rows = {row["body"]: row for row in figures.by_agency}
    assert rows[ministry]["total"] == 2 and rows[ministry]["share_answered"] == 1.0
    assert rows[ministry]["median_days"] == pytest.approx(6.0, abs=0.05)
    assert rows[province]["total"] == 2 and rows[province]["answered"] == 1
    assert rows[province]["implemented"] == 1 and rows[province]["overdue"] == 1


def test_empty_dashboard_has_no_shares():
    figures = selectors.dashboard()
    assert figures.total == 0 and figures.share_answered is None
    assert figures.median_days_to_answer is None and figures.share_implemented is None


# --- emails --------------------------------------------------------------------------------------


def test_proposer_and_endorsers_hear_of_each_change_in_their_language(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    people["proposer"].user.language = "vi"
    people["proposer"].user.save()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = make_proposal(people["proposer"])
    assert [m.to for m in mailoutbox] == [["proposer@example.org"]]  # submitted: the proposer
    services.endorse(proposal=proposal, person=people["endorser"])  # reads English
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(proposal, body=people["ministry"], user=people["admin"])
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"proposer@example.org", "endorser@example.org", "bo@example.org"}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(
            proposal,
            to=Status.DECLINED,
            user=people["ministry_official"],
            body=people["ministry"],
            reason="Đã có chương trình tương tự.",
        )
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"proposer@example.org", "endorser@example.org"}
    for address, language in (("proposer@example.org", "vi"), ("endorser@example.org", "en")):
        with translation.override(language):
            label = str(Status.DECLINED.label)
        mail = by_address[address]
        assert label in mail.subject and label in mail.body, (language, mail.subject)
        assert "Đã có chương trình tương tự." in mail.body
        assert f"/{proposal.pk}" in mail.body
    assert "province" not in " ".join(m.to[0] for m in mailoutbox)


def test_answers_and_outcomes_reach_the_followers(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = _accepted(people)
    services.endorse(proposal=proposal, person=people["endorser"])
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(proposal, text="Cảm ơn.", user=None, body=people["ministry"])
        services.outcome_add(proposal, kind="project", title="Dự án", user=None, body=None)
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted(["proposer@example.org", "endorser@example.org"] * 2)


def test_moderators_hear_of_abuse(people, mailoutbox, django_capture_on_commit_callbacks):
    proposal = make_proposal(people["proposer"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.abuse_report(proposal=proposal, reason="Spam.", user=people["other"].user)
    assert [m.to for m in mailoutbox] == [["admin@example.org"]]
    assert f"/{proposal.pk}" in mailoutbox[0].body


def test_nobody_is_told_before_the_change_is_committed(people, mailoutbox):
    make_proposal(people["proposer"])
    assert mailoutbox == []  # on commit: a failed transaction sends nothing
    assert TimelineEntry.objects.count() == 1


def test_the_bodys_first_step_is_its_first_answer_even_after_a_platform_step(people):
    # A platform admin took it under review for the agency; the agency's own acceptance is
    # still its first answer (the dashboard counts it as answered).
    proposal = make_assigned(people["proposer"], people["ministry"], user=people["admin"])
    services.move(proposal, to=Status.UNDER_REVIEW, user=people["admin"], body=None)
    assert proposal.first_answer_at is None  # the platform is not the agency
    services.move(
        proposal, to=Status.ACCEPTED, user=people["ministry_official"], body=people["ministry"]
    )
    assert proposal.first_answer_at is not None
    assert selectors.dashboard().answered == 1
