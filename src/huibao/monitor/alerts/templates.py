"""User-editable alert messages: Jinja2 in a sandbox, HTML autoescaped.

Templates come from users, and the values they show (titles, sources) from crawled pages,
so both are untrusted: the sandbox stops a template reaching Python internals, and the HTML
environment escapes every value. Variables: {{title}}, {{source}}, {{matched}} (list of
terms), {{url}}, {{story_size}}, {{plan}}, {{published}}; a digest gets {{items}} (a list of
those) and {{plan}}.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError, Undefined
from jinja2.sandbox import SandboxedEnvironment

from huibao.errors import ConfigError

DEFAULT_SUBJECT = "[{{plan}}] {{title}}"
DEFAULT_TEXT = """{{title}}
{{source}} {{published}}
{{url}}
命中: {{matched|join("、")}}{% if story_size > 1 %} (转载 {{story_size}} 篇){% endif %}
"""
DEFAULT_HTML = """<p><a href="{{url}}">{{title}}</a></p>
<p>{{source}} {{published}}</p>
<p>命中: {{matched|join("、")}}{% if story_size > 1 %} (转载 {{story_size}} 篇){% endif %}</p>
"""
DIGEST_SUBJECT = "[{{plan}}] {{items|length}} 条新信息"
DIGEST_TEXT = """{% for item in items %}{{loop.index}}. {{item.title}} ({{item.source}})
   {{item.url}}
{% endfor %}"""


@dataclass(frozen=True, slots=True)
class Templates:
    """The three templates of one plan's messages (subject, plain text, HTML)."""

    subject: str = DEFAULT_SUBJECT
    text: str = DEFAULT_TEXT
    html: str = DEFAULT_HTML


class Renderer:
    """Renders templates in a sandbox; `html=True` escapes every value."""

    __slots__ = ("_html", "_plain")

    def __init__(self) -> None:
        self._plain = SandboxedEnvironment(autoescape=False, undefined=Undefined)
        self._html = SandboxedEnvironment(autoescape=True, undefined=Undefined)

    def render(self, template: str, values: Mapping[str, Any], html: bool = False) -> str:
        """`template` filled with `values`; a broken or unsafe template raises ConfigError."""
        env = self._html if html else self._plain
        try:
            return env.from_string(template).render(**values)
        except TemplateError as exc:
            raise ConfigError(f"alert template: {exc}") from exc

    def check(self, template: str) -> None:
        """Raise ConfigError if `template` does not compile (call when a user saves it)."""
        try:
            self._plain.parse(template)
        except TemplateError as exc:
            raise ConfigError(f"alert template: {exc}") from exc
