"""Benefits a posting states without a heading of their own.

Three forms, read only when no section heading holds the benefits:

* a paragraph that states the offer ("We offer a competitive salary, …", "Benefits
  include …", "In return we'll pay you well …", "Full benefits offered"): one item,
  the paragraph as written;
* a run of short lines that closes a section or the posting, most of them naming a
  perk ("Stock options", "25 days of paid holiday", "Free lunches"); one short line
  that names several perks with no verb between them counts as a run of its own
  ("Health insuranceStock optionsFree lunches");
* a perk alone on the posting's last line ("Career prospects.", "Free parking").

A line that asks something of the candidate (experience, skills, a degree) is no
perk, and a sentence about what the business sells ("We provide insurance software
to hospitals") states no offer. The values get less confidence than a heading gives.
"""

from __future__ import annotations

import re

from reviewer.core.extract.document import Block, Document
from reviewer.core.extract.labels import starts_with_label
from reviewer.core.schema import Finding, Span
from reviewer.core.words.lexicon import SECTION_HEADINGS, heading_key, section_field
from reviewer.core.words.regex import lazy_compile
from reviewer.core.words.text import lower_keep_offsets, separate_glued

CONFIDENCE = 0.5
CLOSING_CONFIDENCE = 0.4  # a perk alone on the last line: a short line says less

# what an employer gives: pay, cover, time off, food (a perk whatever the line around it);
# every branch starts with a letter, so that _by_first_letter can group them all
_COVER = r"(?= ?(?:insurance|plan|cover|care|benefits|,|/|&|and (?:dental|vision)|dental|vision))"
_INSURED = ("health", "medical", "dental", "vision", "life", "disability", "pet", "travel",
            "social")
_STRONG = "|".join([
    r"salary|salaries|compensation|remuneration|pay (?:package|structure|rise)|wages?|"
    r"bonus(?:es)?|commissions?|ote|equity(?!,? (?:and|&) incl)(?<!diversity, equity)"
    r"(?<!diversity equity)|stock(?: option)?s?|share options?|"
    r"profit[- ]sharing|benefits|benefit (?:package|plan)s?|perks?|"
    r"private health ?care|free health ?care|paid health ?care|"
    r"health ?care (?:plan|premiums|cover)|health (?:plan|cover)",
    f"medical{_COVER}|vision{_COVER}|dental{_COVER}",
    r"medical,? (?:and |& )?dental|health,? (?:and |& )?dental",
    "|".join(f"{kind} insurance" for kind in _INSURED),
    r"insurance (?:plan|cover|coverage|benefits)|"
    r"disability|401 ?\(?k\)?|pension|retirement (?:plan|fund)|holidays?|vacations?|"
    r"paid time off|pto|annual leave|days off|sick (?:days|leave)|parental|maternity|"
    r"paternity|gym|fitness|lunch(?:es)?|snacks|drinks|coffee|meals|catered|breakfast|"
    r"allowance|stipend|reimburse(?:d|ment)|discounts?|subsidi[sz]ed|company car",
])
# and what is a perk in a list of perks, but as often a duty ("training events")
_WEAK = (
    r"health ?care|wellness|life assurance|flexible (?:hours|working|schedule|work)|flexi-?time|"
    r"work from home|remote work|relocation|housing|accommodation|training|"
    r"career (?:development|growth|progression|advancement|prospects)|"
    r"(?:future|promotion|progression) prospects|free parking|"
    r"development (?:plan|opportunities|budget)|conferences?|learning budget|laptop|macbook|"
    r"workstation|team (?:events|outings|building)|social events|parties"
)
# patterns are written in lower case and matched against lower-cased text
PERK = lazy_compile(rf"\b(?:{_STRONG}|{_WEAK})\b")
_STRONG_PERK = lazy_compile(rf"\b(?:{_STRONG})\b")


