"""The REST API, version 1: each app's router mounted under /api/v1/."""

from __future__ import annotations

from ninja import NinjaAPI

from kieubao.activities.api.views import router as activities_router
from kieubao.campaigns.api.views import router as campaigns_router
from kieubao.community.api.views import router as community_router
from kieubao.core.api import errors
from kieubao.events.api.views import router as events_router
from kieubao.insights.api.views import router as insights_router
from kieubao.investment.api.views import router as investment_router
from kieubao.knowledge.api.views import router as knowledge_router
from kieubao.proposals.api.views import router as proposals_router
from kieubao.trade.api.views import router as trade_router

api = NinjaAPI(
    title="kieubao API",
    version="1",
    description=(
        "The kieubao platform API. Personal data is returned only as far as each person's "
        "visibility settings and the caller's role allow. Errors are JSON with a stable `code`; "
        "validation errors (422) list field-level messages in the caller's language "
        "(Accept-Language: vi or en)."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", community_router)
api.add_router("/", insights_router)
api.add_router("/", knowledge_router)
api.add_router("/", trade_router)
api.add_router("/", proposals_router)
api.add_router("/", events_router)
api.add_router("/", investment_router)
api.add_router("/", campaigns_router)
api.add_router("/", activities_router)
