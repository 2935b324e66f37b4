"""The proposals API under /api/v1/proposals/: proposals, endorsements, comments, timeline,
the workflow, outcomes, moderation and the dashboard's figures. Thin: parse input, call one
service or selector, serialise.

Proposals, their comments, timelines and the dashboard are public: they may be read without
credentials (a proposer who chose to be anonymous is not named to the public). Writes need a
signed-in caller (401 otherwise). Deny by default, as the pages do (see ..rules): what the
caller may not see is a 404 (its existence is not confirmed), what they may see but not do is a
403 — an official of another body than the assigned one may not move a proposal. Validation
errors of the services come back as 422 with translated messages keyed by the request's field
names.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from kieubao.community.api.common import BODY_ERRORS, DB_ID, ERRORS, WRITE_ERRORS
from kieubao.community.api.common import renamed as _renamed
from kieubao.community.models import Organisation, Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import ResultPage, viewer_for_request
from kieubao.core.api.auth import OPTIONAL, REQUIRED

from .. import rules, selectors, services
from ..models import AbuseReport, Comment, Outcome, Proposal, TimelineEntry
from .schemas import (
    ProposalAbuseIn,
    ProposalAbuseQuery,
    ProposalAbuseReport,
    ProposalAnswerIn,
    ProposalAssignIn,
    ProposalComment,
    ProposalCommentIn,
    ProposalDashboard,
    ProposalDetail,
    ProposalEndorsement,
    ProposalHideIn,
    ProposalIn,
    ProposalMergeIn,
    ProposalMoveIn,
    ProposalOutcome,
    ProposalOutcomeIn,
    ProposalProgressIn,
    ProposalSimilar,
    ProposalSimilarQuery,
    ProposalsPage,
    ProposalsQuery,
    ProposalTimelineEntry,
)

router = Router(tags=["proposals"], auth=REQUIRED)

API = "/proposals"


# -- helpers --------------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> Viewer:
    return viewer_for_request(request)


def _proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    proposal = selectors.proposal_get(_viewer(request), proposal_id)
    if proposal is None:
        raise Http404
    return proposal


def _handled(request: HttpRequest, proposal_id: int) -> tuple[Proposal, Organisation | None]:
    """A proposal the caller may move on, and the body they act for (None: a platform admin
    acting for the platform). Officials of any other body than the assigned one: 403."""
    viewer = _viewer(request)
    proposal = _proposal(request, proposal_id)
    if not rules.can_handle(viewer, proposal):
        raise PermissionDenied
    body = proposal.assigned_body if rules.is_assigned_official(viewer, proposal) else None
    return proposal, body


def _screened(request: HttpRequest, proposal_id: int) -> Proposal:
    """A proposal the platform screens, assigns or merges (platform admins)."""
    proposal = _proposal(request, proposal_id)
    if not rules.can_screen(_viewer(request)):
        raise PermissionDenied
    return proposal


def _moderated(request: HttpRequest, proposal_id: int) -> Proposal:
    proposal = _proposal(request, proposal_id)
    if not rules.is_moderator(_viewer(request)):
        raise PermissionDenied
    return proposal


def _member(request: HttpRequest) -> Person:
    """The caller's registry profile (members only: 403 for officials and accounts without)."""
    viewer = _viewer(request)
    if not rules.can_submit(viewer):
        raise PermissionDenied
    return Person.objects.get(pk=viewer.person_id)


def _body(organisation: Organisation | None) -> dict | None:
    if organisation is None:
        return None
    return {"id": organisation.pk, "name": organisation.display_name(), "kind": organisation.kind}


def _person(person: Person) -> dict:
    return {"id": person.pk, "name": person.full_name}


def _summary(proposal: Proposal, viewer: Viewer) -> dict:
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "status": proposal.status,
        "status_label": str(proposal.get_status_display()),
        "language": proposal.language,
        "fields": [f.slug for f in proposal.fields.all()],
        "addressed_to": _body(proposal.addressed_to),
        "assigned_body": _body(proposal.assigned_body),
        "anonymous": proposal.anonymous,
        # Never an anonymous proposer's identity to whom may not see it (rules.can_see_author).
        "author": _person(proposal.author) if rules.can_see_author(viewer, proposal) else None,
        "endorsement_count": proposal.endorsement_count,
        "merged_into_id": proposal.merged_into_id,
        "hidden": proposal.hidden,
        "overdue": selectors.is_overdue(proposal),
        "created_at": proposal.created_at,
        "updated_at": proposal.updated_at,
        "assigned_at": proposal.assigned_at,
        "first_answer_at": proposal.first_answer_at,
        "closed_at": proposal.closed_at,
    }


