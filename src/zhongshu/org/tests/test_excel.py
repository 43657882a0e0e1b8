"""Excel: the template, exports (audited as a security event), imports that take every
row or none, with one Chinese error line per bad row."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zhongshu.audit.models import AuditRecord
from zhongshu.org.models import Person, Position, Unit

from .conftest import person_in

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("data.xlsx", buffer.getvalue())


UNIT_HEADER = ["编号", "全称*", "简称*", "类别*", "上级单位", "牵头部门", "排序", "电话"]
PEOPLE_HEADER = ["编号", "姓名*", "单位*", "科室", "职务", "手机", "办公电话", "电子邮箱", "排序"]


def test_template_has_chinese_headers_and_instructions(client, manager):
    client.force_login(manager)
    response = client.get(reverse("org:person_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["人员", "填写说明"]
    assert [c.value for c in book["人员"][1]] == PEOPLE_HEADER
    assert "整个文件都不会导入" in " ".join(str(r[0].value) for r in book["填写说明"].iter_rows())


def test_unit_import_is_all_or_nothing_with_an_error_per_row(client, manager, district):
    client.force_login(manager)
    upload = xlsx(
        [
            UNIT_HEADER,
            ["", "示范区科技局", "区科技局", "政府部门（委办局）", "示范区人民政府", "", "1", ""],
            ["", "示范区科技局创新中心", "创新中心", "直属单位", "示范区科技局", "", "", ""],
            ["", "示范区体育局", "区体育局", "部门", "示范区人民政府", "", "", ""],
            ["", "示范区档案馆", "", "直属单位", "示范区不存在局", "", "x", ""],
            ["", "示范区科技局", "重复", "直属单位", "", "", "", ""],
        ]
    )
    response = client.post(reverse("org:unit_import"), {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert "第4行：类别“部门”无效" in html
    assert "第5行：“简称”不能为空" in html
    assert "第5行：上级单位“示范区不存在局”不存在" in html
    assert "第5行：排序“x”须为非负整数" in html
    assert "第6行：全称“示范区科技局”与第2行重复" in html
    assert not Unit.objects.filter(name__in=["示范区科技局", "示范区科技局创新中心"]).exists()
    assert not AuditRecord.objects.filter(event="org_imported").exists()


def test_unit_import_creates_a_subtree_in_file_order(client, manager, district):
    client.force_login(manager)
    upload = xlsx(
        [
            UNIT_HEADER,
            [
                "",
                "示范区科技局",
                "区科技局",
                "政府部门（委办局）",
                "示范区人民政府",
                "",
                "1",
                "66001234",
            ],
            ["", "示范区科技局创新中心", "创新中心", "直属单位", "示范区科技局", "", "", ""],
        ]
    )
    response = client.post(reverse("org:unit_import"), {"file": upload})
    assert response.status_code == 302
    parent = Unit.objects.get(name="示范区科技局")
    child = Unit.objects.get(name="示范区科技局创新中心")
    assert child.path == f"{parent.path}{child.pk}/"
    assert parent.phone == "66001234"
    record = AuditRecord.objects.get(event="org_imported")
    assert record.after == {"sheet": "units", "rows": 2, "created": 2, "updated": 0}


def test_people_import_with_posts_and_an_update_by_id(client, manager, district):
    existing = person_in(district.finance, "李四")
    client.force_login(manager)
    upload = xlsx(
        [
            PEOPLE_HEADER,
            ["", "张伟", "区财政局", "办公室", "科长、信息员", "13800000000", "", "", ""],
            [str(existing.uuid), "李四", "示范区财政局", "", "", "13900000000", "", "", "3"],
        ]
    )
    response = client.post(reverse("org:person_import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[-3000:]
    zhang = Person.objects.get(name="张伟")
    posts = set(Position.objects.active().filter(person=zhang).values_list("post__code", flat=True))
    assert posts == {"section_chief", "information_officer"}
    assert zhang.section == district.finance_office and zhang.mobile == "13800000000"
    assert Person.objects.get(pk=existing.pk).mobile == "13900000000"


def test_people_import_errors_name_their_rows(client, manager, district):
    person_in(district.finance, "李四")
    client.force_login(manager)
    upload = xlsx(
        [
            PEOPLE_HEADER,
            ["", "王五", "区财政局", "", "", "", "", "", ""],
            ["", "赵六", "示范区不存在局", "", "", "", "", "", ""],
            ["", "孙七", "区财政局", "秘书科", "处长", "", "", "bad-mail", ""],
            ["", "李四", "区财政局", "", "", "", "", "", ""],
        ]
    )
    response = client.post(reverse("org:person_import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 422
    assert "第3行：单位“示范区不存在局”不存在" in html
    assert "第4行：单位“区财政局”没有科室“秘书科”" in html
    assert "第4行：职务“处长”不存在" in html
    assert "第4行：电子邮箱“bad-mail”格式不正确" in html
    assert "第5行：区财政局已有人员“李四”" in html
    assert not Person.objects.filter(name="王五").exists()  # the good row is not imported either


def test_a_file_that_is_not_a_workbook_is_refused(client, manager):
    client.force_login(manager)
    upload = SimpleUploadedFile("data.xlsx", b"not a workbook")
    response = client.post(reverse("org:unit_import"), {"file": upload})
    assert response.status_code == 422
    assert "无法读取文件" in response.content.decode()


def test_export_follows_the_list_filters_and_is_audited(client, manager, district):
    person_in(district.finance, "张伟", "section_chief")
    person_in(district.education, "王五")
    client.force_login(manager)
    response = client.get(reverse("org:person_export"), {"unit": str(district.finance.uuid)})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [r[1] for r in rows[1:]]
    assert "张伟" in names and "王五" not in names
    zhang = next(r for r in rows if r[1] == "张伟")
    assert zhang[2] == "示范区财政局" and zhang[4] == "科长"
    record = AuditRecord.objects.get(event="org_exported")
    assert record.after["sheet"] == "people" and record.after["filters"] == {
        "unit": str(district.finance.uuid)
    }


def test_exported_people_reimport_as_updates_not_duplicates(client, manager, district):
    person_in(district.finance, "张伟")
    client.force_login(manager)
    exported = client.get(reverse("org:person_export")).content
    before = Person.objects.count()
    response = client.post(
        reverse("org:person_import"), {"file": SimpleUploadedFile("p.xlsx", exported)}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Person.objects.count() == before
