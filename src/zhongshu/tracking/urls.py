from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("items/", views.ItemListView.as_view(), name="item_list"),
    path("items/new/", views.ItemCreateView.as_view(), name="item_create"),
    path("items/<uuid:uuid>/", views.ItemDetailView.as_view(), name="item_detail"),
    path("items/<uuid:uuid>/<slug:action>/", views.ItemActionView.as_view(), name="item_action"),
    path("chases/<uuid:uuid>/answer/", views.ChaseAnswerView.as_view(), name="chase_answer"),
    path(
        "extensions/<uuid:uuid>/decide/",
        views.ExtensionDecideView.as_view(),
        name="extension_decide",
    ),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path(
        "notifications/read-all/",
        views.NotificationReadAllView.as_view(),
        name="notification_read_all",
    ),
    path(
        "notifications/<uuid:uuid>/",
        views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path("reading/<uuid:uuid>/", views.ReadRequestOpenView.as_view(), name="readrequest_open"),
]
