from django.urls import path

from . import views, views_matters

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
    path("bodies/", views.MeetingBodiesView.as_view(), name="bodies"),
    path("bodies/<slug:type>/", views.MeetingBodyActionView.as_view(), name="body_set"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("plan/act/<slug:action>/", views.PlanActionView.as_view(), name="plan_act"),
    path("emergency/", views_matters.EmergencyListView.as_view(), name="emergency_list"),
    path(
        "documents/<uuid:uuid>/matter/",
        views_matters.DocumentMatterView.as_view(),
        name="document_matter",
    ),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/new/", views.TopicCreateView.as_view(), name="topic_create"),
    path("topics/<uuid:uuid>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("topics/<uuid:uuid>/edit/", views.TopicEditView.as_view(), name="topic_edit"),
    path(
        "topics/<uuid:uuid>/act/<slug:action>/", views.TopicActionView.as_view(), name="topic_act"
    ),
    path("<uuid:uuid>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<uuid:uuid>/act/<slug:action>/", views.MeetingActionView.as_view(), name="meeting_act"),
    path(
        "<uuid:uuid>/emergency-report/",
        views_matters.EmergencyReportView.as_view(),
        name="emergency_report",
    ),
    path("<uuid:uuid>/minutes/", views.MinutesEditView.as_view(), name="minutes_edit"),
    path("<uuid:uuid>/minutes.docx", views.MinutesDownloadView.as_view(), name="minutes_download"),
]
