"""Settings for the Peacekeeping Atlas, read from the environment.

Development defaults are safe on a laptop (SQLite, DEBUG on only when asked);
production refuses to start without a real secret key.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it, or set DJANGO_DEBUG=1 for local development."
        )
    # Only ever used with DEBUG on: a key nobody can rely on in production.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # nosec B105  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "reversion",
    "reversion_compare",
    "import_export",
    "axes",
    "atlas",
    "sources",
    "organizations",
    "missions",
    "documents",
    "datasets",
    "countries",
    "lessons",
    # The site on top: home, search, open data, dashboard, set-up and backups.
    "website",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "website.pagecache.AnonymousPageCacheMiddleware",
    # Inside the page cache, which keeps the compressed copy; outside the session and CSRF
    # middleware, so it sees the cookies they set and leaves those responses alone.
    "website.compression.ReaderGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lock-out response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "peacekeeping.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "website.context_processors.site_links",
                "website.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "peacekeeping.wsgi.application"

# backup_atlas writes this format: Django's JSON with times to the microsecond.
SERIALIZATION_MODULES = {"backup": "website.backup_format"}

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # A connection that broke (say the database restarted) is replaced, not reused.
        conn_health_checks=True,
    )
}
# SQLite, the embedded default, is set up for a small site where two gunicorn workers, an
# editor and an import or a scan write at the same time. WAL lets reads go on during a
# write; IMMEDIATE takes the write lock when a transaction begins, so a transaction that
# reads and then writes waits its turn (up to the 20-second busy timeout) instead of failing
# with "database is locked" when another commits between its read and its write (SQLite
# does not wait for a lock it would have to upgrade); synchronous=NORMAL is durable enough
# with WAL and spares a sync per commit. An in-memory database keeps its "memory" journal.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # WAL itself is switched on by atlas.sqlite.use_wal, which retries while
            # another process holds the file.
            "init_command": "PRAGMA synchronous=NORMAL",
        }
    )

# django-axes checks every login first: five failures for one user name from one address
# lock that pair out for 30 minutes (a success resets the count).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served there by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # HTTPS only: plain HTTP is redirected (except the load balancer's health check) and
    # browsers are told never to come back over HTTP (HSTS).
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
# Behind a load balancer that terminates TLS and sets X-Forwarded-Proto (and strips any
# the client sent), this tells Django which requests came in over HTTPS. The login
# lock-out then counts failures by the address the balancer appended to X-Forwarded-For
# (every connection comes from the balancer); without one it counts by the connection's
# address and ignores that header, which any client can write.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = (
    "peacekeeping.client_address.forwarded_address"
    if BEHIND_PROXY
    else "peacekeeping.client_address.remote_address"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Kosovo has no ISO 3166 code; XK is the user-assigned code in common use.
COUNTRIES_OVERRIDE = {"XK": "Kosovo"}

# The shared cache: Redis when REDIS_URL is set (several servers), else this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "atlas"}
    )
}
# How long an anonymous reader's page may be served from the cache; 0 turns it off.
# Staleness is not the limit: any change to the data replaces every cached page at once.
ATLAS_PAGE_CACHE_SECONDS = int(os.environ.get("ATLAS_PAGE_CACHE_SECONDS", "600"))

# How long a mission page's rendered "In numbers" section and Decisions list are kept
# (atlas/fragments.py); 0 turns it off. As with the pages, any change to the data replaces
# every kept part at once.
ATLAS_FIGURE_CACHE_SECONDS = int(os.environ.get("ATLAS_FIGURE_CACHE_SECONDS", "3600"))

ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/")

# Bulk import in the admin: CSV, XLSX and JSON; a file with any bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# An upload waits for its confirm in the shared cache (Redis with several servers), not in
# one server's temporary folder; see atlas/import_storage.py.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "atlas.import_storage.PendingImportStorage"

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere. Pages and the
# admin load scripts, styles, images and fonts only from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Review notifications (atlas/review.py) go out through Django's mail settings: printed to
# the console in development, sent by SMTP in production when DJANGO_EMAIL_HOST is set. A
# mail that fails is logged and never blocks a save.
if os.environ.get("DJANGO_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["DJANGO_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "atlas@localhost")
# The address mails link to (e.g. https://atlas.example.org); empty: paths only.
ATLAS_SITE_URL = os.environ.get("ATLAS_SITE_URL", "")
