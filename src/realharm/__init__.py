"""Real Harm site tooling: data loading and validation, Markdown rendering, content checks.

Every function here is plain Python with no MkDocs import, so the site can move to another
builder by rewriting only ``mkdocs_hook.py``.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
