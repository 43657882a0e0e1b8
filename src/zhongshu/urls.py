from django.http import HttpResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("zhongshu.workbench.urls")),
    path("accounts/", include("zhongshu.accounts.urls")),
    path("org/", include("zhongshu.org.urls")),
    path("audit/", include("zhongshu.audit.urls")),
    path("calendar/", include("zhongshu.clock.urls")),
    path("rules/", include("zhongshu.rules.urls")),
    path("tracking/", include("zhongshu.tracking.urls")),
    path("incoming/", include("zhongshu.incoming.urls")),
    path("outgoing/", include("zhongshu.outgoing.urls")),
    path("supervision/", include("zhongshu.supervision.urls")),
    path("meetings/", include("zhongshu.meetings.urls")),
    path("api/v1/", include("zhongshu.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("healthz", healthz),
]
