"""The documentation is executed, so it cannot drift from the code.

* Python examples in ``docs/**/*.md`` are doctests, collected by pytest through
  ``--doctest-glob=*.md`` (``docs`` is in ``testpaths``).
* Every fenced ``console`` block in ``docs/**/*.md`` is a terminal transcript, run here.
  A line ``$ COMMAND`` starts a command; the lines up to the next ``$`` line are what it
  prints (stdout and stderr interleaved, as a terminal shows them), compared exactly after
  stripping trailing whitespace. A command line ending in ``\\`` continues on the next line.
  Supported commands:

  - ``exactbargain ARGS`` -- run in-process through :func:`exactbargain.cli.main`;
  - ``python proofs/NAME.py`` -- run as a subprocess;
  - ``cat FILE`` -- print a file written by an earlier command;
  - ``echo $?`` -- print the previous command's exit code. Every other command must exit 0
    unless the next command is ``echo $?``.

  In expected output, ``...`` inside a line matches any text on that line, and a line that
  is only ``...`` matches any number of lines (as with doctest's ELLIPSIS).

  All blocks of one page run in order in one scratch directory that holds symlinks
  ``examples`` and ``proofs`` to the repository's folders, so ``examples/chicken.nfg``
  resolves and written files never touch the checkout.
* Every relative Markdown link in ``docs/`` and ``README.md`` points to an existing file
  (and, with ``#anchor``, to an existing heading).
* Every citation of a section of ``docs/theory.md`` anywhere in the repository
  (``docs/theory.md §3.5``, ``[§3.5](theory.md#...)``, and the ``§`` references inside
  ``docs/theory.md`` itself) names a numbered heading of that page, and every axiom code cited
  with it (``docs/theory.md §4, A8``) is one the page states; renumbering breaks the build.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
LINKED_PAGES = PAGES + [ROOT / "README.md"]

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)$")


# --------------------------------------------------------------------------- parsing
@dataclass
class Command:
    line: int  # 1-based line of the "$" line in the page
    text: str  # the command without "$ "
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    line: int
    commands: list[Command]


def fenced_blocks(text: str) -> list[tuple[str, int, list[str]]]:
    """``(info string, 1-based line of the first content line, content lines)`` of every
    fenced code block."""
    out = []
    lines = text.splitlines()
    k = 0
    while k < len(lines):
        m = _FENCE.match(lines[k])
        if not m:
            k += 1
            continue
        fence, info = m.group("fence"), m.group("info").strip()
        body, start = [], k + 2
        k += 1
        while k < len(lines) and not (lines[k].strip().startswith(fence[0] * len(fence))
                                      and set(lines[k].strip()) == {fence[0]}):
            body.append(lines[k])
            k += 1
        out.append((info, start, body))
        k += 1
    return out


def console_blocks(text: str, where: str = "<text>") -> list[Block]:
    """The ``console`` blocks of a page, split into commands and their expected output."""
    blocks = []
    for info, start, body in fenced_blocks(text):
        if info.split()[:1] != ["console"]:
            continue
        commands: list[Command] = []
        k = 0
        while k < len(body):
            line = body[k]
            if line.startswith("$ "):
                text, first = line[2:], k
                while text.endswith("\\") and k + 1 < len(body):
                    k += 1
                    text = text[:-1] + " " + body[k].strip()
                commands.append(Command(start + first, text.strip()))
            elif commands:
                commands[-1].expected.append(line)
            else:
                raise AssertionError(f"{where}:{start + k}: console block text before the first '$ ' line")
            k += 1
        if not commands:
            raise AssertionError(f"{where}:{start}: console block without a '$ ' command")
        blocks.append(Block(start, commands))
    return blocks


# --------------------------------------------------------------------------- matching
def _normalise(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _pattern(expected: list[str]) -> re.Pattern:
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(re.escape(line).replace(re.escape("..."), r"[^\n]*") + r"\n")
    return re.compile("".join(parts))


def output_matches(expected: list[str], actual: str) -> bool:
    want = _normalise("\n".join(expected))
    got = _normalise(actual)
    if want == got:
        return True
    if not any("..." in line for line in want):
        return False
    return _pattern(want).fullmatch("".join(line + "\n" for line in got)) is not None


# --------------------------------------------------------------------------- running
def run_exactbargain(argv: list[str]) -> tuple[int, str]:
    from exactbargain.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse errors and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return int(code or 0), buffer.getvalue()


def run_python(argv: list[str], cwd: Path) -> tuple[int, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, *argv], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120)
    return done.returncode, done.stdout


def run_command(argv: list[str], cwd: Path, last_code: int) -> tuple[int, str]:
    name, args = argv[0], argv[1:]
    if name == "exactbargain":
        return run_exactbargain(args)
    if name == "python" and args and args[0].startswith("proofs/"):
        return run_python(args, cwd)
    if name == "cat" and len(args) == 1:
        return 0, (cwd / args[0]).read_text()
    if argv == ["echo", "$?"]:
        return 0, f"{last_code}\n"
    raise AssertionError(f"unsupported command in a console block: {shlex.join(argv)}")


def scratch_dir(tmp_path: Path) -> Path:
    for name, target in (("examples", ROOT / "exactbargain" / "examples"), ("proofs", ROOT / "proofs")):
        (tmp_path / name).symlink_to(target, target_is_directory=True)
    return tmp_path


# --------------------------------------------------------------------------- tests
def page_blocks(page: Path) -> list[Block]:
    return console_blocks(page.read_text(), str(page.relative_to(ROOT)))


PAGES_WITH_CONSOLE = [p for p in PAGES if page_blocks(p)]


def test_docs_exist():
    assert (DOCS / "index.md").is_file()
    assert PAGES_WITH_CONSOLE, "no console examples found in docs/"


@pytest.mark.parametrize("page", PAGES_WITH_CONSOLE, ids=lambda p: str(p.relative_to(DOCS)))
def test_console_examples(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocks = page_blocks(page)
    if any(shlex.split(c.text)[:2] == ["exactbargain", "plot"] for b in blocks for c in b.commands):
        pytest.importorskip("matplotlib", reason="exactbargain plot needs the optional matplotlib")
    cwd = scratch_dir(tmp_path)
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps help text to the terminal width
    failures = []
    for block in blocks:
        last_code = 0
        for k, cmd in enumerate(block.commands):
            argv = shlex.split(cmd.text)
            code, output = run_command(argv, cwd, last_code)
            where = f"{page.relative_to(ROOT)}:{cmd.line}: $ {cmd.text}"
            following = block.commands[k + 1].text if k + 1 < len(block.commands) else ""
            if code != 0 and following != "echo $?":
                failures.append(f"{where}\nexited {code} (follow it by '$ echo $?' if that is expected)\n{output}")
            if not output_matches(cmd.expected, output):
                diff = "\n".join(difflib.unified_diff(_normalise("\n".join(cmd.expected)), _normalise(output),
                                                      "documented", "actual", lineterm=""))
                failures.append(f"{where}\n{diff}")
            last_code = code
    assert not failures, "\n\n".join(failures)


# --------------------------------------------------------------------------- links
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE_CODE = re.compile(r"(`+).*?\1", re.S)


def _without_fences(text: str) -> str:
    """``text`` with the lines of fenced code blocks blanked out."""
    out, fence = [], None
    for line in text.splitlines():
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group("fence")
            out.append("")
            continue
        if fence is not None:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = None
            out.append("")
            continue
        out.append(line)
    return "\n".join(out)


def _prose(text: str) -> str:
    """``text`` without fenced code blocks and inline code."""
    return _INLINE_CODE.sub("", _without_fences(text))


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[`*_]|\$", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return anchors_of(path.read_text())


def anchors_of(text: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown text (repeats get ``-1``, ``-2``)."""
    out: set[str] = set()
    seen: dict[str, int] = {}
    for line in _without_fences(text).splitlines():
        m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        slug = _slug(m.group(1))
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def relative_links(path: Path) -> list[str]:
    return [t for t in _LINK.findall(_prose(path.read_text()))
            if not re.match(r"[a-z][a-z0-9+.-]*:", t, re.I)]


