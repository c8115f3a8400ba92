"""Packaged resources: sample postings."""
