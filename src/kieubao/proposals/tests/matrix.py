"""Proposals' rows of the authorization matrix, and their part of the world.

World (added to core/tests/test_authorization_matrix.py's ``world``; keys start with R):
    RP   a proposal by member's person, assigned to the ministry's body (status assigned):
         the ministry official handles it, official_a and official_b may not
    RS   a proposal by org_admin's person, just submitted, anonymous to the public
    RH   a proposal by org_admin's person, hidden by a moderator
    RA   a proposal by member's person, assigned to province A and accepted by official_a,
         with an outcome RO (progress 40 %)
    RO   RA's outcome
    RC   a comment by org_admin's person on RP
    RAB  an open abuse report by member about RC
    RAT  a PDF attachment of RP

Rows: web pages in matrix_web.py (WEB_ROWS), the API in matrix_api.py (API_ROWS), the
dashboard and agency pages in matrix_dashboard.py (DASHBOARD_ROWS).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kieubao.community.models import Organisation

from .matrix_api import API_ROWS
from .matrix_dashboard import DASHBOARD_ROWS
from .matrix_web import WEB_ROWS

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def proposals_world(world: dict) -> dict:
    from kieubao.proposals import services

    from .factories import make_proposal

    users = world["users"]
    body_a = Organisation.objects.get(officials__user=users["official_a"])
    ministry = Organisation.objects.get(officials__user=users["ministry"])
    member, org_admin = world["own"]["member"], world["own"]["org_admin"]
    admin = users["admin"]
    handled = make_proposal(
        member,
        title="Mạng lưới chuyên gia bán dẫn kiều bào",
        attachments=[SimpleUploadedFile("de-an.pdf", PDF, "application/pdf")],
    )
    services.assign(handled, body=ministry, user=admin)
    submitted = make_proposal(org_admin, title="Học bổng cho sinh viên vùng cao", anonymous=True)
    hidden = make_proposal(org_admin, title="Nội dung đã bị ẩn bởi quản trị")
    services.proposal_hide(hidden, reason="Quảng cáo.", user=admin)
    accepted = make_proposal(member, title="Trung tâm đổi mới sáng tạo Hải Phòng")
    services.assign(accepted, body=body_a, user=admin)
    services.move(accepted, to="accepted", user=users["official_a"], body=body_a)
    outcome = services.outcome_add(
        accepted,
        kind="project",
        title="Dự án trung tâm",
        user=users["official_a"],
        body=body_a,
        progress=40,
    )
    comment = services.comment_add(proposal=handled, author=org_admin, text="Rất đồng ý.")
    report = services.abuse_report(
        proposal=handled, comment=comment, reason="Spam.", user=users["member"]
    )
    return {
        "RP": handled.pk,
        "RS": submitted.pk,
        "RH": hidden.pk,
        "RA": accepted.pk,
        "RO": outcome.pk,
        "RC": comment.pk,
        "RAB": report.pk,
        "RAT": handled.attachments.get().pk,
    }


PROPOSALS_ROWS = [*WEB_ROWS, *DASHBOARD_ROWS, *API_ROWS]
