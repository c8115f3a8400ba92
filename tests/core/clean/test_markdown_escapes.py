"""Page text stays text in the cleaned Markdown: read by a CommonMark renderer (the
Markdown is exported to tools that render it), it makes no HTML, no link, no image and
no code block that the page did not have, and shows the words as the page showed them."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract.document import parse, plain

markdown_it = pytest.importorskip("markdown_it")
_RENDER = markdown_it.MarkdownIt("commonmark")


def markdown_of(body: str) -> str:
    page = ("<html><body><main><h1>Data Engineer</h1><p>Acme Analytics is hiring a Data "
            "Engineer in Berlin, building pipelines in Python for our warehouse.</p>"
            f"{body}</main></body></html>")
    return clean(page, "html").markdown


def rendered(markdown: str) -> str:
    return _RENDER.render(markdown)


def shown(markdown: str) -> str:
    """The text a reader sees: the rendered HTML's text, its tags off."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered(markdown)))


TAGS_OF_TEXT = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;!-- x --&gt; hidden",
                "&lt;img src=x onerror=alert(1)&gt;", "&lt;?php echo 1 ?&gt;",
                "&lt;!DOCTYPE html&gt;", "&lt;https://evil.example&gt;",
                "<span>&lt;</span>b&gt;bold&lt;/b&gt;"]


@pytest.mark.parametrize("text", TAGS_OF_TEXT)
def test_text_that_reads_as_html_is_no_html(text: str) -> None:
    markdown = markdown_of(f"<p>Before {text} after.</p>")
    out = rendered(markdown)
    assert re.search(r"<(?!/?(?:h1|p)>)", out) is None, out
    page_text = html.unescape(re.sub(r"<[^>]+>", "", text))
    assert page_text in shown(markdown)


EMAILS_OF_TEXT = ["&lt;1jobs@evil.example&gt;", "&lt;+hr@evil.example&gt;",
                  "&lt;_x@evil.example&gt;", "&lt;.x@evil.example&gt;"]


@pytest.mark.parametrize("text", EMAILS_OF_TEXT)
def test_an_email_address_in_angle_brackets_is_no_link(text: str) -> None:
    """Was: a "<" before a digit or a sign was left as written, and an address whose
    name opens with one ("<1jobs@evil.example>") was a live mailto link."""
    markdown = markdown_of(f"<p>Before {text} after.</p>")
    assert "<a " not in rendered(markdown)
    assert html.unescape(text) in shown(markdown)
    posting = clean(f"Data Engineer\n\nAcme is hiring in Berlin.\n\nWrite to "
                    f"{html.unescape(text)} today.\n", "text").markdown
    assert "<a " not in rendered(posting)
    assert html.unescape(text) in shown(posting)


def test_an_address_split_over_elements_is_no_link() -> None:
    """The "<" ends its text; the rest of the address comes from the next element."""
    for body in ("<p>Mail &lt;1jobs<b>@evil.example&gt;</b> now</p>",
                 "<p>Mail &lt;1jobs@evil.<i>example</i>&gt; now</p>"):
        assert "<a " not in rendered(markdown_of(body))


def test_a_less_than_sign_before_a_digit_that_closes_nothing_is_left_as_written() -> None:
    markdown = markdown_of("<p>We &lt;3 Python, need &lt; 5 years, and 3&lt;4 of them.</p>")
    assert "We <3 Python, need < 5 years, and 3<4 of them." in markdown
    posting = clean("Data Engineer\n\nAcme is hiring in Berlin. We <3 Python, need < 5 "
                    "years, and 3<4 of them.\n", "text").markdown
    assert "We <3 Python, need < 5 years, and 3<4 of them." in posting


def test_a_less_than_sign_that_opens_nothing_is_left_as_written() -> None:
    markdown = markdown_of("<p>Experience: &lt; 5 years, 3&lt;4, a &lt;= b.</p>")
    assert "< 5 years, 3<4, a <= b." in markdown


LINKS_OF_TEXT = ["[click](http://evil.example/(1))", "[click][ref]", "[a [b] c](http://evil.example/x)",
                 "<span>[click]</span>(http://evil.example/(1))",
                 "<b>[click</b>](http://evil.example/(1))", "[a]\u200b(http://evil.example/x)",
                 "\\[click](http://evil.example/x)", "[a `b] c` d](http://evil.example/x)"]


@pytest.mark.parametrize("text", LINKS_OF_TEXT)
def test_text_that_reads_as_a_link_is_no_link(text: str) -> None:
    markdown = markdown_of(f"<p>See {text} now.</p>")
    assert "<a " not in rendered(markdown), markdown
    page_text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u200b", "")
    assert page_text in shown(markdown)


def test_a_definition_in_text_defines_no_link() -> None:
    markdown = markdown_of("<p>[ref]: http://evil.example/(1)</p><p>Go [ref] now.</p>")
    assert "<a " not in rendered(markdown)
    assert "[ref]: http://evil.example/(1)" in shown(markdown)


def test_brackets_that_make_no_link_are_left_as_written() -> None:
    markdown = markdown_of("<p>Berlin [remote] or Munich [hybrid], [see below].</p>")
    assert "Berlin [remote] or Munich [hybrid], [see below]." in markdown


@pytest.mark.parametrize("code", ["`", "``", "a`b", "`x`", "```"])
def test_code_with_backticks_is_one_code_span(code: str) -> None:
    markdown = markdown_of(f"<p><code>{code}</code></p><p>Salary: $50,000 per year.</p>")
    out = rendered(markdown)
    assert "<pre>" not in out
    assert f"<code>{html.escape(code, quote=False)}</code>" in out
    assert "<p>Salary: $50,000 per year.</p>" in out


