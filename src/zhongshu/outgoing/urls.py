from django.urls import path

from . import views

app_name = "outgoing"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("new/", views.DraftCreateView.as_view(), name="create"),
    path("ledger/", views.LedgerView.as_view(), name="ledger"),
    path("numbers/", views.NumberRegisterView.as_view(), name="numbers"),
    path("public/", views.PublicListView.as_view(), name="public_list"),
    path("public/<uuid:uuid>/", views.PublicDetailView.as_view(), name="public_detail"),
    path(
        "public/<uuid:uuid>/document.<str:fmt>",
        views.PublicDownloadView.as_view(),
        name="public_download",
    ),
    path("<uuid:uuid>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<uuid:uuid>/edit/", views.DraftEditView.as_view(), name="edit"),
    path("<uuid:uuid>/route/", views.RoutePreviewView.as_view(), name="route"),
    path("<uuid:uuid>/act/<slug:action>/", views.ActionView.as_view(), name="act"),
    path("<uuid:uuid>/document.<str:fmt>", views.DownloadView.as_view(), name="download"),
]
