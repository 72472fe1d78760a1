"""The sample network's seed-week report in every format, read back with other tools."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from huibao.report import write_report
from huibao.report.model import ReportData

HEADINGS = ("一、总体情况", "二、重点报道", "三、媒体与栏目", "四、地区分布", "五、关键数据")
ARTEFACTS = Path(os.environ.get("HUIBAO_TEST_ARTEFACTS", "out/test-artefacts"))


@pytest.fixture(scope="module")
def written(seed_report: ReportData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    return write_report(seed_report, ["html", "md", "docx", "pdf", "json"], folder)


def expected_strings(data: ReportData) -> list[str]:
    """What any format must show: headings, the top figure, the first publisher, counts."""
    top = data.stories[0]
    return [
        *HEADINGS,
        data.title,
        data.figures[0].amount,
        data.figures[0].change,
        top.first.outlet,
        f"共监测到相关报道{data.totals.articles}篇",
    ]


def test_seed_week_report_has_the_facts(seed_report: ReportData) -> None:
    assert seed_report.totals.articles >= 2
    assert seed_report.stories[0].articles >= 2  # the seed report and its reprints
    assert seed_report.stories[0].first.outlet == "中国法制新闻网"
    assert "4321起" in [f.amount for f in seed_report.figures]
    assert seed_report.provinces[0].name == "广西壮族自治区"


def test_docx_reads_back_with_python_docx(
    written: dict[str, Path], seed_report: ReportData
) -> None:
    doc = Document(str(written["docx"]))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    text = paragraphs + "\n" + cells
    for expected in expected_strings(seed_report):
        assert expected in text, expected
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:5] == list(HEADINGS)
    xml = doc.element.xml
    assert 'w:eastAsia="Noto' in xml or 'w:eastAsia="仿宋' in xml  # a CJK face is named
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer
    links = [r for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert any(r.target_ref == seed_report.stories[0].first.url for r in links)
    assert re.search(r"SEQ 表", xml)


def test_docx_page_styles_fields_and_links_follow_the_official_form(
    written: dict[str, Path], seed_report: ReportData
) -> None:
    from docx.oxml.ns import qn

    from huibao.report.fonts import pick
    from huibao.report.settings import ReportSettings

    doc = Document(str(written["docx"]))
    section = doc.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]  # GB/T 9704
    s = ReportSettings()
    for style, chain in (("Normal", s.body_fonts), ("Heading 1", s.heading_fonts)):
        fonts = doc.styles[style].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == pick(chain), style  # set in the style itself
    footer = section.footer._element
    kinds = [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]  # a live PAGE field, not typed text
    assert "PAGE" in "".join(t.text or "" for t in footer.iter(qn("w:instrText")))
    links = list(doc.element.body.iter(qn("w:hyperlink")))
    rels = doc.part.rels
    targets = {rels[a.get(qn("r:id"))].target_ref for a in links}
    assert {a.url for a in seed_report.appendix} <= targets  # every listed source is a link
    assert len(doc.inline_shapes) >= 3  # volume chart, map of China, bars
    for table in doc.tables:  # header rows repeat on each page a table runs over
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_pdf_text_has_headings_numbers_and_outlets(
    written: dict[str, Path], seed_report: ReportData
) -> None:
    reader = PdfReader(str(written["pdf"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", "", text)
    for expected in expected_strings(seed_report):
        assert re.sub(r"\s+", "", expected) in flat, expected
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)


def test_pdf_embeds_cjk_fonts_and_first_page_renders(written: dict[str, Path]) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    reader = PdfReader(str(written["pdf"]))
    fonts = set()
    for page in reader.pages[:2]:
        resources = page["/Resources"]["/Font"]
        fonts.update(str(resources[name].get_object()["/BaseFont"]) for name in resources)
    assert any("CJK" in f or "Song" in f or "Hei" in f or "Fang" in f for f in fonts), fonts
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(written["pdf"]))
    image = pdf[0].render(scale=1.5).to_pil()
    target = ARTEFACTS / "report-page-1.png"
    image.save(target)
    pdf.close()
    assert image.size[0] > 800 and target.stat().st_size > 10_000


def test_markdown_and_json(written: dict[str, Path], seed_report: ReportData) -> None:
    text = written["md"].read_text("utf-8")
    for expected in expected_strings(seed_report):
        assert expected in text, expected
    data = json.loads(written["json"].read_text("utf-8"))
    assert len(data["citations"]) == len(seed_report.figures) > 0


def test_html_figure_rows_link_to_their_sentence(
    written: dict[str, Path], seed_report: ReportData
) -> None:
    page = written["html"].read_text("utf-8")
    for n, row in enumerate(seed_report.figures, 1):
        assert f'id="figure-{n}"' in page
        assert f"文章#{row.cite.article_id} 第{row.cite.start}–{row.cite.end}字" in page
