"""Decoding raw bytes of Chinese pages whose declarations lie."""

from __future__ import annotations

import json

import pytest

from huibao import extract
from huibao.extract.encoding import decode, normalise_label
from tests.conftest import shared_path

GBK_PAGE = (
    "<html><head><meta charset=gbk><title>测试</title></head><body>"
    "<p>柳州市柳南公安分局深入群众，真心实意向群众了解社情民意、征询意见建议。</p>"
    "</body></html>"
).encode("gbk")


def test_dev_set_pages_all_decode_right() -> None:
    dataset = shared_path("benchmarks", "zh-extract-dev")
    truth = json.loads((dataset / "encodings.json").read_text("utf-8"))
    wrong = []
    for page_id, encoding in truth.items():
        raw = (dataset / "pages" / f"{page_id}.html").read_bytes()
        expected = raw.decode(encoding, errors="replace").removeprefix("\ufeff")
        got = decode(raw)
        if got.text != expected:
            wrong.append((page_id, encoding, got.encoding, got.signal))
    assert len(truth) == 31
    assert wrong == []


def test_gb2312_label_with_gbk_only_characters() -> None:
    raw = "<meta charset=gb2312><p>朱镕基、王堃、吉喆</p>".encode("gbk")
    decoded = decode(raw)
    assert "朱镕基、王堃、吉喆" in decoded.text
    assert "\ufffd" not in decoded.text
    assert decoded.encoding == "gb18030"


def test_utf8_header_on_gbk_bytes_meta_wins() -> None:
    decoded = decode(GBK_PAGE, {"Content-Type": "text/html; charset=utf-8"})
    assert "柳州市柳南公安分局" in decoded.text
    assert decoded.signal == "meta"


def test_header_is_used_when_it_is_right() -> None:
    raw = "<p>柳州市柳南公安分局深入群众，了解社情民意。</p>".encode("gbk")
    decoded = decode(raw, {"content-type": "text/html; charset=GBK"})
    assert decoded.signal == "header"
    assert "柳南公安分局" in decoded.text


def test_four_byte_gb18030_character_survives() -> None:
    raw = "<meta charset=gb2312><p>𠀀字与㐀</p>".encode("gb18030")
    assert "𠀀字与㐀" in decode(raw).text


def test_bom_beats_header() -> None:
    raw = b"\xef\xbb\xbf" + "<p>中文页面</p>".encode()
    decoded = decode(raw, {"Content-Type": "text/html; charset=gbk"})
    assert decoded.signal == "bom"
    assert "中文页面" in decoded.text


def test_label_that_lies_utf8_saved_page() -> None:
    raw = '<meta charset="gb2312"><p>澎湃新闻记者报道</p>'.encode()
    decoded = decode(raw)
    assert decoded.encoding == "utf-8"
    assert "澎湃新闻记者报道" in decoded.text


@pytest.mark.parametrize("text", ["新闻", "柳南警方", "公安分局通报", "关于开展平安建设的通知"])
def test_short_gbk_is_not_read_as_big5(text: str) -> None:
    raw = text.encode("gbk")
    assert len(raw) < 64
    assert decode(raw).text == text


def test_few_invalid_bytes_are_replaced_not_dropped() -> None:
    good = ("<p>" + "柳南警方三大举措打造亲民公安新形象。" * 40 + "</p>").encode("gbk")
    raw = good[:301] + b"\xff" + good[301:]
    decoded = decode(raw, {"content-type": "text/html; charset=gbk"})
    assert decoded.encoding == "gb18030"
    assert 1 <= decoded.replaced <= 4
    assert decoded.text.count("柳南警方") >= 38


def test_undeclared_big5_is_detected() -> None:
    raw = ("<p>" + "這是繁體中文的新聞頁面，我們的國家發展很快。" * 5 + "</p>").encode("big5")
    assert "繁體中文的新聞頁面" in decode(raw).text


def test_undeclared_gbk_is_detected() -> None:
    raw = ("<p>" + "这是简体中文的新闻页面，我们的国家发展很快。" * 5 + "</p>").encode("gbk")
    decoded = decode(raw)
    assert decoded.encoding == "gb18030"
    assert decoded.signal == "detected"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ("x-gbk", "gb18030"),
        ("iso-8859-1", "windows-1252"),
        ("UTF8", "utf-8"),
        ("big5", "big5hkscs"),
        ("no-such-charset", None),
    ],
)
def test_labels(label: str, codec: str | None) -> None:
    assert normalise_label(label) == codec


def test_extract_records_encoding_and_signal() -> None:
    article = extract(GBK_PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    assert article.encoding == "gb18030"
    assert article.encoding_signal == "meta"
    assert "柳南公安分局" in article.body


def test_str_input_is_taken_as_is() -> None:
    article = extract("<html><body><p>已经解码的文本，直接使用。这是第二句话。</p></body></html>")
    assert article.encoding_signal == "text"
    assert "已经解码的文本" in article.body
