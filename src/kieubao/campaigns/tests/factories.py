"""Factories of the campaigns' tests, the matrix world, the API fuzzer and the demo."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kieubao.campaigns import services
from kieubao.campaigns.models import Campaign, CampaignKind, CampaignStatus
from kieubao.community.models import Organisation

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def evidence(name: str = "chung-tu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def make_campaign(
    owner: Organisation,
    *,
    kind: str = CampaignKind.FUNDRAISING,
    status: str = CampaignStatus.OPEN,
    target_vnd: int = 1_000_000_000,
    title: str = "Chung tay vì biển đảo",
    title_en: str = "Together for the islands",
    user=None,
    **values,
) -> Campaign:
    today = timezone.localdate()
    values.setdefault("starts_on", today - timedelta(days=10))
    values.setdefault("ends_on", today + timedelta(days=60))
    campaign = services.campaign_create(
        owner=owner,
        user=user,
        kind=kind,
        title=title,
        title_en=title_en,
        cause=values.pop("cause", "Ủng hộ đồng bào."),
        target_vnd=target_vnd,
        **values,
    )
    if status != CampaignStatus.DRAFT:
        services.campaign_set_status(campaign, status=CampaignStatus.OPEN)
        if status == CampaignStatus.CLOSED:
            services.campaign_set_status(campaign, status=CampaignStatus.CLOSED)
    return campaign


def contribute(campaign: Campaign, amount, **values):
    values.setdefault("name", "Nhà hảo tâm")
    return services.contribution_record(campaign, amount=amount, **values)


def allocate(campaign: Campaign, amount_vnd, **values):
    values.setdefault("recipient_name", "UBND tỉnh Quảng Trị")
    values.setdefault("purpose", "Hỗ trợ khắc phục bão lũ")
    values.setdefault("evidence", evidence())
    return services.allocation_record(campaign, amount_vnd=amount_vnd, **values)