def _outcome_out(outcome: Outcome) -> dict:
    return {
        "id": outcome.pk,
        "kind": outcome.kind,
        "kind_label": str(outcome.get_kind_display()),
        "title": outcome.title,
        "description": outcome.description,
        "link": outcome.link,
        "engagement_id": outcome.engagement_id,
        "progress": outcome.progress,
        "created_at": outcome.created_at,
        "updated_at": outcome.updated_at,
    }


def _detail(proposal: Proposal, viewer: Viewer) -> dict:
    sees_reason = rules.is_moderator(viewer) or rules.is_author(viewer, proposal)
    endorsed = viewer.person_id is not None and (
        proposal.endorsements.filter(person_id=viewer.person_id).exists()
    )
    return _summary(proposal, viewer) | {
        "body": proposal.body,  # sanitised on the way in (services.proposal_submit)
        "hidden_reason": proposal.hidden_reason if sees_reason else "",
        "attachments": [
            {
                "id": a.pk,
                "title": a.title,
                "file_kind": a.file_kind,
                "size": a.size,
                "uploaded_at": a.uploaded_at,
            }
            for a in proposal.attachments.all()
        ],
        "outcomes": [_outcome_out(o) for o in proposal.outcomes.all()],
        "endorsed": endorsed,
        "can_endorse": rules.can_endorse(viewer, proposal) and not endorsed,
        "can_handle": rules.can_handle(viewer, proposal),
    }


def _fresh(request: HttpRequest, proposal_id: int) -> dict:
    viewer = _viewer(request)
    return _detail(selectors.proposal_get(viewer, proposal_id), viewer)


def _comment_out(comment: Comment, depth: int, viewer: Viewer) -> dict:
    moderator = rules.is_moderator(viewer)
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "depth": depth,
        "author": _person(comment.author),
        "text": comment.text if getattr(comment, "show_text", not comment.hidden) else None,
        "hidden": comment.hidden,
        "hidden_reason": comment.hidden_reason if moderator and comment.hidden else None,
        "created_at": comment.created_at,
    }


def _depth(comment: Comment) -> int:
    depth, parent = 0, comment.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def _thread(comments: list[Comment], viewer: Viewer, depth: int = 0) -> list[dict]:
    out = []
    for comment in comments:
        out.append(_comment_out(comment, depth, viewer))
        out.extend(_thread(comment.thread_replies, viewer, depth + 1))
    return out


def _entry_out(entry: TimelineEntry) -> dict:
    # The actor is never shown: the body acted (or the platform), and the official's name only
    # if they chose to sign.
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "from_status": entry.from_status,
        "to_status": entry.to_status,
        "body": _body(entry.body),
        "by_platform": entry.by_platform,
        "signed_name": entry.signed_name,
        "text": entry.text,
        "created_at": entry.created_at,
    }


def _report_out(report: AbuseReport) -> dict:
    return {
        "id": report.pk,
        "proposal_id": report.proposal_id,
        "comment_id": report.comment_id,
        "reason": report.reason,
        "status": report.status,
        "created_at": report.created_at,
        "resolved_at": report.resolved_at,
    }


def _endorsement_out(proposal: Proposal, person: Person) -> dict:
    proposal.refresh_from_db(fields=["endorsement_count"])
    return {
        "proposal_id": proposal.pk,
        "endorsed": proposal.endorsements.filter(person=person).exists(),
        "endorsement_count": proposal.endorsement_count,
    }


# -- proposals ------------------------------------------------------------------------------------