def _by_first_letter(pattern: str) -> str:
    """The same alternation with its branches grouped by their first letter
    ("s(?:alary|tock…)|b(?:onus|…)|…"): the engine tries one letter where it tried
    every branch, at each word of the posting."""
    branches: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(pattern):
        if char in "()" and pattern[i - 1:i] != "\\":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
    branches.append(pattern[start:])
    groups: dict[str, list[str]] = {}
    rest = []
    for branch in branches:
        if branch[0].isalnum():
            groups.setdefault(branch[0], []).append(branch[1:])
        else:
            rest.append(branch)
    return "|".join([f"{first}(?:{'|'.join(tails)})" for first, tails in groups.items()] + rest)


# both in one pass over the posting
_STRONG_OR_WEAK = lazy_compile(rf"\b(?:(?P<strong>{_by_first_letter(_STRONG)})|"
                               rf"(?P<weak>{_by_first_letter(_WEAK)}))\b")
# a sentence stating what the role gives
_OFFER = lazy_compile(
    r"\bwe(?:'ll|’ll| will| can)? (?:also )?(?:offer|provide|give|pay)\b|"
    r"\b(?:offers|provides|offering|providing) (?:you|our (?:employees|staff|people)|employees|"
    r"staff)\b|\b(?:offers|provides|offering|providing|offered)\b[^.]{0,80}?\b(?:benefits|salary|"
    r"compensation|package|"
    r"remuneration|insurance|holidays?|vacation|bonus|equity|stock options|pension)\b|"
    r"\bbenefits? (?:package|packages|include|includes|plan|offered|available)\b|"
    r"\b(?:full|excellent|great|generous|comprehensive|competitive|outstanding|attractive) "
    r"benefits\b|\bin return\b|\byou(?:'ll|’ll| will) (?:receive|get|enjoy|earn)\b|"
    r"\b(?:eligible for|entitled to|privy to|access to|enjoy)\b[^.]{0,40}\bbenefits\b(?! of)",
)
# one of these is in every sentence _OFFER reads (a substring test costs little)
_OFFER_WORDS = ("offer", "provid", "give", "pay", "benefit", "return", "receive", "get",
                "enjoy", "earn", "eligible", "entitled", "privy", "access")
# what the business sells: a sentence about it states no offer to the candidate
_BUSINESS = lazy_compile(r"\b(?:software|solutions|services|products?|platforms?|clients|"
                         r"customers|consulting|hospitals|businesses)\b")
# what a requirement asks
_ASKS = lazy_compile(
    r"\b(?:experience|years? of|ability to|able to|skills?|knowledge of|proficien\w*|"
    r"familiar(?:ity)? with|degree|must|required|understanding of|background in|"
    r"fluen(?:t|cy) in|qualifications?|certificat\w*|license|licence|"
    r"expert(?:ise)? (?:in|with|at|on))\b",
)
_PAID_FOR = lazy_compile(r"\b(?:commensurate with|depending on|based on|dependent on|doe)\b"
                         r"[^.]{0,40}")
_VERB = lazy_compile(r"\b(?:you|we|will|are|is|was|our|they|must|should)\b")


def unheaded_benefits(doc: Document) -> Finding | None:
    """Benefits stated as an offer or as a run of perks, when no heading holds them."""
    if any(b.kind == "heading" and section_field(b.text)[1] == "benefits" for b in doc.blocks):
        return None
    closing = _closing_line(doc)
    chosen = list(closing)
    perks = _Perks(doc)
    if not perks.strong and not closing:
        return None  # an offer and a run of perks each name one clear perk at least
    for field, group in _groups(doc):
        chosen.extend(b for b in group if b.start in perks.strong and _states_offer(_read(b.text)))
        # duties name training events and conferences: there only clear perks count
        chosen.extend(_closing_perks(group, perks, strong=field == "responsibilities"))
    unique = sorted({b.start: b for b in chosen}.values(), key=lambda b: b.start)
    sure = CLOSING_CONFIDENCE if unique == closing else CONFIDENCE
    kept = [piece for b in unique if (piece := _offer_sentences(doc, b)) is not None]
    if not kept:
        return None
    return Finding([text for text, _ in kept], [span for _, span in kept], sure, "structure")


