"""Django settings. The only module that reads the environment.

Zero configuration runs on SQLite in a data directory; ``DATABASE_URL`` switches to
PostgreSQL. Every variable is documented in docs/configuration.md (a test checks it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from platformdirs import user_data_dir


def envbool(name: str, default: bool) -> bool:
    """Read ``True``/``False`` (also 1/0, yes/no); anything else is a configuration error."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}: {value!r} is not allowed; use true or false")


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def envint(name: str, default: int, *, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``; anything else is a configuration error."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise ValueError(f"{name}: {value!r} is not allowed; use a whole number {low} to {high}")
    return number


def envsecret(name: str, default: str) -> str:
    """A secret from ``NAME_FILE`` (Docker secrets) or ``NAME``."""
    path = os.environ.get(f"{name}_FILE", "").strip()
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return envstr(name, default)


BASE_LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DATA_DIR = Path(envstr("OSTEOLOAD_DATA_DIR", user_data_dir("osteoload", appauthor=False)))
DEBUG = envbool("OSTEOLOAD_DEBUG", False)
_DEV_SECRET = "osteoload-insecure-development-key-change-me"
SECRET_KEY = envsecret("OSTEOLOAD_SECRET_KEY", "")
if not SECRET_KEY:
    # A per-installation key kept in the data directory, so sessions survive restarts
    # without any configuration and no two installations share a key.
    _key_file = DATA_DIR / "secret_key"
    try:
        SECRET_KEY = _key_file.read_text(encoding="utf-8").strip()
    except OSError:
        SECRET_KEY = ""
    if not SECRET_KEY:
        import secrets

        SECRET_KEY = secrets.token_urlsafe(50)
        try:
            DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
            _fd = os.open(_key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(_fd, "w", encoding="utf-8") as _key_out:
                _key_out.write(SECRET_KEY)
            _key_file.chmod(0o600)
        except OSError:
            pass

ALLOWED_HOSTS = [
    h for h in envstr("OSTEOLOAD_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in envstr("OSTEOLOAD_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SECURE_COOKIES = envbool("OSTEOLOAD_SECURE_COOKIES", False)
# HTTPS: HSTS, the redirect to HTTPS and trusting the proxy's X-Forwarded-Proto, each
# switched on by a variable (docs/configuration.md); off by default for the local demo.
SECURE_HSTS_SECONDS = envint("OSTEOLOAD_HSTS_SECONDS", 0, low=0, high=2 * 365 * 24 * 3600)
SECURE_SSL_REDIRECT = envbool("OSTEOLOAD_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer's plain-HTTP health check
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("OSTEOLOAD_PROXY_SSL_HEADER", False) else None
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "ninja",
    "osteoload.store",
    "osteoload.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a page: the browser's Accept-Language, then her account's setting.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in: django-otp knows whether this session typed a code; ours asks for
    # it after the password (and, with OSTEOLOAD_REQUIRE_2FA, makes a coach set it up).
    "django_otp.middleware.OTPMiddleware",
    "osteoload.web.two_factor.TwoFactorMiddleware",
    "osteoload.web.language.AccountLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Cache-Control: no-store on logged-in pages and API answers; the Content-Security-Policy.
    "osteoload.web.security.NoStoreMiddleware",
    # Exactly once: a POST sent again with the same Idempotency-Key answers what it answered.
    "osteoload.services.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "osteoload.urls"
WSGI_APPLICATION = "osteoload.web.wsgi.application"

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
            ],
        },
    }
]


CONN_MAX_AGE_S = 60
"""How long each server worker keeps its database connection, on either database: opening one
costs more than most requests (on SQLite the PRAGMAs and the schema read again, and closing
the last connection checkpoints the whole WAL into the file; on PostgreSQL a login)."""


_PREPARED = {"server_side_binding": True, "prepare_threshold": 5}
"""On PostgreSQL, parameters are sent apart from the statement and a statement a connection has
run five times is prepared: the server plans it once per connection instead of on every
request. Measured on the bench clinic: logging a set about 565 -> 720 requests/s, the newest
20 sets 395 -> 470 (docs/performance.md). ``OSTEOLOAD_PG_PREPARED_STATEMENTS=false`` turns
both off, for a pooler that cannot carry prepared statements (docs/deployment.md)."""


def _database() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE_S, conn_health_checks=True)
        )
        config.setdefault("TEST", {})
        if config.get("ENGINE") == "django.db.backends.postgresql":
            # Django's backend, whose health check asks the server only when the connection's
            # socket shows something happened (osteoload/store/postgresql).
            config["ENGINE"] = "osteoload.store.postgresql"
            if envbool("OSTEOLOAD_PG_PREPARED_STATEMENTS", True):
                config.setdefault("OPTIONS", {}).update(_PREPARED)
        return config
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    _private_database(DATA_DIR / "osteoload.sqlite3")
    return {
        # Django's SQLite backend, whose writers queue on a lock file instead of sleeping
        # 1-25 ms whenever SQLite's write lock is taken (osteoload/store/sqlite).
        "ENGINE": "osteoload.store.sqlite",
        "NAME": str(DATA_DIR / "osteoload.sqlite3"),
        "CONN_MAX_AGE": CONN_MAX_AGE_S,
        # Tests run in memory, Django's default for SQLite, said here because tools such as
        # pytest-django recognise that default by Django's own engine name only.
        "TEST": {"NAME": ":memory:"},
        # WAL and a busy timeout keep concurrent requests from failing on a locked file;
        # IMMEDIATE transactions take the write lock up front instead of failing mid-way.
        # synchronous=FULL syncs the WAL at every commit, so a write acknowledged to a client
        # survives a power cut (NORMAL could roll it back); bench/bench_durable_writes.py
        # measures the cost.
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        },
    }


