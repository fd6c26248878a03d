"""A project with a German catalog in a known state: some sentences machine drafts, some
translated, one approved; helpers that edit files as a translator's tool would."""

from __future__ import annotations

import pytest

from translator.catalog import read_catalog, write_catalog
from translator.catalog.state import approve, set_draft, set_human

DRAFT = "Stop the war!"
TRANSLATED = "The ICOR condemns the war."
APPROVED = "Our demands"
EMPTY = "We demand the withdrawal of all troops."


def prepare(project) -> None:
    """de catalog: one machine draft, one translated, one approved, the rest empty."""
    report = project.init(["de"])
    assert report.ok, report.errors
    path = project.catalog_path("de", "sample")
    po = read_catalog(path)
    set_draft(po.find(DRAFT), "Stoppt den Krieg!", "mt:dummy")
    set_human(po.find(TRANSLATED), "Die ICOR verurteilt den Krieg.")
    set_human(po.find(APPROVED), "Unsere Forderungen")
    approve(po.find(APPROVED), "rita", "2024-05-01")
    write_catalog(po, path)


@pytest.fixture
def catalog(project):
    """The project (tests/data) with its prepared de catalog; yields (project, path)."""
    prepare(project)
    return project, project.catalog_path("de", "sample")


def online_edit(path, msgid: str, text: str, *, fuzzy: bool = False) -> None:
    """Someone changes an entry in the editor after the export."""
    po = read_catalog(path)
    set_human(po.find(msgid), text, needs_review=fuzzy)
    write_catalog(po, path)
