from django.urls import path

from . import views

urlpatterns = [
    path("workbench/summary/", views.SummaryView.as_view(), name="workbench-summary"),
    path("workbench/leader-counts/", views.LeaderCountsView.as_view(), name="workbench-leader"),
    path(
        "workbench/to-read/<uuid:uuid>/read/", views.ReadDoneView.as_view(), name="workbench-read"
    ),
    path("workbench/<slug:key>/", views.WorkListView.as_view(), name="workbench-list"),
]
