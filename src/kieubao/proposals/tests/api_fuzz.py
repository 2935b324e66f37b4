"""The proposals' part of the API fuzzer's seeded data (core/tests/test_api_schema_fuzz.py), so
that the member's runs reach every operation's happy path and not only its refusals.

The fuzzer's member wrote a proposal (assigned to a ministry) and may endorse, comment on and
report others' (submitted, assigned, accepted with an outcome, one with comments). Screening,
assigning, merging and moderation are the platform admins'; moving a proposal, answering and
outcomes are the assigned body's officials': the member's runs of those stop at the permission
check (``member_refused``).
"""

from __future__ import annotations

from kieubao.community.models import Person
from kieubao.community.tests.factories import make_ministry, make_official, make_person
from kieubao.proposals import services

from .factories import make_proposal

API = "/api/v1/proposals"
TEXT = (
    "<p>Thành lập mạng lưới cố vấn kiều bào cho các trường đại học kỹ thuật, "
    "mỗi năm một đợt trao đổi.</p>"
)


def fuzz_world(*, member: Person) -> dict:
    ministry = make_ministry("Bộ Khoa học và Công nghệ")
    official = make_official(ministry)
    others = [make_person(full_name=f"Người Đề Xuất {n}") for n in (1, 2)]
    own = make_proposal(member, title="Mạng lưới cố vấn kiều bào cho đại học")
    services.assign(own, body=ministry, user=None)
    submitted = make_proposal(others[0], title="Học bổng cho sinh viên ngành vi mạch")
    assigned = make_proposal(others[1], title="Trung tâm đổi mới sáng tạo ở Hải Phòng")
    services.assign(assigned, body=ministry, user=None)
    accepted = make_proposal(others[0], title="Quỹ khởi nghiệp cho kỹ sư trẻ", anonymous=True)
    services.assign(accepted, body=ministry, user=None)
    services.move(accepted, to="accepted", user=official, body=ministry)
    outcome = services.outcome_add(
        accepted, kind="project", title="Dự án quỹ", user=official, body=ministry, progress=20
    )
    comment = services.comment_add(proposal=assigned, author=others[0], text="Rất cần thiết.")
    report = services.abuse_report(proposal=assigned, comment=comment, reason="Spam.", user=None)
    proposals = [own, submitted, assigned, accepted]
    return {
        "ids": {
            "proposal_id": [p.pk for p in proposals],
            "comment_id": [comment.pk],
            "outcome_id": [outcome.pk],
            "report_id": [report.pk],
        },
        "bodies": {
            ("POST", API): [
                {"title": "Sàn giao dịch công nghệ cho kiều bào", "text": TEXT},
                {"title": "Chuyên gia kiều bào hướng dẫn luận án", "text": TEXT, "anonymous": True},
            ],
            ("POST", f"{API}/{{proposal_id}}/comments"): [
                {"text": "Tôi ủng hộ đề xuất này."},
                {"text": "Xin bổ sung ý kiến.", "parent_id": comment.pk},
            ],
            ("POST", f"{API}/{{proposal_id}}/abuse-reports"): [
                {"reason": "Nội dung quảng cáo."},
                {"reason": "Bình luận quảng cáo.", "comment_id": comment.pk},
            ],
            ("POST", f"{API}/{{proposal_id}}/move"): [{"to": "under_review"}],
            ("POST", f"{API}/{{proposal_id}}/answer"): [{"text": "Đã nhận."}],
            ("POST", f"{API}/{{proposal_id}}/assign"): [{"body_id": ministry.pk}],
            ("POST", f"{API}/{{proposal_id}}/merge"): [{"into_id": submitted.pk}],
            ("POST", f"{API}/{{proposal_id}}/outcomes"): [{"kind": "policy", "title": "Nghị định"}],
            ("PATCH", f"{API}/{{proposal_id}}/outcomes/{{outcome_id}}"): [{"progress": 50}],
            ("POST", f"{API}/{{proposal_id}}/hide"): [{"reason": "Trùng lặp."}],
            ("POST", f"{API}/{{proposal_id}}/comments/{{comment_id}}/hide"): [
                {"reason": "Quảng cáo."}
            ],
        },
        # For platform admins or the assigned body's officials only: the member is refused
        # (403), never served.
        "member_refused": {
            ("GET", f"{API}/abuse-reports"),
            ("POST", f"{API}/abuse-reports/{{report_id}}/dismiss"),
            ("POST", f"{API}/{{proposal_id}}/screen"),
            ("POST", f"{API}/{{proposal_id}}/assign"),
            ("POST", f"{API}/{{proposal_id}}/move"),
            ("POST", f"{API}/{{proposal_id}}/answer"),
            ("POST", f"{API}/{{proposal_id}}/merge"),
            ("POST", f"{API}/{{proposal_id}}/outcomes"),
            ("PATCH", f"{API}/{{proposal_id}}/outcomes/{{outcome_id}}"),
            ("POST", f"{API}/{{proposal_id}}/hide"),
            ("POST", f"{API}/{{proposal_id}}/comments/{{comment_id}}/hide"),
        },
    }
