"""A labelled data set for the matching benchmark: expert profiles (Vietnamese or English) and
needs (Vietnamese or English) whose right experts are known, deterministic for a seed.

Each expert has a primary sub-topic (and often a secondary one in another field) of the
taxonomy's fields; they write their keywords, summary and publication titles in their
profile's language, with terms drawn from the sub-topic's vocabulary. Some terms are also in
the production lexicon (kieubao.knowledge.lexicon), as a real lexicon would hold the common
ones, many are not (model numbers, narrower phrases), so the benchmark does not simply
replay the lexicon. A need asks for one sub-topic, in its own language, with or without
fields. Relevance grades: 3 the expert's primary sub-topic, 2 their secondary one, 1 another
sub-topic of the same field, 0 otherwise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# field slug -> sub-topic key -> (Vietnamese terms, English terms)
TOPICS: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "semiconductors": {
        "ic-design": (
            ["thiết kế vi mạch", "thiết kế chip", "vi mạch tương tự", "thiết kế số RTL"],
            ["chip design", "VLSI design", "analog IC design", "RTL design", "mixed-signal"],
        ),
        "packaging": (
            ["đóng gói chip", "đóng gói bán dẫn", "kiểm thử sau đóng gói"],
            ["advanced packaging", "chip packaging", "flip-chip", "wafer-level packaging"],
        ),
        "fab": (
            ["chế tạo bán dẫn", "quang khắc", "phòng sạch", "công nghệ wafer"],
            ["semiconductor fabrication", "lithography", "cleanroom process", "wafer process"],
        ),
    },
    "ai": {
        "nlp": (
            ["xử lý ngôn ngữ tự nhiên", "mô hình ngôn ngữ lớn", "dịch máy", "tiếng Việt"],
            ["natural language processing", "large language model", "machine translation"],
        ),
        "vision": (
            ["thị giác máy tính", "xử lý ảnh", "nhận dạng khuôn mặt", "phát hiện đối tượng"],
            ["computer vision", "image processing", "object detection", "face recognition"],
        ),
        "ml-ops": (
            ["học máy", "học sâu", "triển khai mô hình", "học tăng cường"],
            ["machine learning", "deep learning", "MLOps", "reinforcement learning"],
        ),
    },
    "biotechnology": {
        "vaccines": (
            ["vắc xin", "miễn dịch học", "vắc xin mRNA", "sản xuất sinh phẩm"],
            ["vaccine", "immunology", "mRNA vaccine", "biologics manufacturing"],
        ),
        "genomics": (
            ["giải trình tự gen", "hệ gen", "tin sinh học", "di truyền"],
            ["genomics", "gene sequencing", "bioinformatics", "genetics"],
        ),
        "crispr": (
            ["chỉnh sửa gen", "CRISPR", "liệu pháp gen", "tế bào gốc"],
            ["gene editing", "CRISPR", "gene therapy", "stem cell"],
        ),
    },
    "green-energy": {
        "solar": (
            ["điện mặt trời", "quang điện", "pin mặt trời", "điện mặt trời áp mái"],
            ["solar power", "photovoltaic", "solar cell", "rooftop solar"],
        ),
        "wind": (
            ["điện gió", "điện gió ngoài khơi", "tua bin gió"],
            ["wind power", "offshore wind", "wind turbine"],
        ),
        "hydrogen-storage": (
            ["hydro xanh", "lưu trữ năng lượng", "pin lithium", "điện phân"],
            ["green hydrogen", "energy storage", "lithium battery", "electrolysis"],
        ),
    },
    "health": {
        "cardiology": (
            ["tim mạch", "can thiệp tim mạch", "suy tim", "đột quỵ"],
            ["cardiology", "interventional cardiology", "heart failure", "stroke"],
        ),
        "oncology": (
            ["ung thư", "ung bướu", "xạ trị", "hóa trị"],
            ["oncology", "cancer", "radiotherapy", "chemotherapy"],
        ),
        "public-health": (
            ["y tế công cộng", "dịch tễ học", "kiểm soát dịch bệnh", "y tế dự phòng"],
            ["public health", "epidemiology", "disease control", "preventive medicine"],
        ),
    },
    "agriculture": {
        "rice": (
            ["lúa gạo", "giống lúa", "canh tác lúa", "xâm nhập mặn"],
            ["rice", "rice breeding", "paddy farming", "salinity intrusion"],
        ),
        "aquaculture": (
            ["thủy sản", "nuôi tôm", "nuôi trồng thủy sản", "cá tra"],
            ["aquaculture", "shrimp farming", "fisheries", "pangasius"],
        ),
        "smart-farming": (
            ["nông nghiệp công nghệ cao", "nông nghiệp thông minh", "tưới tiêu", "cảm biến đất"],
            ["smart farming", "precision agriculture", "irrigation", "soil sensor"],
        ),
    },
    "cybersecurity": {
        "pentest": (
            ["kiểm thử xâm nhập", "an toàn thông tin", "đánh giá lỗ hổng"],
            ["penetration testing", "information security", "vulnerability assessment"],
        ),
        "crypto": (
            ["mật mã", "mật mã học", "chữ ký số", "hạ tầng khóa công khai"],
            ["cryptography", "digital signature", "public key infrastructure", "PKI"],
        ),
        "malware": (
            ["mã độc", "phân tích mã độc", "ứng cứu sự cố", "trung tâm điều hành an ninh"],
            ["malware", "malware analysis", "incident response", "security operations centre"],
        ),
    },
    "logistics": {
        "ports": (
            ["cảng biển", "khai thác cảng", "cảng container"],
            ["seaport", "port operations", "container terminal"],
        ),
        "supply-chain": (
            ["chuỗi cung ứng", "quản lý kho", "kho bãi", "logistics lạnh"],
            ["supply chain", "warehouse management", "warehousing", "cold chain"],
        ),
    },
    "construction": {
        "urban": (
            ["quy hoạch đô thị", "đô thị thông minh", "phát triển đô thị"],
            ["urban planning", "smart city", "urban development"],
        ),
        "rail": (
            ["đường sắt tốc độ cao", "đường sắt đô thị", "metro", "hầm"],
            ["high-speed rail", "urban rail", "metro", "tunnelling"],
        ),
    },
    "finance": {
        "fintech": (
            ["công nghệ tài chính", "thanh toán số", "ngân hàng số", "ví điện tử"],
            ["fintech", "digital payments", "digital banking", "e-wallet"],
        ),
        "capital-markets": (
            ["thị trường chứng khoán", "quỹ đầu tư", "trái phiếu", "đầu tư mạo hiểm"],
            ["stock market", "investment fund", "bonds", "venture capital"],
        ),
    },
    "education": {
        "stem": (
            ["giáo dục STEM", "đào tạo kỹ sư", "chương trình đào tạo", "giáo dục đại học"],
            ["STEM education", "engineering education", "curriculum", "higher education"],
        ),
        "edtech": (
            ["học trực tuyến", "công nghệ giáo dục", "đại học số"],
            ["online learning", "edtech", "e-learning"],
        ),
    },
    "environment": {
        "climate": (
            ["biến đổi khí hậu", "thích ứng khí hậu", "giảm phát thải", "tín chỉ carbon"],
            ["climate change", "climate adaptation", "emission reduction", "carbon credits"],
        ),
        "water": (
            ["xử lý nước thải", "nước sạch", "quản lý tài nguyên nước"],
            ["wastewater treatment", "clean water", "water resources management"],
        ),
    },
    "quantum": {
        "quantum-computing": (
            ["máy tính lượng tử", "thuật toán lượng tử", "qubit siêu dẫn"],
            ["quantum computing", "quantum algorithms", "superconducting qubits"],
        ),
        "quantum-comm": (
            ["mật mã lượng tử", "truyền thông lượng tử", "phân phối khóa lượng tử"],
            ["quantum cryptography", "quantum communication", "quantum key distribution"],
        ),
    },
    "aerospace": {
        "satellites": (
            ["vệ tinh", "vệ tinh nhỏ", "viễn thám", "trạm mặt đất"],
            ["satellite", "small satellite", "remote sensing", "ground station"],
        ),
        "uav-flight": (
            ["máy bay không người lái", "điều khiển bay", "drone"],
            ["drone", "UAV", "flight control", "autonomous flight"],
        ),
    },
}

POSITIONS_EN = [
    "Professor", "Associate Professor", "Senior Research Scientist", "Principal Engineer",
    "Staff Engineer", "Research Fellow", "Technical Director", "Lead Consultant",
    "Postdoctoral Researcher", "Head of R&D",
]  # fmt: skip
POSITIONS_VI = [
    "Giáo sư", "Phó giáo sư", "Nghiên cứu viên chính", "Kỹ sư trưởng", "Chuyên gia cao cấp",
    "Trưởng nhóm nghiên cứu", "Giám đốc kỹ thuật", "Tư vấn trưởng", "Nghiên cứu sau tiến sĩ",
]  # fmt: skip
EMPLOYERS = [
    "Intel", "Samsung Electronics", "TSMC", "NVIDIA", "Google", "Siemens", "Bosch", "CNRS",
    "Max-Planck-Gesellschaft", "University of Toronto", "KAIST", "Đại học Tokyo", "CSIRO",
    "Pfizer", "Moderna", "Airbus", "Thales", "Deutsche Bank", "Maersk", "Vestas",
]  # fmt: skip
SUMMARY_EN = [
    "I work on {a} and {b}, with {n} years in industry and academia.",
    "My research covers {a}; I have led projects on {b} and advised public agencies.",
    "Experienced in {a} and {b}. Happy to share what works abroad with teams in Viet Nam.",
]
SUMMARY_VI = [
    "Tôi làm việc trong lĩnh vực {a} và {b}, có {n} năm kinh nghiệm ở nước ngoài.",
    "Nghiên cứu của tôi tập trung vào {a}; đã chủ trì các dự án về {b}.",
    "Có kinh nghiệm về {a} và {b}, mong muốn đóng góp cho các đơn vị trong nước.",
]
WORK_EN = [
    "Advances in {a}: a survey", "A scalable approach to {a} for {b}", "{A} in practice",
    "Towards efficient {a}", "On the design of {a} systems", "Lessons from {a} in Asia",
]  # fmt: skip
WORK_VI = [
    "Nghiên cứu {a} ứng dụng cho {b}", "Tổng quan về {a}", "Giải pháp {a} tại Việt Nam",
    "Một phương pháp mới cho {a}", "Đánh giá hiệu quả {a}",
]  # fmt: skip
NEED_TITLE_EN = [
    "Expert advice on {a}", "Seeking a specialist in {a}", "{A} for our province",
    "Partner for {a} and {b}", "Review of our {a} programme",
]  # fmt: skip
NEED_TITLE_VI = [
    "Tư vấn về {a}", "Tìm chuyên gia {a}", "Phát triển {a} tại tỉnh",
    "Hợp tác nghiên cứu {a} và {b}", "Đánh giá chương trình {a}",
]  # fmt: skip
NEED_BODY_EN = [
    "We are preparing a programme on {a} and need an overseas expert with hands-on "
    "experience in {b} to advise our team.",
    "The university plans a new lab for {a}. We look for someone who has worked on {b}.",
    "Our ministry drafts a strategy for {a}; we need advice on {b} and international practice.",
]
NEED_BODY_VI = [
    "Chúng tôi đang xây dựng chương trình về {a} và cần chuyên gia có kinh nghiệm thực tế "
    "về {b} để tư vấn.",
    "Trường đại học dự kiến thành lập phòng thí nghiệm {a}, cần người đã làm về {b}.",
    "Bộ đang soạn thảo chiến lược phát triển {a}; cần góp ý về {b} và kinh nghiệm quốc tế.",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Ngọc", "Thanh", "Quốc", "Thu", "Hữu", "Bảo"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Khoa", "Lan", "Long", "Mai",
         "Nam", "Phong", "Quân", "Thảo", "Trang", "Tuấn", "Vy"]  # fmt: skip


def subtopics() -> list[tuple[str, str]]:
    return [(f, s) for f, subs in TOPICS.items() for s in subs]


@dataclass
class ExpertSpec:
    key: int
    name: str
    language: str  # the profile's language: "vi" or "en"
    primary: tuple[str, str]  # (field, sub-topic)
    secondary: tuple[str, str] | None
    fields: list[str]  # slugs on the registry profile (may be empty)
    position: str
    employer: str
    keywords: list[str]
    summary: str
    works: list[tuple[str, int]]
    languages: list[str]


@dataclass
class NeedSpec:
    key: int
    language: str
    topic: tuple[str, str]
    title: str
    description: str
    fields: list[str]
    grades: dict[int, int] = field(default_factory=dict)  # expert key -> grade


def _terms(topic: tuple[str, str], language: str) -> list[str]:
    vi, en = TOPICS[topic[0]][topic[1]]
    return list(vi if language == "vi" else en)


def _fill(template: str, a: str, b: str, n: int = 10) -> str:
    return template.format(a=a, b=b, A=a[:1].upper() + a[1:], n=n)


def experts(count: int, seed: int = 7) -> list[ExpertSpec]:
    rng = random.Random(seed)
    topics = subtopics()
    out = []
    for key in range(count):
        language = "vi" if rng.random() < 0.5 else "en"
        primary = topics[key % len(topics)] if key < len(topics) * 2 else rng.choice(topics)
        secondary = None
        if rng.random() < 0.4:
            secondary = rng.choice([t for t in topics if t[0] != primary[0]])
        terms = _terms(primary, language)
        rng.shuffle(terms)
        keywords = terms[: rng.randint(2, 3)]
        if secondary:
            keywords.append(rng.choice(_terms(secondary, language)))
        a, b = terms[0], terms[1 % len(terms)]
        summary_t = SUMMARY_VI if language == "vi" else SUMMARY_EN
        work_t = WORK_VI if language == "vi" else WORK_EN
        works = []
        for _ in range(rng.randint(0, 3)):
            x, y = rng.sample(terms, 2) if len(terms) > 1 else (terms[0], terms[0])
            works.append((_fill(rng.choice(work_t), x, y), rng.randint(2008, 2025)))
        fields = []
        if rng.random() < 0.8:
            fields.append(primary[0])
            if secondary and rng.random() < 0.5:
                fields.append(secondary[0])
        languages = ["vi"] + (["en"] if language == "en" or rng.random() < 0.6 else [])
        out.append(
            ExpertSpec(
                key=key,
                name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                language=language,
                primary=primary,
                secondary=secondary,
                fields=fields,
                position=rng.choice(POSITIONS_VI if language == "vi" else POSITIONS_EN),
                employer=rng.choice(EMPLOYERS),
                keywords=keywords,
                summary=_fill(rng.choice(summary_t), a, b, rng.randint(5, 25)),
                works=works,
                languages=languages,
            )
        )
    return out


def grade(expert: ExpertSpec, topic: tuple[str, str]) -> int:
    if expert.primary == topic:
        return 3
    if expert.secondary == topic:
        return 2
    if expert.primary[0] == topic[0]:
        return 1
    return 0


def needs(count: int, expert_specs: list[ExpertSpec], seed: int = 11) -> list[NeedSpec]:
    rng = random.Random(seed)
    topics = subtopics()
    out = []
    for key in range(count):
        language = "vi" if key % 2 == 0 else "en"
        topic = topics[(key // 2) % len(topics)]
        terms = _terms(topic, language)
        rng.shuffle(terms)
        a, b = terms[0], terms[1 % len(terms)]
        title_t = NEED_TITLE_VI if language == "vi" else NEED_TITLE_EN
        body_t = NEED_BODY_VI if language == "vi" else NEED_BODY_EN
        spec = NeedSpec(
            key=key,
            language=language,
            topic=topic,
            title=_fill(rng.choice(title_t), a, b),
            description=_fill(rng.choice(body_t), a, b),
            fields=[topic[0]] if rng.random() < 0.5 else [],
        )
        spec.grades = {e.key: g for e in expert_specs if (g := grade(e, topic))}
        out.append(spec)
    return out
