"""GET /api/v1/rules/, GET /api/v1/rules/{id}/, PATCH /api/v1/rules/{id}/params/."""

from __future__ import annotations

import pytest

from zhongshu.audit.models import AuditRecord
from zhongshu.rules import catalogue

pytestmark = pytest.mark.django_db

LIST = "/api/v1/rules/"
DETAIL = "/api/v1/rules/DOC-IN-10/"
PARAMS = "/api/v1/rules/DOC-IN-10/params/"


def _etag(client, url: str = DETAIL) -> str:
    return client.get(url)["ETag"]


def _patch(client, body: dict, etag: str | None, url: str = PARAMS):
    headers = {"If-Match": etag} if etag else {}
    return client.patch(url, body, content_type="application/json", headers=headers)


@pytest.mark.parametrize("url", [LIST, DETAIL])
def test_anonymous_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json()["errors"][0]["rule"] == "NOT_AUTHENTICATED"
    assert _patch(client, {"params": {"days": 9}}, "*").status_code == 401


def test_three_administrators_are_refused(client, auditor):
    client.force_login(auditor)
    assert client.get(LIST).status_code == 403
    assert client.get(DETAIL).status_code == 403
    assert _patch(client, {"params": {"days": 9}}, "*").status_code == 403


def test_business_user_reads_but_cannot_patch(client, clerk):
    client.force_login(clerk)
    assert client.get(LIST).status_code == 200
    etag = _etag(client)
    response = _patch(client, {"params": {"days": 9}}, etag)
    assert response.status_code == 403
    assert response.json()["errors"][0]["rule"] == "PERMISSION_DENIED"
    assert catalogue.param("DOC-IN-10", "days") == 7


def test_list_with_params_and_filters(client, clerk, django_assert_max_num_queries):
    client.force_login(clerk)
    body = client.get(LIST, {"page_size": 200}).json()
    assert body["count"] == 97
    first = body["results"][0]
    assert first["id"] == "CAL-1" and first["module_label"] == "时间与日历"
    mtg = client.get(LIST, {"module": "MTG", "kind": "block"}).json()["results"]
    assert [r["id"] for r in mtg] == ["MTG-1", "MTG-2", "MTG-3", "MTG-4", "MTG-8", "MTG-10"]
    mtg10 = next(r for r in mtg if r["id"] == "MTG-10")
    caps = {p["name"]: p["value"] for p in mtg10["params"]}
    assert caps == {
        "class_1_max": 350,
        "class_2_max": 200,
        "class_3_max": 150,
        "comprehensive_per_year": None,
    }
    city = client.get(LIST, {"module": "MTG", "profile": "city"}).json()["results"]
    assert {p["name"]: p["value"] for p in city[9]["params"]}["class_3_max"] == 100
    assert client.get(LIST, {"q": "一文一事"}).json()["count"] == 1
    assert client.get(LIST, {"profile": "county"}).status_code == 404
    with django_assert_max_num_queries(9):
        assert client.get(LIST, {"page_size": 200}).status_code == 200


def test_retrieve_shows_typed_values_and_an_etag(client, clerk):
    client.force_login(clerk)
    response = client.get("/api/v1/rules/CAL-2/")
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    body = response.json()
    assert body["source_label"] == "河北区三项制度 通篇"
    assert body["kinds"] == ["deadline"]
    office_end = body["params"][1]
    assert (office_end["name"], office_end["type"], office_end["value"]) == (
        "office_end",
        "time",
        "17:30",
    )
    assert client.get("/api/v1/rules/XX-99/").status_code == 404


def test_office_admin_patches_with_if_match(client, office_admin):
    client.force_login(office_admin)
    etag = _etag(client)
    response = _patch(client, {"params": {"days": 10}}, etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    assert {p["name"]: p["value"] for p in response.json()["params"]}["days"] == 10
    assert catalogue.param("DOC-IN-10", "days") == 10
    entry = AuditRecord.objects.get(event="rule_parameter_changed")
    assert entry.after == {"profile": "district", "params": {"days": 10}}


def test_a_stale_etag_is_412_and_a_missing_one_428(client, office_admin):
    client.force_login(office_admin)
    etag = _etag(client)
    assert _patch(client, {"params": {"days": 10}}, etag).status_code == 200
    stale = _patch(client, {"params": {"days": 11}}, etag)
    assert stale.status_code == 412
    assert _patch(client, {"params": {"days": 11}}, None).status_code == 428
    assert catalogue.param("DOC-IN-10", "days") == 10


def test_an_invalid_value_is_422_with_the_rule_id(client, office_admin):
    client.force_login(office_admin)
    response = _patch(client, {"params": {"days": "七", "difficult_days": 15}}, _etag(client))
    assert response.status_code == 422
    assert response.json() == {
        "errors": [
            {"rule": "DOC-IN-10", "field": "days", "message": "“一般请示答复时限”须为整数。"}
        ]
    }
    empty = _patch(client, {}, _etag(client))
    assert empty.status_code == 400
    assert empty.json()["errors"][0]["rule"] == "VALIDATION"


def test_patch_the_city_profile_and_switch_a_rule(client, office_admin):
    client.force_login(office_admin)
    url = "/api/v1/rules/MTG-10/params/?profile=city"
    etag = _etag(client, "/api/v1/rules/MTG-10/?profile=city")
    response = _patch(client, {"params": {"class_3_max": 120}, "enabled": False}, etag, url)
    assert response.status_code == 200, response.content
    assert response.json()["enabled"] is False
    assert catalogue.param("MTG-10", "class_3_max", profile="city") == 120
    assert catalogue.param("MTG-10", "class_3_max") == 150
    assert catalogue.rule("MTG-10", profile="city").enabled is False


def test_an_archived_rule_is_not_found(client, clerk):
    from django.utils import timezone

    from zhongshu.rules.models import Rule

    Rule.objects.filter(rule_id="PUB-4").update(archived_at=timezone.now())
    client.force_login(clerk)
    assert client.get("/api/v1/rules/PUB-4/").status_code == 404
    assert client.get(LIST, {"module": "PUB"}).json()["count"] == 3
    assert client.get("/rules/PUB-4/").status_code == 404
