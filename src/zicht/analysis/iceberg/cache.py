# SPDX-License-Identifier: EUPL-1.2
"""A small thread-safe cache of estimates per data vintage and parameters.

A bootstrap takes seconds; the same vintage and parameters always give the same result (the bootstrap is
seeded), so the result is kept. Concurrent requests for the same key wait for the first computation instead
of repeating it. The cache is bounded (least recently used entries go first) and lives with its owner (the web
app keeps one per application), never at module level.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Rekencache"]

T = TypeVar("T")


class Rekencache(Generic[T]):
    """Results by key, computed once.

    Args:
        maximum: Number of entries kept.
    """

    def __init__(self, maximum: int = 64) -> None:
        self.maximum = maximum
        self._waarden: OrderedDict[Hashable, T] = OrderedDict()
        self._sloten: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.berekeningen = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._waarden)

    def __contains__(self, sleutel: Hashable) -> bool:
        with self._lock:
            return sleutel in self._waarden

    def haal(self, sleutel: Hashable, maak: Callable[[], T]) -> T:
        """The value for ``sleutel``, computing it with ``maak`` when absent (once, also under concurrency).

        Args:
            sleutel: The key (e.g. vintage code plus parameters).
            maak: Computes the value.

        Returns:
            The cached or new value. An exception from ``maak`` propagates and nothing is cached.
        """
        with self._lock:
            if sleutel in self._waarden:
                self._waarden.move_to_end(sleutel)
                return self._waarden[sleutel]
            slot = self._sloten.setdefault(sleutel, threading.Lock())
        with slot:
            with self._lock:
                if sleutel in self._waarden:
                    self._waarden.move_to_end(sleutel)
                    return self._waarden[sleutel]
            try:
                waarde = maak()
                with self._lock:
                    self.berekeningen += 1
                    self._waarden[sleutel] = waarde
                    while len(self._waarden) > self.maximum:
                        self._waarden.popitem(last=False)
            finally:
                with self._lock:
                    self._sloten.pop(sleutel, None)
            return waarde

    def leeg(self) -> None:
        """Forget everything."""
        with self._lock:
            self._waarden.clear()
