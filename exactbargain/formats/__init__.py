"""Reading and writing games: Gambit's ``.nfg`` files and exactbargain's JSON documents.

* :func:`read_nfg`, :func:`parse_nfg`, :func:`write_nfg` -- Gambit's strategic-form format,
  both the payoff and the outcome version (:mod:`exactbargain.formats.nfg`);
* :func:`read_json`, :func:`parse_json`, :func:`write_json` -- exactbargain's JSON
  documents (:mod:`exactbargain.formats.jsonfmt`, which documents the schema);
* :func:`read_game`, :func:`write_game` -- either, chosen by the file's extension.

Malformed input raises :class:`~exactbargain.errors.GameFormatError` (a ``ValueError``) with
the file, line and column; a ``.nfg`` file whose names Gambit would rename is read with a
:class:`~exactbargain.errors.GameFormatWarning`.

>>> from exactbargain.game import Game
>>> game = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> parse_nfg(write_nfg(game)) == parse_json(write_json(game)) == game
True
"""

from .dispatch import EXTENSIONS, read_game, write_game
from .jsonfmt import parse_json, read_json, write_json
from .nfg import parse_nfg, read_nfg, write_nfg

__all__ = [
    "read_nfg",
    "parse_nfg",
    "write_nfg",
    "read_json",
    "parse_json",
    "write_json",
    "read_game",
    "write_game",
    "EXTENSIONS",
]
