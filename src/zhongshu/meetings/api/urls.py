from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("meetings/meetings", views.MeetingViewSet, basename="meetings-meeting")
router.register("meetings/topics", views.TopicViewSet, basename="meetings-topic")
router.register("meetings/plan-entries", views.PlanEntryViewSet, basename="meetings-plan-entry")

urlpatterns = router.urls
