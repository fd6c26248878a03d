"""Two instances syncing through one bare remote while both keep taking saves: nothing is
lost, both end with every last save, and each catalog stays valid throughout."""

from __future__ import annotations

import threading

from tests.gitstore.test_sync import sync, valid
from translator.catalog import read_catalog

ROUNDS = 10
SYNCS = 5


def test_syncing_while_saving_loses_nothing(two_instances):
    a, b = two_instances
    msgids = [entry.msgid for entry in read_catalog(a.catalog) if entry.msgid]
    half = len(msgids) // 2
    last: dict[str, str] = {}
    failures: list[BaseException] = []

    def saves(instance, user, ids):
        for round_ in range(ROUNDS):
            for msgid in ids:
                text = f"{user} {round_}: {msgid[:12]}"
                instance.save(user, msgid, text)
                last[msgid] = text

    def syncs(instance):
        for _ in range(SYNCS):
            sync(instance)

    def guarded(work, *args):
        try:
            work(*args)
        except BaseException as exc:  # noqa: BLE001 (reported below, in the test thread)
            failures.append(exc)

    threads = [
        threading.Thread(target=guarded, args=(saves, a, "dana", msgids[:half])),
        threading.Thread(target=guarded, args=(saves, b, "rita", msgids[half:])),
        threading.Thread(target=guarded, args=(syncs, a)),
        threading.Thread(target=guarded, args=(syncs, b)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert failures == []
    for instance in (a, b, a):
        assert sync(instance).pushed
    for instance in (a, b):
        valid(instance)
        po = read_catalog(instance.catalog)
        assert {m: po.find(m).msgstr for m in msgids} == last


def test_a_save_waits_while_the_merge_writes_its_catalog(two_instances, monkeypatch):
    """The window the test above can only hit by chance, made certain."""
    from translator.catalog import catalog_lock
    from translator.errors import CatalogError
    from translator.gitstore import sync as sync_module

    a, b = two_instances
    a.save("dana", "Our demands", "Unsere Forderungen")
    sync(a)
    b.save("rita", "Strengthen the ICOR!", "Stärkt die ICOR!")
    seen = []
    merge = sync_module._merge

    def merge_watched(repo, upstream):
        def save_attempt():
            try:
                with catalog_lock(b.catalog, timeout=0.3):
                    seen.append("saved during the merge")
            except CatalogError:
                seen.append("waited")

        attempt = threading.Thread(target=save_attempt)
        attempt.start()
        attempt.join()
        return merge(repo, upstream)

    monkeypatch.setattr(sync_module, "_merge", merge_watched)
    assert sync(b).merged == "merged"
    assert seen == ["waited"]
