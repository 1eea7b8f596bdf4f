"""Reading and writing games: Gambit's ``.nfg`` files and exactbargain's JSON documents."""

from .nfg import parse_nfg, read_nfg, write_nfg

__all__ = ["read_nfg", "parse_nfg", "write_nfg"]
