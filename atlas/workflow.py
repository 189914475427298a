"""The change form's buttons: what each asks for, and who may press it.

The buttons replace a bare status drop-down. On a record that is not live, they move it
between draft, in review and published; on a live record, "Save draft" and "Submit for
review" keep the change as a pending revision (atlas/drafts.py) and "Approve and publish"
makes it live at once, recorded as approved by the publisher who pressed it.
"""

from atlas.models import PublicationStatus
from atlas.publishing import can_publish

SAVE, SUBMIT, PUBLISH = "save", "submit", "publish"
LABELS = {SAVE: "Save draft", SUBMIT: "Submit for review", PUBLISH: "Approve and publish"}


class UnknownAction(ValueError):
    pass


def action_of(post):
    """The pressed button; Django's own save buttons count as "Save draft"."""
    action = post.get("_workflow", SAVE)
    if action not in LABELS:
        raise UnknownAction(f"“{action[:40]}” is not something this form can do.")
    return action


def target_status(action, stored):
    """The publication state a record that is not live gets from `action` (stored: its state
    now, None for a new record)."""
    if action == PUBLISH:
        return PublicationStatus.PUBLISHED
    if action == SUBMIT:
        return PublicationStatus.IN_REVIEW
    return stored or PublicationStatus.DRAFT


def buttons(user, model, stored, live):
    """(action, label) for each button `user` sees on the form of a record in state `stored`."""
    shown = [SAVE]
    if live or stored != PublicationStatus.IN_REVIEW:
        shown.append(SUBMIT)
    if can_publish(user, model):
        shown.append(PUBLISH)
    return [(action, LABELS[action]) for action in shown]
