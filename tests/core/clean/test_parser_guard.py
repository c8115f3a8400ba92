"""The pages the HTML parser is not given (nested too deep, an element of too many
attributes) are found however the page hides them from a plain reading of its tags:
the parser's time on them grows with the square of their size."""

from __future__ import annotations

import pytest

from reviewer.core.clean.guard import MAX_ATTRIBUTES, MAX_DEPTH, PageRefused, check_page

POSTING = "<p>We are hiring a Senior Python Developer in Berlin. You will build services.</p>"
N = MAX_DEPTH + 500


def page(body: str) -> str:
    return f"<html><head><title>Python Developer</title></head><body>{body}</body></html>"


DEEP = {
    "plain": page("<div>" * N + POSTING),
    # a script's start inside a comment starts no script: the divs after it nest
    "script in a comment": page("<!-- <script> -->" + "<div>" * N + POSTING + "<!-- </script> -->"),
    # a title inside an SVG is an element, not text: "</svg>" after it closes the SVG
    "title in an SVG": page("<svg><title>" + "</svg><div>" * N + POSTING),
    # an end tag of no element open closes nothing
    "stray end tags": page("<div></b>" * N + POSTING),
    # "<div/>" is a div opened: only a foreign element closes itself so
    "self-closing divs": page("<div/>" * N + POSTING),
    # a comment that ends at once, or at "--!>"
    "<!-->": page("<!-->" + "<div>" * N + POSTING),
    "--!>": page("<!-- a --!>" + "<div>" * N + POSTING),
    # a quote inside an unquoted value starts no quoted run
    "quote in an unquoted value": page('<p x=a">' + "<div>" * N + POSTING),
    # an end tag does not close past an object (or a table, a template …)
    "end tags held by an object": page("<div><object></div>" * N + POSTING),
    # in an SVG, every element nests
    "options in an SVG": page("<svg>" + "<option>" * N + POSTING),
    # a no-break space ends no tag's name: "<title\xa0>" is no title
    "no-break space in a name": page("<title\xa0>" + "<div>" * N + POSTING + "</title>"),
}
WIDE = {
    "spaces": "<div " + " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES * 5)) + ">",
    # attributes parted by "/", and a quoted "<" or ">" now and then
    "slashes": "<div/" + "/".join(f"a{i}" for i in range(MAX_ATTRIBUTES * 5)) + ">",
    "quoted <": "<div " + " ".join(f"a{i}" if i % 1000 else 'x="<a"'
                                   for i in range(MAX_ATTRIBUTES * 5)) + ">",
    "quoted >": "<div " + " ".join(f"a{i}" if i % 1000 else "x='>'"
                                   for i in range(MAX_ATTRIBUTES * 5)) + ">",
}


@pytest.mark.parametrize("name", DEEP)
def test_a_page_nested_too_deep_is_refused_however_written(name: str) -> None:
    with pytest.raises(PageRefused, match="deep"):
        check_page(DEEP[name])


@pytest.mark.parametrize("name", WIDE)
def test_an_element_of_too_many_attributes_is_refused_however_written(name: str) -> None:
    with pytest.raises(PageRefused, match="attributes"):
        check_page(page(WIDE[name] + POSTING + "</div>"))


@pytest.mark.parametrize("body", [
    # many elements, each closed
    "<div><span>x</span></div>" * N,
    # a long attribute's value (an image's data), long text, a long script
    '<img src="data:image/png;base64,' + "A" * 200_000 + '">' + "<p>" + "word " * 50_000,
    "<script>" + "if (a<b) { x = '<div>'; }\n" * 20_000 + "</script>" + "<br>" * N,
    # divs closed by their end tags among SVGs that close themselves
    "<div><svg/><svg><path d='M0 0'/></svg></div>" * N,
    # a comment full of tags, and one never closed
    "<!--" + "<div>" * N + "-->" + POSTING + "<!--" + "<div>" * N,
    # a tag never closed: the rest of the page is in it
    '<a title="' + "<div>" * N,
    # a doubled closing quote (an authoring slip) turns no later tag into attributes
    '<a href="/jobs"">Jobs</a>' + '<div class="row"><span class="k">Skill</span></div>' * N,
    # an SVG closed by its parent's end tag: the script after it is text again
    '<a href="/"><svg viewBox="0 0 24 24"><path d="M0 0h24v24H0z"/></a><script>'
    + "".join(f"if(t[{i}]<n{i})return {i};" for i in range(N)) + "</script>",
])
def test_pages_the_parser_reads_quickly_are_not_refused(body: str) -> None:
    check_page(page(body + POSTING))


@pytest.mark.parametrize("text", ["Engineer" + "\n" * 1_000_000 + "x\n", "- item\n" * 300_000,
                                  "Engineer" + "\r" * 1_000_000])
def test_a_text_of_more_lines_than_a_posting_holds_is_refused(text: str) -> None:
    """Cleaning costs about a kilobyte a line: 15 MB of line breaks (a file under the
    size limit) took 116 s and 4.1 GB; two million list items 61 s and 2.2 GB."""
    from reviewer.core.clean import clean, gave_up
    from reviewer.core.clean.guard import MAX_LINES

    doc = clean(text, "text")
    assert doc.markdown == ""
    assert gave_up(doc) == (f"cleaning gave up: {text.count(chr(10)) + text.count(chr(13)):,} "
                            f"lines: more than a posting holds (at most {MAX_LINES:,})")
    lines = "Engineer\n" + "- item\n" * (MAX_LINES - 1)
    assert clean(lines, "text").markdown  # at the limit: cleaned


def test_a_page_of_more_tags_than_a_posting_s_page_holds_is_refused() -> None:
    """Three million line breaks (12 MB of "<br>", under the size of a file read) took
    37 s and a gigabyte to clean; a text's "<" signs are no tags."""
    from reviewer.core.clean import clean, gave_up
    from reviewer.core.clean.guard import MAX_TAGS

    page = "<html><body>x" + "<br>" * 3_000_000 + "y</body></html>"
    assert gave_up(clean(page, "html")) == (
        f"cleaning gave up: 3,000,004 tags: more than a posting's page holds (at most "
        f"{MAX_TAGS:,})")
    signs = "<p>" + "a < b " * (MAX_TAGS + 10) + "</p>"  # (not tags)
    check_page(signs)
