"""Demo data of events (``kieubao events demo [--if-empty]``), on top of the community demo
(``kieubao demo``).

- Programme "Xuân Quê hương" / "Homeland Spring" of the next February (6–9 February, so it stays
  upcoming), organised by the State Committee for Overseas Vietnamese Affairs (the body of
  ``official.ministry@kieubao.local``): a meeting with the country's leaders in Hà Nội (by
  invitation), a business forum with B2B meetings in Hà Nội, a cultural evening in Ninh Bình
  (small capacity, full, with a waiting list) and an incense offering in Ninh Bình (no limit).
- An investment conference of Hải Phòng (the body of ``official.haiphong@kieubao.local``) in a
  few weeks: a bilingual agenda of sessions, registration questions (dietary choice, visa
  support letter, arrival date), a delegation, and B2B meetings: 40 participants with profiles
  (some speak only German, French, Japanese or Korean, so they need one of the 3 interpreters),
  8 slots, 12 tables, about 80 accepted requests (some of mutual interest), pending and
  declined ones, scheduled by the scheduler with two meetings pinned by hand.
- Last year's edition of Hải Phòng's conference: check-ins, scheduled meetings and what came of
  them (MoUs, deals and investment projects with their value in USD, nothing), and feedback, so
  the statistics and the province's credit show figures.
- ``member@kieubao.local`` is invited to and registered for the meeting with the leaders, takes
  part in the business forum's B2B meetings (a profile, requests sent and received — one still
  to answer — and a schedule), and is on the waiting list of the full cultural evening.

Everything goes through the services, as users' actions would, with the emails suppressed (the
people are demo people); only last year's event has its dates moved to the past afterwards (the
services rightly refuse registering for an event that is over). Deterministic; a few seconds.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kieubao.community.models import Official, Organisation, OrganisationKind, Person
from kieubao.community.services import organisation_create, person_create
from kieubao.core.text import fold

from . import notifications, services
from .models import (
    Event,
    Feedback,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Registration,
    RegStatus,
    RequestStatus,
    ScheduleRun,
    Session,
    Slot,
)

DEMO_MEMBER = "member@kieubao.local"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
STATE_COMMITTEE = ("Ủy ban Nhà nước về người Việt Nam ở nước ngoài",
                   "State Committee for Overseas Vietnamese Affairs")  # fmt: skip
HAI_PHONG, HA_NOI, NINH_BINH = 31, 1, 37


@dataclass(frozen=True)
class B2BSeed:
    name: str
    country: str
    city: str
    organisation: str
    languages: tuple[str, ...]
    sectors: str
    offer: str
    seek: str
    local: bool = False  # a business or body of the host province (else overseas Vietnamese)


def _s(name, country, city, org, langs, sectors, offer, seek, local=False) -> B2BSeed:
    return B2BSeed(name, country, city, org, tuple(langs.split()), sectors, offer, seek, local)


# Hải Phòng's investment conference: overseas Vietnamese businesses meet the city's.
CONFERENCE: list[B2BSeed] = [
    _s("Nguyễn Hoàng Việt", "DE", "Berlin", "Asia Logistik Berlin GmbH", "vi de en", "logistics",
       "Kho lạnh và phân phối thực phẩm châu Á tại Đức, 40 xe tải lạnh",
       "Kho ngoại quan và đối tác gom hàng tại cảng Hải Phòng để xuất sang EU"),
    _s("Lukas Trần Minh", "DE", "Hamburg", "Nordsee Seafood Import GmbH", "de", "seafood",
       "Nhập khẩu thủy sản đông lạnh vào chuỗi siêu thị miền Bắc nước Đức",
       "Nhà máy chế biến thủy sản đạt chuẩn EU, có mã số xuất khẩu"),
    _s("Anna Phạm Thu", "DE", "Leipzig", "Phạm Solar Technik GmbH", "de", "energy",
       "Thiết kế và lắp đặt điện mặt trời áp mái cho nhà xưởng",
       "Khu công nghiệp muốn lắp điện mặt trời áp mái, nhà thầu lắp đặt địa phương"),
    _s("Julien Nguyễn Đức", "FR", "Lyon", "Mékong Gastronomie SAS", "fr", "food",
       "Chuỗi 12 nhà hàng Việt tại Pháp, nhập nguyên liệu trực tiếp",
       "Nước mắm, bánh đa, gia vị đóng gói đạt chuẩn châu Âu"),
    _s("Camille Đỗ Lan", "FR", "Paris", "Đỗ Design Studio", "fr", "textiles",
       "Thiết kế thời trang, thương hiệu bán tại 30 cửa hàng ở Pháp và Bỉ",
       "Xưởng may gia công lô nhỏ, vải lụa và thổ cẩm"),
    _s("Kenji Hoàng Nam", "JP", "Osaka", "Hoang Precision Co., Ltd.", "ja", "manufacturing",
       "Linh kiện cơ khí chính xác cho ô tô, cần mở nhà máy thứ hai ngoài Nhật",
       "Đất thuê trong khu công nghiệp, nhà thầu cơ khí đạt ISO 9001"),
    _s("Lý Min-jun", "KR", "Busan", "Ly Shipping Korea", "ko", "logistics",
       "Tuyến tàu container Busan – Hải Phòng hàng tuần",
       "Chủ hàng xuất khẩu và kho bãi gần cảng Lạch Huyện"),
    _s("Trần Quốc Bảo", "US", "San Jose", "Bảo Semiconductor Consulting", "vi en", "semiconductors",
       "Tư vấn thiết kế và đóng gói vi mạch, mạng lưới kỹ sư tại Thung lũng Silicon",
       "Trường đại học và doanh nghiệp muốn đào tạo kỹ sư bán dẫn"),
    _s("Lê Thị Thu Hà", "US", "Houston", "Gulf Coast Vietnamese Seafood LLC", "vi en", "seafood",
       "Phân phối tôm và cá tra tại Texas và Louisiana",
       "Nhà cung cấp tôm thẻ, cá tra phi lê có chứng nhận BAP"),
    _s("Phạm Minh Tuấn", "AU", "Melbourne", "Pham Agri Export Pty Ltd", "vi en", "agriculture",
       "Nhập khẩu trái cây nhiệt đới vào Úc, kho lạnh tại Melbourne",
       "Vải thiều, nhãn, thanh long đạt tiêu chuẩn kiểm dịch Úc"),
    _s("Vũ Thị Ngọc Anh", "CZ", "Praha", "Sapa Praha s.r.o.", "vi cs", "retail",
       "Trung tâm thương mại Sapa ở Praha, 300 tiểu thương người Việt",
       "Hàng tiêu dùng, thực phẩm khô đóng gói có nhãn tiếng Séc"),
    _s("Đặng Văn Hùng", "PL", "Warszawa", "Hùng Trading Sp. z o.o.", "vi pl", "retail",
       "Bán buôn thực phẩm châu Á cho 200 cửa hàng ở Ba Lan",
       "Mì, bánh phở, gia vị, đồ hộp từ nhà máy tại Hải Phòng"),
    _s("Hoàng Ngọc Lan", "GB", "London", "Lotus Capital Partners Ltd", "vi en", "finance",
       "Quỹ đầu tư 50 triệu USD cho doanh nghiệp vừa và nhỏ ở Việt Nam",
       "Dự án công nghiệp xanh, logistics và du lịch cần vốn"),
    _s("Ngô Đức Việt", "CA", "Toronto", "Maple Lotus Software Inc.", "vi en", "software",
       "Phát triển phần mềm ERP cho ngành logistics",
       "Đội ngũ lập trình viên tại Hải Phòng, khách hàng cảng và kho bãi"),
    _s("Bùi Thị Phương", "DE", "Frankfurt", "Bùi Pharma Handel GmbH", "vi de", "health",
       "Phân phối thực phẩm chức năng và dược liệu tại Đức",
       "Nhà máy dược liệu đạt GMP, nguồn nguyên liệu hữu cơ"),
    _s("Trương Gia Huy", "TW", "Đài Bắc", "Huy Electronics Taiwan", "vi zh en", "electronics",
       "Lắp ráp bo mạch điện tử, chuyển một phần sản xuất sang Việt Nam",
       "Nhà xưởng xây sẵn 5.000 m², lao động kỹ thuật"),
    _s("Mai Xuân Trường", "US", "Orange County", "Little Saigon Foods Inc.", "vi en", "food",
       "Nhà phân phối thực phẩm Việt lớn tại California",
       "Bánh đậu xanh, bánh đa cua, chả cá đóng gói xuất khẩu"),
    _s("Đỗ Thị Yến", "RU", "Moskva", "Yến Trade LLC", "vi ru", "textiles",
       "Bán buôn hàng may mặc tại chợ Sadovod, Moskva",
       "Xưởng may áo khoác, đồ len cho mùa đông"),
    _s("Lý Minh Khoa", "GB", "Manchester", "Khoa Green Shipping Ltd", "vi en", "energy",
       "Công nghệ tàu chạy điện và nhiên liệu xanh cho tàu du lịch",
       "Nhà máy đóng tàu và doanh nghiệp du lịch Cát Bà, vịnh Lan Hạ"),
    _s("Nguyễn Thị Bích Ngọc", "JP", "Tokyo", "Ngọc Japan Career Co., Ltd.", "vi ja en",
       "education", "Đào tạo và giới thiệu kỹ sư, điều dưỡng Việt Nam sang Nhật",
       "Trường nghề và trường đại học tại Hải Phòng để đào tạo tiếng Nhật"),
    _s("Kim Hoa Nguyễn", "KR", "Seoul", "Hoa Cosmetics Korea", "vi ko", "cosmetics",
       "Mỹ phẩm thiên nhiên bán tại Hàn Quốc", "Nguyên liệu tinh dầu, nhà máy gia công mỹ phẩm"),
    _s("Phan Thanh Sơn", "AU", "Sydney", "Sơn Property Group", "vi en", "tourism",
       "Đầu tư khách sạn, nghỉ dưỡng", "Dự án du lịch sinh thái ở Cát Bà và Đồ Sơn"),
    _s("Phó Đức Minh", "HU", "Budapest", "Minh Food Kft.", "vi hu", "food",
       "Chuỗi 15 cửa hàng thực phẩm châu Á ở Hungary và Slovakia",
       "Nhà sản xuất mì, nước mắm, bánh kẹo có nhãn tiếng Hungary"),
    # The city's side.
    _s("Phạm Văn Quang", "VN", "Hải Phòng", "Ban Quản lý Khu kinh tế Hải Phòng", "vi en",
       "investment", "Đất khu công nghiệp, thủ tục đầu tư một cửa, ưu đãi cho nhà đầu tư kiều bào",
       "Nhà đầu tư công nghiệp công nghệ cao, logistics và năng lượng sạch", True),
    _s("Lê Thị Hồng Nhung", "VN", "Hải Phòng",
       "Trung tâm Xúc tiến đầu tư, thương mại và du lịch Hải Phòng", "vi en", "investment",
       "Danh mục dự án kêu gọi đầu tư, hỗ trợ khảo sát địa điểm",
       "Nhà đầu tư và nhà phân phối kiều bào cho hàng hóa của thành phố", True),
    _s("Vũ Đức Thắng", "VN", "Hải Phòng", "Công ty CP Cảng Đình Vũ Xanh", "vi en", "logistics",
       "Bến container, kho ngoại quan 20.000 m² gần cảng Lạch Huyện",
       "Hãng tàu và nhà phân phối gom hàng đi châu Âu, Hàn Quốc", True),
    _s("Nguyễn Thị Thanh Hương", "VN", "Cát Hải", "Công ty TNHH Thủy sản Cát Hải", "vi",
       "seafood", "Tôm, mực, cá đông lạnh; mã số xuất khẩu EU, chứng nhận BAP",
       "Nhà nhập khẩu thủy sản tại Đức, Hoa Kỳ, Nhật Bản", True),
    _s("Trần Văn Long", "VN", "Hải Phòng", "Công ty CP Dệt may Hồng Bàng", "vi", "textiles",
       "Xưởng may 600 công nhân, nhận đơn hàng lô nhỏ và vừa",
       "Thương hiệu thời trang và nhà bán buôn ở châu Âu, Nga", True),
    _s("Hoàng Minh Đức", "VN", "Tiên Lãng", "Công ty CP Cơ khí chính xác Tiên Lãng", "vi en",
       "manufacturing", "Gia công CNC, khuôn mẫu, đạt ISO 9001",
       "Đơn hàng linh kiện ô tô, điện tử từ Nhật Bản, Đài Loan", True),
    _s("Đoàn Thị Mai", "VN", "Kiến Thụy", "Hợp tác xã Nông nghiệp sạch Kiến Thụy", "vi",
       "agriculture", "Rau củ, nhãn, dưa hấu VietGAP", "Nhà nhập khẩu nông sản ở Úc, Séc", True),
    _s("Bùi Quang Huy", "VN", "Hải Phòng", "Công ty TNHH Phần mềm Lạch Tray", "vi en",
       "software", "80 lập trình viên, gia công phần mềm cho khách nước ngoài",
       "Khách hàng và đối tác phần mềm ở Canada, Nhật Bản", True),
    _s("Lương Văn Tài", "VN", "Thủy Nguyên", "Công ty CP Đóng tàu Bạch Đằng Mới", "vi en",
       "shipbuilding", "Đóng mới và sửa chữa tàu đến 20.000 tấn",
       "Công nghệ tàu điện, tàu xanh; đơn hàng tàu du lịch", True),
    _s("Phạm Thị Thu Trang", "VN", "Cát Bà", "Công ty CP Du lịch Cát Bà Xanh", "vi en",
       "tourism", "Khu nghỉ dưỡng và tour vịnh Lan Hạ", "Nhà đầu tư và đối tác lữ hành quốc tế",
       True),
    _s("Nguyễn Văn Khải", "VN", "Hải Dương", "Công ty CP Bánh đậu xanh Hải Dương Xưa", "vi",
       "food", "Bánh đậu xanh, bánh gai truyền thống, đóng gói xuất khẩu",
       "Nhà phân phối thực phẩm Việt ở Mỹ, Pháp, Ba Lan", True),
    _s("Vương Thị Hạnh", "VN", "Hải Dương", "Công ty CP Gốm Chu Đậu Quê hương", "vi",
       "handicrafts", "Gốm Chu Đậu vẽ tay, quà tặng cao cấp",
       "Cửa hàng và nhà nhập khẩu gốm ở châu Âu, Nhật Bản", True),
    _s("Đinh Công Minh", "VN", "Hải Phòng", "Bệnh viện Quốc tế Hải Phòng Xanh", "vi en",
       "health", "Bệnh viện 300 giường, trung tâm xét nghiệm",
       "Chuyên gia y tế kiều bào, đối tác dược phẩm", True),
    _s("Trịnh Thị Lan Anh", "VN", "Hải Phòng", "Công ty CP Thực phẩm Cát Bi", "vi en", "food",
       "Nước mắm, chả cá, bánh đa cua đóng gói", "Nhà phân phối tại Pháp, Mỹ, Séc, Ba Lan",
       True),
    _s("Cao Văn Tiến", "VN", "An Dương", "Công ty CP Năng lượng sạch An Dương", "vi en",
       "energy", "Tổng thầu điện mặt trời áp mái và lưu trữ điện",
       "Công nghệ và nhà đầu tư năng lượng từ châu Âu", True),
    _s("Hà Thị Minh Thư", "VN", "Hải Phòng", "Trường Cao đẳng Kỹ thuật Duyên Hải", "vi en",
       "education", "Đào tạo nghề cơ khí, điện tử, điều dưỡng",
       "Đối tác tuyển dụng và đào tạo tiếng ở Nhật Bản, Đức", True),
    _s("Tô Văn Dũng", "VN", "Hải Phòng", "Công ty CP Dược liệu Hải Phòng Xanh", "vi",
       "health", "Dược liệu hữu cơ, nhà máy chiết xuất đạt GMP",
       "Nhà phân phối thực phẩm chức năng ở Đức, Hàn Quốc", True),
]  # fmt: skip

# Homeland Spring's business forum in Hà Nội (the demo member joins its B2B meetings).
FORUM: list[B2BSeed] = [
    _s("Nguyễn Thị Kim Oanh", "VN", "Hà Nội", "Viện Công nghệ sinh học Hồng Hà", "vi en",
       "biotechnology", "Phòng thí nghiệm sinh học phân tử, nhóm nghiên cứu vắc-xin",
       "Chuyên gia kiều bào hợp tác nghiên cứu và đồng hướng dẫn nghiên cứu sinh", True),
    _s("Lê Văn Phúc", "VN", "Hà Nội", "Bệnh viện Đa khoa Thăng Long Xanh", "vi en", "health",
       "Bệnh viện 500 giường, trung tâm chẩn đoán hình ảnh",
       "Chuyển giao kỹ thuật xét nghiệm gen, đào tạo bác sĩ", True),
    _s("Phạm Quỳnh Mai", "VN", "Hà Nội", "Công ty CP Dược phẩm Hà Tây Xanh", "vi en", "health",
       "Nhà máy dược đạt EU-GMP, dây chuyền sinh phẩm",
       "Đối tác nghiên cứu và phân phối tại Đức, Pháp", True),
    _s("Vũ Hoàng Long", "VN", "Hà Nội", "Quỹ Đổi mới sáng tạo Thủ đô", "vi en", "finance",
       "Vốn mồi cho doanh nghiệp khởi nghiệp công nghệ", "Nhà sáng lập và chuyên gia kiều bào",
       True),
    _s("Hoàng Thị Thúy", "VN", "Hà Nội", "Trường Đại học Y Dược Sông Hồng", "vi en",
       "education", "Chương trình đào tạo y khoa, bệnh viện thực hành",
       "Giảng viên thỉnh giảng kiều bào, trao đổi sinh viên với Đức", True),
    _s("Đào Minh Quân", "VN", "Bắc Ninh", "Công ty TNHH Thiết bị y tế Kinh Bắc", "vi",
       "health", "Sản xuất thiết bị y tế một lần", "Công nghệ và thị trường châu Âu", True),
    _s("Nguyễn Văn Thành", "US", "Boston", "Thanh BioVentures LLC", "vi en", "biotechnology",
       "Quỹ đầu tư công nghệ sinh học, mạng lưới chuyên gia ở Boston",
       "Doanh nghiệp sinh học Việt Nam có sản phẩm sẵn sàng thương mại hóa"),
    _s("Trần Thị Diệu Linh", "FR", "Paris", "Linh Santé SAS", "vi fr", "health",
       "Phân phối thiết bị xét nghiệm tại Pháp", "Nhà sản xuất thiết bị y tế tại Việt Nam"),
    _s("Lâm Quốc Khánh", "DE", "München", "Khanh MedTech GmbH", "vi de en", "health",
       "Thiết bị chẩn đoán hình ảnh, bảo trì và đào tạo",
       "Bệnh viện tư nhân cần thiết bị và đào tạo kỹ thuật viên"),
    _s("Đỗ Hải Yến", "JP", "Kyoto", "Yen Bio Japan", "vi ja en", "biotechnology",
       "Nghiên cứu tế bào gốc, hợp tác với đại học Kyoto",
       "Viện nghiên cứu và bệnh viện để thử nghiệm lâm sàng"),
    _s("Phùng Văn Nghĩa", "AU", "Adelaide", "Nghia AgriTech Pty Ltd", "vi en", "agriculture",
       "Công nghệ chọn giống cây trồng bằng chỉ thị phân tử", "Viện giống và hợp tác xã"),
    _s("Kiều Thị Hằng", "CZ", "Brno", "Hang Lab s.r.o.", "vi cs en", "biotechnology",
       "Phòng xét nghiệm tư nhân ở Brno", "Công nghệ xét nghiệm giá hợp lý từ Việt Nam"),
]  # fmt: skip

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương",
          "Lý", "Hồ", "Phan", "Võ", "Huỳnh", "Tạ", "Lưu"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quốc", "Ngọc", "Hoài", "Thanh", "Gia", "Xuân"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hải", "Hạnh", "Hùng", "Khánh", "Lan", "Long",
         "Mai", "Nam", "Phong", "Quân", "Sơn", "Thảo", "Trung", "Tuấn", "Vy", "Yến", "Hiếu",
         "Linh", "Tâm", "Nhi", "Đạt", "Thư", "Hòa"]  # fmt: skip
ABROAD = [("DE", "Berlin"), ("DE", "Leipzig"), ("FR", "Paris"), ("FR", "Marseille"),
          ("US", "San Jose"), ("US", "Houston"), ("JP", "Tokyo"), ("KR", "Seoul"),
          ("AU", "Sydney"), ("CZ", "Praha"), ("PL", "Warszawa"), ("RU", "Moskva"),
          ("GB", "London"), ("CA", "Montréal"), ("LA", "Viêng Chăn"), ("TH", "Udon Thani"),
          ("KH", "Phnôm Pênh"), ("TW", "Đài Bắc"), ("HU", "Budapest"),
          ("UA", "Kharkiv")]  # fmt: skip

DIETS = [
    {"vi": "Bình thường", "en": "No restriction"},
    {"vi": "Chay", "en": "Vegetarian"},
    {"vi": "Không thịt lợn", "en": "No pork"},
    {"vi": "Halal", "en": "Halal"},
]


@dataclass
class DemoReport:
    programmes: int = 0
    events: int = 0
    registrations: int = 0
    waitlisted: int = 0
    participants: int = 0
    accepted: int = 0
    meetings: int = 0
    pinned: int = 0
    checked_in: int = 0
    outcomes: int = 0
    feedback: int = 0
    seconds: float = 0.0


@contextmanager
def _no_mail():
    """Demo people are invented: registering them, their requests and schedules email nobody."""
    saved = notifications._later
    notifications._later = lambda *args, **kwargs: None
    try:
        yield
    finally:
        notifications._later = saved


@contextmanager
def _indexing_deferred():
    """Creating a person asks the people index to update after the commit; the demo's hundred
    people are indexed in one update at the end instead (one index commit, not a hundred)."""
    from kieubao.community import search
    from kieubao.community import services as community_services

    saved = community_services.schedule_reindex
    ids: list[int] = []
    community_services.schedule_reindex = ids.extend
    try:
        yield
    finally:
        community_services.schedule_reindex = saved
    if ids:
        search.schedule_reindex(ids)


def load_demo(*, if_empty: bool = False, seed: int = 2027) -> DemoReport | None:
    if if_empty and Event.objects.exists():
        return None
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic():
        with _indexing_deferred(), _no_mail():
            report = _load(rng, timezone.now())
    report.seconds = round(time.perf_counter() - started, 1)
    return report


# --- who ---------------------------------------------------------------------------------------
def _body(kind: str, *, name: str = "", name_en: str = "", province_code: int | None = None):
    qs = Organisation.objects.filter(kind=kind)
    if province_code is not None:
        found = qs.filter(province_code=province_code).order_by("pk").first()
    else:
        found = qs.filter(name=name).first() or qs.order_by("pk").first()
    return found or organisation_create(
        name=name, name_en=name_en, kind=kind, country="VN", province_code=province_code
    )


def _official(body: Organisation):
    official = Official.objects.filter(body=body).select_related("user").order_by("pk").first()
    return official.user if official else None


def _email(name: str, n: int) -> str:
    return f"{fold(name).replace(' ', '.').replace('-', '')}.{n}@example.com"


class _People:
    """Demo people of the events demo, created once (found again by their external id)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0
        self.crowd: list[Person] = []

    def person(self, key: str, **values) -> Person:
        self.n += 1
        found = Person.objects.filter(external_id=f"events-demo:{key}").first()
        if found is not None:
            return found
        values.setdefault("email", _email(values["full_name"], self.n))
        return person_create(source="demo", external_id=f"events-demo:{key}", **values)

    def of_seed(self, seed: B2BSeed) -> Person:
        return self.person(
            f"b2b:{seed.name}",
            full_name=seed.name,
            country=seed.country,
            city=seed.city,
            employer=seed.organisation,
            languages=list(seed.languages),
        )

    def make_crowd(self, n: int) -> list[Person]:
        names: set[str] = set()
        while len(self.crowd) < n:
            name = " ".join(
                (self.rng.choice(FAMILY), self.rng.choice(MIDDLE), self.rng.choice(GIVEN))
            )
            if name in names:
                continue
            names.add(name)
            country, city = ABROAD[len(self.crowd) % len(ABROAD)]
            self.crowd.append(
                self.person(
                    f"crowd:{len(self.crowd)}",
                    full_name=name,
                    country=country,
                    city=city,
                    languages=["vi"],
                )
            )
        return self.crowd


