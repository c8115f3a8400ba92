"""Words that deny what a posting names: "not a remote role", "no part-time work", "A
degree is not required", "Remote job: No".

A value whose mention the posting denies is no value of it (read as one it is the
opposite of what the posting says). The patterns run on lower-cased text.
"""

from __future__ import annotations

from reviewer.core.words.regex import lazy_compile

# right before a mention: "not a", "no", "isn't", "non-", "without a", "do not need a"; in
# the other languages of Europe their no and without ("kein", "ohne", "pas de", "sans",
# "sin", "sem", "senza", "geen", "brak", "ingen", "ikke"), maybe with a word of offering
# or of a chance between ("No se ofrece teletrabajo", "sin opción de teletrabajo", "Non è
# previsto lo smart working", "Ingen möjlighet till distansarbete")
_CHANCE = (r"(?:\s+(?:se\s+(?:ofrece|permite|contempla)|è\s+previst[oa]|hay|há|"
           r"(?:opción|opciones|posibilidad|possibilité|möglichkeit|mogelijkheid|możliwości|"
           r"möjlighet|mulighed|mulighet|possibilità|opção|possibilidade)"
           r"(?:\s+(?:de|d['’]|di|zu[mr]?|für|tot|om|till|til|for|pracy))?|"
           r"(?:el|lo|il|la|le|de|do|da|het)))")
_BEFORE = lazy_compile(r"(?:\bnot|\bno|n't|\bnever|\bnon|\bwithout|\bkeine?[nms]?|\bohne|\bnicht|"
                       r"\bpas(?:\s+de)?|\bsans|\bsin|\bsem|\bnão|\bsenza|\bgeen|\bniet|"
                       r"\bzonder|\bbrak|\bbez|\bnie|\bingen|\binte|\bikke|\buden|\buten)"
                       r"(?:\s+(?:need|require)s?)?" + _CHANCE + r"{0,2}"
                       r"(?:\s+(?:a|an|the|this|be|any))?(?:\s+|-)$")
# a label's answer no ("Remote: No", "Teletrabalho: não", "Thuiswerken: nee"), and that
# of the other languages of Europe which says "not possible" ("Homeoffice: nicht möglich",
# "Télétravail : non possible", "Smart working: non disponibile")
_NO_WORD = r"(?:no|none|n/a|false|nein|non|não|nao|nee|nej|nei|nie|niet|ingen)"
_NOT_POSSIBLE = (r"(?:nicht|non|no|não|niet|nie|ikke|inte|ej)\s+(?:möglich|vorgesehen|verfügbar|"
                 r"possible|proposée?|disponible|posible|possibile|disponibile|previst[oa]|"
                 r"possível|disponível|mogelijk|możliwe|möjligt|muligt|mulig)")
# right after a mention: a label's answer ("Remote job: No", "Remote work - not available";
# not "Part-time: no weekends"), or a verb that denies the mention itself, with at most
# the words of its own noun phrase between ("… degree in Physics is not required",
# "Remote work is not possible"; not "Remote with relocation not required", where the
# denial is of another thing)
_OWN = (r"(?:role|position|job|post|work|working|option|opportunity|arrangement|basis|"
        r"contract|employment|hours|schedule|degree|qualification|diploma|education)s?")
_SUBJECT = (r"\s+(?:in|of|from)(?:\s+(?!(?:and|or|nor|but|with|is|are|will|would|not)\b)"
            r"[\w'’/&.+-]+){1,4}?")
_AFTER = lazy_compile(
    r"\s*(?:[:?]|\s-\s|–)\s*(?:" + _NO_WORD + r"\b(?![ \t]*\w)|"
    r"not (?:available|possible|offered|applicable)\b|" + _NOT_POSSIBLE + r")"
    r"|(?:['’]s)?(?:[\s-]+" + _OWN + r"){0,2}(?:" + _SUBJECT + r")?"
    r"\s+(?:(?:is|are|will|would)\s*)?(?:not|n't|never)\s+(?:be\s+)?"
    r"(?:required|necessary|needed|essential|mandatory|a (?:must|requirement|prerequisite)|"
    r"available|possible|offered|an option)\b"
    # German, French and Spanish: "Homeoffice ist leider nicht möglich", "Télétravail
    # (complet) impossible", "n'est pas possible", "Teletrabajo no disponible", "no es posible"
    r"|(?:\s+(?:complet|total|partiel|completo|parcial))?\s+(?:"
    r"(?:ist|wird|sind)\s+(?:(?:leider|bei\s+uns|hier|grundsätzlich)\s+)*nicht\s+"
    r"(?:möglich|vorgesehen|angeboten|verfügbar|erforderlich|notwendig)"
    r"|(?:(?:est|sera)\s+)?impossible|(?:n['’](?:est|sera)\s+)?pas\s+(?:possible|proposée?|"
    r"autorisée?|disponible)|non\s+(?:possible|proposée?|autorisée?|disponible)"
    r"|no\s+(?:(?:es|está|será)\s+)?(?:posible|disponible|se\s+ofrece))\b")
# a label's value that answers yes or no ("Remote: No", "No, office based"), read whole
# (not a word a hyphen joins to it: "Non-US applicants welcome" is no answer)
_NO = lazy_compile(r"(?:" + _NO_WORD + r"|not (?:available|possible|offered)|" + _NOT_POSSIBLE
                   + r")\b"
                   r"(?:[\s.!]*|\s*(?:[,;–—]|-(?![^\W\d_])).*)")
_YES = lazy_compile(r"(?:yes|true|100\s*%|ja|oui|sí)[\s.!]*")

NEAR = 24  # how far before a mention its denial may start


def denied_before(low: str, start: int) -> bool:
    """Do the words right before ``start`` deny what is said there ("this is not a
    remote role", "no part-time work")?"""
    return _BEFORE.search(low, max(0, start - NEAR), start) is not None


def denied_after(low: str, end: int) -> bool:
    """Do the words right after ``end`` deny what was said before it ("Remote job:
    No", "A degree is not required")?"""
    return _AFTER.match(low, end) is not None


def denied(low: str, start: int, end: int) -> bool:
    """Is the mention at ``low[start:end]`` denied, by the words before or after it?"""
    return denied_before(low, start) or denied_after(low, end)


def answer(value: str) -> bool | None:
    """A label's value as a yes or no answer ("No", "Not available", "Yes"); None: it
    is no such answer."""
    low = value.strip().lower()
    if _NO.fullmatch(low):
        return False
    return True if _YES.fullmatch(low) else None
