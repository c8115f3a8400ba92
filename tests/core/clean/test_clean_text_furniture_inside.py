"""Lines that look like page furniture on their own but stand inside a text posting:
an item of the posting's list, a duty that names signing in, a stray control between
two sections. They are no place to cut the posting; the furniture at the edges of a
dump still goes."""

from __future__ import annotations

import pytest

from reviewer.core.pipeline import process
from reviewer.core.words.lexicon import boilerplate_reason

SRE = """\
Site Reliability Engineer

Acme Analytics is hiring a Site Reliability Engineer in Berlin, Germany. \
You will keep our platform running.

Responsibilities:
- Design our monitoring stack
- Log in to production servers and monitor alerts
- Write runbooks and postmortems
"""


def test_a_duty_that_logs_in_somewhere_is_no_sign_in_form() -> None:
    """"Log in to production servers…" was dropped as a sign-in form, and the duty after
    it as "after the posting"."""
    result = process(SRE, "text")
    for duty in ("Design our monitoring stack", "Log in to production servers and monitor alerts",
                 "Write runbooks and postmortems"):
        assert f"- {duty}" in result.doc.markdown
    assert not result.doc.removed
    assert len(result.extraction.fields["responsibilities"]) == 3


@pytest.mark.parametrize("line", [
    "You will log in to production servers and monitor alerts.",
    "Log in to customer systems to troubleshoot their issues",
    "Sign up new customers and grow our accounts",
])
def test_signing_in_with_an_object_of_its_own_is_prose(line: str) -> None:
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize("line", [
    "Sign in", "Log in", "Login", "Sign up", "Log out", "Sign in to apply", "Sign in to LinkedIn",
    "Sign in to create job alert", "Sign in to save Data Engineer at Acme",
    "or Log in with Dropbox credentials", "Sign up for Dropbox", "Sign In | Join now",
    "To view your favorites, sign in with your Apple ID.", "Already have an account? Log in",
    "Sign in to your account",
])
def test_a_sign_in_prompt_is_still_a_sign_in_form(line: str) -> None:
    assert boilerplate_reason(line) == "sign-in form"
