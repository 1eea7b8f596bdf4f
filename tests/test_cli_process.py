"""The command line as a process: internal errors (exit 3) and a reader that goes away (exit 141)."""

import subprocess
import sys
from pathlib import Path

import pytest

import exactbargain.cli as cli
import exactbargain.equilibria.correlated as correlated
from exactbargain import Game, minimax
from exactbargain.errors import ExactBargainError, LPError, SolverError
from exactbargain.lp import LP, solve

from conftest import EXAMPLES as EXAMPLE_DIR

minimax_module = sys.modules["exactbargain.equilibria.minimax"]  # the package rebinds the name
ROOT = Path(__file__).resolve().parent.parent
CHICKEN = str(EXAMPLE_DIR / "chicken.nfg")
INTERNAL = "(this is a bug; please report it with the input that caused it)"


def _infeasible(lp, method="auto"):
    """A solver that wrongly reports an LP over a non-empty polytope as infeasible."""
    infeasible = LP.from_matrix([[1]], "<=", [-1], [1]).data
    return solve(infeasible)


def test_solver_error_is_an_lp_error_and_exported():
    import exactbargain

    assert exactbargain.SolverError is SolverError
    assert issubclass(SolverError, LPError) and issubclass(SolverError, ExactBargainError)


def test_a_failing_lp_inside_minimax_raises_solver_error(monkeypatch):
    monkeypatch.setattr(minimax_module, "solve", _infeasible)
    with pytest.raises(SolverError, match="the zero-sum LP came back infeasible"):
        minimax([[1, -1], [-1, 1]])


def test_a_failing_lp_over_the_ce_polytope_raises_solver_error(monkeypatch):
    monkeypatch.setattr(correlated, "solve", _infeasible)
    game = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    with pytest.raises(SolverError, match="CE polytope"):
        correlated.CorrelatedEquilibria(game).max_welfare()


def test_cli_reports_a_solver_error_in_one_line_with_exit_3(monkeypatch, capsys):
    monkeypatch.setattr(correlated, "solve", _infeasible)
    code = cli.main(["equilibria", CHICKEN])
    out, err = capsys.readouterr()
    assert code == 3
    assert err == ("exactbargain: internal error: an LP over the CE polytope (non-empty and bounded) came back "
                   f"infeasible {INTERNAL}\n")
    assert "Traceback" not in out + err


def test_cli_finds_a_solver_error_behind_a_rewrapped_one(monkeypatch, capsys):
    # commands turn ValueErrors into one-line errors with `raise ... from None`; the internal
    # error behind it still decides the exit status
    def run(args):
        try:
            raise SolverError("the simplex cycled\non a degenerate basis")
        except ValueError as exc:
            raise ExactBargainError(str(exc)) from None

    monkeypatch.setattr(cli, "_cmd_show", run)
    code = cli.main(["show", CHICKEN])
    _, err = capsys.readouterr()
    assert code == 3
    assert err == f"exactbargain: internal error: the simplex cycled on a degenerate basis {INTERNAL}\n"


def test_cli_keeps_exit_2_for_bad_input(capsys):
    code = cli.main(["show", str(EXAMPLE_DIR / "no_such_game.nfg")])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("exactbargain: error: ")


@pytest.mark.parametrize("argv", [
    ["solve", CHICKEN, "--rule", "all", "--json"],
    ["show", CHICKEN],
])
def test_a_reader_that_goes_away_ends_the_command_quietly(argv):
    # the read end is closed before the command has written anything, so every write fails
    process = subprocess.Popen([sys.executable, "-m", "exactbargain", *argv], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert err == b""


def test_a_reader_that_stops_early_sees_the_start_of_the_output():
    full = subprocess.run([sys.executable, "-m", "exactbargain", "solve", CHICKEN, "--rule", "all", "--json"],
                          cwd=ROOT, capture_output=True, check=True).stdout
    assert len(full) > 600
    pipeline = subprocess.run(
        f"{sys.executable} -m exactbargain solve {CHICKEN} --rule all --json | head -c 600",
        shell=True, cwd=ROOT, capture_output=True)
    assert pipeline.stdout == full[:600]
    assert pipeline.stderr == b""