# a sentence that denies the perks ("Seasonal employees are not eligible for city
# benefits", "This role does not include benefits")
_DENIED_OFFER = lazy_compile(
    r"\b(?:(?:not|never)\s+|in)eligible\b|\bnot (?:be )?entitled\b|\b(?:no|without) (?:benefits|"
    r"perks)\b|\b(?:does|do|will) not (?:include|offer|provide|come with|receive|get)\b|"
    r"\b(?:is|are) not (?:offered|provided|available|included)\b")
_SENTENCE = lazy_compile(r"\S(?:[^.!?]|[.!?](?!\s))*[.!?]*")  # up to a stop a space follows


def denies_a_perk(text: str) -> bool:
    """Does a line deny a perk ("Housing is not provided", "Part-time staff are not
    eligible for benefits")? Under a heading of requirements it asks nothing."""
    low = _read(text)
    return bool(_DENIED_OFFER.search(low) and PERK.search(low))


def _offer_sentences(doc: Document, block: Block) -> tuple[str, Span] | None:
    """A block read as benefits without a heading, without the sentences at its start or
    end that deny the perks ("Seasonal employees are not eligible for city benefits") or
    say when applications close (the closing date's, in the same paragraph as a perk);
    None when no other sentence is left."""
    sentences = [m.span() for m in _SENTENCE.finditer(block.text)] \
        if len(block.text) <= 1200 else [(0, len(block.text))]
    while sentences and _not_an_offer(block.text[slice(*sentences[0])]):
        sentences.pop(0)
    while sentences and _not_an_offer(block.text[slice(*sentences[-1])]):
        sentences.pop()
    if not sentences:
        return None
    start, end = sentences[0][0], sentences[-1][1]
    if block.text[:start].strip() == "" and block.text[end:].strip() == "":
        return block.text, block.span
    return block.text[start:end], doc.block_span(block, (start, end))[0]


_CLOSES = lazy_compile(r"(?:applications? (?:close|closes|closing|due|deadline)|closing date|"
                       r"apply (?:by|before)|deadline)\b")


def _not_an_offer(sentence: str) -> bool:
    low = _read(sentence).strip()
    return bool(_DENIED_OFFER.search(low) or _CLOSES.match(low))


def _closing_line(doc: Document) -> list[Block]:
    """A perk alone on the posting's last line ("Career prospects.", "Free parking"): a
    few words, no verb, most of them the perk's (the line, or nothing)."""
    last = doc.blocks[-1] if doc.blocks else None
    if last is None or last.kind == "heading" or len(last.text.split()) > 5:
        return []
    low = _read(last.text).strip().rstrip(".!")
    if _VERB.search(low) or _asks(low):
        return []
    named = sum(len(m.group()) for m in PERK.finditer(low))
    return [last] if named >= 0.6 * len(low.replace(" ", "")) else []


def benefit_items(heading: Block, blocks: list[Block]) -> list[Block]:
    """The items of a benefits section: up to a paragraph that asks for something or a
    labelled line ("Schedule: 8 hour shift" starts what follows the benefits); the
    labelled lines before the perks ("Salary and Benefits": "Employment Type: Full Time")
    are the posting's values, none of them a perk. A heading with nothing under it that
    says more than a heading ("Full benefits offered") states the benefits itself. A
    sentence alone that denies the perks ("This post is not eligible for benefits") is
    none, unless it states an offer too ("… does not include on-call pay; we pay a night
    premium")."""
    if not blocks and heading_key(heading.text) not in SECTION_HEADINGS:
        return [heading]
    while blocks and starts_with_label(blocks[0].text) and not PERK.search(_read(blocks[0].text)):
        blocks = blocks[1:]
    for i, block in enumerate(blocks):
        low = _read(block.text)
        labelled = starts_with_label(block.text) or low.rstrip().endswith(":")
        if i and (_asks(low) or labelled) and not PERK.search(low):
            blocks = blocks[:i]
            break
    return [b for b in blocks if not (_DENIED_OFFER.search(low := _read(b.text))
                                      and not _OFFER.search(low)
                                      and len(list(_SENTENCE.finditer(b.text))) == 1)]


