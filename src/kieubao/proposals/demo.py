"""Demo data of proposals (``kieubao proposals demo [--if-empty]``), on top of the community
demo (``kieubao demo``) and, for the outcome linked to an engagement, the knowledge demo.

25 proposals of overseas Vietnamese, in Vietnamese and in English, on science, technology,
investment, education and law, written by demo members (``member@kieubao.local`` among them)
and addressed to the demo's ministries, provinces and missions, in every status: just
submitted, being screened, assigned (two of them overdue: assigned more than 30 days ago and
never answered, one to Hải Phòng and one to the demo ministry official's body), under review,
accepted, declined with a reason, in implementation with outcomes and their progress (one
linked to an engagement of the knowledge network when there is one), implemented, and one
merged into an earlier proposal on the same subject. With endorsements, threaded comments and
public answers, some signed by the official who wrote them.

Everything goes through the services, as users' actions would, with the emails suppressed
(the people are demo people); only the dates are set afterwards, spread over the past months,
so that the dashboard's median days to a first answer means something. Deterministic; about a
second.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kieubao.community.models import Official, Organisation, OrganisationKind, Person
from kieubao.community.services import organisation_create, person_create
from kieubao.core.provinces import resolve_province

from . import notifications, selectors, services
from .models import (
    Comment,
    Endorsement,
    Outcome,
    OutcomeKind,
    Proposal,
    Status,
)

DEMO_MEMBER = "member@kieubao.local"
DEMO_ADMIN = "admin@kieubao.local"

# Ministries the proposals are addressed to, created when the community demo has not.
MINISTRIES = {
    "Bộ Khoa học và Công nghệ": "Ministry of Science and Technology",
    "Bộ Giáo dục và Đào tạo": "Ministry of Education and Training",
    "Bộ Tư pháp": "Ministry of Justice",
    "Bộ Tài chính": "Ministry of Finance",
    "Bộ Y tế": "Ministry of Health",
}
# Proposers when the demo community has nobody (left) in a country.
PERSONAS = [
    ("Nguyễn Hoàng Nam", "JP", "Tokyo"),
    ("Lê Thị Thu Hà", "US", "San Jose"),
    ("Phạm Quốc Bảo", "DE", "Leipzig"),
    ("Vũ Minh Anh", "FR", "Paris"),
    ("Đặng Thanh Tùng", "AU", "Melbourne"),
    ("Hoàng Ngọc Lan", "KR", "Seoul"),
    ("Trương Gia Huy", "TW", "Taipei"),
    ("Bùi Thị Phương", "CZ", "Praha"),
    ("Ngô Đức Việt", "CA", "Toronto"),
    ("Lý Minh Khoa", "GB", "London"),
    ("Đỗ Thị Yến", "RU", "Moskva"),
    ("Mai Xuân Trường", "US", "Houston"),
]


@dataclass
class Seed:
    language: str
    country: str  # where the proposer lives ("member": the demo member)
    title: str
    body: str
    fields: tuple[str, ...]
    days_ago: int
    steps: tuple = ()
    addressed_to: str = ""
    anonymous: bool = False
    endorsements: int = 0
    comments: tuple = ()  # (comment, the proposer's reply or "")


# Steps, each (action, day after submission, ...):
#   ("screen", d)                          the platform screens it
#   ("assign", d, body key, note)          the platform assigns it to a body
#   ("review", d, text)                    the body puts it under review (a first answer)
#   ("answer", d, text, signed name)       a public answer of the body
#   ("accept", d, text) / ("decline", d, reason)
#   ("start", d, text)                     in implementation
#   ("implemented", d, text)
#   ("outcome", d, kind, title, progress, description)  kind "engagement": the knowledge
#                                          network's first engagement when there is one
#   ("progress", d, percent)               the first outcome's progress
#   ("merge", d, index of the seed it joins, note)
SEEDS: list[Seed] = [
    Seed("vi", "JP", "Quỹ đào tạo kỹ sư thiết kế vi mạch bán dẫn do chuyên gia kiều bào hướng dẫn",
         "<p>Đề xuất lập <strong>quỹ đào tạo 5.000 kỹ sư thiết kế vi mạch</strong> đến năm 2030, "
         "trong đó các kỹ sư kiều bào đang làm tại Nhật Bản, Hàn Quốc và Hoa Kỳ trực tiếp hướng "
         "dẫn đồ án và thực tập.</p><ul><li>Học bổng toàn phần cho sinh viên năm cuối;</li>"
         "<li>Phòng thí nghiệm EDA dùng chung giữa các trường;</li><li>Mỗi chuyên gia hướng dẫn "
         "tối đa 5 sinh viên, trực tuyến và trực tiếp hai lần một năm.</li></ul>",
         ("semiconductors", "education"), 150,
         (("screen", 1), ("assign", 3, "ministry:Bộ Khoa học và Công nghệ", ""),
          ("answer", 11, "Bộ đã nhận đề xuất và giao Vụ Công nghệ cao chủ trì nghiên cứu.",
           "Nguyễn Văn Thành, Phó Vụ trưởng Vụ Công nghệ cao"),
          ("accept", 24, "Đề xuất phù hợp với Chiến lược phát triển công nghiệp bán dẫn; Bộ sẽ "
           "lồng ghép vào chương trình đào tạo nhân lực."),
          ("start", 45, "Đã ký kết hợp tác với ba trường đại học kỹ thuật."),
          ("outcome", 46, "engagement", "Chuyên gia kiều bào hướng dẫn chương trình đào tạo",
           20, "Nhóm chuyên gia kiều bào tham gia xây dựng chương trình và hướng dẫn đồ án."),
          ("progress", 120, 35)),
         addressed_to="ministry:Bộ Khoa học và Công nghệ", endorsements=18,
         comments=(("Tôi làm ở Osaka và sẵn sàng hướng dẫn hai sinh viên mỗi năm.",
                    "Cảm ơn anh, em sẽ ghi tên anh vào danh sách đề xuất gửi Bộ."),
                   ("Nên có cả ngành đóng gói và kiểm thử, không chỉ thiết kế.", ""))),
    Seed("vi", "US", "Đơn giản hóa thủ tục xác nhận quốc tịch Việt Nam cho người có hai quốc tịch",
         "<p>Nhiều kiều bào có quốc tịch nước sở tại nhưng không biết mình còn quốc tịch Việt "
         "Nam hay không. Đề nghị cho phép <strong>nộp hồ sơ xác nhận quốc tịch trực tuyến</strong> "
         "qua cơ quan đại diện, với danh mục giấy tờ thống nhất và thời hạn trả lời 20 ngày.</p>",
         ("law",), 70,
         (("screen", 1), ("assign", 4, "ministry:Bộ Tư pháp", ""),
          ("review", 13, "Bộ Tư pháp đang tổng hợp ý kiến của Bộ Ngoại giao và Bộ Công an về "
           "thủ tục trực tuyến.")),
         endorsements=22,
         comments=(("Hồ sơ của tôi ở San Francisco mất 8 tháng mới có kết quả.", ""),)),
    Seed("vi", "DE", "Công nhận văn bằng đại học và sau đại học cấp ở nước ngoài trong 30 ngày",
         "<p>Thủ tục công nhận văn bằng hiện kéo dài 2–3 tháng và yêu cầu hợp pháp hóa lãnh sự "
         "nhiều giấy tờ. Đề nghị <strong>tra cứu tự động</strong> với các cơ sở đào tạo đã được "
         "kiểm định ở EU, Hoa Kỳ, Nhật Bản và trả kết quả trong 30 ngày.</p>",
         ("education", "law"), 120,
         (("screen", 2), ("assign", 3, "ministry:Bộ Giáo dục và Đào tạo", ""),
          ("accept", 19, "Bộ tiếp thu và sẽ sửa đổi thông tư về công nhận văn bằng."),
          ("outcome", 30, "policy", "Dự thảo sửa đổi thông tư công nhận văn bằng", 20,
           "Dự thảo đang lấy ý kiến rộng rãi.")),
         addressed_to="ministry:Bộ Giáo dục và Đào tạo", endorsements=15),
    Seed("vi", "FR", "Trung tâm một cửa cho nhà đầu tư kiều bào tại Hải Phòng",
         "<p>Kiều bào muốn đầu tư về quê hương phải làm việc với nhiều sở, ngành. Đề xuất Hải "
         "Phòng lập <strong>trung tâm một cửa</strong> tiếp nhận hồ sơ đầu tư của kiều bào, có "
         "cán bộ nói tiếng Anh và tiếng Pháp, hẹn lịch trực tuyến.</p>",
         ("finance", "trade"), 200,
         (("screen", 1), ("assign", 2, "province:Hải Phòng", ""),
          ("answer", 8, "Thành phố hoan nghênh đề xuất; Sở Kế hoạch và Đầu tư được giao chủ trì.",
           ""),
          ("accept", 15, "Thành phố chấp thuận thành lập bộ phận một cửa."),
          ("start", 30, ""),
          ("outcome", 31, "project", "Bộ phận một cửa cho nhà đầu tư kiều bào", 60,
           "Đặt tại Trung tâm Phục vụ hành chính công thành phố."),
          ("implemented", 150, "Bộ phận một cửa đã đi vào hoạt động từ tháng này."),
          ("progress", 151, 100)),
         addressed_to="province:Hải Phòng", endorsements=11,
         comments=(("Nên có cả tư vấn về đất đai cho dự án nông nghiệp công nghệ cao.",
                    "Đồng ý, tôi đã bổ sung khi trao đổi với Sở."),)),
    Seed("vi", "member", "Lớp tiếng Việt cuối tuần cho con em kiều bào tại châu Âu",
         "<p>Con em kiều bào thế hệ thứ ba ở Đức ít có cơ hội học tiếng Việt. Đề xuất hỗ trợ "
         "<strong>giáo trình, giáo viên tình nguyện và lớp học trực tuyến cuối tuần</strong> "
         "phối hợp với các hội người Việt ở Berlin, Leipzig và Praha.</p>",
         ("education", "culture"), 160,
         (("screen", 1), ("assign", 2, "state-committee", ""),
          ("answer", 6, "Ủy ban ghi nhận và sẽ phối hợp với các hội đoàn tại châu Âu.",
           "Phạm Thu Hằng, chuyên viên"),
          ("accept", 14, "Đề xuất được đưa vào Đề án Ngày tôn vinh tiếng Việt."),
          ("start", 40, "Đã mở 12 lớp thí điểm."),
          ("outcome", 41, "project", "Lớp tiếng Việt cuối tuần thí điểm tại Berlin và Leipzig",
           40, "12 lớp, 180 học sinh."),
          ("progress", 130, 60)),
         endorsements=20,
         comments=(("Ở Praha các cháu rất cần lớp như vậy.",
                    "Hội ở Praha đã đăng ký tham gia đợt hai."),
                   ("Có thể dùng bộ sách Tiếng Việt vui làm giáo trình.", ""))),
    Seed("en", "AU", "A diaspora expert visa: five-year multiple-entry visas for experts",
         "<p>Overseas Vietnamese experts with foreign passports who come to teach or advise "
         "often need a new visa for every visit. We propose a <strong>five-year multiple-entry "
         "expert visa</strong> for those invited by a university, a research institute or a "
         "public body, applied for online.</p>",
         ("law",), 50,
         (("screen", 1), ("assign", 2, "state-committee", "")),
         endorsements=12),
    Seed("vi", "KR", "Mạng lưới cố vấn khởi nghiệp công nghệ kiều bào cho các trường đại học",
         "<p>Thành lập mạng lưới cố vấn gồm các nhà sáng lập và kỹ sư kiều bào tại Hàn Quốc để "
         "hỗ trợ các vườn ươm khởi nghiệp trong trường đại học.</p>",
         ("digital-transformation", "education"), 110,
         (("screen", 2), ("assign", 5, "state-committee", ""),
          ("decline", 21, "Nội dung này đã được triển khai trong Mạng lưới đổi mới sáng tạo Việt "
           "Nam; đề nghị tác giả đăng ký tham gia mạng lưới thay vì lập mạng lưới mới.")),
         endorsements=4),
    Seed("en", "US", "Open data on provincial investment projects, in English",
         "<p>Diaspora investors cannot compare projects across provinces. Publish Đà Nẵng's "
         "<strong>list of projects calling for investment as open data in English</strong> "
         "(location, sector, size, incentives, contact), updated monthly.</p>",
         ("finance", "digital-transformation"), 130,
         (("screen", 1), ("assign", 3, "province:Đà Nẵng", ""),
          ("accept", 12, "The city will publish the list on its open data portal."),
          ("start", 35, ""),
          ("outcome", 36, "project", "Investment projects on the open data portal", 45,
           "The first 40 projects are published in Vietnamese and English.")),
         addressed_to="province:Đà Nẵng", endorsements=9),
    Seed("vi", "TW", "Thực tập hè cho sinh viên Việt Nam tại các nhà máy bán dẫn Đài Loan",
         "<p>Các kỹ sư kiều bào tại Đài Loan có thể giới thiệu <strong>100 suất thực tập hè "
         "mỗi năm</strong> tại các nhà máy bán dẫn cho sinh viên ngành điện tử.</p>",
         ("semiconductors", "education"), 41,
         (("screen", 1), ("assign", 2, "ministry:Bộ Giáo dục và Đào tạo", ""),
          ("review", 16, "Bộ đang trao đổi với các trường có đào tạo ngành điện tử.")),
         endorsements=7),
    Seed("vi", "JP", "Quỹ đào tạo nhân lực bán dẫn có đóng góp của kỹ sư kiều bào",
         "<p>Đề xuất một quỹ đào tạo nhân lực ngành bán dẫn, trong đó kỹ sư kiều bào đóng góp "
         "giờ giảng và hướng dẫn thực tập.</p>",
         ("semiconductors",), 140,
         (("merge", 5, 0, "Trùng nội dung với đề xuất về quỹ đào tạo kỹ sư thiết kế vi mạch."),),
         endorsements=5),
    Seed("vi", "CZ", "Hướng dẫn song ngữ Việt – Séc về đăng ký khai sinh cho trẻ sinh ở Séc",
         "<p>Nhiều gia đình không biết cần giấy tờ gì để đăng ký khai sinh cho con tại Đại sứ "
         "quán. Đề nghị có <strong>hướng dẫn song ngữ</strong> và mẫu tờ khai điền sẵn.</p>",
         ("law",), 180,
         (("screen", 1), ("assign", 2, "mission:CZ", ""),
          ("accept", 5, "Đại sứ quán sẽ biên soạn hướng dẫn."),
          ("outcome", 6, "other", "Hướng dẫn đăng ký khai sinh song ngữ", 50, ""),
          ("implemented", 40, "Hướng dẫn đã đăng trên trang của Đại sứ quán."),
          ("progress", 41, 100)),
         endorsements=8),
    Seed("en", "CA", "Tax incentives for diaspora angel investors in deep-tech start-ups",
         "<p>Allow overseas Vietnamese angel investors to <strong>deduct part of their "
         "investment</strong> in Vietnamese deep-tech start-ups from the tax on later "
         "capital gains, as Canada and the UK do.</p>",
         ("finance",), 60,
         (("screen", 1), ("assign", 3, "ministry:Bộ Tài chính", ""),
          ("review", 25, "The ministry is studying this together with the draft law on "
           "personal income tax.")),
         endorsements=6),
    Seed("vi", "DE", "Công nhận chứng chỉ hành nghề của bác sĩ kiều bào khám bệnh tình nguyện",
         "<p>Bác sĩ kiều bào về nước khám bệnh tình nguyện phải xin giấy phép cho từng đợt. Đề "
         "nghị <strong>cấp giấy phép hành nghề có thời hạn 3 năm</strong> cho bác sĩ có chứng "
         "chỉ hành nghề còn hiệu lực ở nước sở tại.</p>",
         ("health", "law"), 100,
         (("screen", 1), ("assign", 4, "ministry:Bộ Y tế", ""),
          ("answer", 20, "Bộ Y tế ghi nhận, đang rà soát quy định của Luật Khám bệnh, chữa bệnh.",
           ""),
          ("accept", 28, "Bộ sẽ hướng dẫn cấp giấy phép có thời hạn."),
          ("outcome", 40, "policy", "Hướng dẫn cấp phép hành nghề có thời hạn", 30, "")),
         endorsements=13),
    Seed("vi", "US", "Diễn đàn trực tuyến hằng quý giữa chuyên gia AI kiều bào và các bộ, ngành",
         "<p>Tổ chức <strong>diễn đàn trực tuyến mỗi quý</strong> để chuyên gia trí tuệ nhân "
         "tạo kiều bào góp ý các chính sách và dự án chuyển đổi số.</p>",
         ("ai", "digital-transformation"), 190,
         (("screen", 1), ("assign", 2, "ministry:Bộ Khoa học và Công nghệ", ""),
          ("accept", 9, "Bộ đồng ý tổ chức diễn đàn."),
          ("outcome", 20, "project", "Diễn đàn AI kiều bào", 50, ""),
          ("implemented", 100, "Đã tổ chức hai kỳ diễn đàn với hơn 300 người tham dự."),
          ("progress", 101, 100)),
         endorsements=10),
    Seed("en", "GB", "Recognise UK chartered engineer status for public infrastructure projects",
         "<p>Let Vietnamese engineers holding <strong>UK Chartered Engineer (CEng)</strong> "
         "status sign off designs in public infrastructure projects without a separate "
         "Vietnamese practising certificate.</p>",
         ("construction", "law"), 6, (("screen", 2),), endorsements=2),
    Seed("vi", "FR", "Thư viện số sách tiếng Việt cho thiếu nhi kiều bào",
         "<p>Xây dựng <strong>thư viện số miễn phí</strong> gồm truyện thiếu nhi, sách giáo "
         "khoa tiếng Việt và sách nói cho trẻ em kiều bào.</p>",
         ("education", "culture"), 12,
         (("screen", 1), ("assign", 3, "state-committee", "")), endorsements=5),
    Seed("vi", "RU", "Thủ tục chuyển kiều hối để đầu tư sản xuất nông nghiệp ở quê nhà",
         "<p>Đề nghị hướng dẫn rõ thủ tục để kiều bào chuyển tiền về <strong>góp vốn vào hợp "
         "tác xã nông nghiệp</strong> ở quê nhà, thay vì chỉ gửi cho người thân.</p>",
         ("finance", "agriculture"), 2, endorsements=1),
    Seed("en", "US", "Matching diaspora mentors with Vietnamese medical residents",
         "<p>A simple programme to pair <strong>overseas Vietnamese physicians</strong> with "
         "residents in provincial hospitals for monthly online case discussions.</p>",
         ("health", "education"), 1, anonymous=True),
    Seed("vi", "JP", "Đặt hàng nghiên cứu robot nông nghiệp cho nhóm nhà khoa học kiều bào",
         "<p>Nhà nước đặt hàng các nhóm nghiên cứu kiều bào tại Nhật Bản phát triển <strong>"
         "robot thu hoạch</strong> phù hợp với vườn cây ăn quả ở đồng bằng sông Cửu Long.</p>",
         ("robotics", "agriculture"), 90,
         (("screen", 1), ("assign", 3, "ministry:Bộ Khoa học và Công nghệ", ""),
          ("review", 17, "Bộ đang xem xét đưa vào danh mục nhiệm vụ khoa học năm tới."),
          ("accept", 45, "Đề xuất được đưa vào danh mục nhiệm vụ đặt hàng.")),
         endorsements=8),
    Seed("vi", "AU", "Tuần lễ chuyên gia kiều bào về năng lượng tái tạo tại Đà Nẵng",
         "<p>Tổ chức <strong>tuần lễ chuyên gia</strong> để kiều bào làm về điện mặt trời và "
         "điện gió ngoài khơi làm việc với doanh nghiệp và sở, ngành của thành phố.</p>",
         ("green-energy",), 170,
         (("screen", 1), ("assign", 2, "province:Đà Nẵng", ""),
          ("accept", 7, "Thành phố đồng ý tổ chức vào quý tới."),
          ("outcome", 8, "project", "Tuần lễ chuyên gia năng lượng tái tạo", 30, ""),
          ("implemented", 90, "Tuần lễ đã diễn ra với 45 chuyên gia kiều bào."),
          ("progress", 91, 100)),
         endorsements=7),
    Seed("vi", "DE", "Đặt lịch hẹn trực tuyến làm hộ chiếu tại Đại sứ quán ở Berlin",
         "<p>Kiều bào phải xếp hàng nhiều giờ để nộp hồ sơ hộ chiếu. Đề nghị <strong>đặt lịch "
         "hẹn trực tuyến</strong> và nhận hộ chiếu qua bưu điện.</p>",
         ("law", "digital-transformation"), 140,
         (("screen", 1), ("assign", 2, "mission:DE", ""),
          ("accept", 10, "Đại sứ quán triển khai đặt lịch hẹn trực tuyến."),
          ("outcome", 11, "other", "Hệ thống đặt lịch hẹn trực tuyến", 50, ""),
          ("implemented", 60, "Đã áp dụng; thời gian chờ trung bình còn 20 phút."),
          ("progress", 61, 100)),
         anonymous=True, endorsements=16,
         comments=(("Rất cần, lần trước tôi chờ cả buổi sáng.", ""),)),
    Seed("en", "US", "Fast-track registration for diaspora-founded start-ups in Hải Phòng's zones",
         "<p>Give start-ups founded by overseas Vietnamese a <strong>15-day fast track</strong> "
         "for registration and investment certificates in Hải Phòng's economic zones.</p>",
         ("finance", "trade"), 45,
         (("screen", 1), ("assign", 3, "province:Hải Phòng", "")),
         endorsements=6),
    Seed("vi", "KR", "Biên soạn sách giáo khoa tiếng Việt riêng cho lớp học ở nước ngoài",
         "<p>Đề nghị biên soạn <strong>bộ sách giáo khoa tiếng Việt riêng</strong> cho các lớp "
         "tiếng Việt ở nước ngoài, phù hợp với trẻ song ngữ.</p>",
         ("education", "culture"), 95,
         (("screen", 1), ("assign", 3, "ministry:Bộ Giáo dục và Đào tạo", ""),
          ("decline", 30, "Bộ sách “Tiếng Việt vui” đã được biên soạn cho đúng đối tượng này và "
           "phát miễn phí; Bộ sẽ cập nhật bộ sách thay vì biên soạn bộ mới.")),
         endorsements=3,
         comments=(("Bộ Tiếng Việt vui hơi khó với các cháu lớp nhỏ.",
                    "Tôi sẽ góp ý phần này khi Bộ cập nhật."),)),
    Seed("vi", "US", "Chứng thực chữ ký số cho giấy tờ kiều bào nộp từ xa",
         "<p>Cho phép kiều bào dùng <strong>chữ ký số</strong> do nước sở tại cấp khi nộp hồ "
         "sơ hành chính trực tuyến, thay vì gửi bản giấy đã hợp pháp hóa.</p>",
         ("law", "digital-transformation"), 125,
         (("screen", 1), ("assign", 2, "ministry:Bộ Tư pháp", ""),
          ("review", 16, "Bộ đang phối hợp với Bộ Khoa học và Công nghệ."),
          ("accept", 40, "Bộ đồng ý thí điểm với một số thủ tục."),
          ("start", 60, ""),
          ("outcome", 61, "policy", "Thí điểm công nhận chữ ký số nước ngoài", 50, "")),
         endorsements=9),
    Seed("en", "member", "Cybersecurity training exchange for provincial IT departments",
         "<p>Overseas Vietnamese security engineers could run <strong>two-week training "
         "exchanges</strong> for the IT departments of Hải Phòng and neighbouring provinces.</p>",
         ("cybersecurity",), 55,
         (("screen", 1), ("assign", 2, "province:Hải Phòng", ""),
          ("accept", 22, "Hải Phòng will host the first exchange next quarter."),
          ("outcome", 23, "project", "Cybersecurity training exchange", 10, "")),
         endorsements=4),
]  # fmt: skip

STEP_PEOPLE = 40  # endorsers and commenters come from the first people of the community demo


@dataclass
class DemoReport:
    proposals: int = 0
    statuses: int = 0
    endorsements: int = 0
    comments: int = 0
    outcomes: int = 0
    overdue: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@contextmanager
def _no_mail():
    """Demo people are invented: what happens to their proposals tells nobody by email."""
    saved = notifications._later
    notifications._later = lambda *args, **kwargs: None
    try:
        yield
    finally:
        notifications._later = saved


def load_demo(*, if_empty: bool = False, seed: int = 7) -> DemoReport | None:
    if if_empty and Proposal.objects.exists():
        return None
    started = time.perf_counter()
    rng = random.Random(seed)
    with _no_mail(), transaction.atomic():
        report = _load(rng)
    report.seconds = round(time.perf_counter() - started, 1)
    return report


# --- who ---------------------------------------------------------------------------------------
def _bodies() -> dict[str, Organisation]:
    bodies: dict[str, Organisation] = {}
    first = Organisation.objects.filter(kind=OrganisationKind.MINISTRY).order_by("pk").first()
    for name, name_en in MINISTRIES.items():
        bodies[f"ministry:{name}"] = Organisation.objects.filter(
            kind=OrganisationKind.MINISTRY, name=name
        ).first() or organisation_create(
            name=name, name_en=name_en, kind=OrganisationKind.MINISTRY, country="VN"
        )
    bodies["state-committee"] = first or bodies["ministry:Bộ Khoa học và Công nghệ"]
    for name in ("Hải Phòng", "Đà Nẵng"):
        province = resolve_province(name)
        body = Organisation.objects.filter(
            kind=OrganisationKind.PROVINCE, province_code=province.code
        ).first()
        if body is not None:
            bodies[f"province:{name}"] = body
    for mission in Organisation.objects.filter(
        kind=OrganisationKind.MISSION, country__in=("CZ", "DE")
    ):
        bodies[f"mission:{mission.country}"] = mission
    return bodies


class _People:
    """Proposers by country from the demo community (personas when it has nobody left there),
    and a pool of endorsers and commenters."""

    def __init__(self) -> None:
        self.member = Person.objects.filter(user__email=DEMO_MEMBER).first()
        people = list(
            Person.objects.exclude(user__email=DEMO_MEMBER)
            .exclude(full_name="")
            .order_by("pk")[:400]
        )
        self.by_country: dict[str, list[Person]] = {}
        for person in people:
            self.by_country.setdefault(str(person.country), []).append(person)
        self.used: set[int] = set()
        self.personas = list(PERSONAS)
        self.pool = people[:STEP_PEOPLE]

    def proposer(self, country: str) -> Person:
        if country == "member" and self.member is not None:
            return self.member
        for person in self.by_country.get(country, []):
            if person.pk not in self.used:
                self.used.add(person.pk)
                return person
        return self._persona(country)

    def _persona(self, country: str) -> Person:
        match = next((p for p in self.personas if p[1] == country), None) or self.personas[0]
        self.personas.remove(match)
        self.personas.append(match)  # reused (with a number) if ever needed again
        name, country, city = match
        existing = Person.objects.filter(external_id=f"proposals-demo:{name}").first()
        if existing is None:
            existing = person_create(
                full_name=name,
                country=country,
                city=city,
                source="demo",
                external_id=f"proposals-demo:{name}",
            )
            self.pool.append(existing)
        return existing

    def others(self, rng: random.Random, n: int, *, besides: Person) -> list[Person]:
        candidates = [p for p in self.pool if p.pk != besides.pk]
        if self.member is not None and self.member.pk != besides.pk:
            candidates.append(self.member)
        return rng.sample(candidates, min(n, len(candidates)))


def _official(body: Organisation):
    official = Official.objects.filter(body=body).select_related("user").order_by("pk").first()
    return official.user if official else None


# --- what happened, and when ---------------------------------------------------------------------
class _Clock:
    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now

    def at(self, created: datetime, day: float) -> datetime:
        when = created + timedelta(
            days=day, hours=self.rng.randint(0, 8), minutes=self.rng.randint(0, 59)
        )
        return min(when, self.now - timedelta(minutes=5))


def _set(proposal: Proposal, **values) -> None:
    for name, value in values.items():
        setattr(proposal, name, value)
    Proposal.objects.filter(pk=proposal.pk).update(**values)


def _load(rng: random.Random) -> DemoReport:
    now = timezone.now()
    clock = _Clock(rng, now)
    bodies = _bodies()
    people = _People()
    admin = get_user_model().objects.filter(email=DEMO_ADMIN).first()
    engagement = None
    try:
        from kieubao.knowledge.models import Engagement

        engagement = Engagement.objects.order_by("pk").first()
    except ImportError:  # pragma: no cover - the knowledge app is always installed
        pass
    report = DemoReport()
    made: list[Proposal] = []
    for seed in SEEDS:
        author = people.proposer(seed.country)
        created = now - timedelta(days=seed.days_ago, hours=rng.randint(1, 10))
        target = bodies.get(seed.addressed_to) if seed.addressed_to else None
        proposal = services.proposal_submit(
            author=author,
            title=seed.title,
            body=seed.body,
            language=seed.language,
            fields=seed.fields,
            addressed_to=target,
            anonymous=seed.anonymous,
        )
        _set(proposal, created_at=created)
        proposal.timeline.update(created_at=created)
        made.append(proposal)
        report.proposals += 1
        for person in people.others(rng, seed.endorsements, besides=author):
            endorsement = services.endorse(proposal=proposal, person=person)
            Endorsement.objects.filter(pk=endorsement.pk).update(
                created_at=clock.at(created, rng.uniform(0, min(20, seed.days_ago)))
            )
            report.endorsements += 1
        for number, (text, reply) in enumerate(seed.comments):
            commenter = people.others(rng, 1, besides=author)
            if not commenter:
                continue
            comment = services.comment_add(proposal=proposal, author=commenter[0], text=text)
            day = min(seed.days_ago - 1, 1 + 3 * number)
            Comment.objects.filter(pk=comment.pk).update(created_at=clock.at(created, day))
            report.comments += 1
            if reply:
                answer = services.comment_add(
                    proposal=proposal, author=author, text=reply, parent=comment
                )
                Comment.objects.filter(pk=answer.pk).update(created_at=clock.at(created, day + 1))
                report.comments += 1
        last = created
        for step in seed.steps:
            last = _step(proposal, step, created, clock, bodies, admin, engagement, made, report)
        _set(proposal, updated_at=last)
    report.statuses = len(set(Proposal.objects.values_list("status", flat=True)))
    report.overdue = selectors.overdue().count()
    return report


def _step(proposal, step, created, clock, bodies, admin, engagement, made, report) -> datetime:
    action, day = step[0], step[1]
    when = clock.at(created, day)
    before = proposal.timeline.order_by("-pk").values_list("pk", flat=True).first() or 0
    answered_before = proposal.first_answer_at
    body = proposal.assigned_body
    official = _official(body) if body is not None else None
    if action == "screen":
        services.screen(proposal, user=admin)
    elif action == "assign":
        target = bodies.get(step[2]) or bodies["state-committee"]
        services.assign(proposal, body=target, user=admin, note=step[3])
        _set(proposal, assigned_at=when)
    elif action == "review":
        services.move(proposal, to=Status.UNDER_REVIEW, user=official, body=body, reason=step[2])
    elif action == "answer":
        services.answer(proposal, text=step[2], user=official, body=body, signed_name=step[3])
    elif action == "accept":
        services.move(proposal, to=Status.ACCEPTED, user=official, body=body, reason=step[2])
    elif action == "decline":
        services.move(proposal, to=Status.DECLINED, user=official, body=body, reason=step[2])
    elif action == "start":
        services.move(
            proposal, to=Status.IN_IMPLEMENTATION, user=official, body=body, reason=step[2]
        )
    elif action == "implemented":
        services.move(proposal, to=Status.IMPLEMENTED, user=official, body=body, reason=step[2])
    elif action == "outcome":
        kind, title, progress, description = step[2:6]
        if kind == OutcomeKind.ENGAGEMENT and engagement is None:
            kind = OutcomeKind.PROJECT
        outcome = services.outcome_add(
            proposal,
            kind=kind,
            title=title,
            user=official,
            body=body,
            description=description,
            engagement=engagement if kind == OutcomeKind.ENGAGEMENT else None,
            progress=progress,
        )
        Outcome.objects.filter(pk=outcome.pk).update(created_at=when, updated_at=when)
        report.outcomes += 1
    elif action == "progress":
        outcome = proposal.outcomes.order_by("pk").first()
        services.outcome_progress(outcome, progress=step[2], user=official, body=body)
        Outcome.objects.filter(pk=outcome.pk).update(updated_at=when)
    elif action == "merge":
        services.merge(proposal, into=made[step[2]], user=admin, note=step[3])
    else:  # pragma: no cover - a typo in SEEDS
        raise ValueError(action)
    proposal.timeline.filter(pk__gt=before).update(created_at=when)
    if answered_before is None and proposal.first_answer_at is not None:
        _set(proposal, first_answer_at=when)
    if action in ("decline", "implemented", "merge"):
        _set(proposal, closed_at=when)
    return when
