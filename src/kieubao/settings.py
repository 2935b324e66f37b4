"""kieubao settings: one module, every deployment difference comes from the environment.

Variables (all optional in development):
    DEBUG                 "1" for development conveniences (default "0").
    SECRET_KEY            required when DEBUG is off.
    ALLOWED_HOSTS         comma-separated host names.
    DATABASE_URL          e.g. postgres://user:pw@host/db; default: SQLite in var/.
    KIEUBAO_VAR_DIR       where the SQLite file, search index and uploads live (default ./var).
    SEARCH_INDEX_DIR      the directory search index (default $KIEUBAO_VAR_DIR/search-index).
    EXPERT_INDEX_DIR      the experts index (default $KIEUBAO_VAR_DIR/expert-index).
    PRODUCT_INDEX_DIR     the trade catalogue's products (default $KIEUBAO_VAR_DIR/product-index).
    COMPANY_INDEX_DIR     the trade catalogue's companies (default $KIEUBAO_VAR_DIR/company-index).
    EMAIL_URL-like knobs  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
                          EMAIL_USE_TLS, DEFAULT_FROM_EMAIL; without EMAIL_HOST mail goes to
                          the console.
    SITE_URL              the public address, for links in emails (default http://127.0.0.1:8000).
    SECURE_SSL_REDIRECT   "0" to turn off the HTTPS redirect in production (behind a proxy that
                          already redirects).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("KIEUBAO_VAR_DIR", PROJECT_DIR / "var")).resolve()

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("KIEUBAO_TESTING", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-not-for-production"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "kieubao.core",
    "kieubao.accounts",
    "kieubao.community",
    "kieubao.insights",
    "kieubao.knowledge",
    "kieubao.trade",
    "kieubao.proposals",
    "kieubao.events",
    "kieubao.investment",
    "kieubao.campaigns",
    "kieubao.activities",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "kieubao.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kieubao.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kieubao.core.audit.AuditContextMiddleware",
    "kieubao.core.ratelimit.ApiRateLimitMiddleware",
    "kieubao.core.middleware.ApiRepeatedParameterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kieubao.accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "kieubao.urls"
WSGI_APPLICATION = "kieubao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kieubao.core.context_processors.platform",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------------
# SQLite by default (embedded, zero set-up), PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kieubao.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run while one writer writes; IMMEDIATE avoids the "database is locked"
        # upgrade deadlock of deferred transactions; busy_timeout waits instead of failing.
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=5000;PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else DATABASES["default"]["CONN_MAX_AGE"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the test suite hashes hundreds of passwords. Production and
    # `make run` keep Argon2 (asserted by a test on the production list below).
    PRODUCTION_PASSWORD_HASHERS = PASSWORD_HASHERS
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:my-profile"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[kieubao] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/5m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "kieubao"
MFA_FORMS = {"add_webauthn": "kieubao.accounts.forms.KieubaoAddWebAuthnForm"}
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or TESTING

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Our catalogue first; then Vietnamese for django-allauth's pages, which ships none (kept by
# hand: `makemessages` must not touch it).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_allauth"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Off: ids and page numbers in templates must never print as "1.234"; counts shown to people
# use |intcomma, which groups per language regardless.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["kieubao.formats"]
LANGUAGE_COOKIE_NAME = "kieubao_language"
LANGUAGE_COOKIE_SECURE = not DEBUG and not TESTING
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
COUNTRIES_FIRST = ["US", "JP", "KR", "TW", "AU", "CA", "FR", "DE", "GB", "RU", "CZ"]

# --- Static files ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
NODE_MODULES = Path(os.environ.get("NODE_MODULES_DIR", PROJECT_DIR / "node_modules"))
# Front-end assets come from npm (pinned in package-lock.json) and are served from here, never
# from a CDN: the platform must work air-gapped.
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
MEDIA_ROOT = VAR_DIR / "media"

# --- Limits -------------------------------------------------------------------------------------
# Bodies above this are refused with 413 before they are read.
MAX_REQUEST_BODY_BYTES = int(os.environ.get("MAX_REQUEST_BODY_BYTES", str(1024 * 1024)))
# Multipart uploads may be larger (up to UPLOAD_MAX_BYTES plus form fields); everything else is
# held to MAX_REQUEST_BODY_BYTES.
MAX_UPLOAD_REQUEST_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024))) + 65536
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

# Requests per window to /api/, per token / signed-in user / client address.
API_RATE_LIMITS = {
    "token": os.environ.get("API_RATE_LIMIT_TOKEN", "600/m"),
    "user": os.environ.get("API_RATE_LIMIT_USER", "300/m"),
    "anonymous": os.environ.get("API_RATE_LIMIT_ANONYMOUS", "120/m"),
}

# --- Search -------------------------------------------------------------------------------------
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search-index"))
# Experts of the knowledge network (kieubao.knowledge.expert_index); rebuilt by
# `kieubao knowledge reindex`.
EXPERT_INDEX_DIR = Path(os.environ.get("EXPERT_INDEX_DIR", VAR_DIR / "expert-index"))
# The trade catalogue (kieubao.trade.search); rebuilt by `kieubao trade reindex`.
PRODUCT_INDEX_DIR = Path(os.environ.get("PRODUCT_INDEX_DIR", VAR_DIR / "product-index"))
COMPANY_INDEX_DIR = Path(os.environ.get("COMPANY_INDEX_DIR", VAR_DIR / "company-index"))

SECURITY_CONTACT_EMAIL = os.environ.get("SECURITY_CONTACT_EMAIL", "security@kieubao.vn")

# --- Retention ---------------------------------------------------------------------------------
ACCOUNT_UNVERIFIED_RETENTION_DAYS = int(os.environ.get("ACCOUNT_UNVERIFIED_RETENTION_DAYS", "7"))
IMPORT_RETENTION_DAYS = int(os.environ.get("IMPORT_RETENTION_DAYS", "30"))
# Survey imports run in a background thread of the web process (the page shows progress);
# tests run them at once.
IMPORTS_IN_BACKGROUND = os.environ.get("IMPORTS_IN_BACKGROUND", "0" if TESTING else "1") == "1"
IMPORT_DIR = VAR_DIR / "imports"  # uploaded import files: outside the web root, purged
UPLOAD_DIR = VAR_DIR / "uploads"  # attachments and photos: outside the web root
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))

# --- Consent ------------------------------------------------------------------------------------
# Bump when the consent text changes; consents record the version the person agreed to.
CONSENT_TEXT_VERSION = "2026-11"

# --- Email --------------------------------------------------------------------------------------
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kieubao <no-reply@kieubao.local>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Caches ---------------------------------------------------------------------------------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy: scripts and styles only from our own origin (no inline scripts, no
# CDN). htmx's injected indicator <style> is switched off in base.html; allauth passes data to
# its scripts in non-executable JSON blocks.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
