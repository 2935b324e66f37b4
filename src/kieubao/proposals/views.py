"""Proposal pages: list and search, submission (with similar proposals suggested while the
title is typed), a proposal with its public timeline, endorsements, threaded comments, abuse
reports and moderation, and the workflow for the platform and the assigned agency."""

from __future__ import annotations

urlpatterns: list = []
