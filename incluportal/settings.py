"""
Settings for IncluPortal, read from the environment.

Every value has a safe local default (an SQLite file, e-mail printed to the
console, DEBUG off) so that a fresh clone runs with no configuration at all.
Production sets at least SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and HTTPS=1;
with those, ``manage.py check --deploy`` reports nothing (a test proves it).

https://docs.djangoproject.com/en/5.2/ref/settings/
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# --- Core ---------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env_bool("DEBUG", False)

# The fallback key is only good for a local run: "django-insecure-" makes
# ``check --deploy`` flag it (security.W009) wherever it reaches production.
SECRET_KEY = env_str(
    "SECRET_KEY", "django-insecure-local-only-key-do-not-use-in-production"
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Applications -----------------------------------------------------------
DJANGO_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "bootstrap",  # Bootstrap 5 static files (django-bootstrap-static)
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_htmx",
    "import_export",
    "simple_history",
    "axes",  # sign-in throttling
    "django_otp",
    "django_otp.plugins.otp_totp",  # two-factor sign-in with an authenticator app
    "django_otp.plugins.otp_static",  # its recovery codes, for a lost phone
    "csp",
    # Outgoing e-mail queued in the database, retried, logged.
    "post_office",
]
LOCAL_APPS = [
    "incluportal",
    "schemes",
    "benchmarks",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every answer below (static files are above) is private, no-store.
    "incluportal.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Who made a change, for the documents' history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "incluportal.twofactor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "incluportal.urls"
WSGI_APPLICATION = "incluportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# https://github.com/jazzband/dj-database-url
# SQLite is the embedded default; production uses PostgreSQL, e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/incluportal
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Behind PgBouncer in transaction pooling mode (docs/deploy.md): CONN_MAX_AGE=0
# and DISABLE_SERVER_SIDE_CURSORS=1, since a server-side cursor (.iterator())
# cannot outlive the transaction that PgBouncer hands the connection back at.
# https://docs.djangoproject.com/en/5.2/ref/databases/#transaction-pooling-server-side-cursors
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
    "DISABLE_SERVER_SIDE_CURSORS", False
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # A writing transaction takes SQLite's write lock when it begins, so
        # that two saves queue up instead of failing with "database is locked"
        # (and the edit-conflict check reads what the other one committed).
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file (not shared memory), so that tests with two real
    # concurrent transactions behave as a deployment would.
    DATABASES["default"]["TEST"] = {
        "NAME": env_str("TEST_SQLITE_NAME", str(BASE_DIR / "test-db.sqlite3"))
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/cache/#redis
# Without REDIS_URL: a cache in each process's memory and sessions in the
# database, which is enough for one server (and for several: the database is
# shared). With REDIS_URL (e.g. redis://10.0.0.5:6379/0) the cache is shared
# by every app server and sessions are read from it, written to both (Django's
# "cached_db": a Redis restart signs nobody out). See docs/deploy.md.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several portals (or a staging one) can share one Redis.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "incluportal"),
            # An unreachable Redis costs a request one second, not a hang.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Authentication -------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/auth/customizing/
AUTH_USER_MODEL = "incluportal.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# django-axes first: it refuses a locked-out sign-in before the password is
# even checked. https://django-axes.readthedocs.io/en/latest/4_configuration.html
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, whose user says whether it must use two-factor.
    "incluportal.twofactor.UserBackend",
]
# Who must sign in with two-factor: a function returning an expression on
# User rows (incluportal.twofactor.requirement).
TWO_FACTOR_REQUIREMENT = "schemes.two_factor.requirement"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# A lock for this address on this computer: a stranger cannot lock a city
# official out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Addresses count the same whatever their case (as signing in does).
AXES_USERNAME_CALLABLE = "incluportal.twofactor.axes_username"
AXES_LOCKOUT_CALLABLE = "incluportal.twofactor.locked_out"
if env_bool("BEHIND_PROXY", False):
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# The issuer name shown in authenticator apps.
OTP_TOTP_ISSUER = "IncluPortal"
# The admin shows no device's secret (an app's key, recovery codes).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ----------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("lv", _("Latvian")),
    # CEMR's working language and that of several partners.
    ("fr", _("French")),
]
LOCALE_PATHS = [
    BASE_DIR / "incluportal" / "locale",
    # The public pages' own strings, in the languages newcomers read
    # (schemes.public.languages): a limited, complete set.
    BASE_DIR / "schemes" / "public" / "locale",
]
# The languages a city can publish its public pages in: the portal's, the
# cities' own, and those its newcomers read (Arabic and Dari/Farsi are
# written right to left). Names and directions come from Django's LANG_INFO.
# Paths of the public face: no session is read there (no sign-in check, no
# two-factor redirect), so its answers are the same for everyone.
PUBLIC_PATH_PREFIXES = ("/public/", "/sitemap.xml", "/robots.txt")
# How long a browser or proxy may keep a public page before asking again
# (it asks with the page's validators and gets a 304 when nothing changed).
PUBLIC_MAX_AGE = env_int("PUBLIC_MAX_AGE", 300)
# Requests per client address per minute on the public pages (0: no limit).
PUBLIC_RATE_LIMIT = env_int("PUBLIC_RATE_LIMIT", 300)
PUBLIC_LANGUAGES = [
    "lv",
    "en",
    "fr",
    "nl",
    "de",
    "it",
    "el",
    "es",
    "uk",
    "ru",
    "ar",
    "fa",
]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
# Day-month-year dates for English too: the portal's readers are European.
FORMAT_MODULE_PATH = ["incluportal.formats"]
USE_TZ = True

# Content (programme descriptions, benchmarks) is stored in every interface
# language; a missing text falls back to English, then Latvian, so that
# something written only in Latvian still shows to English and French readers.
# https://django-modeltranslation.readthedocs.io/en/latest/registration.html
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "lv")

# --- Static files -------------------------------------------------------------
# https://whitenoise.readthedocs.io/en/stable/django.html
# The app serves its own static files; nothing is loaded from a CDN.
STATIC_URL = "static/"
# With STATIC_MANIFEST=1 (production, after collectstatic) files get hashed
# names and far-future caching; otherwise they are served from the apps and
# there is nothing to collect.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
STATIC_ROOT = BASE_DIR / "staticfiles" if STATIC_MANIFEST else None
# Files the portal writes go to "default": MEDIA_ROOT on this server, or with
# AWS_STORAGE_BUCKET_NAME an S3-compatible bucket (django-storages) that every
# app server shares. Credentials come from the environment only
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or the host's role), read by
# django-storages and boto3 themselves. See docs/deploy.md.
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Another provider than AWS (MinIO, Scaleway, OVH...): its address.
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Signature version 4: what AWS requires in every region since
            # 2020, and what S3-compatible providers accept.
            "signature_version": "s3v4",
            # Documents are confidential: the bucket stays private (objects
            # take its policy, no ACL is sent), they are read through signed
            # addresses that expire, and a name is never overwritten.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
            "file_overwrite": False,
        },
    }
else:
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

# --- E-mail -------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/email/
# Every message is queued in the database (django-post_office) in the
# transaction of the change that sent it, delivered once that commits, and
# retried by ``manage.py send_queued_mail`` while the relay fails
# (incluportal/emails.py, docs/deploy.md). The EMAIL_BACKEND variable names
# the relay: SMTP in production, the console locally.
# https://github.com/ui/django-post_office#settings
EMAIL_RELAY = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_BACKEND = "post_office.EmailBackend"
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_RELAY},
    "DEFAULT_PRIORITY": "medium",  # queued, never sent inside the transaction
    # A relay down for a day loses nothing: a retry every 15 minutes, 96 times.
    "RETRY_INTERVAL": timedelta(minutes=env_int("EMAIL_RETRY_MINUTES", 15)),
    "MAX_RETRIES": env_int("EMAIL_MAX_RETRIES", 96),
    "LOG_LEVEL": 2,  # every attempt, sent or failed
    "MESSAGE_ID_ENABLED": True,
}
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IncluPortal <noreply@localhost>")
# The portal's public address, for links in e-mail.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
# HTTPS=1 when the portal is served over TLS (always, in production).
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is a lasting commitment to HTTPS for the domain; off with
# SECURE_HSTS_PRELOAD=0 while a deployment is still being tried out.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
if env_bool("BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Content Security Policy (django-csp 4): the pages need no inline script or
# style, and load nothing from elsewhere.
# https://django-csp.readthedocs.io/en/latest/configuration.html
from csp.constants import NONE, SELF  # noqa: E402

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
SECURE_REFERRER_POLICY = "same-origin"

# --- Forms --------------------------------------------------------------------
# https://django-crispy-forms.readthedocs.io/
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Import and export ------------------------------------------------------------
# https://django-import-export.readthedocs.io/en/latest/installation.html
IMPORT_EXPORT_USE_TRANSACTIONS = True  # all-or-nothing imports
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
# An import (reading the file, the preview or the import itself) stops past
# this many seconds and writes nothing: gunicorn's timeout does not stop a
# request in a threaded worker (docs/deploy.md). A pending preview is kept
# this many minutes for its confirmation.
IMPORT_TIME_LIMIT = env_int("IMPORT_TIME_LIMIT", 30)
IMPORT_PREVIEW_MINUTES = env_int("IMPORT_PREVIEW_MINUTES", 30)

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Refused resources in PDFs are expected (the fetcher's job), not news.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# --- Fixtures -----------------------------------------------------------------
# ``loaddata demo_programmes`` works from anywhere in the project.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
