from django.urls import path

from .views import MeView

urlpatterns = [
    path("accounts/me/", MeView.as_view(), name="accounts-me"),
]
