"""The request context that audit records and services read: request id, address, acting user."""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    address: str = ""


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "zhongshu_request_context", default=None
)


def current() -> RequestContext:
    ctx = _current.get()
    if ctx is None:
        # Outside a request (tasks, commands): a fresh id per operation chain.
        ctx = RequestContext(request_id="job-" + uuid.uuid4().hex[:16])
        _current.set(ctx)
    return ctx


def activate(ctx: RequestContext) -> contextvars.Token:
    return _current.set(ctx)


def deactivate(token: contextvars.Token) -> None:
    _current.reset(token)
