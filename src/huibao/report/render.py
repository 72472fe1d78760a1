"""HTML and Markdown from Jinja2 templates a user can copy and edit.

A template is chosen by name (`briefing` -> `templates/briefing.html.j2` and `.md.j2` in
this package), by folder (holding `briefing.html.j2` / `briefing.md.j2`), or by the path of
one `.html.j2` / `.md.j2` file (the other format then uses the built-in template).
Crawled text is hostile: HTML templates autoescape everything, Markdown templates escape
every printed value (`finalize`), and links only ever point at http(s) URLs.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from huibao.errors import ConfigError
from huibao.report import text
from huibao.report.charts import Chart
from huibao.report.fonts import available
from huibao.report.model import Cite, ReportData
from huibao.report.settings import ReportSettings

EXTENSIONS = {"html": ".html.j2", "md": ".md.j2"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_SPACES = re.compile(r"\s+")
_CSS_UNSAFE = re.compile(r"[\"'\\<>;{}&]")
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)


class MdSafe(str):
    """Markdown already escaped by a filter; `finalize` leaves it alone."""


def md_escape(value: Any) -> str:
    if isinstance(value, MdSafe):
        return value
    text = "" if value is None else str(value)
    return _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))


def safe_url(url: str | None) -> str:
    """`url` when it is http(s), else "" (no javascript:, data:, file: links from pages).

    A plain prefix test, stricter than parsing (which forgives tabs inside "java\tscript:")
    and a third of an HTML report's time when parsing 100,000 appendix URLs."""
    text = (url or "").strip()
    return text if text[:8].lower().startswith(("http://", "https://")) else ""


def template_path(spec: str, fmt: str) -> Path:
    """The template file for `fmt` ("html" or "md") named by `spec` (name, folder or file)."""
    ext = EXTENSIONS[fmt]
    path = Path(spec).expanduser()
    if path.is_file():
        if path.name.endswith(ext):
            return path
        return template_path("briefing", fmt)
    if path.is_dir():
        found = path / f"briefing{ext}"
        return found if found.is_file() else template_path("briefing", fmt)
    if "/" in spec or spec.endswith(".j2"):
        raise ConfigError(f"template {spec!r}: no such file or folder")
    bundled = Path(str(files("huibao.report").joinpath("templates", f"{spec}{ext}")))
    if not bundled.is_file():
        raise ConfigError(f"template {spec!r}: no such built-in template ({bundled.name})")
    return bundled


def bundled_templates() -> list[Path]:
    """The built-in template files (what `huibao report --copy-templates DIR` copies)."""
    folder = Path(str(files("huibao.report").joinpath("templates")))
    return sorted(p for p in folder.iterdir() if p.name.endswith(".j2"))


def _filters(settings: ReportSettings) -> dict[str, Callable[..., Any]]:
    return {
        "when": lambda v: text.when(v, settings.timezone),
        "quote": lambda v: text.quote(v, settings.max_quote_chars),
        "href": safe_url,
        "pct": text.pct,
        "share": text.share,
    }


def _article_url(settings: ReportSettings, article_id: int, cite: Cite | None = None) -> str:
    if not settings.web_url:
        return ""
    url = f"{settings.web_url.rstrip('/')}/articles/{article_id}"
    return url + (f"#c{cite.start}-{cite.end}" if cite else "")


def _environment(path: Path, settings: ReportSettings, html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(path.parent)),
        autoescape=html,
        finalize=None if html else md_escape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(_filters(settings))
    return env


def _chart_markup(found: Chart | None, png: bool) -> Markup:
    """A chart as inline SVG, or (`png`: for WeasyPrint, which lays out a PNG ten times
    faster than an SVG of glyph paths) as a PNG in a data: URL. Both are our own output."""
    if found is None or not (found.png if png else found.svg):
        return Markup("")
    if png:
        data = base64.b64encode(found.png).decode("ascii")
        body = f'<img alt="" src="data:image/png;base64,{data}">'
    else:
        body = _COMMENT.sub("", found.svg)  # our own matplotlib output, text drawn as paths
    caption = escape(found.caption)
    return Markup(f'<figure class="chart">{body}<figcaption>{caption}</figcaption></figure>')


