"""Words: what cleaning and extraction both know about the language of postings.

Section headings and the field each announces (``sections``), boilerplate lines, job nouns and
run-together words (``lexicon``), with the headings and job nouns of postings in
German, French and Spanish (``other_languages``) and the terms and headings of other
European ones (``european``); what a job site writes around a posting, its menu,
sign-in links and controls (``site_words``); city, region and country names
(``places``) and places written as codes, "US-MO-Kansas City" (``place_codes``); the
words that deny what a posting names, "not a remote role", "Remote: No" (``denial``);
offset-keeping text helpers (``text``). The lowest layer of the core beside
``schema``: it imports nothing of the project, so both stages can reach it.

Public API: the modules themselves, ``lexicon``, ``other_languages``, ``places``,
``place_codes``, ``denial``, ``text`` and ``regex`` (patterns compiled when first used,
and ``fold_case`` and ``edge_words``, which make a pattern cheap to run); and
``valid_unicode`` (text that can be encoded, whatever a file name or JSON held) and
``valid_name`` (a file name so, its bytes that are not UTF-8 written as ``\\xff``);
``escaped_controls`` (a name read from a file, to print: its control characters written
as escapes, never obeyed by a terminal); ``folded`` (a text as a search compares it:
accents off, case folded); ``utf16_offsets`` (code points to UTF-16 positions, Qt's and
JavaScript's); ``spaced`` and ``SPACED_CLASS`` (a script that sets words apart by spaces).
"""

from reviewer.core.words.text import (
    SPACED_CLASS,
    escaped_controls,
    folded,
    spaced,
    typed_text,
    utf16_offsets,
    valid_name,
    valid_unicode,
)

__all__ = ["SPACED_CLASS", "escaped_controls", "folded", "spaced", "typed_text", "utf16_offsets",
           "valid_name", "valid_unicode"]
