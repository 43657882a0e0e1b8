from __future__ import annotations

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class ComplexityValidator:
    """At least PASSWORD_MIN_LENGTH characters from PASSWORD_MIN_CLASSES of the four
    character classes (等保 2.0 level 3 practice)."""

    def validate(self, password: str, user=None) -> None:
        length = settings.PASSWORD_MIN_LENGTH
        needed = settings.PASSWORD_MIN_CLASSES
        classes = sum(
            (
                any(c.islower() for c in password),
                any(c.isupper() for c in password),
                any(c.isdigit() for c in password),
                any(c in string.punctuation or c == " " for c in password),
            )
        )
        if len(password) < length or classes < needed:
            raise ValidationError(
                _(
                    "密码至少 %(length)d 位，并包含大写字母、小写字母、数字、符号中的至少 %(needed)d 类。"
                )
                % {"length": length, "needed": needed},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _(
            "密码至少 %(length)d 位，并包含大写字母、小写字母、数字、符号中的至少 %(needed)d 类。"
        ) % {
            "length": settings.PASSWORD_MIN_LENGTH,
            "needed": settings.PASSWORD_MIN_CLASSES,
        }
