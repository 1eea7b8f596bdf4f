"""Sweeps on every engine give the same results, survive interruptions, and speak one line on bad input."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exactbargain.cli import main
from exactbargain.sweep import GameClass, Study, run_study
from exactbargain.sweep.execute import MissingExtra, execute
from exactbargain.sweep.run import sweep, verify
from exactbargain.sweep.store import StoreError

ROOT = Path(__file__).resolve().parents[1]
STUDY = Study(GameClass(2, (1, 2), -1, 1), ("fallback[welfare]", "fallback[dictator-2]"), ("monotonicity",),
              unit_size=150)


def _have(module):
    try:
        __import__(module)
    except ImportError:
        return False
    return True


needs_pyarrow = pytest.mark.skipif(not _have("pyarrow"), reason="pyarrow (the sweep extra) is not installed")
needs_dask = pytest.mark.skipif(not _have("dask.distributed"), reason="dask.distributed (the sweep extra) is not installed")


def _core(summary):
    timing = ("seconds", "unit_seconds", "cpu_seconds", "throughput", "command", "resumed_units", "witnesses",
              "solver_calls")
    def drop_files(part):  # where the witness files are depends on --out
        return {k: ({r: {x: y for x, y in w.items() if x != "before_file"} for r, w in v.items()}
                    if k == "witness_instances" else v) for k, v in part.items() if k != "witnesses"}

    out = drop_files({k: v for k, v in summary.items() if k not in timing})
    if "by_axiom" in out:
        out["by_axiom"] = {a: drop_files(part) for a, part in out["by_axiom"].items()}
    return out


@pytest.mark.slow
def test_the_process_pool_gives_the_serial_results():
    serial = run_study(STUDY)
    pooled = sweep(STUDY, workers=2)
    assert _core(pooled) == _core({**serial, **{k: pooled[k] for k in ("units", "version")}})
    assert serial["violations"] == {"fallback[welfare]": 220, "fallback[dictator-2]": 270}


@pytest.mark.slow
@needs_pyarrow
def test_out_dir_resumes_refuses_another_study_and_verifies(tmp_path):
    out = tmp_path / "run"
    first = sweep(STUDY, out=out, workers=1)
    files = sorted((out / "units").glob("*.parquet"))
    assert len(files) == len(STUDY.units()) and first["resumed_units"] == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["violations"] == first["violations"]
    assert Path(summary["witnesses"]["fallback[welfare]"]).read_text().startswith("NFG 1 R")
    # lose two units: the rerun computes just those and gives the same summary
    files[0].unlink()
    files[3].unlink()
    again = sweep(STUDY, out=out, workers=1)
    assert again["resumed_units"] == len(files) - 2 and _core(again) == _core(first)
    # the rows of a unit are the same when recomputed
    chosen, problems = verify(out, 4, seed=1)
    assert len(chosen) == 4 and problems == []
    other = Study(GameClass(2, (1, 2), -1, 1), ("fallback[welfare]",), ("monotonicity",), unit_size=150)
    with pytest.raises(StoreError, match="different study.*rules"):
        sweep(other, out=out)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("")
    with pytest.raises(StoreError, match="not empty"):
        sweep(STUDY, out=tmp_path / "full")


@pytest.mark.slow
@needs_pyarrow
def test_verify_finds_a_tampered_unit(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "run"
    sweep(STUDY, out=out, workers=1)
    victim = sorted((out / "units").glob("*.parquet"))[0]
    table = pq.read_table(victim)
    rows = table.to_pylist()
    assert rows, "the first unit has violations"
    rows[0]["value_after"] = "1/3"
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), victim)
    chosen, problems = verify(out, 100)
    assert 0 in chosen and problems == ["unit 0: rows differ"]


@needs_pyarrow
def test_a_killed_run_leaves_whole_units_and_resumes(tmp_path):
    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "exactbargain", "sweep", "--shape", "2x2", "--payoffs", "0:1", "--axiom",
           "monotonicity", "--rules", "fallback[nash]", "--unit-size", "100", "--workers", "1", "--out", str(out)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "units").glob("*.parquet"))) < 2:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = sorted((out / "units").glob("*.parquet"))
    assert 2 <= len(written) < 41 and not (out / "summary.json").exists()
    if _have("pyarrow"):
        import pyarrow.parquet as pq

        for f in written:  # a unit file is whole or absent
            assert pq.read_table(f).schema.metadata[b"exactbargain.unit"]
    done = subprocess.run(cmd + ["--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["resumed_units"] == len(written) and summary["violations"] == {"fallback[nash]": 68}


@pytest.mark.slow
@needs_dask
def test_a_dask_local_cluster_gives_the_pool_results(tmp_path):
    pooled = sweep(STUDY, workers=2)
    dasked = sweep(STUDY, scheduler="local:2")
    assert _core(dasked) == _core(pooled)
    if _have("pyarrow"):
        import pyarrow.parquet as pq

        a, b = tmp_path / "a", tmp_path / "b"
        sweep(STUDY, out=a, workers=2)
        sweep(STUDY, out=b, scheduler="local:2")
        for fa in sorted((a / "units").glob("*.parquet")):
            assert pq.read_table(fa).to_pylist() == pq.read_table(b / "units" / fa.name).to_pylist()


def test_missing_dask_is_one_line_naming_the_extra(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(MissingExtra, match=r"exactbargain\[sweep\]"):
        list(execute(STUDY, STUDY.units(), "local:2"))
    assert main(["sweep", "--shape", "1x1", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'exactbargain[sweep]'" in err


def test_missing_pyarrow_is_one_line_naming_the_extra(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert main(["sweep", "--shape", "1x1", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out needs pyarrow" in err


@pytest.mark.parametrize("argv, message", [
    (["--shape", "2y2"], "a shape is action counts"),
    (["--shape", "2x2", "--payoffs", "1:0"], "is empty"),
    (["--shape", "2x2", "--payoffs", "a"], "integer range"),
    (["--shape", "2x2", "--players", "3"], "has 2 players"),
    (["--shape", "2x2", "--rules", "shapley"], "unknown rule"),
    (["--shape", "2x2", "--sample", "0"], "at least one game"),
    (["--shape", "2x2", "--sample", "3", "--exhaustive"], "exclude each other"),
    (["--shape", "4x4", "--payoffs", "-2:2"], "more than 10^9"),
    (["--shape", "2x2", "--scheduler", "local:x"], "positive number of workers"),
    (["--shape", "2x2", "--scheduler", "yarn"], "Dask address"),
    (["--shape", "2x2", "--workers", "0"], "--workers must be >= 1"),
    (["--payoffs", "0:1"], "--shape is required"),
])
def test_bad_options_are_one_line_and_exit_2(argv, message, capsys):
    assert main(["sweep", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("exactbargain: error: ")


def test_json_summary_contract(capsys):
    code = main(["sweep", "--shape", "2x2", "--payoffs", "0:1", "--axiom", "monotonicity", "--rules", "coco",
                 "fallback[dictator-1]", "fallback[dictator-2]", "--workers", "1", "--json"])
    assert code == 0
    s = json.loads(capsys.readouterr().out)
    assert s["class"] == {"players": 2, "shape": [2, 2], "payoffs": ["0", "1"]}
    assert (s["games"], s["canonical_games"], s["instances"]) == (256, 43, 8192)
    assert s["violations"] == {"coco": 0, "fallback[dictator-1]": 34, "fallback[dictator-2]": 34}
    assert s["violations_by_player"]["fallback[dictator-1]"] == [0, 34]
    assert isinstance(s["exact_solves"], int) and 0 < s["exact_solves"] < 8192
    assert isinstance(s["seconds"], float)
    assert set(s["witnesses"]) == {"fallback[dictator-1]", "fallback[dictator-2]"}


def test_negative_payoff_ranges_are_values_and_the_table_renders(capsys):
    assert main(["sweep", "--shape", "1x1", "--payoffs", "-1:1", "--axiom", "monotonicity", "--rules", "coco",
                 "--workers", "1", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| coco" in out and "9 games (6 canonical), 162 instances" in out


def _descendants(pid):
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            out.append(int(child))
            out += _descendants(int(child))
    return out


@pytest.mark.slow
@needs_pyarrow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the worker processes")
def test_a_worker_killed_mid_unit_loses_no_finished_unit(tmp_path):
    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "exactbargain", "sweep", "--shape", "2x2", "--payoffs", "0:1", "--axiom",
           "monotonicity", "--rules", "fallback[nash]", "--unit-size", "100", "--workers", "2", "--out", str(out)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "units").glob("*.parquet"))) < 1:
        time.sleep(0.1)
    children = _descendants(proc.pid)
    workers = [p for p in children if any(p in _descendants(c) for c in children)]  # the forkserver's children
    assert workers, "the pool's worker processes were not found"
    os.kill(workers[-1], signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    # the pool notices the death: one line, finished units kept
    assert proc.returncode == 2 and err.count("\n") == 1 and "worker process died" in err, err
    kept = sorted((out / "units").glob("*.parquet"))
    assert kept
    done = subprocess.run(cmd + ["--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["violations"] == {"fallback[nash]": 68}


@pytest.mark.skipif(not _have("matplotlib"), reason="matplotlib (the plot extra) is not installed")
def test_plot_draws_the_violation_rates(tmp_path, capsys):
    out = tmp_path / "rates.png"
    assert main(["sweep", "--shape", "1x2", "--payoffs", "0:1", "--axiom", "monotonicity", "--rules", "coco",
                 "fallback", "--workers", "1", "--plot", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["sweep", "--shape", "1x2", "--plot", str(tmp_path / "x.png")]) == 2
    assert "needs --axiom" in capsys.readouterr().err


@pytest.mark.slow
@needs_dask
@needs_pyarrow
def test_a_lost_dask_worker_loses_no_unit_and_leaves_no_partial_one(tmp_path):
    """A real LocalCluster (worker processes, loopback); one worker process is killed while
    units run. The scheduler recomputes what it held, and the run ends with every unit whole
    and the results of an undisturbed run."""
    import threading

    from dask.distributed import Client, LocalCluster

    study = Study(GameClass(2, (2, 2), 0, 1), ("fallback[nash]",), ("monotonicity",), unit_size=100)
    out = tmp_path / "run"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)
        box = {}
        runner = threading.Thread(target=lambda: box.setdefault("summary", sweep(study, out=out,
                                                                                  scheduler=cluster.scheduler_address)))
        runner.start()
        deadline = time.time() + 120
        while time.time() < deadline and not list((out / "units").glob("*.parquet")):
            time.sleep(0.05)
        written_before = len(list((out / "units").glob("*.parquet")))
        os.kill(sorted(pids.values())[-1], signal.SIGKILL)
        runner.join(timeout=600)
    assert not runner.is_alive() and 1 <= written_before < len(study.units())
    files = sorted((out / "units").glob("*"))
    assert [f.name for f in files] == [f"unit-{u.id:06d}.parquet" for u in study.units()]  # no partial file
    assert box["summary"]["violations"] == {"fallback[nash]": 68}
    assert _core(box["summary"]) == _core(sweep(study, workers=1))
    assert verify(out, 3)[1] == []


@needs_pyarrow
def test_a_resumed_study_counts_the_instances_of_its_finished_units(tmp_path):
    # the instances of a study checked game by game are counted by its units: a unit read
    # back from DIR must bring its count (it used to come back as 0)
    study = Study(GameClass(2, (1, 2), 0, 1), ("coco",), ("uniform-curse",), unit_size=5)
    first = sweep(study, out=tmp_path / "run", workers=1)
    again = sweep(study, out=tmp_path / "run", workers=1)
    assert again["resumed_units"] == len(study.units()) and first["instances"] == again["instances"] == 48
    assert again["violations_by_player"] == {"coco": [16, 22]}


@needs_pyarrow
def test_several_axioms_write_one_dataset_and_one_json_summary(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["sweep", "--shape", "1x2", "--payoffs", "0:1", "--axiom", "monotonicity", "uniform-curse",
                 "--rules", "coco", "fallback", "--workers", "1", "--out", str(out), "--json"])
    assert code == 0
    s = json.loads(capsys.readouterr().out)
    # the contract's keys keep their shapes; the per-axiom counts are added
    assert s["class"] == {"players": 2, "shape": [1, 2], "payoffs": ["0", "1"]}
    assert (s["games"], s["instances"]) == (16, 320 + 48)
    assert s["violations"] == {"coco": 38, "fallback[welfare]": 6}
    assert s["violations_by_player"] == {"coco": [16, 22], "fallback[welfare]": [6, 0]}
    assert {a: p["instances"] for a, p in s["by_axiom"].items()} == {"monotonicity": 320, "uniform-curse": 48}
    assert s["by_axiom"]["uniform-curse"]["violations"] == {"coco": 38, "fallback[welfare]": 0}
    assert set(s["witnesses"]) == {"coco", "fallback[welfare]"}
    assert s["witnesses"]["coco"] == str(out / "witnesses" / "uniform-curse" / "coco.after.nfg")
    assert Path(s["witnesses"]["fallback[welfare]"]).read_text().startswith("NFG 1 R")
    rows = [r for f in sorted((out / "units").glob("*.parquet")) for r in _rows(f)]
    assert {r["axiom"] for r in rows} == {"monotonicity", "uniform-curse"}
    assert main(["sweep", "--verify", str(out), "--units", "50"]) == 0


def _rows(path):
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_the_table_lists_every_rule_and_axiom(capsys):
    assert main(["sweep", "--shape", "1x2", "--payoffs", "0:1", "--axiom", "monotonicity", "uniform-curse",
                 "--rules", "coco", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "monotonicity (320 instances), uniform-curse (48 instances) over 16" in out
    assert [line.split()[:3] for line in out.splitlines() if line.startswith("coco")] == [
        ["coco", "monotonicity", "0"], ["coco", "uniform-curse", "38"]]
