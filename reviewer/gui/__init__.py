"""The desktop window (PySide6).

A thin shell over ``reviewer.core``: it may import the core, never the other way
round (the import contract in pyproject.toml and tests/core/test_boundary.py).
"""
