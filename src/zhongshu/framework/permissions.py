"""DRF permission classes. Kept apart from ``api.py`` so DRF settings can import them
without importing DRF's views (which read these settings)."""

from rest_framework import permissions

from .policies import is_business_user


class IsBusinessUser(permissions.BasePermission):
    message = "三员账号不能访问业务数据。"

    def has_permission(self, request, view) -> bool:
        return is_business_user(request.user)
