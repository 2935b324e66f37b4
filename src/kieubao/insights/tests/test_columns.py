"""Recognising survey headers and values."""

from __future__ import annotations

from datetime import date

import pytest

from kieubao.insights.columns import (
    FIELDS,
    KINDS,
    SPECS,
    ValueProblem,
    _index,
    apply_value_map,
    build_value_map,
    field_label,
    header_unit,
    match_headers,
    parse_amount,
    parse_country,
    parse_email,
    parse_header_map,
    parse_int,
    parse_location,
    parse_number,
    parse_province,
    parse_qualification,
    parse_residency,
    parse_sex,
    parse_status,
    parse_value_map,
    parse_year,
)

PEOPLE_HEADERS = [
    "STT",
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Quê quán",
    "Quốc gia cư trú",
    "Thành phố",
    "Diện cư trú",
    "Trình độ",
    "Lĩnh vực chuyên môn",
    "Nơi làm việc",
    "Email",
    "SĐT",
    "Mã hồ sơ",
]


def test_the_specs_are_consistent():
    for kind in KINDS:
        _index(kind)  # raises when one name means two fields
        assert FIELDS[kind] == [spec.name for spec in SPECS[kind]]
        assert len(set(FIELDS[kind])) == len(FIELDS[kind])
        assert any(spec.required for spec in SPECS[kind])


def test_vietnamese_people_headers_map_to_every_field():
    match = match_headers("people", PEOPLE_HEADERS)
    assert match.ok
    assert match.counter == 0
    assert list(match.columns.values()) == FIELDS["people"]
    assert match.ignored == []
    assert match.missing == []


def test_english_headers_in_any_order_case_and_tones():
    headers = ["Country of residence", "FULL NAME", "Year of birth", "gender", "Province", "No."]
    match = match_headers("people", headers)
    assert match.columns == {
        0: "country",
        1: "full_name",
        2: "birth_year",
        3: "sex",
        4: "hometown_province",
    }
    assert match.counter == 5
    assert match_headers("people", ["HỌ VÀ TÊN", "ho va ten kieu bao"]).duplicates == {
        "full_name": [0, 1]
    }


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Họ và tên kiều bào", "full_name"),  # starts with a multi-word name
        ("Ngày tháng năm sinh (dd/mm/yyyy)", "birth_year"),  # a note in parentheses
        ("1. Họ tên", "full_name"),  # numbered header
        ("Quốc gia cư trú hiện nay", "country"),
        ("Số điện thoại liên hệ", "phone"),
        ("Tỉnh/Thành phố", "hometown_province"),
        ("Thành phố cư trú", "city"),
        ("Nam/Nữ", "sex"),
        ("E-mail", "email"),
    ],
)
def test_header_variants(header, field):
    assert match_headers("people", [header]).columns == {0: field}


@pytest.mark.parametrize(
    "header", ["Tình trạng hôn nhân", "Trình độ ngoại ngữ", "Mã số hộ chiếu", "Quốc gia nơi sinh"]
)
def test_generic_names_do_not_swallow_longer_headers(header):
    match = match_headers("people", ["Họ và tên", header])
    assert match.columns == {0: "full_name"}
    assert match.ignored == [header]


def test_a_generic_column_gives_way_to_a_precise_one():
    match = match_headers("people", ["Tên", "Họ và tên", "Mã", "Mã hồ sơ"])
    assert match.columns == {1: "full_name", 3: "external_id"}
    assert match.ignored == ["Tên", "Mã"]
    assert match.ok


def test_two_precise_columns_for_one_field_are_a_problem():
    match = match_headers("people", ["Họ và tên", "Năm sinh", "Ngày sinh"])
    assert match.duplicates == {"birth_year": [1, 2]}
    assert match.columns == {0: "full_name", 1: "birth_year"}
    assert not match.ok
    assert "“Năm sinh”, “Ngày sinh”" in match.problems[0]


def test_a_split_name_is_a_problem():
    match = match_headers("people", ["Họ", "Tên", "Quốc gia"])
    assert not match.ok
    assert "split" in match.problems[0]


