"""One settings module, driven by the environment.

With no environment at all it runs the embedded default: SQLite and a Celery broker on the
file system, so `make run` needs no server. DATABASE_URL and CELERY_BROKER_URL switch to
PostgreSQL and Redis.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from strategyportal.api_description import SPECTACULAR
from strategyportal.beat_schedule import beat_schedule
from strategyportal.env import env_bool, env_int, env_list, env_secret
from strategyportal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

# Fail closed: a deployment that forgets DEBUG gets production settings. `make run` sets
# DEBUG=true for the embedded default.
DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_secret("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (DEBUG=true for development)"
        )
    SECRET_KEY = "development-only-not-secret"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_celery_beat",
    "django_celery_results",
    "django_htmx",
    "portfolio",
    "measures",
    "forums",
    "axes",
    "simple_history",
]

MIDDLEWARE = [
    "strategyportal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "strategyportal.middleware.NulInPathMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "strategyportal.middleware.PrivateCacheControlMiddleware",
    "portfolio.accounts.sessions.SessionGenerationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "strategyportal.middleware.AuditContextMiddleware",
    # Last, so that it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Security headers and cookies: strict whenever DEBUG is off. Behind a TLS-terminating proxy,
# SECURE_PROXY_SSL_HEADER=true makes Django trust X-Forwarded-Proto to recognise https.
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Probes from the orchestrator speak plain http to the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Templates put the CSRF token in forms and htmx headers; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "strategyportal.errors.csrf_failure"

# Content Security Policy: only our own origin, no inline scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Designsystemet draws its icons as inline SVG data URIs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

ROOT_URLCONF = "strategyportal.urls"
WSGI_APPLICATION = "strategyportal.wsgi.application"

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
                "portfolio.context_processors.current_person",
                "portfolio.context_processors.unread_notifications",
            ],
        },
    },
]

# Addresses (or networks) whose direct requests /readyz answers: the orchestrator's probes.
PROBE_ALLOWED_IPS = env_list("PROBE_ALLOWED_IPS", ["127.0.0.1", "::1"])

# The shared cache (alias `default`): the API throttles count in it, so in production it is
# Redis, shared by every worker process (CACHE_URL=redis://host:6379/1). Without CACHE_URL it is
# a cache local to the process, enough for `make run`.
CACHES = {"default": environ.Env.cache_url_config(env("CACHE_URL", default="") or "locmemcache://")}

# Database: SQLite by default, anything django-environ understands through DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file: take the write lock up front and let readers
    # go on while one process writes, instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
else:
    # Persistent connections: a new PostgreSQL connection per request costs more than most
    # pages; the health check replaces one the server closed before it is used.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cached pages and sessions need a cache all processes share (Redis): with the default
# per-process memory a change made in one process would not reach the others' caches.
SHARED_CACHE = bool(env("CACHE_URL", default=""))
PAGE_CACHE = env_bool("PAGE_CACHE", default=SHARED_CACHE)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user name and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Argon2id at OWASP's recommended parameters (portfolio.accounts.hashers); older hashes are
# still accepted and rehashed at the next login.
PASSWORD_HASHERS = [
    "portfolio.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portfolio:home"
LOGOUT_REDIRECT_URL = "portfolio:home"
ANONYMOUS_USER_NAME = None  # guardian: no anonymous row; anonymous users get nothing

# Field-level history: rows are written by the models and never edited or reverted.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_EDIT = False

# Sessions: a working day by default (secure cookies and HSTS are set above).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)
SESSION_COOKIE_SAMESITE = "Lax"
# With a shared cache, sessions are read from it and written through to the database.
SESSION_ENGINE = env(
    "SESSION_ENGINE",
    default="django.contrib.sessions.backends." + ("cached_db" if SHARED_CACHE else "db"),
)

# Login lockout (django-axes): per user name and address together, so that one person
# typing wrong cannot lock out a whole ministry behind one proxy address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 60) / 60 or None  # hours; 0: admin unlock only
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portfolio.accounts.views.lockout_response"
AXES_VERBOSE = False

# Single sign-on through OpenID Connect: off unless a client id and a provider are configured.
# OIDC_OP_ISSUER alone is enough (endpoints come from its discovery document); the single
# endpoints override it. Local user name and password stay as the fallback.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET", "") or ""
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="") or None
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="") or None
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="") or None
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="") or None
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_MINISTRY_CLAIM = env("OIDC_MINISTRY_CLAIM", default="ministry")
OIDC_ROLES_CLAIM = env("OIDC_ROLES_CLAIM", default="roles")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID
    and (OIDC_OP_ISSUER or (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT))
)
OIDC_AUTHENTICATE_CLASS = "portfolio.accounts.oidc.AuthenticationRequestView"
OIDC_CALLBACK_CLASS = "portfolio.accounts.oidc.AuthenticationCallbackView"
_OIDC_NEEDS_KEYS = OIDC_RP_SIGN_ALGO[:2] in ("RS", "ES")
if OIDC_ENABLED and _OIDC_NEEDS_KEYS and not (OIDC_OP_ISSUER or OIDC_OP_JWKS_ENDPOINT):
    raise ImproperlyConfigured("OIDC: set OIDC_OP_ISSUER or OIDC_OP_JWKS_ENDPOINT")
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(1, "portfolio.accounts.oidc.MinistryOIDCBackend")

# Language and time: bokmål first, then nynorsk and English. LANGUAGE_NN_ENABLED=false
# hides nynorsk from the switcher and the API (its catalogue is kept complete by a test).
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
if env_bool("LANGUAGE_NN_ENABLED", default=True):
    LANGUAGES.insert(1, ("nn", _("Norwegian Nynorsk")))
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-month-year and the 24-hour clock in every language (Django's English is American).
FORMAT_MODULE_PATH = ["strategyportal.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# No URL serves MEDIA_ROOT: papers are downloaded through views that check who asks.
MEDIA_URL = "media/"

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env("EMAIL_HOST", default="")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / ".mail"))
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="strategiportalen@localhost")
# Seconds one attempt may take to send a notification e-mail before another attempt may send it
# again; longer than CELERY_TASK_TIME_LIMIT, so a running attempt is never duplicated.
NOTIFICATION_EMAIL_LEASE_SECONDS = env_int("NOTIFICATION_EMAIL_LEASE_SECONDS", 600)
# Days before a reporting period's due date that the lead ministries of measures that have
# not reported are reminded (measures.tasks.report_reminders_send); once more after the date.
REPORT_REMINDER_DAYS_BEFORE = env_int("REPORT_REMINDER_DAYS_BEFORE", 7)
# The portal's address (https://strategi.example.no) for links in e-mails; empty: paths only.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="")

# Celery: the file-system broker needs no server; web, worker and beat share the folder.
CELERY_DATA_DIR = Path(env("CELERY_DATA_DIR", default=str(BASE_DIR / ".celery")))
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (CELERY_DATA_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        # Broadcast tables (celery inspect/control); kombu's default is ./control.
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
        # A worker takes one message per pool process (prefetch 1) and then waits this long
        # before it looks again; kombu's default of 1 s would cap it at one task a second.
        "polling_interval": 0.1,
    }
else:
    # Redis: a message taken by a worker that dies (SIGKILL, lost machine) goes back to the
    # queue after this many seconds. It must exceed the longest countdown of a retried task
    # and NOTIFICATION_EMAIL_LEASE_SECONDS, or a waiting message is delivered a second time.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        # Prepended to every key: installations sharing one Redis database never see each
        # other's messages (the test suite gives each test process and worker test its own).
        "global_keyprefix": env("CELERY_BROKER_KEY_PREFIX", default=""),
    }
# Seconds /readyz and the outbox wait for the broker before they give up (the work stays stored).
BROKER_CHECK_TIMEOUT = env.float("BROKER_CHECK_TIMEOUT", default=2.0)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="django-db")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Acknowledge after the task ran, also when its pool process died (killed, out of memory):
# the message is delivered again, so every task must be safe to repeat.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Seconds a worker waits for the result of a pool process that died before it gives the task
# back to the broker (Celery's default: 10).
CELERY_WORKER_LOST_WAIT = env.float("CELERY_WORKER_LOST_WAIT", default=10.0)
# One message reserved per pool process: a dying worker takes no queue of waiting work with it.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
HEARTBEAT_SECONDS = env_int("HEARTBEAT_SECONDS", 60)
CELERY_BEAT_SCHEDULE = beat_schedule(heartbeat_seconds=HEARTBEAT_SECONDS)

# How long an API token is valid after it was issued; then the owner gets a new one.
API_TOKEN_LIFETIME = timedelta(days=env_int("API_TOKEN_LIFETIME_DAYS", 90))
REST_FRAMEWORK = {
    # Token first: DRF answers a request without credentials with the first class's
    # challenge, so anonymous requests get 401 (WWW-Authenticate: Token), not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portfolio.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only; the browsable API is a development aid, on with DEBUG alone.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's parsers, with the parse error translated.
    "DEFAULT_PARSER_CLASSES": [
        "strategyportal.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "strategyportal.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "portfolio.api_docs.PortalAutoSchema",
    # The services' exceptions (WrongState, ValidationError, PermissionDenied) answered in one way.
    "EXCEPTION_HANDLER": "portfolio.api_errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"auth-token": env("API_TOKEN_THROTTLE_RATE", default="20/minute")},
}
SPECTACULAR_SETTINGS = SPECTACULAR

DEMO_PASSWORD = env("DEMO_PASSWORD", default="demo")

# Logs: human-readable lines by default, one JSON object per line with LOG_FORMAT=json;
# both carry the request id of the request that wrote them.
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = logging_config(fmt=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))
# The worker logs through the same configuration instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# axes logs every login at INFO; failures and lockouts are WARNING.
LOGGING["loggers"] = {
    "axes": {"level": env("AXES_LOG_LEVEL", default="WARNING")},
    # WeasyPrint reports every rendering step at INFO.
    "weasyprint": {"level": "WARNING"},
}
