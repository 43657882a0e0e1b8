"""One test (at least) per rule, named by its ID, on the demo district."""

from __future__ import annotations

import pytest

from zhongshu.framework.errors import RuleViolation
from zhongshu.tracking.models import TrackedItem

from .. import checks, services
from ..body import count_characters
from ..choices import Decision, LengthCategory, State, StepKind
from .conftest import at

pytestmark = pytest.mark.django_db
GATES = ["政治关", "政策关", "法律关", "内容关", "格式关", "文字关"]


def rules_of(exc) -> list[str]:
    return [v.rule for v in exc.value.violations]


def to_signing(demo, doc, *, drafter="czj_lly"):
    services.submit(actor=demo.user(drafter), document=doc)
    if doc.state == State.LEGALITY_REVIEW:
        services.legality_review(
            actor=demo.user("fzk_0"), document=doc, passed=True, opinion="合法"
        )
    services.office_review(actor=demo.user("msk_0"), document=doc, opinion="同意", gates=GATES)
    services.office_review(actor=demo.user("zwk_0"), document=doc, opinion="同意")
    deputy = services.pending_steps(doc, StepKind.OFFICE_REVIEW).first().person
    user = next(u for u in demo.users.values() if u.person_id == deputy.pk)
    services.office_review(actor=user, document=doc, opinion="同意")
    services.office_review(actor=demo.user("mishuke"), document=doc, opinion="同意")
    assert doc.state == State.SIGNING
    return doc


def test_doc_out_20_title_must_name_the_matter_and_end_with_the_kind(demo):
    doc = demo.draft(title="示范区人民政府办公室优化营商环境工作方案")
    found = checks.check_title(doc)
    assert {v.rule for v in found} == {"DOC-OUT-20"}
    assert any("通知" in v.message for v in found)
    assert any("关于" in v.message for v in found)
    doc.title = "示范区人民政府办公室关于优化营商环境的通知。"
    assert [v.message for v in checks.check_title(doc)] == ["标题末尾不加标点。"]
    doc.title = "示范区人民政府办公室关于优化营商环境的通知"
    assert checks.check_title(doc) == []


def test_doc_out_20_letter_title_ends_with_letter(demo):
    doc = demo.draft(kind="letter", title="示范区人民政府办公室关于商请支持项目建设的函")
    assert checks.check_title(doc) == []


def test_doc_out_20_title_names_the_issuing_body_and_the_matter(demo):
    doc = demo.draft(title="关于优化营商环境的通知")
    assert [v.message for v in checks.check_title(doc)] == [
        "标题应写明发文机关：“示范区人民政府办公室关于……的通知”。"
    ]
    doc.title = "示范区财政局关于优化营商环境的通知"
    assert [v.message for v in checks.check_title(doc)] == [
        "标题中的发文机关“示范区财政局”与发文机关“示范区人民政府办公室”不一致。"
    ]
    doc.title = "示范区人民政府办公室关于的通知"
    assert [v.message for v in checks.check_title(doc)] == ["标题应写明事由。"]
    doc.title = f"{doc.issuer.short_name}关于优化营商环境的通知"
    assert checks.check_title(doc) == []
    doc.issuer = demo.gov
    doc.title = "示范区人民政府关于优化营商环境的通知"
    assert checks.check_title(doc) == []


def test_doc_out_20_bad_title_blocks_submission(demo):
    doc = demo.draft(title="关于优化营商环境")
    with pytest.raises(RuleViolation) as caught:
        services.submit(actor=demo.user("czj_lly"), document=doc)
    assert "DOC-OUT-20" in rules_of(caught)
    doc.refresh_from_db()
    assert doc.state == State.DRAFTING


def test_doc_out_2_statement_required_when_not_on_the_ledger(demo):
    doc = demo.draft(necessity={"主要依据": "市政府文件"})
    with pytest.raises(RuleViolation) as caught:
        services.submit(actor=demo.user("czj_lly"), document=doc)
    assert "DOC-OUT-2" in rules_of(caught)
    message = next(v.message for v in caught.value.violations if v.rule == "DOC-OUT-2")
    assert "主体框架" in message and "主要依据" not in message


