"""Activities's part of the API fuzzer's seeded data (core/tests/test_api_schema_fuzz.py), so that
the member's runs reach every operation's happy path and not only its refusals.

The fuzzer's member administers an association in France and has drafts (to change and
submit) and a returned report; another association's report is approved by the mission of
France (public). Approving and returning are the missions' and the ministry's: the member's
runs of those stop at the permission check (``member_refused``).
"""

from __future__ import annotations

from kieubao.community import services as community
from kieubao.community.models import Person
from kieubao.community.tests.factories import make_mission, make_official

from .factories import make_association, make_report

API = "/api/v1/activities"


def fuzz_world(*, member: Person) -> dict:
    mission = make_mission("FR")
    official = make_official(mission)
    mine = make_association("FR", name="Hội người Việt tại Lyon")
    community.membership_add(person=member, organisation=mine, role="admin")
    other = make_association("FR", name="Hội người Việt tại Marseille")
    public = make_report(other, status="approved", approver=official)
    drafts = [make_report(mine, title=f"Lớp tiếng Việt {n}") for n in (1, 2, 3)]
    returned = make_report(mine, status="returned", approver=official)
    return {
        "ids": {"activity_report_id": [public.pk, returned.pk, *(d.pk for d in drafts)]},
        "bodies": {
            ("POST", f"{API}/reports"): [
                {
                    "reporter_id": mine.pk,
                    "kind": "language_class",
                    "theme": "language_culture",
                    "title": "Lớp tiếng Việt mùa hè",
                    "date": "2025-07-01",
                    "end_date": "2025-08-15",
                    "country": "FR",
                    "partners": ["Mairie de Lyon"],
                    "participants": 40,
                    "participants_overseas": 30,
                    "participants_local": 10,
                }
            ],
            ("PATCH", f"{API}/reports/{{activity_report_id}}"): [
                {"city": "Lyon", "participants": 45},
                {"description": "Mười hai buổi học cho thiếu nhi."},
            ],
        },
        "member_refused": {
            ("POST", f"{API}/reports/{{activity_report_id}}/approve"),
            ("POST", f"{API}/reports/{{activity_report_id}}/return"),
        },
    }