# --- when --------------------------------------------------------------------------------------
def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


def _homeland_spring_year(now: datetime) -> int:
    """The next February whose Homeland Spring (6–9 February) is still at least a week away."""
    today = timezone.localtime(now, VN).date()
    year = today.year
    while date(year, 2, 6) < today + timedelta(days=7):
        year += 1
    return year


# --- the demo ----------------------------------------------------------------------------------
def _load(rng: random.Random, now: datetime) -> DemoReport:
    report = DemoReport()
    committee = _body(
        OrganisationKind.MINISTRY, name=STATE_COMMITTEE[0], name_en=STATE_COMMITTEE[1]
    )
    hai_phong = _body(
        OrganisationKind.PROVINCE,
        name="Ủy ban nhân dân thành phố Hải Phòng",
        name_en="People's Committee of Hai Phong",
        province_code=HAI_PHONG,
    )
    people = _People(rng)
    crowd = people.make_crowd(60)
    member = Person.objects.filter(user__email=DEMO_MEMBER).first()
    member_user = get_user_model().objects.filter(email=DEMO_MEMBER).first()

    _homeland_spring(rng, now, committee, people, crowd, member, member_user, report)
    _conference(rng, now, hai_phong, people, crowd, report)
    _last_year(rng, now, hai_phong, people, crowd, report)

    report.registrations = Registration.objects.count()
    report.waitlisted = Registration.objects.filter(status=RegStatus.WAITLISTED).count()
    report.accepted = MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED).count()
    report.meetings = Meeting.objects.count()
    report.pinned = Meeting.objects.filter(pinned=True).count()
    report.checked_in = Registration.objects.filter(checked_in_at__isnull=False).count()
    report.outcomes = MeetingOutcome.objects.count()
    report.feedback = Feedback.objects.count()
    return report


