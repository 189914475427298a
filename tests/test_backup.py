"""Backups: backup_atlas then restore_atlas into an empty database gives back the same
atlas, every record, relation and history entry; a bad backup restores nothing."""

import datetime
import json

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.management import CommandError, call_command

from atlas.models import PublicationStatus
from atlas.publishing import set_status
from missions.models import Mission
from tests.factories import make_atlas
from website.backup import LEFT_OUT

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """Every backed-up row of every model, as data with natural keys for content types."""
    rows = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in LEFT_OUT or meta.label_lower in LEFT_OUT:
            continue
        rows[meta.label_lower] = json.loads(
            serializers.serialize(
                "json", model.objects.order_by("pk"), use_natural_foreign_keys=True
            )
        )
    return rows


def history_made_by_an_editor():
    user = User.objects.create_user("publisher", password="a long test password")
    user.groups.add(Group.objects.get(name="Publisher"))
    mission = Mission.objects.get(slug="unficyp")
    with reversion.create_revision():
        mission.name = "Mission edited before the backup"
        mission.save()
        reversion.set_user(user)
        reversion.set_comment("An edit the backup must keep.")
    set_status([mission], PublicationStatus.DRAFT, user)
    # Django's JSON rounds times to the millisecond; a backup must keep them whole.
    reversion.models.Revision.objects.filter(comment="An edit the backup must keep.").update(
        date_created=datetime.datetime(2026, 11, 29, 11, 47, 59, 412, tzinfo=datetime.UTC)
    )


def test_a_backup_restores_an_identical_atlas(tmp_path):
    call_command("setup_atlas", "--no-import", verbosity=0)
    history_made_by_an_editor()
    before = snapshot()
    assert before["reversion.version"] and before["missions.missionorganization"]
    path = tmp_path / "atlas-backup.json"
    call_command("backup_atlas", str(path), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)  # an empty, migrated database
    assert Mission.objects.count() == 0
    call_command("restore_atlas", str(path), verbosity=0)

    after = snapshot()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    versions = reversion.models.Version.objects.get_for_object(Mission.objects.get(slug="unficyp"))
    assert versions.first().revision.comment.startswith("Status set to draft")


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    make_atlas(3)
    path = tmp_path / "atlas-backup.json"
    call_command("backup_atlas", str(path), verbosity=0)
    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore_atlas", str(path), verbosity=0)


def test_a_damaged_backup_restores_nothing(tmp_path):
    make_atlas(3)
    path = tmp_path / "atlas-backup.json"
    call_command("backup_atlas", str(path), verbosity=0)
    records = json.loads(path.read_text())
    role = next(r for r in records if r["model"] == "missions.missionorganization")
    role["fields"]["organization"] = 999_999  # points at nothing
    path.write_text(json.dumps(records))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore_atlas", str(path), verbosity=0)
    assert Mission.objects.count() == 0
    assert not snapshot()["missions.missionorganization"]