@pytest.mark.parametrize("page", LINKED_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path):
    broken = []
    for target in relative_links(page):
        file_part, _, anchor = target.partition("#")
        dest = (page.parent / file_part).resolve() if file_part else page
        if not dest.exists():
            broken.append(f"{target}: no such file {dest}")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            broken.append(f"{target}: no heading with anchor #{anchor} in {dest.name}")
    assert not broken, f"{page.relative_to(ROOT)}:\n" + "\n".join(broken)


def test_every_page_is_reachable_from_the_index():
    reached, todo = set(), [DOCS / "index.md"]
    while todo:
        page = todo.pop()
        if page in reached or not page.is_file() or page.suffix != ".md":
            continue
        reached.add(page)
        for target in relative_links(page):
            file_part = target.partition("#")[0]
            if file_part:
                todo.append((page.parent / file_part).resolve())
    missing = [str(p.relative_to(ROOT)) for p in PAGES if p.resolve() not in reached]
    assert not missing, f"pages not linked from docs/index.md (directly or indirectly): {missing}"


# --------------------------------------------------------------------------- theory citations
THEORY = DOCS / "theory.md"
CITING_SUFFIXES = {".py", ".md"}
CITING_DIRS = ("exactbargain", "tests", "docs", "proofs", "benchmarks")

