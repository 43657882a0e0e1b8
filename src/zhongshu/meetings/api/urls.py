from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("meetings/meetings", views.MeetingViewSet, basename="meetings-meeting")
router.register("meetings/topics", views.TopicViewSet, basename="meetings-topic")
router.register("meetings/plan-entries", views.PlanEntryViewSet, basename="meetings-plan-entry")
router.register(
    "meetings/emergency-decisions",
    views.EmergencyDecisionViewSet,
    basename="meetings-emergency-decision",
)

urlpatterns = [
    *router.urls,
    path(
        "meetings/document-matters/<uuid:uuid>/",
        views.DocumentMatterView.as_view(),
        name="meetings-document-matter",
    ),
]
