"""Hypothesis properties of the privacy rules, the projection of a person, text folding,
province resolution and spreadsheet-safe cells.

People are built in memory (no database): a Person with ``pk``/``user_id`` set and its
``fields``/``memberships`` prefetch caches filled with unsaved objects, so each property runs
500 examples in about a second or two. Generation is derandomized: CI sees the same examples
on every run (a failure always reproduces).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kieubao.community.models import (
    FIELD_GROUP_MEMBERS,
    ExpertiseField,
    FieldGroup,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Person,
    Qualification,
    ResidencyStatus,
    Sex,
    Visibility,
)
from kieubao.community.rules import ANONYMOUS, Scope, Viewer, can_view_person, scope_for_body
from kieubao.community.selectors import project_person
from kieubao.core.csvsafe import safe_cell
from kieubao.core.languages import LANGUAGES
from kieubao.core.provinces import all_provinces, resolve_province
from kieubao.core.text import fold

MIN_EXAMPLES = 500
PROPERTY = settings(
    max_examples=MIN_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

GROUPS = tuple(FieldGroup.values)
LEVELS = tuple(Visibility.values)
GROUP_OF = {attr: group for group, attrs in FIELD_GROUP_MEMBERS.items() for attr in attrs}
# Values in PersonView.values that are not attributes themselves: derived from one.
DERIVED = {
    "country_name": "country",
    "qualification_label": "qualification",
    "fields_api": "fields",
    "residency_status_label": "residency_status",
    "languages_api": "languages",
    "sex_label": "sex",
}
# Small pools, so that a random official's scope often covers a random person.
PROVINCES = (31, 48, 79)
COUNTRIES = ("", "DE", "JP", "US")


def run_counted(prop: Callable) -> int:
    """Run a @given property and return how many examples it ran (Hypothesis lets the inner
    test be replaced for exactly this kind of wrapping)."""
    inner = prop.hypothesis.inner_test
    calls = 0

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return inner(*args, **kwargs)

    prop.hypothesis.inner_test = counting
    prop()
    print(f"\n{prop.__name__}: {calls} examples")
    assert calls >= MIN_EXAMPLES
    return calls


# -- people and viewers -------------------------------------------------------------------------

# Every text value of group G is "⟦G:attr⟧…", so that a hidden group's values can be looked for
# anywhere in the output. (What the text says does not matter to the rules; random text for a
# dozen attributes would only make each example slower.)
_MARKED = {
    (group, attr): st.sampled_from([f"⟦{group}:{attr}⟧{text}" for text in ("", "Đào", "x")])
    for group, attrs in FIELD_GROUP_MEMBERS.items()
    for attr in attrs
}


def _marked(group: str, attr: str) -> st.SearchStrategy[str]:
    return _MARKED[group, attr]


# Strategies are built once: building them inside @composite functions on every draw costs more
# than the properties themselves.
_IDS = st.integers(1, 10_000)
_USER_IDS = st.none() | st.integers(1, 20)
_COUNTRY = st.sampled_from(COUNTRIES)
_MISSION_COUNTRY = st.sampled_from(COUNTRIES[1:])
_QUALIFICATION = st.sampled_from(Qualification.values)
_HOMETOWN = st.none() | st.sampled_from(PROVINCES)
_PROVINCE = st.sampled_from(PROVINCES)
_RESIDENCY = st.sampled_from(["", *ResidencyStatus.values])
_LANGUAGES = st.lists(st.sampled_from(sorted(LANGUAGES)), max_size=3, unique=True)
_BIRTH_YEAR = st.none() | st.integers(1900, 2100)
_SEX = st.sampled_from(Sex.values)
_LEVEL = st.sampled_from(LEVELS)
_BOOL = st.booleans()
_FEW = st.integers(0, 2)
_ROLE = st.sampled_from(MembershipRole.values)
_VIEWER_KIND = st.sampled_from(["anonymous", "member", "official", "admin"])
_BODY_KIND = st.sampled_from(OrganisationKind.values)
_PICK = st.integers(0, 11)  # an index into a short list that depends on the person


@st.composite
def people(draw, *, listed: bool | None = None) -> Person:
    person = Person(
        pk=draw(_IDS),
        user_id=draw(_USER_IDS),
        full_name=draw(_marked("profile", "full_name")),
        other_names=draw(_marked("profile", "other_names")),
        country=draw(_COUNTRY),
        qualification=draw(_QUALIFICATION),
        city=draw(_marked("location", "city")),
        hometown_province=draw(_HOMETOWN),
        residency_status=draw(_RESIDENCY),
        employer=draw(_marked("work", "employer")),
        languages=draw(_LANGUAGES),
        bio=draw(_marked("work", "bio")),
        birth_year=draw(_BIRTH_YEAR),
        sex=draw(_SEX),
        email=draw(_marked("contact", "email")),
        phone=draw(_marked("contact", "phone")),
        website=draw(_marked("contact", "website")),
        consent_directory=draw(_BOOL) if listed is None else listed,
        consent_contact=draw(_BOOL),
        consent_statistics=draw(_BOOL),
        **{f"vis_{group}": draw(_LEVEL) for group in GROUPS},
    )
    fields = [
        ExpertiseField(
            pk=i + 1,
            slug=f"field-{i}",
            name_vi=draw(_marked("profile", "fields")),
            name_en=draw(_marked("profile", "fields")),
        )
        for i in range(draw(_FEW))
    ]
    memberships = []
    for i in range(draw(_FEW)):
        organisation = Organisation(
            pk=i + 1,
            name=draw(_marked("work", "memberships")),
            name_en=draw(_marked("work", "memberships")),
            kind=OrganisationKind.ASSOCIATION,
            country="DE",
        )
        memberships.append(
            Membership(
                pk=i + 1,
                person=person,
                organisation=organisation,
                role=draw(_ROLE),
                title=draw(_marked("work", "memberships")),
            )
        )
    person._prefetched_objects_cache = {"fields": fields, "memberships": memberships}
    return person


def _pick(draw, options: list):
    return options[draw(_PICK) % len(options)]


def _official(user_id: int, kind: str, province: int, country: str) -> Viewer:
    # Province bodies always have a province (a database constraint); other kinds none.
    province_code = province if kind == OrganisationKind.PROVINCE else None
    return Viewer(user_id=user_id, scope=scope_for_body(7, kind, province_code, country))


@st.composite
def viewers(draw, person: Person) -> Viewer:
    """Anyone: anonymous, a member, the person themself, an official of any kind of body (with a
    random province or country), an admin. User ids overlap the person's now and then."""
    user_id = _pick(draw, [person.user_id or 23, 21, 22])
    kind = draw(_VIEWER_KIND)
    if kind == "anonymous":
        return ANONYMOUS
    if kind == "member":
        return Viewer(user_id=user_id, person_id=draw(_IDS))
    if kind == "admin":
        return Viewer(user_id=user_id, is_admin=True)
    return _official(user_id, draw(_BODY_KIND), draw(_PROVINCE), draw(_MISSION_COUNTRY))


