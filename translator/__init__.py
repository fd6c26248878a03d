"""translator: resolutions in, sentence-level PO catalogs out, for volunteer translators.

The library has one package per stage (see ARCHITECTURE.md); the review UI is
``translator.web.create_app`` and the command line ``translator.cli.main``.
"""

__version__ = "0.1.0"
