from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("tracking/items", views.TrackedItemViewSet, basename="tracking-item")
router.register("notifications", views.NotificationViewSet, basename="notification")

urlpatterns = [
    *router.urls,
    path(
        "tracking/chases/<uuid:uuid>/answer/",
        views.ChaseAnswerView.as_view(),
        name="tracking-chase-answer",
    ),
    path(
        "tracking/extensions/<uuid:uuid>/decide/",
        views.ExtensionDecideView.as_view(),
        name="tracking-extension-decide",
    ),
]