def _event(host, user, report: DemoReport, **values) -> Event:
    event = services.event_create(host=host, user=user, **values)
    services.event_publish(event, user=user)
    report.events += 1
    return event


def _homeland_spring(rng, now, committee, people, crowd, member, member_user, report) -> None:
    year = _homeland_spring_year(now)
    official = _official(committee)
    programme = services.programme_create(
        owner=committee,
        user=official,
        title=f"Xuân Quê hương {year}",
        title_en=f"Homeland Spring {year}",
        description=(
            "Chương trình Xuân Quê hương thường niên đón kiều bào về đón Tết cùng đất nước: "
            "gặp mặt lãnh đạo Đảng, Nhà nước, diễn đàn doanh nhân và các hoạt động văn hóa "
            "tại Hà Nội và Ninh Bình."
        ),
        description_en=(
            "The yearly Homeland Spring programme welcomes overseas Vietnamese home for Tết: a "
            "meeting with the country's leaders, a business forum and cultural activities in "
            "Hà Nội and Ninh Bình."
        ),
        starts_on=date(year, 2, 6),
        ends_on=date(year, 2, 9),
    )
    report.programmes += 1
    common = {"programme": programme, "country": "VN"}

    # 1. The meeting with the leaders: by invitation.
    gala = _event(
        committee,
        official,
        report,
        title="Gặp mặt kiều bào với lãnh đạo Đảng, Nhà nước",
        title_en="Overseas Vietnamese meet the country's leaders",
        agenda=(
            "Lãnh đạo Đảng, Nhà nước gặp mặt, chúc Tết kiều bào tiêu biểu; chương trình nghệ "
            "thuật Xuân Quê hương; tiệc chiêu đãi."
        ),
        agenda_en=(
            "The country's leaders meet and wish a happy Tết to outstanding overseas "
            "Vietnamese; the Homeland Spring art performance; reception."
        ),
        venue="Trung tâm Hội nghị Quốc gia",
        address="Đại lộ Thăng Long, Nam Từ Liêm",
        city="Hà Nội",
        province_code=HA_NOI,
        starts_at=_at(date(year, 2, 6), 18, 30),
        ends_at=_at(date(year, 2, 6), 22, 0),
        capacity=800,
        access="invitation",
        registration_deadline=_at(date(year, 1, 31), 23, 59),
        **common,
    )
    guests = crowd[:24]
    invited = [(p.full_name, p.email) for p in guests]
    if member is not None:
        invited.append((member.full_name, member.email or DEMO_MEMBER))
    made = services.invite(gala, people=invited, user=official)
    tokens = {inv.email: token for inv, token in made}
    for person in guests[:18]:  # six have not answered yet
        services.register(gala, person=person, invitation_token=tokens[person.email.lower()])
    if member is not None:
        services.register(
            gala,
            person=member,
            user=member_user,
            invitation_token=tokens[(member.email or DEMO_MEMBER).lower()],
        )

    # 2. The business forum with B2B meetings.
    forum_day = date(year, 2, 7)
    forum = _event(
        committee,
        official,
        report,
        title="Diễn đàn Doanh nhân kiều bào: Khoa học, công nghệ và y tế",
        title_en="Overseas Vietnamese Business Forum: science, technology and health",
        agenda=(
            "Buổi sáng: phiên toàn thể về đổi mới sáng tạo và y tế. Buổi chiều: gặp gỡ B2B "
            "giữa doanh nhân, chuyên gia kiều bào và doanh nghiệp, viện, bệnh viện trong nước."
        ),
        agenda_en=(
            "Morning: plenary on innovation and health. Afternoon: B2B meetings between "
            "overseas Vietnamese entrepreneurs and experts and Vietnamese businesses, "
            "institutes and hospitals."
        ),
        venue="Khách sạn Melia Hà Nội",
        address="44 Lý Thường Kiệt, Hoàn Kiếm",
        city="Hà Nội",
        province_code=HA_NOI,
        starts_at=_at(forum_day, 8, 0),
        ends_at=_at(forum_day, 17, 0),
        capacity=300,
        registration_deadline=_at(date(year, 2, 3), 23, 59),
        b2b_enabled=True,
        table_count=8,
        **common,
    )
    services.session_add(
        forum,
        title="Phiên toàn thể: Kiều bào với đổi mới sáng tạo trong y tế",
        title_en="Plenary: overseas Vietnamese and innovation in health",
        starts_at=_at(forum_day, 8, 30),
        ends_at=_at(forum_day, 11, 30),
        venue="Hội trường lớn",
    )
    services.session_add(
        forum,
        title="Gặp gỡ B2B",
        title_en="B2B meetings",
        starts_at=_at(forum_day, 14, 0),
        ends_at=_at(forum_day, 16, 0),
        venue="Phòng Hoa Sen",
    )
    slots = services.slots_generate(forum, first=_at(forum_day, 14, 0), count=4, minutes=25, gap=5)
    services.interpreter_add(forum, name="Nguyễn Thu Trang", languages=["vi", "de", "fr", "en"])
    profiles = [_participant(forum, people.of_seed(seed), seed) for seed in FORUM]
    for a, b in ((0, 1), (0, 4), (1, 2), (2, 8), (3, 6), (3, 9), (5, 7), (10, 11), (6, 2)):
        _ask(profiles[a], profiles[b], rng, answer="accept")
    if member is not None:
        mine = services.register(forum, person=member, user=member_user)
        me = services.profile_save(
            mine,
            offer=(
                "Hợp tác nghiên cứu công nghệ sinh học; chuyển giao quy trình xét nghiệm sinh "
                "học phân tử; đồng hướng dẫn nghiên cứu sinh"
            ),
            seek=(
                "Viện nghiên cứu, bệnh viện và doanh nghiệp dược trong nước cho dự án chung về "
                "chẩn đoán sớm"
            ),
            sectors="biotechnology, health",
            languages=["vi", "de", "en"],
            unavailable=[slots[3].pk],  # leaves early for the flight to Ninh Bình
        )
        report.participants += 1
        _ask(me, profiles[0], rng, answer="accept", priority=True)  # the institute
        _ask(profiles[1], me, rng, answer="mutual")  # the hospital: both asked
        _ask(profiles[2], me, rng, answer="accept")  # the pharmaceutical company
        _ask(profiles[6], me, rng, answer="")  # still to answer: the member's to do
        _ask(me, profiles[4], rng, answer="")  # waiting for the university
        _ask(me, profiles[5], rng, answer="decline")
    report.participants += len(profiles)
    services.schedule(forum, user=official, time_limit=5)

    # 3. The cultural evening in Ninh Bình: small, full, with a waiting list.
    evening = date(year, 2, 8)
    cultural = _event(
        committee,
        official,
        report,
        title="Đêm văn hóa Tràng An: Sắc xuân Cố đô",
        title_en="Tràng An cultural evening: spring in the ancient capital",
        agenda=(
            "Hát xẩm, chèo và múa rối nước bên bến thuyền Tràng An; gói bánh chưng cùng người "
            "dân địa phương. Chỗ có hạn: xe đưa đón từ Hà Nội."
        ),
        agenda_en=(
            "Xẩm singing, chèo and water puppets by the Tràng An boat landing; wrapping bánh "
            "chưng with local families. Seats are limited: a coach from Hà Nội."
        ),
        venue="Khu du lịch sinh thái Tràng An",
        city="Ninh Bình",
        province_code=NINH_BINH,
        starts_at=_at(evening, 17, 0),
        ends_at=_at(evening, 21, 30),
        capacity=40,
        registration_deadline=_at(date(year, 2, 5), 23, 59),
        **common,
    )
    for person in crowd[24:50]:  # 26 seats
        services.register(cultural, person=person)
    leader = crowd[50]
    services.register(  # a delegation of 14: the last seats
        cultural,
        person=leader,
        delegation_name="Đoàn kiều bào tại Lào",
        delegates=[
            {"full_name": f"{FAMILY[i]} {MIDDLE[i % len(MIDDLE)]} {GIVEN[i + 3]}"}
            for i in range(13)
        ],
    )
    for person in crowd[51:53]:  # the waiting list
        services.register(cultural, person=person)
    if member is not None:
        services.register(cultural, person=member, user=member_user)  # third in line
    services.register(cultural, person=crowd[53])

    # 4. The incense offering: open, no limit.
    offering = _event(
        committee,
        official,
        report,
        title="Dâng hương tưởng niệm các vị Vua Đinh, Vua Lê tại Cố đô Hoa Lư",
        title_en="Incense offering to the Đinh and Lê kings at the Hoa Lư ancient capital",
        venue="Đền Vua Đinh Tiên Hoàng",
        address="Trường Yên, Hoa Lư",
        city="Ninh Bình",
        province_code=NINH_BINH,
        starts_at=_at(date(year, 2, 9), 8, 0),
        ends_at=_at(date(year, 2, 9), 11, 0),
        **common,
    )
    for person in crowd[:12]:
        services.register(offering, person=person)


