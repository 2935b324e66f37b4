"""Ranked counterparts of a trade lead, with the reasons. INTERFACE (implemented by the
matching work):

    @dataclass Match: kind ("product" | "company"), product: Product | None,
                      company: Company, score: float (0..1), reasons: list[str] (translated
                      sentences), parts: dict[str, float] (each criterion's share)
    matches_for_lead(lead, *, limit=10, day=None) -> list[Match]
        buy request -> published products of active exporters; sell offer -> distributors
"""
