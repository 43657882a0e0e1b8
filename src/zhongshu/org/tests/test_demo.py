"""The demo district loads once (a second run adds nothing) and the scale seeder tops up."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from zhongshu.accounts.models import User
from zhongshu.audit.models import AuditRecord
from zhongshu.org import services
from zhongshu.org.choices import PortfolioKind, UnitKind
from zhongshu.org.demo import data
from zhongshu.org.demo.scale import ROOT_NAME
from zhongshu.org.models import Delegation, Person, Portfolio, Position, Section, SeriesCode, Unit

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    models = [Unit, Section, SeriesCode, Person, Position, Portfolio, Delegation, User, AuditRecord]
    return {m.__name__: m.objects.count() for m in models}


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    run("load_demo")


def test_load_demo_twice_adds_nothing(demo):
    first = counts()
    assert "未作改动" in run("load_demo")
    assert counts() == first


def test_demo_district_shape(demo):
    kinds = dict(Unit.objects.values_list("name", "kind"))
    assert kinds["示范区人民政府"] == UnitKind.GOVERNMENT
    assert sum(k == UnitKind.DEPARTMENT for k in kinds.values()) == 25
    assert sum(k == UnitKind.SUBDISTRICT for k in kinds.values()) == 8
    assert kinds["市人民政府办公室"] == UnitKind.HIGHER
    body = Unit.objects.get(name="示范区安全生产委员会")
    assert body.host.name == "示范区应急管理局"
    office = Unit.objects.get(name="示范区人民政府办公室")
    assert {s.name for s in office.sections.all()} >= {"秘书科", "政务科", "督查室", "值班室"}
    assert SeriesCode.objects.get(code="示政令").kind == "order"
    assert Portfolio.objects.filter(kind=PortfolioKind.GOVERNMENT).count() == 6
    assert Portfolio.objects.filter(kind=PortfolioKind.OFFICE).count() == 4


def test_every_department_and_sub_district_has_a_principal_and_a_liaison(demo):
    for unit in Unit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.SUBDISTRICT]):
        assert services.principal_of(unit) is not None, unit
        assert services.people_with_post("liaison", unit).exists(), unit


def test_two_zhang_wei_are_told_apart(demo):
    labels = sorted(p.label for p in Person.objects.filter(name=data.TWIN_NAME))
    assert labels == ["张伟（东城街道）", "张伟（区财政局）"]


def test_routing_reads_the_demo_portfolios(demo):
    education = Unit.objects.get(name="示范区教育局")
    assert [p.name for p in services.leaders_in_charge(education)] == ["陈晓东"]
    assert [p.name for p in services.leaders_in_charge(education, PortfolioKind.OFFICE)] == [
        "吴海燕"
    ]
    safety = Unit.objects.get(name="示范区安全生产委员会")
    assert [p.name for p in services.leaders_in_charge(safety)] == ["赵国强"]


def test_demo_accounts_have_roles_and_the_admins_none(demo):
    clerk = User.objects.get(username="mishuke")
    assert clerk.person.section.name == "秘书科"
    assert set(clerk.groups.values_list("profile__code", flat=True)) == {
        "office_staff",
        "secretariat_clerk",
    }
    assert clerk.check_password(data.DEMO_PASSWORD) and not clerk.must_change_password
    assert User.objects.get(username="yewuadmin").has_perm("org.manage_org")
    assert User.objects.get(username="czj_lly").has_perm("org.manage_own_unit")
    for username, role in data.ADMINS:
        admin = User.objects.get(username=username)
        assert admin.admin_role == role and admin.person is None and not admin.groups.exists()
    head = User.objects.get(username="quzhang").person
    deputy = User.objects.get(username="changwu").person
    assert services.acting_for(deputy) == [head]


def test_demo_logins_prints_one_login_per_role(demo):
    out = run("demo_logins")
    for role, username in data.LOGINS:
        assert role in out and username in out
    assert data.DEMO_PASSWORD in out


def test_seed_scale_small_run_then_tops_up(db):
    out = run("seed_scale", "--units", "12", "--people", "60")
    assert "新增单位 12，新增人员 60" in out
    root = Unit.objects.get(name=ROOT_NAME)
    synthetic = services.unit_subtree(root).exclude(pk=root.pk)
    assert synthetic.count() == 12
    assert all(u.path.startswith(root.path) and u.path.endswith(f"/{u.pk}/") for u in synthetic)
    assert Person.objects.filter(unit__in=synthetic).count() == 60
    assert services.principal_of(synthetic.first()) is not None
    assert "新增单位 0，新增人员 0" in run("seed_scale", "--units", "12", "--people", "60")
    assert "新增单位 3，新增人员 10" in run("seed_scale", "--units", "15", "--people", "70")
    assert AuditRecord.objects.filter(event="org_scale_seeded").count() == 2