@pytest.mark.parametrize(
    ("kind", "headers", "missing"),
    [
        ("people", ["Năm sinh", "Quốc gia"], ["full_name"]),
        ("enterprises", ["Mã doanh nghiệp"], ["name"]),
        ("investments", ["Nhà đầu tư"], ["name"]),
        ("remittances", ["Ghi chú"], ["year", "amount_usd"]),
    ],
)
def test_required_columns_missing(kind, headers, missing):
    match = match_headers(kind, headers)
    assert match.missing == missing
    assert len(match.problems) == len(missing)


def test_extra_columns_are_listed_in_order():
    match = match_headers("people", ["Họ và tên", "Ghi chú", "Tôn giáo", ""])
    assert match.ignored == ["Ghi chú", "Tôn giáo"]


def test_overrides_map_ignore_and_report_mistakes():
    headers = ["Tên KB", "Nước", "Cột lạ", "Ghi chú"]
    match = match_headers(
        "people",
        headers,
        overrides={"ten kb": "full_name", "NƯỚC": "-", "Ghi chú": "Nơi làm việc"},
    )
    assert match.columns == {0: "full_name", 3: "employer"}
    assert match.ignored == ["Nước", "Cột lạ"]
    assert match.ok
    bad = match_headers("people", headers, overrides={"Tên KB": "ho_ten", "Không có": "email"})
    assert bad.problems == [
        "Unknown field “ho_ten” for column “Tên KB”.",
        "No column “Không có” in the file.",
        "Required column missing: Full name.",
    ]


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Vốn đầu tư (triệu USD)", ("usd", 1_000_000)),
        ("Vốn đầu tư (Triệu đô)", ("usd", 1_000_000)),
        ("Capital (million USD)", ("usd", 1_000_000)),
        ("Remittances (USD million)", ("usd", 1_000_000)),
        ("Kiều hối (tỷ USD)", ("usd", 1_000_000_000)),
        ("Kiều hối (tỉ USD)", ("usd", 1_000_000_000)),
        ("Amount (billion USD)", ("usd", 1_000_000_000)),
        ("Số tiền (nghìn USD)", ("usd", 1_000)),
        ("Số tiền (ngàn USD)", ("usd", 1_000)),
        ("Amount (thousand USD)", ("usd", 1_000)),
        ("Amount (1.000 USD)", ("usd", 1_000)),
        ("Vốn (triệu $)", ("usd", 1_000_000)),
        ("Vốn (USD)", ("usd", 1)),
        ("Vốn điều lệ", (None, 1)),
        ("Vốn (triệu)", (None, 1_000_000)),
        ("Kiều hối (VNĐ)", ("vnd", 1)),
        ("Kiều hối (triệu đồng)", ("vnd", 1)),
        ("Kiều hối (tỷ đồng)", ("vnd", 1)),
        ("Kiều hối (đồng)", ("vnd", 1)),
        ("Giá trị hợp đồng (USD)", ("usd", 1)),  # "hợp đồng" is a contract, not đồng
    ],
)
def test_units_of_money_columns(header, unit):
    assert header_unit(header) == unit


def test_money_columns_get_their_multiplier_and_dong_is_refused():
    match = match_headers(
        "investments", ["Tên dự án", "Tổng vốn đầu tư (triệu USD)", "Năm cấp phép"]
    )
    assert match.columns == {0: "name", 1: "capital_usd", 2: "year"}
    assert match.multipliers == {1: 1_000_000}
    match = match_headers("remittances", ["Năm", "Kiều hối, tỷ đồng"])
    assert match.columns == {0: "year", 1: "amount_usd"}
    assert match.problems == [
        "Column “Kiều hối, tỷ đồng” is not in US dollars; convert it to USD first."
    ]


