from zhongshu.clock.testing import _fresh_clock  # noqa: F401
from zhongshu.tracking.tests.conftest import catalogue_reset, clock, org  # noqa: F401
