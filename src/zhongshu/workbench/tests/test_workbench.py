"""我的工作台: each list holds the right items (delegation included), renders in a
bounded number of queries whatever its length, filters, sorts, pages and exports."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from zhongshu.org.tests.factories import DelegationFactory
from zhongshu.tracking import services
from zhongshu.tracking.choices import Priority
from zhongshu.tracking.sweep import sweep
from zhongshu.tracking.tests.conftest import at
from zhongshu.tracking.tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(org, clock):
    """The clerk's desk on Wed 14 Oct 2026: overdue, due-soon and fresh items, an item of
    the unit with nobody named, an item delegated by a colleague, an approval, a read."""
    clock.set(at(2026, 9, 28, 10))
    mine = {
        "overdue": make_item(
            actor=org.assigner,
            responsible=org.clerk.person,
            days=7,
            subject="超期事项",
            priority=Priority.URGENT,
        ),
        "soon": make_item(
            actor=org.assigner, responsible=org.clerk.person, days=10, subject="临期事项"
        ),
        "fresh": make_item(
            actor=org.assigner, responsible=org.clerk.person, days=30, subject="新交办事项"
        ),
        "unit": make_item(actor=org.assigner, lead_unit=org.unit, days=30, subject="单位事项"),
        "delegated": make_item(
            actor=org.assigner, responsible=org.colleague.person, days=30, subject="受托事项"
        ),
        "other": make_item(
            actor=org.assigner, responsible=org.outsider.person, days=30, subject="他人事项"
        ),
    }
    DelegationFactory(
        delegator=org.colleague.person,
        delegate=org.clerk.person,
        starts_at=at(2026, 10, 1),
        ends_at=at(2026, 10, 31),
    )
    clock.set(at(2026, 10, 14, 9))
    sweep(clock.now)
    clock.set(at(2026, 10, 14, 10))
    extension = services.request_extension(
        actor=org.assigner,
        item=make_item(
            actor=org.clerk, responsible=org.assigner.person, days=20, subject="我交办的事项"
        ),
        amount=2,
        reason="等待会签",
    )
    services.request_reading(
        actor=org.assigner, readers=[org.clerk.person], subject="督查通报第9期"
    )
    chased = make_item(actor=org.clerk, responsible=org.outsider.person, subject="我催办的事项")
    services.chase_item(actor=org.clerk, item=chased, method="phone", message="请本周报送")
    return {**mine, "extension": extension}


def subjects(response) -> set[str]:
    return {item.subject for item in response.context["object_list"]}


def test_todo_holds_mine_my_units_and_delegated_work(client, org, desk):
    client.force_login(org.clerk)
    response = client.get(reverse("workbench:list", args=["todo"]))
    assert subjects(response) == {"超期事项", "临期事项", "新交办事项", "单位事项", "受托事项"}


def test_sup_16_due_soon_and_overdue_lists_by_colour(client, org, desk):
    client.force_login(org.clerk)
    assert subjects(client.get(reverse("workbench:list", args=["overdue"]))) == {"超期事项"}
    # 10 working days from Mon 28 Sep fall on Fri 16 Oct: on Wed 14 Oct only 14, 15 and 16
    # remain, so the sweep has turned it yellow.
    assert desk["soon"].due_at == at(2026, 10, 16, 17, 30)
    assert subjects(client.get(reverse("workbench:list", args=["due_soon"]))) == {"临期事项"}


def test_started_list_shows_where_each_item_is(client, org, desk):
    client.force_login(org.assigner)
    response = client.get(reverse("workbench:list", args=["started"]))
    assert "超期事项" in subjects(response)
    page = response.content.decode()
    assert "王芳" in page  # who holds it


def test_chased_and_to_read_lists(client, org, desk):
    client.force_login(org.clerk)
    chases = client.get(reverse("workbench:list", args=["chased"])).context["object_list"]
    assert [c.item.subject for c in chases] == ["我催办的事项"]
    reads = client.get(reverse("workbench:list", args=["to_read"])).context["object_list"]
    assert [r.subject for r in reads] == ["督查通报第9期"]


def test_home_shows_counts_todo_and_approvals(client, org, desk):
    client.force_login(org.clerk)
    response = client.get(reverse("workbench:home"))
    assert response.context["counts"]["todo"] == 5 + 1  # five items and one approval
    assert response.context["counts"]["overdue"] == 1
    assert [a.item.subject for a in response.context["approvals"]] == ["我交办的事项"]
    page = response.content.decode()
    assert "代赵强" in page  # the delegated item is marked 代
    assert 'id="pending-count">6<' in page


def test_top_bar_and_cards_stop_counting_at_their_caps(client, org, desk, monkeypatch):
    """The top bar counts 待办 and unread up to BADGE_CAP (then "999+"), the "我交办的" card
    up to CARD_CAP: a supervision office with a million items pays for a thousand rows. With
    the caps lowered to 2 the clerk's six 待办 read "2+" on a list page and exactly on the
    home page (the cards count them all); the assigner's started items read "2+"."""
    from zhongshu.tracking import counts

    monkeypatch.setattr(counts, "BADGE_CAP", 2)
    monkeypatch.setattr(counts, "CARD_CAP", 2)
    client.force_login(org.clerk)
    page = client.get(reverse("workbench:list", args=["overdue"])).content.decode()
    assert 'id="pending-count">2+<' in page
    home = client.get(reverse("workbench:home"))
    assert home.context["counts"]["todo"] == 6
    assert 'id="pending-count">2+<' in home.content.decode()  # the badge caps its display
    client.force_login(org.assigner)
    home = client.get(reverse("workbench:home"))
    assert home.context["counts"]["started"] == 3  # counted up to CARD_CAP + 1
    assert '<span class="num">2+</span>' in home.content.decode()
    unread = APIClient()
    unread.force_authenticate(org.clerk)
    answer = unread.get("/api/v1/notifications/unread-count/").json()
    assert answer["capped"] is True and answer["unread"] == 3


