"""The remote field from the posting's words, where no label or structure gave it: a
place that is a work mode ("Remote - US"), or a strong phrase ("fully remote", "work
from home", "hybrid") that the posting does not deny ("not a remote role") and that is
no hybrid of things ("hybrid cloud") or money for a home office."""

from __future__ import annotations

from reviewer.core.extract.document import Document
from reviewer.core.extract.vocab import OTHER_WORK_MODES, SCRIPT_WORK_MODES, remote_mode
from reviewer.core.schema import Finding
from reviewer.core.words.denial import denied
from reviewer.core.words.regex import edge_words, fold_case, lazy_compile

# a posting's text (lower case) that holds none of these holds no work mode
REMOTE_WORDS = ("remote", "hybrid", "home", "anywhere", "site", "office", "telecommut", "remot",
                "travail", "teletrabajo", "brido", "mobiles arbeiten",
                # (Japanese, Chinese, Arabic, Hebrew: ``vocab.SCRIPT_WORK_MODES``)
                "リモート", "在宅", "テレワーク", "ハイブリッド", "出社", "远程", "遠端", "遠距",
                "混合", "بعد", "هجين", "מרחוק", "היברידי")
_STRONG_REMOTE = lazy_compile(  # on the folded text
    "(" + edge_words(("fully remote", "100% remote", "remote[- ]first", "remote position",
                      "remote role", "remote job", "work from home", "work from anywhere",
                      "remote \\(", "hybrid", *OTHER_WORK_MODES)) + r")\b")
_SCRIPT_WORK_MODES = lazy_compile(SCRIPT_WORK_MODES)


def remote_in(doc: Document, have: dict[str, Finding]) -> dict[str, Finding]:
    """The remote field: of a place read as a work mode, else of a strong phrase."""
    places = have.get("locations")
    if places is not None:
        for place in places.value:
            mode = remote_mode(str(place))
            if mode:
                return {"remote": Finding(mode[0], places.spans[:1], 0.7, "pattern")}
    for block in doc.blocks:
        text = block.text.lower()
        if not any(w in text for w in REMOTE_WORDS):
            continue
        folded = fold_case(block.text)
        script = [] if folded.isascii() else list(_SCRIPT_WORK_MODES.finditer(folded))
        for match in [*_STRONG_REMOTE.finditer(folded), *script]:
            if denied(folded, match.start(), match.end()) or \
                    _NOT_WORK_MODE.match(folded, match.end()):
                continue  # "not a remote role", "Remote job: No", "hybrid cloud"
            mode = remote_mode(block.text[match.start():match.end()])
            if mode:
                return {"remote": Finding(mode[0], doc.block_span(block, match.span()), 0.6,
                                          "pattern")}
    return {}


# a "hybrid" of things, not of places to work, and what is paid for a home office
_NOT_WORK_MODE = lazy_compile(r"\s+(cloud|apps?|mobile|vehicles?|cars?|solutions?|"
                              r"infrastructure|architecture|integration|systems?|events?|"
                              r"stipends?|allowances?|budgets?|equipment|set-?ups?|expenses?)\b")