def _private_database(path: Path) -> None:
    """Create the SQLite file readable by its owner only, whatever the umask; SQLite gives its
    -wal and -shm files the database file's mode (and the backend its -writers lock file,
    osteoload/store/sqlite). Older files are tightened too."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        for suffix in ("", "-wal", "-shm", "-writers"):
            file = path.with_name(path.name + suffix)
            if file.exists():
                file.chmod(0o600)
    except OSError:
        pass  # a read-only or foreign data directory: SQLite reports it on first use


DATABASES = {"default": _database()}

# Answers computed from her records (her Today prescription, the progress series) are kept in
# files under the data directory: every worker process of the server shares them and they
# outlive a restart, so her first view of a day is computed once, not once per worker. Each
# key is made of everything its answer was computed from (services/coaching.py,
# services/progress.py), so an entry is never stale and nothing needs to invalidate it.
# The folder is private (0700, files 0600) like the database; erasing a client empties it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "osteoload.services.passwords.Argon2idHasher",  # OWASP's argon2id minimum (issue 17)
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]  # fmt: skip

# django-axes (osteoload/web/lockout.py): a user name is locked for 15 minutes after ten
# failed logins from any addresses, an address after five failed logins for any user names
# (lower, so that one address alone cannot lock out somebody else's account).
AXES_FAILURE_LIMIT = 10
OSTEOLOAD_ADDRESS_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_HANDLER = "osteoload.web.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "osteoload.web.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "osteoload/accounts/locked_out.html"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en"
TIME_ZONE = envstr("OSTEOLOAD_TIME_ZONE", "UTC")
# Her stop screen names the clinic and offers tap-to-call when a phone number is set.
OSTEOLOAD_CLINIC_NAME = envstr("OSTEOLOAD_CLINIC_NAME", "")
OSTEOLOAD_CLINIC_PHONE = envstr("OSTEOLOAD_CLINIC_PHONE", "")
# Two-factor sign-in (TOTP, django-otp): required of every coach when true; the name her
# authenticator app shows is the clinic's.
OSTEOLOAD_REQUIRE_2FA = envbool("OSTEOLOAD_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = OSTEOLOAD_CLINIC_NAME or "osteoload"
# Passkeys (WebAuthn, django-otp-webauthn) as a second factor beside the app's code: the
# relying party id is OSTEOLOAD_WEBAUTHN_RP_ID or the first host name in ALLOWED_HOSTS (not an
# address); the page's own origin on that host is accepted (osteoload.web.passkeys.Helper) as
# are those in OSTEOLOAD_WEBAUTHN_ORIGINS. Passkeys never replace the password here.
OTP_WEBAUTHN_RP_ID = envstr("OSTEOLOAD_WEBAUTHN_RP_ID", "") or next(
    (
        h.lstrip(".")
        for h in ALLOWED_HOSTS
        if h.lstrip(".") and "*" not in h and not h.startswith("[")
        and not h.replace(".", "").isdigit()
    ),
    "localhost",
)  # fmt: skip
OTP_WEBAUTHN_RP_NAME = OSTEOLOAD_CLINIC_NAME or "osteoload"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    o for o in envstr("OSTEOLOAD_WEBAUTHN_ORIGINS", "").split(",") if o
] or [f"https://{OTP_WEBAUTHN_RP_ID}"]
OTP_WEBAUTHN_HELPER_CLASS = "osteoload.web.passkeys.Helper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Her booklets (normal and large print) are laid out in a background thread when her coach
# assigns a program, so the first download is a file read (issue 17).
OSTEOLOAD_BOOKLETS_AHEAD = envbool("OSTEOLOAD_BOOKLETS_AHEAD", True)
# Her next session's prescription is computed in a background thread two minutes after her
# last logged set, so that her first view of that day is a cache read (services/next_ahead.py).
OSTEOLOAD_NEXT_AHEAD = envbool("OSTEOLOAD_NEXT_AHEAD", True)
# The audit entry of a read of her health data is queued and written by a background thread
# every this many milliseconds, many in one transaction, so a read never waits for the
# database's write lock; 0 writes each in its request (osteoload/services/audit.py; what a
# crash can lose: docs/deployment.md). The audit of a change is always in its transaction.
OSTEOLOAD_READ_AUDIT_MS = envint("OSTEOLOAD_READ_AUDIT_MS", 100, low=0, high=10_000)
OSTEOLOAD_READ_AUDIT_WRITER = True
# English and Spanish (docs/translations.md): the catalogues in osteoload/locale are compiled
# when the app starts; a logged-in user's language is the one set on her account.
USE_I18N = True
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_LOCALE_DIR, DATA_DIR / "locale"]
USE_TZ = True

# Email: invitations, password-reset links and a coach's stop alert. Written to the console
# (links redacted) unless OSTEOLOAD_EMAIL_HOST names an SMTP server (docs/configuration.md).
EMAIL_HOST = envstr("OSTEOLOAD_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "osteoload.web.security.ScrubbedConsoleEmailBackend"
)
EMAIL_PORT = envint("OSTEOLOAD_EMAIL_PORT", 25, low=1, high=65535)
EMAIL_HOST_USER = envstr("OSTEOLOAD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = envsecret("OSTEOLOAD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("OSTEOLOAD_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = envstr("OSTEOLOAD_EMAIL_FROM", "osteoload@localhost")

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One-time invitation and password-reset links, secret calendar addresses and API tokens
    # never reach a log: the
    # filter rewrites them on every record the console writes and on the request loggers.
    # (django.server, runserver's request log, is Django's default set-up plus the filter.)
    "filters": {"scrub_secrets": {"()": "osteoload.web.security.ScrubSecrets"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub_secrets"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "loggers": {
        **{
            name: {"filters": ["scrub_secrets"]}
            for name in (
                "django.request",
                "django.security.csrf",
                "django.security.DisallowedHost",
                "gunicorn.access",
                "gunicorn.error",
            )
        },
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["scrub_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": envstr("OSTEOLOAD_LOG_LEVEL", "WARNING")},
}
