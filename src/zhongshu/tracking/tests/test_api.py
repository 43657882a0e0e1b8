"""/api/v1/tracking/items/ and /api/v1/notifications/: permission matrix, ETag and
If-Match, actions through services with rule IDs, cursor pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from zhongshu.tracking.services import chase_item

from .conftest import at
from .factories import make_item

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/tracking/items/"


@pytest.fixture
def item(org, clock):
    clock.set(at(2026, 9, 28, 10))
    return make_item(
        actor=org.assigner, responsible=org.clerk.person, lead_unit=org.unit, rule="DOC-IN-10"
    )


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    "who, expected",
    [(None, 401), ("admin", 403), ("outsider", 404), ("clerk", 200), ("officer", 200)],
)
def test_item_retrieve_permission_matrix(org, item, who, expected):
    response = api(getattr(org, who) if who else None).get(f"{ITEMS}{item.uuid}/")
    assert response.status_code == expected


def test_retrieve_sends_etag_and_basis(org, item):
    response = api(org.clerk).get(f"{ITEMS}{item.uuid}/")
    assert response["ETag"] == item.etag
    body = response.json()
    assert body["due_at"].startswith("2026-10-13T17:30")
    assert body["basis"]["rule"] == "DOC-IN-10"
    assert "DOC-IN-10" in body["basis_label"]
    assert body["provisional"] is False


def test_list_is_scoped_filtered_and_cursor_paged(org, item, clock):
    make_item(actor=org.assigner, responsible=org.outsider.person)
    assert [i["uuid"] for i in api(org.clerk).get(ITEMS).json()["results"]] == [str(item.uuid)]
    officer = api(org.officer).get(ITEMS + "?page_size=1").json()
    assert len(officer["results"]) == 1 and officer["next"]
    assert api(org.officer).get(ITEMS + "?colour=red").json()["results"] == []


def test_action_endpoint_calls_service_and_answers_409_with_rule(org, item):
    client = api(org.clerk)
    response = client.post(f"{ITEMS}{item.uuid}/start/", format="json")
    assert response.status_code == 200 and response.json()["state"] == "in_progress"
    response = client.post(f"{ITEMS}{item.uuid}/start/", format="json")
    assert response.status_code == 409
    assert response.json()["errors"][0]["rule"] == "TRACK_STATE"
    response = client.post(f"{ITEMS}{item.uuid}/request-closeout/", {"outcome": ""}, format="json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["rule"] == "SUP-12"


def test_action_with_stale_if_match_is_412(org, item):
    client = api(org.clerk)
    response = client.post(f"{ITEMS}{item.uuid}/start/", format="json", HTTP_IF_MATCH='W/"stale"')
    assert response.status_code == 412
    response = client.post(f"{ITEMS}{item.uuid}/start/", format="json", HTTP_IF_MATCH=item.etag)
    assert response.status_code == 200


def test_action_by_wrong_actor_is_403_and_out_of_scope_is_404(org, item):
    assert api(org.colleague).post(f"{ITEMS}{item.uuid}/start/").status_code == 403
    assert api(org.outsider).post(f"{ITEMS}{item.uuid}/start/").status_code == 404


def test_extension_request_and_decision_through_api(org, item, clock):
    clock.set(at(2026, 10, 9, 10))
    response = api(org.clerk).post(
        f"{ITEMS}{item.uuid}/request-extension/",
        {"amount": 3, "unit": "working_days", "reason": "需征求财政意见"},
        format="json",
    )
    assert response.status_code == 200
    extension = item.extensions.get()
    response = api(org.assigner).post(
        f"/api/v1/tracking/extensions/{extension.uuid}/decide/",
        {"approve": True, "opinion": "同意延期三个工作日"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["new_due_at"].startswith("2026-10-16T17:30")


def test_create_task_requires_permission(org, clock):
    payload = {"subject": "报送材料", "lead_unit": str(org.unit.uuid), "amount": 2}
    assert api(org.outsider).post(ITEMS, payload, format="json").status_code == 403
    response = api(org.assigner).post(ITEMS, payload, format="json")
    assert response.status_code == 201
    assert response.json()["lead_unit"]["name"] == "财政局"


def test_chase_and_answer_through_api(org, item):
    response = api(org.assigner).post(
        f"{ITEMS}{item.uuid}/chase/", {"method": "phone"}, format="json"
    )
    assert response.status_code == 200
    chase = item.chases.get()
    response = api(org.clerk).post(
        f"/api/v1/tracking/chases/{chase.uuid}/answer/", {"answer": "本周五前报送"}, format="json"
    )
    assert response.status_code == 200 and response.json()["answer"] == "本周五前报送"


def test_notifications_api_lists_mine_and_marks_read(org, item):
    chase_item(actor=org.assigner, item=item, method="in_app")
    client = api(org.clerk)
    # Assigned, then chased: newest first.
    assert client.get("/api/v1/notifications/unread-count/").json() == {
        "unread": 2,
        "capped": False,
    }
    chased, assigned = client.get("/api/v1/notifications/").json()["results"]
    assert (chased["verb"], assigned["verb"]) == ("chased", "item_assigned")
    note = chased
    assert client.post(f"/api/v1/notifications/{note['uuid']}/read/").status_code == 200
    assert [n["verb"] for n in client.get("/api/v1/notifications/?unread=1").json()["results"]] == [
        "item_assigned"
    ]
    assert api(org.outsider).post(f"/api/v1/notifications/{note['uuid']}/read/").status_code == 404


def test_item_shape_by_hand_equals_the_declared_fields(org, item, clock):
    """``TrackedItemSerializer.to_representation`` is written by hand for speed; it must
    give what DRF gives from the declared fields (the OpenAPI schema) for every kind of row:
    open, suspended, closed, without a responsible person (CAL-2 basis, SUP-16 colour)."""
    import json

    from rest_framework.renderers import JSONRenderer
    from rest_framework.serializers import ModelSerializer

    from zhongshu.tracking.api.serializers import TrackedItemSerializer
    from zhongshu.tracking.models import TrackedItem
    from zhongshu.tracking.services import close_item, suspend_item

    suspended = make_item(actor=org.assigner, lead_unit=org.unit, subject="中止计时的事项")
    suspend_item(actor=org.assigner, item=suspended, reason="征求第三方意见")
    closed = make_item(actor=org.assigner, responsible=org.clerk.person, lead_unit=org.unit)
    close_item(actor=org.assigner, item=closed, outcome="已办结")
    rendered = 0
    for row in TrackedItem.objects.select_related("lead_unit", "responsible", "awaiting"):
        serializer = TrackedItemSerializer(row)
        by_hand = json.loads(JSONRenderer().render(serializer.data))
        declared = json.loads(
            JSONRenderer().render(ModelSerializer.to_representation(serializer, row))
        )
        assert by_hand == declared
        assert list(by_hand) == TrackedItemSerializer.Meta.fields
        rendered += 1
    assert rendered == 3
