"""The International Police Task Force is a component of UNMIBH, not an operation: an atlas
set up before this change has it as a mission of its own. It is archived (kept with its
history, shown to nobody); its address redirects to UNMIBH's page (missions/urls.py)."""

from django.db import migrations


def archive_iptf(apps, schema_editor):
    Mission = apps.get_model("missions", "Mission")
    Mission.objects.filter(slug="iptf").exclude(status="archived").update(status="archived")


class Migration(migrations.Migration):
    dependencies = [("missions", "0007_mission_kind")]

    operations = [migrations.RunPython(archive_iptf, migrations.RunPython.noop)]
