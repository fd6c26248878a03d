"""translator: resolutions in, sentence-level PO catalogs out, for volunteer translators."""

__version__ = "0.1.0"
