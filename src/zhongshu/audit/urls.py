from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.RecordListView.as_view(), name="record_list"),
    path("<int:pk>/", views.RecordDetailView.as_view(), name="record_detail"),
    path("export/", views.RecordExportView.as_view(), name="record_export"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
]
