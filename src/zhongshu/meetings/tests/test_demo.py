"""The demo loads through the services (the clock replayed); a second run adds nothing."""

from __future__ import annotations

import io

import pytest

from zhongshu.meetings.choices import MeetingState, MeetingType, MinutesState, TopicState
from zhongshu.meetings.demo import HELD_TOPIC, REVIEW_TOPIC, load_demo
from zhongshu.meetings.models import Meeting, Topic

pytestmark = pytest.mark.django_db


def test_demo_loads_meetings_in_their_states_and_is_idempotent():
    from zhongshu.org.demo.loader import DemoLoader

    DemoLoader().run()
    load_demo(stdout=io.StringIO())
    held = Meeting.objects.get(topics__title=HELD_TOPIC)
    assert held.state == MeetingState.CLOSED and held.minutes.state == MinutesState.SIGNED
    assert held.decisions.filter(tracked_item__isnull=False).count() == 2
    assert Topic.objects.get(title=REVIEW_TOPIC).state == TopicState.REQUESTED
    assert Meeting.objects.filter(state=MeetingState.APPROVED).count() == 2
    # MTG-6: the emergency decision is flagged on next week's executive meeting
    from zhongshu.meetings import checks
    from zhongshu.meetings.models import EmergencyDecision

    decision = EmergencyDecision.objects.get()
    upcoming = checks.next_meeting(decision)
    assert upcoming.type == MeetingType.EXECUTIVE and upcoming.state == MeetingState.APPROVED
    assert checks.pending_emergency(upcoming) == [decision]
    count = Meeting.objects.count()
    out = io.StringIO()
    load_demo(stdout=out)
    assert Meeting.objects.count() == count and "未作改动" in out.getvalue()
