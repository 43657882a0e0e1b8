"""DOC-OUT-6: the signing route computed from the attributes and the demo portfolios."""

from __future__ import annotations

import pytest

from zhongshu.org.models import Portfolio

from .. import routes, services

pytestmark = pytest.mark.django_db


def names(document) -> list[str]:
    return [entry.person.name for entry in routes.signing_route(document)]


DEPARTMENT_SIGNERS = [
    ("示范区教育局", "陈晓东"),
    ("示范区公安分局", "赵国强"),
    ("示范区交通运输局", "刘素梅"),
    ("示范区水务局", "孙立新"),
    ("示范区财政局", "李振华"),
    ("示范区审计局", "王建国"),  # the head's own portfolio
    ("示范区安全生产委员会", "赵国强"),  # a coordinating body: its host's leader
    ("示范区东城街道办事处", "陈晓东"),
]


@pytest.mark.parametrize(("unit", "signer"), DEPARTMENT_SIGNERS)
def test_doc_out_6_one_field_signed_by_the_deputy_head_in_charge(demo, unit, signer):
    doc = demo.draft(drafting_unit=demo.unit(unit))
    assert names(doc) == [signer]


def test_doc_out_6_every_demo_portfolio_routes_to_its_leader(demo):
    for portfolio in Portfolio.objects.filter(kind="government").select_related("leader"):
        doc = demo.draft(portfolios=[portfolio])
        expected = portfolio.leader.name
        assert names(doc) == [expected], portfolio


def test_doc_out_6_several_fields_each_deputy_head_in_turn(demo):
    chosen = Portfolio.objects.filter(
        leader__name__in=["孙立新", "陈晓东", "李振华"], kind="government"
    )
    doc = demo.draft(portfolios=list(chosen))
    assert names(doc) == ["李振华", "陈晓东", "孙立新"]  # the order of the leadership
    route = routes.signing_route(doc)
    assert route[0].role == "分管副区长依次签发" and route[-1].role == "分管副区长签发"


def test_doc_out_6_major_matter_goes_up_to_the_head(demo):
    doc = demo.draft(drafting_unit=demo.unit("示范区交通运输局"), is_major=True)
    assert names(doc) == ["郑志刚", "周文斌", "刘素梅", "王建国"]


def test_doc_out_6_report_up_signed_by_the_head(demo):
    doc = demo.draft(drafting_unit=demo.unit("示范区教育局"), is_report_up=True)
    assert names(doc)[-1] == "王建国"
    assert names(doc)[0] == "吴海燕"


def test_doc_out_6_office_internal_signed_by_the_office_director(demo):
    doc = demo.draft(is_office_internal=True)
    assert names(doc) == ["周文斌"]


def test_doc_out_6_route_shown_before_submission(demo):
    doc = demo.draft(drafting_unit=demo.unit("示范区教育局"))
    preview = services.route_preview(doc)
    assert preview["route_text"] == "陈晓东（分管副区长签发）"
    assert preview["blocks"] == []
    assert preview["stages"][-1] == "签发"
    assert doc.state == "drafting" and not doc.steps.exists()
