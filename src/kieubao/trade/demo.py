"""Demo data of the trade portal (``kieubao trade demo [--if-empty]``), on top of the community
demo (``kieubao demo``): Vietnamese exporters across the provinces with their signature
products (real HS codes and OCOP stars), certificates (some expiring soon, one expired),
overseas Vietnamese distributors in ten markets with the channels they sell through, buy
requests and sell offers, confirmed deals and reviews, verifications by the demo's province,
ministry and mission bodies, market requirements, members' market reports and several years of
trade statistics. The trade statistics are synthetic (plausible orders of magnitude, not real
figures): the import is recorded as a demo import and the market pages say so.

Everything goes through the services, as a user's actions would; only the dates of the past
(when a product was published) are set afterwards so that the programme dashboard has years to
show. The search indexes are rebuilt once at the end rather than after every write.
Deterministic; a few seconds.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kieubao.community.models import Organisation, OrganisationKind, Person
from kieubao.core import audit
from kieubao.core.models import AuditAction
from kieubao.core.provinces import resolve_province

from . import notifications, search, services
from .models import Company, Product, TradeFlow, TradeStat
from .taxcode import make_tax_code

DEMO_MEMBER = "member@kieubao.local"


@dataclass
class ProductSeed:
    name_vi: str
    name_en: str
    hs_code: str
    category: str
    ocop: int | None
    description_vi: str
    description_en: str
    signature: bool = False


@dataclass
class ExporterSeed:
    name: str
    name_en: str
    province: str  # any name resolve_province knows, former provinces too
    city: str
    markets: tuple[str, ...]
    products: tuple[ProductSeed, ...]
    capacity: str = ""


def _p(name_vi, name_en, hs, category, ocop, desc_vi, desc_en, signature=False) -> ProductSeed:
    return ProductSeed(name_vi, name_en, hs, category, ocop, desc_vi, desc_en, signature)


EXPORTERS: list[ExporterSeed] = [
    ExporterSeed("Công ty TNHH Cà phê Buôn Ma Thuột Xanh", "BMT Green Coffee Co., Ltd", "Đắk Lắk",
                 "Buôn Ma Thuột", ("DE", "FR", "US", "JP", "KR"), (
        _p("Cà phê Robusta Buôn Ma Thuột rang xay", "Buon Ma Thuot roasted ground Robusta",
           "090121", "coffee_tea", 5, "Robusta chỉ dẫn địa lý Buôn Ma Thuột, rang mộc, xay phin.",
           "Geographical-indication Robusta from Buon Ma Thuot, roasted plain, ground for phin.",
           True),
        _p("Cà phê nhân Robusta sàng 18", "Robusta green coffee beans, screen 18", "090111",
           "coffee_tea", None, "Nhân xanh chế biến ướt, độ ẩm dưới 12,5%.",
           "Wet-processed green beans, moisture below 12.5%."),
    ), "1.200 tấn/năm"),
    ExporterSeed("Hợp tác xã Cà phê Ea Tu", "Ea Tu Coffee Cooperative", "Đắk Lắk", "Buôn Ma Thuột",
                 ("DE", "AU", "CZ"), (
        _p("Cà phê hạt rang Fine Robusta", "Fine Robusta roasted whole beans", "090121",
           "coffee_tea", 4, "Fine Robusta lên men tự nhiên, rang vừa.",
           "Naturally fermented Fine Robusta, medium roast."),
    )),
    ExporterSeed("Công ty CP Cà phê Cầu Đất", "Cau Dat Coffee JSC", "Lâm Đồng", "Đà Lạt",
                 ("JP", "KR", "US"), (
        _p("Cà phê Arabica Cầu Đất", "Cau Dat Arabica coffee", "090111", "coffee_tea", 4,
           "Arabica trồng ở độ cao 1.600 m, chế biến mật ong.",
           "Arabica grown at 1,600 m, honey-processed."),
    )),
    ExporterSeed("Công ty TNHH Hồ tiêu Phú Quốc", "Phu Quoc Pepper Co., Ltd", "Kiên Giang",
                 "Phú Quốc", ("DE", "FR", "PL", "US"), (
        _p("Hồ tiêu đen Phú Quốc", "Phu Quoc black pepper", "090411", "coffee_tea", 5,
           "Tiêu đen chỉ dẫn địa lý Phú Quốc, phơi nắng tự nhiên.",
           "Geographical-indication black pepper from Phu Quoc, sun-dried.", True),
        _p("Tiêu đỏ Phú Quốc xay", "Ground red pepper from Phu Quoc", "090412", "coffee_tea", 4,
           "Tiêu chín đỏ trên cây, xay mịn.", "Vine-ripened red pepper, finely ground."),
    )),
    ExporterSeed("Công ty CP Nước mắm Phú Quốc Hưng Thịnh", "Hung Thinh Phu Quoc Fish Sauce JSC",
                 "Kiên Giang", "Phú Quốc", ("US", "AU", "CA", "FR", "CZ"), (
        _p("Nước mắm Phú Quốc 40 độ đạm", "Phu Quoc fish sauce, 40°N", "210390",
           "processed_food", 5, "Cá cơm ủ chượp 12 tháng trong thùng gỗ bời lời.",
           "Anchovies fermented 12 months in wooden barrels.", True),
    )),
    ExporterSeed("Doanh nghiệp tư nhân Gạo Hồ Quang Cua", "Ho Quang Cua Rice Enterprise",
                 "Sóc Trăng", "Sóc Trăng", ("AU", "DE", "US", "CA"), (
        _p("Gạo ST25", "ST25 rice", "100630", "agriculture", 5,
           "Gạo thơm ST25, giống lúa từng được vinh danh gạo ngon nhất thế giới.",
           "ST25 fragrant rice, a variety once named the world's best rice.", True),
        _p("Gạo ST25 hữu cơ lúa tôm", "Organic rice-shrimp ST25 rice", "100630", "agriculture",
           5, "Canh tác luân canh lúa – tôm, không phân bón hóa học.",
           "Grown in rice-shrimp rotation, without chemical fertilisers."),
    )),
    ExporterSeed("Hợp tác xã Thanh long Hàm Thuận Nam", "Ham Thuan Nam Dragon Fruit Cooperative",
                 "Bình Thuận", "Phan Thiết", ("KR", "JP", "AU", "DE"), (
        _p("Thanh long ruột đỏ Bình Thuận", "Binh Thuan red-flesh dragon fruit", "081090",
           "agriculture", 4, "Đạt GlobalG.A.P., xử lý hơi nước nóng khi xuất khẩu.",
           "GlobalG.A.P. certified, vapour heat treated for export.", True),
    )),
    ExporterSeed("Công ty TNHH Nông sản Lục Ngạn", "Luc Ngan Agricultural Products Co., Ltd",
                 "Bắc Giang", "Lục Ngạn", ("JP", "AU", "US"), (
        _p("Vải thiều Lục Ngạn tươi", "Fresh Luc Ngan lychee", "081090", "agriculture", 4,
           "Vải thiều chính vụ tháng 6, bảo quản lạnh.", "June-season lychee, cold-chain.", True),
        _p("Vải thiều sấy khô", "Dried Luc Ngan lychee", "081340", "agriculture", 3,
           "Sấy lạnh, giữ vị ngọt tự nhiên.", "Cold-dried, natural sweetness kept."),
    )),
    ExporterSeed("Công ty CP Điều Bình Phước", "Binh Phuoc Cashew JSC", "Bình Phước", "Đồng Xoài",
                 ("US", "DE", "GB", "CA", "PL"), (
        _p("Hạt điều rang muối W240", "Roasted salted cashews W240", "080132", "agriculture", 5,
           "Hạt điều Bình Phước loại W240, rang củi, còn vỏ lụa.",
           "Binh Phuoc W240 cashews, wood-fire roasted, skin on.", True),
    ), "3.000 tấn/năm"),
    ExporterSeed("Cơ sở Bánh tráng Trảng Bàng Tư Lượng", "Tu Luong Trang Bang Rice Paper",
                 "Tây Ninh", "Trảng Bàng", ("US", "FR", "DE", "CZ"), (
        _p("Bánh tráng phơi sương Trảng Bàng", "Trang Bang dew-dried rice paper", "190590",
           "processed_food", 4, "Bánh tráng nướng rồi phơi sương, mềm dẻo.",
           "Grilled then dew-dried rice paper, soft and chewy.", True),
    )),
    ExporterSeed("Công ty TNHH Lụa Vạn Phúc", "Van Phuc Silk Co., Ltd", "Hà Nội", "Hà Đông",
                 ("FR", "JP", "US", "GB"), (
        _p("Khăn lụa tơ tằm Vạn Phúc", "Van Phuc silk scarf", "621410", "textiles", 4,
           "Dệt thủ công tại làng lụa Vạn Phúc, hoa văn truyền thống.",
           "Hand-woven in Van Phuc silk village, traditional patterns.", True),
        _p("Vải lụa tơ tằm", "Mulberry silk fabric", "500720", "textiles", None,
           "Khổ 90 cm, nhuộm màu tự nhiên.", "90 cm wide, natural dyes."),
    )),
    ExporterSeed("Công ty CP Gốm sứ Bát Tràng", "Bat Trang Ceramics JSC", "Hà Nội", "Gia Lâm",
                 ("DE", "FR", "JP", "AU", "KR"), (
        _p("Bộ ấm chén men lam Bát Tràng", "Bat Trang blue-glaze tea set", "691200",
           "handicrafts", 5, "Vẽ tay men lam, nung 1.280°C.", "Hand-painted blue glaze, "
           "fired at 1,280°C.", True),
    )),
    ExporterSeed("Hợp tác xã Chè Tân Cương", "Tan Cuong Tea Cooperative", "Thái Nguyên",
                 "Thái Nguyên", ("DE", "PL", "CZ", "KR"), (
        _p("Chè xanh Tân Cương", "Tan Cuong green tea", "090210", "coffee_tea", 5,
           "Chè búp sao suốt thủ công, nước xanh, hậu ngọt.",
           "Hand-roasted green tea buds, bright liquor, sweet finish.", True),
    )),
    ExporterSeed("Công ty CP Thủy sản Cà Mau", "Ca Mau Seafood JSC", "Cà Mau", "Cà Mau",
                 ("JP", "US", "AU", "KR", "CA"), (
        _p("Tôm sú Cà Mau đông lạnh", "Frozen Ca Mau black tiger shrimp", "030617", "seafood",
           None, "Tôm sú nuôi sinh thái rừng ngập mặn, cấp đông IQF.",
           "Mangrove-farmed black tiger shrimp, IQF frozen.", True),
    ), "8.000 tấn/năm"),
    ExporterSeed("Công ty TNHH Cá tra Đồng Tháp", "Dong Thap Pangasius Co., Ltd", "Đồng Tháp",
                 "Cao Lãnh", ("DE", "PL", "CZ", "US"), (
        _p("Phi lê cá tra đông lạnh", "Frozen pangasius fillets", "030462", "seafood", None,
           "Cá tra phi lê thịt trắng, đạt ASC.", "White-flesh pangasius fillets, ASC certified."),
    )),
    ExporterSeed("Hợp tác xã Mật ong Bạc hà Mèo Vạc", "Meo Vac Mint Honey Cooperative",
                 "Hà Giang", "Mèo Vạc", ("JP", "DE"), (
        _p("Mật ong bạc hà Hà Giang", "Ha Giang mint-flower honey", "040900",
           "processed_food", 5, "Mật ong hoa bạc hà cao nguyên đá Đồng Văn.",
           "Honey from mint flowers of the Dong Van karst plateau.", True),
    )),
    ExporterSeed("Công ty CP Sâm Ngọc Linh Kon Tum", "Kon Tum Ngoc Linh Ginseng JSC", "Kon Tum",
                 "Tu Mơ Rông", ("KR", "JP"), (
        _p("Sâm Ngọc Linh củ tươi", "Fresh Ngoc Linh ginseng roots", "121120", "agriculture", 5,
           "Sâm Ngọc Linh trồng dưới tán rừng, có truy xuất nguồn gốc.",
           "Ngoc Linh ginseng grown under forest canopy, traceable.", True),
    )),
    ExporterSeed("Công ty TNHH Quế hồi Yên Bái", "Yen Bai Cinnamon & Anise Co., Ltd", "Yên Bái",
                 "Văn Yên", ("US", "DE", "FR"), (
        _p("Quế Văn Yên cuộn", "Van Yen cassia quills", "090619", "coffee_tea", 4,
           "Quế vỏ cuộn, tinh dầu cao.", "Cassia bark quills, high oil content.", True),
    )),
    ExporterSeed("Hợp tác xã Hồi Văn Quan", "Van Quan Star Anise Cooperative", "Lạng Sơn",
                 "Văn Quan", ("FR", "DE", "PL"), (
        _p("Hoa hồi khô Lạng Sơn", "Lang Son dried star anise", "090961", "coffee_tea", 4,
           "Hồi vụ thu, phơi khô tự nhiên.", "Autumn-crop star anise, naturally dried."),
    )),
    ExporterSeed("Cơ sở Nón lá Tây Hồ Huế", "Tay Ho Hue Conical Hats", "Thừa Thiên Huế", "Huế",
                 ("FR", "JP", "US"), (
        _p("Nón bài thơ Huế", "Hue poem conical hat", "650400", "handicrafts", 3,
           "Nón lá hai lớp, kẹp thơ và cảnh Huế.",
           "Two-layer palm-leaf hat with poems and Hue scenes inside."),
    )),
    ExporterSeed("Công ty CP Mây tre Phú Vinh", "Phu Vinh Rattan & Bamboo JSC", "Hà Nội",
                 "Chương Mỹ", ("DE", "FR", "GB", "AU"), (
        _p("Giỏ mây đan Phú Vinh", "Phu Vinh woven rattan basket", "460212", "handicrafts", 4,
           "Đan tay từ mây rừng, làng nghề 400 năm.",
           "Hand-woven from forest rattan in a 400-year-old craft village."),
    )),
    ExporterSeed("Công ty TNHH Sơn mài Tương Bình Hiệp", "Tuong Binh Hiep Lacquerware",
                 "Bình Dương", "Thủ Dầu Một", ("FR", "US", "JP"), (
        _p("Hộp sơn mài khảm trứng", "Eggshell-inlaid lacquer box", "442090", "handicrafts",
           4, "Sơn ta nhiều lớp, khảm vỏ trứng.", "Many layers of natural lacquer, eggshell "
           "inlay."),
    )),
    ExporterSeed("Hợp tác xã Bưởi da xanh Chợ Lách", "Cho Lach Green-Skin Pomelo Cooperative",
                 "Bến Tre", "Chợ Lách", ("US", "KR", "AU"), (
        _p("Bưởi da xanh Bến Tre", "Ben Tre green-skin pomelo", "080540", "agriculture", 4,
           "Múi hồng, ráo nước, vị ngọt thanh.", "Pink segments, dry, mildly sweet.", True),
    )),
    ExporterSeed("Công ty CP Kẹo dừa Bến Tre", "Ben Tre Coconut Candy JSC", "Bến Tre",
                 "Bến Tre", ("US", "CA", "AU", "CZ"), (
        _p("Kẹo dừa sầu riêng", "Durian coconut candy", "170490", "processed_food", 4,
           "Kẹo dừa truyền thống Bến Tre vị sầu riêng.",
           "Traditional Ben Tre coconut candy, durian flavour.", True),
    )),
    ExporterSeed("Công ty TNHH Xoài cát Hòa Lộc", "Hoa Loc Mango Co., Ltd", "Tiền Giang",
                 "Cái Bè", ("KR", "JP", "AU"), (
        _p("Xoài cát Hòa Lộc", "Hoa Loc mango", "080450", "agriculture", 4,
           "Xoài chỉ dẫn địa lý Hòa Lộc, bao trái từ khi nhỏ.",
           "Geographical-indication Hoa Loc mango, bagged on the tree.", True),
    )),
    ExporterSeed("Công ty CP Thực phẩm Sa Giang", "Sa Giang Foods JSC", "Đồng Tháp", "Sa Đéc",
                 ("US", "DE", "FR", "AU", "CA"), (
        _p("Hủ tiếu khô Sa Đéc", "Sa Dec dried rice noodles", "190219", "processed_food", 4,
           "Hủ tiếu gạo làm thủ công.", "Handmade dried rice noodles.", True),
        _p("Bánh phồng tôm", "Prawn crackers", "190590", "processed_food", 3,
           "Bánh phồng tôm truyền thống.", "Traditional prawn crackers."),
    )),
    ExporterSeed("Hợp tác xã Sen Tháp Mười", "Thap Muoi Lotus Cooperative", "Đồng Tháp",
                 "Tháp Mười", ("JP", "KR"), (
        _p("Hạt sen sấy", "Dried lotus seeds", "121299", "agriculture", 4,
           "Hạt sen Tháp Mười sấy lạnh.", "Cold-dried Thap Muoi lotus seeds."),
    )),
    ExporterSeed("Công ty TNHH Hải sản Khô Nha Trang", "Nha Trang Dried Seafood Co., Ltd",
                 "Khánh Hòa", "Nha Trang", ("US", "AU", "CA"), (
        _p("Mực khô Nha Trang", "Nha Trang dried squid", "030749", "seafood", 3,
           "Mực câu phơi một nắng.", "Line-caught squid, sun-dried once."),
    )),
    ExporterSeed("Công ty CP Tinh dầu Tràm Huế", "Hue Cajeput Oil JSC", "Thừa Thiên Huế",
                 "Phong Điền", ("FR", "DE", "JP"), (
        _p("Tinh dầu tràm Huế", "Hue cajeput essential oil", "330129", "cosmetics", 4,
           "Chưng cất từ lá tràm gió.", "Steam-distilled from cajeput leaves.", True),
    )),
    ExporterSeed("Công ty CP Nội thất gỗ Bình Dương", "Binh Duong Wood Furniture JSC",
                 "Bình Dương", "Tân Uyên", ("US", "GB", "AU", "DE"), (
        _p("Bàn ăn gỗ keo FSC", "FSC acacia dining table", "940360", "furniture", None,
           "Gỗ keo rừng trồng có chứng chỉ FSC.", "FSC-certified plantation acacia."),
    ), "40 container/tháng"),
    ExporterSeed("Công ty TNHH Áo dài Lụa Huế", "Hue Silk Ao Dai Co., Ltd", "Thừa Thiên Huế",
                 "Huế", ("US", "FR", "AU"), (
        _p("Áo dài lụa may đo", "Tailored silk ao dai", "620449", "textiles", None,
           "May đo theo số đo gửi trực tuyến.", "Tailored to measurements sent online."),
    )),
    ExporterSeed("Công ty CP Gốm Chu Đậu", "Chu Dau Ceramics JSC", "Hải Dương", "Nam Sách",
                 ("JP", "FR", "DE"), (
        _p("Bình gốm hoa lam Chu Đậu", "Chu Dau blue-and-white vase", "691200", "handicrafts",
           5, "Phục dựng gốm Chu Đậu thế kỷ XV.", "Revival of 15th-century Chu Dau ware.", True),
    )),
    ExporterSeed("Công ty TNHH Tương ớt Mường Khương", "Muong Khuong Chilli Sauce Co., Ltd",
                 "Lào Cai", "Mường Khương", ("US", "CZ", "PL"), (
        _p("Tương ớt Mường Khương", "Muong Khuong chilli sauce", "210390", "processed_food", 4,
           "Ớt vùng cao ủ men tự nhiên.", "Highland chillies, naturally fermented.", True),
    )),
    ExporterSeed("Công ty CP Tinh bột sắn Tây Ninh", "Tay Ninh Tapioca Starch JSC", "Tây Ninh",
                 "Tân Châu", ("KR", "JP", "DE"), (
        _p("Tinh bột sắn", "Tapioca starch", "110814", "agriculture", None,
           "Tinh bột sắn độ trắng cao.", "High-whiteness tapioca starch."),
    )),
    ExporterSeed("Công ty TNHH Sô cô la Bến Tre", "Ben Tre Chocolate Co., Ltd", "Bến Tre",
                 "Bến Tre", ("JP", "FR", "AU"), (
        _p("Sô cô la đen 70% cacao Bến Tre", "Ben Tre 70% dark chocolate", "180632",
           "processed_food", 4, "Cacao lên men tại vườn.", "Farm-fermented cacao."),
    )),
    ExporterSeed("Công ty CP Nước dừa Cửu Long", "Cuu Long Coconut Water JSC", "Vĩnh Long",
                 "Vĩnh Long", ("US", "CA", "KR"), (
        _p("Nước dừa xiêm đóng lon", "Canned Siamese coconut water", "200989", "beverages",
           None, "Nước dừa xiêm nguyên chất.", "Pure Siamese coconut water."),
    )),
    ExporterSeed("Hợp tác xã Chuối sấy Nghệ An", "Nghe An Dried Banana Cooperative", "Nghệ An",
                 "Vinh", ("CZ", "PL", "DE"), (
        _p("Chuối sấy dẻo", "Soft dried bananas", "200899", "processed_food", 3,
           "Chuối tây sấy dẻo không đường.", "Soft-dried bananas, no sugar added."),
    )),
    ExporterSeed("Công ty TNHH Hải sản Hải Phòng", "Hai Phong Seafood Co., Ltd", "Hải Phòng",
                 "Hải Phòng", ("KR", "JP", "US"), (
        _p("Chả mực Hạ Long", "Ha Long squid cakes", "160554", "seafood", 4,
           "Chả mực giã tay, cấp đông.", "Hand-pounded squid cakes, frozen.", True),
    )),
    ExporterSeed("Hợp tác xã Trà hoa vàng Ba Chẽ", "Ba Che Golden Camellia Tea Cooperative",
                 "Quảng Ninh", "Ba Chẽ", ("KR", "JP", "DE"), (
        _p("Trà hoa vàng Ba Chẽ", "Ba Che golden camellia tea", "121190", "coffee_tea", 5,
           "Hoa trà vàng sấy lạnh, vùng trồng dưới tán rừng.",
           "Cold-dried golden camellia flowers grown under forest canopy.", True),
    )),
    ExporterSeed("Công ty CP Đặc sản Đà Nẵng", "Da Nang Specialities JSC", "Đà Nẵng", "Đà Nẵng",
                 ("KR", "JP", "AU"), (
        _p("Mì Quảng khô", "Dried Mi Quang noodles", "190219", "processed_food", 3,
           "Sợi mì Quảng nghệ phơi khô.", "Turmeric Mi Quang noodles, dried."),
    )),
]  # fmt: skip


@dataclass
class DistributorSeed:
    name: str
    country: str
    city: str
    channels: tuple[str, ...]
    sectors: tuple[str, ...]
    markets: tuple[str, ...] = ()


DISTRIBUTORS: list[DistributorSeed] = [
    DistributorSeed("Asia Markt Dong Xuan GmbH", "DE", "Berlin", ("grocery", "wholesale"),
                    ("09", "10", "19", "21")),
    DistributorSeed("Saigon Feinkost GmbH", "DE", "Leipzig", ("grocery", "ecommerce"),
                    ("09", "08", "20")),
    DistributorSeed("Mekong Import GmbH", "DE", "Frankfurt am Main", ("wholesale", "restaurant"),
                    ("03", "16", "21"), ("DE", "AT")),
    DistributorSeed("Épicerie Hà Nội SARL", "FR", "Paris", ("grocery", "ecommerce"),
                    ("09", "19", "21", "69")),
    DistributorSeed("Lotus Distribution SAS", "FR", "Lyon", ("supermarket", "wholesale"),
                    ("08", "10", "20")),
    DistributorSeed("Little Saigon Foods Inc.", "US", "Westminster, CA", ("supermarket",
                    "wholesale"), ("03", "09", "10", "21")),
    DistributorSeed("Pho Bay Trading LLC", "US", "Houston, TX", ("restaurant", "wholesale"),
                    ("19", "21", "16")),
    DistributorSeed("VietCraft Home Inc.", "US", "Seattle, WA", ("ecommerce",),
                    ("46", "69", "94", "44")),
    DistributorSeed("Sakura Việt Trading K.K.", "JP", "Osaka", ("wholesale", "grocery"),
                    ("08", "09", "03")),
    DistributorSeed("Tokyo Việt Shop Co., Ltd", "JP", "Tokyo", ("ecommerce", "grocery"),
                    ("09", "17", "18")),
    DistributorSeed("Sydney Việt Fresh Pty Ltd", "AU", "Sydney", ("grocery", "supermarket"),
                    ("08", "10", "09")),
    DistributorSeed("Melbourne Mekong Pty Ltd", "AU", "Melbourne", ("wholesale", "restaurant"),
                    ("03", "21", "19")),
    DistributorSeed("Sapa Praha s.r.o.", "CZ", "Praha", ("wholesale", "grocery"),
                    ("09", "10", "19", "21", "20"), ("CZ", "SK")),
    DistributorSeed("Hanoi Warszawa Sp. z o.o.", "PL", "Warszawa", ("wholesale", "grocery"),
                    ("09", "03", "20")),
    DistributorSeed("Seoul Việt Mart Co., Ltd", "KR", "Seoul", ("grocery", "ecommerce"),
                    ("08", "12", "09")),
    DistributorSeed("Busan Mekong Foods", "KR", "Busan", ("supermarket",), ("08", "03")),
    DistributorSeed("London Phở Supplies Ltd", "GB", "London", ("restaurant", "wholesale"),
                    ("19", "21", "08")),
    DistributorSeed("Việt Home UK Ltd", "GB", "Birmingham", ("ecommerce",), ("46", "94", "62")),
    DistributorSeed("Toronto Saigon Grocers Inc.", "CA", "Toronto", ("grocery", "supermarket"),
                    ("10", "21", "17")),
    DistributorSeed("Vancouver Lotus Trading Ltd", "CA", "Vancouver", ("wholesale",),
                    ("03", "09", "20")),
]  # fmt: skip

# Viet Nam's exports by chapter to each market, in millions of USD in the first year (rough
# orders of magnitude, synthetic), growing by a few percent a year.
STAT_MARKETS = {
    "US": 1.0, "JP": 0.45, "KR": 0.35, "DE": 0.25, "AU": 0.12, "GB": 0.12, "FR": 0.1,
    "CA": 0.1, "PL": 0.05, "CZ": 0.03,
}  # fmt: skip
STAT_CHAPTERS = {
    "03": 1900, "08": 1300, "09": 1600, "10": 150, "16": 300, "19": 120, "20": 220, "21": 110,
    "46": 260, "61": 3500, "62": 3200, "64": 5000, "69": 90, "94": 5500,
}  # fmt: skip
MIRROR_MARKETS = {"MY": 0.06, "ID": 0.05}  # statistics only as the market's imports

REQUIREMENTS = [
    # (countries, HS prefix, certificates, note)
    (("DE", "FR", "CZ", "PL"), "09", ["haccp"], "EU food hygiene: HACCP-based controls."),
    (("DE", "FR"), "0901", ["haccp", "organic_eu"],
     "Organic coffee is sold as such only with EU organic certification."),
    (("DE", "FR", "CZ", "PL"), "03", ["haccp"], "Establishments must be on the EU list."),
    (("MY", "ID"), "", ["halal"], "Halal certification for food and beverages."),
    (("US",), "", ["fda"], "FDA food facility registration."),
    (("JP",), "0901", ["organic_jas"], "“Organic” labelling requires JAS certification."),
    (("AU",), "08", ["globalgap"], "Fresh fruit: market access protocols (GAP)."),
]  # fmt: skip

MARKET_REPORTS = [
    ("DE", "0901", "Cà phê phin Việt Nam 250 g", "6.49", "11.90", "EUR", "250 g", ["haccp"],
     "Cà phê Ý, Brazil ở kệ chính; cà phê Việt ở kệ châu Á.",
     "Người trẻ Berlin thích cà phê sữa đá; cần bao bì tiếng Đức."),
    ("DE", "100630", "Gạo thơm ST25 5 kg", "14.90", "19.90", "EUR", "5 kg", [],
     "Gạo Jasmine Thái Lan rẻ hơn khoảng 20%.", "Khách Việt và châu Á hỏi ST25 nhiều."),
    ("FR", "2103", "Nước mắm 500 ml", "3.20", "7.50", "EUR", "500 ml", [],
     "Nước mắm Thái Lan chiếm phần lớn kệ.", "Nhà hàng Việt ở Paris dùng nhiều loại 40 độ đạm."),
    ("US", "2103", "Fish sauce 500 ml", "4.99", "12.99", "USD", "500 ml", ["fda"],
     "Red Boat and Thai brands lead.", "Premium 40°N fish sauce sells well online."),
    ("US", "0801", "Roasted cashews 1 lb", "9.99", "15.99", "USD", "1 lb", ["fda"],
     "Indian cashews in mainstream chains.", "Costco-size packs in demand."),
    ("JP", "0810", "ドラゴンフルーツ 1 個", "398", "698", "JPY", "1 quả", ["globalgap"],
     "Thanh long Việt Nam gần như độc quyền.", "Mùa hè bán chạy ở siêu thị."),
    ("AU", "0810", "Dragon fruit per kg", "9.90", "14.90", "AUD", "1 kg", ["globalgap"],
     "Local Queensland dragon fruit.", "Vietnamese red-flesh is preferred."),
    ("CZ", "1905", "Bánh tráng 400 g", "39", "69", "CZK", "400 g", [],
     "Bánh tráng Thái Lan rẻ hơn.", "Chợ Sapa bán sỉ cho nhà hàng."),
    ("KR", "0810", "용과 1kg", "9900", "15900", "KRW", "1 kg", [],
     "Thanh long Thái Lan, Israel.", "Người Hàn chuộng ruột đỏ."),
    ("GB", "1902", "Rice noodles 400 g", "1.50", "3.20", "GBP", "400 g", [],
     "Thai and Chinese brands.", "Pho kits for home cooking are growing."),
]  # fmt: skip


@dataclass
class DemoReport:
    exporters: int
    distributors: int
    products: int
    channels: int
    deals: int
    statistics: int
    seconds: float


@contextmanager
def _indexing_deferred():
    """The services ask the search indexes to update after every write; the demo rebuilds them
    once at the end instead (hundreds of small index commits would take most of its time)."""
    saved = search.schedule_product_update, search.schedule_company_update
    search.schedule_product_update = lambda *args, **kwargs: None
    search.schedule_company_update = lambda *args, **kwargs: None
    try:
        yield
    finally:
        search.schedule_product_update, search.schedule_company_update = saved


@contextmanager
def _no_mail():
    """Demo companies are invented: their deals and reviews tell nobody by email."""
    saved = notifications._later
    notifications._later = lambda *args, **kwargs: None
    try:
        yield
    finally:
        notifications._later = saved


def _tax_codes():
    n = 0
    while True:
        n += 1
        code = make_tax_code(f"09{n:07d}")
        if code is not None:
            yield code


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())[:20] or "info"


def load_demo(*, if_empty: bool = False, seed: int = 1797) -> DemoReport | None:
    if if_empty and Company.objects.exists():
        return None
    started = time.perf_counter()
    rng = random.Random(seed)
    with _indexing_deferred(), _no_mail(), transaction.atomic():
        report = _load(rng)
    search.rebuild_all()
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def _bodies() -> dict:
    provinces = {
        o.province_code: o for o in Organisation.objects.filter(kind=OrganisationKind.PROVINCE)
    }
    missions = {
        str(o.country): o for o in Organisation.objects.filter(kind=OrganisationKind.MISSION)
    }
    ministry = (
        Organisation.objects.filter(kind=OrganisationKind.MINISTRY, name__icontains="Công Thương")
        .order_by("pk")
        .first()
    )
    return {"provinces": provinces, "missions": missions, "ministry": ministry}


def _load(rng: random.Random) -> DemoReport:
    today = timezone.localdate()
    this_year = today.year
    bodies = _bodies()
    tax_codes = _tax_codes()
    member = Person.objects.filter(user__email=DEMO_MEMBER).first()

    exporters: list[Company] = []
    products: list[Product] = []
    for number, seed in enumerate(EXPORTERS):
        province = resolve_province(seed.province)
        sectors = sorted({p.hs_code[:2] for p in seed.products})
        company = services.company_create(
            role="exporter",
            name=seed.name,
            name_en=seed.name_en,
            country="VN",
            city=seed.city,
            website=f"https://{_slug(seed.name_en)}.example.vn",
            description=f"{seed.products[0].description_vi}",
            tax_code=next(tax_codes),
            province_code=province.code,
            sectors=sectors,
            markets=list(seed.markets),
            channels=[],
            capacity=seed.capacity,
            contact_name="Phòng Kinh doanh Xuất khẩu",
            contact_email=f"export@{_slug(seed.name_en)}.example.vn",
            contact_phone=f"+84 {200 + number} {rng.randint(100000, 999999)}",
        )
        exporters.append(company)
        for item, spec in enumerate(seed.products):
            product = services.product_create(
                company=company,
                publish=True,
                name_vi=spec.name_vi,
                name_en=spec.name_en,
                description_vi=spec.description_vi,
                description_en=spec.description_en,
                hs_code=spec.hs_code,
                category=spec.category,
                province_code=province.code,
                ocop_stars=spec.ocop,
                min_order_quantity=rng.choice(["100", "500", "1000", "5000"]),
                min_order_unit="kg"
                if spec.category not in ("handicrafts", "furniture", "textiles")
                else "piece",
            )
            # Introduced over the programme's years (the dashboard counts them by year).
            published = timezone.make_aware(
                datetime(this_year - (number + item) % 4, 1 + (number * 5) % 12, 1 + number % 27)
            )
            Product.objects.filter(pk=product.pk).update(
                published_at=min(published, timezone.now())
            )
            if spec.signature:
                body = bodies["provinces"].get(province.code) or bodies["ministry"]
                services.product_set_signature(product, signature=True, body=body)
            products.append(product)
        # Certificates: a factory-wide one, and product ones; some expire soon, one expired.
        first = products[-len(seed.products)]
        services.certificate_add(
            company=company,
            kind=rng.choice(["haccp", "iso22000", "iso9001"])
            if first.category != "handicrafts"
            else "iso9001",
            issuer=rng.choice(["Bureau Veritas Việt Nam", "SGS Việt Nam", "Quacert", "TÜV SÜD"]),
            number=f"VN-{number:03d}-{rng.randint(1000, 9999)}",
            valid_from=today - timedelta(days=400),
            valid_to=today + timedelta(days=20 if number % 7 == 3 else 700),
        )
        if first.hs_code[:2] in ("08", "09", "10"):
            kind = "organic_eu" if "DE" in seed.markets or "FR" in seed.markets else "globalgap"
            services.certificate_add(
                company=company,
                product=first,
                kind=kind,
                issuer="Control Union",
                number=f"CU-{number:04d}",
                valid_from=today - timedelta(days=300),
                valid_to=today + timedelta(days=45 if number % 5 == 0 else 500),
            )
        if "US" in seed.markets and first.category not in ("handicrafts", "furniture", "textiles"):
            services.certificate_add(
                company=company,
                kind="fda",
                issuer="U.S. FDA",
                number=f"FFR-{rng.randint(10**9, 10**10 - 1)}",
                valid_from=today - timedelta(days=200),
                valid_to=date(this_year + 1 if today.month > 1 else this_year, 12, 31),
            )
        if number == 4:  # the one that expired: flagged on the pages, no longer counts
            services.certificate_add(
                company=company,
                product=first,
                kind="halal",
                issuer="HALCERT",
                number="HC-2021-118",
                valid_from=today - timedelta(days=3 * 365),
                valid_to=today - timedelta(days=12),
            )
        # Verifications: the province vouches for most, the trade office for some.
        province_body = bodies["provinces"].get(province.code)
        if province_body is not None and number % 3 != 2:
            services.verification_add(
                company=company,
                body=province_body,
                evidence="Đã đối chiếu Giấy chứng nhận đăng ký doanh nghiệp và kiểm tra cơ sở.",
            )
        if bodies["ministry"] is not None and number % 4 == 0:
            services.verification_add(
                company=company,
                body=bodies["ministry"],
                evidence="Doanh nghiệp tham gia Chương trình 1797; hồ sơ xuất khẩu đã xác minh.",
            )

    distributors: list[Company] = []
    for number, seed in enumerate(DISTRIBUTORS):
        person = member if number == 0 else None  # the demo member (Berlin) manages one
        company = services.company_create(
            role="distributor",
            name=seed.name,
            country=seed.country,
            city=seed.city,
            person=person,
            website=f"https://{_slug(seed.name)}.example.com",
            description="Nhà phân phối của cộng đồng người Việt, chuyên hàng Việt Nam.",
            sectors=list(seed.sectors),
            markets=list(seed.markets or (seed.country,)),
            channels=list(seed.channels),
            contact_name="Sales",
            contact_email=f"info@{_slug(seed.name)}.example.com",
        )
        distributors.append(company)
        mission = bodies["missions"].get(seed.country)
        if mission is not None and number % 2 == 0:
            services.verification_add(
                company=company,
                body=mission,
                evidence="Cơ quan đại diện đã xác minh đăng ký kinh doanh tại nước sở tại.",
            )

    # Channels: each distributor carries products of its sectors (or any), started over years.
    channels = 0
    shelves = {
        "grocery": "world_food", "supermarket": "mainstream", "ecommerce": "online",
        "restaurant": "food_service", "wholesale": "world_food",
    }  # fmt: skip
    for number, distributor in enumerate(distributors):
        fitting = [p for p in products if p.hs_code[:2] in distributor.sectors] or products
        for item, product in enumerate(rng.sample(fitting, min(len(fitting), 2 + number % 3))):
            channel = distributor.channels[item % len(distributor.channels)]
            market = distributor.markets[0]
            services.channel_add(
                distributor=distributor,
                product=product,
                market=market,
                channel=channel,
                shelf_type=shelves[channel],
                status="trial" if item == 2 else "active",
                city=distributor.organisation.city,
                outlets=rng.choice([1, 3, 8, 25, 120]) if channel != "ecommerce" else None,
                started_on=min(
                    today,
                    date(this_year - (number + item) % 3, 1 + (number * 3 + item) % 12, 1),
                ),
            )
            channels += 1

    # Buy requests of distributors and sell offers of exporters.
    for number, distributor in enumerate(distributors):
        chapter = distributor.sectors[number % len(distributor.sectors)]
        wanted = [p for p in products if p.hs_code.startswith(chapter)]
        hs_code = wanted[0].hs_code[:4] if wanted else chapter
        services.lead_create(
            company=distributor,
            kind="buy",
            title=f"Cần nhập {wanted[0].name_vi.lower() if wanted else 'hàng Việt Nam'} "
            f"cho thị trường {distributor.organisation.city}",
            description="Giao hàng theo quý, cần chứng từ đầy đủ và nhãn phụ tiếng địa phương.",
            hs_code=hs_code,
            market=distributor.markets[0],
            volume=str(rng.choice([500, 1000, 2000, 5000, 10000])),
            certificates=["haccp"] if chapter in ("03", "09", "16") else [],
            valid_until=today + timedelta(days=60 + number * 3),
        )
    for number, product in enumerate(products[::3]):
        services.lead_create(
            company=product.company,
            kind="sell",
            title=f"Chào bán {product.name_vi}",
            description="Giá FOB cạnh tranh, nhận đơn mẫu.",
            product=product,
            market=rng.choice(product.company.markets) if number % 2 else "",
            volume=str(rng.choice([1000, 5000, 20000])),
        )

    # Deals, confirmed by both sides, and reviews.
    deals = 0
    for number, distributor in enumerate(distributors[:14]):
        carried = list(distributor.distribution_channels.select_related("product__company"))
        for item, channel in enumerate(carried[:2]):
            product = channel.product
            deal = services.deal_propose(
                company=distributor,
                counterpart=product.company,
                value_usd=str(rng.choice([8500, 12000, 25000, 48000, 96000, 150000])),
                volume=str(rng.choice([1000, 2000, 5000, 10000])),
                market=str(channel.market),
                deal_date=max(channel.started_on, today - timedelta(days=30 + 90 * item)),
                product=product,
            )
            if (number + item) % 5 == 4:
                continue  # waits for the exporter's confirmation
            deal = services.deal_confirm(deal, company=product.company)
            deals += 1
            if item == 0:
                services.review_create(
                    deal=deal,
                    reviewer=distributor,
                    rating=5 if number % 3 else 4,
                    text=rng.choice(
                        [
                            "Hàng đúng mẫu, giao đúng hẹn, chứng từ đầy đủ.",
                            "Chất lượng ổn định; đóng gói cần chắc chắn hơn.",
                            "Reliable partner, quick answers, good paperwork.",
                        ]
                    ),
                )
                services.review_create(
                    deal=deal, reviewer=product.company, rating=5, text="Thanh toán đúng hạn."
                )

    # Market requirements, declared by the trade office or the mission.
    for countries, prefix, kinds, note in REQUIREMENTS:
        for country in countries:
            body = bodies["missions"].get(country) or bodies["ministry"]
            services.requirement_set(
                country=country, hs_prefix=prefix, certificates=kinds, note=note, body=body
            )

    # Market reports by members living in each market (the demo member for Germany).
    for number, (market, hs, label, low, high, currency, unit, certs, comp, demand) in enumerate(
        MARKET_REPORTS
    ):
        author = (member if market == "DE" else None) or (
            Person.objects.filter(country=market).order_by("pk").first() or member
        )
        if author is None:
            continue
        services.market_report_create(
            author=author,
            market=market,
            hs_code=hs,
            product_label=label,
            price_min=low,
            price_max=high,
            currency=currency,
            price_unit=unit,
            certificates=certs,
            competitors=comp,
            demand=demand,
            observed_on=today - timedelta(days=7 * number + 3),
        )

    statistics = _trade_statistics(rng, this_year)
    return DemoReport(
        exporters=len(exporters),
        distributors=len(distributors),
        products=len(products),
        channels=channels,
        deals=deals,
        statistics=statistics,
        seconds=0.0,
    )


def _trade_statistics(rng: random.Random, this_year: int) -> int:
    """Synthetic figures for the last five complete years, by chapter: Viet Nam's exports to
    the main markets (with a heading line under coffee, to show that levels are not added
    up), and mirror data only (the market's imports) for two more. Recorded as a demo import."""
    rows: list[TradeStat] = []
    years = range(this_year - 5, this_year)
    for market, share in STAT_MARKETS.items():
        for chapter, base in STAT_CHAPTERS.items():
            value = base * share * 1_000_000 * rng.uniform(0.6, 1.4)
            for year in years:
                value *= rng.uniform(0.97, 1.12)
                rows.append(
                    TradeStat(
                        reporter="VN",
                        partner=market,
                        flow=TradeFlow.EXPORT,
                        hs_code=chapter,
                        year=year,
                        value_usd=Decimal(round(value, -3)),
                    )
                )
                if chapter == "09":
                    rows.append(
                        TradeStat(
                            reporter="VN",
                            partner=market,
                            flow=TradeFlow.EXPORT,
                            hs_code="0901",
                            year=year,
                            value_usd=Decimal(round(value * 0.55, -3)),
                        )
                    )
    for market, share in MIRROR_MARKETS.items():
        for chapter, base in STAT_CHAPTERS.items():
            value = base * share * 1_000_000 * rng.uniform(0.6, 1.4)
            for year in years:
                value *= rng.uniform(0.97, 1.12)
                rows.append(
                    TradeStat(reporter=market, partner="VN", flow=TradeFlow.IMPORT,
                              hs_code=chapter, year=year,
                              value_usd=Decimal(round(value, -3)))
                )  # fmt: skip
    TradeStat.objects.bulk_create(rows, batch_size=1000)
    audit.record(
        AuditAction.IMPORT,
        actor_id=None,
        target_type="trade_stats",
        detail={"kind": "trade-stats", "file": "demo", "rows": len(rows), "demo": True},
    )
    return len(rows)
