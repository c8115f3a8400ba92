"""The pipeline: ingest, clean, extract. Pure Python: no Qt import anywhere in here."""
