"""translator: resolutions in, sentence-level PO catalogs out, for volunteer translators."""

__version__ = "0.1.0"


def create_app(test_config=None):
    """The review UI's Flask app, for ``flask --app translator run`` (Flask is imported lazily)."""
    from translator.web import create_app as make_app

    return make_app(test_config)
