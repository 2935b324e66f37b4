"""Which column of a survey file is which field, and what its values mean.

Headers are matched on their folded key (case, tones and punctuation ignored), in any order:
exactly against a field's names; then with parenthesised notes, a trailing unit and a leading
number removed ("1. Vốn đầu tư (triệu USD)" → "vốn đầu tư"); then by the longest multi-word name
the header starts with ("Họ và tên kiều bào"). Generic two-word names that often begin other
headers ("Tình trạng hôn nhân", "Mã số hộ chiếu", "Trình độ ngoại ngữ") match only exactly.

Value parsers return the canonical value, None or "" for a blank cell, or raise ``ValueProblem``
with a translated message and suggestions a user can act on (names of countries, or the
canonical values ``--map-value`` accepts).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kieubao.core.countries import country_name, country_suggestions, resolve_country
from kieubao.core.provinces import (
    ALIASES,
    FORMER_PROVINCES,
    Province,
    all_provinces,
    resolve_province,
)
from kieubao.core.text import fold, fold_key, normalize


class ValueProblem(Exception):
    """A cell value that cannot be imported: ``str(e)`` is the translated message,
    ``suggestions`` what the user may have meant."""

    def __init__(self, message: str, suggestions: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions)

    def __str__(self) -> str:
        return str(self.message)


# --- the fields ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_vi: str
    label_en: str
    synonyms: tuple[str, ...] = ()
    # Generic names ("Tên", "Mã") that give way when another column names the field precisely,
    # as in a list with both "Họ và tên" and a "Tên" column kept for sorting.
    weak: tuple[str, ...] = ()
    required: bool = False
    money: bool = False


def _f(name: str, vi: str, en: str, synonyms: str = "", *, weak: str = "", **flags) -> FieldSpec:
    """A field; ``synonyms`` and ``weak`` are names separated by "|"."""

    def names(text: str) -> tuple[str, ...]:
        return tuple(n.strip() for n in text.split("|") if n.strip())

    return FieldSpec(name, vi, en, names(synonyms), names(weak), **flags)


# fmt: off
SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "people": (
        _f("full_name", "Họ và tên", "Full name",
           "Họ tên | Họ, tên | Họ và tên kiều bào | Tên kiều bào",
           weak="Tên | Name", required=True),
        _f("birth_year", "Năm sinh", "Year of birth",
           "Ngày sinh | Ngày tháng năm sinh | Sinh năm | Birth year | Date of birth | DOB"),
        _f("sex", "Giới tính", "Sex", "Giới | Nam/Nữ | Gender"),
        _f("hometown_province", "Quê quán", "Hometown",
           "Quê | Nguyên quán | Tỉnh/thành phố | Tỉnh thành | Tỉnh | Province | Home province"),
        _f("country", "Quốc gia cư trú", "Country of residence",
           "Nước cư trú | Quốc gia | Nước | Nước sở tại | Quốc gia sinh sống"
           " | Nước đang sinh sống | Country"),
        _f("city", "Thành phố", "City", "Nơi ở | Nơi ở hiện nay | City of residence"),
        _f("residency_status", "Tình trạng cư trú", "Residency status",
           "Diện cư trú | Tình trạng | Diện | Residence status | Status"),
        _f("qualification", "Trình độ", "Qualification",
           "Trình độ học vấn | Trình độ chuyên môn | Học vị | Học hàm, học vị | Bằng cấp"
           " | Education | Degree"),
        _f("field", "Lĩnh vực chuyên môn", "Field of expertise",
           "Lĩnh vực | Chuyên ngành | Ngành | Field | Expertise | Specialty"),
        _f("employer", "Nơi làm việc", "Employer",
           "Cơ quan | Cơ quan công tác | Nơi công tác | Đơn vị công tác | Workplace"),
        _f("email", "Email", "Email", "E-mail | Thư điện tử | Địa chỉ email"),
        _f("phone", "Số điện thoại", "Phone",
           "Điện thoại | SĐT | ĐT | Di động | Telephone | Tel | Mobile"),
        _f("external_id", "Mã hồ sơ", "Record id",
           "Mã số | Mã kiều bào | External id | ID", weak="Mã"),
    ),
    "enterprises": (
        _f("external_id", "Mã doanh nghiệp", "Enterprise id",
           "Mã số doanh nghiệp | Mã số thuế | MST | ID | External id", weak="Mã"),
        _f("name", "Tên doanh nghiệp", "Enterprise name",
           "Doanh nghiệp | Tên công ty | Công ty | Enterprise | Company | Company name",
           weak="Tên | Name", required=True),
        _f("location", "Trong nước/Nước ngoài", "Location",
           "Địa bàn | Địa bàn hoạt động | Trong nước / ngoài nước"),
        _f("country", "Quốc gia", "Country", "Nước"),
        _f("sector", "Lĩnh vực", "Sector",
           "Ngành nghề | Ngành | Lĩnh vực hoạt động | Ngành nghề kinh doanh | Industry"),
        _f("founded_year", "Năm thành lập", "Year founded", "Thành lập | Founded | Founded year"),
        _f("owner", "Người đại diện", "Owner or representative",
           "Người đại diện theo pháp luật | Chủ doanh nghiệp | Giám đốc | Owner"
           " | Representative"),
        _f("employees", "Số lao động", "Employees",
           "Lao động | Số nhân viên | Number of employees | Staff"),
        _f("capital_usd", "Vốn", "Capital",
           "Vốn điều lệ | Vốn đầu tư | Registered capital | Charter capital", money=True),
    ),
    "investments": (
        _f("external_id", "Mã dự án", "Project id", "ID | External id", weak="Mã"),
        _f("name", "Tên dự án", "Project name", "Dự án | Project",
           weak="Tên | Name", required=True),
        _f("investor", "Nhà đầu tư", "Investor", "Chủ đầu tư | Tên nhà đầu tư"),
        _f("investor_country", "Quốc gia nhà đầu tư", "Investor's country",
           "Quốc tịch nhà đầu tư | Quốc gia | Quốc tịch | Nước | Investor country | Country"),
        _f("sector", "Lĩnh vực", "Sector", "Ngành | Industry"),
        _f("location", "Địa điểm", "Location", "Địa điểm thực hiện | Địa điểm dự án"),
        _f("capital_usd", "Vốn đầu tư", "Investment",
           "Tổng vốn đầu tư | Vốn đăng ký | Tổng vốn | Capital | Total investment", money=True),
        _f("year", "Năm cấp phép", "Year licensed", "Năm | Year | Licensed | Năm cấp GCN"),
        _f("status", "Tình trạng", "Status", "Trạng thái | Tình trạng dự án"),
    ),
    "remittances": (
        _f("year", "Năm", "Year", required=True),
        _f("amount_usd", "Kiều hối", "Remittances",
           "Số tiền | Giá trị | Lượng kiều hối | Tổng kiều hối | Amount",
           required=True, money=True),
        _f("note", "Ghi chú", "Note", "Notes | Nguồn | Source"),
    ),
}
# fmt: on


KINDS = tuple(SPECS)
FIELDS: dict[str, list[str]] = {kind: [f.name for f in specs] for kind, specs in SPECS.items()}

# The row counter column, which is ignored.
_COUNTER_KEYS = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu", "no", "nr", "#"})
# Generic multi-word names that must not match as the start of a longer header.
_EXACT_ONLY = frozenset({"tinh trang", "quoc gia", "trinh do", "ma so", "quoc tich"})
# A surname column next to the "Tên" one: the name is split.
_SURNAME_KEYS = frozenset(
    "ho|ho dem|ho va dem|ho va ten dem|ho va chu dem|surname|last name|family name".split("|")
)


def _spec(kind: str, name: str) -> FieldSpec:
    for spec in SPECS[kind]:
        if spec.name == name:
            return spec
    raise KeyError(name)


def field_label(kind: str, field: str, language: str | None = None) -> str:
    """The field's label in Vietnamese or English (the current language by default), the same
    words a province would put in a header."""
    spec = _spec(kind, field)
    language = language or get_language() or "vi"
    return spec.label_en if language.startswith("en") else spec.label_vi


class ImproperlyDefined(Exception):
    """The field specs above contradict themselves (caught by the tests)."""


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[str, bool]]  # key -> (field, weak)
    prefixes: tuple[tuple[str, str], ...]  # (key, field), longest first


@cache
def _index(kind: str) -> _Index:
    exact: dict[str, tuple[str, bool]] = {}
    prefixes: list[tuple[str, str]] = []
    for spec in SPECS[kind]:
        strong = (spec.label_vi, spec.label_en, spec.name.replace("_", " "), *spec.synonyms)
        for name, weak in [(n, False) for n in strong] + [(n, True) for n in spec.weak]:
            key = fold_key(name)
            if key in exact and exact[key][0] != spec.name:
                raise ImproperlyDefined(f"{kind}: {name!r} names two fields")
            exact.setdefault(key, (spec.name, weak))
            if not weak and " " in key and key not in _EXACT_ONLY:
                prefixes.append((key, spec.name))
    prefixes.sort(key=lambda p: len(p[0]), reverse=True)
    return _Index(exact, tuple(prefixes))


# --- units of money columns -----------------------------------------------------------------

_MULTIPLIER_WORDS = {
    "nghin": 1_000, "ngan": 1_000, "thousand": 1_000, "k": 1_000,
    "trieu": 1_000_000, "tr": 1_000_000, "million": 1_000_000, "mn": 1_000_000,
    "mio": 1_000_000, "m": 1_000_000,
    "ty": 1_000_000_000, "ti": 1_000_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
}  # fmt: skip
_MULTIPLIER = r"(nghin|ngan|thousand|trieu|million|mn|mio|ty|ti|billion|bn)"
_DOLLARS = r"(usd|us dollars?|dollars?|do la( my)?|dola|do)"
_USD_UNIT = re.compile(
    rf"\b(?:{_MULTIPLIER}\s+{_DOLLARS}|usd\s+{_MULTIPLIER}|(usd|us dollars?|dollars?|do la))\b"
)
_VND_UNIT = re.compile(
    rf"\b(?:vnd|vn dong|dong viet nam|{_MULTIPLIER}\s+(?:dong|vnd)|(?:nghin|ngan|trieu|ty)\s+d)\b"
)
_NUMERIC_USD = re.compile(rf"\b(1(?: 000)+|10{{3,}})\s+{_DOLLARS}\b")
# A unit ending a header without parentheses ("Kiều hối, triệu USD"); "đô" and "đồng" only after
# a multiplier, or "Trình độ" and "Số lao động" would lose their last word.
_TRAILING_UNIT = re.compile(
    rf"\s*\b(?:{_MULTIPLIER}\s+(?:{_DOLLARS}|dong|vnd|d)|usd\s+{_MULTIPLIER}"
    r"|usd|us dollars?|dollars?|vnd)$"
)
_PARENTHESISED = re.compile(r"[(\[]([^)\]]*)[)\]]")
_LEADING_NUMBER = re.compile(r"^\d+\s+")


def _dollar_sign(text: str) -> str:
    return text.replace("US$", " usd ").replace("$", " usd ")


def header_unit(header: str) -> tuple[str | None, int]:
    """(currency, multiplier) named by a money column's header: ("usd", 1_000_000) for
    "Vốn đầu tư (triệu USD)", ("vnd", 1) for "(tỷ đồng)" or "(VNĐ)", (None, 1_000_000) for a
    bare "(triệu)", (None, 1) when the header says nothing."""
    key = fold_key(_dollar_sign(header))
    notes = [fold_key(note).split() for note in _PARENTHESISED.findall(header)]
    if _VND_UNIT.search(key) or any(words[-1:] in (["dong"], ["d"]) for words in notes):
        return "vnd", 1
    if match := _NUMERIC_USD.search(key):
        return "usd", int(match.group(1).replace(" ", ""))
    if match := _USD_UNIT.search(key):
        word = match.group(1) or match.group(4)
        return "usd", _MULTIPLIER_WORDS[word] if word else 1
    for words in notes:
        if len(words) == 1 and words[0] in _MULTIPLIER_WORDS and len(words[0]) > 2:
            return None, _MULTIPLIER_WORDS[words[0]]
    return None, 1


# --- matching the headers ---------------------------------------------------------------------


@dataclass
class HeaderMatch:
    columns: dict[int, str] = dataclasses.field(default_factory=dict)  # column -> field
    multipliers: dict[int, int] = dataclasses.field(default_factory=dict)  # money column -> x
    ignored: list[str] = dataclasses.field(default_factory=list)  # headers not imported
    counter: int | None = None  # the "STT" column
    missing: list[str] = dataclasses.field(default_factory=list)  # required, not found
    duplicates: dict[str, list[int]] = dataclasses.field(default_factory=dict)  # field -> columns
    problems: list[str] = dataclasses.field(default_factory=list)  # translated; each blocks

    @property
    def ok(self) -> bool:
        return not self.problems

    def column_of(self, field_name: str) -> int | None:
        return next((i for i, f in self.columns.items() if f == field_name), None)


def _match(kind: str, header: str) -> tuple[str, bool] | None:
    index = _index(kind)
    key = fold_key(header)
    if key in index.exact:
        return index.exact[key]
    bare = fold_key(_PARENTHESISED.sub(" ", _dollar_sign(header)))
    bare = _TRAILING_UNIT.sub("", _LEADING_NUMBER.sub("", bare))
    if bare in index.exact:
        return index.exact[bare]
    for candidate in (key, bare):
        for prefix, name in index.prefixes:
            if candidate == prefix or candidate.startswith(prefix + " "):
                return name, False
    return None


def _override_target(kind: str, target: str) -> str | None:
    """A --map target: a field name, "" / "-" to ignore, or any name of a field."""
    target = target.strip()
    if target in ("", "-"):
        return ""
    if target in FIELDS[kind]:
        return target
    found = _index(kind).exact.get(fold_key(target))
    return found[0] if found else None


def match_headers(
    kind: str, headers: list[str], overrides: Mapping[str, str] | None = None
) -> HeaderMatch:
    """Which column is which field of ``kind``. ``overrides`` map a header (matched by its folded
    key) to a field name (or any of the field's names), or to "" or "-" to ignore it."""
    if kind not in SPECS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {KINDS}")
    result = HeaderMatch()
    forced: dict[str, str] = {}
    header_keys = {fold_key(h) for h in headers}
    for header, target in (overrides or {}).items():
        name = _override_target(kind, target)
        if name is None:
            result.problems.append(
                _("Unknown field “%(field)s” for column “%(column)s”.")
                % {"field": target, "column": header}
            )
        elif fold_key(header) not in header_keys:
            result.problems.append(_("No column “%(column)s” in the file.") % {"column": header})
        else:
            forced[fold_key(header)] = name

    candidates: dict[str, list[tuple[int, bool]]] = {}
    ignored: list[int] = []
    for i, header in enumerate(headers):
        key = fold_key(header)
        if key in forced:
            if not forced[key]:
                ignored.append(i)
                continue
            found: tuple[str, bool] | None = (forced[key], False)
        elif result.counter is None and (key in _COUNTER_KEYS or header.strip() == "#"):
            result.counter = i
            continue
        elif not key:
            continue
        else:
            found = _match(kind, header)
        if found is None:
            ignored.append(i)
        else:
            candidates.setdefault(found[0], []).append((i, found[1]))

    for name, columns in candidates.items():
        strong = [c for c in columns if not c[1]]
        if strong and len(strong) < len(columns):
            ignored.extend(i for i, weak in columns if weak)
            columns = strong
        result.columns[columns[0][0]] = name
        if len(columns) > 1:
            result.duplicates[name] = [i for i, _weak in columns]
            result.problems.append(
                _("Several columns look like “%(field)s”: %(columns)s.")
                % {
                    "field": field_label(kind, name),
                    "columns": ", ".join(f"“{headers[i]}”" for i, _weak in columns),
                }
            )
    result.columns = dict(sorted(result.columns.items()))
    result.ignored = [headers[i] for i in sorted(ignored)]

    for i, name in result.columns.items():
        if not _spec(kind, name).money:
            continue
        currency, multiplier = header_unit(headers[i])
        result.multipliers[i] = multiplier
        if currency == "vnd":
            result.problems.append(
                _("Column “%(column)s” is not in US dollars; convert it to USD first.")
                % {"column": headers[i]}
            )

    mapped = set(result.columns.values())
    result.missing = [s.name for s in SPECS[kind] if s.required and s.name not in mapped]
    for name in result.missing:
        result.problems.append(
            _("Required column missing: %(field)s.") % {"field": field_label(kind, name)}
        )
    if kind == "people":
        surnames = [h for h in headers if fold_key(h) in _SURNAME_KEYS]
        name_column = result.column_of("full_name")
        weakly_named = name_column is not None and (name_column, True) in candidates["full_name"]
        if surnames and (name_column is None or weakly_named):
            parts = surnames + ([headers[name_column]] if name_column is not None else [])
            result.problems.append(
                _("The name is split over several columns (%(columns)s); put the full name in one.")
                % {"columns": ", ".join(f"“{h}”" for h in parts)}
            )
    return result


# --- values ----------------------------------------------------------------------------------

# Cells that mean "nothing" in statistical tables. Not "NA": that is Namibia.
_BLANKS = frozenset({"", "-", "–", "—", "x", "n/a", "khong"})


def _choice(text: str | None, table: Mapping[str, str], choices: Iterable[str]) -> str:
    """The canonical value whose folded name equals or begins ``text``; "" when blank."""
    key = fold_key(text or "")
    if not key:
        return ""
    if key in table:
        return table[key]
    for name, value in sorted(table.items(), key=lambda item: len(item[0]), reverse=True):
        if " " in name and key.startswith(name + " "):
            return value
    raise ValueProblem(_("Unknown value."), list(choices))


def _table(spec: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {fold_key(name): value for value, names in spec.items() for name in names}


_SEX = _table(
    {
        "male": ("nam", "nam giới", "male", "m", "trai", "man"),
        "female": ("nữ", "nữ giới", "female", "f", "gái", "woman"),
        "other": ("khác", "other"),
    }
)
_RESIDENCY = _table(
    {
        "permanent": (
            "định cư", "thường trú", "định cư lâu dài", "permanent", "permanent resident", "PR",
            "nhập quốc tịch", "quốc tịch", "citizen", "công dân",
        ),
        "temporary": ("tạm trú", "temporary", "temporary resident", "cư trú có thời hạn"),
        "student": (
            "du học", "du học sinh", "sinh viên", "học sinh", "nghiên cứu sinh", "student",
        ),
        "labour": (
            "lao động", "xuất khẩu lao động", "XKLĐ", "người lao động", "lao động có thời hạn",
            "labour", "labor", "worker", "contract worker",
        ),
    }
)  # fmt: skip
_LOCATION = _table(
    {
        "home": (
            "trong nước", "tại Việt Nam", "ở Việt Nam", "Việt Nam", "VN", "home", "Vietnam",
            "domestic", "in Vietnam",
        ),
        "abroad": ("nước ngoài", "ở nước ngoài", "tại nước ngoài", "ngoài nước", "hải ngoại",
                   "abroad", "overseas", "foreign"),
    }
)  # fmt: skip
_STATUS = _table(
    {
        "operating": ("đang hoạt động", "hoạt động", "operating", "active", "in operation"),
        "licensed": ("đã cấp phép", "cấp phép", "được cấp phép", "mới cấp phép", "licensed"),
        "building": (
            "đang triển khai", "triển khai", "đang xây dựng", "xây dựng", "under construction",
            "construction", "building",
        ),
        "suspended": ("tạm dừng", "tạm ngừng", "tạm ngưng", "ngừng hoạt động", "suspended"),
        "terminated": ("chấm dứt", "đã chấm dứt", "giải thể", "thu hồi", "terminated"),
    }
)  # fmt: skip


def parse_sex(text: str | None) -> str:
    """ "male", "female", "other", or "" when blank."""
    return _choice(text, _SEX, ("male", "female", "other"))


def parse_residency(text: str | None) -> str:
    """ "permanent", "temporary", "student", "labour", or "" when blank."""
    return _choice(text, _RESIDENCY, ("permanent", "temporary", "student", "labour"))


def parse_location(text: str | None) -> str:
    """Where an enterprise is: "home" (in Vietnam) or "abroad", or "" when blank. A country
    name counts too: Vietnam is home, any other country abroad."""
    try:
        return _choice(text, _LOCATION, ("home", "abroad"))
    except ValueProblem:
        code = resolve_country(text)
        if code:
            return "home" if code == "VN" else "abroad"
        raise


def parse_status(text: str | None) -> str:
    """An investment project's status, or "" when blank."""
    return _choice(text, _STATUS, ("licensed", "building", "operating", "suspended", "terminated"))


# Qualification: the first level whose names begin the value or appear as a word of it
# (abbreviations such as "PGS.TS", "ThS"), highest level first. "Sau đại học" and other
# unrecognised values count as "other".
_QUALIFICATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "phd",
        ("tiến sĩ", "tiến sỹ", "TS", "TSKH", "PhD", "DPhil", "doctor", "doctorate", "PGS", "GS"),
    ),
    ("master", ("thạc sĩ", "thạc sỹ", "ThS", "master", "MSc", "MA", "MBA", "MS")),
    (
        "bachelor",
        ("cử nhân", "CN", "đại học", "ĐH", "kỹ sư", "kĩ sư", "KS", "bác sĩ", "bác sỹ", "BS",
         "dược sĩ", "kiến trúc sư", "bachelor", "BSc", "BA", "BEng", "engineer", "university"),
    ),
    ("college", ("cao đẳng", "CĐ", "college")),
)  # fmt: skip


