"""All API routes under /api/v1/: each app contributes its own ``api/urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("", include("zhongshu.org.api.urls")),
    path("", include("zhongshu.accounts.api.urls")),
    path("", include("zhongshu.audit.api.urls")),
    path("", include("zhongshu.clock.api.urls")),
    path("", include("zhongshu.rules.api.urls")),
    path("", include("zhongshu.tracking.api.urls")),
    path("", include("zhongshu.workbench.api.urls")),
    path("", include("zhongshu.incoming.api.urls")),
    path("", include("zhongshu.outgoing.api.urls")),
    path("", include("zhongshu.supervision.api.urls")),
    path("", include("zhongshu.meetings.api.urls")),
]
