"""The seed of the bilingual taxonomy of fields of expertise (slug, Vietnamese, English).

Loaded by a data migration; later edits happen in the admin. Order is the display order."""

SEED_FIELDS: list[tuple[str, str, str]] = [
    ("ai", "Trí tuệ nhân tạo", "Artificial intelligence"),
    ("semiconductors", "Bán dẫn", "Semiconductors"),
    ("nuclear-energy", "Năng lượng hạt nhân", "Nuclear energy"),
    ("quantum", "Công nghệ lượng tử", "Quantum technology"),
    ("biotechnology", "Công nghệ sinh học", "Biotechnology"),
    ("robotics", "Robot", "Robotics"),
    ("aerospace", "Hàng không vũ trụ", "Aerospace"),
    ("uav", "Thiết bị bay không người lái", "UAVs"),
    ("digital-transformation", "Chuyển đổi số", "Digital transformation"),
    ("green-energy", "Năng lượng xanh", "Green energy"),
    ("finance", "Tài chính", "Finance"),
    ("education", "Giáo dục", "Education"),
    ("health", "Y tế", "Health"),
    ("agriculture", "Nông nghiệp", "Agriculture"),
    ("trade", "Thương mại", "Trade"),
    ("logistics", "Logistics", "Logistics"),
    ("law", "Luật", "Law"),
    ("new-materials", "Vật liệu mới", "New materials"),
    ("cybersecurity", "An ninh mạng", "Cybersecurity"),
    ("data-science", "Khoa học dữ liệu", "Data science"),
    ("environment", "Môi trường", "Environment"),
    ("culture", "Văn hóa", "Culture"),
    ("tourism", "Du lịch", "Tourism"),
    ("construction", "Xây dựng", "Construction"),
]
