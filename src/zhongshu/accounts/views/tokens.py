"""A business user's own API tokens: create (the key is shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from zhongshu.framework.errors import RuleViolation
from zhongshu.framework.views import BusinessViewMixin, add_rule_errors

from .. import services
from ..forms import ApiTokenForm
from ..models import ApiToken


@method_decorator(never_cache, name="dispatch")
class TokenListView(BusinessViewMixin, View):
    template_name = "accounts/tokens.html"

    def _render(self, request, form, *, new_key: str = "", status: int = 200):
        tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")[:100]
        context = {"form": form, "tokens": tokens, "new_key": new_key, "now": timezone.now()}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, ApiTokenForm())

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _token, key = services.create_api_token(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                )
            except RuleViolation as exc:
                add_rule_errors(form, exc, on_fields=False)
            else:
                # Rendered, not redirected: the key exists only in this response.
                return self._render(request, ApiTokenForm(), new_key=key)
        return self._render(request, form, status=422)


class TokenRevokeView(BusinessViewMixin, View):
    def post(self, request, uuid):
        token = ApiToken.objects.filter(user=request.user, uuid=uuid).first()
        if token is None:
            raise Http404
        services.revoke_api_token(actor=request.user, token=token)
        messages.success(request, f"令牌“{token.name}”已撤销。")
        return redirect("accounts:token_list")
