"""Base settings. Production and test settings import this module and adjust it."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from zhongshu.conf import env

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent

VAR_DIR = Path(
    env(
        "ZHONGSHU_VAR_DIR",
        str(BASE_DIR / "var"),
        "Directory for the SQLite database, uploaded files, the generated secret key and collected static files.",
        shown="<checkout>/var",
    )
)

DEBUG = env("ZHONGSHU_DEBUG", False, "Django debug mode. Never on in production.", "bool")

SECRET_KEY_FILE = Path(
    env(
        "ZHONGSHU_SECRET_KEY_FILE",
        str(VAR_DIR / "secret_key"),
        "File holding the secret key when ZHONGSHU_SECRET_KEY is not set; `make run` generates it on first start.",
        shown="$ZHONGSHU_VAR_DIR/secret_key",
    )
)
SECRET_KEY = env(
    "ZHONGSHU_SECRET_KEY", "", "Secret key for signing. Prefer the key file; never commit it."
)
if not SECRET_KEY and SECRET_KEY_FILE.exists():
    SECRET_KEY = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()

ALLOWED_HOSTS = env(
    "ZHONGSHU_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"],
    "Host names this server answers to, comma separated.",
    "list",
)
CSRF_TRUSTED_ORIGINS = env(
    "ZHONGSHU_CSRF_TRUSTED_ORIGINS",
    [],
    "Origins (scheme://host) trusted for CSRF behind a proxy, comma separated.",
    "list",
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # the framework layer
    "zhongshu.framework",
    "zhongshu.audit",
    # the organisation and identity
    "zhongshu.org",
    "zhongshu.accounts",
    # the clock, the rule catalogue, tracking and the workbench
    "zhongshu.clock",
    "zhongshu.rules",
    "zhongshu.tracking",
    "zhongshu.workbench",
    # the modules
    "zhongshu.documents",
    "zhongshu.incoming",
    "zhongshu.outgoing",
    "zhongshu.supervision",
    "zhongshu.meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhongshu.framework.middleware.RequestIdMiddleware",
    "zhongshu.framework.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhongshu.accounts.middleware.SessionSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "zhongshu.urls"
WSGI_APPLICATION = "zhongshu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csrf",
                "zhongshu.framework.context_processors.shell",
            ],
        },
    }
]

DATABASE_URL = env(
    "ZHONGSHU_DATABASE_URL",
    "",
    "Database URL. Empty: the embedded SQLite database in ZHONGSHU_VAR_DIR (WAL mode). Production: postgres://user:password@host:5432/name.",
)


def _database(url: str) -> dict:
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "zhongshu.sqlite3",
            # Keep each thread's connection: reopening costs the PRAGMAs on every request.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if not config["ENGINE"].endswith(("postgresql", "sqlite3")):
        raise ImproperlyConfigured(
            "ZHONGSHU_DATABASE_URL: only PostgreSQL and SQLite are supported"
        )
    return config


DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["zhongshu.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_MIN_LENGTH = env(
    "ZHONGSHU_PASSWORD_MIN_LENGTH", 8, "Minimum password length (等保 level 3 practice: 8).", "int"
)
PASSWORD_MIN_CLASSES = env(
    "ZHONGSHU_PASSWORD_MIN_CLASSES",
    3,
    "How many of the four character classes (upper, lower, digit, symbol) a password needs.",
    "int",
)
PASSWORD_MAX_AGE_DAYS = env(
    "ZHONGSHU_PASSWORD_MAX_AGE_DAYS",
    90,
    "Days after which a password must be changed; 0 disables expiry.",
    "int",
)
LOCKOUT_THRESHOLD = env(
    "ZHONGSHU_LOCKOUT_THRESHOLD", 5, "Consecutive failed logins that lock an account.", "int"
)
LOCKOUT_MINUTES = env(
    "ZHONGSHU_LOCKOUT_MINUTES",
    15,
    "Minutes an account stays locked after too many failures.",
    "int",
)
SESSION_IDLE_MINUTES = env(
    "ZHONGSHU_SESSION_IDLE_MINUTES", 15, "Idle minutes after which a session is logged out.", "int"
)
SESSION_COOKIE_AGE = (
    env(
        "ZHONGSHU_SESSION_MAX_HOURS",
        12,
        "Absolute session lifetime in hours, whatever the activity.",
        "int",
    )
    * 3600
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "zhongshu.accounts.validators.ComplexityValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
MEDIA_ROOT = Path(
    env(
        "ZHONGSHU_MEDIA_ROOT",
        str(VAR_DIR / "media"),
        "Directory for uploaded files when the local file storage is used.",
        shown="$ZHONGSHU_VAR_DIR/media",
    )
)
MEDIA_URL = "/media/"
STORAGES = {
    "default": {
        "BACKEND": env(
            "ZHONGSHU_FILE_STORAGE",
            "django.core.files.storage.FileSystemStorage",
            "Django storage class for uploaded files (an S3-compatible backend in production).",
        ),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": env(
            "ZHONGSHU_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend",
            "Django task backend; the database backend needs no broker.",
        ),
    }
}

EMAIL_BACKEND = env(
    "ZHONGSHU_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "Django mail backend for notification e-mail.",
)
NOTIFY_EMAIL_ENABLED = env(
    "ZHONGSHU_NOTIFY_EMAIL",
    False,
    "Send notifications by e-mail as well as in the application.",
    "bool",
)
SMS_GATEWAY = env(
    "ZHONGSHU_SMS_GATEWAY",
    "zhongshu.tracking.sms.LoggingGateway",
    "Dotted path of the SMS gateway class; the default only writes to the log.",
)
TRACKING_ESCALATE_AFTER = env(
    "ZHONGSHU_ESCALATE_AFTER_CHASES",
    3,
    "Chases without an answer after which a tracked item is escalated to the leaders in charge of its lead unit and becomes a key item (SUP-5).",
    "int",
)

MAX_CLASSIFICATION = env(
    "ZHONGSHU_MAX_CLASSIFICATION",
    "",
    "Highest classification (密级) this deployment may hold: empty (none), 秘密, 机密 or 绝密.",
)
RULE_PROFILE = env(
    "ZHONGSHU_RULE_PROFILE",
    "district",
    "Rule profile (政策配置) made active when the rule catalogue is first loaded: district or city. Afterwards an office administrator switches it on the rules page.",
)
AUDIT_RETENTION_DAYS = env(
    "ZHONGSHU_AUDIT_RETENTION_DAYS",
    180,
    "Audit records are never purged before this many days (等保: at least 180).",
    "int",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zhongshu.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["zhongshu.framework.permissions.IsBusinessUser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "zhongshu.framework.pagination.DefaultPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "zhongshu.framework.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Zhongshu API",
    "DESCRIPTION": "中枢 — 政府办公室运行系统 API。拒绝的操作返回 409/422 与违反的规则编号。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env("ZHONGSHU_LOG_LEVEL", "INFO", "Log level of the root logger."),
    },
    # Libraries that narrate their work at INFO (font subsetting for charts and PDFs,
    # jieba's dictionary loading) speak only when something goes wrong.
    "loggers": {name: {"level": "WARNING"} for name in ("fontTools", "matplotlib", "jieba", "PIL")},
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

FIELD_KEY = env(
    "ZHONGSHU_FIELD_KEY",
    "",
    "32 hex digits: the SM4 key sealing secrets stored in the database (TOTP seeds). "
    "Empty: derived from the secret key. Changing it makes users enrol their second "
    "factor again.",
)

# Documents (incoming and outgoing)
DOCUMENT_MAX_UPLOAD_MB = env(
    "ZHONGSHU_DOCUMENT_MAX_UPLOAD_MB",
    100,
    "Largest file accepted as a document's main file or attachment, in megabytes.",
    "int",
)
DOCUMENT_MAX_CLASSIFICATION = env(
    "ZHONGSHU_DOCUMENT_MAX_CLASSIFICATION",
    "none",
    "Highest classification this deployment may hold: none (非密, the default on the "
    "government intranet), secret, confidential or top_secret. A document above it is "
    "refused; only its paper-handling record may be kept.",
)
