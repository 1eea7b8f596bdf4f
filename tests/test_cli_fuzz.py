"""Hostile inputs end cleanly: every command over mutated game files, mutated certificates and
random argument vectors exits 0, 1 or 2, an exit-2 run prints exactly one line on stderr, and
no run prints a traceback or takes unbounded time or memory.

The cases are drawn from a seeded generator, so a run is deterministic. The default profile
runs a few dozen in-process; ``--hypothesis-profile=ci`` runs ten times as many (through
``profiles.scaled``), and ``EXACTBARGAIN_FUZZ_CASES=N`` sets the count directly (a campaign).
Inputs built to exhaust memory or time run in a subprocess under a 2 GiB address-space cap
and a time bound.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exactbargain.cli import main

from conftest import CORPUS, EXAMPLES, ROOT
from profiles import scaled

#: Seconds one in-process case may take (they are all small games).
CASE_SECONDS = 60
#: Address-space cap and time bound of the subprocess cases.
MEMORY_CAP = 2 * 2**30
SUBPROCESS_SECONDS = 60

COMMANDS = ("show", "convert", "equilibria", "solve", "plot", "check", "counterexample", "verify", "demo")
AXIOMS = ("efficiency", "anonymity", "relabelling", "shift", "opponent-shift", "dominance", "monotonicity",
          "redundancy", "uniform-curse", "dominated-action", "credible-threat")
#: Tokens random argument vectors are made of.
VOCABULARY = ("--rule", "all", "coco", "fallback", "nash-fallback", "nbs", "ks", "--select", "welfare", "nash",
              "egalitarian", "dictator-1", "dictator-3", "random-dictator", "--coalitions", "two-teams",
              "team-vs-individuals", "--format", "latex", "markdown", "--json", "--explain", "--axiom", *AXIOMS,
              "--players", "--max-actions", "--payoffs", "--budget", "--seed", "--size", "--player", "--after",
              "--correlated", "--nash", "--vertices", "--pareto", "--quiet", "--limit", "players=2",
              "lp-entries=10", "file-size=none", "bogus=1", "-o", "--dpi", "--title", "--rules", "--out-dir",
              "0", "1", "2", "3", "-1", "7", "1/2", "1e400", "x", "", "\u0663", "nope.nfg", "--help", "-h")


def cases() -> int:
    """How many random cases each fuzz test runs."""
    return int(os.environ.get("EXACTBARGAIN_FUZZ_CASES", "0")) or scaled(30)


# --------------------------------------------------------------------------- mutations
def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random edits: flip a byte, truncate, insert a huge number or garbage,
    duplicate or delete a region, replace a token."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(7)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            k = rng.randrange(len(data))
            data = data[:k] + bytes([data[k] ^ (1 << rng.randrange(8))]) + data[k + 1:]
        elif kind == 1:
            data = data[:at]
        elif kind == 2:
            digits = rng.choice((20, 300, 4000))  # below Python's int-to-str limit of 4300 digits
            number = rng.choice(("", "-")) + "9" * digits + rng.choice(("", "/7", "e-9", ".5"))
            data = data[:at] + f" {number} ".encode() + data[at:]
        elif kind == 3:
            data = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
        elif kind == 4:
            end = min(len(data), at + rng.randint(1, 40))
            data = data[:at] + data[at:end] * rng.randint(2, 5) + data[end:]
        elif kind == 5:
            end = min(len(data), at + rng.randint(1, 40))
            data = data[:at] + data[end:]
        else:
            token = rng.choice((b"{", b"}", b'"', b"0", b"-1", b"1/0", b"1.5", b"nan", b"NFG 1 R", b"\n", b"\x00"))
            data = data[:at] + token + data[at:]
    return data


def mutate_certificate(doc: dict, rng: random.Random) -> dict:
    """A JSON-level edit of a certificate: a key dropped, a value of the wrong type, a path
    leaving the folder, a number that is not exact."""
    doc = json.loads(json.dumps(doc))
    key = rng.choice(sorted(doc))
    kind = rng.randrange(5)
    if kind == 0:
        del doc[key]
    elif kind == 1:
        doc[key] = rng.choice((None, 7, [1, 2], {"a": 1}, "x", True))
    elif kind == 2:
        doc[rng.choice(("before", "after"))] = rng.choice(("../before.nfg", "missing.nfg", "certificate.json"))
    elif kind == 3:
        doc["extra"] = 1
    else:
        doc[key] = "1" * rng.choice((5, 300))
    return doc


# --------------------------------------------------------------------------- running
def run(argv: list[str]) -> tuple[int, str, str, float]:
    """``main(argv)`` in-process: exit code, stdout, stderr and seconds taken. An exception
    escaping ``main`` is turned into its traceback on stderr and exit code 1 (what the
    interpreter would print), so that the checks below catch it."""
    import traceback

    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except BaseException:  # noqa: BLE001 - the defect being looked for
            traceback.print_exc(file=err)
            code = 1
    return int(code or 0), out.getvalue(), err.getvalue(), time.monotonic() - start


def problems(argv: list[str], code: int, out: str, err: str, seconds: float, bound: float = CASE_SECONDS) -> list[str]:
    """What is wrong with one run's ending (empty when it ended cleanly)."""
    found = []
    if code not in (0, 1, 2):
        found.append(f"exit code {code}")
    if "Traceback" in out or "Traceback" in err:
        found.append("a traceback: " + err.strip().splitlines()[-1] if err.strip() else "a traceback")
    if code == 2 and err.count("\n") != 1:
        found.append(f"exit 2 with {err.count(chr(10))} stderr lines: {err[:300]!r}")
    if code == 2 and not err.startswith("exactbargain: error: "):
        found.append(f"exit 2 without 'exactbargain: error:' ({err[:200]!r})")
    if seconds > bound:
        found.append(f"took {seconds:.0f} s")
    return found


