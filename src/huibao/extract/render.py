"""Plain renderings of an Article for people: Markdown and text."""

from __future__ import annotations

from huibao.model import Article


def _facts(article: Article) -> list[str]:
    facts = []
    if article.published:
        facts.append(f"发布时间: {article.published.isoformat()}")
    if article.source:
        facts.append(f"来源: {article.source}")
    if article.authors:
        facts.append(f"作者: {' '.join(article.authors)}")
    if article.editors:
        facts.append(f"责任编辑: {' '.join(article.editors)}")
    if article.channel:
        facts.append(f"栏目: {' > '.join(article.channel)}")
    if article.url:
        facts.append(f"URL: {article.url}")
    return facts


def to_markdown(article: Article) -> str:
    lines = [f"# {article.title or '(untitled)'}", ""]
    lines.extend(f"- {fact}" for fact in _facts(article))
    lines.append("")
    for paragraph in article.paragraphs:
        lines.extend([paragraph, ""])
    for image in article.images:
        lines.append(f"![{image.caption}]({image.src})")
    return "\n".join(lines).rstrip() + "\n"


def to_text(article: Article) -> str:
    head = [article.title, *_facts(article), ""]
    return "\n".join(head + article.paragraphs).rstrip() + "\n"
