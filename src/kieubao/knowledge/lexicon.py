"""A small bilingual lexicon of domain terms, for matching needs and experts across Vietnamese
and English.

Each concept lists the ways it is written in Vietnamese and in English; a need or profile that
uses one of them is matched against all of them (query expansion). Concepts belong to a field
of the taxonomy (community.taxonomy), which lets a need with text only still find experts by
field. The taxonomy's own names (both languages) are added at run time from the database, so
fields an admin adds later take part too; this list adds the sub-topics and synonyms that the
taxonomy does not name.

Terms are compared after ``terms.analyse`` (fold, then English plural endings dropped), so
tones, case and "semiconductor"/"semiconductors" do not matter here.
"""

from __future__ import annotations

# field slug -> concepts; a concept is a tuple of equivalent terms (Vietnamese and English).
CONCEPTS: dict[str, list[tuple[str, ...]]] = {
    "ai": [
        ("trí tuệ nhân tạo", "artificial intelligence", "AI"),
        ("học máy", "machine learning"),
        ("học sâu", "deep learning", "mạng nơ-ron", "neural network"),
        ("xử lý ngôn ngữ tự nhiên", "natural language processing", "NLP"),
        ("thị giác máy tính", "computer vision", "xử lý ảnh", "image processing"),
        ("mô hình ngôn ngữ lớn", "large language model", "LLM"),
        ("nhận dạng tiếng nói", "speech recognition", "nhận dạng giọng nói"),
        ("học tăng cường", "reinforcement learning"),
    ],
    "semiconductors": [
        ("bán dẫn", "semiconductor"),
        ("vi mạch", "integrated circuit", "mạch tích hợp", "IC", "chip"),
        ("thiết kế vi mạch", "thiết kế chip", "chip design", "IC design", "VLSI"),
        ("đóng gói chip", "đóng gói bán dẫn", "chip packaging", "advanced packaging"),
        ("kiểm thử vi mạch", "kiểm thử chip", "chip testing", "IC testing"),
        ("chế tạo bán dẫn", "semiconductor fabrication", "wafer fabrication", "fab"),
        ("quang khắc", "lithography", "photolithography"),
        ("mạch tương tự", "analog circuit", "analog design"),
    ],
    "nuclear-energy": [
        ("năng lượng hạt nhân", "nuclear energy", "nuclear power", "điện hạt nhân"),
        ("lò phản ứng", "nuclear reactor", "reactor"),
        ("an toàn bức xạ", "radiation safety", "an toàn hạt nhân", "nuclear safety"),
        ("nhiên liệu hạt nhân", "nuclear fuel"),
    ],
    "quantum": [
        ("công nghệ lượng tử", "quantum technology"),
        ("máy tính lượng tử", "quantum computing", "quantum computer", "điện toán lượng tử"),
        ("mật mã lượng tử", "quantum cryptography", "quantum key distribution"),
        ("cảm biến lượng tử", "quantum sensing", "quantum sensor"),
    ],
    "biotechnology": [
        ("công nghệ sinh học", "biotechnology", "biotech"),
        ("di truyền", "genetics", "genomics", "hệ gen", "giải trình tự gen", "gene sequencing"),
        ("vắc xin", "vaccine"),
        ("chỉnh sửa gen", "gene editing", "CRISPR"),
        ("vi sinh", "microbiology", "vi sinh vật", "microorganism"),
        ("tế bào gốc", "stem cell"),
    ],
    "robotics": [
        ("robot", "robotics", "người máy"),
        ("tự động hóa", "automation", "industrial automation", "tự động hóa công nghiệp"),
        ("điều khiển", "control system", "hệ thống điều khiển", "control engineering"),
        ("cơ điện tử", "mechatronics"),
    ],
    "aerospace": [
        ("hàng không vũ trụ", "aerospace"),
        ("vệ tinh", "satellite"),
        ("hàng không", "aviation", "aeronautics"),
        ("tên lửa", "rocket", "propulsion", "động cơ đẩy"),
    ],
    "uav": [
        ("thiết bị bay không người lái", "UAV", "drone", "máy bay không người lái"),
        ("điều khiển bay", "flight control"),
    ],
    "digital-transformation": [
        ("chuyển đổi số", "digital transformation"),
        ("chính phủ số", "chính phủ điện tử", "e-government", "digital government"),
        ("điện toán đám mây", "cloud computing", "cloud"),
        ("phần mềm", "software", "software engineering", "kỹ thuật phần mềm"),
        ("dịch vụ công trực tuyến", "online public services"),
    ],
    "green-energy": [
        ("năng lượng xanh", "green energy", "năng lượng tái tạo", "renewable energy"),
        ("điện mặt trời", "solar power", "solar energy", "quang điện", "photovoltaic"),
        ("điện gió", "wind power", "wind energy", "gió ngoài khơi", "offshore wind"),
        ("hydro xanh", "green hydrogen", "hydrogen"),
        ("pin", "battery", "lưu trữ năng lượng", "energy storage"),
        ("lưới điện", "power grid", "smart grid", "lưới điện thông minh"),
    ],
    "finance": [
        ("tài chính", "finance"),
        ("ngân hàng", "banking", "bank"),
        ("đầu tư", "investment", "quỹ đầu tư", "venture capital"),
        ("thị trường chứng khoán", "stock market", "chứng khoán", "securities"),
        ("công nghệ tài chính", "fintech", "financial technology"),
    ],
    "education": [
        ("giáo dục", "education"),
        ("đào tạo", "training"),
        ("đại học", "university", "higher education", "giáo dục đại học"),
        ("chương trình đào tạo", "curriculum"),
        ("giáo dục STEM", "STEM education", "STEM"),
    ],
    "health": [
        ("y tế", "health", "healthcare", "chăm sóc sức khỏe"),
        ("y học", "medicine", "medical"),
        ("bệnh viện", "hospital"),
        ("ung thư", "cancer", "oncology", "ung bướu"),
        ("tim mạch", "cardiology", "cardiovascular"),
        ("dược", "pharmacy", "pharmaceutical", "dược phẩm"),
        ("y tế công cộng", "public health", "dịch tễ", "epidemiology"),
    ],
    "agriculture": [
        ("nông nghiệp", "agriculture", "farming"),
        ("lúa gạo", "rice", "cây lúa"),
        ("thủy sản", "aquaculture", "fisheries", "nuôi trồng thủy sản"),
        ("nông nghiệp công nghệ cao", "smart farming", "precision agriculture"),
        ("giống cây trồng", "plant breeding", "crop breeding"),
        ("tưới tiêu", "irrigation"),
    ],
    "trade": [
        ("thương mại", "trade", "commerce"),
        ("xuất khẩu", "export"),
        ("nhập khẩu", "import"),
        ("thương mại điện tử", "e-commerce"),
        ("chuỗi cung ứng", "supply chain"),
    ],
    "logistics": [
        ("logistics", "hậu cần"),
        ("cảng biển", "seaport", "port", "cảng"),
        ("vận tải", "transport", "shipping", "freight"),
        ("kho bãi", "warehousing", "warehouse"),
    ],
    "law": [
        ("luật", "law", "pháp luật", "legal"),
        ("sở hữu trí tuệ", "intellectual property", "IP law"),
        ("luật thương mại quốc tế", "international trade law"),
        ("hợp đồng", "contract"),
        ("trọng tài", "arbitration"),
    ],
    "new-materials": [
        ("vật liệu mới", "new materials", "advanced materials", "vật liệu tiên tiến"),
        ("vật liệu nano", "nanomaterial", "nanotechnology", "công nghệ nano"),
        ("graphene",),
        ("vật liệu composite", "composite material", "composite"),
        ("polyme", "polymer"),
    ],
    "cybersecurity": [
        ("an ninh mạng", "cybersecurity", "an toàn thông tin", "information security"),
        ("mật mã", "cryptography"),
        ("kiểm thử xâm nhập", "penetration testing"),
        ("bảo mật", "security"),
        ("mã độc", "malware"),
    ],
    "data-science": [
        ("khoa học dữ liệu", "data science"),
        ("dữ liệu lớn", "big data"),
        ("phân tích dữ liệu", "data analytics", "data analysis"),
        ("thống kê", "statistics"),
        ("cơ sở dữ liệu", "database"),
    ],
    "environment": [
        ("môi trường", "environment", "environmental"),
        ("biến đổi khí hậu", "climate change", "khí hậu", "climate"),
        ("xử lý nước thải", "wastewater treatment", "nước thải", "wastewater"),
        ("ô nhiễm không khí", "air pollution", "ô nhiễm", "pollution"),
        ("chất thải rắn", "solid waste", "rác thải", "waste management"),
    ],
    "culture": [
        ("văn hóa", "culture", "cultural"),
        ("di sản", "heritage", "cultural heritage", "di sản văn hóa"),
        ("tiếng Việt", "Vietnamese language"),
        ("bảo tàng", "museum"),
    ],
    "tourism": [
        ("du lịch", "tourism", "travel"),
        ("khách sạn", "hotel", "hospitality"),
        ("du lịch sinh thái", "ecotourism"),
    ],
    "construction": [
        ("xây dựng", "construction", "civil engineering", "kỹ thuật xây dựng"),
        ("quy hoạch đô thị", "urban planning", "quy hoạch", "planning"),
        ("kiến trúc", "architecture"),
        ("cầu đường", "bridge engineering", "giao thông", "transport infrastructure"),
        ("đường sắt tốc độ cao", "high-speed rail", "đường sắt", "railway"),
    ],
}

# Words that say nothing about expertise: left out of queries (analysed form).
STOPWORDS = frozenset(
    """
    a an and are as at be by for from has have in is it of on or that the this to with we our
    need needs looking seek seeking expert experts advice help support project projects
    about who can will would should into also their they its using use new
    can cac cua cho va voi la mot nhung nay do trong tai tu den de duoc co khong ve nhu
    chuyen gia tim kiem muon nhan hop tac du an cua chung toi ho tro tu van linh vuc
    hoac theo tren duoi sau truoc khi neu thi ma boi vi cung da dang se nen rat
    """.split()
)
