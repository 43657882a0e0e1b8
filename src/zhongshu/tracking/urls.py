app_name = "tracking"
urlpatterns: list = []
