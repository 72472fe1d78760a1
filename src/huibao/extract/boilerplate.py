"""Lines that sit inside article containers but are not article text.

Each pattern names the kind of page it was seen on. A line is boilerplate only when it is
short: a long paragraph that happens to mention 分享 is still text.
"""

from __future__ import annotations

import re

BOILERPLATE_PARTS = (
    # portal footers: 责任编辑：… 来源：… 发布时间：…
    r"[\[【(（]?\s*(?:责任编辑|编辑|责编|来源|稿源|作者|记者|通讯员|发布时间|发布日期|更新时间|时间|日期)"
    r"\s*[：:].{0,60}",
    # blog post footers
    r"(?:发表于|发布于|发表时间|更新于|[Pp]osted (?:on|at|by)|Published|Updated)\s*[：:]?.{0,60}",
    # article navigation
    r"上一篇.*|下一篇.*|上一页.*|下一页.*|返回顶部|返回首页|回到顶部",
    # toolbars
    r".*(?:分享到|分享至|转发到|打印本页|打印此文|关闭窗口|关闭本页|收藏本页|加入收藏|纠错|我要纠错).*",
    # font-size switches
    r".*【\s*字[号体]\s*[：:]?.*|.*字号\s*[：:]?\s*[大中小].*|[大中小]\s+[大中小]\s+[大中小]",
    # related lists
    r"相关(?:新闻|阅读|文章|链接|报道|推荐)\s*[：:]?.*|延伸阅读.*|推荐阅读.*|热点推荐.*|猜你喜欢.*",
    # mobile prompts
    r"(?:扫一扫|扫描二维码|长按识别|点击(?:这里|此处|查看|进入)).*",
    # site footers and disclaimers (financial portals end every article with one)
    r".*(?:版权所有|Copyright|©|ICP备|ICP证|网安备).*",
    r"(?:免责)?声明\s*[：:].*|风险提示\s*[：:].*",
    # English sharing and promotion lines
    r"(?:Share|Tweet|Email|Print|Advertisement|ADVERTISEMENT|Related|Read more|Sign up|Subscribe)"
    r"\b.{0,40}",
)
BOILERPLATE = re.compile("^(?:" + "|".join(BOILERPLATE_PARTS) + ")$", re.I)
# A short line with a date and a metadata label anywhere in it is a dateline, not text
# (2022.01.20 16:31 来源：河南日报客户端 - provincial news apps).
META_LABEL = re.compile(r"来源|作者|编辑|发布|浏览|阅读|点击|责编|稿源|时间|日期")
DATE_LIKE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
MAX_BOILERPLATE_LEN = 80


def is_boilerplate(line: str) -> bool:
    """True for short toolbar, navigation, copyright and metadata lines."""
    if len(line) > MAX_BOILERPLATE_LEN:
        return False
    if BOILERPLATE.match(line) is not None:
        return True
    return DATE_LIKE.search(line) is not None and META_LABEL.search(line) is not None
