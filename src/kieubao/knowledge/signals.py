"""Keeps the experts index in step with changes made outside this app.

Consent and registry profiles are written by the community app's services, which know nothing
of the knowledge network (dependencies point one way), so the experts index listens: a person
who withdraws consent to be contacted leaves the index when that transaction commits. The
matching re-reads consent from the database anyway, so even before the commit nobody who
withdrew is ever recommended. Expert profiles and works are re-indexed by this app's own
services (``matching.schedule_expert_reindex``)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kieubao.community.models import Person

from .expert_index import schedule_update
from .models import ExpertProfile


@receiver(post_save, sender=Person, dispatch_uid="knowledge.person_saved")
def person_saved(sender, instance: Person, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or created:
        return  # fixtures; a new person has no expert profile yet
    if ExpertProfile.objects.filter(person_id=instance.pk).exists():
        schedule_update([instance.pk])


@receiver(post_delete, sender=ExpertProfile, dispatch_uid="knowledge.profile_deleted")
def profile_deleted(sender, instance: ExpertProfile, **kwargs) -> None:
    # Also reached when the person is erased (the profile goes with them, CASCADE).
    schedule_update([instance.person_id])
