"""A heading that reads as a title by being a heading alone (it names no job) does not
beat the posting's first line, in any language; nor is a heading over a sum a title."""

from __future__ import annotations

import pytest

from reviewer.core.clean import clean
from reviewer.core.extract import extract

_LISTS = ["", "Kvalifikationer:", "- Legitimerad sjuksköterska", "- Erfarenhet av slutenvård",
          "- B-körkort", "", "Vi erbjuder:", "- Friskvårdsbidrag", "- Kollektivavtal",
          "- Betald vidareutbildning"]


@pytest.mark.parametrize("head", [
    # a label alone on its line over its sum: "## Lön" was the title at 0.8
    ["Sjuksköterska till vårdavdelningen", "", "Vårdcentral Norra AB", "Umeå", "", "Lön:",
     "34 000 – 39 000 kr per månad", "", "Omfattning: heltid"],
    ["Magazynier na zmiany", "", "Centrum Dystrybucji Warta", "Poznań", "", "Widełki:",
     "5 200 – 6 100 zł brutto miesięcznie"],
    # a section heading no list knows under the first line: no title either
    ["Sjuksköterska till vårdavdelningen", "", "Vårdcentral Norra AB", "Umeå", "",
     "Om tjänsten:", "Du arbetar i team med undersköterskor och läkare på en avdelning "
     "med tjugo vårdplatser."],
])
def test_the_first_line_is_the_title_over_a_heading_that_names_no_job(head: list[str]) -> None:
    doc = clean("\n".join([*head, *_LISTS]) + "\n", "text")
    result = extract(doc)
    assert result.fields["title"] == head[0]
    assert [doc.markdown[a:b] for a, b in result.evidence["title"]] == [head[0]]


def test_a_heading_that_names_a_job_is_the_title_under_the_employer_s_line() -> None:
    doc = clean("\n".join(["Acme Logistics", "", "# Warehouse Supervisor", "",
                           "We run three warehouses near the port and need a supervisor for "
                           "the night shift of the largest one.", *_LISTS]) + "\n", "text")
    assert extract(doc).fields["title"] == "Warehouse Supervisor"