def _participant(event: Event, person: Person, seed: B2BSeed, *, answers=None, unavailable=()):
    registration = services.register(
        event, person=person, organisation_name=seed.organisation, answers=answers
    )
    return services.profile_save(
        registration,
        offer=seed.offer,
        seek=seed.seek,
        sectors=seed.sectors,
        languages=list(seed.languages),
        unavailable=list(unavailable),
    )


def _ask(requester, recipient, rng, *, answer: str, priority: bool = False) -> MeetingRequest:
    request = services.meeting_request(
        requester=requester,
        recipient=recipient,
        message=rng.choice(MESSAGES),
        priority=priority,
    )
    if answer == "accept":
        services.request_answer(request, accept=True, priority=rng.random() < 0.3)
    elif answer == "mutual":
        request = services.meeting_request(requester=recipient, recipient=requester)
    elif answer == "decline":
        services.request_answer(request, accept=False, reason=rng.choice(DECLINES))
    return request


MESSAGES = [
    "Rất mong được gặp anh/chị để trao đổi khả năng hợp tác.",
    "Chúng tôi đang tìm đối tác đúng như anh/chị mô tả.",
    "Xin 20 phút để giới thiệu sản phẩm và nghe nhu cầu của anh/chị.",
    "Chúng tôi muốn tìm hiểu thêm về năng lực của quý công ty.",
    "",
]
DECLINES = [
    "Lĩnh vực chưa phù hợp với kế hoạch năm nay.",
    "Lịch của tôi đã kín, hẹn dịp khác.",
    "",
]


