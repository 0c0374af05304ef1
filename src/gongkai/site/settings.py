"""Environment-driven settings: one file, typed, failing loudly on bad values.

Every knob comes from the environment (or ``NAME_FILE`` pointing at a file holding it):

- ``GONGKAI_DATA_DIR``: where the SQLite file, the generated secret key and uploads live
  (default ``./var``).
- ``DATABASE_URL``: default ``sqlite:///<data dir>/gongkai.sqlite3``; ``postgres://…`` in
  production.
- ``SECRET_KEY``: default generated once and kept in ``<data dir>/secret_key`` (never committed).
- ``GONGKAI_FIELD_KEY``: the Fernet key encrypting identity numbers at rest (default generated
  once into ``<data dir>/field_key``; back it up with the database).
- ``GONGKAI_UPLOAD_MAX_MB``: largest attachment an applicant or officer may upload (default 10).
- ``GONGKAI_LOOKUP_MAX_FAILURES`` / ``GONGKAI_LOOKUP_WINDOW_MINUTES``: failed status lookups
  allowed per address and window, generous for many applicants behind one NAT (default 50 in
  60); ``GONGKAI_LOOKUP_NUMBER_MAX_FAILURES`` / ``…_NUMBER_WINDOW_MINUTES``: per address and
  tracking number (default 5 in 15); ``GONGKAI_LOOKUP_PHONE_MAX_FAILURES`` /
  ``…_PHONE_WINDOW_MINUTES``: per tracking number from any address, past which the phone's
  last four digits no longer open the case, only the lookup code (default 5 in 43,200: 30 days).
- ``GONGKAI_API_TOKEN_DAYS``: lifetime of staff API tokens (default 365).
- Mail: ``EMAIL_HOST`` / ``EMAIL_PORT`` / ``EMAIL_HOST_USER`` /
  ``EMAIL_HOST_PASSWORD`` / ``DEFAULT_FROM_EMAIL``; without ``EMAIL_HOST`` mail is printed to the
  console (reminders, status-lookup secrets).
- ``DEBUG``: off unless ``1``/``true``/``yes``.
- ``ALLOWED_HOSTS``: comma-separated, default ``localhost,127.0.0.1,[::1]``.
- ``GONGKAI_SESSION_IDLE_MINUTES``: staff sessions end after this many idle minutes (default 30).
- ``GONGKAI_LOGIN_MAX_FAILURES`` / ``GONGKAI_LOGIN_LOCKOUT_MINUTES``: that many failed sign-ins
  for one username from one address within that many minutes lock it out (default 5 in 15).
- ``GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES`` / ``GONGKAI_LOGIN_ACCOUNT_WINDOW_MINUTES``: failed
  sign-ins for one account from any address that lock it (default 20 in 60); an administrator
  unlocks it (the admin's user list, or ``gongkai user unlock USERNAME``).
- ``GONGKAI_REQUIRE_2FA``: comma-separated roles (``officer``, ``reviewer``, ``head``,
  ``admin``, ``supervisor``; platform administrators count as ``admin``) that must sign in with
  a second factor (TOTP) and enrol at their next sign-in; ``all`` for every staff account,
  ``none`` for nobody (default ``head,admin``).
- ``GONGKAI_TRUSTED_PROXIES``: reverse proxies in front that append to X-Forwarded-For (default
  0: the address is REMOTE_ADDR).
- ``GONGKAI_HTTPS``: ``1`` behind TLS (a reverse proxy that sets ``X-Forwarded-Proto: https``):
  secure cookies, HSTS (``GONGKAI_HSTS_SECONDS``, default one year), redirect to HTTPS, the
  proxy's scheme header trusted.
- ``GONGKAI_ALLOWED_ORIGINS``: comma-separated origins (``https://gk.example.gov.cn``) trusted
  for CSRF; default: the ``ALLOWED_HOSTS`` under the site's scheme.
- ``GONGKAI_SQLITE_TIMEOUT``: seconds a writer waits for SQLite's write lock (default 30).
- ``GONGKAI_TASK_STALE_MINUTES``: a letter's render or the morning run still marked running
  after this many minutes was left by a stopped worker and is queued again (default 10).
- ``GONGKAI_APPLY_PER_ADDRESS_HOUR`` / ``GONGKAI_APPLY_PER_ADDRESS_DAY``: online applications
  (form and API) accepted from one address per hour / per 24 hours (default 10 / 30);
  ``GONGKAI_APPLY_PER_HOUR``: from all addresses together per hour (default 300).
  ``GONGKAI_REGISTER_PER_ADDRESS_HOUR``: public accounts created from one address per hour
  (default 5). Over a limit the form answers 429 with a message, the API 429 JSON.
- ``GONGKAI_CHALLENGE_COST``: work of the proof-of-work that anonymous applications and
  registrations solve (in thousands of SHA-256 hashes on average; default 300: about half a
  second in a desktop browser, a few seconds on an old phone; minimum 1).
- ``GONGKAI_REPEAT_DAYS`` / ``GONGKAI_REPEAT_SIMILARITY``: an application repeating one the same
  applicant made to the same agency within this many days (default 180) with request texts at
  least this similar (percent of shared character bigrams, default 60) is flagged for the officer.
- ``GONGKAI_SUGGEST_PER_ADDRESS_MINUTE``: catalog suggestions (第四十四条) one address may ask for
  per minute while describing a request (default 60).
- ``GONGKAI_CACHE_URL``: a Redis server (``redis://host:6379/0``) shared by every server
  process and machine for the page cache; default: each process's own memory (one machine).
- ``GONGKAI_PAGE_CACHE_SECONDS``: how long a public page rendered for anonymous visitors is
  kept (default 300; ``0`` turns the page cache off). A publish makes it stale at once
  (portal/pagecache.py).
- ``GONGKAI_SITE_AGENCY``: the name of the agency whose site this is (header, footer, home page,
  ``/guide/``; default the root of the agency tree); ``GONGKAI_SITE_CODE``: the website's
  网站标识码; ``GONGKAI_ICP_NUMBER``: its ICP filing (浙ICP备…号), both shown in the footer.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP


def _env(name: str, default: str | None = None) -> str | None:
    """Read ``NAME`` or the file named by ``NAME_FILE`` (for container secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE={file_name}: cannot read ({exc.strerror})"
            ) from exc
    return os.environ.get(name, default)


