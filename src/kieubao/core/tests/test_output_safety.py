import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kieubao.core.richtext import sanitize_html
from kieubao.core.uploads import detect_kind, serve_upload, store_upload, validate_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"x" * 64


def _xlsx(extra_bytes: int = 0, ratio_bomb: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        if ratio_bomb:
            archive.writestr("xl/worksheets/sheet1.xml", "0" * 5_000_000)
    return buffer.getvalue()


def test_script_and_event_handlers_are_removed_from_rich_text():
    dirty = (
        '<p onclick="steal()">Đề xuất <strong>quan trọng</strong>'
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)">x</a> <a href="https://mofa.gov.vn">MOFA</a></p>'
    )
    clean = sanitize_html(dirty)
    assert "<script" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "javascript:" not in clean and "<img" not in clean
    assert "<strong>quan trọng</strong>" in clean
    assert 'href="https://mofa.gov.vn"' in clean and "nofollow" in clean


@pytest.mark.parametrize(
    ("content", "kind"),
    [(PNG, "png"), (PDF, "pdf"), (b"\xff\xd8\xff\xe0" + b"0" * 20, "jpeg"),
     (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"), ("Họ và tên,Năm sinh\n".encode(), "csv")],
)  # fmt: skip
def test_files_are_recognised_by_content(content, kind):
    assert detect_kind(content) == kind


def test_a_script_renamed_to_pdf_is_refused():
    upload = SimpleUploadedFile("report.pdf", b"<html><script>x</script>", "application/pdf")
    with pytest.raises(ValidationError, match="not of an accepted type"):
        validate_upload(upload, allowed={"pdf"})


def test_oversized_and_empty_files_are_refused():
    with pytest.raises(ValidationError, match="too large"):
        validate_upload(SimpleUploadedFile("a.pdf", PDF * 100), allowed={"pdf"}, max_bytes=1000)
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(SimpleUploadedFile("a.pdf", b""), allowed={"pdf"})


def test_xlsx_is_recognised_and_zip_bombs_refused():
    assert validate_upload(SimpleUploadedFile("s.xlsx", _xlsx()), allowed={"xlsx"}) == "xlsx"
    with pytest.raises(ValidationError, match="too large once decompressed"):
        validate_upload(SimpleUploadedFile("s.xlsx", _xlsx(ratio_bomb=True)), allowed={"xlsx"})


@pytest.mark.django_db
def test_uploads_are_stored_outside_the_web_root_and_served_safely(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    stored = store_upload(
        SimpleUploadedFile("../../etc/ảnh.png", PNG), area="photos", allowed={"png"}
    )
    assert stored.path.parent == tmp_path / "uploads" / "photos"
    assert stored.original_name == "ảnh.png" and ".." not in stored.name
    assert str(settings.STATIC_ROOT) not in str(stored.path)
    response = serve_upload(stored, inline=True)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PNG
    pdf = store_upload(SimpleUploadedFile("a.pdf", PDF), area="docs", allowed={"pdf"})
    assert serve_upload(pdf, inline=True)["Content-Disposition"].startswith("attachment")


def test_only_upload_views_accept_bodies_beyond_the_plain_limit(settings, rf):
    from django.http import HttpResponse

    from kieubao.core.middleware import RequestSizeLimitMiddleware, accepts_uploads

    settings.MAX_REQUEST_BODY_BYTES = 1000
    settings.MAX_UPLOAD_REQUEST_BYTES = 100_000

    def form_view(request):
        return HttpResponse("ok")

    upload_view = accepts_uploads(lambda request: HttpResponse("ok"))
    middleware = RequestSizeLimitMiddleware(lambda request: HttpResponse("ok"))
    request = rf.post("/x", {"f": SimpleUploadedFile("a.pdf", PDF * 100)})
    assert 1000 < int(request.META["CONTENT_LENGTH"]) < 100_000
    assert middleware.process_view(request, form_view, (), {}).status_code == 413
    assert middleware.process_view(request, upload_view, (), {}) is None
    settings.MAX_UPLOAD_REQUEST_BYTES = 2000
    assert middleware(request).status_code == 413  # nothing accepts that much
