app_name = "clock"
urlpatterns: list = []