def _conference_questions(event: Event) -> tuple:
    diet = services.question_add(
        event,
        kind="choice",
        label="Chế độ ăn",
        label_en="Dietary needs",
        choices=DIETS,
        required=True,
    )
    visa = services.question_add(
        event,
        kind="yesno",
        label="Anh/chị cần thư mời để xin thị thực?",
        label_en="Do you need a letter of invitation for your visa?",
    )
    arrival = services.question_add(
        event, kind="date", label="Ngày đến Hải Phòng", label_en="Arrival date in Hải Phòng"
    )
    return diet, visa, arrival


def _answers(rng, questions, seed_local: bool, day: date) -> dict:
    diet, visa, arrival = questions
    answers = {str(diet.pk): rng.choices(["c1", "c2", "c3", "c4"], weights=[12, 3, 2, 1])[0]}
    if not seed_local:
        answers[str(visa.pk)] = rng.random() < 0.35
        answers[str(arrival.pk)] = (day - timedelta(days=rng.randint(1, 4))).isoformat()
    return answers


def _conference(rng, now, hai_phong, people, crowd, report) -> None:
    official = _official(hai_phong)
    day = (timezone.localtime(now, VN) + timedelta(days=24)).date()
    event = _event(
        hai_phong,
        official,
        report,
        title=f"Hội nghị Xúc tiến đầu tư kiều bào vào Hải Phòng {day.year}",
        title_en=f"Overseas Vietnamese Investment Promotion Conference, Hai Phong {day.year}",
        agenda=(
            "Hải Phòng giới thiệu môi trường đầu tư, các khu công nghiệp và danh mục dự án kêu "
            "gọi đầu tư; tọa đàm về logistics, công nghiệp chế biến và du lịch; buổi chiều gặp "
            "gỡ B2B giữa doanh nghiệp kiều bào và doanh nghiệp, cơ quan của thành phố."
        ),
        agenda_en=(
            "Hai Phong presents its investment climate, industrial zones and the projects it "
            "seeks investors for; panels on logistics, processing industry and tourism; in the "
            "afternoon, B2B meetings between overseas Vietnamese businesses and the city's "
            "businesses and agencies."
        ),
        venue="Trung tâm Hội nghị thành phố Hải Phòng",
        address="Số 18 Hoàng Diệu, Hồng Bàng",
        city="Hải Phòng",
        province_code=HAI_PHONG,
        starts_at=_at(day, 8, 0),
        ends_at=_at(day, 18, 0),
        capacity=200,
        registration_deadline=_at(day - timedelta(days=5), 23, 59),
        b2b_enabled=True,
        table_count=12,
    )
    for start, end, title, title_en, venue in (
        ((7, 30), (8, 30), "Đón khách, nhận thẻ", "Welcome and badges", "Sảnh A"),
        ((8, 30), (9, 0), "Khai mạc", "Opening", "Hội trường lớn"),
        ((9, 0), (10, 0), "Môi trường đầu tư Hải Phòng và danh mục dự án",
         "Hai Phong's investment climate and project list", "Hội trường lớn"),
        ((10, 15), (11, 45), "Tọa đàm: Logistics, cảng biển và công nghiệp chế biến",
         "Panel: logistics, seaports and processing industry", "Hội trường lớn"),
        ((13, 30), (17, 30), "Gặp gỡ B2B", "B2B meetings", "Phòng Bạch Đằng"),
        ((17, 30), (18, 0), "Bế mạc, ký kết biên bản ghi nhớ", "Closing and MoU signing",
         "Hội trường lớn"),
    ):  # fmt: skip
        services.session_add(
            event,
            title=title,
            title_en=title_en,
            starts_at=_at(day, *start),
            ends_at=_at(day, *end),
            venue=venue,
        )
    questions = _conference_questions(event)
    slots = services.slots_generate(event, first=_at(day, 13, 30), count=8, minutes=25, gap=5)
    for name, langs, unavailable in (
        ("Phạm Thu Hiền", ["vi", "de", "en"], []),
        ("Lê Minh Đức", ["vi", "fr", "en"], [slots[7].pk]),
        ("Nguyễn Thị Hằng", ["vi", "ja", "ko"], []),
    ):
        services.interpreter_add(event, name=name, languages=langs, unavailable=unavailable)
    profiles = []
    for i, seed in enumerate(CONFERENCE):
        busy = [slots[0].pk, slots[1].pk] if i % 9 == 4 else []  # arrives after lunch
        if i % 11 == 7:
            busy = [slots[7].pk]  # leaves early
        profiles.append(
            _participant(
                event,
                people.of_seed(seed),
                seed,
                answers=_answers(rng, questions, seed.local, day),
                unavailable=busy,
            )
        )
    report.participants += len(profiles)
    # Visitors without B2B meetings, and a delegation.
    for person in crowd[:12]:
        services.register(event, person=person, answers=_answers(rng, questions, False, day))
    services.register(
        event,
        person=crowd[12],
        delegation_name="Đoàn doanh nghiệp kiều bào tại Séc",
        organisation_name="Hội Doanh nhân Việt Nam tại Séc",
        answers=_answers(rng, questions, False, day),
        delegates=[
            {"full_name": "Vũ Văn Thịnh", "organisation_name": "Thinh Import s.r.o."},
            {"full_name": "Hà Thị Ngân", "organisation_name": "Ngan Food s.r.o."},
            {"full_name": "Lê Quang Hưng", "organisation_name": "Hung Textil s.r.o."},
        ],
    )
    requests = _conference_requests(rng, profiles)
    # Two meetings the city's leaders attend, pinned by hand at table 1.
    services.schedule(event, user=official, time_limit=5)
    vip = [r for r in requests if r.mutual and r.status == RequestStatus.ACCEPTED]
    for request, slot in zip(vip[:2], (slots[2], slots[3]), strict=False):
        services.meeting_place(request, slot=slot, table=1, user=official)


