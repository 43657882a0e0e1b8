"""The rules page: who sees it, who edits, what it shows, how many queries it costs."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from zhongshu.audit.models import AuditRecord
from zhongshu.rules import catalogue, services

pytestmark = pytest.mark.django_db

LIST = reverse("rules:rule_list")
DETAIL = reverse("rules:rule_detail", args=["DOC-IN-10"])
EDIT = reverse("rules:rule_edit", args=["DOC-IN-10"])
SWITCH = reverse("rules:profile_switch")


@pytest.mark.parametrize("url", [LIST, DETAIL, EDIT, SWITCH])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [LIST, DETAIL, EDIT, SWITCH])
def test_three_administrators_get_no_rules_pages(client, auditor, url):
    client.force_login(auditor)
    assert client.get(url).status_code == 403


def test_business_user_reads_but_cannot_edit(client, clerk):
    client.force_login(clerk)
    page = client.get(LIST)
    assert page.status_code == 200
    assert "/edit/" not in page.content.decode()
    assert client.get(DETAIL).status_code == 200
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, {"version": 1, "days": 9}).status_code == 403
    assert client.get(SWITCH).status_code == 403
    assert client.post(SWITCH, {"profile": "city"}).status_code == 403
    assert catalogue.param("DOC-IN-10", "days") == 7


def test_the_page_shows_the_catalogue_by_module(client, clerk):
    client.force_login(clerk)
    html = client.get(LIST).content.decode()
    for label in [
        "时间与日历",
        "收文",
        "发文",
        "会议",
        "督查督办",
        "政务信息",
        "值班应急",
        "公共服务",
    ]:
        assert f">{label} <span" in html
    assert "共 97 条规则" in html
    assert "DOC-IN-10</a> 请示答复时限" in html
    assert "河北区公文规范管理意见 (四)（003 (四)）" in html
    assert "7个工作日" in html and "17:30" in html
    assert "规则目录" in html  # navigation entry (group 规则与日历)


def test_filter_by_module_kind_and_search(client, clerk):
    client.force_login(clerk)
    html = client.get(LIST, {"module": "MTG", "kind": "block"}).content.decode()
    assert "MTG-10</a>" in html and "MTG-11</a>" not in html and "DOC-IN-2</a>" not in html
    html = client.get(LIST, {"q": "纪要"}).content.decode()
    assert "MTG-14</a>" in html and "CAL-2</a>" not in html


def test_htmx_filter_answers_the_partial(client, clerk):
    client.force_login(clerk)
    response = client.get(LIST, {"module": "SUP"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.startswith('<div id="rule-groups"')
    assert "SUP-16</a>" in html and "<html" not in html


def test_city_profile_values_can_be_viewed(client, clerk):
    client.force_login(clerk)
    html = client.get(LIST, {"profile": "city", "module": "MTG"}).content.decode()
    assert "正在查看“市级配置”的参数（未启用）" in html
    assert "100人" in html
    assert client.get(LIST, {"profile": "county"}).status_code == 404


def test_rules_list_query_count(client, clerk, django_assert_max_num_queries):
    """8 queries of the rules page (profiles, count, permissions ×2, rules, parameters,
    values, switches) plus the shell's (session, user, pending counts…); none per rule."""
    client.force_login(clerk)
    client.get(LIST)
    with django_assert_max_num_queries(16):
        response = client.get(LIST)
    assert response.status_code == 200


def test_rules_list_queries_do_not_grow_with_the_rules_shown(client, clerk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(clerk)
    client.get(LIST)
    counts = []
    for query in ({"module": "CAL"}, {}):  # 4 rules, then all 97
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST, query).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_office_admin_edits_a_parameter(client, office_admin):
    client.force_login(office_admin)
    form = client.get(EDIT)
    assert form.status_code == 200
    version = form.context["form"]["version"].value()
    response = client.post(
        EDIT, {"version": version, "enabled": "on", "days": "10", "difficult_days": "15"}
    )
    assert response.status_code == 302
    assert response["Location"] == DETAIL + "?profile=district"
    assert catalogue.param("DOC-IN-10", "days") == 10
    assert AuditRecord.objects.filter(event="rule_parameter_changed").count() == 1
    detail = client.get(DETAIL).content.decode()
    assert "已修改" in detail and "一般请示答复时限：7个工作日 → 10个工作日" in detail


def test_an_invalid_value_comes_back_beside_the_field(client, office_admin):
    client.force_login(office_admin)
    version = client.get(EDIT).context["form"]["version"].value()
    response = client.post(
        EDIT, {"version": version, "enabled": "on", "days": "0", "difficult_days": "15"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["days"] == [
        "“一般请示答复时限”须为1至60之间的整数。（DOC-IN-10）"
    ]
    assert catalogue.param("DOC-IN-10", "days") == 7


def test_a_stale_form_is_refused(client, office_admin):
    client.force_login(office_admin)
    version = client.get(EDIT).context["form"]["version"].value()
    services.change_rule_parameters(actor=office_admin, rule_id="DOC-IN-10", values={"days": 8})
    response = client.post(
        EDIT, {"version": version, "enabled": "on", "days": "9", "difficult_days": "15"}
    )
    assert response.status_code == 422
    assert "该记录已被他人修改" in response.content.decode()
    assert catalogue.param("DOC-IN-10", "days") == 8


def test_office_admin_switches_the_profile(client, office_admin):
    client.force_login(office_admin)
    assert client.get(SWITCH).status_code == 200
    response = client.post(SWITCH, {"profile": "city"})
    assert response.status_code == 302
    assert catalogue.active_profile() == "city"
    assert "当前启用的配置：<strong>市级配置</strong>" in client.get(LIST).content.decode()


def test_basis_include_renders_yiju():
    basis = catalogue.basis("DOC-IN-10", days=7)
    html = Template('{% include "rules/basis.html" with basis=b %}').render(Context({"b": basis}))
    assert "依据：" in html
    assert "7个工作日内答复（DOC-IN-10，河北区公文规范管理意见 (四)）" in html
    assert 'href="/rules/DOC-IN-10/"' in html
    assert 'title="所用参数：一般请示答复时限 7个工作日，配置：区级配置"' in html
    tag = Template("{% load rule_basis %}{% rule_basis b %}").render(Context({"b": basis}))
    assert tag == html
    assert Template('{% include "rules/basis.html" with basis=None %}').render(Context()) == ""


def test_switching_a_rule_off_shows_in_its_history(client, office_admin):
    client.force_login(office_admin)
    url = reverse("rules:rule_edit", args=["DOC-IN-2"])
    version = client.get(url).context["form"]["version"].value()
    assert client.post(url, {"version": version}).status_code == 302  # checkbox left empty
    assert catalogue.rule("DOC-IN-2").enabled is False
    detail = client.get(reverse("rules:rule_detail", args=["DOC-IN-2"])).content.decode()
    assert "本规则：启用 → 停用" in detail and "本规则未启用" in detail