@router.get(
    API,
    response={200: ProposalsPage, **ERRORS},
    auth=OPTIONAL,
    summary="Search proposals",
)
def proposals_list(request: HttpRequest, query: Query[ProposalsQuery]):
    """Proposals not hidden by a moderator (the caller's own hidden ones too), newest first
    unless ordered otherwise. Tones, đ and case do not matter."""
    viewer = _viewer(request)
    result: ResultPage = selectors.proposals_list(
        viewer,
        text=query.q,
        status=query.status or "",
        field_slug=query.field or "",
        body=query.agency,
        mine=query.mine,
        endorsed=query.endorsed,
        order=query.order,
        page=query.page,
        per_page=query.per_page,
    )
    items = list(result.items)
    prefetch_related_objects(items, "fields")
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [_summary(p, viewer) for p in items],
    }


@router.post(
    API,
    response={201: ProposalDetail, **BODY_ERRORS},
    summary="Submit a proposal",
)
def proposal_submit(request: HttpRequest, payload: ProposalIn):
    """For members with a registry profile. ``text`` is rich text: scripts, event handlers and
    javascript: links are removed. Attachments (PDF and images, at most 5 of 10 MB each) are
    added on the web page only. An anonymous proposer is not named to the public; the agency
    handling it and the platform admins always see who it is."""
    author = _member(request)
    if any("\x00" in slug for slug in payload.fields):  # PostgreSQL text cannot hold NUL
        raise ValidationError({"fields": _("Choose fields from the list.")})
    try:
        proposal = services.proposal_submit(
            author=author,
            title=payload.title,
            body=payload.text,
            language=payload.language,
            fields=payload.fields,
            addressed_to=payload.addressed_to_id,
            anonymous=payload.anonymous,
        )
    except ValidationError as error:
        raise _renamed(error, {"body": "text", "addressed_to": "addressed_to_id"}) from None
    return Status(201, _fresh(request, proposal.pk))


@router.get(
    f"{API}/similar",
    response={200: list[ProposalSimilar], **ERRORS},
    auth=OPTIONAL,
    summary="Proposals similar to a title being typed",
)
def proposals_similar(request: HttpRequest, query: Query[ProposalSimilarQuery]):
    """Existing proposals whose title shares words with it (tones and case do not matter;
    common words are ignored), most words in common first: endorse one rather than propose it
    twice. Merged and hidden proposals are left out."""
    if "\x00" in query.title:
        return []
    found = selectors.similar(_viewer(request), query.title, exclude=query.exclude)
    return [
        {
            "id": s.proposal.pk,
            "title": s.proposal.title,
            "status": s.proposal.status,
            "endorsement_count": s.proposal.endorsement_count,
            "shared_words": s.shared,
        }
        for s in found
    ]


@router.get(
    f"{API}/dashboard",
    response={200: ProposalDashboard, **ERRORS},
    auth=OPTIONAL,
    summary="The public dashboard's figures",
)
def proposals_dashboard(request: HttpRequest):
    """Proposals by status, field and agency; share answered and median days to the first
    answer; share of accepted proposals implemented; overdue ones (no answer in 30 days).
    Field names in the caller's language (Accept-Language)."""
    from django.utils import translation

    figures = selectors.dashboard(language=translation.get_language() or "vi")
    return {
        "total": figures.total,
        "by_status": figures.by_status,
        "by_field": [{"name": name, "count": count} for name, count in figures.by_field],
        "by_agency": [
            {
                "body": _body(row["body"]),
                **{
                    key: row[key]
                    for key in (
                        "total",
                        "answered",
                        "share_answered",
                        "median_days",
                        "implemented",
                        "overdue",
                    )
                },
            }
            for row in figures.by_agency
            if row["body"] is not None
        ],
        "assigned": figures.assigned,
        "answered": figures.answered,
        "share_answered": figures.share_answered,
        "median_days_to_answer": figures.median_days_to_answer,
        "accepted": figures.accepted,
        "implemented": figures.implemented,
        "share_implemented": figures.share_implemented,
        "overdue": figures.overdue,
    }


@router.get(
    f"{API}/abuse-reports",
    response={200: list[ProposalAbuseReport], **WRITE_ERRORS},
    summary="Abuse reports (moderators)",
)
def abuse_reports(request: HttpRequest, query: Query[ProposalAbuseQuery]):
    """For platform admins; open ones by default."""
    viewer = _viewer(request)
    if not rules.is_moderator(viewer):
        raise PermissionDenied
    return [_report_out(r) for r in selectors.abuse_reports(viewer, status=query.status)]


