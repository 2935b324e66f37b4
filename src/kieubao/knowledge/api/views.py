"""The knowledge network's API: needs, recommended experts, invitations, engagements and one's
own expert profile. Thin: parse input, call one service or selector, serialise.

Every operation needs a signed-in caller (401 otherwise). Deny by default, as the pages do
(see ..rules): what the caller may not see is a 404 (its existence is not confirmed), what they
may see but not do is a 403. Validation errors of the services come back as 422 with
translated messages keyed by the request's field names.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from kieubao.community.api.common import BODY_ERRORS, DB_ID, ERRORS, WRITE_ERRORS
from kieubao.community.api.common import renamed as _renamed
from kieubao.community.api.schemas import ErrorOut
from kieubao.community.models import Organisation, Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import ResultPage, person_for_user, viewer_for_request
from kieubao.core.api.auth import REQUIRED

from .. import matching, rules, selectors, services
from ..models import Engagement, Invitation, Milestone, Need, NeedStatus
from .schemas import (
    KnowledgeCloseIn,
    KnowledgeDeclineIn,
    KnowledgeEndIn,
    KnowledgeEngagement,
    KnowledgeEngagementsPage,
    KnowledgeEngagementsQuery,
    KnowledgeExpertProfile,
    KnowledgeExpertProfileIn,
    KnowledgeInvitation,
    KnowledgeInvitationIn,
    KnowledgeInvitationsPage,
    KnowledgeInvitationsQuery,
    KnowledgeMilestone,
    KnowledgeMilestoneIn,
    KnowledgeNeed,
    KnowledgeNeedIn,
    KnowledgeNeedPatch,
    KnowledgeNeeds,
    KnowledgeNeedsQuery,
    KnowledgeRecommendation,
)

router = Router(tags=["knowledge"], auth=REQUIRED)


# -- helpers --------------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> Viewer:
    return viewer_for_request(request)


def _page_out(result: ResultPage, serialise) -> dict:
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [serialise(item) for item in result.items],
    }


def _need(request: HttpRequest, need_id: int) -> Need:
    need = selectors.need_get(_viewer(request), need_id)
    if need is None:
        raise Http404
    return need


def _managed_need(request: HttpRequest, need_id: int) -> Need:
    need = _need(request, need_id)
    if not rules.can_manage_need(_viewer(request), need):
        raise PermissionDenied
    return need


def _invitation(request: HttpRequest, invitation_id: int) -> Invitation:
    invitation = selectors.invitation_get(_viewer(request), invitation_id)
    if invitation is None:
        raise Http404
    return invitation


def _answerable(request: HttpRequest, invitation_id: int) -> Invitation:
    invitation = _invitation(request, invitation_id)
    if not rules.can_answer_invitation(_viewer(request), invitation):
        raise PermissionDenied  # a manager of the need sees it, but only its expert answers
    return invitation


def _engagement(request: HttpRequest, engagement_id: int) -> Engagement:
    engagement = selectors.engagement_get(_viewer(request), engagement_id)
    if engagement is None:
        raise Http404
    return engagement


def _body(organisation: Organisation) -> dict:
    return {"id": organisation.pk, "name": organisation.name, "kind": organisation.kind}


def _need_out(need: Need, viewer: Viewer) -> dict:
    return {
        "id": need.pk,
        "owner": _body(need.owner),
        "title": need.title,
        "description": need.description,
        "language": need.language,
        "fields": [f.slug for f in need.fields.all()],
        "kind": need.kind,
        "mode": need.mode,
        "starts_on": need.starts_on,
        "ends_on": need.ends_on,
        "deadline": need.deadline,
        "experts_wanted": need.experts_wanted,
        "status": need.status,
        "closed_reason": need.closed_reason,
        "published_at": need.published_at,
        "closed_at": need.closed_at,
        "created_at": need.created_at,
        "manages": rules.can_manage_need(viewer, need),
    }


def _need_ref(need: Need) -> dict:
    return {"id": need.pk, "title": need.title, "status": need.status, "owner": _body(need.owner)}


def _person_ref(person: Person) -> dict:
    # The name only: an expert who consented to be contacted is named to the bodies that may
    # invite them; everything else of the registry stays behind its visibility settings.
    return {"id": person.pk, "name": person.full_name}


def _invitation_out(invitation: Invitation) -> dict:
    engagement = getattr(invitation, "engagement", None)
    return {
        "id": invitation.pk,
        "need": _need_ref(invitation.need),
        "expert": _person_ref(invitation.expert),
        "message": invitation.message,
        "status": invitation.status,
        "decline_reason": invitation.decline_reason,
        "created_at": invitation.created_at,
        "responded_at": invitation.responded_at,
        "engagement_id": engagement.pk if engagement is not None else None,
    }


def _milestone_out(milestone: Milestone) -> dict:
    return {
        "id": milestone.pk,
        "title": milestone.title,
        "due_on": milestone.due_on,
        "done_at": milestone.done_at,
    }


def _engagement_summary(engagement: Engagement) -> dict:
    return {
        "id": engagement.pk,
        "need": _need_ref(engagement.need),
        "expert": _person_ref(engagement.expert),
        "status": engagement.status,
        "outcome": engagement.outcome or None,
        "started_at": engagement.started_at,
        "ended_at": engagement.ended_at,
    }


def _engagement_out(engagement: Engagement) -> dict:
    return _engagement_summary(engagement) | {
        "invitation_id": engagement.invitation_id,
        "outcome_note": engagement.outcome_note,
        "milestones": [_milestone_out(m) for m in engagement.milestones.all()],
        "documents": [
            {
                "id": d.pk,
                "title": d.title,
                "file_kind": d.file_kind,
                "size": d.size,
                "uploaded_at": d.uploaded_at,
            }
            for d in engagement.documents.all()
        ],
    }


# -- needs ----------------------------------------------------------------------------------------


@router.get(
    "/knowledge/needs",
    response={200: KnowledgeNeeds, **ERRORS},
    summary="Search needs",
)
def needs_list(request: HttpRequest, query: Query[KnowledgeNeedsQuery]):
    """Published and closed needs; drafts too of the bodies the caller manages."""
    viewer = _viewer(request)
    result = selectors.needs_list(
        viewer,
        text=query.q,
        field=query.field,
        kind=query.kind,
        owner=query.owner,
        status=query.status,
        mine=query.mine,
        page=query.page,
        per_page=query.per_page,
    )
    return _page_out(result, lambda need: _need_out(need, viewer))


def _owner_for(viewer: Viewer, owner_id: int | None) -> Organisation:
    """The body a new need is posted for: one the caller may post for (403 if none)."""
    bodies = selectors.postable_bodies(viewer)
    if owner_id is not None:
        owner = bodies.filter(pk=owner_id).first()
        if owner is None:
            if not bodies.exists():
                raise PermissionDenied
            raise ValidationError({"owner_id": _("You cannot post needs for this body.")})
        return owner
    choices = list(bodies[:2])
    if not choices:
        raise PermissionDenied
    if len(choices) > 1:
        raise ValidationError({"owner_id": _("Choose the body the need is posted for.")})
    return choices[0]


@router.post(
    "/knowledge/needs",
    response={201: KnowledgeNeed, **BODY_ERRORS},
    summary="Post a need (as a draft)",
)
def need_create(request: HttpRequest, payload: KnowledgeNeedIn):
    """For officials of homeland bodies, admins of universities and businesses, and platform
    admins. The need is a draft until published. It needs fields of expertise or a
    description (or both): without either no expert can be found for it."""
    viewer = _viewer(request)
    values = payload.model_dump()
    owner = _owner_for(viewer, values.pop("owner_id"))
    fields = values.pop("fields")
    need = services.need_create(owner=owner, created_by=request.auth, fields=fields, **values)
    return Status(201, _need_out(selectors.need_get(viewer, need.pk), viewer))


@router.get(
    "/knowledge/needs/{need_id}",
    response={200: KnowledgeNeed, **ERRORS},
    summary="One need",
)
def need_detail(request: HttpRequest, need_id: int = Path(..., **DB_ID)):
    return _need_out(_need(request, need_id), _viewer(request))


@router.patch(
    "/knowledge/needs/{need_id}",
    response={200: KnowledgeNeed, **BODY_ERRORS},
    summary="Change a need",
)
def need_update(
    request: HttpRequest, payload: KnowledgeNeedPatch, need_id: int = Path(..., **DB_ID)
):
    """Only the attributes sent are changed; a closed need cannot be changed."""
    need = _managed_need(request, need_id)
    values = payload.model_dump(exclude_unset=True)
    fields = values.pop("fields", None)
    if fields is None and "fields" in payload.model_fields_set:
        fields = []  # null: no fields (absent: unchanged)
    if "description" in values and values["description"] is None:
        values["description"] = ""
    services.need_update(need=need, fields=fields, **values)
    return _need_out(_need(request, need_id), _viewer(request))


@router.post(
    "/knowledge/needs/{need_id}/publish",
    response={200: KnowledgeNeed, **WRITE_ERRORS},
    summary="Publish a need",
)
def need_publish(request: HttpRequest, need_id: int = Path(..., **DB_ID)):
    """Signed-in members can see it, and experts can be invited. Publishing a published need
    changes nothing; a closed one cannot be published again."""
    need = _managed_need(request, need_id)
    services.need_publish(need=need)
    return _need_out(need, _viewer(request))


@router.post(
    "/knowledge/needs/{need_id}/close",
    response={200: KnowledgeNeed, **BODY_ERRORS},
    summary="Close a need",
)
def need_close(
    request: HttpRequest,
    need_id: int = Path(..., **DB_ID),
    payload: KnowledgeCloseIn | None = None,
):
    """Pending invitations are withdrawn (their experts are told by e-mail); engagements under
    way go on. Closing a closed need changes nothing."""
    need = _managed_need(request, need_id)
    services.need_close(need=need, reason=payload.reason if payload else "")
    return _need_out(need, _viewer(request))


@router.get(
    "/knowledge/needs/{need_id}/recommendations",
    response={200: list[KnowledgeRecommendation], 403: ErrorOut, **ERRORS},
    summary="Experts recommended for a need",
)
def need_recommendations(
    request: HttpRequest,
    need_id: int = Path(..., **DB_ID),
    limit: int = Query(10, ge=1, le=50),
):
    """For the need's managers: experts who consented to be contacted, best first, each with
    the reasons of the match; none who works for the body that posted the need. A closed need
    gets none."""
    need = _managed_need(request, need_id)
    if need.status == NeedStatus.CLOSED:
        return []
    invited = dict(need.invitations.values_list("expert_id", "pk"))
    return [
        {
            "person_id": r.person_id,
            "name": r.name,
            "position": r.position,
            "score": r.score,
            "reasons": [{"kind": reason.kind, "label": str(reason.label)} for reason in r.reasons],
            "at_capacity": r.at_capacity,
            "invitation_id": invited.get(r.person_id),
        }
        for r in matching.recommend(need, limit=limit)
    ]


# -- invitations ----------------------------------------------------------------------------------


@router.get(
    "/knowledge/needs/{need_id}/invitations",
    response={200: list[KnowledgeInvitation], 403: ErrorOut, **ERRORS},
    summary="The invitations of a need",
)
def need_invitations(request: HttpRequest, need_id: int = Path(..., **DB_ID)):
    """For the need's managers."""
    viewer = _viewer(request)
    need = _managed_need(request, need_id)
    return [_invitation_out(i) for i in selectors.need_invitations(viewer, need)]


