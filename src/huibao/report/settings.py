"""Caps and choices for briefing reports (`huibao.report`)."""

from __future__ import annotations

from dataclasses import dataclass

from huibao.config import setting

# Font chains, preferred first: the official-document faces (GB/T 9704 practice: titles in
# 方正小标宋, headings in 黑体, body in 仿宋_GB2312), then faces Windows and macOS ship, then
# the Noto CJK faces Debian's fonts-noto-cjk installs (what `make demo` sets up).
TITLE_FONTS = (
    "方正小标宋简体",
    "方正小标宋_GBK",
    "华文中宋",
    "STZhongsong",
    "宋体",
    "SimSun",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
)
HEADING_FONTS = (
    "黑体",
    "SimHei",
    "方正黑体_GBK",
    "STHeiti",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)
BODY_FONTS = (
    "仿宋_GB2312",
    "仿宋",
    "FangSong",
    "STFangsong",
    "方正仿宋_GBK",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UKai CN",
    "AR PL UMing CN",
)


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """Options for `huibao.report` (what a briefing holds and how it is drawn)."""

    top_stories: int = setting(5, "Stories listed under 重点报道 (most reprinted first).")
    timeline_stories: int = setting(5, "Stories drawn in the propagation timeline.")
    max_reprints: int = setting(
        10, "Articles listed per story in its propagation table (the timeline draws all)."
    )
    max_figures: int = setting(40, "Rows of the key-figures table.")
    max_outlets: int = setting(15, "Outlets, channels and sources listed (the rest summed).")
    max_places: int = setting(15, "Provinces and prefectures listed and charted.")
    max_matches: int = setting(200, "Plan matches listed.")
    max_alterations: int = setting(
        30, "Reprint alterations listed (largest stories first); the rest are counted."
    )
    max_quote_chars: int = setting(200, "Longest quoted sentence; longer ones are cut with …")
    appendix_rows: int = setting(
        100_000, "Articles listed in the appendix of HTML, Markdown and JSON reports."
    )
    print_appendix_rows: int = setting(
        50, "Articles listed in the appendix of DOCX and PDF reports (the rest are counted)."
    )
    query_threads: int = setting(
        3, "Store queries a report runs side by side (1: one after another, one snapshot)."
    )
    pdf_side_by_side: bool = setting(
        True,
        "Lay out the PDF in a forked child while the other formats are written (when "
        "forking is safe: a platform with fork, a process running one thread).",
    )
    pdf_child_timeout_s: float = setting(
        600.0, "Longest wait for that child; after it, or if it fails, the PDF is made here."
    )
    web_url: str = setting(
        "", "Base URL of the huibao web app; when set, citations link to /articles/ID there."
    )
    timezone: str = setting("Asia/Shanghai", "Time zone that days and periods are counted in.")
    template: str = setting("briefing", "Template name (in huibao/report/templates) or path.")
    chart_width_in: float = setting(6.8, "Width of charts, in inches.")
    title_fonts: tuple[str, ...] = setting(TITLE_FONTS, "Title font, first one installed wins.")
    heading_fonts: tuple[str, ...] = setting(HEADING_FONTS, "Heading font chain (黑体 first).")
    body_fonts: tuple[str, ...] = setting(BODY_FONTS, "Body font chain (仿宋 first).")