@router.post(
    f"{API}/abuse-reports/{{report_id}}/dismiss",
    response={200: ProposalAbuseReport, **WRITE_ERRORS},
    summary="Dismiss an abuse report (moderators)",
)
def abuse_dismiss(request: HttpRequest, report_id: int = Path(..., **DB_ID)):
    """Nothing was wrong: the content stays. A report already dealt with cannot be dismissed."""
    if not rules.is_moderator(_viewer(request)):
        raise PermissionDenied
    report = AbuseReport.objects.filter(pk=report_id).first()
    if report is None:
        raise Http404
    return _report_out(services.abuse_dismiss(report, user=request.auth))


@router.get(
    f"{API}/{{proposal_id}}",
    response={200: ProposalDetail, **ERRORS},
    auth=OPTIONAL,
    summary="One proposal, with its attachments and outcomes",
)
def proposal_detail(request: HttpRequest, proposal_id: int = Path(..., **DB_ID)):
    """Hidden proposals are seen by their proposer and the moderators only."""
    return _detail(_proposal(request, proposal_id), _viewer(request))


# -- endorsements ---------------------------------------------------------------------------------


@router.post(
    f"{API}/{{proposal_id}}/endorsement",
    response={200: ProposalEndorsement, **WRITE_ERRORS},
    summary="Endorse a proposal",
)
def endorse(request: HttpRequest, proposal_id: int = Path(..., **DB_ID)):
    """Once per member, not one's own, not a closed one. The proposer and the endorsers hear
    of every change of its status."""
    person = _member(request)
    proposal = _proposal(request, proposal_id)
    services.endorse(proposal=proposal, person=person)
    return _endorsement_out(proposal, person)


@router.delete(
    f"{API}/{{proposal_id}}/endorsement",
    response={200: ProposalEndorsement, **WRITE_ERRORS},
    summary="Withdraw one's endorsement",
)
def endorsement_withdraw(request: HttpRequest, proposal_id: int = Path(..., **DB_ID)):
    """Withdrawing an endorsement one did not give changes nothing."""
    person = _member(request)
    proposal = _proposal(request, proposal_id)
    services.endorsement_withdraw(proposal=proposal, person=person)
    return _endorsement_out(proposal, person)


# -- comments and abuse ---------------------------------------------------------------------------


@router.get(
    f"{API}/{{proposal_id}}/comments",
    response={200: list[ProposalComment], **ERRORS},
    auth=OPTIONAL,
    summary="The comments on a proposal, threaded",
)
def comments_list(request: HttpRequest, proposal_id: int = Path(..., **DB_ID)):
    """In thread order, each with its depth. A comment hidden by a moderator keeps its place
    without its text."""
    viewer = _viewer(request)
    return _thread(selectors.comments(viewer, _proposal(request, proposal_id)), viewer)


@router.post(
    f"{API}/{{proposal_id}}/comments",
    response={201: ProposalComment, **BODY_ERRORS},
    summary="Comment on a proposal, or reply to a comment",
)
def comment_add(
    request: HttpRequest, payload: ProposalCommentIn, proposal_id: int = Path(..., **DB_ID)
):
    """For members with a registry profile; ``parent_id`` replies to a comment on the same
    proposal."""
    author = _member(request)
    proposal = _proposal(request, proposal_id)
    if not rules.can_comment(_viewer(request), proposal):
        raise ValidationError({"text": _("This proposal no longer takes comments.")})
    parent = None
    if payload.parent_id is not None:
        parent = Comment.objects.filter(pk=payload.parent_id).first()
        if parent is None:
            raise ValidationError(
                {"parent_id": _("You can only reply to a comment on the same proposal.")}
            )
    try:
        comment = services.comment_add(
            proposal=proposal, author=author, text=payload.text, parent=parent
        )
    except ValidationError as error:
        raise _renamed(error, {"parent": "parent_id"}) from None
    return Status(201, _comment_out(comment, _depth(comment), _viewer(request)))


