"""The ledger pages: views by leader, unit, source and colour, the red wall, each unit's own
list, filters, sorting, pagination with bounded queries, Excel in (all or nothing) and out,
and the permission matrix."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zhongshu.framework.errors import RuleViolation
from zhongshu.supervision import services
from zhongshu.supervision.choices import Source
from zhongshu.supervision.ledger_excel import HEADER, parse_due
from zhongshu.supervision.models import SupervisedItem
from zhongshu.tracking.sweep import sweep

from .conftest import at
from .factories import make_supervised

pytestmark = pytest.mark.django_db


def xlsx(rows, header=HEADER) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ledger.xlsx"
    return buffer


@pytest.fixture
def ledger(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    edu = make_supervised(org, unit=org.edu, days=5, subject="学校扩建")
    fin = make_supervised(org, unit=org.fin, days=60, subject="预算绩效管理")
    water = make_supervised(
        org, unit=org.water, days=60, subject="河道治理", leader=org.other_deputy.person
    )
    sweep(at(2026, 3, 9, 0, 0))  # 学校扩建 is red (due 7 March, a Saturday)
    clock.set(at(2026, 3, 9, 9, 0))
    return {"edu": edu, "fin": fin, "water": water}


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("supervision:item_list"), params)
    assert response.status_code == 200
    return {s.item.subject for s in response.context["object_list"]}


def test_sup_scope_unit_sees_its_own_deputy_their_portfolio_office_all(client, org, ledger):
    assert listed(client, org.edu_staff) == {"学校扩建"}
    assert listed(client, org.deputy) == {"学校扩建", "预算绩效管理"}
    assert listed(client, org.other_deputy) == {"河道治理"}
    assert listed(client, org.officer) == {"学校扩建", "预算绩效管理", "河道治理"}


def test_sup_ledger_filters_by_colour_leader_unit_source(client, org, ledger):
    assert listed(client, org.officer, colour="red") == {"学校扩建"}
    assert listed(client, org.officer, leader=str(org.other_deputy.person.uuid)) == {"河道治理"}
    assert listed(client, org.officer, unit=str(org.fin.uuid)) == {"预算绩效管理"}
    assert listed(client, org.officer, source=Source.PROPOSAL) == set()
    assert listed(client, org.officer, q="河道") == {"河道治理"}
    assert listed(client, org.fin_staff, mine="1") == {"预算绩效管理"}


def test_sup_ledger_page_queries_are_bounded(client, org, clock, django_assert_max_num_queries):
    clock.set(at(2026, 3, 2, 9, 0))
    for n in range(25):
        make_supervised(org, unit=[org.edu, org.fin, org.water][n % 3], subject=f"事项{n}")
    client.force_login(org.officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("supervision:item_list"), {"sort": "number"})
    assert response.status_code == 200 and len(response.context["object_list"]) == 20
    with django_assert_max_num_queries(14):
        response = client.get(reverse("supervision:item_list"), {"sort": "number", "page": 2})
    assert len(response.context["object_list"]) == 5


def test_sup_16_red_wall_and_summary_by_leader(client, org, ledger):
    client.force_login(org.head)
    response = client.get(reverse("supervision:red_wall"))
    assert response.status_code == 200 and response.context["count"] == 1
    assert [w["name"] for w in response.context["walls"]] == ["陈晓东"]
    client.force_login(org.officer)
    response = client.get(reverse("supervision:summary"), {"by": "leader"})
    rows = {r["name"]: r for r in response.context["table"]}
    assert rows["陈晓东"]["red"] == 1 and rows["陈晓东"]["total"] == 2
    response = client.get(reverse("supervision:summary"), {"by": "unit"})
    assert {r["name"] for r in response.context["table"]} == {"区教育局", "区财政局", "区水务局"}


def test_sup_ledger_excel_export_in_the_office_layout(client, org, ledger):
    client.force_login(org.officer)
    response = client.get(reverse("supervision:item_list"), {"format": "xlsx", "sort": "number"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == HEADER
    assert rows[1][1] == "学校扩建" and rows[1][2] == "陈晓东" and rows[1][3] == "区教育局"


def test_sup_4_import_all_rows(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    upload = xlsx(
        [
            (
                1,
                "新建扩建学校5所",
                "陈晓东",
                "区教育局",
                "区财政局、区水务局",
                "2026年12月底",
                "已完成选址",
            ),
            (2, "预算绩效全覆盖", "陈晓东副区长", "示范区财政局", "", dt.date(2026, 9, 30), ""),
            (3, "河道清淤", "", "区水务局", "", "2026-06-30", ""),
        ]
    )
    made = services.import_key_work(actor=org.officer, upload=upload)
    assert [s.number for s in made] == [1, 2, 3]
    first = made[0]
    assert first.item.due_at == at(2026, 12, 31, 17, 30)
    assert {u.short_name for u in first.item.cooperating_units.all()} == {"区财政局", "区水务局"}
    assert first.progress_note == "已完成选址" and first.leader == org.deputy.person


def test_sup_4_import_is_all_or_nothing_with_one_line_per_bad_row(org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    upload = xlsx(
        [
            (1, "新建扩建学校5所", "陈晓东", "区教育局", "", "2026-12-31", ""),
            (2, "", "陈晓东", "区卫健委", "区不存在局", "明年", ""),
            (3, "河道清淤", "李四", "区水务局", "", "2026-06-30", ""),
        ]
    )
    with pytest.raises(RuleViolation) as exc:
        services.import_key_work(actor=org.officer, upload=upload)
    lines = [v.message for v in exc.value.violations]
    assert len(lines) == 2
    assert lines[0].startswith("第3行：") and "工作任务为空" in lines[0] and "区卫健委" in lines[0]
    assert lines[1].startswith("第4行：") and "李四" in lines[1]
    assert not SupervisedItem.objects.exists()


def test_sup_4_import_page_shows_errors(client, org, clock):
    clock.set(at(2026, 3, 2, 9, 0))
    client.force_login(org.officer)
    upload = xlsx([(1, "x", "", "无此单位", "", "2026-12-31", "")])
    response = client.post(
        reverse("supervision:item_import"), {"upload": upload, "source": Source.KEY_WORK}
    )
    assert response.status_code == 422 and "第2行" in response.content.decode()


def test_parse_due_forms_offices_write():
    assert parse_due("年底", 2026) == dt.date(2026, 12, 31)
    assert parse_due("6月底", 2026) == dt.date(2026, 6, 30)
    assert parse_due("2026年2月", 2026) == dt.date(2026, 2, 28)
    assert parse_due("2026.7.1", 2026) == dt.date(2026, 7, 1)
    assert parse_due("尽快", 2026) is None


# --- the permission matrix -------------------------------------------------------------------
PAGES = [
    ("supervision:item_list", False),
    ("supervision:summary", False),
    ("supervision:red_wall", False),
    ("supervision:bulletin_list", False),
    ("supervision:item_create", True),
    ("supervision:instruction_create", True),
    ("supervision:rectification_create", True),
    ("supervision:proposal_create", True),
    ("supervision:decisions_create", True),
    ("supervision:item_import", True),
    ("supervision:case_create", True),
    ("supervision:assessment", True),
]


@pytest.mark.parametrize(("name", "office_only"), PAGES)
def test_sup_page_permission_matrix(client, org, name, office_only):
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous: to login
    client.force_login(org.admin)
    assert client.get(url).status_code == 403  # an administrator (三员) reads no business
    client.force_login(org.edu_staff)
    assert client.get(url).status_code == (403 if office_only else 200)
    client.force_login(org.officer)
    assert client.get(url).status_code == 200


def test_sup_item_page_out_of_scope_is_404(client, org, ledger):
    url = reverse("supervision:item_detail", args=[ledger["water"].uuid])
    client.force_login(org.edu_staff)
    assert client.get(url).status_code == 404
    client.force_login(org.deputy)
    assert client.get(url).status_code == 404
    client.force_login(org.water_staff)
    assert client.get(url).status_code == 200
    client.force_login(org.officer)
    response = client.get(url)
    assert response.status_code == 200 and "order" in response.context["actions"]


def test_sup_9_unit_cannot_issue_orders_office_can(client, org, ledger):
    url = reverse("supervision:item_action", args=[ledger["edu"].uuid, "order"])
    client.force_login(org.edu_staff)
    assert client.post(url, {"reason": "滞后"}).status_code == 403
    client.force_login(org.officer)
    assert client.post(url, {"reason": "滞后"}).status_code == 302
    order = ledger["edu"].orders.get()
    client.force_login(org.edu_staff)
    response = client.post(
        reverse("supervision:order_answer", args=[order.uuid]),
        {
            "analysis": "完成60%",
            "problems": "资金未到位",
            "measures": "专班推进",
            "commit_date": "2026-04-30",
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == "answered"


def test_sup_forms_refuse_with_the_rule(client, org, clock):
    client.force_login(org.officer)
    response = client.post(
        reverse("supervision:rectification_create"),
        {"problem": "占道经营", "lead_unit": org.water.pk, "reinspections": 1},
    )
    assert response.status_code == 422 and "SUP-7" in response.content.decode()


def test_sup_16_red_wall_shows_the_longest_overdue_first(client, org, clock, monkeypatch):
    from zhongshu.supervision.views import RedWallView

    clock.set(at(2026, 3, 2, 9, 0))
    make_supervised(org, unit=org.edu, days=3, subject="较早到期")
    make_supervised(org, unit=org.fin, days=4, subject="较晚到期", leader=org.other_deputy.person)
    sweep(at(2026, 3, 10, 0, 0))
    clock.set(at(2026, 3, 10, 9, 0))
    monkeypatch.setattr(RedWallView, "WALL", 1)
    client.force_login(org.head)
    response = client.get(reverse("supervision:red_wall"))
    assert response.context["count"] == 2 and response.context["shown"] == 1
    assert [
        (w["name"], w["red"], [s.item.subject for s in w["items"]])
        for w in response.context["walls"]
    ] == [("陈晓东", 1, ["较早到期"])]
    assert "以下为超期最久的1项" in response.content.decode()
