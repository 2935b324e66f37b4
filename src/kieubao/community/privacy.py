"""Data rights: a person's copy of all their data, erasure of their account, and retention.

Erasure removes the person's data from every table (profile, memberships, consent history,
account, email addresses, second factors, API tokens, sessions), from the search index and from
caches. What remains: audit entries (ids only, no values: the legal record of who did what), and
— only when the person had consented to be counted in statistics — one anonymous count in
``StatisticalRemnant`` by country, hometown province, qualification and residency status.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kieubao.core import audit
from kieubao.core.csvsafe import safe_cell
from kieubao.core.models import AuditAction, AuditEntry

from .models import ConsentRecord, Membership, Person, StatisticalRemnant
from .search import people_index
from .selectors import FIELD_GROUP_MEMBERS
from .signals import statistical_remnant_added


def person_export(*, user) -> dict[str, Any]:
    """Everything kieubao holds about this account, as plain data."""
    person = (
        Person.objects.filter(user=user)
        .prefetch_related("fields", "memberships__organisation")
        .first()
    )
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "language": user.language,
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in user.emailaddress_set.all()
            ],
            "api_tokens": [
                {"name": t.name, "created_at": t.created_at.isoformat()}
                for t in user.api_tokens.all()
            ],
        },
        "profile": None,
        "consents": [],
        "memberships": [],
        "access_log": [],
    }
    if person is None:
        return data
    profile: dict[str, Any] = {}
    for names in FIELD_GROUP_MEMBERS.values():
        for name in names:
            if name == "fields":
                profile[name] = [f.slug for f in person.fields.all()]
            elif name == "memberships":
                continue
            elif name == "country":
                profile[name] = person.country.code or ""
            else:
                profile[name] = getattr(person, name)
    profile["visibility"] = {group: person.visibility_of(group) for group in FIELD_GROUP_MEMBERS}
    data["profile"] = profile
    data["consents"] = [
        {
            "purpose": c.purpose,
            "granted": c.granted,
            "text_version": c.text_version,
            "at": c.created_at.isoformat(),
        }
        for c in ConsentRecord.objects.filter(person=person).order_by("created_at", "id")
    ]
    data["memberships"] = [
        {"organisation": m.organisation.name, "role": m.role, "title": m.title}
        for m in person.memberships.all()
    ]
    data["access_log"] = [
        {"at": e.at.isoformat(), "action": e.action, "body_id": e.actor_body_id,
         "groups": e.detail.get("groups", [])}
        for e in AuditEntry.objects.filter(target_type="person", target_id=person.pk)
    ]  # fmt: skip
    return data


def export_as_csv(data: dict[str, Any]) -> str:
    """The same export flattened to section,key,value rows; every cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "value"])

    def emit(section: str, key: str, value: Any) -> None:
        writer.writerow([safe_cell(section), safe_cell(key), safe_cell(value)])

    for key, value in data["account"].items():
        emit("account", key, value)
    for key, value in (data["profile"] or {}).items():
        emit("profile", key, value)
    for section in ("consents", "memberships", "access_log"):
        for index, item in enumerate(data[section]):
            for key, value in item.items():
                emit(section, f"{index}.{key}", value)
    return out.getvalue()


def record_export(*, user, fmt: str) -> None:
    audit.record(
        AuditAction.EXPORT,
        actor_id=user.pk,
        target_type="user",
        target_id=user.pk,
        detail={"format": fmt, "scope": "own data"},
    )


@transaction.atomic
def account_erase(*, user) -> None:
    """Erase an account and the person behind it (see the module docstring)."""
    person = Person.objects.filter(user=user).first()
    person_id = person.pk if person else None
    if person is not None:
        if person.consent_statistics:
            remnant, _ = StatisticalRemnant.objects.get_or_create(
                country=person.country.code or "",
                hometown_province=person.hometown_province or 0,
                qualification=person.qualification,
                residency_status=person.residency_status,
            )
            StatisticalRemnant.objects.filter(pk=remnant.pk).update(count=F("count") + 1)
            statistical_remnant_added.send(
                sender=StatisticalRemnant,
                province_code=remnant.hometown_province,
                country=remnant.country,
                residency_status=remnant.residency_status,
                qualification=remnant.qualification,
            )
        Membership.objects.filter(person=person).delete()
        person.delete()  # consent history and field links go with it (CASCADE)
    _delete_sessions_of(user.pk)
    audit.record(
        AuditAction.ERASURE,
        actor_id=user.pk,
        target_type="person" if person_id else "user",
        target_id=person_id or user.pk,
    )
    user.delete()  # email addresses, second factors, API tokens: CASCADE
    if person_id:
        transaction.on_commit(lambda: people_index().remove([person_id]))


def _delete_sessions_of(user_id: int) -> None:
    key = str(user_id)
    stale = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == key
    ]
    Session.objects.filter(pk__in=stale).delete()


def purge_expired(*, now=None) -> dict[str, int]:
    """Retention: accounts never verified within ACCOUNT_UNVERIFIED_RETENTION_DAYS are erased;
    files under IMPORT_DIR older than IMPORT_RETENTION_DAYS are deleted."""
    from allauth.account.models import EmailAddress

    from kieubao.accounts.models import User

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ACCOUNT_UNVERIFIED_RETENTION_DAYS)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    unverified = User.objects.filter(date_joined__lt=cutoff, is_staff=False).exclude(
        pk__in=verified
    )
    accounts = 0
    for user in unverified:
        account_erase(user=user)
        accounts += 1
    files = 0
    import_dir = settings.IMPORT_DIR
    if import_dir.exists():
        file_cutoff = (now - timedelta(days=settings.IMPORT_RETENTION_DAYS)).timestamp()
        for path in import_dir.rglob("*"):
            if path.is_file() and path.stat().st_mtime < file_cutoff:
                path.unlink()
                files += 1
    return {"unverified_accounts": accounts, "import_files": files}
