"""The report as PDF: WeasyPrint lays out the HTML report (print CSS: A4, page numbers).

WeasyPrint needs pango (Debian: libpango-1.0-0, libpangoft2-1.0-0) and, to subset the CJK
fonts quickly, HarfBuzz's subsetter (libharfbuzz-subset0): without it WeasyPrint falls back
to fontTools, which took 15 s per page on Noto CJK here instead of 0.15 s. Nothing is ever
fetched while rendering: the HTML is self-contained and the URL fetcher allows only data:
URLs (the charts; crawled text is escaped, so it can hold no element that loads anything).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from huibao.report.errors import ReportError

INSTALL = (
    "PDF reports need WeasyPrint and pango: pip install 'huibao[pdf]' and "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk"
)


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as exc:  # OSError: the pango library is missing
        raise ReportError(f"{INSTALL} ({exc})") from exc


def render_pdf(html: str) -> bytes:
    """PDF bytes of a self-contained HTML report."""
    weasyprint = _weasyprint()
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))  # the charts' PNGs
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf
