"""Tiny made-up postings for the tests of the project model."""

from __future__ import annotations

from reviewer.core.extract import extract
from reviewer.core.learn import Example
from reviewer.core.schema import CleanDoc

TITLES = ["Quarry Liaison", "Harbour Scheduler", "Orchard Planner", "Kiln Steward",
          "Tannery Foreman", "Mill Wright", "Loom Keeper", "Ferry Dispatcher",
          "Vineyard Warden", "Granary Clerk", "Forge Monitor", "Brewery Steward"]
COMPANIES = ["Zentrix", "Bolvane", "Cradlow", "Drumset", "Elvaro", "Fennick", "Gorlan",
             "Hestry", "Ivanta", "Jorvik", "Kestrel", "Lumora"]
ROTAS = ["flexi", "standard"]
TOPICS = [("python", "yes"), ("cooking", "no")]


def posting(i: int, title: str | None = None, company: str | None = None) -> str:
    """A posting whose first line is the title and whose second starts with the company
    (both unknown to the rules' word lists), a rota word that decides the employment
    type and a topic that decides a label."""
    title = title or TITLES[i % len(TITLES)]
    company = company or COMPANIES[i % len(COMPANIES)]
    rota = ROTAS[i % 2]
    topic = TOPICS[(i // 2) % 2][0]
    return (f"{title}\n\n{company} works with old machines and new ideas every day.\n\n"
            f"Our rota is {rota} and the team talks about {topic} at lunch.\n\n"
            f"- Keep the records tidy\n- Help the crew on the {topic} days\n")


def example(i: int) -> Example:
    text = posting(i)
    return Example(text, {"title": TITLES[i % len(TITLES)],
                          "company": COMPANIES[i % len(COMPANIES)],
                          "employment_type": "part_time" if i % 2 == 0 else "full_time"},
                   {"relevant": TOPICS[(i // 2) % 2][1]},
                   extraction=extract(CleanDoc(text, "text")), source=f"board{i % 3}")
