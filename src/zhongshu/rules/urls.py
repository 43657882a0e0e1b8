from django.urls import path, register_converter

from . import views


class RuleIdConverter:
    """A rule ID as RULES.md writes it: CAL-2, DOC-IN-10."""

    regex = r"[A-Z]+(?:-[A-Z]+)?-[0-9]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RuleIdConverter, "rule_id")

app_name = "rules"
urlpatterns = [
    path("", views.RuleListView.as_view(), name="rule_list"),
    path("profile/", views.ProfileSwitchView.as_view(), name="profile_switch"),
    path("<rule_id:rule_id>/", views.RuleDetailView.as_view(), name="rule_detail"),
    path("<rule_id:rule_id>/edit/", views.RuleEditView.as_view(), name="rule_edit"),
]
