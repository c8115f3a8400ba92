"""The project's own model: learnt from its reviewed postings, suggesting for the rest.

In: reviewed postings as ``Example``s (the cleaned Markdown, the values the reviewers
decided, their label answers, the rules' extraction). Out: a ``Model`` that reads a
posting (its ``CleanDoc`` and the rules' ``Extraction``) and suggests, as the stage
"learned":

* the fields read as spans of the text (title, company, department, locations,
  requisition_id) by a CRF over the text's tokens (python-crfsuite), whose features
  include the rules' own readings, the line and heading context and the word lists;
* the list fields whose items are lines (responsibilities, qualifications, benefits)
  by a line classifier, the choice fields (remote, employment type, seniority,
  education) and every document-label question by text classifiers (scikit-learn),
  with the rules' values among their features;

each with a confidence calibrated by cross-validation on the reviewed postings, which
also gives the figures kept in ``Model.info`` and decides which fields the model may
override the rules on (those where the two together beat the rules alone).

Public API: ``Example``; ``train(examples, questions=None, progress=None) -> Model``;
``Model`` (``suggest``, ``to_bytes``, ``Model.from_bytes``, ``info``, ``fields``,
``questions``, ``forget_question``); ``Suggestions``; ``apply(model, doc,
extraction)`` (the suggestions merged into the extraction); ``ModelRefused`` (a
stored model that cannot be used, and why); ``usefulness`` (what the list's order
"most useful to review next" reads); ``FORMAT_VERSION``.
"""

from reviewer.core.learn.active import usefulness
from reviewer.core.learn.examples import Example
from reviewer.core.learn.model import Model, Suggestions, apply
from reviewer.core.learn.storage import FORMAT_VERSION, ModelRefused
from reviewer.core.learn.train import train

__all__ = [
    "FORMAT_VERSION", "Example", "Model", "ModelRefused", "Suggestions", "apply",
    "train", "usefulness",
]