class _Perks:
    """The perks each block names, read in one pass over the posting (block by start)."""

    def __init__(self, doc: Document) -> None:
        separated, to_text = separate_glued(doc.markdown)
        low = lower_keep_offsets(separated)
        self.strong: dict[int, set[str]] = {}
        self.any: dict[int, set[str]] = {}
        for match in _STRONG_OR_WEAK.finditer(low):
            block = doc.block_at(to_text(match.start()))
            if block is not None:
                self.any.setdefault(block.start, set()).add(match.group())
                if match.lastgroup == "strong":
                    self.strong.setdefault(block.start, set()).add(match.group())


def _read(text: str) -> str:
    """A block as the patterns read it: glued words apart, in lower case (lengths are
    still those of the text as written)."""
    return separate_glued(text)[0].lower()


def _groups(doc: Document) -> list[tuple[str | None, list[Block]]]:
    """The blocks between one heading and the next, with the field of that heading."""
    groups: list[tuple[str | None, list[Block]]] = [(None, [])]
    for block in doc.blocks:
        if block.kind == "heading":
            groups.append((section_field(block.text)[1], []))
        else:
            groups[-1][1].append(block)
    return [g for g in groups if g[1]]


def _asks(low: str) -> bool:
    return bool(_ASKS.search(_PAID_FOR.sub("", low) if "on" in low or "doe" in low else low))


def _states_offer(low: str) -> bool:
    if len(low) > 1200 or not any(w in low for w in _OFFER_WORDS):
        return False
    offer = _OFFER.search(low)
    if offer is None or not _STRONG_PERK.search(low):
        return False
    sentence = re.split(r"(?<=[.!?])\s*", low[:offer.start()])[-1] + \
        low[offer.start():].split(". ")[0]
    # "we provide insurance software to hospitals": the verb's object is what the business sells
    verb = re.search(r"offer|provid|give|pay", offer.group())
    return not (verb and _BUSINESS.search(sentence))


def _count(block: Block, perks: _Perks, strong: bool) -> int:
    """How many perks a line names (0: none, or it asks something)."""
    found = len((perks.strong if strong else perks.any).get(block.start, ()))
    if not found or len(block.text) > 600 or (len(block.text) > 200 and found < 3) or \
            _asks(_read(block.text)):
        return 0
    return found


_APPLY = lazy_compile(r"\bapply|\bcv\b|\bresume|e-?mail|\bcontact|\bsend\b|@|#url")


def _plain_line(text: str) -> bool:
    """A short line of words that asks nothing, labels nothing and says nothing of
    applying: a perk in a list, in words no list of ours has."""
    if len(text) > 100 or len(text.split()) < 2 or ":" in text:
        return False
    low = _read(text)
    return not _asks(low) and not _APPLY.search(low)


_DUTY = lazy_compile(r"[-*•]?\s*[A-Z][a-z]+ing\b")  # "Developing and maintaining …"


def _closing_perks(group: list[Block], perks: _Perks, strong: bool) -> list[Block]:
    """The run of perk lines that closes a group of blocks, if there is one."""
    if not any(b.start in perks.any for b in group):
        return []
    texts = [b.text for b in group]
    counts = [_count(b, perks, strong) for b in group]
    last = max((i for i, n in enumerate(counts) if n), default=-1)
    if last < 0:
        return []
    first, gap = last, 0
    for i in range(last - 1, -1, -1):
        if counts[i]:
            first, gap = i, 0
            continue
        gap += 1
        if gap > 2 or not _plain_line(texts[i]):
            break
    run = group[first:last + 1]
    if not any(b.start in perks.strong for b in run):
        return []
    if len(run) == 1:
        if counts[first] < 2 or _VERB.search(_read(texts[first])) or ":" in texts[first]:
            return []
    elif 2 * sum(1 for n in counts[first:last + 1] if n) < len(run) - 1:
        return []
    after = range(last + 1, len(group))
    if len(run) == 1 and len(after) > 4 and _DUTY.match(texts[last + 1]):
        return []  # one line naming perks, a list of duties going on after it
    if len(after) <= 4 and all(_plain_line(texts[i]) for i in after):
        run += group[last + 1:]  # the last perks of the list, in words no list of ours has
    return run
