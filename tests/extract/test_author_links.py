"""Authors named by markup: rel="author" links and blog author archives."""

from __future__ import annotations

from huibao import extract
from huibao.extract.metadata import author_link

ARTICLE = "<p>" + "今天的天气很好，我们去公园散步，看见很多人在锻炼身体。" * 6 + "</p>"


def _blog(sidebar: str) -> bytes:
    return (
        "<html><head><meta charset='utf-8'><title>周末去公园散步记</title></head><body>"
        f"<div id='side'>{sidebar}</div><div id='post'><h2>周末去公园散步记</h2>{ARTICLE}</div>"
        "</body></html>"
    ).encode()


def test_blog_owner_from_author_archive_links() -> None:
    # Every category and month link of the owner's blog carries &author=102; another
    # blogger's page is linked once.
    sidebar = (
        "<a href='/?author=102' title='[太小心]的博客'>太小心</a>"
        "<a href='/?pc=85&author=102'>历史</a><a href='/?pc=86&author=102'>杂扯</a>"
        "<a href='/?m=200604&author=102'>April 2006</a><a href='/?author=1470'>century</a>"
    )
    assert extract(_blog(sidebar)).authors == ["太小心"]


def test_no_author_when_archive_links_do_not_single_one_out() -> None:
    sidebar = "<a href='/?author=1'>张三</a><a href='/?author=2'>李四</a>"
    assert extract(_blog(sidebar)).authors == []


def test_rel_author_must_agree() -> None:
    assert author_link([("/people/jane", "Jane Doe", True)]) == ["Jane Doe"]
    assert author_link([("/a", "Jane Doe", True), ("/b", "John Roe", True)]) == []


def test_links_about_the_author_or_to_an_admin_name_nobody() -> None:
    assert author_link([("/author/jane/", "More posts", False)]) == []
    assert author_link([("/author/admin/", "admin", False)]) == []
    assert author_link([("/?author=3", "作者简介", False)]) == []


def test_a_byline_beats_author_links() -> None:
    page = _blog("<a href='/?author=102'>太小心</a>").replace(
        b"<h2>", "<p>作者：王小明</p><h2>".encode()
    )
    assert extract(page).authors == ["王小明"]
