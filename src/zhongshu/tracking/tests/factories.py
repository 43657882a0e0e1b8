"""Factories for tracked items, with traits for lifecycle states. Deadlines come from the
real deadline engine."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from zhongshu.clock import engine
from zhongshu.org.tests.factories import PersonFactory, UnitFactory
from zhongshu.tracking import registry
from zhongshu.tracking.choices import ItemState
from zhongshu.tracking.models import TrackedItem
from zhongshu.tracking.services import create_item


def make_item(
    *,
    actor=None,
    days: int = 7,
    start: dt.datetime | None = None,
    lead_unit=None,
    responsible=None,
    creator=None,
    kind: str = registry.TASK,
    subject: str = "落实区政府常务会议议定事项",
    **kwargs,
) -> TrackedItem:
    """An item created through the service, due ``days`` working days after ``start``."""
    start = start or timezone.now()
    lead_unit = lead_unit or (responsible.unit if responsible else UnitFactory())
    deadline = engine.add_working_days(start, days, rule=kwargs.pop("rule", None))
    return create_item(
        actor=actor,
        kind=kind,
        subject=subject,
        lead_unit=lead_unit,
        deadline=deadline,
        responsible=responsible,
        creator=creator,
        **kwargs,
    )


class TrackedItemFactory(factory.django.DjangoModelFactory):
    """A bare row (no service): for list tests that need many items fast."""

    class Meta:
        model = TrackedItem

    subject = factory.Sequence(lambda n: f"跟踪事项{n}")
    kind = registry.TASK
    lead_unit = factory.SubFactory(UnitFactory)
    responsible = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..lead_unit"))
    state = ItemState.OPEN
    state_changed_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    awaiting = factory.SelfAttribute("responsible")
    awaiting_unit = factory.SelfAttribute("lead_unit")

    class Params:
        in_progress = factory.Trait(state=ItemState.IN_PROGRESS)
        closeout_requested = factory.Trait(
            state=ItemState.CLOSEOUT_REQUESTED,
            awaiting=factory.SelfAttribute("creator"),
            awaiting_unit=None,
        )
        closed = factory.Trait(state=ItemState.CLOSED, awaiting=None, awaiting_unit=None)
        overdue = factory.Trait(
            colour="red",
            was_overdue=True,
            due_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2)),
        )