def parse_qualification(text: str | None) -> tuple[str, bool]:
    """(level, recognised): the level is "phd", "master", "bachelor", "college" or "other"; a
    non-blank value that matched nothing gives ("other", False), which is not an error but is
    worth listing in the report ("counted as other")."""
    key = fold_key(text or "")
    if not key:
        return "other", True
    words = set(key.split())
    compact = key.replace(" ", "")
    for level, names in _QUALIFICATIONS:
        for name in names:
            name_key = fold_key(name)
            if (
                key == name_key
                or key.startswith(name_key + " ")
                or (" " not in name_key and name_key in words)
                or compact == name_key.replace(" ", "")
            ):
                return level, True
    if key.startswith("khac") or key.startswith("other"):
        return "other", True
    return "other", False


# --- numbers ---------------------------------------------------------------------------------

_GROUP_SPACE = re.compile(r"(?<=\d)[\s'’](?=\d{3}(?!\d))")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?e[+-]?\d+")
# A trillion dollars: above any figure a province reports, so that dollars under a "(triệu USD)"
# header are caught rather than stored a million times too large.
_MAX_AMOUNT = 10**12


def _grouped(digits: str, separator: str) -> bool:
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+", digits) is not None


def parse_number(text: str) -> Decimal:
    """A number as Vietnamese and English spreadsheets write it. Rules:

    - spaces (also no-break) and apostrophes between groups of three digits separate thousands:
      "409 000 000";
    - with both "." and ",", the last one is the decimal separator and the other separates
      thousands: "1.610.000,5", "1,610,000.5";
    - one kind of separator appearing several times separates thousands, in groups of three:
      "1.610.000.000", "1,610,000,000";
    - one separator appearing once is a thousands separator when exactly three digits follow it
      and the part before it is not "0" ("409,000", "1.610"), otherwise a decimal point ("409,5",
      "1.61", "0.125");
    - Excel's scientific form "1.61E+09" is read as such.
    Raises ValueError for anything else (signs, letters, misplaced separators)."""
    value = _GROUP_SPACE.sub("", text.strip().lower())
    if _SCIENTIFIC.fullmatch(value):
        return Decimal(value)
    if not re.fullmatch(r"\d[\d.,]*\d|\d", value):
        raise ValueError(text)
    dots, commas = value.count("."), value.count(",")
    if dots and commas:
        decimal_mark = "." if value.rfind(".") > value.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        whole, _mark, fraction = value.partition(decimal_mark)
        if decimal_mark in fraction or thousands in fraction or not _grouped(whole, thousands):
            raise ValueError(text)
        return Decimal(whole.replace(thousands, "") + "." + fraction)
    if not dots and not commas:
        return Decimal(value)
    separator = "." if dots else ","
    if dots + commas > 1:
        if not _grouped(value, separator):
            raise ValueError(text)
        return Decimal(value.replace(separator, ""))
    whole, _mark, fraction = value.partition(separator)
    if len(fraction) == 3 and whole != "0":
        return Decimal(whole + fraction)
    return Decimal(whole + "." + fraction)


def _blank(text: str | None) -> bool:
    return fold(text or "") in _BLANKS


def parse_int(text: str | None) -> int | None:
    """A whole number ("1200", "1.200", "1 200", "1200.0"), or None when blank."""
    if _blank(text):
        return None
    try:
        number = parse_number(normalize(text or ""))
    except (ValueError, InvalidOperation):
        raise ValueProblem(_("Not a whole number.")) from None
    if number != number.to_integral_value():
        raise ValueProblem(_("Not a whole number."))
    return int(number)


_AMOUNT_VND = re.compile(r"\b(vnd|dong|d)\b|₫")
_AMOUNT_DOLLARS = re.compile(rf"\b{_DOLLARS}\b")
_AMOUNT_WORD = re.compile(r"(?<=[\d\s])(nghin|ngan|thousand|k|trieu|tr|million|mn|mio|m|ty|ti|"
                          r"billion|bn)\b")  # fmt: skip


def parse_amount(text: str | None, multiplier: int = 1) -> int | None:
    """An amount in whole US dollars, or None when blank: the number (see ``parse_number``) times
    ``multiplier`` (from the column's header: 1_000_000 for "(triệu USD)"). A unit written in the
    cell itself ("409 triệu", "USD 1.5 million", "2 tỷ USD", "$409,000") replaces the header's.
    Amounts in đồng are refused, not converted."""
    if _blank(text):
        return None
    value = fold(_dollar_sign(normalize(text or "")))
    if _AMOUNT_VND.search(value):
        raise ValueProblem(_("Only amounts in US dollars can be imported."))
    value = _AMOUNT_DOLLARS.sub(" ", value)
    words = _AMOUNT_WORD.findall(value)
    if len(words) > 1:
        raise ValueProblem(_("Not a valid amount."))
    if words:
        multiplier = _MULTIPLIER_WORDS[words[0]]
        value = _AMOUNT_WORD.sub(" ", value)
    try:
        number = parse_number(" ".join(value.split()))
    except (ValueError, InvalidOperation):
        raise ValueProblem(_("Not a valid amount.")) from None
    amount = int((number * multiplier).to_integral_value(rounding=ROUND_HALF_UP))
    if amount > _MAX_AMOUNT:
        raise ValueProblem(_("This amount is too large; check the unit in the column header."))
    return amount