@router.post(
    "/knowledge/needs/{need_id}/invitations",
    response={201: KnowledgeInvitation, **BODY_ERRORS},
    summary="Invite an expert to a need",
)
def invitation_create(
    request: HttpRequest, payload: KnowledgeInvitationIn, need_id: int = Path(..., **DB_ID)
):
    """The need must be published. The expert must have consented to be contacted and must
    not work for the body that posted the need; they are told by e-mail, in their language."""
    need = _managed_need(request, need_id)
    expert = Person.objects.filter(pk=payload.expert_id).first()
    if expert is None:
        raise ValidationError({"expert_id": _("This person is not in the registry.")})
    try:
        invitation = services.invitation_create(
            need=need, expert=expert, invited_by=request.auth, message=payload.message
        )
    except ValidationError as error:
        raise _renamed(error, {"expert": "expert_id"}) from None
    return Status(201, _invitation_out(_invitation(request, invitation.pk)))


@router.get(
    "/knowledge/invitations",
    response={200: KnowledgeInvitationsPage, **ERRORS},
    summary="Invitations addressed to me",
)
def my_invitations(request: HttpRequest, query: Query[KnowledgeInvitationsQuery]):
    """The invitations the caller received as an expert, newest first."""
    result = selectors.invitations_page(
        _viewer(request), status=query.status, page=query.page, per_page=query.per_page
    )
    return _page_out(result, _invitation_out)