def _conference_requests(rng, profiles) -> list[MeetingRequest]:
    """About 80 accepted requests (some of mutual interest), a dozen pending, a few declined:
    mostly between an overseas business and one of the city's, a few among overseas ones.
    Nobody who speaks only a foreign language is paired with someone they need a language
    no interpreter has in common with."""
    seeds = CONFERENCE
    local = [i for i, s in enumerate(seeds) if s.local]
    abroad = [i for i, s in enumerate(seeds) if not s.local]
    degree = [0] * len(seeds)
    pairs: list[tuple[int, int]] = []
    seen: set[frozenset] = set()

    def limit(i: int) -> int:
        return 3 if "vi" not in seeds[i].languages else 6

    def ok(a: int, b: int) -> bool:
        if a == b or frozenset((a, b)) in seen or degree[a] >= limit(a) or degree[b] >= limit(b):
            return False
        la, lb = set(seeds[a].languages), set(seeds[b].languages)
        return bool(la & lb) or ("vi" in la or "vi" in lb)

    # the city's investment board and promotion centre meet the investors first
    for i in (abroad[7], abroad[12], abroad[15], abroad[21]):
        for j in local[:2]:
            if ok(i, j):
                pairs.append((i, j))
                seen.add(frozenset((i, j)))
                degree[i] += 1
                degree[j] += 1
    attempts = 0
    while len(pairs) < 100 and attempts < 10_000:
        attempts += 1
        if rng.random() < 0.9:
            a, b = rng.choice(abroad), rng.choice(local)
        else:
            a, b = rng.sample(abroad, 2)
        if rng.random() < 0.3:
            a, b = b, a
        if ok(a, b):
            pairs.append((a, b))
            seen.add(frozenset((a, b)))
            degree[a] += 1
            degree[b] += 1
    made = []
    for n, (a, b) in enumerate(pairs):
        if n < 16:
            answer = "mutual"
        elif n < 82:
            answer = "accept"
        elif n < 92:
            answer = ""
        else:
            answer = "decline"
        made.append(
            _ask(profiles[a], profiles[b], rng, answer=answer, priority=rng.random() < 0.25)
        )
    return made


