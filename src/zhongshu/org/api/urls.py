from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("sections", views.SectionViewSet, basename="section")
router.register("series-codes", views.SeriesCodeViewSet, basename="seriescode")
router.register("posts", views.PostViewSet, basename="post")
router.register("people", views.PersonViewSet, basename="person")
router.register("positions", views.PositionViewSet, basename="position")
router.register("portfolios", views.PortfolioViewSet, basename="portfolio")
router.register("delegations", views.DelegationViewSet, basename="delegation")

urlpatterns = router.urls
