"""The core: the pipeline's stages as packages (ingest, clean, extract, store, export)
over the shared modules (schema, records, labels, words). Pure Python: no Qt import
anywhere in here; see the README's Architecture section for the layers."""
