"""Long texts accept Markdown; what readers get is sanitized HTML."""

import pytest

from atlas.richtext import render_markdown
from tests.factories import make_lesson, make_mission, make_organization

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<p onclick="alert(1)">x</p>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    ],
)
def test_an_editor_cannot_plant_script(attack):
    html = render_markdown(f"Safe words. {attack}")
    lowered = html.lower()
    for forbidden in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "data:"):
        assert forbidden not in lowered
    assert "Safe words." in html


def test_markdown_formatting_is_kept():
    html = render_markdown("Some *emphasis*, a [link](https://un.org) and\n\n- a list")
    assert "<em>emphasis</em>" in html
    assert '<a href="https://un.org" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<li>a list</li>" in html


def test_reader_pages_render_markdown_safely(client):
    mission = make_mission(mandate="Keep **the peace**.<script>alert(1)</script>")
    html = client.get(mission.get_absolute_url()).content.decode()
    assert "<strong>the peace</strong>" in html and "<script>alert" not in html
    organization = make_organization(description="[x](javascript:alert(1)) *ok*")
    html = client.get(organization.get_absolute_url()).content.decode()
    assert "javascript:" not in html and "<em>ok</em>" in html
    lesson = make_lesson(observation="<img src=x onerror=alert(1)> seen")
    assert "<img" not in client.get(lesson.get_absolute_url()).content.decode()