@router.get(
    "/knowledge/invitations/{invitation_id}",
    response={200: KnowledgeInvitation, **ERRORS},
    summary="One invitation",
)
def invitation_detail(request: HttpRequest, invitation_id: int = Path(..., **DB_ID)):
    """For its expert and the managers of its need."""
    return _invitation_out(_invitation(request, invitation_id))


@router.post(
    "/knowledge/invitations/{invitation_id}/accept",
    response={200: KnowledgeEngagement, **WRITE_ERRORS},
    summary="Accept an invitation",
)
def invitation_accept(request: HttpRequest, invitation_id: int = Path(..., **DB_ID)):
    """By its expert: the engagement begins (returned); whoever invited is told by e-mail."""
    invitation = _answerable(request, invitation_id)
    engagement = services.invitation_accept(invitation=invitation)
    return _engagement_out(_engagement(request, engagement.pk))


@router.post(
    "/knowledge/invitations/{invitation_id}/decline",
    response={200: KnowledgeInvitation, **BODY_ERRORS},
    summary="Decline an invitation",
)
def invitation_decline(
    request: HttpRequest, payload: KnowledgeDeclineIn, invitation_id: int = Path(..., **DB_ID)
):
    """By its expert, saying why (it helps the body that asked)."""
    invitation = _answerable(request, invitation_id)
    services.invitation_decline(invitation=invitation, reason=payload.reason)
    return _invitation_out(_invitation(request, invitation_id))


