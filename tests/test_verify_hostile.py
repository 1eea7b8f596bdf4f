"""Hostile certificates and output folders: ``verify`` trusts nothing in a certificate, and
``counterexample --out-dir`` is checked before the search, never overwrites by accident and
writes atomically.

Every bad certificate is a file, a command line, the one line expected on stderr and exit 2.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest

from exactbargain.axioms import (
    CertificateError,
    check_out_dir,
    efficiency,
    monotonicity,
    validate_certificate,
    verify_certificate,
    write_certificate,
)
from exactbargain.cli import main
from exactbargain.formats import read_game

from conftest import EXAMPLES

LOCKED = read_game(EXAMPLES / "chicken_locked.nfg")
CHICKEN = read_game(EXAMPLES / "chicken.nfg")
HONEST = {"axiom": "monotonicity", "rule": "fallback", "select": "welfare", "player": 1,
          "before": "before.nfg", "after": "after.nfg", "values": {"before": ["7", "2"], "after": ["6", "6"]}}


@pytest.fixture(scope="module")
def honest_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("honest") / "ce"
    doc = write_certificate(monotonicity("fallback", LOCKED, CHICKEN), folder)
    assert doc == HONEST
    return folder


@pytest.fixture
def cert(honest_dir, tmp_path) -> Path:
    """A fresh copy of the honest certificate folder; returns its certificate.json."""
    folder = tmp_path / "ce"
    shutil.copytree(honest_dir, folder)
    return folder / "certificate.json"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, path, *fragments: str) -> str:
    """``verify PATH`` exits 2 with exactly one stderr line holding every fragment."""
    code, out, err = run(capsys, "verify", path)
    assert code == 2, (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("exactbargain: error: "), err
    assert "Traceback" not in err and out == ""
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def tamper(cert: Path, **changes) -> None:
    doc = dict(HONEST)
    doc.update(changes)
    cert.write_text(json.dumps(doc))


# ---------------------------------------------------------------------- honest and tampered values
def test_honest_certificate_is_confirmed(cert, capsys):
    code, out, err = run(capsys, "verify", cert)
    assert code == 0, err
    assert out.splitlines()[-1] == ("confirmed: A6 monotonicity fails for fallback[welfare]; recomputed values "
                                    "(7, 2) -> (6, 6) equal the recorded ones")
    # the folder itself names the certificate
    assert run(capsys, "verify", cert.parent)[0] == 0


def test_tampered_value_is_refuted(cert, capsys):
    tamper(cert, values={"before": ["7", "2"], "after": ["6", "13/2"]})
    code, out, _ = run(capsys, "verify", cert)
    assert code == 1
    assert "recorded values after (6, 13/2) differ from the recomputed (6, 6)" in out


def test_equal_numbers_in_another_spelling_are_confirmed(cert, capsys):
    # the grammar's other spellings of 7, 2, 6, 6 are the same exact numbers
    tamper(cert, values={"before": ["07", "4/2"], "after": ["6.0", "0.6e1"]})
    assert run(capsys, "verify", cert)[0] == 0


def test_symlink_to_an_in_folder_game_is_followed(cert, capsys):
    (cert.parent / "before.nfg").rename(cert.parent / "real.nfg")
    (cert.parent / "before.nfg").symlink_to("real.nfg")
    assert run(capsys, "verify", cert)[0] == 0


# ---------------------------------------------------------------------- wrong types (tracebacks or silent before)
@pytest.mark.parametrize("values, where, got", [
    ({"before": "01", "after": ["6", "6"]}, "$.values.before", 'got a string "01"'),
    ({"before": ["7", "2"], "after": "66"}, "$.values.after", 'got a string "66"'),
    ("7, 2", "$.values", 'got a string "7, 2"'),
    (["7", "2"], "$.values", "got a list of 2 items"),
    (None, "$.values", "got null"),
    ({"before": [7, 2], "after": ["6", "6"]}, "$.values.before[0]", "got a number 7"),
    ({"before": ["7", 2.0], "after": ["6", "6"]}, "$.values.before[1]", "got a number 2.0"),
    ({"before": ["7", "2"], "after": ["6", "six"]}, "$.values.after[1]", 'got a string "six"'),
    ({"before": ["7", "1/0"], "after": ["6", "6"]}, "$.values.before[1]", "zero denominator"),
    ({"before": ["7", "2"], "after": None}, "$.values.after", "got null"),
    ({"before": ["7", "2"]}, "$.values.after", "got null"),
    ({"after": ["6", "6"]}, "$.values.before", "got nothing (the key is missing)"),
])
def test_values_of_the_wrong_type_are_refused(cert, capsys, values, where, got):
    tamper(cert, values=values)
    line = refused(capsys, cert, f"{cert}: {where}: expected ", got)
    assert "exact-number" in line or "object" in line or "null" in line


def test_values_has_no_other_keys(cert, capsys):
    tamper(cert, values={"before": ["7", "2"], "after": ["6", "6"], "extra": []})
    refused(capsys, cert, f'{cert}: $.values."extra": unknown key; values has the keys before, after')


@pytest.mark.parametrize("player, got", [(True, "true (a boolean)"), (False, "false (a boolean)"),
                                         ("1", 'a string "1"'), (1.0, "a number 1.0"), (0, "a number 0"),
                                         (-1, "a number -1"), ([1], "a list of 1 item")])
def test_player_must_be_a_positive_integer(cert, capsys, player, got):
    tamper(cert, player=player)
    refused(capsys, cert, f"{cert}: $.player: expected null or a player number 1, 2, ... (an integer), got {got}")


def test_player_beyond_the_game_is_refused(cert, capsys):
    tamper(cert, player=3)
    refused(capsys, cert, "$.player: expected a player number 1..2 of the game before, got a number 3")
    cert.write_text(json.dumps(HONEST).replace('"player": 1', '"player": 1' + "0" * 4000))
    refused(capsys, cert, "$.player: expected a player number 1..2 of the game before, got a number 13288-bit integer")


@pytest.mark.parametrize("key, value, expected", [
    ("before", 7, "expected the name of a .nfg or .json file inside the certificate's folder, got a number 7"),
    ("before", ["before.nfg"], "got a list of 1 item"),
    ("before", None, "got null"),
    ("before", "", 'got a string ""'),
    ("after", {"file": "after.nfg"}, "got an object with 1 key"),
    ("after", None, "got null"),
    ("after", "after.txt", "(the format follows the extension)"),
    ("axiom", 6, "expected one of efficiency, anonymity"),
    ("axiom", "fairness", 'got a string "fairness"'),
    ("rule", ["coco"], 'expected "coco" or "fallback", got a list of 1 item'),
    ("rule", "fallback[welfare]", 'got a string "fallback[welfare]"'),
    ("select", 3, "expected null or a selection rule: welfare, egalitarian"),
    ("select", "best", 'got a string "best"'),
])
def test_fields_of_the_wrong_type_are_refused(cert, capsys, key, value, expected):
    tamper(cert, **{key: value})
    refused(capsys, cert, f"$.{key}: expected", expected)


def test_coco_has_no_selection_rule(cert, capsys):
    tamper(cert, rule="coco")
    refused(capsys, cert, '$.select: expected null (rule "coco" has no selection rule), got a string "welfare"')


def test_single_game_axiom_names_no_second_game(cert, capsys):
    tamper(cert, axiom="efficiency")
    refused(capsys, cert, '$.after: expected null (axiom efficiency concerns one game), got a string "after.nfg"')


def test_unknown_and_missing_top_level_keys(cert, capsys):
    tamper(cert, comment="trust me")
    refused(capsys, cert, f"{cert}: $.comment: unknown key; a certificate has the keys axiom, rule, select, player, "
                          "before, after, values")
    doc = dict(HONEST)
    del doc["axiom"]
    cert.write_text(json.dumps(doc))
    refused(capsys, cert, f"{cert}: $.axiom: expected an axiom's name, got nothing (the key is missing)")
    doc = dict(HONEST)
    del doc["values"]
    cert.write_text(json.dumps(doc))
    refused(capsys, cert, "$.values: expected the recorded values, got nothing (the key is missing)")


@pytest.mark.parametrize("document, got", [("[]", "got a list of 0 items"), ('"certificate"', "got a string"),
                                           ("null", "got null"), ("7", "got a number 7")])
def test_top_level_must_be_an_object(cert, capsys, document, got):
    cert.write_text(document)
    refused(capsys, cert, f"{cert}: $: expected a JSON object (a certificate), {got}")


# ---------------------------------------------------------------------- robust JSON reading
def test_non_utf8_bytes(cert, capsys):
    cert.write_bytes(json.dumps(HONEST).encode()[:20] + b"\xff\xfe" + b"}")
    refused(capsys, cert, f"{cert}:1:21: the file is not UTF-8 text: byte 0xff cannot be decoded")


def test_deeply_nested_json(cert, capsys):
    cert.write_text("[" * 100_000 + "]" * 100_000)
    refused(capsys, cert, f"{cert}: not a certificate: JSON nested too deeply")
    cert.write_text('{"values": ' + "{\"a\": " * 100_000 + "1" + "}" * 100_001)
    refused(capsys, cert, "nested too deeply")


def test_not_json_at_all(cert, capsys):
    cert.write_text('{"axiom": "monotonicity",')
    refused(capsys, cert, f"{cert}:1:26: not valid JSON: Expecting property name")
    cert.write_text("")
    refused(capsys, cert, "not valid JSON")


def test_repeated_keys_nan_and_giant_integers(cert, capsys):
    text = json.dumps(HONEST)
    cert.write_text(text[:-1] + ', "axiom": "efficiency"}')
    refused(capsys, cert, f'{cert}: the key "axiom" appears twice in one object')
    cert.write_text(text.replace('"player": 1', '"player": NaN'))
    refused(capsys, cert, "NaN is not a JSON number")
    cert.write_text(text.replace('"player": 1', '"player": ' + "9" * 5000))
    refused(capsys, cert, "a JSON number has too many digits")


def test_huge_certificate_is_refused_before_reading(cert, capsys):
    with open(cert, "r+b") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: 17 MiB of NUL bytes
    refused(capsys, cert, f"{cert}: larger than 16777216 bytes, the limit for a certificate's files")


def test_limit_is_a_parameter(cert):
    with pytest.raises(CertificateError, match="larger than 100 bytes"):
        verify_certificate(cert, max_bytes=100)
    assert verify_certificate(cert, max_bytes=10_000)[0]


# ---------------------------------------------------------------------- paths
def test_absolute_path_is_refused(cert, capsys, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(cert.parent / "before.nfg", elsewhere / "before.nfg")
    tamper(cert, before=str(elsewhere / "before.nfg"))
    refused(capsys, cert, "$.before: expected the name of a .nfg or .json file inside the certificate's folder, "
                          f'got a string "{elsewhere / "before.nfg"}" (an absolute path)')


def test_dot_dot_is_refused_even_when_the_file_exists(cert, capsys, tmp_path):
    # before: a certificate folder with no game files in it was confirmed
    empty = tmp_path / "a" / "b"
    empty.mkdir(parents=True)
    shutil.copy(cert.parent / "before.nfg", tmp_path / "x.nfg")
    shutil.copy(cert.parent / "after.nfg", tmp_path / "y.nfg")
    (empty / "certificate.json").write_text(json.dumps(dict(HONEST, before="../../x.nfg", after="../../y.nfg")))
    refused(capsys, empty / "certificate.json", '$.before: expected', 'got a string "../../x.nfg" (.. leaves the folder)')
    tamper(cert, after="sub/../after.nfg")
    refused(capsys, cert, "$.after", "(.. leaves the folder)")


def test_symlink_to_dev_zero_is_refused(cert, capsys):
    (cert.parent / "before.nfg").unlink()
    (cert.parent / "before.nfg").symlink_to("/dev/zero")
    refused(capsys, cert, f'{cert}: $.before: "before.nfg" resolves to /dev/zero, outside the certificate\'s folder')


def test_symlink_leaving_the_folder_is_refused(cert, capsys, tmp_path):
    outside = tmp_path / "outside.nfg"
    shutil.copy(cert.parent / "after.nfg", outside)
    (cert.parent / "after.nfg").unlink()
    (cert.parent / "after.nfg").symlink_to(outside)
    refused(capsys, cert, '$.after: "after.nfg" resolves to', "outside the certificate's folder")
    # a symbolic link to a directory outside, used as a path component
    (cert.parent / "sub").symlink_to(tmp_path)
    tamper(cert, after="sub/outside.nfg")
    refused(capsys, cert, '$.after: "sub/outside.nfg" resolves to', "outside")


def test_special_files_in_the_folder_are_refused(cert, capsys):
    folder = cert.parent
    (folder / "before.nfg").unlink()
    os.mkfifo(folder / "before.nfg")  # opening it for reading would block
    refused(capsys, cert, f"{folder / 'before.nfg'}: not a regular file (a FIFO)")
    (folder / "before.nfg").unlink()
    (folder / "before.nfg").mkdir()
    refused(capsys, cert, f"{folder / 'before.nfg'}: not a regular file (a directory)")
    (folder / "before.nfg").rmdir()
    refused(capsys, cert, f"{folder / 'before.nfg'}: no such file")
    tamper(cert, before=".")
    refused(capsys, cert, "$.before", "(the format follows the extension)")


def test_huge_game_file_is_refused(cert, capsys):
    with open(cert.parent / "before.nfg", "r+b") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)
    refused(capsys, cert, f"{cert.parent / 'before.nfg'}: larger than 16777216 bytes")


def test_certificate_itself_must_be_a_regular_file(capsys, tmp_path):
    refused(capsys, "/dev/zero", "/dev/zero: not a regular file (a character device)")
    refused(capsys, tmp_path, f"{tmp_path / 'certificate.json'}: no such file")


def test_games_not_related_by_the_axiom(cert, capsys):
    shutil.copy(EXAMPLES / "prisoners_dilemma.nfg", cert.parent / "after.nfg")
    refused(capsys, cert, f"{cert}: ")


def test_control_characters_in_names_are_escaped(cert, capsys):
    tamper(cert, before="\x1b[31mred.nfg")
    line = refused(capsys, cert, "no such file")
    assert "\x1b" not in line and "\\u001b[31mred.nfg" in line
    tamper(cert, before="/\x1b[31mred.nfg")
    line = refused(capsys, cert, "$.before", "(an absolute path)")
    assert "\x1b" not in line and "\\u001b[31mred.nfg" in line


def test_validate_certificate_normal_form():
    doc = validate_certificate(dict(HONEST, select=None, values={"before": ["+7", "2."], "after": ["6", "6"]}))
    assert doc["select"] == "welfare" and doc["values"]["before"] == (7, 2)
    single = validate_certificate({"axiom": "A1", "rule": "coco", "before": "g.json", "values": {"before": ["1"]}})
    assert single == {"axiom": "efficiency", "rule": "coco", "select": None, "player": None, "before": "g.json",
                      "after": None, "values": {"before": (1,), "after": None}}
    threat = validate_certificate({"axiom": "credible-threat", "rule": "coco", "before": "g.nfg", "after": None,
                                   "values": {"before": ["0", "0"], "after": None}})
    assert threat["after"] is None
    with pytest.raises(CertificateError, match=r"\$\.after: expected the name"):
        validate_certificate(dict(HONEST, after=None, values={"before": ["7", "2"], "after": None}))


# ---------------------------------------------------------------------- --out-dir
CEX = ("counterexample", "--axiom", "dominated-action", "--rule", "coco", "--max-actions", "2")


def no_search(monkeypatch):
    import exactbargain.search

    def boom(*args, **kwargs):
        raise AssertionError("the search ran before --out-dir was checked")

    monkeypatch.setattr(exactbargain.search, "find_counterexample", boom)


def test_out_dir_refuses_to_overwrite_before_searching(cert, capsys, monkeypatch):
    before = {n: (cert.parent / n).read_bytes() for n in ("before.nfg", "after.nfg", "certificate.json")}
    no_search(monkeypatch)
    code, out, err = run(capsys, *CEX, "--out-dir", cert.parent)
    assert code == 2 and out == ""
    assert err == f"exactbargain: error: {cert}: already exists; pass --force to overwrite it\n"
    (cert).unlink()
    code, _, err = run(capsys, *CEX, "--out-dir", cert.parent)
    assert err == f"exactbargain: error: {cert.parent / 'after.nfg'}: already exists; pass --force to overwrite it\n"
    assert {n: (cert.parent / n).read_bytes() for n in ("before.nfg", "after.nfg")} == \
        {n: before[n] for n in ("before.nfg", "after.nfg")}


def test_force_overwrites(cert, capsys):
    code, _, err = run(capsys, *CEX, "--out-dir", cert.parent, "--force")
    assert code == 0 and err.endswith("wrote " + str(cert) + "\n")
    doc = json.loads(cert.read_text())
    assert doc["axiom"] == "dominated-action" and doc["values"] == {"before": ["0", "1"], "after": ["1/2", "1/2"]}
    assert sorted(os.listdir(cert.parent)) == ["after.nfg", "before.nfg", "certificate.json"]
    assert run(capsys, "verify", cert)[0] == 0


def test_force_removes_a_stale_after_game(cert, capsys):
    # coco and the fallback rules are efficient: a violated single-game verdict is made by hand
    violated = dataclasses.replace(efficiency("coco", CHICKEN), holds=False)
    write_certificate(violated, cert.parent, force=True)
    assert sorted(os.listdir(cert.parent)) == ["before.nfg", "certificate.json"]
    assert json.loads(cert.read_text())["after"] is None
    code, out, _ = run(capsys, "verify", cert)
    assert code == 1 and "the axiom holds on these games" in out


@pytest.mark.parametrize("make, expected", [
    (lambda p: p.write_text("x"), "{p}: is not a directory"),
    (lambda p: None, None),
])
def test_out_dir_must_be_a_directory(tmp_path, capsys, monkeypatch, make, expected):
    target = tmp_path / "out"
    make(target)
    if expected is None:  # a missing folder under a file cannot be created
        (tmp_path / "file").write_text("x")
        target = tmp_path / "file" / "sub" / "out"
        expected = f"{{p}}: cannot be created: {tmp_path / 'file'} is not a directory"
    no_search(monkeypatch)
    code, out, err = run(capsys, *CEX, "--out-dir", target)
    assert code == 2 and out == ""
    assert err == "exactbargain: error: " + expected.format(p=target) + "\n"


def test_out_dir_not_writable(tmp_path, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == tmp_path else real(p, mode, **kw))
    with pytest.raises(CertificateError, match="is not writable"):
        check_out_dir(tmp_path)
    with pytest.raises(CertificateError, match=f"cannot be created: {tmp_path} is not writable"):
        check_out_dir(tmp_path / "new")


def test_out_dir_is_created_only_when_a_certificate_is_written(tmp_path, capsys):
    target = tmp_path / "new" / "deeper"
    code, _, _ = run(capsys, "counterexample", "--axiom", "monotonicity", "--rule", "coco", "--max-actions", "2",
                     "--budget", "20", "--out-dir", target)
    assert code == 1 and not (tmp_path / "new").exists()


def test_force_needs_out_dir(capsys):
    code, _, err = run(capsys, *CEX, "--force")
    assert code == 2 and err == "exactbargain: error: --force applies to --out-dir only\n"


def test_write_is_atomic_certificate_last(tmp_path, monkeypatch):
    verdict = monotonicity("fallback", LOCKED, CHICKEN)
    order = []
    real_link = os.link

    def link(src, dst, *a, **kw):
        order.append(Path(dst).name)
        if Path(dst).name == "certificate.json":
            raise KeyboardInterrupt  # an interruption just before the certificate is in place
        return real_link(src, dst, *a, **kw)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(KeyboardInterrupt):
        write_certificate(verdict, tmp_path / "ce")
    assert order == ["before.nfg", "after.nfg", "certificate.json"]
    # no certificate, no temporary files: the folder is an incomplete one, never a mixed one
    assert sorted(os.listdir(tmp_path / "ce")) == ["after.nfg", "before.nfg"]


def test_forced_rewrite_removes_the_old_certificate_first(cert, monkeypatch):
    """Interrupted while replacing the games, the folder holds no certificate naming them."""
    real_replace = os.replace

    def replace(src, dst, *a, **kw):
        if Path(dst).name == "after.nfg":
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", replace)
    verdict = monotonicity("fallback:dictator-2", LOCKED, CHICKEN)
    with pytest.raises(CertificateError, match="after.nfg: cannot write the certificate: No space left on device"):
        write_certificate(verdict, cert.parent, force=True)
    assert sorted(os.listdir(cert.parent)) == ["after.nfg", "before.nfg"]


def test_files_get_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_certificate(monotonicity("fallback", LOCKED, CHICKEN), tmp_path / "ce")
    finally:
        os.umask(old)
    assert {oct(os.stat(tmp_path / "ce" / n).st_mode & 0o777) for n in os.listdir(tmp_path / "ce")} == {"0o644"}


def test_forced_write_replaces_a_symlink_never_writes_through_it(cert, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (cert.parent / "before.nfg").unlink()
    (cert.parent / "before.nfg").symlink_to(victim)
    (cert.parent / "certificate.json").unlink()
    (cert.parent / "after.nfg").unlink()
    with pytest.raises(CertificateError, match="before.nfg: already exists"):
        write_certificate(monotonicity("fallback", LOCKED, CHICKEN), cert.parent)
    write_certificate(monotonicity("fallback", LOCKED, CHICKEN), cert.parent, force=True)
    assert victim.read_text() == "keep me"
    assert not (cert.parent / "before.nfg").is_symlink() and read_game(cert.parent / "before.nfg") == LOCKED.with_title(
        LOCKED.title or "before")


def test_no_clobber_holds_when_a_file_appears_after_the_check(tmp_path, monkeypatch):
    """Without force, placing a file never replaces one that appeared after the folder was checked."""
    import exactbargain.axioms.certificate as certificate

    out = tmp_path / "ce"
    out.mkdir()
    monkeypatch.setattr(certificate, "check_out_dir", lambda out_dir, force=False: Path(out_dir))
    (out / "after.nfg").write_text("someone else's")
    with pytest.raises(CertificateError, match="after.nfg: already exists"):
        write_certificate(monotonicity("fallback", LOCKED, CHICKEN), out)
    assert (out / "after.nfg").read_text() == "someone else's"
    assert sorted(os.listdir(out)) == ["after.nfg", "before.nfg"]