def _bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")


def _int(name: str, default: int, minimum: int = 1, maximum: int = 10**6) -> int:
    raw = _env(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected {minimum} to {maximum}")
    return value


DATA_DIR = Path(_env("GONGKAI_DATA_DIR") or "var").resolve()
try:
    # Owner-only: the database, the key files and applicants' uploads live here.
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
except OSError as exc:
    raise ImproperlyConfigured(
        f"GONGKAI_DATA_DIR={DATA_DIR}: cannot create the data directory ({exc.strerror})"
    ) from exc


def _secret_key() -> str:
    given = _env("SECRET_KEY")
    if given is not None:
        if len(given) < 32:
            raise ImproperlyConfigured("SECRET_KEY: must be at least 32 characters long")
        return given
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # Generated on first start and kept beside the data, so sessions survive restarts.
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()


def _field_key() -> str:
    """The key that encrypts identity numbers at rest (Fernet), apart from SECRET_KEY.

    Kept apart so that rotating SECRET_KEY (sessions, CSRF) never makes stored identity
    numbers unreadable; back it up with the database.
    """
    given = _env("GONGKAI_FIELD_KEY")
    if given is not None:
        if len(given) != 44:
            raise ImproperlyConfigured(
                "GONGKAI_FIELD_KEY: expected a Fernet key (44 characters of url-safe base64)"
            )
        return given
    key_file = DATA_DIR / "field_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(
            base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii"), encoding="utf-8"
        )
    return key_file.read_text(encoding="utf-8").strip()