def _game_argv(command: str, path: str, folder: Path, rng: random.Random) -> list[str]:
    if command == "show":
        return ["show", path]
    if command == "convert":
        return ["convert", path, str(folder / rng.choice(("out.json", "out.nfg")))]
    if command == "equilibria":
        return ["equilibria", path, *rng.sample(["--nash", "--correlated", "--json", "--pareto"], rng.randint(0, 2))]
    if command == "solve":
        rule = rng.choice(("coco", "fallback", "nbs", "ks", "all", "nash-fallback"))
        return ["solve", path, "--rule", rule, *rng.sample(["--json", "--explain"], rng.randint(0, 1))]
    if command == "plot":
        return ["plot", path, "-o", str(folder / "p.png"), "--dpi", "30"]
    return ["check", path, "--axiom", rng.choice(AXIOMS), "--rule", rng.choice(("coco", "fallback"))]


def _corpus() -> list[Path]:
    files = sorted(CORPUS.glob("*.nfg")) + sorted(EXAMPLES.glob("*.nfg"))
    # the larger games make a case slow without making it more hostile
    return [p for p in files if p.stat().st_size < 1500]


def _record(failures: list[tuple[list[str], list[str]]], argv: list[str]) -> None:
    """Run ``argv`` and keep it with its problems if it ended unclean."""
    found = problems(argv, *run(argv))
    if found:
        failures.append((argv, found))


def fuzz_games(seed: int, count: int, folder: Path) -> list[tuple[list[str], list[str]]]:
    """``count`` runs of a game command on mutated corpus files; the unclean ones with their problems."""
    rng = random.Random(seed)
    corpus = _corpus()
    failures = []
    for k in range(count):
        source = rng.choice(corpus)
        suffix = rng.choice((".nfg", ".nfg", ".json"))
        data = source.read_bytes()
        if suffix == ".json":
            run(["convert", str(source), str(folder / "src.json")])
            data = (folder / "src.json").read_bytes()
        target = folder / f"m{k}{suffix}"
        target.write_bytes(mutate(data, rng))
        command = rng.choice(("show", "convert", "equilibria", "solve", "solve", "plot", "check"))
        argv = _game_argv(command, str(target), folder, rng)
        _record(failures, argv)
    return failures


def fuzz_argv(seed: int, count: int, folder: Path) -> list[tuple[list[str], list[str]]]:
    """``count`` random argument vectors, each a command and a few tokens of :data:`VOCABULARY`."""
    rng = random.Random(seed)
    game = str(EXAMPLES / "chicken.nfg")
    failures = []
    for _ in range(count):
        command = rng.choice(COMMANDS + ("", "nocommand"))
        argv = [command] if command else []
        if command in ("show", "convert", "equilibria", "solve", "plot", "check") and rng.random() < 0.8:
            argv.append(game)
        argv += [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 5))]
        if command == "counterexample":
            argv += ["--budget", str(rng.choice((1, 5, 20)))]
        argv = [str(folder / "o.png") if a == "-o" else a for a in argv]
        _record(failures, argv)
    return failures


def fuzz_certificates(seed: int, count: int, folder: Path) -> list[tuple[list[str], list[str]]]:
    """``count`` runs of ``verify`` on a counterexample certificate with one file mutated."""
    rng = random.Random(seed)
    original = folder / "certificate"
    code, _, err, _ = run(["counterexample", "--axiom", "monotonicity", "--rule", "fallback", "--max-actions", "2",
                           "--out-dir", str(original)])
    assert code == 0, err
    failures = []
    for k in range(count):
        case = folder / f"cert{k}"
        case.mkdir()
        for path in original.iterdir():
            (case / path.name).write_bytes(path.read_bytes())
        victim = rng.choice(("certificate.json", "certificate.json", "before.nfg", "after.nfg"))
        if victim == "certificate.json" and rng.random() < 0.6:
            doc = json.loads((case / victim).read_text())
            (case / victim).write_text(json.dumps(mutate_certificate(doc, rng)))
        else:
            (case / victim).write_bytes(mutate((case / victim).read_bytes(), rng))
        argv = ["verify", str(case / "certificate.json")]
        _record(failures, argv)
    return failures


