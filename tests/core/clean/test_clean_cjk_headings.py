"""A Chinese or Japanese text posting's headings and lists: a short line in 【…】 brackets
or ending in a full-width colon is a heading, written without them; an item opened by
"・" or a number and "、", with no space after it, is a list's item."""

from __future__ import annotations

from reviewer.core.clean import clean

JAPANESE = """募集職種：バックエンドエンジニア
会社名：株式会社みなとデータ

【仕事内容】
・APIの設計と開発
・運用の改善

【勤務時間】
9:00〜18:00（休憩1時間）
"""

CHINESE = """职位：后端开发工程师

任职要求：
1、计算机相关专业本科及以上学历
2、熟悉Go或Java
"""


def test_a_bracketed_line_is_a_heading_and_dotted_lines_its_items() -> None:
    markdown = clean(JAPANESE, "text").markdown
    assert "## 仕事内容\n\n- APIの設計と開発\n- 運用の改善\n" in markdown
    assert "## 勤務時間\n" in markdown  # a heading no list knows is a heading still
    assert "【" not in markdown


def test_a_line_ending_in_a_full_width_colon_heads_numbered_items() -> None:
    markdown = clean(CHINESE, "text").markdown
    assert "## 任职要求\n\n- 计算机相关专业本科及以上学历\n- 熟悉Go或Java\n" in markdown
    assert markdown.startswith("职位：后端开发工程师\n")
