from __future__ import annotations

import shutil

import pytest

from realharm.project import Project
from support import PHONE_AND_DESKTOP, ROOT, build, build_injected_site, nl_project, rtl_project, find_chromium, free_port, serve, site_headers, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, port):
    """The whole site, built once with --strict for every test that needs it."""
    dest = tmp_path_factory.mktemp("build") / "site"
    seconds, proc = build(dest, site_url=f"http://127.0.0.1:{port}/")
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    print(f"\nfull build: {seconds:.1f} s")
    return dest


@pytest.fixture(scope="session")
def injected_site(tmp_path_factory):
    """English pages built from a copy of the project with scripts in data and front matter
    (tests/test_injection.py, tests/test_browser_injection.py)."""
    return build_injected_site(tmp_path_factory.mktemp("injected"))


def _strict_copy_site(tmp, root):
    _seconds, proc = build(tmp / "site", site_url="http://127.0.0.1:8000/", root=root,
                           extra_env={"PYTHONPATH": str(root / "src")})
    assert proc.returncode == 0, f"strict build failed:\n{proc.stderr}"
    return tmp / "site", proc


@pytest.fixture(scope="session")
def rtl_site(tmp_path_factory):
    """A copy of the project with Arabic started and one page written in it (support.rtl_project),
    built with --strict; returns (site folder, build process)."""
    tmp = tmp_path_factory.mktemp("rtl")
    return _strict_copy_site(tmp, rtl_project(tmp))


@pytest.fixture(scope="session")
def nl_site(tmp_path_factory):
    """A copy of the project with Dutch started and only its home page translated
    (support.nl_project), built with --strict; returns (site folder, build process)."""
    tmp = tmp_path_factory.mktemp("nl")
    return _strict_copy_site(tmp, nl_project(tmp))


@pytest.fixture(scope="session")
def base_url(built_site, port):
    server = serve(built_site, port, site_headers(built_site))
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(params=list(PHONE_AND_DESKTOP))
def device(request, browser):
    """A browser context on a phone and on a desktop viewport: (name, context)."""
    context = browser.new_context(**PHONE_AND_DESKTOP[request.param])
    yield request.param, context
    context.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="en-GB")
    yield ctx
    ctx.close()
