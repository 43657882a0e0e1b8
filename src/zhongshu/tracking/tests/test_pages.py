"""The item pages: permission matrix (anonymous / no permission / permitted / out of
scope 404), actions through forms, notifications and the bell."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhongshu.tracking.choices import ItemState
from zhongshu.tracking.models import Notification
from zhongshu.tracking.services import chase_item, request_reading

from .conftest import at
from .factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(org, clock):
    clock.set(at(2026, 9, 28, 10))
    return make_item(actor=org.assigner, responsible=org.clerk.person, lead_unit=org.unit)


def detail(item):
    return reverse("tracking:item_detail", args=[item.uuid])


@pytest.mark.parametrize(
    "who, expected",
    [
        (None, 302),  # anonymous → login
        ("admin", 403),  # 三员 see no business content
        ("outsider", 404),  # another unit: the item does not exist for them
        ("clerk", 200),  # responsible
        ("colleague", 200),  # same lead unit
        ("assigner", 200),  # creator
        ("leader", 200),  # leader in charge of the lead unit (portfolio)
        ("officer", 200),  # supervision officer sees all
    ],
)
def test_item_page_permission_matrix(client, org, item, who, expected):
    if who:
        client.force_login(getattr(org, who))
    assert client.get(detail(item)).status_code == expected


@pytest.mark.parametrize(
    "who, expected",
    [(None, 302), ("admin", 403), ("outsider", 404), ("colleague", 403), ("clerk", 302)],
)
def test_start_action_permission_matrix(client, org, item, who, expected):
    if who:
        client.force_login(getattr(org, who))
    url = reverse("tracking:item_action", args=[item.uuid, "start"])
    assert client.post(url).status_code == expected


def test_action_form_shows_rule_id_on_refusal(client, org, item):
    client.force_login(org.clerk)
    url = reverse("tracking:item_action", args=[item.uuid, "request-closeout"])
    response = client.post(url, {"outcome": ""})
    assert response.status_code == 422
    assert "SUP-12" in response.content.decode()


def test_report_with_attachment_through_the_page(client, org, item):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(org.clerk)
    url = reverse("tracking:item_action", args=[item.uuid, "report"])
    upload = SimpleUploadedFile("进展.txt", "已完成一半".encode(), content_type="text/plain")
    response = client.post(url, {"text": "已完成调研", "percent": 50, "attachments": [upload]})
    assert response.status_code == 302
    report = item.reports.get()
    assert report.attachments.get().name == "进展.txt"
    page = client.get(detail(item)).content.decode()
    assert "进展.txt" in page and "50%" in page


def test_detail_shows_basis_and_colour(client, org, item):
    client.force_login(org.clerk)
    page = client.get(detail(item)).content.decode()
    assert "color-green" in page
    assert "2026-10-13 17:30" in page


def test_item_list_filters_by_colour_and_exports_excel(client, org, item, clock):
    client.force_login(org.officer)
    assert item.subject in client.get(reverse("tracking:item_list")).content.decode()
    assert (
        item.subject
        not in client.get(reverse("tracking:item_list") + "?colour=red").content.decode()
    )
    response = client.get(reverse("tracking:item_list") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "事项" and rows[1][0] == item.subject


def test_create_task_through_form(client, org, clock):
    client.force_login(org.assigner)
    response = client.post(
        reverse("tracking:item_create"),
        {
            "subject": "报送三季度经济运行分析",
            "lead_unit": org.unit.uuid,
            "responsible": org.clerk.person.uuid,
            "amount": 3,
            "unit": "working_days",
            "priority": "important",
            "urgency": "urgent",
            "report_cadence": "none",
            "target": "",
        },
    )
    assert response.status_code == 302
    client.force_login(org.outsider)
    assert client.get(reverse("tracking:item_create")).status_code == 403


def test_notifications_bell_and_mark_read(client, org, item, clock):
    chase_item(actor=org.assigner, item=item, method="phone", message="请尽快办理")
    client.force_login(org.clerk)
    page = client.get(reverse("workbench:home")).content.decode()
    assert 'id="unread-count">' in page
    note = Notification.objects.get(recipient=org.clerk.person, verb="chased")
    assert "孙敏催办" in note.text
    response = client.post(reverse("tracking:notification_open", args=[note.uuid]))
    assert response.status_code == 302 and response["Location"] == detail(item)
    note.refresh_from_db()
    assert note.read_at is not None
    # Someone else's notification is not there for the outsider.
    client.force_login(org.outsider)
    assert client.post(reverse("tracking:notification_open", args=[note.uuid])).status_code == 404


def test_read_request_opens_and_marks_read(client, org, item):
    (read,) = request_reading(
        actor=org.assigner, readers=[org.leader.person], subject="督查通报", item=item
    )
    client.force_login(org.leader)
    response = client.post(reverse("tracking:readrequest_open", args=[read.uuid]))
    assert response.status_code == 302
    read.refresh_from_db()
    assert read.read_at is not None and read.read_by == org.leader.person


def test_closed_item_offers_no_handler_actions(client, org, item):
    from zhongshu.tracking.services import close_item

    close_item(actor=org.assigner, item=item, outcome="已办结")
    assert item.state == ItemState.CLOSED
    client.force_login(org.clerk)
    page = client.get(detail(item)).content.decode()
    assert "/report/" not in page


def test_list_rows_escape_the_subject_and_show_every_cell(client, org, clock):
    """The rows are rendered in Python (``item_rows``): what a user typed stays text, and
    each cell carries its label, link, colour, basis and due time (SUP-16, CAL-2)."""
    clock.set(at(2026, 9, 28, 10))
    item = make_item(
        actor=org.assigner,
        responsible=org.clerk.person,
        lead_unit=org.unit,
        subject='<script>alert("x")</script>关于{办理}的报告',
    )
    client.force_login(org.officer)
    page = client.get(reverse("tracking:item_list") + "?state=open").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于{办理}的报告" in page
    assert f'href="{detail(item)}"' in page
    assert 'data-label="依据"' in page and 'class="basis"' in page
    assert "color-green" in page and "2026-10-13 17:30" in page
    assert '<option value="open" selected>' in page


def test_empty_list_says_so(client, org):
    client.force_login(org.officer)
    page = client.get(reverse("tracking:item_list") + "?colour=red").content.decode()
    assert "没有符合条件的事项。" in page
