"""The backup's JSON format: Django's JSON, with times kept to the microsecond.

Django's encoder rounds datetimes down to the millisecond, so a history entry written at
11:47:59.000412 would come back as 11:47:59 and the restored atlas would not be the one
backed up. Restores read this with Django's own JSON deserializer, which parses it.
"""

import datetime

from django.core.serializers import json

Deserializer = json.Deserializer


class Serializer(json.Serializer):
    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        data["fields"] = {
            name: value.isoformat()
            if isinstance(value, datetime.datetime | datetime.time)
            else value
            for name, value in data["fields"].items()
        }
        return data
