"""The API: ETag / If-Match (412 stale, 428 missing), rule IDs in refusals, writes
through services (audited)."""

from __future__ import annotations

import json

import pytest

from zhongshu.org.models import Unit

from .conftest import events, person_in

pytestmark = pytest.mark.django_db


def patch(client, url, data, etag=None):
    headers = {"If-Match": etag} if etag else {}
    return client.patch(url, json.dumps(data), content_type="application/json", headers=headers)


def test_get_sends_the_etag_and_a_current_if_match_updates(client, manager, district):
    client.force_login(manager)
    url = f"/api/v1/units/{district.finance.uuid}/"
    etag = client.get(url)["ETag"]
    assert etag == district.finance.etag
    response = patch(client, url, {"short_name": "财政局"}, etag)
    assert response.status_code == 200
    assert response.json()["short_name"] == "财政局"
    assert response["ETag"] != etag
    assert events("unit_updated") == ["unit_updated"]


def test_stale_if_match_is_412_and_nothing_changes(client, manager, district):
    client.force_login(manager)
    url = f"/api/v1/units/{district.finance.uuid}/"
    stale = client.get(url)["ETag"]
    assert patch(client, url, {"phone": "1"}, stale).status_code == 200
    response = patch(client, url, {"phone": "2"}, stale)
    assert response.status_code == 412
    assert Unit.objects.get(pk=district.finance.pk).phone == "1"


def test_missing_if_match_is_428(client, manager, district):
    client.force_login(manager)
    response = patch(client, f"/api/v1/units/{district.finance.uuid}/", {"phone": "1"})
    assert response.status_code == 428


def test_refusal_carries_the_rule_id(client, manager, district):
    client.force_login(manager)
    url = f"/api/v1/units/{district.finance.uuid}/"
    response = patch(
        client, url, {"parent": str(district.finance_branch.uuid)}, client.get(url)["ETag"]
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["rule"] == "ORG-UNIT-CYCLE"


def test_archiving_a_busy_unit_is_409_with_the_rule(client, manager, district):
    person_in(district.education)
    client.force_login(manager)
    response = client.post(f"/api/v1/units/{district.education.uuid}/archive/")
    assert response.status_code == 409
    assert response.json()["errors"][0]["rule"] == "ORG-UNIT-NOT-EMPTY"


def test_create_person_and_list_filters(client, manager, district):
    client.force_login(manager)
    body = {
        "name": "张伟",
        "unit": str(district.finance.uuid),
        "section": str(district.finance_office.uuid),
    }
    response = client.post("/api/v1/people/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["label"] == "张伟（区财政局）"
    person_in(district.education, "张伟")
    listed = client.get("/api/v1/people/", {"q": "张伟", "unit": str(district.gov.uuid)}).json()
    labels = sorted(p["label"] for p in listed["results"])
    assert labels == ["张伟（区教育局）", "张伟（区财政局）"]
    only_finance = client.get("/api/v1/people/", {"unit": str(district.finance.uuid)}).json()
    assert [p["label"] for p in only_finance["results"]] == ["张伟（区财政局）"]


def test_series_code_cannot_be_renamed(client, manager, district):
    from zhongshu.org import services

    code = services.create_series_code(actor=None, unit=district.gov, code="示政发")
    client.force_login(manager)
    url = f"/api/v1/series-codes/{code.uuid}/"
    response = patch(client, url, {"code": "示政新发"}, code.etag)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "code"


def test_delegation_validation_is_422_with_rule_ids(client, leader, clerk):
    client.force_login(leader)
    body = {
        "delegator": str(leader.person.uuid),
        "delegate": str(leader.person.uuid),
        "starts_at": "2020-01-01T09:00:00+08:00",
        "ends_at": "2020-01-02T09:00:00+08:00",
    }
    response = client.post(
        "/api/v1/delegations/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    rules = sorted(e["rule"] for e in response.json()["errors"])
    assert rules == ["ORG-DELEGATION-PERIOD", "ORG-DELEGATION-SELF"]


def test_picker_tells_two_zhang_wei_apart(client, clerk, district):
    person_in(district.finance, "张伟")
    person_in(district.education, "张伟")
    client.force_login(clerk)
    html = client.get("/org/people/picker/", {"q": "张伟"}).content.decode()
    assert "张伟（区财政局）" in html and "张伟（区教育局）" in html
    data = client.get("/org/people/picker/", {"q": "张伟", "format": "json"}).json()
    assert sorted(r["unit"] for r in data["results"]) == ["区教育局", "区财政局"]


@pytest.mark.parametrize("path", ["units", "people", "sections", "delegations", "portfolios"])
def test_there_is_no_delete_in_the_api(client, manager, district, path):
    client.force_login(manager)
    target = {
        "units": district.finance,
        "people": person_in(district.finance),
        "sections": district.finance_office,
    }
    obj = target.get(path)
    url = f"/api/v1/{path}/{obj.uuid}/" if obj else f"/api/v1/{path}/"
    assert client.delete(url).status_code == 405


def test_manager_lists_archived_only_when_asked(client, manager, district):
    from zhongshu.org import services

    gone = person_in(district.finance, "离任")
    services.archive_person(actor=None, person=gone)
    client.force_login(manager)
    names = [p["name"] for p in client.get("/api/v1/people/").json()["results"]]
    assert "离任" not in names
    listed = client.get("/api/v1/people/", {"include_archived": "true"}).json()["results"]
    assert "离任" in [p["name"] for p in listed]
