"""Patterns compiled on first use behave as the compiled pattern does."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys

from reviewer.core.words.regex import lazy_compile


def test_it_answers_as_the_compiled_pattern_does() -> None:
    text = "Python, SQL and Go; python again"
    lazy = lazy_compile(r"\b(py)thon\b", re.I)
    eager = re.compile(r"\b(py)thon\b", re.I)
    assert lazy.pattern == eager.pattern and lazy.flags == re.I
    assert lazy.search(text).span() == eager.search(text).span()  # type: ignore[union-attr]
    assert lazy.findall(text) == eager.findall(text) == ["Py", "py"]
    assert [m.span() for m in lazy.finditer(text, 5)] == [m.span() for m in eager.finditer(text, 5)]
    assert lazy.sub("X", text) == eager.sub("X", text)
    assert lazy.subn("X", text) == eager.subn("X", text)
    assert lazy.split(text) == eager.split(text)
    assert lazy.match(text) is not None and lazy.fullmatch(text) is None
    assert lazy.groups == 1  # read from the compiled pattern


def test_it_is_compiled_on_first_use_and_then_is_the_compiled_methods() -> None:
    lazy = lazy_compile(r"\bnever-used-elsewhere-\d+\b")
    before = lazy.search
    assert not isinstance(before, type(re.compile("x").search))
    lazy.match("never-used-elsewhere-1")
    assert lazy.search is not before
    assert lazy.search.__self__.pattern == lazy.pattern  # type: ignore[attr-defined]


def test_a_bad_pattern_fails_when_used() -> None:
    lazy = lazy_compile(r"(unclosed")
    try:
        lazy.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a bad pattern must raise re.error")


def test_it_pickles_as_its_pattern() -> None:
    lazy = lazy_compile(r"a+b", re.M)
    lazy.search("aab")
    again = pickle.loads(pickle.dumps(lazy))
    assert (again.pattern, again.flags) == ("a+b", re.M)
    assert again.findall("ab aab") == ["ab", "aab"]


def test_importing_the_pipeline_compiles_almost_nothing() -> None:
    """The point of it: the pipeline's patterns wait for a page that needs them."""
    code = ("import re\n"
            "before = len(re._cache)\n"
            "import reviewer.core.pipeline\n"
            "print(len(re._cache) - before)\n")
    added = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               check=True).stdout)
    assert added < 60, f"{added} patterns compiled at import"


def test_a_pattern_given_as_a_function_is_made_when_first_used() -> None:
    made: list[int] = []

    def pattern() -> str:
        made.append(1)
        return r"b+"

    lazy = lazy_compile(pattern)
    assert not made
    assert lazy.findall("abbcb") == ["bb", "b"] and lazy.pattern == "b+"
    assert len(made) == 1
    assert pickle.loads(pickle.dumps(lazy)).findall("bb") == ["bb"]


def test_the_marks_class_holds_every_combining_mark_and_nothing_else() -> None:
    import unicodedata

    from reviewer.core.words.text import mark_class

    marks = re.compile(mark_class())
    for code in [*range(0x300, 0xD800), *range(0xE000, 0x10000)]:
        char = chr(code)
        assert (marks.fullmatch(char) is not None) == \
            unicodedata.category(char).startswith("M"), hex(code)
