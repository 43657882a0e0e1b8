"""The actions on an item, shared by the item page and the API: the form each takes, the
policy verb that guards it, and the one service it calls."""

from __future__ import annotations

from typing import Any

from . import forms, services
from .models import TrackedItem

ACTIONS: dict[str, tuple[Any, str]] = {
    "start": (None, "start"),
    "report": (forms.ReportForm, "report"),
    "request-closeout": (forms.OutcomeForm, "request_closeout"),
    "approve-closeout": (forms.OpinionForm, "approve_closeout"),
    "refuse-closeout": (forms.OpinionForm, "refuse_closeout"),
    "close": (forms.OutcomeForm, "close"),
    "cancel": (forms.ReasonForm, "cancel"),
    "request-extension": (forms.ExtensionForm, "request_extension"),
    "suspend": (forms.ReasonForm, "suspend"),
    "resume": (None, "resume"),
    "chase": (forms.ChaseForm, "chase"),
    "reassign": (forms.ReassignForm, "reassign"),
    "lists": (forms.ListsForm, "update_lists"),
}
# Which transition of the table an action needs (others are checked by their service).
STATE_OF = {
    "start": "start",
    "report": "report",
    "request-closeout": "request_closeout",
    "approve-closeout": "approve_closeout",
    "refuse-closeout": "refuse_closeout",
    "close": "close",
    "cancel": "cancel",
}


def perform(action: str, user, item: TrackedItem, data: dict, version: int | None) -> None:
    v = {"expected_version": version}
    match action:
        case "start":
            services.start_item(actor=user, item=item, **v)
        case "report":
            services.report_progress(
                actor=user,
                item=item,
                text=data["text"] or "",
                percent=data["percent"],
                attachments=data["attachments"],
                **v,
            )
        case "request-closeout":
            services.request_closeout(
                actor=user, item=item, outcome=data["outcome"] or "", results=data["results"], **v
            )
        case "approve-closeout":
            services.approve_closeout(actor=user, item=item, opinion=data["opinion"], **v)
        case "refuse-closeout":
            services.refuse_closeout(actor=user, item=item, opinion=data["opinion"], **v)
        case "close":
            services.close_item(actor=user, item=item, outcome=data["outcome"] or "", **v)
        case "cancel":
            services.cancel_item(actor=user, item=item, reason=data["reason"], **v)
        case "request-extension":
            services.request_extension(
                actor=user,
                item=item,
                amount=data["amount"],
                unit=data["unit"],
                reason=data["reason"],
            )
        case "suspend":
            services.suspend_item(actor=user, item=item, reason=data["reason"], **v)
        case "resume":
            services.resume_item(actor=user, item=item, **v)
        case "chase":
            services.chase_item(
                actor=user, item=item, method=data["method"], message=data["message"]
            )
        case "reassign":
            services.reassign_item(
                actor=user,
                item=item,
                responsible=data["responsible"],
                lead_unit=data["lead_unit"],
                **v,
            )
        case "lists":
            lists = {name: data[name] for name in forms.ListsForm.NAMES}
            services.update_item_lists(actor=user, item=item, target=data["target"], **lists, **v)
