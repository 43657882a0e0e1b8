"""SUP-16 counts for the summaries and the red wall: the whole ledger's counts come from the
tally the minute's sweep takes (as fresh as the colours); a narrower scope is counted live;
a page with no recent tally counts it itself. Real 2026 dates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshu.supervision import policies, tally
from zhongshu.supervision.choices import Source
from zhongshu.supervision.models import LedgerTally, SupervisedItem
from zhongshu.tracking.registry import sweep_hooks
from zhongshu.tracking.sweep import sweep

from .conftest import at
from .factories import make_supervised

pytestmark = pytest.mark.django_db


def minute(now) -> None:
    """What the scheduler's sweep task does each minute: recolour, then the modules' hooks."""
    sweep(now)
    for hook in sweep_hooks():
        hook(now)


@pytest.fixture
def ledger(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))  # Monday
    make_supervised(org, unit=org.edu, days=5, subject="学校扩建")  # due Sat 7 March: red
    make_supervised(org, unit=org.edu, days=3, subject="校车安全", source=Source.INSTRUCTION)
    make_supervised(org, unit=org.fin, days=8, subject="预算绩效管理")  # due 10 March: yellow
    make_supervised(org, unit=org.fin, days=60, subject="国资清查")
    make_supervised(
        org, unit=org.water, days=60, subject="河道治理", leader=org.other_deputy.person
    )
    clock.set(at(2026, 3, 9, 9, 0))
    minute(at(2026, 3, 9, 9, 0))


def page(client, user, by):
    client.force_login(user)
    response = client.get(reverse("supervision:summary"), {"by": by})
    assert response.status_code == 200
    return {
        r["name"]: {k: r[k] for k in ("total", "red", "yellow", "green")}
        for r in response.context["table"]
    }, response


@pytest.mark.parametrize("by", ["leader", "unit", "source"])
def test_sup_16_summary_from_the_minute_s_tally_equals_a_live_count(client, org, ledger, by):
    counted, response = page(client, org.officer, by)
    live = {
        r["name"]: {k: r[k] for k in ("total", "red", "yellow", "green")}
        for r in tally.live_summary(SupervisedItem.objects.all(), by)
    }
    assert counted == live
    assert response.context["counted_at"] == at(2026, 3, 9, 9, 0)
    assert "统计时间" in response.content.decode()
    if by == "leader":
        assert counted["陈晓东"] == {"total": 4, "red": 2, "yellow": 1, "green": 1}
        assert counted["赵国强"] == {"total": 1, "red": 0, "yellow": 0, "green": 1}


def test_sup_16_tally_is_as_fresh_as_the_colours(client, org, clock, ledger):
    make_supervised(org, unit=org.water, days=1, subject="防汛物资", leader=org.other_deputy.person)
    # within the minute the page shows the tally the sweep took (and says when)
    assert page(client, org.officer, "leader")[0]["赵国强"]["total"] == 1
    clock.set(at(2026, 3, 11, 9, 1))
    minute(at(2026, 3, 11, 9, 1))  # 防汛物资 (due 10 March) is now red
    counted, response = page(client, org.officer, "leader")
    assert counted["赵国强"] == {"total": 2, "red": 1, "yellow": 0, "green": 1}
    assert response.context["counted_at"] == at(2026, 3, 11, 9, 1)
    assert set(LedgerTally.objects.values_list("counted_at", flat=True)) == {at(2026, 3, 11, 9, 1)}


def test_sup_16_no_recent_tally_the_page_counts_it(client, org, clock, ledger):
    make_supervised(
        org, unit=org.water, days=30, subject="污水管网", leader=org.other_deputy.person
    )
    clock.set(at(2026, 3, 9, 9, 3))  # the scheduler is behind (over 2 minutes)
    counted, response = page(client, org.officer, "unit")
    assert counted["区水务局"]["total"] == 2
    assert response.context["counted_at"] == at(2026, 3, 9, 9, 3)


def test_sup_16_narrower_scope_reads_its_part_of_the_tally_and_counts_the_rest_live(
    client, org, clock, ledger
):
    from zhongshu.supervision import services

    # a line the deputy sees only as cooperating (through their own unit, 区政府) and one the
    # 教育局 sees only as a cooperating unit: neither is in the tally's part for them
    services.add_supervised_item(
        actor=org.officer,
        source=Source.KEY_WORK,
        subject="节水型社会建设",
        lead_unit=org.water,
        due_date=at(2026, 4, 30).date(),
        leader=org.other_deputy.person,
        cooperating_units=[org.gov, org.edu],
    )
    counted, response = page(client, org.deputy, "unit")
    assert set(counted) == {"区教育局", "区财政局", "区水务局"}
    assert counted["区财政局"]["total"] == 2 and counted["区水务局"]["total"] == 1
    assert response.context["counted_at"] == at(2026, 3, 9, 9, 0)
    visible = policies.items.visible_to(org.deputy)
    live = {r["name"]: r["total"] for r in tally.live_summary(visible, "unit")}
    assert {name: row["total"] for name, row in counted.items()} == live
    counted, _ = page(client, org.edu_staff, "source")
    assert counted == {
        "区政府重点工作": {"total": 2, "red": 1, "yellow": 0, "green": 1},
        "领导批示": {"total": 1, "red": 1, "yellow": 0, "green": 0},
    }


def test_sup_16_red_wall_counts_per_leader_and_shows_the_first_lines(
    client, org, clock, ledger, monkeypatch
):
    from zhongshu.supervision.views import RedWallView

    monkeypatch.setattr(RedWallView, "WALL", 1)
    client.force_login(org.head)
    response = client.get(reverse("supervision:red_wall"))
    assert response.context["count"] == 2 and response.context["shown"] == 1
    (wall,) = response.context["walls"]
    assert (wall["name"], wall["red"], [s.item.subject for s in wall["items"]]) == (
        "陈晓东",
        2,
        ["校车安全"],  # the longest overdue (due 5 March)
    )
    body = response.content.decode()
    assert f"?leader={org.deputy.person.uuid}&amp;colour=red" in body
    assert "以下为超期最久的1项" in body
