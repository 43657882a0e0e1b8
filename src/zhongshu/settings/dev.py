"""Settings for `make run`: the embedded default on one machine, over plain HTTP on 127.0.0.1."""

from .base import *  # noqa: F403
from .base import SECRET_KEY

if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "No secret key: set ZHONGSHU_SECRET_KEY or run `make run`, which writes var/secret_key."
    )
