from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("supervision/items", views.SupervisedItemViewSet, basename="supervision-item")
router.register("supervision/cases", views.CaseViewSet, basename="supervision-case")
router.register("supervision/bulletins", views.BulletinViewSet, basename="supervision-bulletin")
router.register(
    "supervision/accountability", views.AccountabilityViewSet, basename="supervision-accountability"
)

urlpatterns = [
    *router.urls,
    path(
        "supervision/orders/<uuid:uuid>/answer/",
        views.OrderAnswerView.as_view(),
        name="supervision-order-answer",
    ),
    path(
        "supervision/co-opinions/<uuid:uuid>/",
        views.CoOpinionView.as_view(),
        name="supervision-co-opinion",
    ),
    path("supervision/assessment/", views.AssessmentView.as_view(), name="supervision-assessment"),
]