# "docs/theory.md" (or a Markdown link to theory.md) followed by section and axiom references:
# "docs/theory.md §4, A8", "docs/theory.md §1.5 and §3.3", "docs/theory.md's §2.4".
_CITATION = re.compile(
    r"theory\.md(?:#[\w-]*)?(?:'s)?\)?"
    r"(?P<refs>(?:(?:\s|[,;:(]|#)*(?:and|or|§\s*\d+(?:\.\d+)*|A\d+[′']?)(?![\w.]\w))+)")
# a Markdown link whose target is theory.md: "[§3.5](../theory.md#35-...)"
_LINKED_CITATION = re.compile(r"\[(?P<refs>[^\[\]]*)\]\([^)\s]*theory\.md[^)\s]*\)")
_SECTION_REF = re.compile(r"§\s*(\d+(?:\.\d+)*)")
_AXIOM_REF = re.compile(r"\bA\d+[′']?")


def theory_sections(text: str) -> set[str]:
    """The section numbers of a page's headings: ``## 3. Title`` -> ``3``, ``### 3.5 Title`` -> ``3.5``."""
    out = set()
    for line in _without_fences(text).splitlines():
        m = re.match(r"#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", line)
        if m:
            out.add(m.group(1))
    return out


def theory_axioms(text: str) -> set[str]:
    """The axiom codes a page states in bold (``**A8 Threat sensitivity...**``)."""
    return {code.replace("'", "′") for code in re.findall(r"\*\*(A\d+[′']?)\s", text)}


def theory_citations(text: str, *, bare: bool = False) -> list[tuple[int, str]]:
    """``(line, reference)`` for every section (``"3.5"``) and axiom code (``"A8"``) that
    ``text`` cites in ``docs/theory.md``; with ``bare``, every ``§`` reference counts (the
    page's own cross-references)."""
    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    refs: list[tuple[int, str]] = []
    for pattern in (_CITATION, _LINKED_CITATION):
        for m in pattern.finditer(text):
            start = m.start("refs")
            group = m.group("refs")
            refs += [(line_of(start + r.start()), r.group(1)) for r in _SECTION_REF.finditer(group)]
            refs += [(line_of(start + r.start()), r.group(0).replace("'", "′")) for r in _AXIOM_REF.finditer(group)]
    if bare:
        refs += [(line_of(r.start()), r.group(1)) for r in _SECTION_REF.finditer(text)]
    return sorted(set(refs))


def citing_files() -> list[Path]:
    """Every Python and Markdown file that may cite docs/theory.md (this file's deliberate
    bad citations, and the test data, excepted)."""
    files = [ROOT / "README.md"]
    for folder in CITING_DIRS:
        files += [p for p in sorted((ROOT / folder).rglob("*")) if p.suffix in CITING_SUFFIXES and p.is_file()
                  and "data" not in p.relative_to(ROOT).parts]
    return [f for f in files if f.resolve() != Path(__file__).resolve()]


