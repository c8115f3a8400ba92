"""Team: several reviewers on one dataset. A project split into one file per reviewer,
their files merged back with every reviewer's decisions, and how much they agree.

``split`` writes a project file per reviewer (the label schema, guidelines, column
mappings and learned models, and the postings each is to review, a share of them to
several reviewers), deterministic by the page hash; ``merge`` brings reviewers' files
together into one, keeping each reviewer's values (``store.reviews``) and the final
decisions where they agree, marking the postings where they differ. Uses the store: it
sits at the top of the core, beside ingest and export.

Public API: ``split_project``, ``SplitReport``, ``merge_projects``, ``MergeReport``,
``InputReport``, ``TeamError``, ``file_name`` (a reviewer's name as a file name);
``agreement``, ``AgreementReport`` (``agreement``: the figures of a merged project),
``agreement_figures`` (the same figures from review rows, without a store).
"""

from __future__ import annotations

# agreement: how far the reviewers agree (reviewer.core.team.agreement)
from reviewer.core.team.agreement import AgreementReport, agreement, pace
from reviewer.core.team.agreement import compute as agreement_figures
from reviewer.core.team.files import TeamError
from reviewer.core.team.merge import merge_projects
from reviewer.core.team.report import InputReport, MergeReport
from reviewer.core.team.split import SplitReport, file_name, split_project

__all__ = ["AgreementReport", "InputReport", "MergeReport", "SplitReport", "TeamError",
           "agreement", "agreement_figures", "file_name", "merge_projects", "pace",
           "split_project"]
