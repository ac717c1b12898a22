"""Watch an inbox of case folders and audit each one once it has been quiet for a while.

Paralegals drop (or keep adding to) case folders in INBOX; a folder is audited when nothing in
it has changed for ``quiet_s`` seconds, and again after every later change. Reports go to
OUTBOX, never into INBOX. Built on watchdog, which uses inotify on Linux.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path


class InboxWatcher:
    """Tracks which case folders (direct sub-folders of the inbox) changed, and when last."""

    def __init__(self, inbox: Path, quiet_s: float):
        self.inbox, self.quiet_s = inbox.resolve(), quiet_s
        self._changed: dict[Path, float] = {}
        self._lock = threading.Lock()

    def touch(self, path: str) -> None:
        """Note a change at ``path`` (called from watchdog's thread)."""
        try:
            relative = Path(path).resolve().relative_to(self.inbox)
        except ValueError:
            return
        if not relative.parts or relative.parts[0].startswith("."):
            return
        folder = self.inbox / relative.parts[0]
        with self._lock:
            self._changed[folder] = time.monotonic()

    def quiet_folders(self) -> list[Path]:
        """Folders with no change for ``quiet_s`` seconds; each is handed out once per change."""
        now = time.monotonic()
        with self._lock:
            ready = sorted(f for f, at in self._changed.items() if now - at >= self.quiet_s)
            for folder in ready:
                del self._changed[folder]
        return [f for f in ready if f.is_dir()]


def watch(inbox: Path, on_quiet: Callable[[Path], None], *, quiet_s: float = 5.0,
          stop: threading.Event | None = None, poll_s: float = 0.5) -> None:
    """Call ``on_quiet(folder)`` for each existing folder, then for each one that changes."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    watcher = InboxWatcher(inbox, quiet_s)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            watcher.touch(event.src_path)
            if getattr(event, "dest_path", ""):
                watcher.touch(event.dest_path)

    for child in inbox.iterdir():  # folders already waiting when the watch starts
        if child.is_dir():
            watcher.touch(str(child))
    observer = Observer()
    observer.schedule(Handler(), str(inbox), recursive=True)
    observer.start()
    stop = stop or threading.Event()
    try:
        while not stop.wait(poll_s):
            for folder in watcher.quiet_folders():
                on_quiet(folder)
    finally:
        observer.stop()
        observer.join()
