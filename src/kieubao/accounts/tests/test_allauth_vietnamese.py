"""django-allauth's pages speak Vietnamese.

allauth ships no Vietnamese catalogue; ours is ``locale_allauth/vi/LC_MESSAGES/django.po`` (on
LOCALE_PATHS after our own catalogue). It keeps allauth's msgids exactly, so the first tests read it
like ``core/tests/test_translations.py`` does (same small PO reader) and compare it with allauth's
own template; the rest compile it if needed and render the real pages in both languages.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from pathlib import Path

import allauth
import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from kieubao.community.tests.factories import PASSWORD, make_user
from kieubao.core.tests.test_translations import Entry, parse_po

PACKAGE_DIR = Path(__file__).resolve().parents[2]
VI_PO = PACKAGE_DIR / "locale_allauth" / "vi" / "LC_MESSAGES" / "django.po"
# allauth's catalogues all share one set of msgids; its "en" one is the untranslated template.
ALLAUTH_TEMPLATE_PO = Path(allauth.__file__).resolve().parent / "locale/en/LC_MESSAGES/django.po"


def _key(entry: Entry) -> tuple[str | None, str, str | None]:
    return entry.msgctxt, entry.msgid, entry.msgid_plural


@pytest.fixture(scope="module")
def vi_entries() -> list[Entry]:
    return parse_po(VI_PO)


@pytest.fixture(scope="module")
def vi_messages(vi_entries) -> list[Entry]:
    return [e for e in vi_entries if not e.is_header]


# --- the catalogue ------------------------------------------------------------------------------


def test_header_declares_vietnamese_utf8_and_one_plural_form(vi_entries):
    header = next(e for e in vi_entries if e.is_header)
    fields = dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in header.msgstr[0].splitlines())
    )
    assert fields.get("Language") == "vi"
    assert "charset=UTF-8" in fields.get("Content-Type", "")
    assert fields.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"
    assert "fuzzy" not in header.flags


def test_catalogue_has_every_message_of_the_installed_allauth(vi_messages):
    ours = {_key(e) for e in vi_messages}
    theirs = [e for e in parse_po(ALLAUTH_TEMPLATE_PO) if not e.is_header]
    assert len(theirs) > 300
    missing = [str(e) for e in theirs if _key(e) not in ours]
    assert not missing, (
        f"allauth's messages missing from {VI_PO.relative_to(PACKAGE_DIR)} (after an allauth "
        "upgrade: merge its locale/en/LC_MESSAGES/django.po with msgmerge, then translate):\n"
        + "\n".join(missing)
    )


def test_every_message_is_translated(vi_messages):
    untranslated = [str(e) for e in vi_messages if not all(s.strip() for s in e.msgstr.values())]
    assert not untranslated, "Untranslated:\n" + "\n".join(untranslated)


def test_no_message_is_fuzzy(vi_messages):
    fuzzy = [str(e) for e in vi_messages if "fuzzy" in e.flags]
    assert not fuzzy, "Fuzzy (check, then remove the flag):\n" + "\n".join(fuzzy)


def test_plural_messages_have_exactly_one_form(vi_messages):
    plural = [e for e in vi_messages if e.msgid_plural is not None]
    assert plural
    wrong = [str(e) for e in plural if set(e.msgstr) != {0}]
    assert not wrong, "Vietnamese has one plural form, msgstr[0] only:\n" + "\n".join(wrong)


# %(name)s, %s / %d, {name} / {}, {{ name }}, and HTML tags with their attributes.
_PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[sd]|%%|\{\{\s*[\w.|:]+\s*\}\}|\{\w*\}|</?\w[^>]*>"
)


def placeholders(text: str) -> Counter[str]:
    return Counter(re.sub(r"\s+", "", p) for p in _PLACEHOLDER.findall(text))


def test_translations_keep_every_placeholder_and_tag(vi_messages):
    problems = []
    for entry in vi_messages:
        expected = placeholders(entry.msgid)
        for index, text in entry.msgstr.items():
            if (found := placeholders(text)) != expected:
                problems.append(
                    f"{entry} msgstr[{index}]: lacks {sorted((expected - found).elements())}, "
                    f"has extra {sorted((found - expected).elements())}"
                )
    assert not problems, "\n".join(problems)


def test_positional_placeholders_keep_their_order(vi_messages):
    # "%s ... %s" and "{}" are filled in order: their sequence must not change.
    positional = re.compile(r"%[sd]|\{\}")
    wrong = [
        str(e)
        for e in vi_messages
        for text in e.msgstr.values()
        if positional.findall(text) != positional.findall(e.msgid)
    ]
    assert not wrong, "\n".join(wrong)


def test_python_format_translations_have_no_stray_percent(vi_messages):
    directives = re.compile(r"%%|%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[sd]")
    broken = [
        str(e)
        for e in vi_messages
        if "python-format" in e.flags
        and any("%" in directives.sub("", text) for text in e.msgstr.values())
    ]
    assert not broken, "Stray % in python-format translations:\n" + "\n".join(broken)


# --- Django uses the compiled catalogue ---------------------------------------------------------


def _reset_translation_caches() -> None:
    # Catalogues loaded before compiling are cached per process; start afresh.
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
    for name in ("check_for_language", "_check_for_language", "get_supported_language_variant"):
        cache_clear = getattr(getattr(trans_real, name, None), "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


@pytest.fixture(scope="module")
def compiled() -> None:
    """The .mo is build output (git-ignored): compile it when missing or older than the .po."""
    mo = VI_PO.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= VI_PO.stat().st_mtime:
        return
    cwd = Path.cwd()
    try:
        # compilemessages walks the working directory (and LOCALE_PATHS): keep it to the package.
        os.chdir(PACKAGE_DIR)
        call_command("compilemessages", locale=["vi"], verbosity=0)
    finally:
        os.chdir(cwd)
    assert mo.exists()
    _reset_translation_caches()


def test_django_translates_allauth_messages(compiled):
    with translation.override("vi"):
        assert translation.gettext("Sign In") == "Đăng nhập"
        assert translation.gettext("Forgot your password?") == "Quên mật khẩu?"
        assert translation.pgettext("field label", "Login") == "Tên đăng nhập"
        assert translation.gettext("Recovery codes") == "Mã khôi phục"
        assert (
            translation.ngettext(
                "You have added %(count)s security key.",
                "You have added %(count)s security keys.",
                3,
            )
            % {"count": 3}
            == "Bạn đã thêm 3 khóa bảo mật."
        )
    with translation.override("en"):
        assert translation.gettext("Sign In") == "Sign In"


# --- the real pages -----------------------------------------------------------------------------

_HIDDEN = re.compile(r"(?is)<(script|style|template)\b.*?</\1\s*>")
_LABEL_ATTRIBUTE = re.compile(r'(?i)\b(?:placeholder|title|aria-label|alt)="([^"]*)"')


def visible_text(response) -> str:
    """What a reader sees (or hears): text between tags, plus labelling attributes."""
    page = _HIDDEN.sub(" ", response.content.decode())
    labels = " ".join(_LABEL_ATTRIBUTE.findall(page))
    text = html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + labels)
    return " ".join(text.split())


def contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _client(language: str) -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE=language)


def _signed_in(language: str, *, reauthenticated: bool = False, user=None) -> Client:
    client = _client(language)
    client.force_login(user or make_user())
    if reauthenticated:
        # force_login records no recent authentication; sensitive pages would ask for it.
        response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302
    return client


# url -> (English texts, their Vietnamese), as allauth renders them.
ANONYMOUS_PAGES = {
    "/accounts/login/": (
        ["Sign In", "Password", "Forgot your password?", "Remember Me", "Sign in with a passkey"],
        [
            "Đăng nhập",
            "Mật khẩu",
            "Quên mật khẩu?",
            "Ghi nhớ đăng nhập",
            "Đăng nhập bằng khóa truy cập",
        ],
    ),
    "/accounts/signup/": (
        ["Sign Up", "Password (again)", "Already have an account?"],
        ["Đăng ký", "Mật khẩu", "Nhập lại mật khẩu", "Bạn đã có tài khoản?"],
    ),
    "/accounts/password/reset/": (
        ["Password Reset", "Reset My Password", "Forgotten your password?"],
        ["Đặt lại mật khẩu", "Bạn quên mật khẩu?"],
    ),
    "/accounts/password/reset/done/": (
        ["Password Reset", "We have sent you an email."],
        ["Đặt lại mật khẩu", "Chúng tôi đã gửi email cho bạn."],
    ),
    "/accounts/confirm-email/": (
        ["Verify Your Email Address"],
        ["Xác minh địa chỉ email của bạn"],
    ),
}

SIGNED_IN_PAGES = {
    "/accounts/2fa/": (
        ["Two-Factor Authentication", "Authenticator App", "Security Keys", "Recovery Codes"],
        ["Xác thực hai yếu tố", "Ứng dụng xác thực", "Khóa bảo mật", "Mã khôi phục"],
    ),
    "/accounts/reauthenticate/": (
        ["Confirm Access", "Please reauthenticate to safeguard your account."],
        ["Xác thực lại", "Vui lòng xác thực lại để bảo vệ tài khoản của bạn."],
    ),
    "/accounts/email/": (
        ["Email Addresses", "Verified", "Primary", "Add Email"],
        ["Địa chỉ email", "Đã xác minh", "Chính", "Thêm email"],
    ),
    "/accounts/password/change/": (
        ["Change Password", "Current Password", "New Password"],
        ["Đổi mật khẩu", "Mật khẩu hiện tại", "Mật khẩu mới", "Nhập lại mật khẩu mới"],
    ),
    "/accounts/logout/": (
        ["Sign Out", "Are you sure you want to sign out?"],
        ["Đăng xuất", "Bạn có chắc chắn muốn đăng xuất không?"],
    ),
}

REAUTHENTICATED_PAGES = {
    "/accounts/2fa/totp/activate/": (
        ["Activate Authenticator App", "Authenticator code"],
        ["Bật ứng dụng xác thực", "Mã xác thực"],
    ),
    "/accounts/2fa/webauthn/add/": (
        ["Add Security Key", "Passwordless"],
        ["Thêm khóa bảo mật", "Không cần mật khẩu"],
    ),
    "/accounts/2fa/recovery-codes/generate/": (
        ["Recovery Codes", "Are you sure?"],
        ["Mã khôi phục", "Bạn có chắc chắn không?"],
    ),
}


def _get(url: str, language: str):
    if url in ANONYMOUS_PAGES:
        client = _client(language)
    else:
        client = _signed_in(language, reauthenticated=url in REAUTHENTICATED_PAGES)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    return visible_text(response)


ALL_PAGES = {**ANONYMOUS_PAGES, **SIGNED_IN_PAGES, **REAUTHENTICATED_PAGES}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ALL_PAGES)
def test_page_in_english(compiled, url):
    english, vietnamese = ALL_PAGES[url]
    text = _get(url, "en")
    assert [p for p in english if not contains(text, p)] == [], text
    assert [p for p in vietnamese if contains(text, p)] == [], text


@pytest.mark.django_db
@pytest.mark.parametrize("url", ALL_PAGES)
def test_page_in_vietnamese(compiled, url):
    english, vietnamese = ALL_PAGES[url]
    text = _get(url, "vi")
    assert [p for p in vietnamese if not contains(text, p)] == [], text
    assert [p for p in english if contains(text, p)] == [], text


def _english_phrases() -> list[str]:
    """allauth's texts that read differently in Vietnamese, complete phrases only."""
    return sorted(
        {
            e.msgid
            for e in parse_po(VI_PO)
            if not e.is_header
            and e.msgid[:1].isupper()
            and "\n" not in e.msgid
            and not placeholders(e.msgid)
            and e.msgstr.get(0) != e.msgid
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ALL_PAGES)
def test_no_english_allauth_text_is_left_on_the_vietnamese_page(compiled, url):
    text = _get(url, "vi")
    left = [phrase for phrase in _english_phrases() if contains(text, phrase)]
    assert not left, f"English on {url}: {left}\n{text}"


@pytest.mark.django_db
def test_mfa_overview_with_an_active_authenticator_app(compiled):
    user = make_user()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = _signed_in("vi", user=user)
    text = visible_text(client.get("/accounts/2fa/"))
    assert contains(text, "Xác thực bằng ứng dụng xác thực đang được bật.")
    assert contains(text, "Tắt")
    assert not contains(text, "Deactivate")


@pytest.mark.django_db
def test_wrong_password_is_reported_in_vietnamese(compiled):
    make_user("an@example.org")
    response = _client("vi").post(
        "/accounts/login/", {"login": "an@example.org", "password": "not-the-password"}
    )
    assert response.status_code == 200
    text = visible_text(response)
    assert contains(text, "Địa chỉ email và/hoặc mật khẩu bạn nhập không đúng.")
    assert not contains(text, "The email address and/or password you specified are not correct.")


@pytest.mark.django_db
def test_password_reset_email_is_in_vietnamese(compiled, mailoutbox):
    make_user("binh@example.org")
    response = _client("vi").post("/accounts/password/reset/", {"email": "binh@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert "Email đặt lại mật khẩu" in message.subject
    assert "Bạn nhận được email này vì bạn hoặc một người khác đã yêu cầu đặt lại mật khẩu" in (
        message.body
    )
    assert "Cảm ơn bạn đã sử dụng" in message.body
    assert "Password Reset" not in message.subject
    assert "You're receiving this email" not in message.body