@st.composite
def people_and_viewers(draw, *, listed: bool | None = None) -> tuple[Person, Viewer]:
    person = draw(people(listed=listed))
    return person, draw(viewers(person))


def _covers(scope: Scope, person: Person) -> bool:
    """The rules' scopes, restated: the whole country, a hometown province, a residence."""
    if scope.national:
        return True
    if scope.province_code is not None:
        return person.hometown_province == scope.province_code
    if scope.country:
        return str(person.country) == scope.country
    return False


def expected_level(viewer: Viewer, person: Person) -> int:
    if viewer.is_admin or (viewer.user_id is not None and viewer.user_id == person.user_id):
        return Visibility.PRIVATE
    if viewer.scope is not None:
        # Officials act only for their body: outside its scope, what anyone may see.
        return Visibility.OFFICIALS if _covers(viewer.scope, person) else Visibility.PUBLIC
    return Visibility.MEMBERS if viewer.user_id is not None else Visibility.PUBLIC


# -- (a) the projection shows nothing of a hidden group -----------------------------------------


def test_projection_shows_only_groups_within_the_viewers_level():
    @PROPERTY
    @given(people_and_viewers())
    def projection_shows_only_visible_groups(pair):
        person, viewer = pair
        level = viewer.level_for(person)
        assert level == expected_level(viewer, person)
        visible = {g for g in GROUPS if person.visibility_of(g) <= level}
        hidden = set(GROUPS) - visible

        view = project_person(viewer, person)
        assert view.level == level
        assert view.visible_groups == visible
        assert set(view.hidden_groups) == hidden
        for name, value in view.values.items():
            group = GROUP_OF[DERIVED.get(name, name)]
            # The one placeholder: templates read full_name even when the profile is hidden.
            assert group in visible or (name == "full_name" and value is None), name

        out = view.as_dict()
        assert out["id"] == person.pk
        assert sorted(out["hidden_groups"]) == sorted(hidden)
        for name in set(out) - {"id", "hidden_groups", "consents"}:
            assert GROUP_OF[name] in visible, name
        for group in visible:
            assert set(FIELD_GROUP_MEMBERS[group]) <= set(out)
        assert ("consents" in out) == (level == Visibility.PRIVATE)
        dumped = json.dumps(out, ensure_ascii=False)
        for group in hidden:
            assert f"⟦{group}:" not in dumped, group
            assert not set(FIELD_GROUP_MEMBERS[group]) & set(out), group

    run_counted(projection_shows_only_visible_groups)


