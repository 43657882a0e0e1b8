"""Production settings: HTTPS behind a reverse proxy, secure cookies, HSTS."""

from zhongshu.conf import env

from .base import *  # noqa: F403
from .base import SECRET_KEY

if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "No secret key: set ZHONGSHU_SECRET_KEY or ZHONGSHU_SECRET_KEY_FILE."
    )

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env(
    "ZHONGSHU_SSL_REDIRECT", True, "Redirect plain HTTP to HTTPS (production settings).", "bool"
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env(
    "ZHONGSHU_HSTS_SECONDS", 31536000, "HSTS max-age in seconds (production settings).", "int"
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
