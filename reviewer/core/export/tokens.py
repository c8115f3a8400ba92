"""Tokens of a posting's text for annotation tools, without a language model.

A small rule-based tokenizer: words (letters and digits, with their combining marks and
inner apostrophes: ``don't``), numbers with inner separators (``50,000``, ``2.5``),
and every other character on its own (punctuation, symbols, an emoji with its
modifiers). Like spaCy's tokens, each token says whether one space follows it (``ws``)
and other whitespace is a token of its own, so the tokens rebuild the text exactly::

    "".join(t["text"] + (" " if t["ws"] else "") for t in tokens) == text

Tokens are also cut at the offsets asked for (the spans' starts and ends), so that every
span starts and ends on a token boundary.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TypedDict

from reviewer.core.words.text import char_ranges


class Token(TypedDict):
    text: str
    start: int
    end: int
    id: int
    ws: bool


@functools.cache
def _pattern() -> re.Pattern[str]:
    """The token pattern; built on first use (finding the combining marks takes ~0.1 s)."""
    marks = char_ranges(c for c in range(sys.maxunicode + 1)
                    if unicodedata.category(chr(c)).startswith("M"))
    letter = rf"[\w{marks}]"
    number = rf"\d+(?:[.,]\d+)+(?!{letter})"
    # a word's letters, and the joiners between two of them its spelling needs (Persian's
    # "برنامه‌نویس" is one word, not three tokens of which one cannot be seen)
    word = rf"{letter}+(?:['’\u200c\u200d]{letter}+)*"
    # a symbol with its marks (variation selectors), skin tones and zero-width joins
    symbol = rf"[^\w\s](?:[{marks}\U0001F3FB-\U0001F3FF]|\u200d[^\w\s])*"
    return re.compile(f"{number}|{word}|{symbol}")


def tokenize(text: str, cuts: Iterable[int] = ()) -> list[Token]:
    """The tokens of ``text``, also cut at each offset of ``cuts`` that falls inside one."""
    pieces: list[tuple[int, int]] = []
    inner = sorted(set(cuts))
    for match in _pattern().finditer(text):
        start, end = match.span()
        if inner:
            for cut in inner[bisect_right(inner, start):bisect_left(inner, end)]:
                pieces.append((start, cut))
                start = cut
        pieces.append((start, end))
    tokens: list[Token] = []

    def add(start: int, end: int) -> None:
        tokens.append({"text": text[start:end], "start": start, "end": end,
                       "id": len(tokens), "ws": False})

    done = 0  # where the previous token (and the space it takes) ends
    for start, end in pieces:
        if start > done:  # whitespace first: one space goes to the token before it
            if tokens and text[done] == " ":
                tokens[-1]["ws"] = True
                done += 1
            if start > done:
                add(done, start)
        add(start, end)
        done = end
    if len(text) > done:
        if tokens and text[done] == " ":
            tokens[-1]["ws"] = True
            done += 1
        if len(text) > done:
            add(done, len(text))
    return tokens


def token_range(tokens: list[Token], starts: list[int], start: int,
                end: int) -> tuple[int, int] | None:
    """The first and last (inclusive) token of ``tokens`` that the characters
    ``start``–``end`` overlap, whitespace tokens at either end left out (a span labelled
    with the line break after it holds the words only); ``starts`` holds each token's
    start. None when the span holds no text but whitespace (or none at all)."""
    if start >= end or not tokens:
        return None
    first = max(bisect_right(starts, start) - 1, 0)
    if tokens[first]["end"] <= start:
        first += 1
    last = bisect_left(starts, end) - 1
    if first > last or first >= len(tokens):
        return None
    while first <= last and tokens[first]["text"].isspace():
        first += 1
    while last >= first and tokens[last]["text"].isspace():
        last -= 1
    return (first, last) if first <= last else None
