"""A bounded, thread-safe mapping that forgets what was used least recently (the store's caches).

Each worker process of the review UI keeps its parsed catalogs in one of these, so memory stays
bounded however many catalogs the project has: a project of 20,000 catalogs keeps the
``capacity`` most recently opened ones per worker, and an evicted one is parsed again on its
next use.

>>> cache = LRUCache(2)
>>> cache.put("a", 1); cache.put("b", 2); cache.get("a")
1
>>> cache.put("c", 3); cache.get("b") is None, len(cache), cache.evictions
(True, 2, 1)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """At most ``capacity`` items; reading or writing an item makes it the most recent."""

    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {capacity}")
        self.capacity = capacity
        self.evictions = 0  # items forgotten to make room (benchmarks and tests read it)
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
                self.evictions += 1

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items