def _html_helpers(
    settings: ReportSettings, charts: dict[str, Chart], png: bool = False
) -> dict[str, Any]:
    def chart(name: str) -> Markup:
        return _chart_markup(charts.get(name), png)

    def cite_links(cite: Cite) -> Markup:
        label = str(escape(f"文章#{cite.article_id} 第{cite.start}–{cite.end}字"))
        web = _article_url(settings, cite.article_id, cite)
        text = f'<a href="{escape(web)}">{label}</a>' if web else label
        original = safe_url(cite.url)
        if original:
            text += f' · <a href="{escape(original)}">原文</a>'
        return Markup(f'<span class="cite">{text}</span>')  # parts escaped above

    def article_link(article_id: int) -> Markup:
        web = _article_url(settings, article_id)
        label = f"#{article_id}"
        return Markup(f'<a href="{escape(web)}">{label}</a>' if web else label)

    return {"chart": chart, "cite_links": cite_links, "article_link": article_link}


def _md_helpers(settings: ReportSettings) -> dict[str, Any]:
    def link(text: str, url: str | None) -> MdSafe:
        target = safe_url(url)
        label = md_escape(text)
        return MdSafe(f"[{label}](<{_md_url(target)}>)" if target else label)

    def cite_links(cite: Cite) -> MdSafe:
        label = f"文章#{cite.article_id} 第{cite.start}–{cite.end}字"
        web = _article_url(settings, cite.article_id, cite)
        text = f"[{label}](<{_md_url(web)}>)" if web else label
        original = safe_url(cite.url)
        return MdSafe(text + (f" · [原文](<{_md_url(original)}>)" if original else ""))

    return {"link": link, "cite_links": cite_links}


def _md_url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def font_css(chain: Sequence[str], installed_only: bool = False) -> Markup:
    """A CSS font-family value: each name of `chain` quoted, then generic serif.

    Browsers skip names they lack; WeasyPrint (fontconfig) answers a missing first name
    with its default face, so for PDF only the installed names are given (`installed_only`).
    """
    chain = (available(chain) or chain) if installed_only else chain
    names = ", ".join(f'"{_CSS_UNSAFE.sub("", name)}"' for name in chain)
    return Markup(f"{names}, serif")  # every character that could leave the string removed


def render_html(
    data: ReportData,
    charts: dict[str, Chart],
    settings: ReportSettings | None = None,
    *,
    printed: bool = False,
    template: str | None = None,
) -> str:
    """The report as one self-contained HTML page (`printed`: the appendix capped for PDF)."""
    s = settings or ReportSettings()
    path = template_path(template or s.template, "html")
    env = _environment(path, s, html=True)
    rows = s.print_appendix_rows if printed else s.appendix_rows
    fonts = {
        "title": font_css(s.title_fonts, printed),
        "heading": font_css(s.heading_fonts, printed),
        "body": font_css(s.body_fonts, printed),
    }
    return env.get_template(path.name).render(
        r=data,
        settings=s,
        fonts=fonts,
        appendix=data.appendix[:rows],
        **_html_helpers(s, charts, png=printed and any(c.png for c in charts.values())),
    )


def render_markdown(
    data: ReportData, settings: ReportSettings | None = None, *, template: str | None = None
) -> str:
    """The report as Markdown (no charts; tables and lists)."""
    s = settings or ReportSettings()
    path = template_path(template or s.template, "md")
    env = _environment(path, s, html=False)
    text = env.get_template(path.name).render(
        r=data, settings=s, appendix=data.appendix, **_md_helpers(s)
    )
    return re.sub(r"\n{3,}", "\n\n", text)
