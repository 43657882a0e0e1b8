"""Settings of the tracking benchmark's server: the benchmark settings, with SQLite
connections kept between requests as PostgreSQL's are (CONN_MAX_AGE): a fresh SQLite
connection starts with an empty page cache, which at a million rows costs more than the
page itself. bench/tracking.py reports both."""

from bench_settings import *  # noqa: F403
from bench_settings import DATABASES

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 600
