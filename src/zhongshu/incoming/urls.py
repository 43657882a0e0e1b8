from django.urls import path

from . import views

app_name = "incoming"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="document_list"),
    path("register/", views.RegisterView.as_view(), name="document_register"),
    path("leader/", views.LeaderListView.as_view(), name="leader_list"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics/chart.svg", views.MonthlyChartView.as_view(), name="statistics_chart"),
    path("<uuid:uuid>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("<uuid:uuid>/edit/", views.RegisterView.as_view(), name="document_edit"),
    path("<uuid:uuid>/sheet/", views.SheetView.as_view(), name="document_sheet"),
    path("<uuid:uuid>/sheet.pdf", views.SheetPdfView.as_view(), name="document_sheet_pdf"),
    path("<uuid:uuid>/leader/", views.LeaderDocumentView.as_view(), name="leader_document"),
    path(
        "<uuid:uuid>/files/<uuid:file_uuid>/",
        views.FileDownloadView.as_view(),
        name="file_download",
    ),
    path("<uuid:uuid>/<slug:action>/", views.DocumentActionView.as_view(), name="document_action"),
]
