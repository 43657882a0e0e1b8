"""Who sees a meeting or a topic and who acts on it.

Meetings are seen by holders of ``view_all_meetings`` (office, leaders, supervision),
by their participants and by the people of the organising unit; topics by
``view_all_meetings``, the lead unit's people, the deputy head reviewing it and the head.
The office's meeting staff (``manage_meetings``) run meetings: agenda, participants,
attendance, decisions, minutes. Leaders act where the services check them (the approver,
the presiding leader, the deputy head in charge, the head). Anyone else: 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zhongshu.framework.policies import Policy, is_business_user
from zhongshu.tracking.acting import reach_of

from .choices import EmergencyState, MeetingState, MinutesState, PlanEntryState, TopicState
from .models import EmergencyDecision, Meeting, Participant, PlanEntry, Topic

SEE_ALL = "meetings.view_all_meetings"
MANAGE = "meetings.manage_meetings"


def _people(user: Any) -> list[int]:
    return reach_of(user).person_ids


class MeetingPolicy(Policy):
    model = Meeting

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        reach = reach_of(user)
        if reach.person is None:
            return queryset.none()
        if user.has_perm(SEE_ALL):
            return queryset
        people = reach.person_ids
        # three indexable terms (organiser, presiding, the participants' person index):
        # the databases answer the OR by a union of index lookups, not a table scan
        seats = Participant.objects.filter(person_id__in=people).values("meeting_id")
        return queryset.filter(
            Q(organiser_id__in=list(reach.unit_ids)) | Q(presiding_id__in=people) | Q(pk__in=seats)
        )

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and user.has_perm(MANAGE)

    def can_manage(self, user: Any, obj: Meeting | None = None) -> bool:
        return self.can_create(user) and (obj is None or self.can_view(user, obj))

    def can_approve(self, user: Any, obj: Meeting | None = None) -> bool:
        return bool(
            obj is not None
            and obj.state == MeetingState.SUBMITTED
            and obj.approver_id in _people(user)
        )

    def can_preside(self, user: Any, obj: Meeting | None = None) -> bool:
        return obj is not None and obj.presiding_id in _people(user)

    def can_sign(self, user: Any, obj: Meeting | None = None) -> bool:
        minutes = getattr(obj, "minutes", None) if obj is not None else None
        return bool(
            minutes is not None
            and minutes.state == MinutesState.SUBMITTED
            and self.can_preside(user, obj)
        )

    def can_decide_leave(self, user: Any, obj: Meeting | None = None) -> bool:
        """MTG-12: leave is asked of the presiding leader."""
        return self.can_preside(user, obj)

    def can_send_back(self, user: Any, obj: Meeting | None = None) -> bool:
        return self.can_sign(user, obj)

    def can_attend(self, user: Any, obj: Meeting | None = None) -> bool:
        """A participant asks for leave or gives a written opinion."""
        if obj is None:
            return False
        return obj.participants.filter(person_id__in=_people(user)).exists()


class TopicPolicy(Policy):
    model = Topic

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        reach = reach_of(user)
        if reach.person is None:
            return queryset.none()
        if user.has_perm(SEE_ALL):
            return queryset
        from .services import head

        people = reach.person_ids
        the_head = head()
        visible = Q(lead_unit_id__in=list(reach.unit_ids)) | Q(reviewer_id__in=people)
        if the_head is not None and the_head.pk in people:
            visible |= ~Q(state=TopicState.DRAFT)
        return queryset.filter(visible)

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and getattr(user, "person", None) is not None

    def can_edit(self, user: Any, obj: Topic | None = None) -> bool:
        return bool(
            obj is not None
            and obj.state in (TopicState.DRAFT, TopicState.RETURNED)
            and (obj.lead_unit_id in reach_of(user).unit_ids or user.has_perm(MANAGE))
        )

    can_request = can_edit
    can_add_material = can_edit

    def can_withdraw(self, user: Any, obj: Topic | None = None) -> bool:
        return bool(
            obj is not None
            and obj.state in (TopicState.DRAFT, TopicState.REQUESTED, TopicState.RETURNED)
            and (obj.lead_unit_id in reach_of(user).unit_ids or user.has_perm(MANAGE))
        )

    def can_return(self, user: Any, obj: Topic | None = None) -> bool:
        """The reviewing deputy head (requested) or the head (proposed) sends it back."""
        return self.can_review(user, obj) or self.can_approve(user, obj)

    def can_record(self, user: Any, obj: Topic | None = None) -> bool:
        """Record a review (MTG-4): the lead unit or the office."""
        return bool(
            obj is not None
            and (obj.lead_unit_id in reach_of(user).unit_ids or user.has_perm(MANAGE))
        )

    def can_review(self, user: Any, obj: Topic | None = None) -> bool:
        return bool(
            obj is not None
            and obj.state == TopicState.REQUESTED
            and obj.reviewer_id in _people(user)
        )

    def can_approve(self, user: Any, obj: Topic | None = None) -> bool:
        from .services import head

        the_head = head()
        return bool(
            obj is not None
            and obj.state == TopicState.PROPOSED
            and the_head is not None
            and the_head.pk in _people(user)
        )

    def can_schedule(self, user: Any, obj: Topic | None = None) -> bool:
        return is_business_user(user) and user.has_perm(MANAGE)


class PlanEntryPolicy(Policy):
    """The annual plan (MTG-8): the office and leaders see it all; a department its own
    entries. A department proposes, the deputy head in charge endorses, the office
    compiles and records changes."""

    model = PlanEntry

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        reach = reach_of(user)
        if reach.person is None:
            return queryset.none()
        if user.has_perm(SEE_ALL):
            return queryset
        from zhongshu.org.models import Portfolio

        led = Portfolio.objects.filter(leader_id__in=reach.person_ids).values("units")
        return queryset.filter(Q(unit_id__in=list(reach.unit_ids)) | Q(unit_id__in=led))

    def can_propose(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and getattr(user, "person", None) is not None

    def can_endorse(self, user: Any, obj: PlanEntry | None = None) -> bool:
        from zhongshu.org.services import leaders_in_charge

        if obj is None or obj.state != PlanEntryState.PROPOSED:
            return False
        people = set(_people(user))
        return any(p.pk in people for p in leaders_in_charge(obj.unit))

    def can_compile(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and user.has_perm(MANAGE)

    can_change = can_compile


class DocumentMatterPolicy:
    """MTG-2 on outgoing documents: who marks a document 三重一大 and links the decided
    topic — someone who sees the document and drafted it (or is of its drafting unit),
    the office reviewing documents, or the office's meeting staff."""

    def can_mark(self, user: Any, document: Any) -> bool:
        from zhongshu.outgoing.policies import OutgoingPolicy

        if document is None or not is_business_user(user):
            return False
        reach = reach_of(user)
        own = document.drafter_id in reach.person_ids or (
            document.drafting_unit_id in reach.unit_ids
        )
        office = user.has_perm("outgoing.review_outgoing") or user.has_perm(MANAGE)
        return (own or office) and OutgoingPolicy().can_view(user, document)


class EmergencyDecisionPolicy(Policy):
    """MTG-6: a leader's emergency decision — seen by ``view_all_meetings`` and by the
    leader who took it; recorded and marked reported by the office's meeting staff."""

    model = EmergencyDecision

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        reach = reach_of(user)
        if reach.person is None:
            return queryset.none()
        if user.has_perm(SEE_ALL):
            return queryset
        return queryset.filter(decided_by_id__in=reach.person_ids)

    def can_create(self, user: Any, obj: Any = None) -> bool:
        return is_business_user(user) and user.has_perm(MANAGE)

    def can_report(self, user: Any, obj: EmergencyDecision | None = None) -> bool:
        return bool(self.can_create(user) and (obj is None or obj.state == EmergencyState.PENDING))