# -- (b) levels are ordered by role -------------------------------------------------------------


@st.composite
def people_with_official_scopes(draw):
    """A person, an official scope that covers them and one that does not."""
    person = draw(people())
    covering = [Scope(body_id=1, national=True)]
    if person.hometown_province is not None:
        covering.append(Scope(body_id=2, province_code=person.hometown_province))
    if person.country:
        covering.append(Scope(body_id=3, country=str(person.country)))
    other_province = _pick(draw, [p for p in PROVINCES if p != person.hometown_province])
    other_country = _pick(draw, [c for c in COUNTRIES[1:] if c != str(person.country)])
    outside = [
        Scope(body_id=4),  # a body kind that grants no scope
        Scope(body_id=5, province_code=other_province),
        Scope(body_id=6, country=other_country),
    ]
    return person, _pick(draw, covering), _pick(draw, outside)


def test_levels_are_monotonic_in_the_role():
    @PROPERTY
    @given(people_with_official_scopes(), st.integers(21, 30))
    def levels_are_ordered(case, user_id):
        person, covering, outside = case
        anonymous = ANONYMOUS.level_for(person)
        member = Viewer(user_id=user_id).level_for(person)
        in_scope = Viewer(user_id=user_id, scope=covering).level_for(person)
        out_of_scope_viewer = Viewer(user_id=user_id, scope=outside)
        out_of_scope = out_of_scope_viewer.level_for(person)
        admin = Viewer(user_id=user_id, is_admin=True).level_for(person)

        assert admin == Visibility.PRIVATE
        if person.user_id is not None:
            assert Viewer(user_id=person.user_id).level_for(person) == Visibility.PRIVATE
            # Being the person wins over any role.
            own_official = Viewer(user_id=person.user_id, scope=outside)
            assert own_official.level_for(person) == Visibility.PRIVATE
        assert admin >= in_scope >= member >= anonymous
        assert (in_scope, member, anonymous) == (
            Visibility.OFFICIALS,
            Visibility.MEMBERS,
            Visibility.PUBLIC,
        )
        # An official acts only for their body: outside its scope they are no more than anyone
        # (rules.py since "Officials act only for their body"), so never above a member.
        assert out_of_scope == anonymous
        assert out_of_scope <= member
        # The search index serves a viewer's base level everywhere: it must agree.
        assert out_of_scope_viewer.base_level() == out_of_scope

    run_counted(levels_are_ordered)


def test_the_search_base_level_never_exceeds_the_rules():
    @PROPERTY
    @given(people_and_viewers())
    def base_level_is_a_floor(pair):
        person, viewer = pair
        # base_level() is what the search index grants a viewer for everyone: never more than
        # level_for() grants for any one person.
        assert viewer.base_level() <= viewer.level_for(person)

    run_counted(base_level_is_a_floor)


# -- (c) consent ------------------------------------------------------------------------------


def test_an_unlisted_person_is_visible_only_to_themself_and_admins():
    @PROPERTY
    @given(people_and_viewers(listed=False))
    def unlisted_is_private(pair):
        person, viewer = pair
        own = viewer.user_id is not None and viewer.user_id == person.user_id
        assert can_view_person(viewer, person) == (viewer.is_admin or own)

    run_counted(unlisted_is_private)


def test_a_listed_person_is_visible_where_their_profile_group_is():
    @PROPERTY
    @given(people_and_viewers(listed=True))
    def listed_follows_profile_visibility(pair):
        person, viewer = pair
        level = viewer.level_for(person)
        assert can_view_person(viewer, person) == (person.vis_profile <= level)

    run_counted(listed_follows_profile_visibility)


# -- (d) folding --------------------------------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"
# No tone, huyền, sắc, hỏi, ngã, nặng.
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
ASCII_OF = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}


