"""The one command that makes a ready atlas: idempotent, all or nothing, clear errors."""

import hashlib
import json
import shutil

import pytest
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import CommandError, call_command

from missions.models import Mission
from organizations.models import Organization
from website.fixtures import shipped_fixture_files

pytestmark = pytest.mark.django_db

APPS = ["organizations", "missions", "lessons", "sources", "auth.group"]


def data_checksum():
    """A fingerprint of every curated row, to prove a failed load changed nothing."""
    from django.apps import apps

    rows = []
    for label in APPS:
        models = (
            [apps.get_model(label)] if "." in label else apps.get_app_config(label).get_models()
        )
        for model in models:
            rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return hashlib.sha256("".join(rows).encode()).hexdigest()


@pytest.fixture
def fixture_copies(tmp_path):
    copies = []
    for path in shipped_fixture_files():
        target = tmp_path / path.name
        shutil.copy(path, target)
        copies.append(target)
    return {path.name: path for path in copies}


def break_record(path, mutate):
    records = json.loads(path.read_text())
    mutate(records)
    path.write_text(json.dumps(records))


def run_and_expect_failure(paths):
    before = data_checksum()
    with pytest.raises(CommandError) as error:
        call_command("setup_atlas", *map(str, paths))
    message = str(error.value)
    assert "\n" not in message
    assert data_checksum() == before
    return message


def test_bad_json_names_the_file_and_position(fixture_copies):
    path = fixture_copies["missions-balkans.json"]
    path.write_text(path.read_text()[:-40])
    message = run_and_expect_failure(fixture_copies.values())
    assert "missions-balkans.json" in message and "not valid JSON at line" in message


def test_missing_reference_names_the_record(fixture_copies):
    def point_role_at_unknown_organization(records):
        role = next(r for r in records if r["model"] == "missions.missionorganization")
        role["fields"]["organization"] = ["no-such-organization"]

    break_record(fixture_copies["missions-balkans.json"], point_role_at_unknown_organization)
    message = run_and_expect_failure(fixture_copies.values())
    assert "missions-balkans.json, record" in message
    assert "refers to" in message and "no-such-organization" in message


def test_constraint_violation_names_the_record(fixture_copies):
    def end_before_start(records):
        mission = next(
            r for r in records if r["model"] == "missions.mission" and r["fields"]["start_date"]
        )
        mission["fields"]["end_date"] = "1900-01-01"
        mission["fields"]["end_precision"] = "day"

    break_record(fixture_copies["missions-balkans.json"], end_before_start)
    message = run_and_expect_failure(fixture_copies.values())
    assert "missions-balkans.json, record" in message
    assert "end date cannot be before the start date" in message


def test_duplicate_acronym_is_refused(fixture_copies):
    def duplicate(records):
        missions = [r for r in records if r["model"] == "missions.mission"]
        missions[1]["fields"]["acronym"] = missions[0]["fields"]["acronym"].lower()

    break_record(fixture_copies["missions-balkans.json"], duplicate)
    message = run_and_expect_failure(fixture_copies.values())
    assert "already uses this acronym" in message


def test_a_child_listed_before_its_parent_still_loads(fixture_copies):
    def move_parent_last(records):
        parent = next(r for r in records if r["fields"]["slug"] == "united-nations")
        records.remove(parent)
        records.append(parent)

    break_record(fixture_copies["organizations.json"], move_parent_last)
    call_command("setup_atlas", str(fixture_copies["organizations.json"]), "--no-import")
    council = Organization.objects.get(slug="un-security-council")
    assert council.parent.slug == "united-nations"


def test_raw_ids_instead_of_natural_keys_are_refused(fixture_copies):
    def raw_theme_id(records):
        lesson = next(r for r in records if r["model"] == "lessons.lesson")
        lesson["fields"]["themes"] = [999999]

    break_record(fixture_copies["lessons.json"], raw_theme_id)
    message = run_and_expect_failure(fixture_copies.values())
    assert "lessons.json, record" in message and "natural key" in message


def test_project_loaddata_validates_like_setup_atlas(fixture_copies):
    def bad_status(records):
        records[0]["fields"]["status"] = "nonsense"

    break_record(fixture_copies["missions-balkans.json"], bad_status)
    before = data_checksum()
    with pytest.raises(CommandError) as error:
        call_command("loaddata", *map(str, fixture_copies.values()), verbosity=0)
    assert "missions-balkans.json, record" in str(error.value) and "status" in str(error.value)
    assert data_checksum() == before


# Tests below share one atlas set up for the module (the ones above need an empty one).


def test_setup_atlas_loads_everything_and_creates_groups(ready_atlas):
    assert Mission.objects.published().count() > 70
    assert set(Group.objects.values_list("name", flat=True)) >= {"Viewer", "Editor", "Publisher"}


def test_setup_atlas_twice_changes_nothing(ready_atlas, capsys):
    before = data_checksum()
    call_command("setup_atlas")
    assert data_checksum() == before
    assert "0 records written" in capsys.readouterr().out


def test_editor_groups_get_exactly_their_permissions(ready_atlas):
    editor = Group.objects.get(name="Editor")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"add_mission", "change_mission", "view_mission"} <= codenames
    assert "delete_mission" not in codenames
    viewer = Group.objects.get(name="Viewer")
    assert all(
        code.startswith("view_") for code in viewer.permissions.values_list("codename", flat=True)
    )


def test_a_failure_after_a_good_load_leaves_the_first_load_intact(ready_atlas, fixture_copies):
    before = data_checksum()

    def bad_choice(records):
        records[0]["fields"]["status"] = "nonsense"

    break_record(fixture_copies["organizations.json"], bad_choice)
    run_and_expect_failure(fixture_copies.values())
    assert data_checksum() == before


def test_a_second_run_keeps_editors_changes_unless_told_to_overwrite(ready_atlas):
    Mission.objects.filter(slug="unficyp").update(summary="Edited by an editor.")
    call_command("setup_atlas")
    assert Mission.objects.get(slug="unficyp").summary == "Edited by an editor."
    call_command("setup_atlas", "--overwrite")
    assert Mission.objects.get(slug="unficyp").summary != "Edited by an editor."
