"""SMS gateways. A deployment names its gateway class in ZHONGSHU_SMS_GATEWAY; the
default only writes the message to the log (no SMS provider is assumed)."""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("zhongshu.sms")


class BaseGateway:
    """Subclass and implement ``send``; raise to report a failure (the notification is
    then marked delivered anyway: the bell still holds it, and SMS is best effort)."""

    def send(self, mobile: str, text: str) -> None:
        raise NotImplementedError


class LoggingGateway(BaseGateway):
    def send(self, mobile: str, text: str) -> None:
        masked = mobile[:3] + "****" + mobile[-4:] if len(mobile) >= 7 else "****"
        log.info("SMS to %s: %s", masked, text)


@cache
def _gateway_class(path: str) -> type[BaseGateway]:
    return import_string(path)


def gateway() -> BaseGateway:
    return _gateway_class(settings.SMS_GATEWAY)()
