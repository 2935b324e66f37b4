"""Uploaded files: checked by their content (not their name or the browser's claim), limited in
size, stored outside the web root under random names, and served only through a view with
headers that stop a browser from running or sniffing them."""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

# kind -> (content type, file extension)
KINDS = {
    "pdf": ("application/pdf", "pdf"),
    "png": ("image/png", "png"),
    "jpeg": ("image/jpeg", "jpg"),
    "webp": ("image/webp", "webp"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv", "csv"),
}
IMAGES = frozenset({"png", "jpeg", "webp"})
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024  # zip-bomb guard
MAX_XLSX_RATIO = 100


def detect_kind(head: bytes, file=None) -> str | None:
    """The kind of a file from its first bytes (and, for a zip, its table of contents)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04") and file is not None and _is_xlsx(file):
        return "xlsx"
    if head and b"\x00" not in head:
        for encoding in ("utf-8-sig", "utf-16", "cp1258"):
            try:
                head.decode(encoding)
            except UnicodeDecodeError:
                continue
            return "csv"
    return None


def _is_xlsx(file) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
    except zipfile.BadZipFile:
        return False
    finally:
        file.seek(0)
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_XLSX_RATIO:
        raise ValidationError(_("This file is too large once decompressed."))
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


@dataclass(frozen=True)
class StoredUpload:
    kind: str
    name: str  # random file name under UPLOAD_DIR/<area>/
    area: str
    size: int
    original_name: str

    @property
    def path(self) -> Path:
        return Path(settings.UPLOAD_DIR) / self.area / self.name


def validate_upload(
    file: UploadedFile, *, allowed: set[str] | frozenset[str], max_bytes: int | None = None
) -> str:
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if file.size is None or file.size > max_bytes:
        raise ValidationError(
            _("The file is too large (at most %(size)s MB).")
            % {"size": f"{max_bytes / 1024 / 1024:g}"}
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."))
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    kind = detect_kind(head, file)
    if kind not in allowed:
        names = ", ".join(sorted(k.upper() for k in allowed))
        raise ValidationError(
            _("This file is not of an accepted type (%(types)s).") % {"types": names}
        )
    return kind


def store_upload(
    file: UploadedFile, *, area: str, allowed: set[str] | frozenset[str], max_bytes=None
) -> StoredUpload:
    kind = validate_upload(file, allowed=allowed, max_bytes=max_bytes)
    name = f"{secrets.token_urlsafe(18)}.{KINDS[kind][1]}"
    directory = Path(settings.UPLOAD_DIR) / area
    directory.mkdir(parents=True, exist_ok=True, mode=0o750)
    with open(directory / name, "xb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    return StoredUpload(kind, name, area, file.size, Path(file.name or "").name[:200])


def serve_upload(stored: StoredUpload, *, inline: bool = False) -> FileResponse:
    """Serve a stored upload safely: declared type from our detection, nosniff, a sandboxing
    CSP, and (except images shown inline) as an attachment."""
    path = stored.path.resolve()
    root = Path(settings.UPLOAD_DIR).resolve()
    if root not in path.parents or not path.is_file():
        raise Http404
    content_type = KINDS[stored.kind][0]
    response = FileResponse(
        open(path, "rb"),
        content_type=content_type,
        as_attachment=not (inline and stored.kind in IMAGES),
        filename=stored.original_name or stored.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
