from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import MeSerializer


class MeView(APIView):
    """The calling business user (session or token): who am I, which roles."""

    @extend_schema(responses=MeSerializer, operation_id="accounts_me")
    def get(self, request):
        return Response(MeSerializer(request.user).data)
