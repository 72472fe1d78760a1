"""Crawler traps, anti-bot challenges and hostile XML for the sample network."""

from __future__ import annotations

from datetime import date, timedelta

from huibao.samplenet.server import Handler, Reply

# Billion laughs: ten levels of ten-fold entity expansion (10^9 "lol"s if expanded).
_LAUGHS_DTD = (
    '<!DOCTYPE {root} [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)
# XXE: an external entity naming a local file; a safe parser must neither read nor show it.
_XXE_DTD = '<!DOCTYPE {root} [\n<!ENTITY xxe SYSTEM "file://{path}">\n]>\n'


def laughs_feed() -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        + _LAUGHS_DTD.format(root="rss")
        + '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
        "<link>http://example.com/1.html</link></item></channel></rss>"
    ).encode()


def laughs_sitemap() -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        + _LAUGHS_DTD.format(root="urlset")
        + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://example.com/&lol9;.html</loc></url></urlset>"
    ).encode()


def xxe_feed(path: str = "/etc/passwd") -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        + _XXE_DTD.format(root="rss", path=path)
        + '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title>'
        "<description>&xxe;</description><link>http://example.com/2.html</link>"
        "</item></channel></rss>"
    ).encode()


def xxe_sitemap(path: str = "/etc/passwd") -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        + _XXE_DTD.format(root="urlset", path=path)
        + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://example.com/&xxe;</loc></url></urlset>"
    ).encode()


def _page(title: str, links: list[tuple[str, str]], text: str = "") -> Reply:
    anchors = "\n".join(f'<a href="{href}">{label}</a>' for label, href in links)
    html = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
    html += f"<h1>{title}</h1><p>{text}</p><div>{anchors}</div></body></html>"
    return Reply(html.encode())


def calendar(h: Handler, query: dict[str, str]) -> None:
    """/calendar?date=YYYY-MM-DD: a day page linking the day before and after, for ever."""
    try:
        day = date.fromisoformat(query.get("date", "2011-08-21"))
    except ValueError:
        day = date(2011, 8, 21)
    links = [
        ("上一页", f"/calendar?date={day - timedelta(1)}"),
        ("下一页", f"/calendar?date={day + timedelta(1)}"),
    ]
    h.reply(_page(f"{day} 新闻日历", links, "当日无新闻"))


def repeating_path(h: Handler, query: dict[str, str]) -> None:
    """/a/, /a/a/, /a/a/a/ ...: every page links one segment deeper (relative link)."""
    h.reply(_page("栏目", [("下一页", "a/")], "栏目页"))


def endless_pages(h: Handler, query: dict[str, str]) -> None:
    """/more?page=N: the same content for every N, each linking page N+1."""
    n = int(query.get("page", "1")) if query.get("page", "1").isdigit() else 1
    h.reply(_page("更多新闻", [("下一页", f"/more?page={n + 1}")], "本栏目暂无内容"))


# Challenge pages in the shapes the big Chinese WAFs and Cloudflare use (cut down).
CHALLENGES = {
    # Jiasule (加速乐): 521 with a script that computes and sets __jsl_clearance, then reloads.
    "jsl": Reply(
        b"<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')"
        b"+('r')+('a')+('n')+('c')+('e')+('=')+(+!+[]+'')+('1592')+'|-1|'+'; path=/';"
        b"location.href=location.pathname+location.search</script>",
        status=521,
        headers=(("Set-Cookie", "__jsluid_h=8f3c; path=/; HttpOnly"),),
    ),
    # Aliyun WAF: 200 with an obfuscated arg1 and a cookie-setting reload.
    "aliyun": Reply(
        b"<html><script>var arg1='3F8B2A11C9D0E7';var _0x4818=['\\x63\\x6f\\x6f\\x6b\\x69\\x65'];"
        b"function setCookie(name,value){var expiredate=new Date();"
        b"expiredate.setTime(expiredate.getTime()+(3600*1000));"
        b"document.cookie=name+'='+value+';expires='+expiredate.toGMTString()"
        b"+';max-age=3600;path=/';}"
        b"function reload(x){setCookie('acw_sc__v2',x);document.location.reload();}"
        b"</script></html>",
    ),
    # yunsuo (云锁): 200 page that sets yunsuo_session_verify and reloads.
    "yunsuo": Reply(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        b'<body><script type="text/javascript">function stringToHex(s){return s;}'
        b'var screendate = "1920,1080";document.cookie="srcurl="+stringToHex(window.location.href)'
        b'+";path=/;";self.location="/?security_verify_data="+stringToHex(screendate);</script>'
        b"</body></html>",
        headers=(("Set-Cookie", "yunsuo_session_verify=2a87ab507187674302f32bbc33248656; path=/"),),
    ),
    # Ruishu (瑞数) style: 412 whose body is a bootstrap script and nothing else.
    "ruishu": Reply(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        b"<script type=\"text/javascript\">$_ts=window['$_ts'];if(!$_ts)$_ts={};"
        b'$_ts.nsd=25571;$_ts.cd="qxWrrrAlqGqc";</script>'
        b'<script type="text/javascript" src="/ZwLc7fxbBxvM/c.FxJzG50F.js" r="m"></script>'
        b"</head><body></body></html>",
        status=412,
    ),
}
