"""The API: every operation through its endpoint, errors as {"errors": [{"rule", "message"}]},
scope (404 out of scope), and the ETag / If-Match on bulletin edits."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zhongshu.supervision.models import SupervisedItem

from .conftest import at
from .factories import make_supervised

pytestmark = pytest.mark.django_db
API = "/api/v1/supervision"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_sup_api_scope_and_list(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    make_supervised(org, unit=org.edu, subject="学校扩建")
    make_supervised(org, unit=org.water, subject="河道治理", leader=org.other_deputy.person)
    assert api().get(f"{API}/items/").status_code in (401, 403)
    rows = api(org.edu_staff).get(f"{API}/items/").json()["results"]
    assert [r["subject"] for r in rows] == ["学校扩建"]
    assert rows[0]["basis"] and rows[0]["colour"] == "green"
    water = SupervisedItem.objects.get(item__subject="河道治理")
    assert api(org.edu_staff).get(f"{API}/items/{water.uuid}/").status_code == 404
    response = api(org.officer).get(
        f"{API}/items/", {"colour": "green", "unit": str(org.water.uuid)}
    )
    assert [r["subject"] for r in response.json()["results"]] == ["河道治理"]


def test_sup_12_api_instruction_progress_order_and_closeout(org, clock):
    clock.set(at(2026, 3, 9, 10, 0))
    response = api(org.officer).post(
        f"{API}/items/instructions/",
        {
            "instructed_by": str(org.head.person.uuid),
            "instruction": "请抓紧办理并回告。",
            "subject": "学校周边交通",
            "lead_unit": str(org.edu.uuid),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    uuid = response.json()["uuid"]
    assert response.json()["due_at"].startswith("2026-03-16T17:30")
    assert (
        api(org.edu_staff).post(f"{API}/items/instructions/", {}, format="json").status_code == 403
    )
    order = api(org.officer).post(f"{API}/items/{uuid}/orders/", {"reason": "滞后"}, format="json")
    assert order.status_code == 201
    answer = api(org.edu_staff).post(
        f"{API}/orders/{order.json()['uuid']}/answer/",
        {"analysis": "", "problems": "", "measures": "", "commit_date": "2026-03-31"},
        format="json",
    )
    assert answer.status_code == 422
    assert {e["rule"] for e in answer.json()["errors"]} == {"SUP-9"}
    promote = api(org.officer).post(
        f"{API}/items/{uuid}/promote/", {"reason": "催办后仍缓慢"}, format="json"
    )
    assert promote.json()["is_key"] is True


def test_sup_7_api_rectification_refused_below_two_reinspections(org, clock):
    response = api(org.officer).post(
        f"{API}/items/rectifications/",
        {"problem": "占道", "lead_unit": str(org.water.uuid), "reinspections": 1},
        format="json",
    )
    assert response.status_code == 422 and response.json()["errors"][0]["rule"] == "SUP-7"


def test_sup_5_api_decisions_and_case_steps(org, clock):
    clock.set(at(2026, 4, 29, 10, 0))
    response = api(org.officer).post(
        f"{API}/cases/decisions/",
        {
            "meeting": "区长办公会议",
            "decisions": [
                {
                    "subject": "推进改造",
                    "lead_unit": str(org.fin.uuid),
                    "due_date": "2026-06-30",
                    "sub_items": ["制定方案", "完成招标"],
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 201
    case = response.json()["uuid"]
    line = SupervisedItem.objects.select_related("item").get(case__uuid=case)
    assert line.item.tasks == ["制定方案", "完成招标"]  # MTG-15 sub-items, SUP-8 tasks
    notice = api(org.officer).post(
        f"{API}/cases/{case}/notice/", {"notice": {"content": "转办"}}, format="json"
    )
    assert notice.json()["state"] == "notified"
    assert api(org.edu_staff).get(f"{API}/cases/{case}/").status_code == 404


def test_sup_api_bulletin_edit_needs_if_match(org, clock):
    clock.set(at(2026, 4, 2, 9, 0))
    created = api(org.officer).post(
        f"{API}/bulletins/", {"period": "monthly", "year": 2026, "number": 3}, format="json"
    )
    assert created.status_code == 201
    uuid = created.json()["uuid"]
    got = api(org.officer).get(f"{API}/bulletins/{uuid}/")
    body = {
        "title": "通报",
        "body": "正文",
        "praise": "",
        "criticism": "",
        "leader_instruction": "",
    }
    assert (
        api(org.officer).post(f"{API}/bulletins/{uuid}/edit/", body, format="json").status_code
        == 428
    )
    edited = api(org.officer).post(
        f"{API}/bulletins/{uuid}/edit/", body, format="json", HTTP_IF_MATCH=got["ETag"]
    )
    assert edited.status_code == 200 and edited.json()["body"] == "正文"
    stale = api(org.officer).post(
        f"{API}/bulletins/{uuid}/edit/", body, format="json", HTTP_IF_MATCH=got["ETag"]
    )
    assert stale.status_code == 412
    issued = api(org.officer).post(
        f"{API}/bulletins/{uuid}/issue/", {"document_number": "区政办发〔2026〕5号"}, format="json"
    )
    assert issued.json()["state"] == "issued"
    scores = api(org.officer).get(
        f"{API}/assessment/", {"period": "monthly", "year": 2026, "number": 3}
    )
    assert scores.status_code == 200
    assert (
        api(org.edu_staff)
        .get(f"{API}/assessment/", {"period": "monthly", "year": 2026, "number": 3})
        .status_code
        == 403
    )
