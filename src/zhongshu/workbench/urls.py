from django.urls import path

from . import views

app_name = "workbench"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("list/<slug:key>/", views.ListView.as_view(), name="list"),
    path("leader/", views.LeaderView.as_view(), name="leader"),
    path("search/", views.SearchView.as_view(), name="search"),
]