# Every Vietnamese letter in both cases, each with its expected fold; vowels with each tone.
LETTERS = sorted(
    {
        (variant, ASCII_OF.get(base, base))
        for base in VOWELS
        for tone in TONES
        for variant in (
            unicodedata.normalize("NFC", base + tone),
            unicodedata.normalize("NFC", base + tone).upper(),
        )
    }
    | {
        (variant, ASCII_OF.get(base, base))
        for base in CONSONANTS
        for variant in (base, base.upper())
    }
)
_WORDS = st.lists(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=7), max_size=5)
_SEPARATORS = st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0"]), min_size=6, max_size=6)


@st.composite
def vietnamese_text(draw) -> tuple[str, str]:
    """Words of Vietnamese letters separated by white space, and their expected fold."""
    words = draw(_WORDS)
    separators = draw(_SEPARATORS)
    text = "".join(
        sep + "".join(letter for letter, _ in word)
        for sep, word in zip(separators, words, strict=False)
    )
    expected = " ".join("".join(ascii for _, ascii in word) for word in words)
    return text, expected


def _forms(text: str) -> list[str]:
    return [unicodedata.normalize(form, text) for form in ("NFC", "NFD", "NFKC", "NFKD")]


def test_fold_is_idempotent_and_ignores_normalisation_form():
    @PROPERTY
    @given(st.text())
    def fold_is_a_normal_form(text):
        folded = fold(text)
        assert fold(folded) == folded
        assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))
        assert folded == folded.strip() and "  " not in folded
        assert fold(text.lower()) == folded

    run_counted(fold_is_a_normal_form)


def test_fold_maps_vietnamese_to_ascii_whatever_the_case_tone_or_form():
    @PROPERTY
    @given(vietnamese_text(), st.sampled_from(["", "upper", "lower", "title", "swapcase"]))
    def vietnamese_folds_to_ascii(sample, case):
        text, expected = sample
        if case:
            text = getattr(text, case)()
        for form in _forms(text):
            folded = fold(form)
            assert folded == expected, (form, folded)
            assert folded.isascii()
            assert fold(folded) == folded

    run_counted(vietnamese_folds_to_ascii)


def test_every_vietnamese_letter_folds_to_one_ascii_letter():
    # Exhaustive rather than sampled: 12 vowels x 6 tones x 2 cases, plus consonants.
    for base in VOWELS:
        for tone in TONES:
            letter = unicodedata.normalize("NFC", base + tone)
            for variant in (letter, *_forms(letter.upper()), base + tone):
                assert fold(variant) == ASCII_OF.get(base, base), variant
    for base in CONSONANTS:
        assert fold(base) == fold(base.upper()) == ASCII_OF.get(base, base)


# -- (e) provinces ------------------------------------------------------------------------------

PREFIXES = ("", "Tỉnh ", "Thành phố ", "TP. ", "TP.", "tp ", "T.P. ")


def _strip_tones(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@st.composite
def province_spellings(draw):
    province = draw(st.sampled_from(all_provinces()))
    name = draw(st.sampled_from([province.name_vi, province.official_name]))
    if name == province.name_vi:
        name = draw(st.sampled_from(PREFIXES)) + name
    if draw(st.booleans()):
        name = _strip_tones(name)
    # Any mix of upper and lower case, letter by letter.
    mask = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    name = "".join(c.upper() if up else c.lower() for c, up in zip(name, mask, strict=True))
    name = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), name)
    padding = draw(st.sampled_from(["", " ", "  "]))
    return province, padding + name + padding


def test_any_usual_spelling_of_a_province_resolves_to_it():
    @PROPERTY
    @given(province_spellings())
    def spelling_resolves(case):
        province, spelling = case
        assert resolve_province(spelling) == province, spelling

    run_counted(spelling_resolves)


# -- (f) spreadsheet cells ----------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@st.composite
def risky_text(draw) -> str:
    """Any text, often starting with a formula trigger or hiding one behind NULs."""
    prefix = draw(st.sampled_from(["", "\x00", "\x00\x00", *FORMULA_STARTS, "\x00="]))
    return prefix + draw(st.text())


def test_safe_cells_never_start_a_formula_and_never_hold_nul():
    @PROPERTY
    @given(risky_text() | st.lists(risky_text(), max_size=3))
    def cell_is_safe(value):
        cell = safe_cell(value)
        assert not cell.startswith(FORMULA_STARTS)
        assert "\x00" not in cell
        # Nothing else changes: the text, without NUL, maybe behind one apostrophe.
        text = "; ".join(value) if isinstance(value, list) else value
        text = text.replace("\x00", "")
        assert cell in (text, "'" + text)

    run_counted(cell_is_safe)
