"""The bundled example games as a library module (:mod:`exactbargain.examples`)."""

from __future__ import annotations

import pytest

from exactbargain import Game, examples
from exactbargain.cli import EXAMPLES
from exactbargain.errors import ExactBargainError
from exactbargain.formats import read_game

from conftest import EXAMPLES as FOLDER


def test_names_are_every_bundled_file_once_in_story_order():
    assert sorted(examples.names()) == sorted(p.stem for p in FOLDER.glob("*.nfg"))
    assert len(set(examples.names())) == len(examples.names()) == 13
    assert examples.names()[:2] == ("prisoners_dilemma", "chicken")
    assert EXAMPLES == tuple(f"{name}.nfg" for name in examples.names())


@pytest.mark.parametrize("name", examples.names())
def test_load_reads_the_file_that_path_names(name):
    game = examples.load(name)
    assert isinstance(game, Game)
    assert examples.path(name) == examples.path(f"{name}.nfg")
    assert examples.path(name).read_bytes() == (FOLDER / f"{name}.nfg").read_bytes()
    assert game == read_game(FOLDER / f"{name}.nfg") == examples.load(f"{name}.nfg")


def test_chicken_is_aumanns():
    chicken = examples.load("chicken")
    assert chicken.title == "Chicken (Aumann)"
    assert chicken.matrix(0) == [[0, 7], [2, 6]]
    assert chicken.W == 12


@pytest.mark.parametrize("bad", ["ultimatum", "chicken.json", "", "examples/chicken.nfg", "../chicken", None, 3])
def test_an_unknown_name_is_refused_with_the_list_of_names(bad):
    for function in (examples.path, examples.load):
        with pytest.raises(ExactBargainError, match=r"no bundled example named .*; the examples are "
                                                    r"prisoners_dilemma, chicken, .*, public_goods3_unequal$"):
            function(bad)


def test_cli_example_path_still_works_and_says_it_is_deprecated():
    from exactbargain.cli import example_path

    with pytest.warns(DeprecationWarning, match="exactbargain.examples.path"):
        path = example_path("chicken.nfg")
    assert path == examples.path("chicken")
    with pytest.warns(DeprecationWarning), pytest.raises(ExactBargainError, match="the examples are"):
        example_path("nothing.nfg")
