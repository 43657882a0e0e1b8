"""Demo incoming documents for the 示范区, one or more in every state, walked through the
real services at past moments (so deadlines, colours and the handling sheets are what
they would be). Idempotent: a document whose title exists is not created again."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from zhongshu.accounts.models import User
from zhongshu.documents.choices import Classification, Kind, Urgency
from zhongshu.org.models import Person, Unit

from . import services
from .choices import Decision, HandlingMode
from .models import IncomingDocument


@contextlib.contextmanager
def _at(moment: dt.datetime) -> Iterator[None]:
    """Run the services as if at ``moment`` (demo history only)."""
    with mock.patch("django.utils.timezone.now", lambda: moment):
        yield


def _user(username: str) -> User:
    return User.objects.select_related("person__unit").get(username=username)


def _unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def _pdf(title: str) -> SimpleUploadedFile:
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "DejaVu Sans"]
    plt.rcParams["pdf.fonttype"] = 42
    figure = plt.figure(figsize=(8.27, 11.69))
    figure.text(0.5, 0.85, title, ha="center", fontsize=16)
    figure.text(0.1, 0.75, "（演示正文）", fontsize=12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf")
    plt.close(figure)
    return SimpleUploadedFile("正文.pdf", buffer.getvalue(), content_type="application/pdf")


class Demo:
    def __init__(self, now: dt.datetime):
        self.now = now
        self.clerk = _user("mishuke")
        self.created = 0

    def ago(self, days: float, hour: int = 9) -> dt.datetime:
        moment = timezone.localtime(self.now - dt.timedelta(days=days))
        return moment.replace(hour=hour, minute=30, second=0, microsecond=0)

    def register(self, days_ago: float, sender: str, number: str, title: str, kind: str, **extra):
        if IncomingDocument.objects.filter(title=title).exists():
            return None
        unit = _unit(sender)
        moment = self.ago(days_ago)
        principal = Person.objects.filter(unit=unit, account__username__endswith="_fzr").first()
        liaison = Person.objects.filter(unit=unit, account__username__endswith="_lly").first()
        data = {
            "sender_unit": unit,
            "sender_number": number,
            "title": title,
            "kind": kind,
            "received_at": moment,
            "copies": 2,
            "pages": 4,
            "signer": principal.name if principal else "",
            "contact_person": liaison.name if liaison else "",
            "contact_phone": "0311-8800" + str(1000 + IncomingDocument.objects.count()),
            **extra,
        }
        self.created += 1
        with _at(moment):
            return services.register_incoming(actor=self.clerk, data=data, main_file=_pdf(title))

    def review(self, doc, days_ago: float, **data):
        with _at(self.ago(days_ago, 11)):
            services.pass_review(actor=self.clerk, document=doc, data=data)

    def propose(self, doc, days_ago: float, **kwargs):
        with _at(self.ago(days_ago, 15)):
            services.propose_handling(actor=self.clerk, document=doc, **kwargs)

    def instruct(
        self, doc, days_ago: float, username: str, decision=Decision.INSTRUCT, opinion: str = ""
    ):
        with _at(self.ago(days_ago, 10)):
            services.instruct(
                actor=_user(username),
                instruction=services.pending_step(doc),
                decision=decision,
                opinion=opinion,
            )

    def report(self, doc, days_ago: float, username: str, result: str, **reply):
        user = _user(username)
        task = doc.tasks.get(unit=user.person.unit)
        with _at(self.ago(days_ago, 16)):
            services.report_handling(actor=user, task=task, result=result, **reply)


@transaction.atomic
def load_demo(*, stdout) -> None:
    demo = Demo(timezone.now())
    edu, fin = "示范区教育局", "示范区财政局"
    if not User.objects.filter(username="mishuke").exists():
        stdout.write("  收文：无演示组织机构，跳过")
        return
    # 草稿
    if not IncomingDocument.objects.filter(title="关于开展冬季爱国卫生运动的报告").exists():
        services.save_draft(
            actor=demo.clerk,
            data={
                "sender_unit": _unit("示范区卫生健康委员会"),
                "title": "关于开展冬季爱国卫生运动的报告",
                "kind": Kind.REPORT,
            },
        )
        demo.created += 1
    # 待初审（文号写法有误：警告）
    demo.register(
        0,
        "示范区民政局",
        "示民发(2026)045号",
        "关于调整城乡居民最低生活保障标准的请示",
        Kind.REQUEST,
        urgency=Urgency.URGENT,
    )
    # 退文待批：一文多事
    doc = demo.register(
        2,
        "示范区住房和城乡建设委员会",
        "示住建发〔2026〕31号",
        "关于老旧小区改造和物业管理经费的请示",
        Kind.REQUEST,
    )
    if doc:
        with _at(demo.ago(1)):
            services.propose_return(
                actor=demo.clerk,
                document=doc,
                data={"matter_count": 2},
                reason="请示涉及老旧小区改造和物业管理经费两个事项，不符合一文一事（DOC-IN-2），请分别报送。",
            )
    # 已退文：报告夹带请示
    doc = demo.register(
        9, "示范区交通运输局", "示交发〔2026〕18号", "关于2026年公交线网优化情况的报告", Kind.REPORT
    )
    if doc:
        with _at(demo.ago(8)):
            services.propose_return(
                actor=demo.clerk,
                document=doc,
                data={"carries_request": True},
                reason="报告中夹带请求增加公交补贴的请示事项（DOC-IN-2），请另行请示。",
            )
        with _at(demo.ago(7)):
            services.decide_return(
                actor=_user("fuquzhang3"), document=doc, approve=True, opinion="同意退文。"
            )
    # 待拟办
    doc = demo.register(
        0.2,
        "示范区文化和旅游局",
        "示文旅发〔2026〕22号",
        "关于举办2027年新春文化庙会的请示",
        Kind.REQUEST,
    )
    if doc:
        demo.review(doc, 0)
    # 领导批示中
    doc = demo.register(
        1, edu, "示教发〔2026〕12号", "关于增设城区中小学学位的请示", Kind.REQUEST, important=True
    )
    if doc:
        demo.review(doc, 1)
        demo.propose(
            doc,
            1,
            mode=HandlingMode.HANDLE,
            proposal="拟请陈晓东副区长阅示，由区教育局牵头、区财政局配合研究办理。",
            leaders=[_user("fuquzhang1").person],
            lead_unit=_unit(edu),
            cooperating_units=[_unit(fin)],
        )
    # 承办中（一件临期、一件已超期）
    doc = demo.register(
        6, fin, "示财发〔2026〕40号", "关于编制2027年区级部门预算的请示", Kind.REQUEST
    )
    if doc:
        demo.review(doc, 6)
        demo.propose(
            doc,
            6,
            mode=HandlingMode.HANDLE,
            proposal="拟请李振华常务副区长阅示，由区财政局牵头、区发改委配合办理。",
            leaders=[_user("changwu").person],
            lead_unit=_unit(fin),
            cooperating_units=[_unit("示范区发展和改革委员会")],
        )
        demo.instruct(
            doc,
            5,
            "changwu",
            opinion="同意。请财政局会同发改委抓紧编制，按时报区政府常务会议审议。",
        )
        demo.report(doc, 2, "fgw_lly", "已提供2027年重大项目清单。")
    doc = demo.register(
        16,
        "示范区农业农村委员会",
        "示农发〔2026〕27号",
        "关于申请高标准农田建设配套资金的请示",
        Kind.REQUEST,
        urgency=Urgency.URGENT,
    )
    if doc:
        demo.review(doc, 16)
        demo.propose(
            doc,
            16,
            mode=HandlingMode.HANDLE,
            proposal="呈孙立新副区长阅示，由区农业农村委办理。",
            leaders=[_user("fuquzhang4").person],
            lead_unit=_unit("示范区农业农村委员会"),
        )
        demo.instruct(doc, 15, "fuquzhang4", decision=Decision.AGREE)
    # 贯彻落实上级文件（DOC-IN-15，入发文清单）
    doc = demo.register(
        4,
        "市人民政府",
        "市政发〔2026〕21号",
        "市人民政府关于加强冬季供热保障工作的通知",
        Kind.NOTICE,
        signer="",
        contact_person="",
        contact_phone="",
    )
    if doc:
        demo.review(doc, 4)
        demo.propose(
            doc,
            4,
            mode=HandlingMode.HANDLE,
            proposal="请区城管委牵头起草我区贯彻落实实施方案。",
            lead_unit=_unit("示范区城市管理委员会"),
            flags={"needs_implementation": True},
        )
    # 传阅中
    doc = demo.register(
        1, "示范区应急管理局", "示应急发〔2026〕9号", "关于近期安全生产形势的报告", Kind.REPORT
    )
    if doc:
        demo.review(doc, 1)
        demo.propose(
            doc,
            1,
            mode=HandlingMode.READ,
            proposal="呈区领导阅知。",
            in_order=True,
            readers=[_user("quzhang").person, _user("fuquzhang2").person],
        )
    # 已办结、已归档
    for days, number, title in (
        (25, "示教发〔2026〕3号", "关于秋季学期中小学课后服务收费的请示"),
        (40, "示教发〔2026〕1号", "关于新建区实验小学的请示"),
    ):
        doc = demo.register(days, edu, number, title, Kind.REQUEST)
        if doc:
            demo.review(doc, days)
            demo.propose(
                doc,
                days,
                mode=HandlingMode.HANDLE,
                proposal="拟请陈晓东副区长阅示，由区教育局办理。",
                leaders=[_user("fuquzhang1").person],
                lead_unit=_unit(edu),
            )
            demo.instruct(doc, days - 1, "fuquzhang1", decision=Decision.CIRCLE)
            demo.report(
                doc,
                days - 6,
                "jyj_lly",
                "经研究同意，已函复。",
                reply_number="示政办函〔2026〕12号",
                reply_text="同意按规定标准收取课后服务费。",
            )
            if days == 40:
                with _at(demo.ago(30)):
                    services.archive_incoming(actor=demo.clerk, document=doc)
    # 纸质办理记录（涉密件）
    title = "关于某专项工作的通知（秘密件）"
    if not IncomingDocument.objects.filter(title=title).exists():
        services.record_paper_handling(
            actor=demo.clerk,
            data={
                "sender_unit": _unit("市人民政府"),
                "title": title,
                "kind": Kind.NOTICE,
                "classification": Classification.SECRET,
                "received_at": demo.ago(3),
            },
            reason="秘密级文件，按涉密件纸质流转，本系统只登记办理记录。",
        )
        demo.created += 1
    if demo.created:
        from zhongshu.tracking.sweep import sweep

        sweep(demo.now)
    stdout.write(f"  收文：新增 {demo.created} 件")
