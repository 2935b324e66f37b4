"""The knowledge network's services: validation (translated messages keyed by field), the
states of needs, invitations and engagements, and who is told by e-mail, in which language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from kieubao.community import services as community
from kieubao.community.models import OrganisationKind
from kieubao.community.tests.factories import make_person, make_user
from kieubao.knowledge import services
from kieubao.knowledge.models import (
    Engagement,
    EngagementStatus,
    ExpertProfile,
    Invitation,
    InvitationStatus,
    NeedStatus,
)

pytestmark = pytest.mark.django_db

NO_FIELD_NOR_DESCRIPTION = (
    "Choose at least one field of expertise or describe what you need: "
    "without either, no expert can be found for it."
)
NO_CONSENT = (
    "This person has not consented (or has withdrawn consent) to be contacted through the "
    "platform: they cannot be invited."
)


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return error.value.message_dict


@pytest.fixture
def body():
    return community.organisation_create(
        name="UBND thành phố Hải Phòng",
        name_en="Hai Phong People's Committee",
        kind=OrganisationKind.PROVINCE,
        country="VN",
        province_code=31,
    )


@pytest.fixture
def official(body):
    user = make_user("official@example.org", language="en")
    community.official_appoint(user=user, body=body)
    return user


@pytest.fixture
def expert():
    user = make_user("expert@example.org", language="vi")
    return make_person(user=user, full_name="Hoàng Thị Đào", contact=True)


@pytest.fixture
def need(body, official):
    need = services.need_create(
        owner=body,
        created_by=official,
        title="Tư vấn thiết kế vi mạch",
        description="Cần chuyên gia bán dẫn.",
        fields=["semiconductors"],
        kind="advice",
    )
    return services.need_publish(need=need)


@pytest.fixture
def invitation(need, expert, official, index_now):
    with index_now():
        invitation = services.invitation_create(
            need=need, expert=expert, invited_by=official, message="Mời chị tham gia."
        )
    mail.outbox.clear()
    return invitation


# -- needs ----------------------------------------------------------------------------------------


def test_a_need_without_field_or_description_is_refused_with_a_clear_message(body):
    with pytest.raises(ValidationError) as error:
        services.need_create(owner=body, title="Cần giúp", kind="advice")
    assert _messages(error) == {"fields": [NO_FIELD_NOR_DESCRIPTION]}


def test_the_message_is_in_the_callers_language(body):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.need_create(owner=body, title="Cần giúp", kind="advice")
    with translation.override("vi"):
        expected = gettext(NO_FIELD_NOR_DESCRIPTION)
    assert _messages(error) == {"fields": [expected]}


def test_a_field_or_a_description_is_enough(body):
    assert services.need_create(owner=body, title="A", kind="advice", fields=["ai"]).pk
    assert services.need_create(owner=body, title="B", kind="advice", description="Help").pk


def test_every_invalid_attribute_is_reported_at_once(body):
    with pytest.raises(ValidationError) as error:
        services.need_create(
            owner=body,
            title="  ",
            description="x",
            kind="gossip",
            mode="teleport",
            starts_on=date(2030, 5, 1),
            ends_on=date(2030, 4, 1),
            experts_wanted=99,
        )
    assert set(_messages(error)) == {"title", "kind", "mode", "ends_on", "experts_wanted"}


def test_unknown_fields_of_expertise_are_named(body):
    with pytest.raises(ValidationError) as error:
        services.need_create(owner=body, title="A", kind="advice", fields=["ai", "alchemy"])
    assert _messages(error) == {"fields": ["Unknown field of expertise: alchemy."]}


def test_only_homeland_bodies_universities_and_businesses_post_needs():
    association = community.organisation_create(
        name="Hội người Việt", kind=OrganisationKind.ASSOCIATION, country="DE"
    )
    with pytest.raises(ValidationError) as error:
        services.need_create(owner=association, title="A", description="B", kind="advice")
    assert set(_messages(error)) == {"owner"}


def test_text_with_nul_is_refused(body):
    with pytest.raises(ValidationError) as error:
        services.need_create(owner=body, title="a\x00b", description="c", kind="advice")
    assert set(_messages(error)) == {"title"}


def test_language_and_toneless_text_are_derived(body):
    vi = services.need_create(owner=body, title="Đào tạo", description="Bán dẫn", kind="training")
    en = services.need_create(owner=body, title="Training", description="Chips", kind="training")
    assert (vi.language, en.language) == ("vi", "en")
    assert "dao tao" in vi.text_folded
    vi = services.need_update(need=vi, title="Training", description="On chips")
    assert vi.language == "en"


def test_a_need_is_a_draft_until_published(body):
    need = services.need_create(owner=body, title="A", description="B", kind="advice")
    assert need.status == NeedStatus.DRAFT and need.published_at is None
    services.need_publish(need=need)
    need.refresh_from_db()
    assert need.status == NeedStatus.PUBLISHED and need.published_at is not None
    published_at = need.published_at
    services.need_publish(need=need)  # again: nothing changes
    assert need.published_at == published_at


def test_a_need_whose_deadline_passed_cannot_be_published(body):
    need = services.need_create(
        owner=body,
        title="A",
        description="B",
        kind="advice",
        deadline=date.today() - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        services.need_publish(need=need)
    assert set(_messages(error)) == {"deadline"}


def test_a_closed_need_cannot_be_published_or_changed(need):
    services.need_close(need=need, reason="Đã đủ người")
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
    assert need.closed_reason == "Đã đủ người" and need.closed_at is not None
    with pytest.raises(ValidationError):
        services.need_publish(need=need)
    with pytest.raises(ValidationError) as error:
        services.need_update(need=need, title="New title")
    assert error.value.messages == ["A closed need cannot be changed."]
    assert services.need_close(need=need).status == NeedStatus.CLOSED  # again: nothing changes


def test_a_reason_for_closing_with_nul_is_refused(need):
    # PostgreSQL text cannot hold NUL (found by the API fuzzer).
    with pytest.raises(ValidationError) as error:
        services.need_close(need=need, reason="a\x00b")
    assert set(_messages(error)) == {"reason"}
    need.refresh_from_db()
    assert need.status == NeedStatus.PUBLISHED


def test_closing_a_need_withdraws_pending_invitations_and_tells_the_experts(
    need, invitation, official, index_now
):
    other = make_person(user=make_user(language="en"), contact=True)
    with index_now():
        accepted = services.invitation_create(need=need, expert=other, invited_by=official)
        services.invitation_accept(invitation=accepted)
    mail.outbox.clear()
    with index_now():
        services.need_close(need=need)
    invitation.refresh_from_db()
    accepted.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    assert accepted.status == InvitationStatus.ACCEPTED
    assert accepted.engagement.status == EngagementStatus.ACTIVE  # engagements go on
    assert [m.to for m in mail.outbox] == [["expert@example.org"]]


# -- expert profiles ------------------------------------------------------------------------------


def test_expert_profile_is_validated(expert):
    with pytest.raises(ValidationError) as error:
        services.expert_profile_save(
            person=expert, engagement_kinds=["gossip"], work_modes=["teleport"], max_load=21
        )
    assert set(_messages(error)) == {"engagement_kinds", "work_modes", "max_load"}
    assert not ExpertProfile.objects.exists()


def test_expert_profile_and_works(expert):
    profile = services.expert_profile_save(
        person=expert,
        position="Professor",
        keywords="semiconductors, chip design",
        engagement_kinds=["advice", "review"],
        work_modes=["remote"],
        max_load=3,
    )
    assert profile.keyword_list == ["semiconductors", "chip design"]
    work = services.work_add(profile=profile, title="A paper", year=2020, link="https://x.org")
    assert list(profile.works.all()) == [work]
    with pytest.raises(ValidationError) as error:
        services.work_add(profile=profile, title="B", link="not a link")
    assert set(_messages(error)) == {"link"}
    services.work_remove(work=work)
    assert not profile.works.exists()


# -- invitations ----------------------------------------------------------------------------------


def test_inviting_tells_the_expert_in_their_language(need, expert, official, index_now):
    with index_now():
        invitation = services.invitation_create(need=need, expert=expert, invited_by=official)
    assert invitation.status == InvitationStatus.PENDING
    [message] = mail.outbox
    assert message.to == ["expert@example.org"]
    # The expert reads Vietnamese: the body is named in Vietnamese, whatever the inviter reads.
    assert "UBND thành phố Hải Phòng" in message.body
    assert "Hai Phong People's Committee" not in message.body
    with translation.override("vi"):
        assert message.subject == gettext("Invitation: %(title)s") % {"title": need.title}


def test_an_english_reader_is_written_to_in_english(need, official, index_now):
    reader = make_person(user=make_user("reader@example.org", language="en"), contact=True)
    with index_now():
        services.invitation_create(
            need=need, expert=reader, invited_by=official, message="R&D <chips>"
        )
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    # Plain text: nothing HTML-escaped.
    assert "Hai Phong People's Committee invites you" in message.body
    assert "R&D <chips>" in message.body


def test_no_mail_before_the_transaction_commits(
    need, expert, official, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invitation_create(need=need, expert=expert, invited_by=official)
    assert mail.outbox == [] and len(callbacks) == 1


def test_only_published_needs_take_invitations(body, expert):
    draft = services.need_create(owner=body, title="A", description="B", kind="advice")
    with pytest.raises(ValidationError) as error:
        services.invitation_create(need=draft, expert=expert)
    assert error.value.messages == ["Publish the need before inviting experts."]


def test_someone_who_never_consented_to_contact_cannot_be_invited(need):
    person = make_person(contact=False)
    with pytest.raises(ValidationError) as error:
        services.invitation_create(need=need, expert=person)
    assert _messages(error) == {"expert": [NO_CONSENT]}


def test_consent_withdrawn_then_invitation_refused(need, expert):
    community.consent_set(person=expert, purpose="contact", granted=False)
    # A stale instance still says "consented": the service reads the database.
    stale = type(expert).objects.get(pk=expert.pk)
    stale.consent_contact = True
    with pytest.raises(ValidationError) as error:
        services.invitation_create(need=need, expert=stale)
    assert _messages(error) == {"expert": [NO_CONSENT]}
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.invitation_create(need=need, expert=stale)
    with translation.override("vi"):
        assert _messages(error) == {"expert": [gettext(NO_CONSENT)]}
    assert not Invitation.objects.exists()


def test_an_expert_employed_by_the_owner_body_is_a_conflict_of_interest(need, expert, body):
    services.expert_profile_save(person=expert, employers=[body])
    with pytest.raises(ValidationError) as error:
        services.invitation_create(need=need, expert=expert)
    assert _messages(error) == {
        "expert": ["This expert works for the body that posted the need (conflict of interest)."]
    }


def test_an_expert_is_invited_once_per_need(need, invitation, expert):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(need=need, expert=expert)
    assert set(_messages(error)) == {"expert"}


def test_accepting_starts_an_engagement_and_tells_whoever_invited(invitation, index_now):
    with index_now():
        engagement = services.invitation_accept(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.responded_at
    assert engagement.status == EngagementStatus.ACTIVE
    assert (engagement.need_id, engagement.expert_id) == (invitation.need_id, invitation.expert_id)
    [message] = mail.outbox
    assert message.to == ["official@example.org"]
    assert message.subject == f"Accepted: {invitation.need.title}"  # the official reads English
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=invitation)
    assert error.value.messages == ["This invitation has already been answered or withdrawn."]
    assert Engagement.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_declining_needs_a_reason(invitation, reason):
    with pytest.raises(ValidationError) as error:
        services.invitation_decline(invitation=invitation, reason=reason)
    assert _messages(error) == {"reason": ["Say why you decline: it helps the body that asked."]}
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_declining_with_a_reason_tells_whoever_invited(invitation, index_now):
    with index_now():
        services.invitation_decline(invitation=invitation, reason="Không có thời gian")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert invitation.decline_reason == "Không có thời gian"
    [message] = mail.outbox
    assert message.to == ["official@example.org"]
    assert "Không có thời gian" in message.body
    assert not Engagement.objects.exists()


def test_a_withdrawn_invitation_cannot_be_answered(invitation, index_now):
    with index_now():
        services.invitation_withdraw(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    assert [m.to for m in mail.outbox] == [["expert@example.org"]]
    for answer in (
        lambda: services.invitation_accept(invitation=invitation),
        lambda: services.invitation_decline(invitation=invitation, reason="x"),
        lambda: services.invitation_withdraw(invitation=invitation),
    ):
        with pytest.raises(ValidationError):
            answer()


def test_no_mail_to_an_expert_without_an_account(need, official, index_now):
    person = make_person(contact=True)  # an imported record: nobody to write to
    with index_now():
        services.invitation_create(need=need, expert=person, invited_by=official)
    assert mail.outbox == []


# -- engagements ----------------------------------------------------------------------------------


@pytest.fixture
def engagement(invitation):
    return services.invitation_accept(invitation=invitation)


def test_milestones(engagement):
    milestone = services.milestone_add(
        engagement=engagement, title="Báo cáo đầu tiên", due_on=date(2030, 1, 31)
    )
    assert milestone.done_at is None
    assert services.milestone_done(milestone=milestone).done_at is not None
    assert services.milestone_done(milestone=milestone, done=False).done_at is None
    with pytest.raises(ValidationError) as error:
        services.milestone_add(engagement=engagement, title="")
    assert set(_messages(error)) == {"title"}


@pytest.mark.parametrize("outcome", ["", "world_peace"])
def test_ending_an_engagement_needs_an_outcome(engagement, outcome):
    with pytest.raises(ValidationError) as error:
        services.engagement_end(engagement=engagement, outcome=outcome)
    assert _messages(error) == {"outcome": ["Choose what came of the engagement."]}
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_an_ended_engagement_keeps_its_outcome_and_takes_no_more_work(engagement):
    milestone = services.milestone_add(engagement=engagement, title="Báo cáo")
    services.engagement_end(
        engagement=engagement, outcome="advice_delivered", note="Báo cáo đã nộp."
    )
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ENDED and engagement.ended_at
    assert (engagement.outcome, engagement.outcome_note) == ("advice_delivered", "Báo cáo đã nộp.")
    for work in (
        lambda: services.milestone_add(engagement=engagement, title="More"),
        lambda: services.milestone_done(milestone=milestone),
        lambda: services.engagement_end(engagement=engagement, outcome="nothing"),
    ):
        with pytest.raises(ValidationError) as error:
            work()
        assert error.value.messages == ["This engagement has ended."]