@router.post(
    f"{API}/{{proposal_id}}/abuse-reports",
    response={201: ProposalAbuseReport, **BODY_ERRORS},
    summary="Report abuse in a proposal or a comment",
)
def abuse_report(
    request: HttpRequest, payload: ProposalAbuseIn, proposal_id: int = Path(..., **DB_ID)
):
    """The moderators are told and decide (hide it with a reason, or dismiss the report)."""
    proposal = _proposal(request, proposal_id)
    if not rules.can_report_abuse(_viewer(request)):
        raise PermissionDenied
    comment = None
    if payload.comment_id is not None:
        comment = Comment.objects.filter(pk=payload.comment_id).first()
        if comment is None:
            raise ValidationError({"comment_id": _("This comment is not on this proposal.")})
    try:
        report = services.abuse_report(
            proposal=proposal, comment=comment, reason=payload.reason, user=request.auth
        )
    except ValidationError as error:
        raise _renamed(error, {"comment": "comment_id"}) from None
    return Status(201, _report_out(report))


# -- the public timeline --------------------------------------------------------------------------


@router.get(
    f"{API}/{{proposal_id}}/timeline",
    response={200: list[ProposalTimelineEntry], **ERRORS},
    auth=OPTIONAL,
    summary="The public timeline of a proposal",
)
def proposal_timeline(request: HttpRequest, proposal_id: int = Path(..., **DB_ID)):
    """Every step, oldest first: which body acted (or the platform), when, and the public text
    (an answer, the reason of a decline). An official's name only if they signed."""
    return [_entry_out(e) for e in selectors.timeline(_proposal(request, proposal_id))]


# -- the workflow ---------------------------------------------------------------------------------


@router.post(
    f"{API}/{{proposal_id}}/screen",
    response={200: ProposalDetail, **WRITE_ERRORS},
    summary="Take a submitted proposal into screening (platform admins)",
)
def proposal_screen(request: HttpRequest, proposal_id: int = Path(..., **DB_ID)):
    proposal = _screened(request, proposal_id)
    services.screen(proposal, user=request.auth)
    return _fresh(request, proposal_id)


@router.post(
    f"{API}/{{proposal_id}}/assign",
    response={200: ProposalDetail, **BODY_ERRORS},
    summary="Assign a proposal to an agency (platform admins)",
)
def proposal_assign(
    request: HttpRequest, payload: ProposalAssignIn, proposal_id: int = Path(..., **DB_ID)
):
    """To a ministry, a province or a diplomatic mission, before it answers (or to another
    one). Its officials are told by e-mail; the public timeline shows the step."""
    proposal = _screened(request, proposal_id)
    try:
        services.assign(proposal, body=payload.body_id, user=request.auth, note=payload.note)
    except ValidationError as error:
        raise _renamed(error, {"body": "body_id"}) from None
    return _fresh(request, proposal_id)


@router.post(
    f"{API}/{{proposal_id}}/move",
    response={200: ProposalDetail, **BODY_ERRORS},
    summary="Move a proposal along its workflow (the assigned agency)",
)
def proposal_move(
    request: HttpRequest, payload: ProposalMoveIn, proposal_id: int = Path(..., **DB_ID)
):
    """For officials of the assigned body (platform admins act for the platform): under
    review, accepted or declined (a public reason is required), in implementation,
    implemented. The step is public, under the body's name; ``signed_name`` adds the
    official's. The proposer and the endorsers are told by e-mail."""
    proposal, body = _handled(request, proposal_id)
    services.move(
        proposal,
        to=payload.to,
        user=request.auth,
        body=body,
        reason=payload.reason,
        signed_name=payload.signed_name,
    )
    return _fresh(request, proposal_id)


@router.post(
    f"{API}/{{proposal_id}}/answer",
    response={201: ProposalTimelineEntry, **BODY_ERRORS},
    summary="Answer a proposal publicly (the assigned agency)",
)
def proposal_answer(
    request: HttpRequest, payload: ProposalAnswerIn, proposal_id: int = Path(..., **DB_ID)
):
    """A public answer on the timeline; the first one counts as the agency's first answer."""
    proposal, body = _handled(request, proposal_id)
    entry = services.answer(
        proposal, text=payload.text, user=request.auth, body=body, signed_name=payload.signed_name
    )
    return Status(201, _entry_out(entry))


