"""Catalogue search: published products of active companies, and companies, through the search
indexes (search.py). INTERFACE (implemented by the search work):

    search_products(viewer, *, text="", hs="", province=None, category="", certificate="",
                    market="", signature=False, ocop_min=None, verified=False, page=1,
                    per_page=PAGE_SIZE, day=None) -> ResultPage   # items: Product
    search_companies(viewer, *, text="", role="", country="", province=None, sector="",
                     certificate="", verified=False, page=1, per_page=PAGE_SIZE) -> ResultPage
"""
