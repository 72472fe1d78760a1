"""Briefings (汇报): stored articles -> report data -> HTML, Markdown, DOCX, PDF, JSON.

    from huibao.report import ReportRequest, make_report, parse_period, write_report
    with Store.open("huibao.db") as store:
        data = make_report(store, ReportRequest("weekly", parse_period("2011-08-15..2011-08-21"),
                                                plan="柳南公安"), now=datetime.now(UTC))
    write_report(data, ["docx", "pdf", "html", "md"], "reports/")

`build_report` is the pure core (`ReportInputs` in, `ReportData` out); `gather` reads the
inputs from a store; every figure carries a `Cite` (article id + character span) that
`check_citations` verifies against the stored raw page. `run_due` makes and e-mails the
scheduled reports of a project's `[[reports]]` tables.
"""

from huibao.report.api import FORMATS, make_report, parse_formats, render, write_report
from huibao.report.build import build_report
from huibao.report.check import Checked, check_citations, load_citations
from huibao.report.deliver import RunResult, run_due
from huibao.report.errors import ReportError
from huibao.report.gather import ReportRequest, gather
from huibao.report.ledger import Entry, Ledger
from huibao.report.model import (
    AlterationInput,
    Cite,
    Item,
    Period,
    Quoted,
    ReportData,
    ReportInputs,
    StoryInput,
)
from huibao.report.periods import last_period, parse_period, previous_period
from huibao.report.schedule import ReportSchedule, due_run, load_schedules, parse_schedules
from huibao.report.settings import ReportSettings

__all__ = [
    "FORMATS",
    "AlterationInput",
    "Checked",
    "Cite",
    "Entry",
    "Item",
    "Ledger",
    "Period",
    "Quoted",
    "ReportData",
    "ReportError",
    "ReportInputs",
    "ReportRequest",
    "ReportSchedule",
    "ReportSettings",
    "RunResult",
    "StoryInput",
    "build_report",
    "check_citations",
    "due_run",
    "gather",
    "last_period",
    "load_citations",
    "load_schedules",
    "make_report",
    "parse_formats",
    "parse_period",
    "parse_schedules",
    "previous_period",
    "render",
    "run_due",
    "write_report",
]