_YEAR = re.compile(r"(\d{4})(?:\.0+)?")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s+\d{1,2}:\d{2}.*)?")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{4})")


def parse_year(text: str | None, *, low: int = 1900, high: int | None = None) -> int | None:
    """A year from "1980", "1980.0", a date ("12/03/1980", "12-03-1980", "1980-03-12",
    "1980-03-12 00:00:00"), or a month ("03/1980"); None when blank."""
    if _blank(text):
        return None
    value = normalize(text or "")
    high = high if high is not None else date.today().year
    year = None
    if match := _YEAR.fullmatch(value):
        year = int(match.group(1))
    elif match := _DAY_MONTH_YEAR.fullmatch(value):
        first, second = int(match.group(1)), int(match.group(2))
        if 1 <= min(first, second) and max(first, second) <= 31 and min(first, second) <= 12:
            year = int(match.group(3))
    elif match := _YEAR_MONTH_DAY.fullmatch(value):
        if 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31:
            year = int(match.group(1))
    elif (match := _MONTH_YEAR.fullmatch(value)) and 1 <= int(match.group(1)) <= 12:
        year = int(match.group(2))
    if year is None:
        raise ValueProblem(_("Not a valid year."))
    if not low <= year <= high:
        raise ValueProblem(
            _("The year must be between %(low)s and %(high)s.") % {"low": low, "high": high}
        )
    return year