@pytest.mark.parametrize("body", ["`<code>&lt;script&gt;x</code>`",
                                  "a ` b <code>&lt;!-- x</code> c",
                                  "<code>a</code><code>x`&lt;!--</code>",
                                  "a\\<code>&lt;!-- x</code>",
                                  "<code>\\</code><code>`&lt;!--</code>"])
def test_backticks_of_the_text_leave_code_as_code(body: str) -> None:
    """A backtick of the page's text is text: it could pair with a code span's own
    and leave the code as Markdown ("``<script>…`" is no code span)."""
    markdown = markdown_of(f"<p>{body}</p>")
    out = rendered(markdown)
    assert "<script" not in out and "<!--" not in out, markdown
    assert re.search(r"<code>[^<]*&lt;", out), out  # (the code's "<" in a code element)


@pytest.mark.parametrize("body", ["<p>~~~ Python</p>", "<p>Skills<br>~~~ Python</p>",
                                  "<ul><li>~~~~ Python</li></ul>",
                                  "<blockquote><ul><li><pre>&lt;b&gt;x</pre></li></ul></blockquote>",
                                  "<pre>a\n`\u200b``\nb</pre>"])
def test_text_opens_no_code_block_and_a_code_block_holds_its_code(body: str) -> None:
    markdown = markdown_of(f"{body}<p>Salary: $50,000 per year.</p>")
    out = rendered(markdown)
    assert out.count("<pre>") == body.count("<pre>"), markdown
    assert "<b>" not in out and "<p>Salary: $50,000 per year.</p>" in out, markdown


def test_a_link_after_an_exclamation_mark_is_a_link_not_an_image() -> None:
    markdown = markdown_of('<p>We build pipelines in Python for our warehouse. Apply now!'
                           '<a href="http://a.com/x">here</a> today.</p>')
    out = rendered(markdown)
    assert "<img" not in out and '<a href="http://a.com/x">here</a>' in out, markdown
    assert "Apply now!here today." in shown(markdown)


def test_code_is_shown_as_written_with_no_escapes() -> None:
    markdown = markdown_of("<p>Run <code>&lt;script&gt; [a](b) ![c](d)</code> here.</p>")
    assert "<code>&lt;script&gt; [a](b) ![c](d)</code>" in rendered(markdown)


def test_a_code_block_with_a_fence_in_it_is_one_block() -> None:
    markdown = markdown_of("<pre>a\n```\nb\n````\nc</pre><p>Salary: $50,000 per year.</p>")
    out = rendered(markdown)
    assert out.count("<pre>") == 1
    assert "<code>a\n```\nb\n````\nc\n</code>" in out
    assert "<p>Salary: $50,000 per year.</p>" in out


@pytest.mark.parametrize("href", ["http://a.com/?q=](http://evil.com)", "http://a.com/x y",
                                  "http://a.com/(x)", "http://a.com/<x>", "http://a.com/a\\",
                                  "http://a.com/`x"])
def test_a_link_address_cannot_break_out_of_its_link(href: str) -> None:
    markdown = markdown_of(f'<p>Please <a href="{html.escape(href)}">apply</a> today.</p>')
    out = rendered(markdown)
    assert out.count("<a ") == 1, markdown
    # written with nothing in it that ends a destination or reads as markup in one
    # (renderers differ on "(" and ")" there: CommonMark balances them, some do not)
    written = markdown[markdown.index("[apply](") + 8:markdown.index(") today")]
    assert not set(written) & set(" ()<>\\`"), written
    assert [unquote(html.unescape(address)) for address in
            re.findall(r'<a href="([^"]*)">apply</a> today\.', out)] == [href]


@pytest.mark.parametrize("text", ["a] b", "[x", "x\\", "a `b", "[y](http://evil.example/x)"])
def test_a_link_text_cannot_end_or_open_another_link(text: str) -> None:
    markdown = markdown_of(f'<p>Please <a href="http://a.com/">{html.escape(text)}</a>'
                           "](http://evil.example/(1)) ` today.</p>")
    out = rendered(markdown)
    assert re.findall(r'<a href="([^"]*)"', out) == ["http://a.com/"], markdown
    assert text in shown(markdown)


def test_an_escaped_bracket_or_sign_is_no_part_of_a_value() -> None:
    markdown = markdown_of("<p>Stack: [Python](3.12) and &lt;b&gt;SQL&lt;/b&gt;.</p>")
    line = next(line for line in markdown.splitlines() if line.startswith("Stack"))
    assert "\\[" in line and "\\<" in line
    assert plain(line) == "Stack: [Python](3.12) and <b>SQL</b>."
    assert [b.text for b in parse(markdown).blocks if b.text.startswith("Stack")] == [
        "Stack: [Python](3.12) and <b>SQL</b>."]


def test_a_text_posting_s_tags_stay_text() -> None:
    """A text dump holding "<script>…</script>" or "<b>" (a page's source pasted as its
    text) came out with them as live HTML in its Markdown; a "<" that opens nothing
    ("< 5 years") and a code block stay as written."""
    text = ("Data Engineer\n\nAcme Analytics is hiring in Berlin. We use <script>alert(1)"
            "</script> and <b>bold</b> words, <!-- hidden --> and need < 5 years.\n\n"
            "```\n<div>code</div>\n```\n")
    markdown = clean(text, "text").markdown
    html_out = rendered(markdown)
    assert "<script>" not in html_out and "<b>" not in html_out and "<!--" not in html_out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_out
    assert "&lt; 5 years" in html_out and "< 5 years" in markdown
    assert "&lt;div&gt;code&lt;/div&gt;" in html_out and "<div>code</div>" in markdown
    block = next(b for b in parse(markdown, [], None).blocks if "script" in b.text)
    assert "\\<" not in plain(block.text)
