"""Nothing lost, nothing touched, nothing leaked (SPEC §1: input files are never modified or
written next to; no network access, ever; documents hold personal data).

- every input file and folder keeps its bytes, mode, mtime and size, and nothing is added to the
  case folder, after audits of good, bad and hostile folders in every output format;
- no connection is attempted, in prcheck's process or in its workers;
- the cache and the history go only to the user's cache and data directories, private to the
  user, and ``--no-cache`` writes nothing at all but the report.
"""
import hashlib
import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.gen import hostile

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
FORMATS = ("text", "json", "markdown", "html", "csv", "sarif", "junit")
# The Flate bomb must be stopped quickly and within the memory of a CI machine.
HOSTILE_POLICY = "[policy]\ndocument_memory_mb = 512\ndocument_timeout_s = 30\n"


def snapshot(folder: Path) -> dict[str, tuple]:
    """Each file's content hash, mode, mtime and size, and each folder's mode and mtime (a file
    created and deleted again still changes its folder's mtime). Access times may change."""
    state: dict[str, tuple] = {}
    for directory, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(directory, name)
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(st.st_mode) else None
            state[path.relative_to(folder).as_posix()] = (digest, st.st_mode, st.st_mtime_ns, st.st_size)
    st = folder.lstat()
    state["."] = (None, st.st_mode, st.st_mtime_ns, None)
    return state


def files_under(folder: Path) -> dict[str, int]:
    """Every file below ``folder`` and its permission bits."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mode & 0o777 for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def user(tmp_path) -> dict[str, Path]:
    """A private home for one prcheck run: HOME, the XDG directories, TMPDIR and a working directory."""
    places = {name: tmp_path / name for name in ("home", "cache", "data", "config", "tmp", "cwd", "out")}
    for place in places.values():
        place.mkdir()
    return places


def prcheck(user: dict[str, Path], *args, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(user["home"]), "XDG_CACHE_HOME": str(user["cache"]),
           "XDG_DATA_HOME": str(user["data"]), "XDG_CONFIG_HOME": str(user["config"]), "TMPDIR": str(user["tmp"]),
           "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "validator", *map(str, args)], capture_output=True, text=True,
                          cwd=user["cwd"], env=env, timeout=180, **kwargs)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def case_folders(tmp_path) -> list[Path]:
    """Copies of a good case, the bad files, the broken case and the hostile corpus with its large files."""
    folders = []
    for source in (FIXTURES / "cases" / "sample", FIXTURES / "bad", FIXTURES / "cases" / "broken",
                   FIXTURES / "hostile"):
        folders.append(tmp_path / "cases" / source.name)
        shutil.copytree(source, folders[-1])
    hostile.write_large_files(folders[-1])
    return folders


def test_audits_leave_every_input_as_it_was(case_folders, user, tmp_path):
    config = tmp_path / "prcheck.toml"
    config.write_text(HOSTILE_POLICY)
    before = {folder: snapshot(folder) for folder in case_folders}
    for folder in case_folders:
        prcheck(user, "audit", folder, "--config", config)  # cache and history on
    broken = case_folders[2]
    for fmt in FORMATS:  # each reporter writes its file, and only that
        prcheck(user, "audit", broken, "--no-cache", "--format", fmt, "--output", user["out"] / f"report.{fmt}")
    assert {folder: snapshot(folder) for folder in case_folders} == before
    assert files_under(user["cwd"]) == {} and files_under(user["tmp"]) == {}
    assert set(files_under(user["out"])) == {f"report.{fmt}" for fmt in FORMATS}


# Run in a fresh interpreter: every way out through Python's socket module is closed and logged
# to a file, so that attempts in the workers (forked from it, so guarded too) are seen as well.
# The test process itself may not fork its workers: a thread another test left running (Dask's)
# makes isolation.py start them from a clean fork server, without the guard.
GUARDED_AUDITS = """
import os, socket, sys
log, config, folders = sys.argv[1], sys.argv[2], sys.argv[3:]

def refuse(what):
    def guard(*args, **kwargs):
        with open(log, "a") as fh:
            fh.write(f"process {os.getpid()}: {what}\\n")
        raise OSError(f"network access attempted: {what}")
    return guard

for name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, name, refuse("socket." + name))
for name in ("create_connection", "getaddrinfo", "gethostbyname"):
    setattr(socket, name, refuse(name))

