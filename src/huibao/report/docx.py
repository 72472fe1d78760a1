"""The report as a Word document (python-docx) in Chinese official-document form.

A4 with GB/T 9704 margins (top 37 mm, bottom 35, left 28, right 26); title in 方正小标宋,
headings in 黑体, body in 仿宋 (each the first of its font chain installed here, so the
document names a face this machine has; Word substitutes on a machine that lacks it);
numbered table captions (表1 … as SEQ fields), page numbers (— 1 —) in the footer, and
hyperlinks to each source page.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from huibao.report import text
from huibao.report.charts import Chart
from huibao.report.fonts import pick
from huibao.report.model import Cite, ReportData
from huibao.report.render import safe_url
from huibao.report.settings import ReportSettings

Doc = Any  # python-docx's Document object (its stubs are not typed)
SIZES = {"title": 22, "heading": 16, "body": 14, "table": 10.5}  # pt: 二号, 三号, 四号, 五号
HEADING_COLOR = RGBColor(0, 0, 0)
LINK_COLOR = RGBColor(0x1A, 0x4F, 0x8B)


def _font(run_or_style: Any, name: str, size: float | None = None, bold: bool = False) -> None:
    font = run_or_style.font
    font.name = name
    font.bold = bold
    if size:
        font.size = Pt(size)
    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _field(paragraph: Any, code: str, placeholder: str) -> None:
    """A Word field (PAGE, SEQ 表) showing `placeholder` until Word updates it."""
    for kind, instruction in (("begin", None), (None, code), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        run._r.append(element)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _hyperlink(paragraph: Any, url: str, text: str) -> None:
    """A clickable link run; plain text when `url` is not http(s)."""
    target = safe_url(url)
    if not target:
        paragraph.add_run(text)
        return
    rel = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(text)
    run.font.color.rgb = LINK_COLOR
    link.append(run._r)
    paragraph._p.append(link)


class _Writer:
    """Builds one document; `table()` numbers captions, `heading()` numbers nothing itself."""

    def __init__(self, settings: ReportSettings) -> None:
        self.s = settings
        self.doc: Doc = Document()
        self.fonts = {
            "title": pick(settings.title_fonts),
            "heading": pick(settings.heading_fonts),
            "body": pick(settings.body_fonts),
        }
        self.tables = 0
        self._page()
        self._styles()

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("— ")
        _field(footer, "PAGE", "1")
        footer.add_run(" —")

    def _styles(self) -> None:
        styles = self.doc.styles
        _font(styles["Normal"], self.fonts["body"], SIZES["body"])
        styles["Normal"].paragraph_format.line_spacing = 1.35
        for level, size in ((1, SIZES["heading"]), (2, SIZES["body"])):
            style = styles[f"Heading {level}"]
            _font(style, self.fonts["heading"], size)
            style.font.color.rgb = HEADING_COLOR
            style.font.italic = False

    def title(self, text: str, meta: str) -> None:
        para = self.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(para.add_run(text), self.fonts["title"], SIZES["title"])
        info = self.doc.add_paragraph()
        info.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(info.add_run(meta), self.fonts["body"], SIZES["table"] + 1)

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

    def paragraph(self, text: str, indent: bool = True) -> Any:
        para = self.doc.add_paragraph(text)
        if indent:
            para.paragraph_format.first_line_indent = Pt(SIZES["body"] * 2)
        return para

    def table(self, caption: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """A numbered table; a cell may be text or (text, url) for a hyperlink."""
        self.tables += 1
        para = self.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(para.add_run("表"), self.fonts["heading"], SIZES["table"])
        _field(para, "SEQ 表 \\* ARABIC", str(self.tables))
        _font(para.add_run(f"　{caption}"), self.fonts["heading"], SIZES["table"])
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cells, values in zip(table.rows, [header, *rows], strict=True):
            for cell, value in zip(cells.cells, values, strict=True):
                self._cell(cell.paragraphs[0], value)
        repeat = OxmlElement("w:tblHeader")  # the header row repeats on each page
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)

    def _cell(self, para: Any, value: Any) -> None:
        if isinstance(value, tuple):
            _hyperlink(para, value[1], value[0])
        else:
            para.add_run("" if value is None else str(value))
        for run in para.runs:
            run.font.size = Pt(SIZES["table"])
        for run in para._p.iter(qn("w:r")):
            _size(run, SIZES["table"])

    def chart(self, chart: Chart | None) -> None:
        if chart is None or not chart.png:
            return
        self.doc.add_picture(io.BytesIO(chart.png), width=Mm(150))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = self.doc.add_paragraph(chart.caption)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _size(run: Any, size: float) -> None:
    props = run.find(qn("w:rPr"))
    if props is None:
        props = OxmlElement("w:rPr")
        run.insert(0, props)
    if props.find(qn("w:sz")) is None:
        element = OxmlElement("w:sz")
        element.set(qn("w:val"), str(int(size * 2)))
        props.append(element)


def cite_label(cite: Cite) -> str:
    return f"文章#{cite.article_id} 第{cite.start}–{cite.end}字"


def _overview(w: _Writer, data: ReportData, charts: dict[str, Chart]) -> None:
    t = data.totals
    w.table(
        "总体数据",
        ("本期报道", "上期报道", "变化", "媒体数", "采集站点数"),
        [(t.articles, t.previous, text.pct(t.change), t.outlets, t.sites)],
    )
    w.chart(charts.get("volume"))


def _stories(w: _Writer, data: ReportData, charts: dict[str, Chart]) -> None:
    zone, s = w.s.timezone, w.s
    rows = [
        (n, (r.title, r.first.url), r.first.outlet, text.when(r.first.published, zone),
         r.articles, r.reprints, "、".join(r.outlets))
        for n, r in enumerate(data.stories[: s.top_stories], 1)
    ]  # fmt: skip
    w.table("重点报道", ("序号", "标题", "首发媒体", "首发时间", "篇数", "转载", "刊发媒体"), rows)
    w.chart(charts.get("timeline"))
    for story in data.stories[: s.timeline_stories]:
        if story.articles < 2:
            continue
        spread = [
            (
                text.when(p.published, zone) + ("（首发）" if n == 0 else ""),
                p.outlet,
                (p.title, p.url),
            )
            for n, p in enumerate(story.spread[: s.max_reprints])
        ]
        w.table(f"传播过程：{story.title}", ("时间", "媒体", "标题"), spread)


def _outlets(w: _Writer, data: ReportData) -> None:
    w.table("媒体分布", ("媒体", "篇数"), [(c.name, c.count) for c in data.outlets])
    if data.channels:
        w.table("栏目分布", ("站点 · 栏目", "篇数"), [(c.name, c.count) for c in data.channels])
    w.table(
        "关注度（相关报道占该站点同期全部报道的比例）",
        ("采集站点", "相关报道", "同期全部", "占比"),
        [(a.site, a.matched, a.total, text.share(a.share)) for a in data.attention],
    )


def _places(w: _Writer, data: ReportData, charts: dict[str, Chart]) -> None:
    if not data.provinces:
        w.paragraph("本期报道未提及可识别的行政区划。")
        return
    w.chart(charts.get("china"))
    w.chart(charts.get("provinces"))
    w.table("报道涉及地区（省级）", ("地区", "篇数"), [(c.name, c.count) for c in data.provinces])
    if data.prefectures:
        rows = [(c.name, c.count) for c in data.prefectures]
        w.table("报道涉及地区（地市级）", ("地区", "篇数"), rows)


def _figures(w: _Writer, data: ReportData) -> None:
    if not data.figures:
        w.paragraph("本期报道中未提取到数据。")
        return
    limit = w.s.max_quote_chars
    rows = [
        (n, f.subject, f.amount, f.period, f.change, f.organisation, f.place,
         (f"“{text.quote(f.cite.text, limit)}” {cite_label(f.cite)}", f.cite.url))
        for n, f in enumerate(data.figures, 1)
    ]  # fmt: skip
    header = ("序号", "事项", "数值", "时段", "变化", "单位/部门", "地区", "出处（原文语句）")
    w.table("关键数据（每项均链接至原文）", header, rows)


def _scope(w: _Writer, data: ReportData) -> None:
    zone = w.s.timezone
    if data.alterations is not None:
        w.heading("转载改动")
        rows = [
            (a.outlet, a.kind, a.description, cite_label(a.cite) if a.cite else "")
            for a in data.alterations
        ]
        if rows:
            w.table("转载中的改动", ("媒体", "改动", "说明", "出处"), rows)
        else:
            w.paragraph("未发现转载中的改动。")
    if data.scope:
        w.heading("监测方案命中与预警")
        matches = [
            (text.when(m.published, zone), m.outlet, (m.title, m.url), "、".join(m.terms))
            for m in data.matches
        ]
        w.table(f"命中文章（“{data.scope}”）", ("时间", "媒体", "标题", "命中词"), matches)
        alerts = [(text.when(a.created, zone), a.channel, a.state, a.subject) for a in data.alerts]
        if alerts:
            w.table("预警", ("时间", "渠道", "状态", "主题"), alerts)


def _appendix(w: _Writer, data: ReportData) -> None:
    w.heading("附录　文章列表")
    shown = data.appendix[: w.s.print_appendix_rows]
    rows = [
        (n, (a.title or a.url, a.url), a.outlet, a.site, text.when(a.published, w.s.timezone),
         f"#{a.article_id}")
        for n, a in enumerate(shown, 1)
    ]  # fmt: skip
    if rows:
        w.table("本期全部文章", ("序号", "标题", "媒体", "站点", "时间", "编号"), rows)
    if len(shown) < data.totals.articles:
        left = data.totals.articles - len(shown)
        w.paragraph(f"另有{left}篇未列出，完整列表见本报告的 HTML 或 JSON 版本。", indent=False)


NUMERALS = "一二三四五六七八九十"


def render_docx(
    data: ReportData, charts: dict[str, Chart], settings: ReportSettings | None = None
) -> bytes:
    """The report as .docx bytes (charts as PNG; give `draw_charts` the "png" format)."""
    w = _Writer(settings or ReportSettings())
    meta = data.period.label() + (f"　监测范围：{data.scope}" if data.scope else "")
    w.title(data.title, meta + f"　生成时间：{text.when(data.generated_at, w.s.timezone)}")
    w.heading("一、总体情况")
    w.paragraph(data.summary)
    if data.empty:
        w.paragraph("本期无相关报道，以下各部分从略。")
    else:
        sections: tuple[tuple[str, Callable[[], None]], ...] = (
            ("重点报道", lambda: _stories(w, data, charts)),
            ("媒体与栏目", lambda: _outlets(w, data)),
            ("地区分布", lambda: _places(w, data, charts)),
            ("关键数据", lambda: _figures(w, data)),
        )
        _overview(w, data, charts)
        for n, (title, write) in enumerate(sections, 2):
            w.heading(f"{NUMERALS[n - 1]}、{title}")
            write()
        _scope(w, data)
    _appendix(w, data)
    for note in data.notes:
        w.paragraph(f"注：{note}", indent=False)
    return w.save()
