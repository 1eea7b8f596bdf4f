"""Size limits: checked before the work, named with the option that raises them; partial
results kept; every exit-2 ending one line."""

from __future__ import annotations

import errno
import json
import os
import threading

import pytest

from exactbargain import Game, coco, fallback
from exactbargain.bargaining import compare
from exactbargain.cli import main
from exactbargain.equilibria import CorrelatedEquilibria, nash_equilibria
from exactbargain.errors import ExactBargainError, GameFormatError
from exactbargain.formats import read_game
from exactbargain.limits import DEFAULT_LIMITS, LimitError, Limits, check, parse_assignment, using
from exactbargain.search import find_counterexample

from conftest import EXAMPLES

CHICKEN = str(EXAMPLES / "chicken.nfg")
KEYS = ["rule", "select", "coalitions", "payoffs", "disagreement", "coalition_values", "verified"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> bool:
    return code == 2 and err.count("\n") == 1 and err.startswith("exactbargain: error: ")


# --------------------------------------------------------------------------- the library
def test_limits_record_and_assignments():
    assert DEFAULT_LIMITS == Limits() and Limits().lp_entries == 1_000_000
    assert parse_assignment("lp-entries=5_000_000").lp_entries == 5_000_000
    assert parse_assignment("file-size=2MiB").file_size == 2 * 2**20
    assert parse_assignment("players=NONE").players is None
    for bad in ("players", "players=-1", "players=1.5", "players=\u0663", "colour=1"):
        with pytest.raises(ExactBargainError):
            parse_assignment(bad)
    with pytest.raises(ExactBargainError, match="non-negative int"):
        Limits(players=-1)
    with using(Limits(players=3)):
        check("players", 3, "three")
        with pytest.raises(LimitError) as caught:
            check("players", 4, "four players")
    assert (caught.value.name, caught.value.needed, caught.value.limit) == ("players", 4, 3)
    assert "raise it with --limit players=4" in str(caught.value)


def test_coalition_rules_refuse_many_players_before_working():
    # 18 one-action players took 58 s and 898 MB; 40 players ended in MemoryError
    crowd = Game.from_flat([[0]] * 40, [1] * 40)
    for rule in (coco, fallback):
        with pytest.raises(LimitError, match="40-player game values its 1099511627776 coalitions.*--limit players=40"):
            rule(crowd)
    trio = Game.from_flat([[1], [2], [3]], [1, 1, 1])
    with pytest.raises(LimitError, match="limit players=2"):
        fallback(trio, limits=Limits(players=2))
    assert fallback(trio, limits=Limits(players=3)).payoffs == (1, 2, 3)


def test_correlated_lp_entries_are_bounded():
    # a 120x120 game used 840 MB for its CE LP; 300x300 ended in MemoryError
    big = Game.zero_sum([[0] * 120] * 120)
    with pytest.raises(LimitError, match="120x120 game has 3427200 entries.*lp-entries=1000000"):
        CorrelatedEquilibria(big)
    with pytest.raises(LimitError, match="lp-entries"):
        fallback(big)
    small = Game.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(LimitError, match="has 8 entries"):
        CorrelatedEquilibria(small, limits=Limits(lp_entries=7))
    assert CorrelatedEquilibria(small, limits=Limits(lp_entries=8)).max_welfare().value == 0
    three = Game.from_flat([[0] * 8] * 3, [2, 2, 2])
    with pytest.raises(LimitError, match="coalition LPs with"):
        fallback(three, limits=Limits(lp_entries=10))


def test_nash_vertex_limit_names_the_option():
    with pytest.raises(LimitError, match="--limit nash-vertices=8"):
        nash_equilibria(Game.zero_sum([[1, -1], [-1, 1]]), limit=5)
    with using(Limits(nash_vertices=5)):
        with pytest.raises(LimitError, match="limit nash-vertices=5 allows"):
            nash_equilibria(Game.zero_sum([[1, -1], [-1, 1]]))


def test_compare_keeps_the_rules_that_fit():
    # from 15x15 up, one rule's size limit made `solve --rule all` print nothing
    rows = compare(Game.zero_sum([[1, -1], [-1, 1]]), limits=Limits(nash_vertices=4))
    skipped = [(r, s) for r, s, _, sol in rows if isinstance(sol, str)]
    assert len(rows) == 15 and len(skipped) == 6 and {r for r, _ in skipped} == {"nash-fallback"}
    assert all(sol.startswith("skipped: ") and "nash-vertices" in sol for *_, sol in rows if isinstance(sol, str))
    assert [sol.payoffs for r, _, _, sol in rows if r == "coco"] == [(0, 0)]


def test_search_sizes_are_bounded():
    # --payoffs 10^30 and --players 50 ended in MemoryError, --max-actions 10000 ran past 60 s
    with pytest.raises(LimitError, match="search-values"):
        find_counterexample("efficiency", "coco", payoffs=range(-10**30, 10**30 + 1))
    with pytest.raises(LimitError, match="search-profiles"):
        find_counterexample("efficiency", "coco", players=50)
    with pytest.raises(LimitError, match="10000 actions each, 100000000 profiles"):
        find_counterexample("efficiency", "coco", max_actions=10000, budget=50)
    result = find_counterexample("efficiency", "coco", max_actions=1, payoffs=range(-20, 21), budget=3,
                                 hypothesis=False)
    assert "{-20..20}" in result.covered


# --------------------------------------------------------------------------- files
def test_devices_are_refused_without_reading(tmp_path):
    # /dev/zero or /dev/urandom as a game file read until MemoryError
    for name, device in (("zero.nfg", "/dev/zero"), ("random.json", "/dev/urandom")):
        (tmp_path / name).symlink_to(device)
        with pytest.raises(GameFormatError, match="not a regular file \\(a character device\\)"):
            read_game(tmp_path / name)


def test_files_are_read_up_to_the_limit(tmp_path):
    path = tmp_path / "g.nfg"
    path.write_text('NFG 1 R "" { "1" "2" } { 1 1 }\n1 2\n')
    size = path.stat().st_size
    with pytest.raises(LimitError, match=f"has {size} bytes, more than the limit file-size=10"):
        read_game(path, limits=Limits(file_size=10))
    assert read_game(path, limits=Limits(file_size=size)).payoff((0, 0)) == (1, 2)


def test_a_pipe_is_read_and_bounded(tmp_path):
    fifo = tmp_path / "p.nfg"
    os.mkfifo(fifo)
    text = 'NFG 1 R "" { "1" "2" } { 1 1 }\n1 2\n' + " " * 100

    def feed():
        try:
            with open(fifo, "w") as handle:
                handle.write(text)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(LimitError, match="p.nfg goes on past 50 bytes"):
        read_game(fifo, limits=Limits(file_size=50))
    writer.join()
    writer = threading.Thread(target=feed)
    writer.start()
    assert read_game(fifo).payoff((0, 0)) == (1, 2)
    writer.join()


# --------------------------------------------------------------------------- the command line
def test_cli_limit_option_raises_and_lifts(capsys):
    code, _, err = run(capsys, "equilibria", CHICKEN, "--nash", "--limit", "nash-vertices=5")
    assert one_line_error(code, err)
    assert err.endswith("more than the limit nash-vertices=5 allows; raise it with --limit nash-vertices=8\n")
    code, out, _ = run(capsys, "equilibria", CHICKEN, "--nash", "--limit", "nash-vertices=8")
    assert code == 0 and "3 extreme Nash equilibria" in out
    code, _, err = run(capsys, "show", CHICKEN, "--limit", "speed=3")
    assert one_line_error(code, err) and "unknown limit 'speed'" in err


def test_rule_all_json_marks_skipped_rules(capsys):
    code, out, _ = run(capsys, "solve", CHICKEN, "--rule", "all", "--json", "--limit", "nash-vertices=4")
    docs = json.loads(out)
    assert code == 0 and len(docs) == 15
    ran = [d for d in docs if "skipped" not in d]
    skipped = [d for d in docs if "skipped" in d]
    assert all(list(d) == KEYS and d["verified"] for d in ran)
    assert len(skipped) == 6 and all(list(d) == KEYS + ["skipped"] for d in skipped)
    assert all(d["rule"] == "nash-fallback" and d["payoffs"] is None and "nash-vertices=4" in d["skipped"]
               for d in skipped)
    assert not skipped[0]["skipped"].startswith("skipped")
    assert [d["select"] for d in skipped][:2] == ["welfare", "egalitarian"]


def test_rule_all_json_lists_rules_for_two_players_only_as_skipped(capsys):
    code, out, _ = run(capsys, "solve", str(EXAMPLES / "public_goods3.nfg"), "--rule", "all", "--json")
    docs = json.loads(out)
    assert code == 0
    assert [(d["rule"], d["skipped"]) for d in docs if d["rule"] in ("nbs", "ks")] == \
        [("nbs", "two-player games only"), ("ks", "two-player games only")]


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_rule_all_tables_show_skipped_rules(capsys, fmt):
    code, out, _ = run(capsys, "solve", CHICKEN, "--rule", "all", "--format", fmt, "--limit", "nash-vertices=4")
    assert code == 0
    assert out.count("skipped: a 2x2 game") == 6 and "coco" in out


def test_rule_all_with_nothing_runnable_is_one_line(capsys, tmp_path):
    path = tmp_path / "g.nfg"  # a game of its own: nothing about it is cached from other tests
    path.write_text('NFG 1 R "" { "1" "2" } { 2 2 }\n5 -3 1 9 -7 2 4 11\n')
    code, _, err = run(capsys, "solve", str(path), "--rule", "all", "--limit", "lp-entries=2",
                       "--limit", "nash-vertices=1")
    assert one_line_error(code, err) and "no rule could run" in err


def test_equilibria_keeps_the_part_that_ran(capsys):
    # the correlated part used to be computed and then discarded when the Nash part failed
    code, out, _ = run(capsys, "equilibria", CHICKEN, "--json", "--limit", "nash-vertices=5")
    doc = json.loads(out)
    assert code == 0 and doc["correlated"]["max_welfare"] == "21/2" and "nash" not in doc
    assert list(doc["skipped"]) == ["nash"] and "nash-vertices=8" in doc["skipped"]["nash"]
    code, out, _ = run(capsys, "equilibria", CHICKEN, "--limit", "lp-entries=3")
    assert code == 0 and out.startswith("Correlated equilibria: skipped: the correlated-equilibrium LP")
    assert "3 extreme Nash equilibria" in out
    code, _, err = run(capsys, "equilibria", CHICKEN, "--limit", "lp-entries=3", "--limit", "nash-vertices=3")
    assert one_line_error(code, err)


def test_cli_sizes_from_the_report_end_in_one_line(capsys, tmp_path):
    crowd = tmp_path / "crowd.nfg"
    crowd.write_text('NFG 1 R "" { ' + '"P" ' * 0 + " ".join(f'"P{k}"' for k in range(18)) + " } { "
                     + "1 " * 18 + "}\n" + "0 " * 18 + "\n")
    cases = [
        (["solve", str(crowd)], "--limit players=18"),
        (["counterexample", "--axiom", "efficiency", "--rule", "coco", "--payoffs", str(10**30)], "search-values"),
        (["counterexample", "--axiom", "monotonicity", "--rule", "coco", "--budget", "9" * 5000], "search-budget"),
        (["counterexample", "--axiom", "efficiency", "--rule", "coco", "--players", "50"], "search-profiles"),
        (["counterexample", "--axiom", "efficiency", "--rule", "coco", "--max-actions", "10000", "--budget", "50"],
         "search-profiles"),
        (["plot", CHICKEN, "-o", str(tmp_path / "p.png"), "--dpi", "100000"], "--limit plot-pixels="),
        (["plot", CHICKEN, "-o", str(tmp_path / "p.png"), "--title", "x" * 100_000], "--limit label-length=100000"),
    ]
    for argv, message in cases:
        code, _, err = run(capsys, *argv)
        assert one_line_error(code, err) and message in err, (argv, err)
    assert not (tmp_path / "p.png").exists()


@pytest.mark.parametrize("argv,start", [
    ([], "the following arguments are required: COMMAND (see exactbargain --help)"),
    (["nocommand"], "argument COMMAND: invalid choice: 'nocommand'"),
    (["solve", CHICKEN, "--rule", "best"], "argument --rule: invalid choice: 'best'"),
    (["solve", CHICKEN, "--coalitions", "teams"], "argument --coalitions: invalid choice: 'teams'"),
    (["check", CHICKEN, "--axiom", "fairness", "--rule", "coco"], "argument --axiom: invalid choice: 'fairness'"),
    (["solve", CHICKEN, "--bogus"], "unrecognized arguments: --bogus (see exactbargain solve --help)"),
    (["plot", CHICKEN], "the following arguments are required: -o/--output (see exactbargain plot --help)"),
    (["plot", CHICKEN, "-o", "x.png", "--dpi", "high"], "argument --dpi: 'high' is not an integer"),
    (["counterexample"], "the following arguments are required: --axiom, --rule"),
])
def test_usage_errors_are_one_line(capsys, argv, start):
    code, out, err = run(capsys, *argv)
    assert one_line_error(code, err) and out == "", err
    assert err.startswith("exactbargain: error: " + start), err


def test_help_is_still_full(capsys):
    with pytest.raises(SystemExit) as done:
        main(["solve", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: exactbargain solve") and "--limit NAME=VALUE" in out and out.count("\n") > 10


def test_io_errors_name_the_file(capsys, monkeypatch):
    # `: Input/output error` named no file
    import exactbargain.formats as formats

    def failing(path, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(formats, "read_game", failing)
    code, _, err = run(capsys, "show", CHICKEN)
    assert one_line_error(code, err) and err == f"exactbargain: error: Input/output error (while working on {CHICKEN})\n"
    code, _, err = run(capsys, "show", "no/such/game.nfg")
    monkeypatch.undo()
    code, _, err = run(capsys, "show", "no/such/game.nfg")
    assert err == "exactbargain: error: no/such/game.nfg: No such file or directory\n"


def test_messages_quoting_line_breaks_stay_one_line(capsys, tmp_path):
    # a file whose error message quotes text with a line break printed two lines
    path = tmp_path / "g.nfg"
    path.write_text('NFG 1 R "" { "1" "2" } { 2 2 }\n\n{ { "" 1, 2 }\n{ "" " 3, 4 }\n{ "\n" } }\n1 2 3 4\n')
    code, _, err = run(capsys, "show", str(path))
    assert one_line_error(code, err) and "\\n" in err, err
