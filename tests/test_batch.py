"""prcheck batch: every case under a root, locally and on a Dask cluster, with identical results."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from validator.batch import discover

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"


def prcheck(*args):
    return subprocess.run([sys.executable, "-m", "validator", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=300)


@pytest.fixture()
def root(tmp_path):
    root = tmp_path / "firm"
    for name in ("clean", "sample", "broken"):
        shutil.copytree(CASES / name, root / "cases" / name)
    invalid = root / "cases" / "bad-case-file"
    invalid.mkdir()
    (invalid / "case.toml").write_text('[case]\nprogram = "XYZ"\n')
    # a client folder with no case.toml yet is still a case (a direct sub-folder of the root)
    shutil.copytree(CASES / "clean" / "work", root / "newcomer")
    return root


def reports(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text())
        data.pop("history", None)
        out[path.name] = data
    return out


def test_discover_finds_case_files_and_bare_sub_folders(root):
    names = [p.relative_to(root).as_posix() for p in discover(root)]
    assert names == ["cases/bad-case-file", "cases/broken", "cases/clean", "cases/sample", "newcomer"]


def test_batch_writes_one_report_per_case_and_a_summary(root, tmp_path):
    out = tmp_path / "reports"
    proc = prcheck("batch", root, "--output-dir", out, "--no-cache", "--jobs", "2")
    assert proc.returncode == 2  # the invalid case file, as `audit` would exit
    assert sorted(p.name for p in out.iterdir()) == ["cases__broken.json", "cases__clean.json",
                                                     "cases__sample.json", "newcomer.json"]
    rows = {line.split("│")[1].strip(): line for line in proc.stdout.splitlines() if line.startswith("│")}
    assert "READY" in rows["cases/clean"] and "NOT READY" in rows["cases/sample"]
    assert "NOT AUDITED" in rows["cases/bad-case-file"] and "case.program" in rows["cases/bad-case-file"]
    single = json.loads(prcheck("audit", root / "cases" / "sample", "--format", "json", "--no-cache").stdout)
    single.pop("history", None)
    assert reports(out)["cases__sample.json"] == single


def test_batch_exit_code_follows_fail_on(root, tmp_path):
    shutil.rmtree(root / "cases" / "bad-case-file")
    assert prcheck("batch", root, "--output-dir", tmp_path / "r1", "--no-cache").returncode == 1
    assert prcheck("batch", root, "--output-dir", tmp_path / "r2", "--no-cache", "--fail-on", "never").returncode == 0


def test_reports_are_never_written_inside_the_case_tree(root):
    proc = prcheck("batch", root, "--output-dir", root / "reports")
    assert proc.returncode == 2 and "inside the case tree" in proc.stderr


def test_each_case_is_read_under_its_own_policys_limits(root, tmp_path):
    """A case whose prcheck.toml refuses every PDF (max_pages = 0) next to cases with the default."""
    (root / "cases" / "clean" / "prcheck.toml").write_text("[policy]\nmax_pages = 0\n")
    out = tmp_path / "reports"
    prcheck("batch", root, "--output-dir", out, "--no-cache", "--jobs", "2")
    batch = reports(out)
    assert any(f["code"] == "FIL009" for f in batch["cases__clean.json"]["findings"])
    for name in ("clean", "sample"):
        single = json.loads(prcheck("audit", root / "cases" / name, "--format", "json", "--no-cache").stdout)
        single.pop("history", None)
        assert batch[f"cases__{name}.json"] == single


def test_one_job_and_two_jobs_give_the_same_reports(root, tmp_path):
    prcheck("batch", root, "--output-dir", tmp_path / "one", "--no-cache", "--jobs", "1")
    prcheck("batch", root, "--output-dir", tmp_path / "two", "--no-cache", "--jobs", "2")
    assert reports(tmp_path / "one") == reports(tmp_path / "two") != {}


# The cluster runs in a process of its own: its threads must not live on in the test process,
# whose audits fork their worker processes.
CLUSTER = """
import sys
from dask.distributed import LocalCluster
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()  # until the test closes our stdin
"""


def batch_on_a_cluster(root: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    cluster = subprocess.Popen([sys.executable, "-c", CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env={**os.environ, **(env or {})})
    try:
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://127.0.0.1:")
        return prcheck("batch", root, "--output-dir", out, "--no-cache", "--executor", "dask", "--scheduler", address)
    finally:
        cluster.stdin.close()
        cluster.wait(timeout=60)


def test_dask_executor_matches_the_local_one(root, tmp_path):
    pytest.importorskip("dask.distributed")
    prcheck("batch", root, "--output-dir", tmp_path / "local", "--no-cache")
    proc = batch_on_a_cluster(root, tmp_path / "dask")
    assert proc.returncode == 2, proc.stderr
    assert reports(tmp_path / "dask") == reports(tmp_path / "local") != {}


def test_non_daemonic_dask_workers_read_under_the_limits(root, tmp_path):
    """Workers started with distributed.worker.daemon = false read each document in a child
    process, under the policy's limits: with no time at all, every document is FIL009."""
    pytest.importorskip("dask.distributed")
    (root / "cases" / "clean" / "prcheck.toml").write_text("[policy]\ndocument_timeout_s = 0\n")
    batch_on_a_cluster(root, tmp_path / "dask", {"DASK_DISTRIBUTED__WORKER__DAEMON": "False"})
    findings = reports(tmp_path / "dask")["cases__clean.json"]["findings"]
    assert any(f["code"] == "FIL009" and "longer than 0 s" in f["message"] for f in findings)