@pytest.mark.parametrize(
    ("kind", "headers", "fields"),
    [
        (
            "enterprises",
            ["TT", "Mã số thuế", "Tên doanh nghiệp", "Trong nước/Nước ngoài", "Quốc gia",
             "Ngành nghề kinh doanh", "Năm thành lập", "Người đại diện theo pháp luật",
             "Số lao động", "Vốn điều lệ (USD)"],
            ["external_id", "name", "location", "country", "sector", "founded_year", "owner",
             "employees", "capital_usd"],
        ),
        (
            "investments",
            ["Mã dự án", "Tên dự án", "Chủ đầu tư", "Quốc tịch nhà đầu tư", "Lĩnh vực",
             "Địa điểm thực hiện", "Vốn đầu tư (USD)", "Năm cấp phép", "Tình trạng"],
            FIELDS["investments"],
        ),
        ("remittances", ["Năm", "Kiều hối (triệu USD)", "Nguồn"], FIELDS["remittances"]),
        ("remittances", ["Year", "Remittances", "Note"], FIELDS["remittances"]),
    ],
)  # fmt: skip
def test_the_other_kinds(kind, headers, fields):
    match = match_headers(kind, headers)
    assert match.ok, match.problems
    assert list(match.columns.values()) == fields


def test_field_labels_in_both_languages():
    assert field_label("people", "full_name", "vi") == "Họ và tên"
    assert field_label("people", "full_name", "en") == "Full name"
    assert field_label("remittances", "amount_usd", "en") == "Remittances"


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("định cư", "permanent"),
        ("Thường trú", "permanent"),
        ("Định cư lâu dài", "permanent"),
        ("định cư lâu dài tại Đức", "permanent"),
        ("PR", "permanent"),
        ("Permanent", "permanent"),
        ("tạm trú", "temporary"),
        ("Temporary", "temporary"),
        ("Du học", "student"),
        ("du học sinh", "student"),
        ("Sinh viên", "student"),
        ("student", "student"),
        ("Lao động", "labour"),
        ("xuất khẩu lao động", "labour"),
        ("XKLĐ", "labour"),
        ("labor", "labour"),
        ("worker", "labour"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_parse_residency(text, value):
    assert parse_residency(text) == value


def test_unknown_values_suggest_the_canonical_ones():
    with pytest.raises(ValueProblem) as problem:
        parse_residency("tị nạn")
    assert str(problem.value) == "Unknown value."
    assert problem.value.suggestions == ["permanent", "temporary", "student", "labour"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tiến sĩ", "phd"),
        ("TS", "phd"),
        ("TSKH", "phd"),
        ("PhD", "phd"),
        ("Ph.D.", "phd"),
        ("PGS.TS", "phd"),
        ("GS.TS", "phd"),
        ("Tiến sĩ Vật lý", "phd"),
        ("Thạc sĩ", "master"),
        ("ThS.", "master"),
        ("MSc", "master"),
        ("M.Sc", "master"),
        ("MBA", "master"),
        ("Master of Science", "master"),
        ("Cử nhân", "bachelor"),
        ("CN Kinh tế", "bachelor"),
        ("Đại học", "bachelor"),
        ("ĐH", "bachelor"),
        ("Kỹ sư xây dựng", "bachelor"),
        ("KS", "bachelor"),
        ("Bác sĩ", "bachelor"),
        ("Bachelor", "bachelor"),
        ("BSc", "bachelor"),
        ("Engineer", "bachelor"),
        ("Cao đẳng", "college"),
        ("CĐ", "college"),
        ("College", "college"),
        ("Cử nhân, đang học thạc sĩ", "bachelor"),
    ],
)
def test_parse_qualification(text, value):
    assert parse_qualification(text) == (value, True)