def missing_citations(text: str, where: str, sections: set[str], axioms: set[str], *, bare: bool = False) -> list[str]:
    """One message per reference in ``text`` to a section or axiom code docs/theory.md lacks."""
    out = []
    for line, ref in theory_citations(text, bare=bare):
        if ref not in (axioms if ref.startswith("A") else sections):
            what = f"axiom {ref}" if ref.startswith("A") else f"section §{ref}"
            out.append(f"{where}:{line}: cites {what}, which docs/theory.md does not have")
    return out


def test_theory_citations_name_existing_sections():
    text = THEORY.read_text()
    sections, axioms = theory_sections(text), theory_axioms(text)
    assert {"0", "1.1", "1.6", "2.4", "3.5", "4", "5.2", "5.6", "7"} <= sections
    assert {"A1", "A4′", "A8", "A10"} <= axioms
    files = citing_files()
    assert THEORY in files and ROOT / "exactbargain" / "bargaining" / "fallback.py" in files
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    cited = [f for f, t in texts.items() if theory_citations(t)]
    assert len(cited) >= 20, f"only {len(cited)} files cite docs/theory.md; is the citation pattern still right?"
    missing = [m for f, t in texts.items()
               for m in missing_citations(t, str(f.relative_to(ROOT)), sections, axioms, bare=f == THEORY)]
    assert not missing, "\n".join(missing)


def test_theory_citation_parser():
    text = "\n".join([
        "Two players (docs/theory.md §3.2). Selection (docs/theory.md §1.5 and §3.3):",
        "# docs/theory.md §4, A8, for two players; docs/theory.md's §2.4 too",
        "see [the rules](../theory.md#35-menu-of-selection-rules) and [§5.6](theory.md#56-x)",
        "unrelated §9.9 and A99",
    ])
    assert theory_citations(text) == [(1, "1.5"), (1, "3.2"), (1, "3.3"), (2, "2.4"), (2, "4"), (2, "A8"), (3, "5.6")]
    assert (4, "9.9") in theory_citations(text, bare=True)
    assert theory_sections("# The theory\n## 0. Scope\n### 5.6 Threats\n```\n## 9. fenced\n```\n") == {"0", "5.6"}
    assert theory_axioms("**A4′ Opponent shift** and **A10 Credible** but not A11") == {"A4′", "A10"}


def test_a_citation_of_a_missing_section_fails():
    text = THEORY.read_text()
    sections, axioms = theory_sections(text), theory_axioms(text)
    good = '"""Selection rules (docs/theory.md §3.5), axioms (docs/theory.md §4, A8)."""'
    assert missing_citations(good, "x.py", sections, axioms) == []
    bad = '"""Old numbering (docs/theory.md §3.9, A12)."""'
    assert missing_citations(bad, "x.py", sections, axioms) == [
        "x.py:1: cites section §3.9, which docs/theory.md does not have",
        "x.py:1: cites axiom A12, which docs/theory.md does not have",
    ]
    renumbered = text.replace("### 3.5 ", "### 3.7 ")
    assert missing_citations(good, "x.py", theory_sections(renumbered), axioms) == [
        "x.py:1: cites section §3.5, which docs/theory.md does not have"]


# --------------------------------------------------------------------------- the harness itself
def test_harness_parses_and_matches():
    page = "\n".join([
        "```console",
        "$ exactbargain show x \\",
        "    --flag",
        "line one",
        "$ echo $?",
        "0",
        "```",
    ])
    (block,) = console_blocks(page)
    first, second = block.commands
    assert (first.line, first.text, first.expected) == (2, "exactbargain show x  --flag", ["line one"])
    assert (second.line, second.text, second.expected) == (5, "echo $?", ["0"])
    assert output_matches(["a ... c", "..."], "a b c\nmore\nlines\n")
    assert output_matches(["x", "...", "z"], "x\nz\n")
    assert not output_matches(["a ... c"], "a b\nc\n")
    assert not output_matches(["exact"], "exact \nextra\n")
    assert output_matches(["trailing   "], "trailing\n\n")
    assert _slug("The CE polytope (IC rows)") == "the-ce-polytope-ic-rows"
    assert _slug("`check --json`: a verdict") == "check---json-a-verdict"
    assert anchors_of("# A\n```\n# not a heading\n```\n## A\n") == {"a", "a-1"}
