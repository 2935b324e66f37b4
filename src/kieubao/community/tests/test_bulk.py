"""The bulk loader: what it writes, the secondary indexes it drops and re-creates, and the
search index it builds beside the load (the same documents as ``kieubao reindex``)."""

import psycopg
import pytest
from django.db import IntegrityError, connection

from kieubao.community import bulk, services
from kieubao.community.bulk import PersonRow, people_bulk_insert, people_bulk_load
from kieubao.community.models import ConsentRecord, Membership, Person, Visibility
from kieubao.community.rules import ANONYMOUS, Scope, Viewer
from kieubao.community.search import SearchFilters, _document, _Lookups, documents, people_index
from kieubao.community.selectors import people_search

pytestmark = pytest.mark.django_db

MEMBER = Viewer(user_id=10_000)
HAI_PHONG_OFFICIAL = Viewer(user_id=10_001, scope=Scope(body_id=1, province_code=31))


@pytest.fixture
def orgs():
    network = services.organisation_create(
        name="Mạng lưới", kind="innovation_network", country="VN"
    )
    chapter = services.organisation_create(
        name="Mạng lưới tại Đức", name_en="Network DE", kind="innovation_network", country="DE",
        parent=network,
    )  # fmt: skip
    association = services.organisation_create(
        name="Hội người Việt", kind="association", country="JP"
    )
    return network, chapter, association


def _rows(orgs) -> list[PersonRow]:
    from kieubao.community.models import ExpertiseField

    network, chapter, association = orgs
    ai, semi = (
        ExpertiseField.objects.get(slug="ai").pk,
        ExpertiseField.objects.get(slug="semiconductors").pk,
    )
    return [
        PersonRow(
            full_name="  Nguyễn   Văn An ",
            country="DE",
            qualification="phd",
            city="Berlin",
            hometown_province=31,
            residency_status="permanent",
            employer="Siemens",
            languages=["vi", "de"],
            field_ids=[ai, semi],
            organisation_ids=[chapter.pk],
            consents=("directory", "contact", "statistics"),
            visibility={"profile": Visibility.PUBLIC, "location": Visibility.OFFICIALS},
            external_id="t-1",
        ),
        PersonRow(
            full_name="Trần Thị Bình",
            other_names="Binh Tran; Bình",
            country="JP",
            city="Tokyo",
            hometown_province=1,
            employer="Đại học Tokyo",
            field_ids=[semi],
            organisation_ids=[association.pk, network.pk],
            external_id="t-2",
        ),
        PersonRow(full_name="Lê Văn Ẩn", country="US", consents=("statistics",), external_id="t-3"),
        PersonRow(
            full_name=unicodedata_nfd("Phạm Thị Thu"),
            visibility={"profile": Visibility.OFFICIALS, "work": Visibility.PUBLIC},
            hometown_province=31,
            external_id="t-4",
        ),
    ]


def unicodedata_nfd(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text)


def _index_state() -> dict[str, set[str]]:
    tables = bulk._bulk_tables()
    with connection.cursor() as cursor:
        out = {}
        for table in tables:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s",
                    [table],
                )
            else:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table]
                )
            out[table] = set(cursor.fetchall())
        return out


def test_bulk_insert_writes_people_links_memberships_and_consents(orgs):
    assert people_bulk_insert(_rows(orgs), batch_size=3) == 4
    an = Person.objects.get(external_id="t-1")
    assert an.full_name == "Nguyễn Văn An"
    assert an.full_name_folded == "nguyen van an"
    assert an.user_id is None
    assert an.languages == ["vi", "de"]
    assert (an.vis_profile, an.vis_location, an.vis_work) == (0, 2, 1)
    assert an.consent_directory and an.consent_contact and an.consent_statistics
    assert sorted(an.fields.values_list("slug", flat=True)) == ["ai", "semiconductors"]
    assert list(an.memberships.values_list("organisation_id", "role")) == [(orgs[1].pk, "member")]
    hidden = Person.objects.get(external_id="t-3")
    assert not hidden.consent_directory and hidden.consent_statistics
    assert list(
        ConsentRecord.objects.filter(person=an).order_by("id").values_list("purpose", "granted")
    ) == [("directory", True), ("contact", True), ("statistics", True)]
    assert Membership.objects.count() == 3
    # Ids continue after what exists: a second load appends.
    assert people_bulk_insert([PersonRow(full_name="Võ Mới", external_id="t-5")]) == 1
    assert Person.objects.get(external_id="t-5").pk == Person.objects.get(external_id="t-4").pk + 1