from pathlib import Path
from validator.cli import cli
from validator.intake import FileEntry
from validator.isolation import Limits, read_isolated
from validator.model import Document

def tries_to_connect(entry):
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    except OSError:
        pass
    return Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size, format=entry.format)

read_isolated([FileEntry(Path("/case/a.pdf"), "a.pdf", 1, "0" * 64, "pdf")], tries_to_connect, 1, Limits())
with open(log) as fh:
    assert "create_connection" in fh.read(), "the guard does not reach the workers"
os.unlink(log)
for folder in folders:
    try:
        cli.main(["audit", folder, "--config", config, "--format", "json", "--output", os.devnull],
                 standalone_mode=False)
    except SystemExit:
        pass
"""


def test_no_connection_is_attempted_by_prcheck_or_its_workers(case_folders, user, tmp_path):
    attempts, config = tmp_path / "attempts.log", tmp_path / "prcheck.toml"
    config.write_text(HOSTILE_POLICY)
    proc = subprocess.run([sys.executable, "-c", GUARDED_AUDITS, str(attempts), str(config), *map(str, case_folders)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "HOME": str(user["home"]), "XDG_CACHE_HOME": str(user["cache"]),
                               "XDG_DATA_HOME": str(user["data"])})
    assert proc.returncode == 0, proc.stderr
    assert not attempts.exists(), attempts.read_text()


def test_cache_and_history_are_written_only_to_the_user_directories_and_privately(user):
    folder = FIXTURES / "cases" / "sample"
    report = user["out"] / "report.json"
    prcheck(user, "audit", folder, "--format", "json", "--output", report)
    prcheck(user, "audit", folder, "--format", "json", "--output", report)  # a warm run
    written = {place: files_under(path) for place, path in user.items()}
    assert {place: set(files) for place, files in written.items()} == {
        **{place: set() for place in user}, "out": {"report.json"},
        "cache": {"prcheck/documents.sqlite3"}, "data": {"prcheck/history.sqlite3"}}
    assert written["cache"]["prcheck/documents.sqlite3"] == written["data"]["prcheck/history.sqlite3"] == 0o600
    for private in (user["cache"] / "prcheck", user["data"] / "prcheck"):
        assert private.stat().st_mode & 0o077 == 0, private  # other users cannot even list it


def test_no_cache_writes_nothing_but_the_report(user):
    folder = FIXTURES / "cases" / "sample"
    prcheck(user, "audit", folder, "--no-cache")  # to stdout: nothing at all
    assert {place: files_under(path) for place, path in user.items()} == {place: {} for place in user}
    assert all(not any(path.iterdir()) for path in user.values())  # not even an empty folder
    prcheck(user, "audit", folder, "--no-cache", "--format", "html", "--output", user["out"] / "report.html")
    assert {place: set(files_under(path)) for place, path in user.items()} == {
        **{place: set() for place in user}, "out": {"report.html"}}


def _core_files_go_to_the_working_directory() -> bool:
    with open("/proc/sys/kernel/core_pattern") as fh:
        pattern = fh.read().strip()
    return not pattern.startswith("|") and "/" not in pattern


@pytest.mark.skipif(not Path("/proc/sys/kernel/core_pattern").exists() or not _core_files_go_to_the_working_directory(),
                    reason="core dumps are not written to the working directory here")
def test_a_reader_killed_by_its_memory_cap_dumps_no_core(user, tmp_path):
    """With core dumps allowed (``ulimit -c unlimited``, common on developers' machines), a worker
    aborted by pdfium would write its memory, the document's decoded data, to the working directory."""
    case = tmp_path / "bomb"
    case.mkdir()
    shutil.copy(FIXTURES / "hostile" / "flate-bomb.pdf", case)
    config = tmp_path / "prcheck.toml"
    config.write_text(HOSTILE_POLICY)

    def allow_core_dumps():  # as far as this user may: the soft limit up to the hard one
        hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))

    proc = prcheck(user, "audit", case, "--no-cache", "--config", config, "--format", "json",
                   preexec_fn=allow_core_dumps)
    assert '"FIL009"' in proc.stdout
    assert files_under(user["cwd"]) == {} and set(files_under(case)) == {"flate-bomb.pdf"}