@router.post(
    f"{API}/{{proposal_id}}/merge",
    response={200: ProposalDetail, **BODY_ERRORS},
    summary="Merge a proposal into another (platform admins)",
)
def proposal_merge(
    request: HttpRequest, payload: ProposalMergeIn, proposal_id: int = Path(..., **DB_ID)
):
    """Its endorsers now back the one it joins (once each)."""
    proposal = _screened(request, proposal_id)
    into = selectors.proposal_get(_viewer(request), payload.into_id)
    if into is None:
        raise ValidationError({"into_id": _("There is no such proposal.")})
    try:
        services.merge(proposal, into=into, user=request.auth, note=payload.note)
    except ValidationError as error:
        raise _renamed(error, {"into": "into_id"}) from None
    return _fresh(request, proposal_id)


# -- outcomes -------------------------------------------------------------------------------------


@router.post(
    f"{API}/{{proposal_id}}/outcomes",
    response={201: ProposalOutcome, **BODY_ERRORS},
    summary="Link what came of an accepted proposal (the assigned agency)",
)
def outcome_add(
    request: HttpRequest, payload: ProposalOutcomeIn, proposal_id: int = Path(..., **DB_ID)
):
    """An engagement of the knowledge network (``engagement_id``), a policy, a project, with
    its progress in percent."""
    from kieubao.knowledge.models import Engagement

    proposal, body = _handled(request, proposal_id)
    engagement = None
    if payload.engagement_id is not None:
        engagement = Engagement.objects.filter(pk=payload.engagement_id).first()
        if engagement is None:
            raise ValidationError(
                {"engagement_id": _("Choose the engagement of the knowledge network.")}
            )
    values = payload.model_dump(exclude={"engagement_id"})
    try:
        outcome = services.outcome_add(
            proposal, user=request.auth, body=body, engagement=engagement, **values
        )
    except ValidationError as error:
        raise _renamed(error, {"engagement": "engagement_id"}) from None
    return Status(201, _outcome_out(outcome))


@router.patch(
    f"{API}/{{proposal_id}}/outcomes/{{outcome_id}}",
    response={200: ProposalOutcome, **BODY_ERRORS},
    summary="Update an outcome's progress (the assigned agency)",
)
def outcome_progress(
    request: HttpRequest,
    payload: ProposalProgressIn,
    proposal_id: int = Path(..., **DB_ID),
    outcome_id: int = Path(..., **DB_ID),
):
    proposal, body = _handled(request, proposal_id)
    outcome = proposal.outcomes.filter(pk=outcome_id).first()
    if outcome is None:
        raise Http404
    outcome = services.outcome_progress(
        outcome, progress=payload.progress, user=request.auth, body=body
    )
    return _outcome_out(outcome)


# -- moderation -----------------------------------------------------------------------------------


@router.post(
    f"{API}/{{proposal_id}}/hide",
    response={200: ProposalDetail, **BODY_ERRORS},
    summary="Hide a proposal, with a reason (moderators)",
)
def proposal_hide(
    request: HttpRequest, payload: ProposalHideIn, proposal_id: int = Path(..., **DB_ID)
):
    """Only its proposer and the moderators see it afterwards, with the reason; open reports
    about it are closed."""
    proposal = _moderated(request, proposal_id)
    services.proposal_hide(proposal, reason=payload.reason, user=request.auth)
    return _fresh(request, proposal_id)


@router.post(
    f"{API}/{{proposal_id}}/comments/{{comment_id}}/hide",
    response={200: ProposalComment, **BODY_ERRORS},
    summary="Hide a comment, with a reason (moderators)",
)
def comment_hide(
    request: HttpRequest,
    payload: ProposalHideIn,
    proposal_id: int = Path(..., **DB_ID),
    comment_id: int = Path(..., **DB_ID),
):
    """It keeps its place in the thread without its text; open reports about it are closed."""
    proposal = _moderated(request, proposal_id)
    comment = proposal.comments.select_related("author").filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    services.comment_hide(comment, reason=payload.reason, user=request.auth)
    return _comment_out(comment, _depth(comment), _viewer(request))
