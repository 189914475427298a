"""Playwright in Debian's Chromium against Django's live test server."""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.commands.loaddata import Command as DjangoLoaddata

from atlas.search import rebuild_index
from website.fixtures import model_ranks, shipped_fixture_files

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the tests themselves (not by the server) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's Chromium is missing: run `make system-packages` (apt-get install chromium)"
        )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shipped_fixture(tmp_path_factory):
    """Every shipped record in one file, each model after those it refers to: Django's
    loaddata saves in file order (it resolves only references to the same model later)."""
    ranks = model_ranks()
    records = [
        record
        for path in shipped_fixture_files()
        for record in json.loads(path.read_text(encoding="utf-8"))
    ]
    records.sort(key=lambda record: ranks[record["model"]])
    path = tmp_path_factory.mktemp("fixtures") / "shipped.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


@pytest.fixture
def shipped_atlas(transactional_db, shipped_fixture):
    """The shipped atlas, loaded by Django's own (unvalidated, fast) loaddata.

    The fixtures' validity is tested elsewhere; here each browser test needs them quickly.
    """
    call_command(DjangoLoaddata(), str(shipped_fixture), verbosity=0)
    rebuild_index()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def audit_page(browser):
    """A page that lets a test inject its checker (axe-core) past the site's CSP."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def csp_violations(page):
    """Every Content-Security-Policy refusal the page reports, collected as it happens."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    return AXE.read_text()
