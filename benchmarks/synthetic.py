"""Generated postings for benchmarks: varied, realistic in size and shape, reproducible.

``postings(n, seed)`` yields JSON objects ``{"html": ...}`` or ``{"text": ...}`` (about
a third HTML pages with navigation and a footer, the rest text dumps), each distinct.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

TITLES = ["Data Engineer", "Backend Developer", "Product Designer", "Data Analyst",
          "Site Reliability Engineer", "Machine Learning Engineer", "Frontend Developer",
          "Account Manager", "Financial Controller", "HR Business Partner", "QA Engineer",
          "Technical Writer", "Sales Representative", "Office Manager", "Security Engineer"]
LEVELS = ["", "Senior ", "Junior ", "Lead ", "Principal ", "Staff "]
COMPANIES = ["Acme Analytics", "Northwind Labs", "Blue Harbor GmbH", "Quillstone Inc.",
             "Tidewater Labs", "Kranich Logistik GmbH", "Lumenfield Health", "Orbit Freight",
             "Examplecorp Ltd", "Brightpath Partners", "Greenleaf Energy", "Copperline Media"]
CITIES = ["Berlin, Germany", "London, UK", "Austin, TX", "Toronto, ON, Canada", "Lisbon, Portugal",
          "Stockholm, Sweden", "Yerevan, Armenia", "Remote", "New York, NY", "Munich, Germany"]
SKILLS = ["Python", "SQL", "Kubernetes", "AWS", "React", "TypeScript", "Go", "Java", "Spark",
          "Kafka", "Terraform", "Excel", "Tableau", "Docker", "PostgreSQL", "Figma"]
DUTIES = ["Design, build and run {s} services used by {n} customers",
          "Work with product and design on the {s} roadmap for the next {n} months",
          "Own the reliability of our {s} pipelines and their on-call rotation",
          "Write clear documentation and review the code of {n} colleagues",
          "Analyse {s} data and present the results to the leadership team",
          "Mentor {n} engineers and help them grow in {s}"]
NEEDS = ["{n}+ years of experience with {s}", "Strong knowledge of {s} and {t}",
         "A Bachelor's degree in Computer Science or a related field",
         "Excellent written and spoken English", "Experience with {s} in production",
         "Comfort working with ambiguity and changing priorities"]
PERKS = ["{n} days of paid holiday", "A yearly learning budget of EUR {k},000",
         "Hybrid work: {n} days a week in the office", "Private health insurance",
         "Company pension with {n}% matching"]
INTRO = ("{c} builds software that helps {n},000 teams plan their work. We are looking for "
         "a {l}{t} to join our {d} team in {city}. You will work on problems that matter to "
         "our customers every day, with people who care about doing things well.")


def postings(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for i in range(n):
        yield _one(rng, i)


def _one(rng: random.Random, i: int) -> dict[str, str]:
    title = rng.choice(LEVELS) + rng.choice(TITLES)
    company, city = rng.choice(COMPANIES), rng.choice(CITIES)

    def fill(template: str) -> str:
        return template.format(s=rng.choice(SKILLS), t=rng.choice(SKILLS),
                               n=rng.randint(2, 12), k=rng.randint(1, 3))

    duties = [fill(rng.choice(DUTIES)) for _ in range(rng.randint(4, 8))]
    needs = [fill(rng.choice(NEEDS)) for _ in range(rng.randint(4, 7))]
    perks = [fill(rng.choice(PERKS)) for _ in range(rng.randint(3, 5))]
    low, high = rng.randint(40, 90) * 1000, rng.randint(95, 160) * 1000
    intro = INTRO.format(c=company, n=rng.randint(2, 90), l="", t=title.lower(),
                         d=rng.choice(["Platform", "Data", "Growth", "Finance"]), city=city)
    ref = f"REQ-{i:07d}"
    if i % 3 == 0:
        items = lambda xs: "".join(f"<li>{x}</li>" for x in xs)  # noqa: E731
        page = (
            f"<html><head><title>{title} - {company} careers</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a> <a href='/about'>About</a></nav>"
            f"<main><h1>{title}</h1><p>{city} · Full-time · Job ID: {ref}</p>"
            f"<h2>About the role</h2><p>{intro}</p>"
            f"<h2>What you'll do</h2><ul>{items(duties)}</ul>"
            f"<h2>What you bring</h2><ul>{items(needs)}</ul>"
            f"<h2>Benefits</h2><ul>{items(perks)}</ul>"
            f"<p>The salary range for this role is ${low:,} - ${high:,} per year.</p></main>"
            f"<footer>© 2025 {company}. All rights reserved. Privacy policy</footer>"
            f"</body></html>")
        return {"html": page}
    lines = [
        "Skip to main content", "Sign in", "Jobs", "Teams", "Locations", "",
        title, f"{city} | {rng.choice(['Engineering', 'Finance', 'Operations'])}",
        f"Job ID: {ref}", "", intro, "", "Responsibilities", "",
        *(f"  • {d}" for d in duties), "", "Requirements", "",
        *(f"  • {x}" for x in needs), "", "Benefits", "",
        *(f"  • {p}" for p in perks), "",
        f"Salary: EUR {low:,} - {high:,} per year", "",
        "Similar jobs", *rng.sample(TITLES, 4), "", f"© 2025 {company}. All rights reserved.",
    ]
    return {"text": "\n".join(lines)}
