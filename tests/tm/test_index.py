"""The memory index under instance/tm/: filled once, patched on write, re-synced by identity."""

from __future__ import annotations

import sqlite3

from tests.tm.conftest import make_po
from translator.exchange.tmx import MemoryUnit
from translator.tm import MemoryIndex, open_index, open_memory


def memory(tree, **options):
    found = open_memory(tree.locales, tree.instance, "de", **options)
    found.refresh()
    return found


def test_holds_every_catalog_of_the_language_with_its_document(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    tree.write("b", [("War.", "Krieg.")])
    tree.write("a", [("Peace.", "Paz.")], lang="es")
    tm = memory(tree)
    assert len(tm) == 2 and (tree.instance / "tm" / "de.sqlite3").is_file()
    assert tm.lookup("War.").origin == "tm:100 b" and tm.lookup("Peace.").text == "Frieden."


def test_stores_context_state_author_and_date(tree):
    tree.write("a", [("Peace.", "Frieden.", "approved"), ("War.", "Krieg.")])
    index = memory(tree).index
    rows = index.query("SELECT document, source, state, author, created FROM units ORDER BY id")
    assert rows == [
        ("a", "Peace.", "approved", "rita", "2024-05-01"),
        ("a", "War.", "translated", "", ""),
    ]


def test_unchanged_catalogs_are_not_read_again(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    tree.write("b", [("War.", "Krieg.")])
    tm = memory(tree)
    assert tm.index.reread == 2
    assert tm.refresh() == 0


def test_an_edit_behind_our_back_is_read_again_on_the_next_lookup(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    tree.write("b", [("War.", "Krieg.")])
    tm = memory(tree)
    tree.edit_outside("b", [("War.", "Der Krieg."), ("Bread.", "Brot.")])
    assert tm.refresh() == 1  # b only: a's identity did not change
    assert tm.lookup("War.").text == "Der Krieg." and tm.lookup("Bread!").text == "Brot."


def test_a_write_through_the_tool_is_patched_in_without_reading(tree):
    tree.write("a", [("Peace.", "Frieden."), ("War.", "Krieg.")])
    tm = memory(tree)
    peace = tm.index.query("SELECT id FROM units WHERE source = 'Peace.'")
    seq = tm.keys.seq
    tree.write("a", [("Peace.", "Frieden."), ("War.", "Der Krieg.")])
    assert tm.refresh() == 0  # the write patched the index: identity already current
    assert tm.lookup("War!").text == "Der Krieg."
    assert tm.index.query("SELECT id FROM units WHERE source = 'Peace.'") == peace
    changed = tm.index.query("SELECT folded FROM changes WHERE seq > ?", [seq])
    assert changed == [("war.",), ("war.",)]  # one entry out, one in: nothing else touched


def test_drafts_and_joined_copies_are_not_memory(tree):
    tree.write("a", [("Peace.", "Frieden.", "fuzzy"), ("Bread.", "Bread.", "joined")])
    tm = memory(tree)
    assert len(tm) == 0 and tm.lookup("Peace.") is None


def test_a_deleted_catalog_leaves_the_memory(tree):
    path = tree.write("a", [("Peace.", "Frieden.")])
    tm = memory(tree)
    path.unlink()
    tm.refresh()
    assert len(tm) == 0 and tm.index.known() == {} and tm.lookup("Peace.") is None


def test_a_damaged_index_is_rebuilt(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    (tree.instance / "tm").mkdir(parents=True)
    (tree.instance / "tm" / "de.sqlite3").write_bytes(b"not a database at all" * 100)
    assert memory(tree).lookup("Peace.").text == "Frieden."


def test_a_broken_catalog_is_reported_left_out_and_not_reread(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    broken = tree.path("b")
    broken.write_bytes(b'msgid "x"\nmsgstr "\xff"\n')
    tm = memory(tree)
    assert len(tm) == 1 and len(tm.errors) == 1 and "b.po" in tm.errors[0]
    assert tm.refresh() == 0 and len(tm.errors) == 1  # still reported, not parsed again


def test_without_an_instance_folder_nothing_is_written(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    tm = open_memory(tree.locales, None, "de")
    tm.refresh()
    assert tm.lookup("Peace.").text == "Frieden."
    assert sorted(p.name for p in tree.root.iterdir()) == ["locales"]


def snapshot(folder):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_a_read_only_memory_uses_the_index_and_never_writes(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    assert memory(tree, read_only=True).lookup("Peace.").text == "Frieden."
    assert not tree.instance.exists()
    memory(tree)
    open_index(tree.locales, tree.instance, "de").close()  # as a finished process leaves it
    before = snapshot(tree.instance)
    tree.edit_outside("b", [("War.", "Krieg.")])
    tm = memory(tree, read_only=True)
    assert tm.index.reread == 1 and tm.lookup("War.").text == "Krieg."  # a came from the copy
    assert snapshot(tree.instance) == before


def test_exclude_leaves_one_document_out(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    tree.write("b", [("Peace.", "Friede.")])
    tm = memory(tree)
    assert tm.lookup("Peace.", exclude="a").origin == "tm:100 b"
    assert tm.lookup("Peace!", exclude="b").origin.endswith(" a")
    assert tm.lookup("Peace.", exclude="a").text == "Friede."


def test_another_process_saves_are_seen_from_the_change_log(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    tm = memory(tree)
    other = MemoryIndex(tree.locales, tree.instance, "de")  # a second worker's connection
    path = tree.edit_outside("b", [("Stop the war!", "Stoppt den Krieg!")])
    other.patch("b", make_po([("Stop the war!", "Stoppt den Krieg!")]), path)
    seq = tm.keys.seq
    assert tm.refresh() == 0 and tm.keys.seq > seq
    assert tm.lookup("Stop the wars!").text == "Stoppt den Krieg!"
    other.patch("b", make_po([]), path)
    tm.refresh()
    assert tm.lookup("Stop the wars!") is None and "stop the war!" not in tm.keys.choices


def test_tmx_units_carry_their_file_and_rank_after_catalogs(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    tm = memory(tree)
    units = [
        MemoryUnit("Peace.", "Friede (TMX).", "anna", "2024-01-01 09:00:00"),
        MemoryUnit("Workers of all countries, unite!", "Proletarier aller Länder!", "anna"),
    ]
    assert tm.index.import_units("omegat.tmx", "OmegaT", units) == 2
    tm.refresh()
    assert tm.lookup("Peace.").origin == "tm:100 a"  # the project's own translation first
    hit = tm.lookup("Workers of all countries unite!")
    assert hit.origin == f"tm:{hit.score} tmx:omegat.tmx" and hit.score >= 90
    assert tm.index.import_units("omegat.tmx", "OmegaT", units[:1]) == 1  # again: replaced
    tm.refresh()
    assert tm.lookup("Workers of all countries unite!") is None
    assert tm.index.imports() == [("omegat.tmx", "OmegaT", 1)]


def test_the_index_is_a_wal_database(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    memory(tree)
    conn = sqlite3.connect(tree.instance / "tm" / "de.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_an_index_of_another_version_is_made_again(tree):
    tree.write("a", [("Peace.", "Frieden.")])
    memory(tree)
    conn = sqlite3.connect(tree.instance / "tm" / "de.sqlite3")
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    conn.execute("INSERT INTO units SELECT NULL, kind, origin, 'ghost', position, context, "
                 "source, folded, 'Gespenst.', state, author, created FROM units")  # fmt: skip
    conn.commit()
    conn.close()
    again = MemoryIndex(tree.locales, tree.instance, "de")  # another process opening it
    assert again.query("SELECT count(*) FROM units") == [(0,)] and again.known() == {}
    assert again.sync() == 1 and again.query("SELECT target FROM units") == [("Frieden.",)]
