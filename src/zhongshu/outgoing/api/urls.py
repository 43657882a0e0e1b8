from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("outgoing/documents", views.OutgoingViewSet, basename="outgoing-document")
router.register("outgoing/public", views.PublicViewSet, basename="outgoing-public")

urlpatterns = router.urls
