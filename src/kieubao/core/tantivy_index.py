"""A Tantivy index in a directory shared by the processes of one deployment (app servers,
commands, bulk loads): opened lazily, reloaded for searches at most once a second, written
through the directory lock, which another process may hold for a moment. The directory search
(community/search.py) and the experts index (knowledge/expert_index.py) are both one."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

RELOAD_INTERVAL_SECONDS = 1.0
WRITER_LOCK_WAIT_SECONDS = 10


class TantivyIndex:
    writer_heap = 64 * 1024 * 1024  # for small updates; rebuilds ask for more

    def __init__(self, path: Path, schema: tantivy.Schema) -> None:
        self.path = Path(path)
        self.schema = schema
        self._index: tantivy.Index | None = None
        self._lock = threading.Lock()
        self._last_reload = 0.0

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self.path.mkdir(parents=True, exist_ok=True)
                    self._index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        return self._index

    def searcher(self) -> tantivy.Searcher:
        now = time.monotonic()
        # Other processes commit to the same directory: pick their commits up at most once a
        # second rather than on every query.
        if now - self._last_reload > RELOAD_INTERVAL_SECONDS:
            self.index.reload()
            self._last_reload = now
        return self.index.searcher()

    def reloaded(self) -> None:
        """After a commit (ours or another process's): searches see it from now on."""
        self.index.reload()
        self._last_reload = time.monotonic()

    @contextmanager
    def _writer(self, heap: int | None = None, threads: int = 1) -> Iterator:
        """A writer committed on leaving the block (rolled back on error). Several processes
        may want the directory lock at once: retry briefly rather than fail a user's save."""
        deadline = time.monotonic() + WRITER_LOCK_WAIT_SECONDS
        while True:
            try:
                writer = self.index.writer(heap_size=heap or self.writer_heap, num_threads=threads)
                break
            except ValueError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        try:
            yield writer
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        self.reloaded()

    def clear(self) -> None:
        with self._writer() as writer:
            writer.delete_all_documents()
