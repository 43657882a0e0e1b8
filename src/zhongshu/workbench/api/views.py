"""/api/v1/workbench/: the summary counts, each list (cursor pages, the item filters) and
the leader's counts by colour."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from zhongshu.framework.api import BigListPagination
from zhongshu.tracking import policies, services
from zhongshu.tracking.acting import reach_of
from zhongshu.tracking.api import serializers as s
from zhongshu.tracking.filtersets import TrackedItemFilterSet
from zhongshu.tracking.models import TrackedItem

from .. import lists


class ListPagination(BigListPagination):
    page_size = 20  # as the HTML pages; a client may ask for up to 200

    def get_ordering(self, request, queryset, view):
        return view.worklist.default_sort


class SummaryView(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request):
        reach = reach_of(request.user)
        counts = lists.card_counts(reach) if reach.person else {}
        return Response({"counts": counts, "is_leader": lists.is_leader(reach)})


class WorkListView(generics.ListAPIView):
    """One list: todo, to_read, due_soon, overdue, chased, started, leader."""

    pagination_class = ListPagination
    filter_backends: list = []

    @property
    def worklist(self):
        found = lists.LISTS.get(self.kwargs["key"])
        if found is None:
            raise Http404
        return found

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no list key
            return s.TrackedItemSerializer
        return {"item": s.TrackedItemSerializer, "chase": s.ChaseSerializer}.get(
            self.worklist.row, s.ReadRequestSerializer
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TrackedItem.objects.none()
        worklist = self.worklist
        if worklist.key == "leader" and not lists.is_leader(reach_of(self.request.user)):
            raise Http404
        qs = lists.queryset_for(worklist.key, reach_of(self.request.user))
        if worklist.row == "item":
            qs = qs.defer(None)  # the API shape has more than a page row
            qs = TrackedItemFilterSet(
                self.request.query_params, queryset=qs, request=self.request
            ).qs
        return qs

    @extend_schema(
        parameters=[OpenApiParameter("key", str, OpenApiParameter.PATH, enum=list(lists.LISTS))],
        description="Rows are tracked items; the chased list returns chases and to_read returns read requests.",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class LeaderCountsView(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request):
        reach = reach_of(request.user)
        if not lists.is_leader(reach):
            raise Http404
        units = lists.colour_by_unit(reach)
        portfolios = lists.colour_by_portfolio(reach, units)
        return Response(
            {
                "units": [{k: v for k, v in row.items() if k != "path"} for row in units],
                "portfolios": [
                    {
                        "leader": row["leader"],
                        "fields": row["fields"],
                        **{c: row[c] for c in ("green", "yellow", "red")},
                    }
                    for row in portfolios
                ],
            }
        )


class ReadDoneView(APIView):
    @extend_schema(request=None, responses=s.ReadRequestSerializer)
    def post(self, request, uuid):
        read = get_object_or_404(policies.read_requests.visible_to(request.user), uuid=uuid)
        services.mark_read(actor=request.user, read_request=read)
        return Response(s.ReadRequestSerializer(read).data)
