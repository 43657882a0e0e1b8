"""Settings for benchmark servers: the dev settings plus a bare view to compare against."""

from zhongshu.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