GONGKAI_FIELD_KEY = _field_key()
DEBUG = _bool("DEBUG", False)
ALLOWED_HOSTS = [
    h.strip()
    for h in (_env("ALLOWED_HOSTS") or "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]

_database_url = _env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=60)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL: {exc}") from exc
if _database.get("ENGINE") not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured(
        f"DATABASE_URL: unsupported database {_database_url.split(':', 1)[0]!r} "
        "(use sqlite:/// or postgres://)"
    )
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # A web server's SQLite: WAL (readers never wait for the writer), a busy timeout (a writer
    # waits its turn instead of failing with "database is locked") and write transactions that
    # take the lock when they begin (BEGIN IMMEDIATE), so two writers never deadlock on upgrade.
    _database["OPTIONS"] = {
        "timeout": _int("GONGKAI_SQLITE_TIMEOUT", 30, maximum=600),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    _sqlite_file = Path(_database["NAME"])
    if _database["NAME"] != ":memory:" and not _sqlite_file.exists():
        # Created owner-only before SQLite opens it (its -wal and -shm files copy the mode).
        _sqlite_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _sqlite_file.touch(mode=0o600)
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "gongkai.agencies",
    "gongkai.publications",
    "gongkai.cases",
    "gongkai.disputes",
    "gongkai.annual_reports",
    "gongkai.supervision",
    "gongkai.portal",
    "gongkai.console",
]

MIDDLEWARE = [
    "gongkai.site.middleware.body_limit",
    "gongkai.site.middleware.refuse_nul",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.portal.pagecache.page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The page cache of anonymous public pages (portal/pagecache.py): Redis when configured (Django's
# own backend, needs the `redis` package), else each process's memory.
_cache_url = _env("GONGKAI_CACHE_URL")
CACHES: dict[str, dict[str, object]]
if _cache_url:
    if not _cache_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"GONGKAI_CACHE_URL={_cache_url!r}: expected redis://, rediss:// or unix://"
        )
    if importlib.util.find_spec("redis") is None:  # optional: only a shared cache needs it
        raise ImproperlyConfigured("GONGKAI_CACHE_URL: install the redis package (uv add redis)")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# The public site's header and footer (portal/agency.py): the agency whose site it is (default:
# the root of the agency tree), the 网站标识码 and the ICP filing number of the website.
GONGKAI_SITE_AGENCY = _env("GONGKAI_SITE_AGENCY") or ""
GONGKAI_SITE_CODE = _env("GONGKAI_SITE_CODE") or ""
GONGKAI_ICP_NUMBER = _env("GONGKAI_ICP_NUMBER") or ""
GONGKAI_PAGE_CACHE_SECONDS = _int("GONGKAI_PAGE_CACHE_SECONDS", 300, minimum=0, maximum=86_400)

ROOT_URLCONF = "gongkai.site.urls"
WSGI_APPLICATION = "gongkai.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.agency.public_site",
            ],
        },
    },
]

