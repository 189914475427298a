"""How long each kind of long text may be, and the text field that keeps to it.

The limits are generous for a reference entry and still bound what a page costs to render.
The longest shipped texts are an organization's description (1,224 characters) and a
topic's body (763); a long encyclopedia-style mission article runs to some 9,000 words,
which ARTICLE holds with room to spare. A summary is one or two sentences shown in lists
(the longest shipped is 300), a passage (a mandate, an outcome's reasoning, a lesson's
observation) a few pages, a description of a theme or a source a few paragraphs.
"""

from django.core.validators import MaxLengthValidator
from django.db import models

SUMMARY = 1_000
DESCRIPTION = 5_000
PASSAGE = 20_000
ARTICLE = 60_000


def too_long_message(limit):
    """The message an editor, an import row or a fixture gets; %(show_value)d is filled in."""
    return (
        f"Too long: this field holds at most {limit:,} characters, "
        "and this text has %(show_value)d."
    )


class LimitedTextField(models.TextField):
    """A TextField with a length limit that the model, its forms and the textarea all keep.

    The model validates it (full_clean: the admin form, the bulk import, the fixture
    loader), and the form field gets the same limit, so the textarea carries `maxlength`
    and a crafted POST gets the same message. The column stays unbounded `text`.
    """

    def __init__(self, *args, max_length, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(max_length, message=too_long_message(max_length)))

    def formfield(self, **kwargs):
        messages = {"max_length": too_long_message(self.max_length)}
        return super().formfield(**{"error_messages": messages, **kwargs})
