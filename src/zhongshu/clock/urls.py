from django.urls import path

from . import views

app_name = "clock"
urlpatterns = [
    path("", views.CalendarView.as_view(), name="calendar"),
    path("<int:year>/", views.CalendarView.as_view(), name="calendar_year"),
    path("<int:year>/enter/", views.YearEntryView.as_view(), name="year_enter"),
    path("day/<str:day>/", views.DayEditView.as_view(), name="day_edit"),
]