# --- last year ---------------------------------------------------------------------------------
OUTCOMES = [
    ("mou", None, "Ký biên bản ghi nhớ hợp tác gom hàng xuất khẩu qua cảng Đình Vũ."),
    ("mou", None, "Biên bản ghi nhớ đào tạo 50 điều dưỡng tiếng Nhật mỗi năm."),
    ("mou", None, "Ghi nhớ hợp tác thử nghiệm tàu du lịch chạy điện tại vịnh Lan Hạ."),
    ("mou", None, "Ghi nhớ hợp tác phát triển phần mềm quản lý kho."),
    ("deal", "250000", "Đơn hàng tôm đông lạnh 3 container đầu tiên."),
    ("deal", "1200000", "Hợp đồng bao tiêu nước mắm và chả cá một năm."),
    ("deal", "85000", "Đơn hàng thử 20.000 chiếc áo khoác."),
    ("investment", "15000000", "Nhà máy linh kiện cơ khí chính xác tại khu công nghiệp."),
    ("investment", "4500000", "Hệ thống điện mặt trời áp mái cho ba nhà xưởng."),
    ("nothing", None, "Hai bên chưa thống nhất được giá."),
    ("nothing", None, ""),
    ("nothing", None, "Sản phẩm chưa đạt yêu cầu kiểm dịch."),
    ("nothing", None, ""),
    ("nothing", None, "Đối tác đổi kế hoạch kinh doanh."),
]
COMMENTS = [
    "Các cuộc gặp B2B được xếp lịch rất hợp lý, không phải chờ đợi.",
    "Cần thêm phiên dịch tiếng Đức.",
    "Thủ tục một cửa được giới thiệu rõ ràng, tôi sẽ quay lại năm sau.",
    "Phòng họp B2B hơi ồn.",
    "",
    "",
]