@pytest.mark.parametrize("extra", [0, 30])
def test_home_query_count_does_not_grow_with_items(
    client, org, desk, clock, extra, django_assert_max_num_queries
):
    for n in range(extra):
        make_item(actor=org.assigner, responsible=org.clerk.person, subject=f"批量{n}")
    client.force_login(org.clerk)
    client.get(reverse("workbench:home"))  # warm the catalogue and calendar caches
    with django_assert_max_num_queries(16):
        assert client.get(reverse("workbench:home")).status_code == 200


@pytest.mark.parametrize("key", ["todo", "due_soon", "overdue", "chased", "started", "to_read"])
def test_each_list_query_count_is_bounded(client, org, desk, key, django_assert_max_num_queries):
    for n in range(25):
        make_item(actor=org.assigner, responsible=org.clerk.person, subject=f"批量{n}")
    client.force_login(org.clerk)
    url = reverse("workbench:list", args=[key])
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(url + "?page=2", HTTP_HX_REQUEST="true").status_code == 200


def test_list_filters_sorts_and_pages_with_htmx(client, org, desk):
    for n in range(25):
        make_item(actor=org.assigner, responsible=org.clerk.person, subject=f"批量{n:02d}")
    client.force_login(org.clerk)
    url = reverse("workbench:list", args=["todo"])
    response = client.get(url + "?q=超期")
    assert subjects(response) == {"超期事项"}
    response = client.get(url + "?sort=-due_at&page=2", HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "workbench/_item_table.html"
    assert response.context["page_obj"].number == 2
    dues = [i.due_at for i in response.context["object_list"]]
    assert dues == sorted(dues, reverse=True)
    assert "hx-get" in response.content.decode()


def test_list_exports_excel_with_basis(client, org, desk):
    client.force_login(org.clerk)
    response = client.get(reverse("workbench:list", args=["overdue"]) + "?format=xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "事项" and rows[1][0] == "超期事项"
    assert rows[1][3] == "红"


def test_leader_view_counts_by_colour_per_unit_and_portfolio(
    client, org, desk, django_assert_max_num_queries
):
    client.force_login(org.leader)
    response = client.get(reverse("workbench:leader"))
    (unit_row,) = response.context["units"]
    assert unit_row["unit"] == "财政局" and unit_row["red"] == 1
    (portfolio_row,) = response.context["portfolios"]
    assert portfolio_row["red"] == 1
    assert [i.subject for i in response.context["overdue"]] == ["超期事项"]
    page = response.content.decode()
    assert '<td data-label="单位">财政局</td>' in page and '<td data-label="红">1</td>' in page
    assert portfolio_row["leader"] in page
    overdue = desk["overdue"]
    assert f'<a href="{reverse("tracking:item_detail", args=[overdue.uuid])}">超期事项</a>' in page
    client.force_login(org.clerk)
    assert client.get(reverse("workbench:leader")).status_code == 404


def test_workbench_api_lists_and_summary(org, desk):
    api = APIClient()
    api.force_authenticate(org.clerk)
    summary = api.get("/api/v1/workbench/summary/").json()
    assert summary["counts"]["overdue"] == 1
    todo = api.get("/api/v1/workbench/todo/?page_size=2").json()
    assert len(todo["results"]) == 2 and todo["next"]
    assert api.get("/api/v1/workbench/nothing/").status_code == 404
    assert api.get("/api/v1/workbench/leader/").status_code == 404


def test_search_finds_visible_subjects_only(client, org, desk):
    client.force_login(org.clerk)
    found = client.get(reverse("workbench:search") + "?q=事项").context["object_list"]
    assert "他人事项" not in {i.subject for i in found}
    assert "超期事项" in {i.subject for i in found}


@pytest.mark.parametrize(
    "who, expected", [(None, 302), ("admin", 403), ("outsider", 200), ("clerk", 200)]
)
@pytest.mark.parametrize("url", ["/", "/list/todo/", "/search/?q=事项"])
def test_workbench_pages_permission_matrix(client, org, who, expected, url):
    if who:
        client.force_login(getattr(org, who))
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("who, expected", [(None, 401), ("admin", 403), ("clerk", 200)])
def test_workbench_api_permission_matrix(org, who, expected):
    api = APIClient()
    if who:
        api.force_authenticate(getattr(org, who))
    assert api.get("/api/v1/workbench/summary/").status_code == expected


@pytest.mark.parametrize("key, card", [("todo", "todo"), ("overdue", "overdue")])
def test_unfiltered_list_takes_its_length_from_the_cards(client, org, desk, key, card):
    """SUP-16 colours: an unfiltered 待办 or 已超期 list is as long as its home card says,
    counted once by the cards' query; a filtered list counts itself."""
    for n in range(25):
        make_item(actor=org.assigner, responsible=org.clerk.person, subject=f"批量{n}")
    client.force_login(org.clerk)
    cards = client.get(reverse("workbench:home")).context["counts"]
    url = reverse("workbench:list", args=[key])
    page = client.get(url).context["page_obj"]
    items = cards[card] - (1 if key == "todo" else 0)  # the todo card adds the approval
    assert page.paginator.count == items
    filtered = client.get(url + "?q=批量").context["page_obj"]
    assert filtered.paginator.count == (25 if key == "todo" else 0)
