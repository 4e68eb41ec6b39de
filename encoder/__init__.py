"""tei-encoder: archival documents from plain text to TEI P5 editions.

The library is four stages, each a plain function; the command line
(``encoder.cli``) is a thin shell over them:

* ``encode_file`` / ``encode_source``: plain text (+ metadata) -> TEI tree;
* ``validate`` / ``validate_file``: TEI -> ``Report`` (project XSD + Schematron);
* ``render_html``: TEI -> HTML reading page (XSLT 1.0);
* ``build_edition``: a whole edition folder -> TEI, validated, and a site.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "encode_file",
    "encode_source",
    "encode_bytes",
    "validate",
    "validate_file",
    "render_html",
    "build_edition",
    "document_text",
    "serialize",
]

# The public names are imported on first use, so that ``import encoder`` is
# cheap and a stage module can import ``encoder.model`` without the others.
_LAZY = {
    "encode_file": "encoder.pipeline",
    "encode_source": "encoder.pipeline",
    "encode_bytes": "encoder.pipeline",
    "validate": "encoder.validate",
    "validate_file": "encoder.validate",
    "render_html": "encoder.render",
    "build_edition": "encoder.edition",
    "document_text": "encoder.tei",
    "serialize": "encoder.tei",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'encoder' has no attribute {name!r}")