def test_doc_out_2_not_needed_for_a_ledger_item(demo, clock):
    from zhongshu.clock.engine import add_working_days
    from zhongshu.tracking import services as tracking

    item = tracking.create_item(
        actor=None,
        kind="outgoing.issue",
        subject="贯彻市政府优化营商环境意见",
        lead_unit=demo.unit("示范区财政局"),
        deadline=add_working_days(clock.now, 15, rule="DOC-OUT-1"),
    )
    doc = demo.draft(necessity={}, ledger_item=item)
    assert checks.check_necessity(doc) == []
    services.submit(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.FIRST_REVIEW


def test_doc_out_1_ledger_item_closed_when_the_document_is_issued(demo, clock):
    from zhongshu.clock.engine import add_working_days
    from zhongshu.tracking import services as tracking

    item = tracking.create_item(
        actor=None,
        kind="outgoing.issue",
        subject="贯彻市政府优化营商环境意见",
        lead_unit=demo.unit("示范区财政局"),
        deadline=add_working_days(clock.now, 15, rule="DOC-OUT-1"),
    )
    doc = to_signing(demo, demo.draft(ledger_item=item))
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    services.assign_number(actor=demo.user("mishuke"), document=doc)
    services.issue(actor=demo.user("mishuke"), document=doc)
    item.refresh_from_db()
    assert item.state == "closed" and doc.number in item.outcome


def test_doc_out_3_questions_must_be_answered_and_answers_kept(demo):
    doc = demo.draft(questions={})
    with pytest.raises(RuleViolation) as caught:
        services.submit(actor=demo.user("czj_lly"), document=doc)
    assert "DOC-OUT-3" in rules_of(caught)
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    doc.refresh_from_db()
    assert doc.questions["是否有实质内容"]["answer"] == "yes"


def test_doc_out_3_an_answer_against_issuing_is_a_warning_the_office_sees(demo):
    from .helpers import QUESTIONS_NO

    answers = {**QUESTIONS_NO, "是否照抄照搬上位文件": {"answer": "yes", "note": ""}}
    doc = demo.draft(questions=answers)
    warnings = services.submit(actor=demo.user("czj_lly"), document=doc)
    assert [w.rule for w in warnings] == ["DOC-OUT-3"]
    doc.refresh_from_db()
    assert doc.warnings[0]["rule"] == "DOC-OUT-3"


def test_doc_out_4_government_level_needs_a_reason(demo):
    doc = demo.draft(issuer=demo.gov, form_reason="", title="示范区人民政府关于优化营商环境的通知")
    assert [v.rule for v in checks.check_form(doc)] == ["DOC-OUT-4"]
    doc.form_reason = "涉及全区，须以区政府名义部署"
    assert checks.check_form(doc) == []


def test_doc_out_5_length_limit_message_has_count_and_limit(demo):
    long_body = [{"level": 0, "text": "字" * 4001}]
    doc = demo.draft(body=long_body, length_category=LengthCategory.SPECIAL)
    found = checks.check_length(doc)
    assert [v.rule for v in found] == ["DOC-OUT-5"]
    assert "4001字" in found[0].message and "4000字" in found[0].message
    doc.body = [{"level": 0, "text": "字" * 4000}]
    assert checks.check_length(doc) == []
    doc.length_category = LengthCategory.OVERALL
    doc.body = long_body * 3
    assert checks.check_length(doc) == []


def test_doc_out_5_field_limit_is_6000_and_city_limits_absent_in_district(demo):
    doc = demo.draft(body=[{"level": 0, "text": "字" * 6001}], length_category=LengthCategory.FIELD)
    assert "6000字" in checks.check_length(doc)[0].message
    doc.length_category = LengthCategory.OFFICE_GENERAL  # city profile only
    assert checks.check_length(doc) == []


def test_doc_out_5_counts_characters_without_whitespace():
    assert count_characters([{"text": "一、 总体要求"}, {"text": "\u3000好 "}]) == 7


def test_doc_out_5_is_a_warning_not_a_block(demo):
    doc = demo.draft(body=[{"level": 0, "text": "字" * 5000}])
    warnings = services.submit(actor=demo.user("czj_lly"), document=doc)
    assert [w.rule for w in warnings] == ["DOC-OUT-5"]
    assert doc.state == State.FIRST_REVIEW


def test_doc_out_14_disclosure_required_and_reason_when_not_public(demo):
    doc = demo.draft()
    doc.disclosure = ""
    assert [v.rule for v in checks.check_disclosure(doc)] == ["DOC-OUT-14"]
    doc.disclosure = "not_public"
    assert checks.check_disclosure(doc)[0].field == "disclosure_reason"
    doc.disclosure_reason = "涉及内部工作安排"
    assert checks.check_disclosure(doc) == []


def test_doc_out_14_public_by_default(demo):
    doc = demo.draft(disclosure="")
    assert doc.disclosure == "public"


def test_doc_out_9_legality_review_fail_returns_and_blocks_signing(demo):
    doc = demo.draft(is_normative=True)
    services.submit(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.LEGALITY_REVIEW
    with pytest.raises(RuleViolation) as caught:
        services.legality_review(actor=demo.user("msk_0"), document=doc, passed=True, opinion="x")
    assert rules_of(caught) == ["DOC-OUT-9"]
    services.legality_review(
        actor=demo.user("fzk_0"), document=doc, passed=False, opinion="超越权限"
    )
    assert doc.state == State.DRAFTING and doc.legality_passed is False
    assert "超越权限" in doc.return_reason
    assert checks.before_signing(doc)[0].rule == "DOC-OUT-9"


def test_doc_out_9_sign_refused_without_passed_review(demo):
    doc = to_signing(demo, demo.draft(is_normative=True))
    type(doc).objects.filter(pk=doc.pk).update(legality_passed=False)
    doc.refresh_from_db()
    with pytest.raises(RuleViolation) as caught:
        services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    assert "DOC-OUT-9" in rules_of(caught)


def test_doc_out_9_meeting_refused_without_passed_review(demo, clock):
    doc = demo.draft(is_normative=True)
    with pytest.raises(RuleViolation) as caught:
        services.record_meeting_approval(actor=demo.user("mishuke"), document=doc, on=clock.now)
    assert rules_of(caught) == ["DOC-OUT-9"]


def test_doc_out_15_policy_document_needs_approved_interpretation(demo):
    doc = demo.draft(is_policy=True, interpretation_plan="背景依据：……；主要内容：……")
    services.submit(actor=demo.user("czj_lly"), document=doc)
    services.office_review(actor=demo.user("msk_0"), document=doc, opinion="同意", gates=GATES)
    services.office_review(actor=demo.user("zwk_0"), document=doc, opinion="同意")
    services.office_review(actor=demo.user("fuzhuren1"), document=doc, opinion="同意")
    with pytest.raises(RuleViolation) as caught:
        services.office_review(actor=demo.user("mishuke"), document=doc, opinion="同意")
    assert rules_of(caught) == ["DOC-OUT-15"]
    with pytest.raises(RuleViolation):
        services.approve_interpretation(actor=demo.user("czj_lly"), document=doc)
    services.approve_interpretation(actor=demo.user("czj_fzr"), document=doc)
    services.office_review(actor=demo.user("mishuke"), document=doc, opinion="同意")
    assert doc.state == State.SIGNING


def test_doc_out_12_six_gates_recorded_before_signing(demo):
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    services.office_review(actor=demo.user("msk_0"), document=doc, opinion="同意", gates=GATES[:3])
    services.office_review(actor=demo.user("zwk_0"), document=doc, opinion="同意")
    services.office_review(actor=demo.user("fuzhuren1"), document=doc, opinion="同意")
    with pytest.raises(RuleViolation) as caught:
        services.office_review(actor=demo.user("mishuke"), document=doc, opinion="同意")
    assert rules_of(caught) == ["DOC-OUT-12"]
    assert "内容关" in caught.value.violations[0].message
    services.office_review(
        actor=demo.user("mishuke"), document=doc, opinion="同意", gates=GATES[3:]
    )
    assert doc.state == State.SIGNING
    assert doc.gates["政治关"]["by"] == "林静"


def test_doc_in_13_office_review_order_and_reviewers(demo):
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    with pytest.raises(RuleViolation) as caught:
        services.office_review(actor=demo.user("zwk_0"), document=doc, opinion="同意")
    assert rules_of(caught) == ["DOC-IN-13"]
    services.office_review(actor=demo.user("msk_0"), document=doc, opinion="同意", gates=GATES)
    assert doc.state == State.AFFAIRS_REVIEW
    services.office_review(actor=demo.user("zwk_0"), document=doc, opinion="同意")
    assert doc.state == State.DIRECTOR_REVIEW
    with pytest.raises(RuleViolation):  # not the deputy director in charge of 财政局
        services.office_review(actor=demo.user("fuzhuren2"), document=doc, opinion="同意")
    step = services.pending_steps(doc, StepKind.OFFICE_REVIEW).get()
    assert step.item.kind == "outgoing.review" and step.item.responsible.name == "吴海燕"
    services.office_review(actor=demo.user("fuzhuren1"), document=doc, opinion="同意")
    assert doc.state == State.TEXT_REVIEW


def test_doc_in_13_return_to_drafter_from_any_review_step_with_reason(demo):
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    services.office_review(actor=demo.user("msk_0"), document=doc, opinion="同意", gates=GATES)
    services.office_review(actor=demo.user("zwk_0"), document=doc, opinion="同意")
    item = services.pending_steps(doc, StepKind.OFFICE_REVIEW).get().item
    with pytest.raises(RuleViolation):
        services.return_to_drafter(actor=demo.user("fuzhuren1"), document=doc, reason="")
    services.return_to_drafter(actor=demo.user("fuzhuren1"), document=doc, reason="请补充依据")
    assert doc.state == State.DRAFTING and doc.return_reason == "请补充依据"
    item.refresh_from_db()
    assert item.state == "cancelled"
    services.submit(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.FIRST_REVIEW


def test_doc_in_14_each_signature_a_tracked_item_due_in_two_working_days(demo, clock):
    clock.set(at(2026, 9, 30, 9))  # the day before National Day
    doc = to_signing(demo, demo.draft(portfolios=_portfolios(demo, "陈晓东", "赵国强")))
    step = services.current_signing_step(doc)
    assert step.person.name == "陈晓东"
    assert step.item.kind == "outgoing.signing" and step.item.responsible == step.person
    # 30 Sep + 2 working days skips the National Day holiday (1–7 Oct 2026): 9 Oct
    from django.utils import timezone

    assert timezone.localtime(step.due_at).date().isoformat() == "2026-10-09"
    assert step.item.basis["rule"] == "DOC-IN-14"


def test_doc_in_14_opinion_required(demo):
    doc = to_signing(demo, demo.draft())
    with pytest.raises(RuleViolation) as caught:
        services.sign(actor=demo.user("changwu"), document=doc, opinion="  ")
    assert rules_of(caught) == ["DOC-IN-14"]


def _portfolios(demo, *names):
    from zhongshu.org.models import Portfolio

    return list(Portfolio.objects.filter(leader__name__in=names, kind="government"))


def test_doc_out_6_several_deputy_heads_sign_in_turn_and_last_signature_dates_it(demo, clock):
    doc = to_signing(demo, demo.draft(portfolios=_portfolios(demo, "陈晓东", "赵国强")))
    with pytest.raises(RuleViolation) as caught:
        services.sign(actor=demo.user("fuquzhang2"), document=doc, opinion="同意")
    assert rules_of(caught) == ["DOC-OUT-6"] and caught.value.status == 403
    services.sign(actor=demo.user("fuquzhang1"), document=doc, opinion="同意")
    first_item = doc.steps.get(kind=StepKind.SIGNING, order=0).item
    first_item.refresh_from_db()
    assert first_item.state == "closed"
    assert doc.state == State.SIGNING and doc.signed_on is None
    clock.set(at(2026, 11, 18, 15))
    services.sign(actor=demo.user("fuquzhang2"), document=doc, opinion="同意印发")
    assert doc.state == State.RECHECK
    assert doc.signed_on.isoformat() == "2026-11-18"


def test_doc_out_6_off_route_signer_refused(demo):
    doc = to_signing(demo, demo.draft())
    with pytest.raises(RuleViolation) as caught:
        services.sign(actor=demo.user("quzhang"), document=doc, opinion="同意")
    assert rules_of(caught) == ["DOC-OUT-6"]


def test_doc_out_6_delegate_signs_for_the_head_with_label(demo):
    doc = to_signing(demo, demo.draft(is_major=True))
    route = [s.person.name for s in doc.steps.filter(kind=StepKind.SIGNING).order_by("order")]
    assert route == ["吴海燕", "周文斌", "李振华", "王建国"]
    for username in ("fuzhuren1", "zhuren", "changwu"):
        services.sign(actor=demo.user(username), document=doc, opinion="同意")
    step = services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")  # 代区长
    assert step.acted_label == "李振华（代王建国）"
    assert doc.state == State.RECHECK


def test_doc_out_6_recheck_substantive_change_goes_back_to_the_signer(demo):
    doc = to_signing(demo, demo.draft())
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(
        actor=demo.user("mishuke"), document=doc, substantive_change=True, note="改了任务分工"
    )
    assert doc.state == State.SIGNING and doc.signed_on is None
    assert services.current_signing_step(doc).person.name == "李振华"
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意修改")
    assert doc.state == State.RECHECK


def test_doc_out_10_consultation_feedback_deadline_and_disagreements(demo, clock):
    doc = demo.draft(consulted_units=[demo.unit("示范区行政审批局"), demo.unit("示范区教育局")])
    services.submit(actor=demo.user("czj_lly"), document=doc)
    steps = list(doc.steps.filter(kind=StepKind.CONSULTATION).select_related("unit", "item"))
    assert {s.item.basis["rule"] for s in steps} == {"DOC-OUT-10"}
    assert steps[0].due_at.date().isoformat() == "2026-11-23"  # 5 working days from Mon 16 Nov
    with pytest.raises(RuleViolation):  # not their unit
        services.give_opinion(actor=demo.user("czj_lly"), step=steps[0], agreed=True, opinion="")
    spj = next(s for s in steps if s.unit.short_name == "区审批局")
    services.give_opinion(actor=demo.user("spj_lly"), step=spj, agreed=False, opinion="时限过紧")
    with pytest.raises(RuleViolation) as caught:
        services.finish_consultation(actor=demo.user("czj_lly"), document=doc)
    assert "区教育局" in caught.value.violations[0].message
    clock.set(at(2026, 11, 24, 9))  # the feedback deadline has passed
    services.record_disagreement(
        actor=demo.user("czj_lly"),
        document=doc,
        unit=spj.unit,
        their_reason="时限过紧",
        drafter_reason="市里要求年底完成",
        proposal="保留原时限",
    )
    with pytest.raises(RuleViolation) as caught:
        services.finish_consultation(actor=demo.user("czj_lly"), document=doc)
    assert "未经协调决定" in caught.value.violations[0].message
    disagreement = doc.disagreements.get()
    with pytest.raises(RuleViolation):
        services.decide_disagreement(
            actor=demo.user("fuquzhang3"), disagreement=disagreement, decision="x"
        )
    services.decide_disagreement(
        actor=demo.user("changwu"), disagreement=disagreement, decision="保留原时限"
    )
    services.finish_consultation(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.FIRST_REVIEW
    late = doc.steps.get(kind=StepKind.CONSULTATION, unit__short_name="区教育局")
    assert late.decision == Decision.SKIPPED


def test_doc_out_11_countersign_by_each_principal(demo):
    doc = demo.draft(joint_units=[demo.unit("示范区行政审批局")])
    services.submit(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.COUNTERSIGN
    with pytest.raises(RuleViolation) as caught:
        services.countersign(actor=demo.user("spj_lly"), document=doc, opinion="同意")
    assert rules_of(caught) == ["DOC-OUT-11"]
    services.countersign(actor=demo.user("spj_fzr"), document=doc, opinion="同意")
    assert doc.state == State.COUNTERSIGN
    services.countersign(actor=demo.user("czj_fzr"), document=doc, opinion="同意")
    assert doc.state == State.FIRST_REVIEW


def test_doc_out_7_and_13_meeting_deadlines(demo, clock):
    doc = demo.draft(is_normative=True, legality_passed=None)
    type(doc).objects.filter(pk=doc.pk).update(legality_passed=True)
    doc.refresh_from_db()
    items = services.record_meeting_approval(
        actor=demo.user("mishuke"), document=doc, on=at(2026, 11, 16, 15), major_revision=True
    )
    revision, issue = items
    assert revision.basis["rule"] == "DOC-OUT-7" and revision.responsible == doc.drafter
    assert revision.due_at.date().isoformat() == "2026-11-19"  # 3 working days
    assert issue.basis["rule"] == "DOC-OUT-13"
    assert issue.due_at.date().isoformat() == "2026-11-23"  # 5 working days
    minor = services.record_meeting_approval(
        actor=demo.user("mishuke"), document=doc, on=at(2026, 11, 16, 15)
    )[0]
    assert minor.due_at.date().isoformat() == "2026-11-17"


def test_doc_out_13_filing_deadline_tracked_for_normative_documents(demo, clock):
    doc = to_signing(demo, demo.draft(is_normative=True))
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    services.assign_number(actor=demo.user("mishuke"), document=doc)
    services.issue(actor=demo.user("mishuke"), document=doc)
    item = TrackedItem.objects.get(kind="outgoing.filing", source_id=str(doc.uuid))
    assert item.basis["rule"] == "DOC-OUT-13"
    assert item.due_at.date().isoformat() == "2026-12-06"


def test_doc_out_14_not_public_is_issued_not_published(demo):
    doc = to_signing(demo, demo.draft(disclosure="not_public", disclosure_reason="内部工作安排"))
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    services.assign_number(actor=demo.user("mishuke"), document=doc)
    services.issue(actor=demo.user("mishuke"), document=doc)
    assert doc.state == State.ISSUED and doc.published_at is None
    with pytest.raises(RuleViolation) as caught:
        services.publish(actor=demo.user("mishuke"), document=doc)
    assert rules_of(caught) == ["DOC-OUT-14"]


def test_doc_out_16_evaluation_and_cleanup(demo):
    doc = to_signing(demo, demo.draft())
    with pytest.raises(RuleViolation):
        services.evaluate(
            actor=demo.user("mishuke"), document=doc, validity="repealed", evaluation=""
        )
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    services.assign_number(actor=demo.user("mishuke"), document=doc)
    services.issue(actor=demo.user("mishuke"), document=doc)
    services.evaluate(
        actor=demo.user("mishuke"), document=doc, validity="repealed", evaluation="已被新文件替代"
    )
    doc.refresh_from_db()
    assert doc.validity == "repealed"


def test_doc_out_17_yearly_count_against_last_year(demo, clock):
    from ..models import OutgoingDocument

    for year, count in ((2025, 20), (2026, 18)):
        for _ in range(count):
            doc = demo.draft()
            OutgoingDocument.objects.filter(pk=doc.pk).update(
                state=State.PUBLISHED, issued_at=at(year, 5, 6)
            )
    figures = services.yearly_count(2026)
    assert figures == {
        "year": 2026,
        "count": 18,
        "last_year": 20,
        "goal": 19,
        "change_percent": -10.0,
    }


def test_doc_out_1_ledger_item_due_in_15_working_days_closed_at_issue(demo, clock):
    item = services.add_to_ledger(
        actor=demo.user("mishuke"),
        subject="贯彻落实市政府关于进一步优化营商环境的意见",
        lead_unit=demo.unit("示范区财政局"),
        received_at=at(2026, 11, 16, 9),
        issue_due=at(2026, 12, 31).date(),
    )
    assert (
        item.kind == "outgoing.ledger" and item.responsible.name == demo.user("czj_fzr").person.name
    )
    assert item.basis["rule"] == "DOC-IN-15" and item.target == "发文时限：2026年12月31日"
    assert item.due_at.date().isoformat() == "2026-12-07"  # 15 working days
    assert services.ledger_count(2026) == {"total": 1, "closed": 0, "open": 1}
    doc = to_signing(demo, demo.draft(ledger_item=item))
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    services.assign_number(actor=demo.user("mishuke"), document=doc)
    services.issue(actor=demo.user("mishuke"), document=doc)
    assert services.ledger_count(2026) == {"total": 1, "closed": 1, "open": 0}


def test_doc_out_6_deputy_head_passes_it_up_to_the_head(demo):
    doc = to_signing(demo, demo.draft(drafting_unit=demo.unit("示范区教育局")))
    services.sign(
        actor=demo.user("fuquzhang1"), document=doc, opinion="同意，报区长审定", refer_to_head=True
    )
    assert doc.state == State.SIGNING
    step = services.current_signing_step(doc)
    assert step.person.name == "王建国" and step.item.kind == "outgoing.signing"
    services.sign(actor=demo.user("quzhang"), document=doc, opinion="同意")
    assert doc.state == State.RECHECK


def test_doc_out_12_reviewer_fixes_level_classification_and_disclosure(demo):
    doc = demo.draft()
    services.submit(actor=demo.user("czj_lly"), document=doc)
    with pytest.raises(RuleViolation):  # not the reviewer of this step
        services.adjust_form(actor=demo.user("czj_lly"), document=doc, changes={"layout": "letter"})
    with pytest.raises(RuleViolation) as caught:  # a reason is needed when not public
        services.adjust_form(
            actor=demo.user("msk_0"), document=doc, changes={"disclosure": "not_public"}
        )
    assert rules_of(caught) == ["DOC-OUT-14"]
    services.adjust_form(
        actor=demo.user("msk_0"),
        document=doc,
        changes={
            "disclosure": "not_public",
            "disclosure_reason": "涉及内部工作安排",
            "urgency": "urgent",
        },
    )
    doc.refresh_from_db()
    assert (doc.disclosure, doc.urgency) == ("not_public", "urgent")
    with pytest.raises(RuleViolation):
        services.adjust_form(actor=demo.user("msk_0"), document=doc, changes={"title": "x"})


def test_doc_out_8_joint_party_document_goes_to_the_party_office_after_government_approval(
    demo,
):
    doc = to_signing(demo, demo.draft(is_party_joint=True))  # the government office first
    step = services.current_signing_step(doc)
    user = next(u for u in demo.users.values() if u.person_id == step.person_id)
    services.sign(actor=user, document=doc, opinion="同意，转区委办公室")
    assert doc.state == State.RECHECK
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    doc.refresh_from_db()
    assert doc.state == State.TRANSFERRED and doc.transferred_at is not None
    assert doc.number == "" and not doc.numbers.exists()  # 区委办公室 numbers it
    with pytest.raises(RuleViolation) as caught:
        services.assign_number(actor=demo.user("mishuke"), document=doc)
    assert caught.value.status == 409


def test_doc_out_10_a_draft_touching_funds_must_be_sent_for_opinions(demo):
    doc = demo.draft(consultation_topics=["财政资金", "任务分工"])
    with pytest.raises(RuleViolation) as caught:
        services.submit(actor=demo.user("czj_lly"), document=doc)
    assert rules_of(caught) == ["DOC-OUT-10"]
    assert "财政资金、任务分工" in caught.value.violations[0].message
    doc.consulted_units.set([demo.unit("示范区审计局")])
    services.submit(actor=demo.user("czj_lly"), document=doc)
    assert doc.state == State.CONSULTATION


def test_doc_out_10_public_interest_draft_needs_public_comment_and_feedback_before_signing(
    demo,
):
    doc = demo.draft(is_public_interest=True, public_comment="区政府网站公开征求意见15天")
    with pytest.raises(RuleViolation) as caught:
        to_signing(demo, doc)
    assert "DOC-OUT-10" in rules_of(caught) and doc.state == State.TEXT_REVIEW
    services.return_to_drafter(actor=demo.user("mishuke"), document=doc, reason="补充采纳情况")
    services.update_draft(
        actor=demo.user("czj_lly"),
        document=doc,
        data={"public_comment_feedback": "收到意见12条，采纳8条，未采纳的已说明理由"},
    )
    to_signing(demo, doc)
    assert doc.state == State.SIGNING


def test_doc_out_14_paper_copies_of_an_unclassified_document_are_recorded(demo):
    doc = to_signing(demo, demo.draft())
    services.sign(actor=demo.user("changwu"), document=doc, opinion="同意")
    services.recheck(actor=demo.user("mishuke"), document=doc, substantive_change=False)
    services.assign_number(actor=demo.user("mishuke"), document=doc)
    services.issue(actor=demo.user("mishuke"), document=doc, copies=30)
    doc.refresh_from_db()
    assert doc.copies == 30
    assert {
        "rule": "DOC-OUT-14",
        "message": "非涉密公文应以电子方式运转，本件另印制纸质30份。",
    } in (doc.warnings)
