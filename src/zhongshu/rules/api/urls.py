from rest_framework.routers import SimpleRouter

from .views import RuleViewSet

router = SimpleRouter()
router.register("rules", RuleViewSet, basename="rule")

urlpatterns = router.urls
