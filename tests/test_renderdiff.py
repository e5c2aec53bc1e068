"""render-diff: the comparison of two built sites that gates upgrades of the renderer and theme."""

from __future__ import annotations

import shutil

from realharm import renderdiff
from realharm.__main__ import main as cli
from support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "render-diff"


def test_only_the_page_whose_content_changed_is_reported():
    diffs = renderdiff.compare(FIXTURES / "old", FIXTURES / "new")
    # same/: whitespace, the theme's asset fingerprints and the menu outside <article> differ: not content
    assert [d.page for d in diffs] == ["changed/index.html"]
    diff = diffs[0].diff
    assert "-<strong>this" in diff and "+<p>Keep **this** and" in diff
    assert not any(line.startswith("+<strong>") for line in diff) and not any("last paragraph" in line and line[0] in "+-" for line in diff)


def test_the_article_is_cut_out_exactly():
    html = '<p>before</p>\n<article class="x">\n<article>inner</article>\n<p>in</p></article >\n<p>after</p>'
    assert renderdiff.article(html) == '<article class="x">\n<article>inner</article>\n<p>in</p></article >'
    assert renderdiff.article("<p>no article</p>") is None


def test_a_page_on_one_side_only_is_reported(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FIXTURES / "old", old)
    shutil.copytree(FIXTURES / "old", new)
    assert renderdiff.compare(old, new) == []
    (new / "changed" / "index.html").rename(new / "changed" / "moved.html")
    diffs = {d.page: d.diff for d in renderdiff.compare(old, new)}
    assert diffs == {"changed/index.html": ["only in the old site"], "changed/moved.html": ["only in the new site"]}


def test_command_line_prints_each_differing_page_and_fails(capsys, tmp_path):
    assert cli(["render-diff", str(FIXTURES / "old"), str(FIXTURES / "new")]) == 1
    out = capsys.readouterr().out
    assert "== changed/index.html" in out and "same/index.html" not in out and "1 page(s) differ" in out
    assert cli(["render-diff", str(FIXTURES / "old"), str(FIXTURES / "old")]) == 0
    assert "the same" in capsys.readouterr().out
    assert cli(["render-diff", str(FIXTURES / "old"), str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().out
