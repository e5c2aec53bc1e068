"""What `make site` tells the person deploying, and the optional HSTS header."""

from __future__ import annotations

from pathlib import Path

from realharm import headers, sitebuild


def test_make_site_warns_loudly_when_site_url_is_unset(monkeypatch, capsys, tmp_path):
    calls = []
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(sitebuild, "mkdocs_build", lambda project, dest, offline=False: calls.append(dest) or 0.1)
    monkeypatch.setattr(sitebuild, "make_pdfs", lambda project, site_dir: [])
    monkeypatch.setattr(sitebuild, "make_teacher_packs", lambda project, site_dir: [])
    zip_path = tmp_path / "site" / "x.zip"
    zip_path.parent.mkdir()
    zip_path.write_bytes(b"")
    monkeypatch.setattr(sitebuild, "make_offline_zip", lambda project, site_dir, work: zip_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert sitebuild.main(tmp_path) == 0
    err = capsys.readouterr().err
    assert err.count("WARNING: SITE_URL is not set.") == 2  # before the build and after it
    assert "127.0.0.1:8000" in err and "SITE_URL=https://" in err and "canonical" in err and "sitemap" in err
    assert len(err.splitlines()) >= 10


def test_no_warning_when_site_url_is_set():
    assert sitebuild.site_url_warning({"SITE_URL": "https://example.org/realharm/"}) is None
    assert "SITE_URL" in sitebuild.site_url_warning({"SITE_URL": "  "})


def test_hsts_only_when_asked(monkeypatch, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    monkeypatch.delenv("REALHARM_HSTS", raising=False)
    assert "Strict-Transport-Security" not in headers.write_header_files(site)
    assert "Strict-Transport-Security" not in (site / "_headers").read_text(encoding="utf-8")
    monkeypatch.setenv("REALHARM_HSTS", "1")
    headers.write_header_files(site)
    line = "Strict-Transport-Security: max-age=31536000; includeSubDomains"
    assert line in (site / "_headers").read_text(encoding="utf-8")
    assert 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;' in \
        (site / "nginx-headers.conf").read_text(encoding="utf-8")
    assert "preload" not in (site / "_headers").read_text(encoding="utf-8")


def test_offline_copy_holds_each_file_once_and_no_source_map(monkeypatch, tmp_path):
    import zipfile

    def fake_build(project, dest, offline=False):
        (dest / "assets").mkdir(parents=True)
        (dest / "assets" / "bundle.js").write_text("x", encoding="utf-8")
        (dest / "assets" / "bundle.js.map").write_text("{}", encoding="utf-8")
        return 0.1

    monkeypatch.setattr(sitebuild, "mkdocs_build", fake_build)
    site = tmp_path / "site"
    (site / "pdf" / "en").mkdir(parents=True)
    (site / "downloads" / "en").mkdir(parents=True)
    (site / "pdf" / "en" / "m9-plan.pdf").write_bytes(b"%PDF plan")
    (site / "downloads" / "en" / "m9-plan-slides.html").write_text("<!doctype html>", encoding="utf-8")
    with zipfile.ZipFile(site / "downloads" / "en" / "m9-plan-teacher-pack.zip", "w") as zf:
        for name in ("m9-plan.pdf", "m9-plan-slides.html", "slides-assets/vendor/reveal/reveal.js",
                     "m9-plan-slides.pptx", "m9-plan-student-sheet.pdf", "LICENCE.txt"):
            zf.writestr(name, name)
    with zipfile.ZipFile(site / "downloads" / "en" / "module-9-teacher-pack.zip", "w") as zf:
        zf.writestr("m9-plan.pdf", "x")
    project = type("P", (), {"root": tmp_path, "docs": tmp_path / "docs", "languages": lambda self: ["en"]})()
    zip_path = sitebuild.make_offline_zip(project, site, tmp_path / "work")
    names = set(zipfile.ZipFile(zip_path).namelist())
    assert names == {"realharm/assets/bundle.js", "realharm/pdf/en/m9-plan.pdf",
                     "realharm/downloads/en/m9-plan-slides.html", "realharm/downloads/en/m9-plan-teacher-pack.zip"}
    pack = zipfile.ZipFile(tmp_path / "work" / "realharm" / "downloads" / "en" / "m9-plan-teacher-pack.zip")
    assert set(pack.namelist()) == {"m9-plan-slides.pptx", "m9-plan-student-sheet.pdf", "LICENCE.txt"}


def test_make_site_fails_on_a_pack_problem_and_prints_it(monkeypatch, capsys, tmp_path):
    from realharm import packcheck

    monkeypatch.setenv("SITE_URL", "https://example.org/")
    monkeypatch.setattr(sitebuild, "mkdocs_build", lambda project, dest, offline=False: 0.1)
    monkeypatch.setattr(sitebuild, "make_pdfs", lambda project, site_dir: [])
    pack = tmp_path / "site" / "downloads" / "en" / "m9-plan-teacher-pack.zip"
    pack.parent.mkdir(parents=True)
    pack.write_bytes(b"")
    monkeypatch.setattr(sitebuild, "make_teacher_packs", lambda project, site_dir: [pack])
    monkeypatch.setattr(sitebuild, "make_offline_zip", lambda project, site_dir, work: pack)
    line = "downloads/en/m9-plan-teacher-pack.zip: m9-plan-student-sheet.pdf: a learner's sheet shows 1 answer(s)"
    monkeypatch.setattr(packcheck, "check_packs", lambda site_dir, project: [line])
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert sitebuild.main(tmp_path) == 1
    out = capsys.readouterr().out
    assert line in out.splitlines() and "pack check: 1 problem(s)" in out
    monkeypatch.setattr(packcheck, "check_packs", lambda site_dir, project: [])
    assert sitebuild.main(tmp_path) == 0
