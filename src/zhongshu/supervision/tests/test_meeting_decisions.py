"""SUP-5 / MTG-15: a meeting's decisions become ledger lines — by hand (the office's form)
or from the meetings module when the minutes are signed (the actor then is the presiding
leader or a meetings clerk, not a supervision officer)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from zhongshu.accounts.tests.factories import UserFactory
from zhongshu.framework.errors import RuleViolation
from zhongshu.org.choices import SectionKind
from zhongshu.org.tests.factories import PersonFactory, PositionFactory, PostFactory, SectionFactory
from zhongshu.supervision import services
from zhongshu.supervision.choices import CaseKind, Source, StepKind
from zhongshu.supervision.models import SupervisedItem
from zhongshu.tracking.models import TrackedItem

from .conftest import at

pytestmark = pytest.mark.django_db


def supervision_office(org, *, chief: bool = True):
    section = SectionFactory(unit=org.office, name="督查室", kind=SectionKind.SUPERVISION)
    staff = PersonFactory(name="孙丽", unit=org.office, section=section, sort_order=1)
    head = PersonFactory(name="许国华", unit=org.office, section=section, sort_order=5)
    if chief:
        PositionFactory(
            person=head,
            post=PostFactory(code="section_chief", name="科长", rank=70),
            unit=org.office,
            section=section,
        )
    return section, (head if chief else staff)


def decisions(org, source=None, section=None):
    return [
        {
            "subject": "推进城区老旧小区改造",
            "lead_unit": org.fin,
            "due_date": dt.date(2026, 6, 30),
            "cooperating_units": [org.water],
            "sub_items": ["完成改造方案", "  ", "6月底前开工"],
            "supervising_section": section,
            "source": source,
            "leader": org.deputy.person,
        },
        {"subject": "完善校园安保设施", "lead_unit": org.edu, "due_date": dt.date(2026, 7, 31)},
    ]


def test_mtg_15_signed_minutes_feed_the_ledger_with_sub_items_section_and_source(org, clock):
    section, chief = supervision_office(org)
    clock.set(at(2026, 4, 29, 16, 0))  # minutes signed the Wednesday before May Day
    record = section  # any record stands for the meetings Decision: a generic pointer
    case = services.register_decisions(
        actor=org.head,  # the presiding leader signs: not a supervision officer
        meeting="区政府第12次常务会议",
        reference="常务会议纪要〔2026〕12号",
        decisions=decisions(org, source=record, section=section),
    )
    assert case.kind == CaseKind.MEETING and case.created_by == chief
    first, second = case.registered_items
    assert list(case.items.order_by("number")) == [first, second]
    # the line: SUP-8 task list from the sub-items, the supervising section, the source
    item = TrackedItem.objects.get(pk=first.item_id)
    assert item.tasks == ["完成改造方案", "6月底前开工"]
    assert item.approver == chief and item.lead_unit == org.fin
    assert item.due_at == at(2026, 6, 30, 17, 30) and item.basis["rule"] == "SUP-5"
    assert first.source == Source.MEETING_DECISION and first.supervising_section == section
    assert first.reference == "常务会议纪要〔2026〕12号"
    assert list(services.ledger_items_for(record)) == [first]
    api = APIClient()
    api.force_authenticate(org.officer)
    row = api.get(f"/api/v1/supervision/items/{first.uuid}/").json()
    assert row["supervising_section"] == "督查室"
    # the tracked item still points at the ledger line (its page), not at the meeting
    assert item.source_id == str(first.uuid)
    # no section on the second line: held by the 督查室 chief all the same
    assert second.supervising_section is None and second.item.approver == chief
    assert second.item.tasks == []
    # SUP-5: the transfer notice within 2 working days, over the May Day holiday
    step = case.steps.get(kind=StepKind.TRANSFER).item
    assert step.responsible == chief and step.due_at == at(2026, 5, 6, 17, 30)  # 4-30, 5-6


def test_mtg_15_clerk_without_section_falls_back_to_the_supervision_office(org, clock):
    _section, staff = supervision_office(org, chief=False)
    clock.set(at(2026, 3, 3, 10, 0))
    clerk = UserFactory(person=PersonFactory(name="何静", unit=org.office), roles=["office_staff"])
    case = services.register_decisions(
        actor=clerk, meeting="区长办公会议", decisions=decisions(org)[1:]
    )
    (line,) = case.registered_items
    assert line.item.approver == staff  # no 科长 post: the section's first person
    assert SupervisedItem.objects.filter(case=case).count() == 1


def test_sup_5_officer_by_hand_holds_the_line_whatever_the_section(org, clock):
    section, chief = supervision_office(org)
    clock.set(at(2026, 3, 3, 10, 0))
    case = services.register_decisions(
        actor=org.officer, meeting="区政府第3次常务会议", decisions=decisions(org, section=section)
    )
    holders = {s.item.approver for s in case.registered_items}
    assert holders == {org.officer.person} and chief not in holders
    assert case.registered_items[0].origin_type is None  # typed by hand: no source record


def test_mtg_15_refused_with_sup_5_when_no_supervision_office_exists(org, clock):
    clock.set(at(2026, 3, 3, 10, 0))
    with pytest.raises(RuleViolation) as exc:
        services.register_decisions(
            actor=org.head, meeting="区长办公会议", decisions=decisions(org)
        )
    assert [v.rule for v in exc.value.violations] == ["SUP-5"]
    assert not SupervisedItem.objects.exists()


def test_sup_5_no_decisions_or_no_meeting_refused(org, clock):
    with pytest.raises(RuleViolation) as exc:
        services.register_decisions(actor=org.officer, meeting="常务会议", decisions=[])
    assert exc.value.violations[0].rule == "SUP-5"
    with pytest.raises(RuleViolation) as exc:
        services.register_decisions(actor=org.officer, meeting=" ", decisions=decisions(org))
    assert exc.value.violations[0].field == "meeting"


def test_sup_5_clerk_form_takes_sub_items_and_lands_on_the_case(client, org, clock):
    clock.set(at(2026, 3, 3, 10, 0))
    client.force_login(org.officer)
    response = client.post(
        reverse("supervision:decisions_create"),
        {
            "meeting": "区政府第3次常务会议",
            "reference": "",
            "lines": "推进老旧小区改造｜区财政局｜2026-06-30｜完成方案；6月底前开工\n"
            "完善校园安保设施|区教育局|2026-07-31",
        },
    )
    line = SupervisedItem.objects.select_related("item", "case").get(item__lead_unit=org.fin)
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:case_detail", args=[line.case.uuid])
    assert line.item.tasks == ["完成方案", "6月底前开工"]
    assert line.case.items.count() == 2
    bad = client.post(
        reverse("supervision:decisions_create"), {"meeting": "会议", "lines": "只有事项"}
    )
    assert bad.status_code == 422 and "第1行格式不正确" in bad.content.decode()
