"""The actions on a document's page: each a form, a permission and one service call.
Shared by the detail page, the leader's phone view and (for the names) the API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from . import forms, services, transitions
from .choices import Decision, DocState
from .models import Circulation, HandlingTask, IncomingDocument
from .policies import documents


@dataclass(frozen=True)
class Action:
    label: str
    form_class: type
    permitted: Callable[[Any, IncomingDocument], bool]
    run: Callable[[Any, IncomingDocument, dict, int | None], Any]
    transition: str = ""
    initial_data: Callable[[IncomingDocument], dict] | None = None
    # forms whose choices depend on the document take it (``document=``)
    needs_document: bool = False

    def initial(self, doc: IncomingDocument, name: str):
        data = self.initial_data(doc) if self.initial_data else None
        return self.bound(doc, name, initial=data)

    def bound(self, doc: IncomingDocument, name: str, *args, **kwargs):
        if self.needs_document:
            kwargs["document"] = doc
        return self.form_class(*args, auto_id=f"{name}-%s", **kwargs)

    def perform(self, user, doc: IncomingDocument, form, version: int | None) -> str:
        self.run(user, doc, form, version)
        return ""


def _review_initial(doc: IncomingDocument) -> dict:
    from .services import REVIEW_FIELDS

    return {name: getattr(doc, name) for name in REVIEW_FIELDS if name != "addressed_leader"} | {
        "addressed_leader": doc.addressed_leader_id
    }


def _pass(user, doc, form, version):
    services.pass_review(
        actor=user, document=doc, data=form.review_data(), expected_version=version
    )


def _return(user, doc, form, version):
    services.propose_return(
        actor=user,
        document=doc,
        reason=form.cleaned_data.get("reason", ""),
        data=form.review_data(),
        approver=form.cleaned_data.get("approver"),
        expected_version=version,
    )


def _propose(user, doc, form, version):
    data = form.cleaned_data
    services.propose_handling(
        actor=user,
        document=doc,
        mode=data["mode"],
        proposal=data["proposal"],
        leaders=form.chosen_leaders(),
        lead_unit=data.get("lead_unit"),
        cooperating_units=list(data.get("cooperating_units") or []),
        readers=list(data.get("readers") or []),
        in_order=data.get("in_order", False),
        flags=form.flags(),
        expected_version=version,
    )


def _instruct(user, doc, form, version):
    step = services.pending_step(doc)
    if step is None:
        raise Http404
    data = form.cleaned_data
    services.instruct(
        actor=user,
        instruction=step,
        decision=data["decision"],
        opinion=data.get("opinion", ""),
        add_units=list(data.get("add_units") or []),
        pass_to=data.get("pass_to"),
    )


def _decide_return(user, doc, form, version):
    services.decide_return(
        actor=user,
        document=doc,
        approve=form.cleaned_data["approve"],
        opinion=form.cleaned_data.get("opinion", ""),
    )


def _report(user, doc, form, version):
    task = doc.tasks.filter(uuid=form.cleaned_data["task"]).select_related("unit", "item").first()
    if task is None or not documents.can_report(user, task):
        raise Http404
    data = form.cleaned_data
    services.report_handling(
        actor=user,
        task=task,
        result=data["result"],
        reply_number=data.get("reply_number", ""),
        reply_text=data.get("reply_text", ""),
    )


def _circulate(user, doc, form, version):
    services.circulate(
        actor=user,
        document=doc,
        readers=list(form.cleaned_data["readers"]),
        in_order=form.cleaned_data["in_order"],
    )


def _read(user, doc, form, version):
    row = (
        doc.circulations.filter(uuid=form.cleaned_data["circulation"])
        .select_related("read_request")
        .first()
    )
    if row is None or not documents.can_read(user, row):
        raise Http404
    services.mark_circulation_read(actor=user, circulation=row)


def _chase(user, doc, form, version):
    services.chase_circulation(actor=user, document=doc)


def _complete(user, doc, form, version):
    services.complete_incoming(
        actor=user, document=doc, result=form.cleaned_data["result"], expected_version=version
    )


def _reply(user, doc, form, version):
    wanted = form.cleaned_data.get("outgoing")
    outgoing = services.reply_candidates(doc).filter(uuid=wanted).first() if wanted else None
    services.record_reply(
        actor=user,
        document=doc,
        reply_number=form.cleaned_data.get("reply_number", ""),
        reply_text=form.cleaned_data.get("reply_text", ""),
        outgoing=outgoing,
    )


def _archive(user, doc, form, version):
    services.archive_incoming(actor=user, document=doc, expected_version=version)


def _registry(user, doc) -> bool:
    return documents.can_register(user)


def _has_unread(doc) -> bool:
    return doc.circulations.filter(
        sent_at__isnull=False, read_request__read_at__isnull=True
    ).exists()


ACTIONS: dict[str, Action] = {
    "pass_review": Action(
        "初审通过", forms.ReviewForm, _registry, _pass, "pass_review", _review_initial
    ),
    "propose_return": Action(
        "提出退文", forms.ReviewForm, _registry, _return, "propose_return", _review_initial
    ),
    "decide_return": Action(
        "审批退文", forms.ReturnDecisionForm, documents.can_decide_return, _decide_return
    ),
    "propose_handling": Action(
        "拟办",
        forms.ProposalForm,
        _registry,
        _propose,
        "propose_handling",
        lambda d: {
            "difficult": d.difficult,
            "important": d.important,
            "needs_implementation": d.needs_implementation,
            "own_due_date": d.own_due_date,
        },
    ),
    "instruct": Action("批示", forms.InstructForm, documents.can_instruct, _instruct),
    "report": Action(
        "报告办理结果",
        forms.ReportForm,
        lambda u, d: any(documents.can_report(u, t) for t in d.tasks.all()),
        _report,
    ),
    "circulate": Action("传阅", forms.CirculateForm, _registry, _circulate, "circulate"),
    "read": Action(
        "已阅",
        forms.ReadForm,
        lambda u, d: any(documents.can_read(u, c) for c in d.circulations.all()),
        _read,
    ),
    "chase_reading": Action(
        "催阅",
        forms.EmptyForm,
        lambda u, d: _registry(u, d) and _has_unread(d),
        _chase,
        "circulate",
    ),
    "complete": Action("办结", forms.CompleteForm, _registry, _complete, "complete"),
    "reply": Action(
        "登记答复", forms.ReplyForm, _registry, _reply, "record_reply", needs_document=True
    ),
    "archive": Action("归档", forms.EmptyForm, _registry, _archive, "archive"),
}
# Shown as forms on the page only in these states (the others are driven by the rows).
STATE_BOUND = {"decide_return": DocState.RETURN_PROPOSED, "instruct": DocState.INSTRUCTING}
ROW_ACTIONS = {"report", "read"}


def available(user, doc: IncomingDocument) -> list[str]:
    found = []
    for name, action in ACTIONS.items():
        if name in ROW_ACTIONS:
            continue
        if action.transition and not transitions.allowed(doc, action.transition):
            continue
        if name in STATE_BOUND and doc.state != STATE_BOUND[name]:
            continue
        if action.permitted(user, doc):
            found.append(name)
    return found


__all__ = ["ACTIONS", "Circulation", "Decision", "HandlingTask", "available"]