def _last_year(rng, now, hai_phong, people, crowd, report) -> None:
    """Last year's edition: built as an upcoming event through the services, then moved to
    its real dates (a year ago), checked in, followed up and rated."""
    official = _official(hai_phong)
    then = timezone.localtime(now, VN).date() - timedelta(days=365)
    soon = timezone.localtime(now, VN).date() + timedelta(days=2)
    event = _event(
        hai_phong,
        official,
        report,
        title=f"Hội nghị Kết nối doanh nghiệp kiều bào với Hải Phòng {then.year}",
        title_en=f"Connecting overseas Vietnamese businesses with Hai Phong {then.year}",
        agenda="Giới thiệu các khu công nghiệp mới của thành phố; gặp gỡ B2B.",
        agenda_en="The city's new industrial zones; B2B meetings.",
        venue="Khách sạn Mường Thanh Luxury Hải Phòng",
        city="Hải Phòng",
        province_code=HAI_PHONG,
        starts_at=_at(soon, 8, 0),
        ends_at=_at(soon, 17, 0),
        capacity=150,
        b2b_enabled=True,
        table_count=10,
    )
    rating = services.question_add(
        event,
        phase="feedback",
        kind="rating",
        label="Các cuộc gặp B2B hữu ích thế nào?",
        label_en="How useful were the B2B meetings?",
    )
    again = services.question_add(
        event,
        phase="feedback",
        kind="yesno",
        label="Anh/chị sẽ tham dự năm sau?",
        label_en="Will you come next year?",
    )
    services.slots_generate(event, first=_at(soon, 13, 30), count=6, minutes=25, gap=5)
    services.interpreter_add(event, name="Phạm Thu Hiền", languages=["vi", "de", "en"])
    services.interpreter_add(event, name="Nguyễn Thị Hằng", languages=["vi", "ja", "ko"])
    seeds = [s for s in CONFERENCE if "fr" not in s.languages][:30]
    profiles = [_participant(event, people.of_seed(seed), seed) for seed in seeds]
    registrations = [p.registration for p in profiles]
    for person in crowd[20:28]:
        registrations.append(services.register(event, person=person))
    for registration in registrations[-2:]:
        services.registration_cancel(registration)
    local = [p for p, s in zip(profiles, seeds, strict=True) if s.local]
    abroad = [p for p, s in zip(profiles, seeds, strict=True) if not s.local]
    seen: set[tuple[int, int]] = set()
    while len(seen) < 36:
        a, b = rng.choice(abroad), rng.choice(local)
        if (a.pk, b.pk) in seen:
            continue
        seen.add((a.pk, b.pk))
        n = len(seen)
        _ask(a, b, rng, answer="mutual" if n <= 6 else "accept" if n <= 32 else "decline")
    services.schedule(event, user=official, time_limit=5)

    # A year ago.
    delta = _at(then, 8, 0) - event.starts_at
    Event.objects.filter(pk=event.pk).update(
        starts_at=F("starts_at") + delta,
        ends_at=F("ends_at") + delta,
        created_at=F("created_at") + delta - timedelta(days=60),
    )
    Session.objects.filter(event=event).update(
        starts_at=F("starts_at") + delta, ends_at=F("ends_at") + delta
    )
    Slot.objects.filter(event=event).update(
        starts_at=F("starts_at") + delta, ends_at=F("ends_at") + delta
    )
    early = delta - timedelta(days=20)
    Registration.objects.filter(event=event).update(
        created_at=F("created_at") + early, queued_at=F("queued_at") + early
    )
    Registration.objects.filter(event=event, confirmed_at__isnull=False).update(
        confirmed_at=F("confirmed_at") + early
    )
    Registration.objects.filter(event=event, cancelled_at__isnull=False).update(
        cancelled_at=F("cancelled_at") + early + timedelta(days=5)
    )
    MeetingRequest.objects.filter(event=event).update(created_at=F("created_at") + early)
    MeetingRequest.objects.filter(event=event, answered_at__isnull=False).update(
        answered_at=F("answered_at") + early + timedelta(days=2)
    )
    ScheduleRun.objects.filter(event=event).update(
        created_at=F("created_at") + delta - timedelta(days=3)
    )
    event.refresh_from_db()

    # The day: check-in at the door (three did not come).
    confirmed = list(
        Registration.objects.filter(event=event, status=RegStatus.CONFIRMED).order_by("pk")
    )
    for n, registration in enumerate(confirmed):
        if n % 11 == 10:
            continue
        services.check_in(event, registration.ticket_code, user=official)
        Registration.objects.filter(pk=registration.pk).update(
            checked_in_at=event.starts_at + timedelta(minutes=rng.randint(-30, 50))
        )

    # What came of the meetings, recorded over the following months.
    meetings = list(Meeting.objects.filter(event=event).order_by("slot__starts_at", "table"))
    rng.shuffle(meetings)
    for meeting, (kind, value, note) in zip(meetings, OUTCOMES, strict=False):
        outcome = services.outcome_add(
            meeting,
            kind=kind,
            note=note,
            value_usd=Decimal(value) if value else None,
            user=official,
        )
        MeetingOutcome.objects.filter(pk=outcome.pk).update(
            recorded_at=event.ends_at + timedelta(days=rng.randint(20, 200))
        )

    # Feedback.
    for registration in confirmed[:24]:
        feedback = services.feedback_submit(
            registration,
            rating=rng.choices([3, 4, 5], weights=[2, 5, 4])[0],
            answers={str(rating.pk): rng.randint(3, 5), str(again.pk): rng.random() < 0.8},
            comment=rng.choice(COMMENTS),
        )
        Feedback.objects.filter(pk=feedback.pk).update(
            created_at=event.ends_at + timedelta(hours=rng.randint(2, 72))
        )
