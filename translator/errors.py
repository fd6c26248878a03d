"""The exception tree: one root, so front ends can catch every expected failure."""


class TranslatorError(Exception):
    """A failure the user can act on; the message names the file, line or field."""


class ConfigError(TranslatorError):
    """Project settings or layout are wrong."""


class SourceError(TranslatorError):
    """A source document (or a file given to an importer) cannot be read."""


class CatalogError(TranslatorError):
    """A PO/POT file cannot be read or written."""


class LanguageError(TranslatorError):
    """A language code that Babel does not know."""


class MTError(TranslatorError):
    """A machine-translation engine failed."""


class MTRateLimited(MTError):
    """The provider asked us to slow down (HTTP 429 or similar)."""


class MTUnsupportedLanguage(MTError):
    """The engine cannot translate into (or from) this language."""


class MTUnavailable(MTError):
    """The engine cannot be reached (no network, not installed)."""
