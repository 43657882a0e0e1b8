"""The bulletin's figures, chart (matplotlib, Agg, a CJK font from fonts-noto-cjk) and
document (.docx by python-docx, the chart embedded)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.db.models import Count

from zhongshu.rules import catalogue
from zhongshu.tracking.choices import Colour

from .choices import Source
from .models import Bulletin, SupervisedItem
from .periods import moments

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei"]
COLUMNS = ("单位", "新交办", "按时办结", "超期办结", "超期未办结", "未整改", "办理不满意", "得分")
UNIT_KEYS = (
    "unit",
    "assigned",
    "on_time",
    "late",
    "overdue",
    "not_rectified",
    "poor_quality",
    "score",
)


def figures(start: dt.date, end: dt.date) -> dict[str, Any]:
    """Totals, the per-unit table, praise and criticism (JSON-ready)."""
    from .services.assessment import unit_scores

    begin, stop = moments(start, end)
    table = unit_scores(start, end)
    totals = {
        key: sum(row[key] for row in table)
        for key in ("assigned", "on_time", "late", "overdue", "not_rectified", "poor_quality")
    }
    colours = {c: sum(row[f"open_{c}"] for row in table) for c in Colour.values}
    by_source = dict(
        SupervisedItem.objects.filter(item__created_at__gte=begin, item__created_at__lt=stop)
        .values_list("source")
        .annotate(n=Count("id"))
    )
    base = int(catalogue.param("SUP-10", "base_score"))
    praise = [
        r["unit"].short_name
        for r in table
        if r["on_time"] > 0
        and not (r["late"] or r["overdue"] or r["not_rectified"])
        and r["score"] >= base
    ]
    criticism = [
        r["unit"].short_name for r in table if r["overdue"] or r["not_rectified"] or r["late"] > 1
    ]
    closed = totals["on_time"] + totals["late"]
    return {
        "totals": {
            **totals,
            "closed": closed,
            "on_time_rate": round(100 * totals["on_time"] / closed, 1) if closed else None,
            "open": sum(colours.values()),
            **{f"open_{c}": colours.get(c, 0) for c in Colour.values},
        },
        "by_source": {str(Source(k).label): v for k, v in by_source.items()},
        "units": [
            {"unit": r["unit"].short_name, **{k: r[k] for k in r if k != "unit"}} for r in table
        ],
        "praise": praise,
        "criticism": criticism,
    }


def default_body(period_label: str, data: dict[str, Any]) -> str:
    t = data["totals"]
    rate = f"{t['on_time_rate']}%" if t["on_time_rate"] is not None else "—"
    return (
        f"{period_label}，全区督查台账新交办督办事项{t['assigned']}项，办结{t['closed']}项，"
        f"其中按时办结{t['on_time']}项、超期办结{t['late']}项，按时办结率{rate}；"
        f"截至期末在办{t['open']}项，其中红色预警{t['open_red']}项、黄色预警{t['open_yellow']}项，"
        f"超期未办结{t['overdue']}项；限期整改逾期未整改{t['not_rectified']}项。"
    )


def chart_png(data: dict[str, Any], title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    plt.rcParams["font.sans-serif"] = CJK_FONTS
    plt.rcParams["axes.unicode_minus"] = False
    rows = data["units"][:20]
    names = [r["unit"] for r in rows]
    figure, axes = plt.subplots(figsize=(8, 3.6), dpi=110)
    bottom = [0] * len(rows)
    for key, label, colour in (
        ("on_time", "按时办结", "#2e7d32"),
        ("late", "超期办结", "#f9a825"),
        ("overdue", "超期未办结", "#c62828"),
        ("not_rectified", "未整改", "#6a1b9a"),
    ):
        values = [r[key] for r in rows]
        axes.bar(names, values, bottom=bottom, label=label, color=colour)
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    axes.set_title(title)
    axes.set_ylabel("项")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # items are whole numbers
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.legend(fontsize=8, ncol=4, loc="upper right")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def docx_bytes(bulletin: Bulletin, chart: bytes | None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "仿宋_GB2312", Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(bulletin.title)
    run.font.size, run.font.bold = Pt(22), True
    if bulletin.document_number:
        number = document.add_paragraph(bulletin.document_number)
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if bulletin.leader_instruction:
        document.add_paragraph("领导批示：" + bulletin.leader_instruction)
    document.add_paragraph("一、总体情况")
    for line in filter(None, bulletin.body.splitlines()):
        document.add_paragraph(line)
    document.add_paragraph("二、各单位落实情况")
    units = bulletin.figures.get("units", [])
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = text
    for row in units:
        cells = table.add_row().cells
        for cell, key in zip(cells, UNIT_KEYS, strict=True):
            cell.text = str(row[key])
    if chart:
        document.add_picture(io.BytesIO(chart), width=Cm(15))
    document.add_paragraph("三、通报表扬")
    document.add_paragraph(bulletin.praise or "无")
    document.add_paragraph("四、通报批评")
    document.add_paragraph(bulletin.criticism or "无")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
