from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """A bare Django view: the floor any page is compared with."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("", include("zhongshu.urls"))]
