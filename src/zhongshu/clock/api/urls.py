from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("calendar/years", views.CalendarYearViewSet, basename="calendar-year")
router.register("calendar", views.CalendarViewSet, basename="calendar")

urlpatterns = router.urls