@pytest.mark.parametrize(("text", "recognised"), [("", True), ("Khác", True), ("Trung cấp", False)])
def test_unrecognised_qualifications_count_as_other(text, recognised):
    assert parse_qualification(text) == ("other", recognised)
    assert parse_qualification("Sau đại học") == ("other", False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nam", "male"),
        ("male", "male"),
        ("M", "male"),
        ("Nữ", "female"),
        ("nu", "female"),
        ("Female", "female"),
        ("F", "female"),
        ("Khác", "other"),
        ("", ""),
    ],
)
def test_parse_sex(text, value):
    assert parse_sex(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("trong nước", "home"),
        ("Tại Việt Nam", "home"),
        ("home", "home"),
        ("Vietnam", "home"),
        ("nước ngoài", "abroad"),
        ("Abroad", "abroad"),
        ("Nhật Bản", "abroad"),  # a country other than Vietnam
        ("", ""),
    ],
)
def test_parse_location(text, value):
    assert parse_location(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Đang hoạt động", "operating"),
        ("operating", "operating"),
        ("Đã cấp phép", "licensed"),
        ("Đang triển khai", "building"),
        ("under construction", "building"),
        ("Tạm dừng", "suspended"),
        ("Chấm dứt", "terminated"),
        ("terminated", "terminated"),
        ("", ""),
    ],
)
def test_parse_status(text, value):
    assert parse_status(text) == value


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("1980", 1980),
        ("1980.0", 1980),
        ("12/03/1980", 1980),
        ("2/3/1980", 1980),
        ("12-03-1980", 1980),
        ("12.03.1980", 1980),
        ("1980-03-12", 1980),
        ("1980-03-12 00:00:00", 1980),
        ("03/1980", 1980),
        ("", None),
        ("-", None),
    ],
)
def test_parse_year(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["80", "năm tám mươi", "31/31/1980", "1980-13-01", "19800"])
def test_not_a_year(text):
    with pytest.raises(ValueProblem, match="Not a valid year"):
        parse_year(text)


def test_year_range():
    assert parse_year("1900") == 1900
    with pytest.raises(ValueProblem, match="between 1900 and"):
        parse_year("1899")
    with pytest.raises(ValueProblem, match="between 1900 and"):
        parse_year(str(date.today().year + 1))
    assert parse_year("2030", high=2030) == 2030


@pytest.mark.parametrize(
    ("text", "number"),
    [("1200", 1200), ("1.200", 1200), ("1,200", 1200), ("1 200", 1200), ("1200.0", 1200)],
)
def test_parse_int(text, number):
    assert parse_int(text) == number


@pytest.mark.parametrize("text", ["1,5", "mười", "-3", "12a"])
def test_not_a_whole_number(text):
    with pytest.raises(ValueProblem, match="Not a whole number"):
        parse_int(text)


@pytest.mark.parametrize(
    ("text", "multiplier", "amount"),
    [
        ("1.610.000.000", 1, 1_610_000_000),  # Vietnamese thousands separators
        ("1,610,000,000", 1, 1_610_000_000),  # English ones
        ("409 000 000", 1, 409_000_000),
        ("409\u00a0000\u00a0000", 1, 409_000_000),  # no-break spaces, as Excel writes them
        ("1.610.000,50", 1, 1_610_001),  # both: the last one is the decimal mark
        ("1,610,000.50", 1, 1_610_001),
        ("1.61", 1_000_000, 1_610_000),  # one separator, not three digits: decimal
        ("409,5", 1_000_000, 409_500_000),
        ("0,125", 1_000_000, 125_000),
        ("409,000", 1, 409_000),  # one separator and three digits: thousands
        ("1.610", 1, 1_610),
        ("2.1250", 1_000_000, 2_125_000),  # how reading writes Excel's 2.125
        ("1.61E+09", 1, 1_610_000_000),  # Excel's scientific form
        ("$409,000,000", 1, 409_000_000),
        ("409,000,000 USD", 1, 409_000_000),
        ("USD 409 million", 1, 409_000_000),
        ("1,5 triệu USD", 1, 1_500_000),
        ("2 tỷ USD", 1, 2_000_000_000),
        ("409 triệu", 1_000_000_000, 409_000_000),  # the cell's own unit wins
        ("", 1, None),
        ("-", 1_000_000, None),
    ],
)
def test_parse_amount(text, multiplier, amount):
    assert parse_amount(text, multiplier) == amount


