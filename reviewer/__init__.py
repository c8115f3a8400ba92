"""Posting Reviewer: clean, extract, review and label job postings."""

__version__ = "0.1.0"
