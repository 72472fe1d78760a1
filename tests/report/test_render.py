"""HTML and Markdown: self-contained, hostile page content escaped, templates by name/path."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import html as lxml_html

from huibao.enrich.model import Change, Enrichment, Figure
from huibao.errors import ConfigError
from huibao.model import Article
from huibao.report import ReportSettings, build_report
from huibao.report.charts import draw_charts
from huibao.report.model import Period, ReportData
from huibao.report.render import render_html, render_markdown, safe_url, template_path

from .conftest import Entry, gathered

CST = timezone(timedelta(hours=8))
HOSTILE_TITLE = "柳州通报</title><script>alert(1)</script><img src=x onerror=alert(2)> $x^2$"
HOSTILE_BODY = '柳州市柳南区今年接报警4321起，同比下降6.2%。<iframe src="https://evil.example/">'


EARLIER = datetime(2011, 8, 16, 8, tzinfo=CST)
START = HOSTILE_BODY.index("4321")
FACTS = Enrichment(
    figures=(
        Figure(4321.0, "起", "接报警", "4321起", (START, START + 5), (0, HOSTILE_BODY.index("。") + 1),
               change=Change("同比", "down", (START + 6, START + 13), percent=-6.2)),
    )
)  # fmt: skip


def hostile_report(web_url: str = "") -> ReportData:
    article = Article(
        url="javascript:alert(3)",
        title=HOSTILE_TITLE,
        published=datetime(2011, 8, 16, 9, tzinfo=CST),
        source='<b onmouseover="x">恶意</b>',
        channel=["首页", "*要闻*|[x](y)"],
        body=HOSTILE_BODY,
        paragraphs=[HOSTILE_BODY],
    )
    entries = [  # bodies differ after the cited sentence: identical ones would be aliases
        Entry(article, "evil", FACTS.to_dict()),
        Entry(
            replace(article, url="https://ok.example.cn/2.html", body=HOSTILE_BODY + "二"), "ok", {}
        ),
        Entry(  # states the figure first: it is cited, with a link to its page
            replace(
                article,
                url="https://ok.example.cn/3.html",
                published=EARLIER,
                title="另一篇",
                body=HOSTILE_BODY + "三",
            ),
            "ok",
            FACTS.to_dict(),
        ),
    ]
    week = Period(date(2011, 8, 15), date(2011, 8, 21))
    now = datetime(2011, 8, 22, tzinfo=UTC)
    inputs = replace(gathered(entries, week, now), previous_count=1)
    return build_report(inputs)


@pytest.fixture(scope="module")
def page() -> str:
    data = hostile_report()
    return render_html(data, draw_charts(data, 6.0))


def test_html_escapes_hostile_content(page: str) -> None:
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script | //iframe | //img | //*[@onerror] | //*[@onmouseover]")
    assert "&lt;script&gt;" in page
    assert HOSTILE_TITLE in tree.text_content()


def test_html_links_only_to_http_urls(page: str) -> None:
    tree = lxml_html.fromstring(page)
    hrefs = tree.xpath("//a/@href")
    assert hrefs and all(h == "" or h.startswith(("http://", "https://")) for h in hrefs)
    assert "javascript:" not in " ".join(hrefs)


def test_html_is_self_contained(page: str) -> None:
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//link | //script | //img | //iframe | //object | //embed")
    assert not tree.xpath("//*[@src] | //*[@srcset]")
    assert not re.search(r"url\((?!#)|@import|href=\"(?!https?:|#|\")", page)
    assert page.count("<svg") >= 1  # the charts are inline


def test_chart_text_cannot_break_out(page: str) -> None:
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "<script" not in svg and "alert" not in svg


def test_markdown_escapes_markup_and_drops_bad_links() -> None:
    text = render_markdown(hostile_report())
    assert "<script>" not in text and "<b " not in text
    assert "\\<script\\>" in text
    assert "javascript:" not in text
    assert "(<https://ok.example.cn/2.html>)" in text
    assert "柳州通报\\</title\\>" in text


def test_citation_links_go_to_web_app_when_served() -> None:
    data = hostile_report()
    settings = ReportSettings(web_url="http://127.0.0.1:8000/")
    page = render_html(data, {}, settings)
    cite = data.figures[0].cite
    url = f"http://127.0.0.1:8000/articles/{cite.article_id}#c{cite.start}-{cite.end}"
    assert f'href="{url}"' in page


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "", " "]
)
def test_safe_url_refuses_other_schemes(url: str) -> None:
    assert safe_url(url) == ""


def test_templates_by_name_folder_and_file(tmp_path: Path) -> None:
    assert template_path("briefing", "html").name == "briefing.html.j2"
    custom = tmp_path / "mine.html.j2"
    custom.write_text("<h1>{{ r.title }}</h1>{{ r.totals.articles }}", "utf-8")
    assert template_path(str(custom), "html") == custom
    assert template_path(str(custom), "md").name == "briefing.md.j2"
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "briefing.md.j2").write_text("# {{ r.title }}", "utf-8")
    assert template_path(str(folder), "md") == folder / "briefing.md.j2"
    data = hostile_report()
    assert render_html(data, {}, template=str(custom)) == "<h1>舆情周报</h1>3"
    with pytest.raises(ConfigError, match="template"):
        template_path("no-such-template", "html")
    with pytest.raises(ConfigError, match="template"):
        template_path(str(tmp_path / "missing.html.j2"), "html")


def test_ids_are_unique_across_inline_charts(page: str) -> None:
    ids = lxml_html.fromstring(page).xpath("//@id")
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'(?:url\(#|href="#)([^")]+)', page))
    assert refs <= set(ids)


def test_citation_links_are_real_links(page: str) -> None:
    tree = lxml_html.fromstring(page)
    cites = tree.xpath('//span[@class="cite"]')
    assert tree.xpath('//span[@class="cite"]/a[@href="https://ok.example.cn/3.html"]')
    assert all("<a" not in c.text_content() for c in cites)  # not escaped into text


def test_charts_draw_with_an_installed_cjk_font() -> None:
    from huibao.report.fonts import chart_fonts

    fonts = chart_fonts()
    assert fonts[0] != "DejaVu Sans", "no CJK font installed: apt-get install fonts-noto-cjk"