@pytest.mark.parametrize("text", ["1.61.0", "12,34,56", "-5", "abc", "1 2", "409,00,000"])
def test_not_an_amount(text):
    with pytest.raises(ValueProblem, match="Not a valid amount"):
        parse_amount(text)


def test_dollars_under_a_millions_header_are_caught():
    assert parse_amount("409000", 1_000_000) == 409_000_000_000
    with pytest.raises(ValueProblem, match="too large; check the unit"):
        parse_amount("409,000,000", 1_000_000)


@pytest.mark.parametrize("text", ["409 triệu đồng", "1.000.000 VNĐ", "500.000 đ", "500.000₫"])
def test_amounts_in_dong_are_refused(text):
    with pytest.raises(ValueProblem, match="US dollars"):
        parse_amount(text)


def test_parse_number_rules():
    assert parse_number("1.610") == 1610
    assert parse_number("0.125") == parse_number("0,125")
    with pytest.raises(ValueError):
        parse_number("1.5,3")


@pytest.mark.parametrize(
    ("text", "code"), [("Hoa Kỳ", "US"), ("Tiệp Khắc", "CZ"), ("deu", "DE"), ("", "")]
)
def test_parse_country(text, code):
    assert parse_country(text) == code


def test_unknown_country_suggests_names():
    with pytest.raises(ValueProblem) as problem:
        parse_country("Autralia")
    assert str(problem.value) == "Unknown country."
    assert problem.value.suggestions[0] == "Australia"


@pytest.mark.parametrize(
    ("text", "codename"),
    [
        ("Hải Phòng", "hai_phong"),
        ("TP. Hải Phòng", "hai_phong"),
        ("Hải Dương", "hai_phong"),  # a former province: its successor
        ("Kiến An, Hải Phòng", "hai_phong"),
        ("Xã Đông Hưng - Thái Bình", "hung_yen"),
        ("Hà Nội, Việt Nam", "ha_noi"),
    ],
)
def test_parse_province(text, codename):
    assert parse_province(text).codename == codename


def test_unknown_province_suggests_names():
    assert parse_province("") is None
    with pytest.raises(ValueProblem) as problem:
        parse_province("Hai Phongg")
    assert str(problem.value) == "Unknown province."
    assert problem.value.suggestions == ["Hai Phong"]


def test_parse_email():
    assert parse_email(" an.nguyen@example.com ") == "an.nguyen@example.com"
    assert parse_email("mailto:an@example.vn") == "an@example.vn"
    assert parse_email("") == ""
    with pytest.raises(ValueProblem, match="valid email"):
        parse_email("an.nguyen@")


# --- the user's own mappings ------------------------------------------------------------------


def test_value_maps():
    assert parse_value_map("Quốc gia:Tiệp=CZ") == ("quoc gia", "tiep", "CZ")
    assert parse_value_map("Diện cư trú:=temporary") == ("dien cu tru", "", "temporary")
    value_map = build_value_map(["Quốc gia cư trú:Tiệp=CZ", "residency_status:Tị nạn=permanent"])
    assert apply_value_map("QUỐC GIA CƯ TRÚ", "TIỆP", value_map) == "CZ"
    assert apply_value_map("Quốc gia cư trú", "Đức", value_map) == "Đức"
    assert apply_value_map("Diện", "tị nạn", value_map, "residency_status") == "permanent"
    assert apply_value_map("Diện", "tị nạn", {}, "residency_status") == "tị nạn"


@pytest.mark.parametrize("spec", ["Quốc gia=CZ", "Tiệp", ":Tiệp=CZ", "Quốc gia:Tiệp"])
def test_bad_value_map_syntax(spec):
    with pytest.raises(ValueError, match="column:value=canonical"):
        parse_value_map(spec)


def test_header_maps():
    assert parse_header_map("Tên KB=full_name") == ("Tên KB", "full_name")
    assert parse_header_map("Ghi chú=") == ("Ghi chú", "")
    with pytest.raises(ValueError, match="Header=field"):
        parse_header_map("full_name")