# --------------------------------------------------------------------------- tests
def _report(failures: list[tuple[list[str], list[str]]]) -> str:
    return "\n".join(f"{' '.join(argv)}: {'; '.join(found)}" for argv, found in failures[:20])


def test_mutated_game_files_end_cleanly(tmp_path):
    failures = fuzz_games(1, cases(), tmp_path)
    assert not failures, _report(failures)


def test_random_argument_vectors_end_cleanly(tmp_path):
    failures = fuzz_argv(2, cases(), tmp_path)
    assert not failures, _report(failures)


def test_mutated_certificates_end_cleanly(tmp_path):
    failures = fuzz_certificates(3, max(4, cases() // 3), tmp_path)
    assert not failures, _report(failures)


def test_the_fuzz_checks_catch_unclean_endings():
    # the checks themselves: a traceback, a usage block, an exit code outside 0..2, no time left
    assert problems([], 1, "", "Traceback (most recent call last):\n  ...\nValueError: x\n", 0)
    assert problems([], 2, "", "usage: exactbargain\nexactbargain: error: x\n", 0)
    assert problems([], 3, "", "", 0) and problems([], 0, "", "", CASE_SECONDS + 1)
    assert not problems([], 2, "", "exactbargain: error: x\n", 0)


# --------------------------------------------------------------------------- memory-capped cases
def _capped(argv: list[str], cwd: Path) -> tuple[int, str, str, float]:
    """``python -m exactbargain argv`` under the address-space cap and the time bound."""
    def cap() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "exactbargain", *argv], cwd=cwd, env=env, preexec_fn=cap,
                          capture_output=True, text=True, timeout=SUBPROCESS_SECONDS * 2)
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start


def _one_action_game(players: int) -> str:
    head = 'NFG 1 R "" { ' + " ".join(f'"P{k}"' for k in range(players)) + " } { " + " ".join("1" * players) + " }\n"
    return head + " ".join(str(k % 5) for k in range(players)) + "\n"


def _square_game(m: int) -> str:
    rng = random.Random(m)
    payoffs = " ".join(str(rng.randint(-100, 100)) for _ in range(2 * m * m))
    return f'NFG 1 R "" {{ "1" "2" }} {{ {m} {m} }}\n{payoffs}\n'


HOSTILE = [
    ("one18.nfg", lambda: _one_action_game(18), ["solve", "one18.nfg"], "players=12"),
    ("one40.nfg", lambda: _one_action_game(40), ["solve", "one40.nfg", "--rule", "coco"], "players=12"),
    ("sq120.nfg", lambda: _square_game(120), ["solve", "sq120.nfg"], "lp-entries=1000000"),
    ("sq300.nfg", lambda: _square_game(300), ["equilibria", "sq300.nfg", "--correlated"], "lp-entries"),
    (None, None, ["counterexample", "--axiom", "efficiency", "--rule", "coco", "--payoffs", "1" + "0" * 30],
     "search-values"),
    (None, None, ["counterexample", "--axiom", "efficiency", "--rule", "coco", "--players", "50"], "search-profiles"),
    (None, None, ["counterexample", "--axiom", "efficiency", "--rule", "coco", "--max-actions", "10000",
                  "--budget", "50"], "search-profiles"),
    ("zero.nfg", "/dev/zero", ["show", "zero.nfg"], "not a regular file"),
    ("urandom.json", "/dev/urandom", ["solve", "urandom.json"], "not a regular file"),
    ("g.nfg", lambda: _square_game(3), ["plot", "g.nfg", "-o", "g.png", "--dpi", "100000"], "plot-pixels"),
    ("g.nfg", lambda: _square_game(3), ["plot", "g.nfg", "-o", "g.png", "--title", "x" * 100_000], "label-length"),
]


@pytest.mark.parametrize("name,content,argv,message", HOSTILE, ids=[" ".join(h[2])[:60] for h in HOSTILE])
def test_hostile_sizes_are_refused_within_bounds(tmp_path, name, content, argv, message):
    if name is not None:
        if isinstance(content, str):
            (tmp_path / name).symlink_to(content)
        else:
            (tmp_path / name).write_text(content())
    if argv[0] == "plot":
        pytest.importorskip("matplotlib")
    code, out, err, seconds = _capped(argv, tmp_path)
    assert not problems(argv, code, out, err, seconds, SUBPROCESS_SECONDS), err
    assert code == 2 and message in err, err


def test_memory_error_is_one_line(monkeypatch, capsys):
    # the last resort: whatever runs out of memory ends in one line naming the limits
    import exactbargain.cli as cli

    def exhausted(args):
        raise MemoryError

    monkeypatch.setattr(cli, "_cmd_show", exhausted)
    monkeypatch.setattr(cli, "build_parser", _parser_with(cli, "show", exhausted))
    assert main(["show", str(EXAMPLES / "chicken.nfg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "out of memory" in err and "--limit" in err


def _parser_with(cli, command: str, run_function):
    build = cli.build_parser

    def patched():
        parser = build()
        parser._subparsers._group_actions[0].choices[command].set_defaults(run=run_function)
        return parser

    return patched
