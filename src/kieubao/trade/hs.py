"""The Harmonized System's chapters (HS 2022), in English and Vietnamese, and the validation of
HS codes against them.

A product carries a 6-digit HS subheading: two digits of chapter (01–97; 77 is reserved and
unused), two of heading (01 and up), two of subheading (00 where a heading is not divided,
e.g. 0409.00 natural honey). Leads and market data may use a prefix: a chapter (2 digits), a
heading (4) or a subheading (6). Codes are accepted with dots and spaces ("0901.11", "09 01 11")
and stored as digits only.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# chapter -> (English, Vietnamese)
CHAPTERS: dict[str, tuple[str, str]] = {
    "01": ("Live animals", "Động vật sống"),
    "02": ("Meat and edible meat offal", "Thịt và phụ phẩm dạng thịt ăn được sau giết mổ"),
    "03": (
        "Fish, crustaceans, molluscs and other aquatic invertebrates",
        "Cá, động vật giáp xác, động vật thân mềm và động vật thủy sinh không xương sống khác",
    ),
    "04": (
        "Dairy produce; birds' eggs; natural honey; edible products of animal origin",
        "Sản phẩm bơ sữa; trứng chim và trứng gia cầm; mật ong tự nhiên; sản phẩm ăn được "
        "gốc động vật",
    ),
    "05": ("Products of animal origin, not elsewhere specified", "Sản phẩm gốc động vật khác"),
    "06": (
        "Live trees and other plants; cut flowers",
        "Cây sống và các loại cây trồng khác; hoa cắt",
    ),
    "07": ("Edible vegetables, roots and tubers", "Rau và một số loại củ, thân củ và rễ ăn được"),
    "08": (
        "Edible fruit and nuts; peel of citrus fruit or melons",
        "Quả và quả hạch ăn được; vỏ quả thuộc họ cam quýt hoặc các loại dưa",
    ),
    "09": ("Coffee, tea, maté and spices", "Cà phê, chè, chè Paragoay và các loại gia vị"),
    "10": ("Cereals", "Ngũ cốc"),
    "11": (
        "Products of the milling industry; malt; starches",
        "Các sản phẩm xay xát; malt; tinh bột",
    ),
    "12": (
        "Oil seeds and oleaginous fruits; industrial or medicinal plants; straw and fodder",
        "Hạt dầu và quả có dầu; cây công nghiệp hoặc cây dược liệu; rơm, rạ và cỏ khô",
    ),
    "13": ("Lac; gums, resins and other vegetable saps", "Nhựa cánh kiến đỏ; gôm, nhựa cây"),
    "14": ("Vegetable plaiting materials", "Vật liệu thực vật dùng để tết bện"),
    "15": (
        "Animal, vegetable or microbial fats and oils",
        "Chất béo và dầu có nguồn gốc từ động vật, thực vật hoặc vi sinh vật",
    ),
    "16": (
        "Preparations of meat, fish, crustaceans or molluscs",
        "Các chế phẩm từ thịt, cá, động vật giáp xác hoặc động vật thân mềm",
    ),
    "17": ("Sugars and sugar confectionery", "Đường và các loại kẹo đường"),
    "18": ("Cocoa and cocoa preparations", "Ca cao và các chế phẩm từ ca cao"),
    "19": (
        "Preparations of cereals, flour, starch or milk; pastrycooks' products",
        "Chế phẩm từ ngũ cốc, bột, tinh bột hoặc sữa; các loại bánh",
    ),
    "20": (
        "Preparations of vegetables, fruit, nuts or other parts of plants",
        "Các chế phẩm từ rau, quả, quả hạch hoặc các phần khác của cây",
    ),
    "21": ("Miscellaneous edible preparations", "Các chế phẩm ăn được khác"),
    "22": ("Beverages, spirits and vinegar", "Đồ uống, rượu và giấm"),
    "23": (
        "Residues from the food industries; prepared animal fodder",
        "Phế liệu từ ngành công nghiệp thực phẩm; thức ăn gia súc đã chế biến",
    ),
    "24": ("Tobacco and manufactured tobacco substitutes", "Thuốc lá và nguyên liệu thay thế"),
    "25": (
        "Salt; sulphur; earths and stone; plastering materials, lime and cement",
        "Muối; lưu huỳnh; đất và đá; thạch cao, vôi và xi măng",
    ),
    "26": ("Ores, slag and ash", "Quặng, xỉ và tro"),
    "27": (
        "Mineral fuels, mineral oils and products of their distillation",
        "Nhiên liệu khoáng, dầu khoáng và các sản phẩm chưng cất từ chúng",
    ),
    "28": ("Inorganic chemicals", "Hóa chất vô cơ"),
    "29": ("Organic chemicals", "Hóa chất hữu cơ"),
    "30": ("Pharmaceutical products", "Dược phẩm"),
    "31": ("Fertilisers", "Phân bón"),
    "32": (
        "Tanning or dyeing extracts; dyes, pigments, paints and varnishes; inks",
        "Chất chiết xuất làm thuốc nhuộm hoặc thuộc da; thuốc nhuộm, chất màu, sơn, vecni; mực",
    ),
    "33": (
        "Essential oils and resinoids; perfumery, cosmetic or toilet preparations",
        "Tinh dầu và các chất tựa nhựa; nước hoa, mỹ phẩm hoặc các chế phẩm vệ sinh",
    ),
    "34": (
        "Soap, washing and lubricating preparations, waxes, candles",
        "Xà phòng, chế phẩm giặt rửa, chế phẩm bôi trơn, sáp, nến",
    ),
    "35": ("Albuminoidal substances; glues; enzymes", "Các chất chứa albumin; keo; enzym"),
    "36": (
        "Explosives; pyrotechnic products; matches",
        "Chất nổ; các sản phẩm pháo; diêm",
    ),
    "37": ("Photographic or cinematographic goods", "Vật liệu ảnh hoặc điện ảnh"),
    "38": ("Miscellaneous chemical products", "Các sản phẩm hóa chất khác"),
    "39": ("Plastics and articles thereof", "Plastic và các sản phẩm bằng plastic"),
    "40": ("Rubber and articles thereof", "Cao su và các sản phẩm bằng cao su"),
    "41": ("Raw hides and skins (other than furskins) and leather", "Da sống và da thuộc"),
    "42": (
        "Articles of leather; saddlery; travel goods, handbags",
        "Các sản phẩm bằng da thuộc; yên cương; hàng du lịch, túi xách",
    ),
    "43": ("Furskins and artificial fur", "Da lông và da lông nhân tạo"),
    "44": ("Wood and articles of wood; wood charcoal", "Gỗ và các mặt hàng bằng gỗ; than từ gỗ"),
    "45": ("Cork and articles of cork", "Lie và các sản phẩm bằng lie"),
    "46": (
        "Manufactures of straw, esparto or other plaiting materials; basketware",
        "Sản phẩm làm từ rơm, cỏ giấy hoặc vật liệu tết bện khác; hàng mây tre",
    ),
    "47": ("Pulp of wood or other fibrous cellulosic material", "Bột giấy từ gỗ"),
    "48": ("Paper and paperboard; articles of paper pulp", "Giấy và bìa; sản phẩm bằng bột giấy"),
    "49": ("Printed books, newspapers, pictures", "Sách, báo, tranh ảnh và sản phẩm in"),
    "50": ("Silk", "Tơ tằm"),
    "51": ("Wool, fine or coarse animal hair", "Lông cừu, lông động vật"),
    "52": ("Cotton", "Bông"),
    "53": ("Other vegetable textile fibres; paper yarn", "Xơ dệt gốc thực vật khác; sợi giấy"),
    "54": ("Man-made filaments", "Sợi filament nhân tạo"),
    "55": ("Man-made staple fibres", "Xơ sợi staple nhân tạo"),
    "56": ("Wadding, felt and nonwovens; twine, cordage", "Mền xơ, phớt và vải không dệt; dây"),
    "57": ("Carpets and other textile floor coverings", "Thảm và các loại hàng dệt trải sàn"),
    "58": ("Special woven fabrics; lace; embroidery", "Các loại vải dệt đặc biệt; ren; hàng thêu"),
    "59": (
        "Impregnated, coated or laminated textile fabrics",
        "Các loại vải dệt đã ngâm tẩm, tráng",
    ),
    "60": ("Knitted or crocheted fabrics", "Các loại hàng dệt kim hoặc móc"),
    "61": (
        "Apparel and clothing accessories, knitted or crocheted",
        "Quần áo và hàng may mặc phụ trợ, dệt kim hoặc móc",
    ),
    "62": (
        "Apparel and clothing accessories, not knitted or crocheted",
        "Quần áo và hàng may mặc phụ trợ, không dệt kim hoặc móc",
    ),
    "63": ("Other made up textile articles; worn clothing", "Các mặt hàng dệt đã hoàn thiện khác"),
    "64": ("Footwear, gaiters and the like", "Giày, dép, ghệt và các sản phẩm tương tự"),
    "65": ("Headgear and parts thereof", "Mũ và các vật đội đầu khác"),
    "66": ("Umbrellas, walking-sticks, whips", "Ô, dù, ba toong, roi"),
    "67": (
        "Prepared feathers; artificial flowers; articles of human hair",
        "Lông vũ đã chế biến; hoa nhân tạo; sản phẩm làm từ tóc người",
    ),
    "68": (
        "Articles of stone, plaster, cement, asbestos, mica",
        "Sản phẩm làm bằng đá, thạch cao, xi măng, amiăng, mica",
    ),
    "69": ("Ceramic products", "Đồ gốm, sứ"),
    "70": ("Glass and glassware", "Thủy tinh và các sản phẩm bằng thủy tinh"),
    "71": (
        "Pearls, precious stones, precious metals; imitation jewellery; coin",
        "Ngọc trai, đá quý, kim loại quý; đồ trang sức làm bằng chất liệu khác; tiền kim loại",
    ),
    "72": ("Iron and steel", "Sắt và thép"),
    "73": ("Articles of iron or steel", "Các sản phẩm bằng sắt hoặc thép"),
    "74": ("Copper and articles thereof", "Đồng và các sản phẩm bằng đồng"),
    "75": ("Nickel and articles thereof", "Niken và các sản phẩm bằng niken"),
    "76": ("Aluminium and articles thereof", "Nhôm và các sản phẩm bằng nhôm"),
    "78": ("Lead and articles thereof", "Chì và các sản phẩm bằng chì"),
    "79": ("Zinc and articles thereof", "Kẽm và các sản phẩm bằng kẽm"),
    "80": ("Tin and articles thereof", "Thiếc và các sản phẩm bằng thiếc"),
    "81": ("Other base metals; cermets", "Kim loại cơ bản khác; gốm kim loại"),
    "82": (
        "Tools, implements, cutlery of base metal",
        "Dụng cụ, đồ nghề, dao, kéo bằng kim loại cơ bản",
    ),
    "83": ("Miscellaneous articles of base metal", "Hàng tạp hóa làm từ kim loại cơ bản"),
    "84": (
        "Nuclear reactors, boilers, machinery and mechanical appliances",
        "Lò phản ứng hạt nhân, nồi hơi, máy và thiết bị cơ khí",
    ),
    "85": (
        "Electrical machinery and equipment; sound and television apparatus",
        "Máy điện và thiết bị điện; thiết bị ghi và tái tạo âm thanh, hình ảnh",
    ),
    "86": ("Railway or tramway locomotives and rolling stock", "Đầu máy, toa xe đường sắt"),
    "87": (
        "Vehicles other than railway or tramway rolling stock",
        "Xe cộ trừ phương tiện chạy trên đường sắt",
    ),
    "88": ("Aircraft, spacecraft, and parts thereof", "Phương tiện bay, tàu vũ trụ"),
    "89": ("Ships, boats and floating structures", "Tàu thủy, thuyền và các kết cấu nổi"),
    "90": (
        "Optical, photographic, measuring, medical or surgical instruments",
        "Dụng cụ quang học, nhiếp ảnh, đo lường, y tế hoặc phẫu thuật",
    ),
    "91": ("Clocks and watches", "Đồng hồ thời gian, đồng hồ cá nhân"),
    "92": ("Musical instruments", "Nhạc cụ"),
    "93": ("Arms and ammunition", "Vũ khí và đạn"),
    "94": (
        "Furniture; bedding; lamps; prefabricated buildings",
        "Đồ nội thất; bộ đồ giường; đèn; nhà lắp ghép",
    ),
    "95": ("Toys, games and sports requisites", "Đồ chơi, thiết bị trò chơi, dụng cụ thể thao"),
    "96": ("Miscellaneous manufactured articles", "Các mặt hàng khác"),
    "97": (
        "Works of art, collectors' pieces and antiques",
        "Tác phẩm nghệ thuật, đồ sưu tầm, đồ cổ",
    ),
}

_SEPARATORS = re.compile(r"[\s.\-]")


def chapter_name(chapter: str, language: str | None = None) -> str:
    names = CHAPTERS.get(chapter[:2])
    if names is None:
        return chapter
    language = language or get_language() or "vi"
    return names[0] if language.startswith("en") else names[1]


def chapter_choices(language: str | None = None) -> list[tuple[str, str]]:
    return [(code, f"{code} — {chapter_name(code, language)}") for code in CHAPTERS]


def clean_hs_code(value: str, *, lengths: tuple[int, ...] = (6,)) -> str:
    """The digits of an HS code, checked: the right number of digits, an existing chapter, a
    heading of 01 or more. Raises ValidationError with a message for the user."""
    digits = _SEPARATORS.sub("", str(value or ""))
    wanted = " / ".join(str(n) for n in lengths)
    # ASCII digits only: str.isdigit() also takes full-width and other scripts' digits.
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in lengths:
        raise ValidationError(
            _("An HS code has %(digits)s digits (e.g. 090111 for coffee beans); got “%(value)s”.")
            % {"digits": wanted, "value": value},
            code="hs_format",
        )
    if digits[:2] not in CHAPTERS:
        raise ValidationError(
            _("HS chapter %(chapter)s does not exist (chapters run from 01 to 97, without 77).")
            % {"chapter": digits[:2]},
            code="hs_chapter",
        )
    if len(digits) >= 4 and digits[2:4] == "00":
        raise ValidationError(
            _("HS heading %(heading)s does not exist: headings are numbered from 01.")
            % {"heading": digits[:4]},
            code="hs_heading",
        )
    return digits


def prefixes(code: str) -> list[str]:
    """The chapter, heading and subheading a code belongs to (as far as it goes)."""
    return [code[:n] for n in (2, 4, 6) if len(code) >= n]


def display(code: str) -> str:
    """0901.11 for 090111."""
    return f"{code[:4]}.{code[4:]}" if len(code) > 4 else code