def test_secondary_indexes_are_the_non_unique_ones_and_come_back(orgs):
    tables = bulk._bulk_tables()
    before = _index_state()
    secondary = {table: set(bulk.secondary_indexes(table)) for table in tables}
    names = {name for indexes in secondary.values() for name, _sql in indexes}
    if connection.vendor == "sqlite":
        assert "community_person_full_name_folded_c98c41f4" in names
    assert all("UNIQUE" not in sql.upper() for s in secondary.values() for _n, sql in s)
    with bulk._secondary_indexes_dropped() as recreate:
        # Only what enforces uniqueness (and primary keys) stays during the load.
        assert _index_state() == {table: before[table] - secondary[table] for table in tables}
        recreate()
        assert _index_state() == before
    assert _index_state() == before


def test_indexes_come_back_when_the_load_fails(orgs):
    before = _index_state()
    rows = [*_rows(orgs), PersonRow(full_name="Trùng", external_id="t-1")]  # duplicate id
    # PostgreSQL's COPY raises psycopg's error, SQLite's INSERT Django's.
    with pytest.raises((IntegrityError, psycopg.IntegrityError)):
        people_bulk_load(rows, batch_size=2)
    assert _index_state() == before
    # The index process rolled back: nothing of the load is searchable.
    assert people_index().index.searcher().num_docs == 0


def test_load_builds_the_same_documents_as_reindex(orgs):
    """The concurrent path feeds _document() rows taken from PersonRows; reindex reads them
    back from the database. Both must give identical documents."""
    encoder = bulk._RowEncoder()
    listed: list = []
    encoder.encode(_rows(orgs), listed=listed)
    lookups = _Lookups(all_organisations=True)
    from_rows = [_document(r, f, o, lookups).to_dict() for r, f, o in listed]
    people_bulk_insert(_rows(orgs))
    from_db = [d.to_dict() for d in documents(Person.objects.all())]
    assert len(from_rows) == 3  # the unlisted person is not indexed
    assert from_rows == from_db


def test_load_indexes_the_people_in_a_second_process(orgs):
    result = people_bulk_load(_rows(orgs), batch_size=2)
    assert (result.people, result.listed) == (4, 3)
    assert people_index().index.searcher().num_docs == 3
    queries = [
        (ANONYMOUS, "nguyen van an", SearchFilters()),
        (MEMBER, "binh tran", SearchFilters()),
        (MEMBER, "", SearchFilters(field="semiconductors")),
        (MEMBER, "", SearchFilters(organisation=orgs[0].pk)),
        (MEMBER, "berlin", SearchFilters()),
        (HAI_PHONG_OFFICIAL, "berlin", SearchFilters()),
        (HAI_PHONG_OFFICIAL, "pham thi thu", SearchFilters()),
        (MEMBER, "pham", SearchFilters()),
        (MEMBER, "le van an", SearchFilters()),
    ]
    loaded = [
        sorted(p.id for p in people_search(v, text=t, filters=f).items) for v, t, f in queries
    ]
    people_index().rebuild()
    rebuilt = [
        sorted(p.id for p in people_search(v, text=t, filters=f).items) for v, t, f in queries
    ]
    assert loaded == rebuilt
    an, binh, _hidden, thu = Person.objects.order_by("pk").values_list("pk", flat=True)
    assert loaded == [[an], [binh], [an, binh], [an, binh], [], [an], [thu], [], []]


def test_unknown_organisations_and_fields_are_refused(orgs):
    rows = [PersonRow(full_name="Hồ Văn Lạc", organisation_ids=[987654], external_id="t-9")]
    with pytest.raises(IntegrityError):
        people_bulk_insert(rows)
    rows = [PersonRow(full_name="Hồ Văn Lạc", field_ids=[987654], external_id="t-9")]
    with pytest.raises(IntegrityError):
        people_bulk_load(rows)
    assert not Person.objects.filter(external_id="t-9").exists()
