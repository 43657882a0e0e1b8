"""Who sees an incoming document and who acts on it.

Seen by: 秘书科 and the office leaders — all (``view_all_incoming``); a leader — what
passed through them (their instruction steps, a return they approve, a circulation to
them); a unit's people — what it sent and what it handles or cooperates on, and what is
circulated to them. Drafts only by the registry. Delegates see what their delegators see.
Anyone else: 404.

Acting: the registry (``register_incoming``) registers, reviews, proposes, circulates,
completes and archives; the leader of the pending step (or their delegate) instructs;
the leader in charge decides a return; a handling unit's people report its result; a
reader marks a circulation read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from zhongshu.framework.policies import Policy, is_business_user
from zhongshu.tracking.acting import reach_of, try_acting_as

from .choices import DocState, InstructionState, TaskState
from .models import Circulation, HandlingTask, IncomingDocument, Instruction

SEE_ALL = "incoming.view_all_incoming"
REGISTER = "incoming.register_incoming"
REGISTRY_VERBS = (
    "edit",
    "review",
    "propose",
    "circulate",
    "complete",
    "archive",
    "reply",
    "attach",
)


class IncomingPolicy(Policy):
    model = IncomingDocument

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        reach = reach_of(user)
        if reach.person is None:
            return queryset.none()
        if user.has_perm(SEE_ALL):
            return queryset
        people, units = reach.person_ids, list(reach.unit_ids)
        return queryset.exclude(state=DocState.DRAFT).filter(
            Q(sender_unit_id__in=units)
            | Exists(
                Instruction.objects.filter(
                    document_id=OuterRef("pk"), leader_id__in=people
                ).exclude(state=InstructionState.WAITING)
            )
            | Exists(HandlingTask.objects.filter(document_id=OuterRef("pk"), unit_id__in=units))
            | Exists(
                Circulation.objects.filter(
                    document_id=OuterRef("pk"), reader_id__in=people, sent_at__isnull=False
                )
            )
            | Q(
                state__in=[DocState.RETURN_PROPOSED, DocState.RETURNED, DocState.ARCHIVED],
                office_item__responsible_id__in=people,
            )
        )

    def can_register(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and user.has_perm(REGISTER)

    def __getattr__(self, name: str):
        verb = name.removeprefix("can_")
        if verb in REGISTRY_VERBS:
            return lambda user, obj=None: self.can_register(user)
        raise AttributeError(name)

    def can_decide_return(self, user: Any, obj: IncomingDocument) -> bool:
        item = obj.office_item
        return (
            is_business_user(user)
            and obj.state == DocState.RETURN_PROPOSED
            and item is not None
            and try_acting_as(user, lambda p: p.pk == item.responsible_id) is not None
        )

    def can_instruct(self, user: Any, obj: Instruction | IncomingDocument) -> bool:
        step = obj if isinstance(obj, Instruction) else _pending(obj)
        return (
            is_business_user(user)
            and step is not None
            and step.state == InstructionState.PENDING
            and try_acting_as(user, lambda p: p.pk == step.leader_id) is not None
        )

    def can_report(self, user: Any, obj: HandlingTask) -> bool:
        return (
            is_business_user(user)
            and obj.state == TaskState.OPEN
            and try_acting_as(user, lambda p: p.unit_id == obj.unit_id) is not None
        )

    def can_read(self, user: Any, obj: Circulation) -> bool:
        return (
            is_business_user(user)
            and obj.sent_at is not None
            and obj.reader_id in reach_of(user).person_ids
        )


def _pending(doc: IncomingDocument) -> Instruction | None:
    return doc.instructions.filter(state=InstructionState.PENDING).first()


documents = IncomingPolicy()