# Staff accounts (agencies.User: 姓名 in one field; is_superuser is the 系统管理员).
AUTH_USER_MODEL = "agencies.User"
# Argon2 first (argon2-cffi); the others only to verify hashes made before a switch.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Django's model backend behind a lockout (gongkai/agencies/auth.py).
AUTHENTICATION_BACKENDS = ["gongkai.agencies.auth.LockoutBackend"]
GONGKAI_LOGIN_MAX_FAILURES = _int("GONGKAI_LOGIN_MAX_FAILURES", 5, maximum=100)
GONGKAI_LOGIN_LOCKOUT_MINUTES = _int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15, maximum=24 * 60)
# Reverse proxies in front of the server that append to X-Forwarded-For (0: trust none, use
# REMOTE_ADDR): lockouts and lookup limits count the client's address, not the proxy's.
GONGKAI_TRUSTED_PROXIES = _int("GONGKAI_TRUSTED_PROXIES", 0, minimum=0, maximum=10)
# Idle timeout: every request renews the session, so it ends after this much inactivity.
SESSION_COOKIE_AGE = _int("GONGKAI_SESSION_IDLE_MINUTES", 30, maximum=7 * 24 * 60) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese throughout: Simplified Chinese UI whatever the browser asks for (issue 15), China
# Standard Time. The source strings stay English under gettext; another language is added by
# listing it here and adding its catalog (CONTRIBUTING.md, Translations).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:home"  # staff land on their to-do page
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise scans it at start; `gongkai serve` fills it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind TLS (GONGKAI_HTTPS=1): the reverse proxy terminates it and says so in
# X-Forwarded-Proto; cookies only over HTTPS, HSTS, plain HTTP redirected.
GONGKAI_HTTPS = _bool("GONGKAI_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = GONGKAI_HTTPS
if GONGKAI_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = _int("GONGKAI_HSTS_SECONDS", 365 * 24 * 3600, maximum=2 * 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _bool("GONGKAI_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _bool("GONGKAI_HSTS_PRELOAD", True)
# /healthz answers the proxy's and the load balancer's plain-HTTP probes.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


def _origins() -> list[str]:
    raw = _env("GONGKAI_ALLOWED_ORIGINS")
    if raw:
        origins = [o.strip().rstrip("/") for o in raw.split(",") if o.strip()]
        for origin in origins:
            if not origin.startswith(("https://", "http://")):
                raise ImproperlyConfigured(
                    f"GONGKAI_ALLOWED_ORIGINS: {origin!r} must start with https:// or http://"
                )
        return origins
    scheme = "https" if GONGKAI_HTTPS else "http"
    return [f"{scheme}://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]


CSRF_TRUSTED_ORIGINS = _origins()

# Content-Security-Policy (Django's own middleware): no inline or foreign script anywhere,
# nothing loaded from another origin, no framing, forms post only to this site.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Attachments (identity copies, authorisation letters, letters generated for cases) live under
# MEDIA_ROOT, which no URL serves: every download goes through a view with a rights check.
GONGKAI_UPLOAD_MAX_MB = _int("GONGKAI_UPLOAD_MAX_MB", 10, maximum=500)
# Uploads are written owner-only; a request body larger than the upload limit (plus room for
# the form around it) is refused from its Content-Length, before a byte of it is read.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
GONGKAI_MAX_BODY_BYTES = (GONGKAI_UPLOAD_MAX_MB * 4 + 1) * 1024 * 1024
# Status lookups without an account: this many failures from one address within this many
# minutes refuse further lookups from it (no enumeration of tracking numbers).
GONGKAI_LOOKUP_MAX_FAILURES = _int("GONGKAI_LOOKUP_MAX_FAILURES", 50, maximum=10_000)
GONGKAI_LOOKUP_WINDOW_MINUTES = _int("GONGKAI_LOOKUP_WINDOW_MINUTES", 60, maximum=24 * 60)
# Signed bearer tokens of the staff API expire after this many days (a new password revokes).
GONGKAI_API_TOKEN_DAYS = _int("GONGKAI_API_TOKEN_DAYS", 365, maximum=3650)

# Background work (letters, reminders): Django's task framework, the database as the queue;
# `gongkai worker` runs it. A task safe to run twice (a letter's render, the morning run) still
# marked running after this many minutes was left by a stopped worker: it is queued again.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
GONGKAI_TASK_STALE_MINUTES = _int("GONGKAI_TASK_STALE_MINUTES", 10, maximum=24 * 60)

_email_host = _env("EMAIL_HOST")
if _email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": _int("EMAIL_PORT", 25, maximum=65535),
                "username": _env("EMAIL_HOST_USER") or "",
                "password": _env("EMAIL_HOST_PASSWORD") or "",
                "use_tls": _bool("EMAIL_USE_TLS", False),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = _env("DEFAULT_FROM_EMAIL") or "gongkai@localhost"

# -- Accounts and status lookup (issue 12) ----------------------------------------------------
# Staff sign-in: besides one username from one address, one account from any address
# (agencies/throttle.py SIGN_IN_ACCOUNT); an administrator unlocks it.
GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES = _int("GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES", 20, maximum=1000)
GONGKAI_LOGIN_ACCOUNT_WINDOW_MINUTES = _int(
    "GONGKAI_LOGIN_ACCOUNT_WINDOW_MINUTES", 60, maximum=7 * 24 * 60
)
# Status lookup: one tracking number from one address (strict; the address's other numbers and
# everyone else behind it are not held up), and one tracking number from anywhere, past which
# only the lookup code opens the case (the phone's four digits are 10,000 possibilities).
GONGKAI_LOOKUP_NUMBER_MAX_FAILURES = _int("GONGKAI_LOOKUP_NUMBER_MAX_FAILURES", 5, maximum=1000)
GONGKAI_LOOKUP_NUMBER_WINDOW_MINUTES = _int(
    "GONGKAI_LOOKUP_NUMBER_WINDOW_MINUTES", 15, maximum=24 * 60
)
GONGKAI_LOOKUP_PHONE_MAX_FAILURES = _int("GONGKAI_LOOKUP_PHONE_MAX_FAILURES", 5, maximum=1000)
GONGKAI_LOOKUP_PHONE_WINDOW_MINUTES = _int(
    "GONGKAI_LOOKUP_PHONE_WINDOW_MINUTES", 30 * 24 * 60, maximum=366 * 24 * 60
)


def _roles_requiring_2fa() -> frozenset[str]:
    raw = (_env("GONGKAI_REQUIRE_2FA") or "head,admin").strip().lower()
    if raw == "none":
        return frozenset()
    roles = frozenset(r.strip() for r in raw.split(",") if r.strip())
    known = {"officer", "reviewer", "head", "admin", "supervisor", "all"}
    if not roles or roles - known:
        raise ImproperlyConfigured(
            f"GONGKAI_REQUIRE_2FA={raw!r}: expected roles among {', '.join(sorted(known))}, or none"
        )
    return roles


# Two-factor sign-in (django-otp: TOTP and single-use recovery codes). 等保 2.0 (GB/T
# 22239-2019 8.1.4.1 d) asks for two factors for privileged users: heads and administrators by
# default. Tests and the demo may turn it off (none).
GONGKAI_REQUIRE_2FA = _roles_requiring_2fa()
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "gongkai.agencies.auth.SecondFactorMiddleware",
)
OTP_TOTP_ISSUER = "Gongkai"
# The admin's device lists never show a key or a recovery code (the reset action removes them).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# -- Abuse (issue 12): limits on new applications and public accounts, the proof-of-work --------
# Counted in the database (agencies/throttle.py), so every limit holds across server processes
# and machines. Defaults a county office would pick: a person files a few applications a day; a
# whole county rarely files 300 in an hour.
GONGKAI_APPLY_PER_ADDRESS_HOUR = _int("GONGKAI_APPLY_PER_ADDRESS_HOUR", 10, maximum=10**6)
GONGKAI_APPLY_PER_ADDRESS_DAY = _int("GONGKAI_APPLY_PER_ADDRESS_DAY", 30, maximum=10**6)
GONGKAI_APPLY_PER_HOUR = _int("GONGKAI_APPLY_PER_HOUR", 300, maximum=10**7)
GONGKAI_REGISTER_PER_ADDRESS_HOUR = _int("GONGKAI_REGISTER_PER_ADDRESS_HOUR", 5, maximum=10**6)
# Anonymous applications and registrations carry a solved proof-of-work (ALTCHA, agencies/
# challenge.py): on average this many thousand SHA-256 hashes (300: about half a second in a
# desktop browser, a few seconds on an old phone, solved while the form is filled in).
GONGKAI_CHALLENGE_COST = _int("GONGKAI_CHALLENGE_COST", 300, maximum=100_000)
# Repeated applications (条例第三十六条第六项): an application is flagged when the same applicant
# (identity number, phone or account) asked the same agency for similar information within this
# many days (cases/queries.py); similarity in percent of shared character bigrams (core/similarity).
GONGKAI_REPEAT_DAYS = _int("GONGKAI_REPEAT_DAYS", 180, minimum=0, maximum=3650)
GONGKAI_REPEAT_SIMILARITY = _int("GONGKAI_REPEAT_SIMILARITY", 60, minimum=1, maximum=100)
# 第四十四条 suggestions while a citizen describes the request (portal and API): lookups of the
# catalog per address per minute (a cache counter, agencies/throttle.py ``RateLimit``).
GONGKAI_SUGGEST_PER_ADDRESS_MINUTE = _int(
    "GONGKAI_SUGGEST_PER_ADDRESS_MINUTE", 60, minimum=1, maximum=10**6
)

# -- The annual report's deadline for 乡镇 / 街道 (annual_reports/queries.py ``deadline``) --------
# 条例第四十九条: 部门 by 31 January, 县级以上地方人民政府 by 31 March; it names no date for 乡镇
# or 街道, so the default follows the governments' schedule; provinces that ask for 31 January
# set "01-31". Checked here so a bad value fails at start, not in a report.
GONGKAI_TOWNSHIP_REPORT_DEADLINE = _env("GONGKAI_TOWNSHIP_REPORT_DEADLINE") or "03-31"
try:
    _month, _day = (int(p) for p in GONGKAI_TOWNSHIP_REPORT_DEADLINE.split("-"))
    import datetime as _dt

    _dt.date(2001, _month, _day)  # not a leap year: 02-29 is refused
except ValueError as _exc:
    raise ImproperlyConfigured(
        "GONGKAI_TOWNSHIP_REPORT_DEADLINE must be MM-DD, e.g. 03-31 or 01-31"
    ) from _exc
