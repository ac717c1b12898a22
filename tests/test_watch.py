"""prcheck watch: a folder dropped into the inbox is audited once quiet; nothing is written there."""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from validator.watch import InboxWatcher

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"


def test_watcher_hands_out_a_folder_once_per_quiet_period(tmp_path):
    (tmp_path / "a").mkdir()
    watcher = InboxWatcher(tmp_path, quiet_s=0.2)
    watcher.touch(str(tmp_path / "a" / "letter.pdf"))
    watcher.touch(str(tmp_path / ".hidden" / "x"))
    assert watcher.quiet_folders() == []
    time.sleep(0.3)
    assert watcher.quiet_folders() == [tmp_path / "a"]
    assert watcher.quiet_folders() == []


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def test_a_dropped_case_folder_gets_html_and_json_reports(tmp_path):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "validator", "watch", str(inbox), "--output-dir", str(outbox),
                             "--quiet-seconds", "1", "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "NO_COLOR": "1"})
    try:
        time.sleep(1.5)
        shutil.copytree(CASES / "sample", inbox / "sharma")
        before = digest(inbox)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (outbox / "sharma.json").exists():
            time.sleep(0.2)
        time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert sorted(p.name for p in outbox.iterdir()) == ["sharma.html", "sharma.json"]
    assert "sharma: " in out and "NOT READY" in out and "Traceback" not in err
    assert digest(inbox) == before and sorted(p.name for p in inbox.iterdir()) == ["sharma"]