# --- places, e-mail ---------------------------------------------------------------------------


def parse_country(text: str | None) -> str:
    """The ISO code of a country written any usual way, or "" when blank."""
    if _blank(text):
        return ""
    code = resolve_country(text)
    if code:
        return code
    raise ValueProblem(
        _("Unknown country."), [country_name(c) for c in country_suggestions(text or "")]
    )


@cache
def _province_names() -> dict[str, Province]:
    by_codename = {p.codename: p for p in all_provinces()}
    names = {fold_key(p.name_vi): p for p in all_provinces()}
    for name, codename in (FORMER_PROVINCES | ALIASES).items():
        names.setdefault(fold_key(name), by_codename[codename])
    return names


def parse_province(text: str | None) -> Province | None:
    """The current province for a current or former province's name, also when it ends an
    address ("Kiến An, Hải Phòng", "Xã Đông Hưng - Thái Bình"); None when blank."""
    if _blank(text):
        return None
    value = normalize(text or "")
    province = resolve_province(value)
    if province:
        return province
    parts = [p for p in re.split(r"\s*[,;]\s*|\s+[-–—]\s+", value) if p]
    for part in reversed(parts) if len(parts) > 1 else ():
        province = resolve_province(part)
        if province:
            return province
    names = _province_names()
    close = difflib.get_close_matches(fold_key(value), list(names), n=6, cutoff=0.75)
    suggestions = list(dict.fromkeys(names[c].name() for c in close))[:3]
    raise ValueProblem(_("Unknown province."), suggestions)