@router.post(
    "/knowledge/invitations/{invitation_id}/withdraw",
    response={200: KnowledgeInvitation, **WRITE_ERRORS},
    summary="Withdraw an invitation",
)
def invitation_withdraw(request: HttpRequest, invitation_id: int = Path(..., **DB_ID)):
    """By a manager of the need, while it waits for an answer; the expert is told by e-mail."""
    invitation = _invitation(request, invitation_id)
    if not rules.can_manage_need(_viewer(request), invitation.need):
        raise PermissionDenied
    with transaction.atomic():
        services.invitation_withdraw(invitation=invitation)
    return _invitation_out(_invitation(request, invitation_id))


# -- engagements ----------------------------------------------------------------------------------


@router.get(
    "/knowledge/engagements",
    response={200: KnowledgeEngagementsPage, **ERRORS},
    summary="Engagements I work on",
)
def my_engagements(request: HttpRequest, query: Query[KnowledgeEngagementsQuery]):
    """As the expert, or as a manager of the need; newest first."""
    result = selectors.engagements_page(
        _viewer(request), status=query.status, page=query.page, per_page=query.per_page
    )
    return _page_out(result, _engagement_summary)


@router.get(
    "/knowledge/engagements/{engagement_id}",
    response={200: KnowledgeEngagement, **ERRORS},
    summary="One engagement, with its milestones and documents",
)
def engagement_detail(request: HttpRequest, engagement_id: int = Path(..., **DB_ID)):
    return _engagement_out(_engagement(request, engagement_id))


