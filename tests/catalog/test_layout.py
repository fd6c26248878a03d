"""Which languages and documents a project has, and what does not belong in locales/."""

from __future__ import annotations

from translator.catalog.layout import project_languages, stray_entries


def test_a_folder_that_is_not_a_language_is_ignored_with_a_warning(project):
    locales = project.settings.locales_dir
    (locales / "de" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "backup-old" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "notes").mkdir()
    (locales / "glossary.tsv").write_text("ICOR\n", encoding="utf-8")
    assert "backup-old" not in project_languages(project.settings)
    assert "de" in project_languages(project.settings)
    warnings = stray_entries(project.settings)
    assert "locales/backup-old: not a language code, ignored" in warnings
    assert "locales/notes: not a language code, ignored" in warnings
    assert any(w.startswith("locales/glossary.tsv: not a catalog") for w in warnings)
    assert not any("locales/de" in w for w in warnings)


def test_the_bundled_project_has_nothing_stray(seed_project):
    assert stray_entries(seed_project.settings) == []
