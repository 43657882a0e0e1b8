"""DOC-OUT-18: one series per code per year, no padding, never reused, voids kept with
their reason, 令号 never reset; concurrent numbering on PostgreSQL."""

from __future__ import annotations

import multiprocessing

import pytest
from django.db import connection, connections, transaction

from zhongshu.framework.errors import RuleViolation
from zhongshu.org.models import SeriesCode

from .. import numbering, services
from ..choices import State
from ..models import IssuedNumber
from .conftest import at

pytestmark = pytest.mark.django_db


def to_numbering(demo, **data):
    doc = demo.draft(**data)
    type(doc).objects.filter(pk=doc.pk).update(
        state=State.NUMBERING, signed_on=at(2026, 11, 16).date()
    )
    doc.refresh_from_db()
    return doc


def test_doc_out_18_sequence_per_code_per_year_without_padding(demo):
    clerk = demo.user("mishuke")
    texts = [
        services.assign_number(actor=clerk, document=to_numbering(demo)).text for _ in range(3)
    ]
    assert texts == ["示政办发〔2026〕1号", "示政办发〔2026〕2号", "示政办发〔2026〕3号"]
    letter = to_numbering(demo, kind="letter", title="示范区人民政府办公室关于商请支持的函")
    assert services.assign_number(actor=clerk, document=letter).text == "示政办函〔2026〕1号"
    next_year = to_numbering(demo)
    type(next_year).objects.filter(pk=next_year.pk).update(signed_on=at(2027, 1, 4).date())
    next_year.refresh_from_db()
    assert services.assign_number(actor=clerk, document=next_year).text == "示政办发〔2027〕1号"


def test_doc_out_18_voided_number_kept_with_reason_and_never_reused(demo):
    clerk = demo.user("mishuke")
    doc = to_numbering(demo)
    first = services.assign_number(actor=clerk, document=doc)
    with pytest.raises(RuleViolation):
        services.void_number(actor=clerk, document=doc, reason=" ")
    services.void_number(actor=clerk, document=doc, reason="编号时选错代字")
    assert doc.state == State.NUMBERING and doc.number == ""
    again = services.assign_number(actor=clerk, document=doc)
    assert (first.text, again.text) == ("示政办发〔2026〕1号", "示政办发〔2026〕2号")
    first.refresh_from_db()
    assert first.voided_at is not None and first.void_reason == "编号时选错代字"
    assert IssuedNumber.objects.filter(document=doc).count() == 2


def test_doc_out_18_order_numbers_never_reset(demo):
    clerk = demo.user("mishuke")
    order = SeriesCode.objects.get(code="示政令")
    doc = to_numbering(demo, kind="order", issuer=demo.gov, title="示范区人民政府令")
    assert services.assign_number(actor=clerk, document=doc).text == "示政令第1号"
    later = to_numbering(demo, kind="order", issuer=demo.gov, title="示范区人民政府令")
    type(later).objects.filter(pk=later.pk).update(signed_on=at(2027, 3, 1).date())
    later.refresh_from_db()
    number = services.assign_number(actor=clerk, document=later, series=order)
    assert number.text == "示政令第2号" and number.year == 2027


def test_doc_out_18_an_order_takes_an_order_series(demo):
    doc = to_numbering(demo, kind="order", issuer=demo.gov, title="示范区人民政府令")
    with pytest.raises(RuleViolation) as caught:
        services.assign_number(
            actor=demo.user("mishuke"), document=doc, series=SeriesCode.objects.get(code="示政发")
        )
    assert caught.value.violations[0].rule == "DOC-OUT-18"


def test_doc_out_18_padding_only_when_the_profile_says_so(demo, settings):
    from zhongshu.rules import catalogue

    series = SeriesCode.objects.get(code="示政办发")
    assert numbering.render(series, 2026, 7) == "示政办发〔2026〕7号"
    original = catalogue.param
    try:
        catalogue.param = lambda rule, name, profile=None: (
            3 if name == "sequence_digits" else original(rule, name, profile)
        )  # type: ignore[assignment]
        assert numbering.render(series, 2004, 55) == "示政办发〔2004〕055号"
    finally:
        catalogue.param = original  # type: ignore[assignment]


# --- concurrency on PostgreSQL ------------------------------------------------------
PROCESSES = 8
EACH = 500


def _worker(series_id: int, count: int, voids: int, queue) -> None:
    connections.close_all()
    series = SeriesCode.objects.get(pk=series_id)
    got = []
    for i in range(count):
        with transaction.atomic():
            sequence = numbering.next_sequence(series, 2026)
            IssuedNumber.objects.create(
                series=series,
                year=2026,
                sequence=sequence,
                text=numbering.render(series, 2026, sequence),
                assigned_at=at(2026, 11, 16),
                voided_at=at(2026, 11, 16) if i < voids else None,
                void_reason="测试作废" if i < voids else "",
            )
        got.append(sequence)
    connections.close_all()
    queue.put(got)


@pytest.mark.pg_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent numbering: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_doc_out_18_eight_processes_never_share_a_number():
    from zhongshu.org.tests.factories import UnitFactory

    series = SeriesCode.objects.create(unit=UnitFactory(), code="测并发")
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [
        context.Process(target=_worker, args=(series.pk, EACH, 2, queue)) for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    numbers = [n for chunk in results for n in chunk]
    assert len(numbers) == len(set(numbers)) == PROCESSES * EACH
    assert sorted(numbers) == list(range(1, PROCESSES * EACH + 1))  # no gap at all
    rows = IssuedNumber.objects.filter(series=series)
    assert rows.count() == PROCESSES * EACH
    assert rows.filter(voided_at__isnull=False).count() == PROCESSES * 2  # voids are kept


def test_doc_out_18_number_register_shows_voids_with_reasons(
    client, demo, django_assert_max_num_queries
):
    from django.urls import reverse

    clerk = demo.user("mishuke")
    doc = to_numbering(demo)
    services.assign_number(actor=clerk, document=doc)
    services.void_number(actor=clerk, document=doc, reason="编号时选错代字")
    services.assign_number(actor=clerk, document=doc)
    client.force_login(demo.user("msk_0"))
    with django_assert_max_num_queries(16):
        page = client.get(reverse("outgoing:numbers"), {"year": 2026})
    html = page.content.decode()
    assert "示政办发〔2026〕1号" in html and "已作废：编号时选错代字" in html
    assert "示政办发〔2026〕2号" in html and "作废 1 个" in html
    client.force_login(demo.user("jyj_lly"))  # a department: not the office's register
    assert client.get(reverse("outgoing:numbers")).status_code == 403