@router.post(
    "/knowledge/engagements/{engagement_id}/milestones",
    response={201: KnowledgeMilestone, **BODY_ERRORS},
    summary="Add a milestone to an engagement",
)
def milestone_add(
    request: HttpRequest, payload: KnowledgeMilestoneIn, engagement_id: int = Path(..., **DB_ID)
):
    engagement = _engagement(request, engagement_id)
    milestone = services.milestone_add(
        engagement=engagement, title=payload.title, due_on=payload.due_on
    )
    return Status(201, _milestone_out(milestone))


@router.post(
    "/knowledge/engagements/{engagement_id}/milestones/{milestone_id}/done",
    response={200: KnowledgeMilestone, **WRITE_ERRORS},
    summary="Mark a milestone done",
)
def milestone_done(
    request: HttpRequest,
    engagement_id: int = Path(..., **DB_ID),
    milestone_id: int = Path(..., **DB_ID),
):
    engagement = _engagement(request, engagement_id)
    milestone = next((m for m in engagement.milestones.all() if m.pk == milestone_id), None)
    if milestone is None:
        raise Http404
    return _milestone_out(services.milestone_done(milestone=milestone))


@router.post(
    "/knowledge/engagements/{engagement_id}/end",
    response={200: KnowledgeEngagement, **BODY_ERRORS},
    summary="End an engagement, recording what came of it",
)
def engagement_end(
    request: HttpRequest, payload: KnowledgeEndIn, engagement_id: int = Path(..., **DB_ID)
):
    engagement = _engagement(request, engagement_id)
    services.engagement_end(engagement=engagement, outcome=payload.outcome, note=payload.note)
    return _engagement_out(_engagement(request, engagement_id))


# -- my expert profile ----------------------------------------------------------------------------


def _own_person(request: HttpRequest) -> Person:
    person = person_for_user(request.auth)
    if person is None:
        raise Http404  # no registry profile yet (PATCH /api/v1/me/profile creates one)
    return person


def _profile_out(person: Person) -> dict:
    profile = selectors.expert_profile_for(person)
    if profile is None:
        raise Http404
    return {
        "person_id": person.pk,
        "consent_contact": person.consent_contact,
        "position": profile.position,
        "keywords": profile.keyword_list,
        "summary": profile.summary,
        "availability": profile.availability,
        "engagement_kinds": profile.engagement_kinds,
        "work_modes": profile.work_modes,
        "max_load": profile.max_load,
        "employers": sorted(o.pk for o in profile.employers.all()),
        "works": [
            {"id": w.pk, "kind": w.kind, "title": w.title, "year": w.year, "link": w.link}
            for w in profile.works.all()
        ],
        "updated_at": profile.updated_at,
    }


@router.get(
    "/knowledge/me/expert-profile",
    response={200: KnowledgeExpertProfile, **ERRORS},
    summary="My expert profile",
)
def my_expert_profile(request: HttpRequest):
    """404 until it is first saved."""
    return _profile_out(_own_person(request))


@router.put(
    "/knowledge/me/expert-profile",
    response={200: KnowledgeExpertProfile, **BODY_ERRORS},
    summary="Save my expert profile, with my publications and patents",
)
def my_expert_profile_save(request: HttpRequest, payload: KnowledgeExpertProfileIn):
    """The whole profile: what is not sent takes its default and ``works`` replaces the list.
    ``employers`` are the organisations the caller works for: their needs are never offered
    to them (conflict of interest)."""
    person = _own_person(request)
    data = payload.model_dump()
    employer_ids = set(data.pop("employers"))
    employers = list(Organisation.objects.filter(pk__in=employer_ids))
    if len(employers) != len(employer_ids):
        raise ValidationError({"employers": _("Unknown organisation.")})
    works = data.pop("works")
    data["keywords"] = ", ".join(k.strip() for k in data["keywords"] if k.strip())
    with transaction.atomic():
        profile = services.expert_profile_save(person=person, employers=employers, **data)
        for work in list(profile.works.all()):
            services.work_remove(work=work)
        for index, work in enumerate(works):
            try:
                services.work_add(profile=profile, **work)
            except ValidationError as error:
                raise ValidationError(
                    {
                        f"works.{index}.{field}": messages
                        for field, messages in error.message_dict.items()
                    }
                ) from None
    return _profile_out(person)
