"""Suite-wide fixtures: the network is blocked, nothing is left on disk."""

from __future__ import annotations

import socket

import pytest

# The audit trail's append-only triggers step aside for the test flush only; the clock
# forgets a working-day index built on a calendar a test edited and rolled back.
pytest_plugins = ["zhongshu.audit.testing", "zhongshu.clock.testing"]

_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (
        host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")
    ):
        return _real_connect(self, address)
    if self.family == socket.AF_UNIX:
        return _real_connect(self, address)
    raise RuntimeError(f"network access blocked in tests: {address!r}")


@pytest.fixture(autouse=True, scope="session")
def _block_network():
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