def parse_email(text: str | None) -> str:
    """An e-mail address as written (without a "mailto:"), or "" when blank."""
    value = normalize(text or "")
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError as error:
        raise ValueProblem(error.messages[0]) from None
    return value


# --- the user's own mappings -------------------------------------------------------------------


def parse_header_map(spec: str) -> tuple[str, str]:
    """("Header", "field") from --map "Header=field" (the last "=" separates them)."""
    header, separator, target = spec.rpartition("=")
    if not separator or not header.strip():
        raise ValueError(_("Write a column mapping as “Header=field”."))
    return header.strip(), target.strip()


def parse_value_map(spec: str) -> tuple[str, str, str]:
    """(column key, value key, canonical) from --map-value "column:value=canonical": the first
    ":" ends the column, the last "=" starts the canonical value; column and value are folded
    keys, the canonical value is kept as written. An empty value maps blank cells."""
    column, colon, rest = spec.partition(":")
    value, equals, canonical = rest.rpartition("=")
    if not colon or not equals or not fold_key(column):
        raise ValueError(_("Write a value mapping as “column:value=canonical”."))
    return fold_key(column), fold_key(value), canonical.strip()


def build_value_map(specs: Iterable[str]) -> dict[tuple[str, str], str]:
    """The value map of several --map-value options, for ``apply_value_map``."""
    return {(column, value): canonical for column, value, canonical in map(parse_value_map, specs)}


def apply_value_map(
    column_header: str,
    value: str,
    value_map: Mapping[tuple[str, str], str],
    field_name: str | None = None,
) -> str:
    """``value`` replaced by the user's canonical value when a mapping names its column (by the
    header, or by the field name) and its value, both compared by folded key."""
    if not value_map:
        return value
    value_key = fold_key(value)
    for column in (fold_key(column_header), field_name):
        if column and (column, value_key) in value_map:
            return value_map[column, value_key]
    return value
