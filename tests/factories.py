"""Small builders for test data: published by default, drafts on request."""

import datetime
import itertools

from model_bakery import baker

from atlas.models import PublicationStatus
from lessons.models import Lesson, LessonKind, Theme, Topic, TopicKind
from missions.dates import DatePrecision
from missions.models import HostCountry, Mission, MissionOrganization, Role
from organizations.models import Organization, OrganizationKind
from sources.models import Citation, Source, SourceKind, SourceSection

_numbers = itertools.count(1)


def _next():
    return next(_numbers)


def make_user(name, group):
    """A staff account in one of the editorial groups (Viewer, Editor, Publisher)."""
    from django.contrib.auth.models import Group, User

    from atlas.roles import sync_groups

    sync_groups()
    user = User.objects.create_user(name, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def make_source(**fields):
    number = _next()
    fields.setdefault("slug", f"source-{number}")
    fields.setdefault("title", f"Test source {number}")
    fields.setdefault("kind", SourceKind.ARTICLE)
    fields.setdefault("description", "A source made for a test.")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    return baker.make(Source, **fields)


def make_section(source=None, **fields):
    number = _next()
    fields.setdefault("heading", f"Section {number}")
    fields.setdefault("slug", f"section-{number}")
    fields.setdefault("position", number)
    return baker.make(SourceSection, source=source or make_source(), **fields)


def make_organization(**fields):
    number = _next()
    fields.setdefault("name", f"Organization {number}")
    fields.setdefault("acronym", f"ORG{number}")
    fields.setdefault("slug", f"organization-{number}")
    fields.setdefault("kind", OrganizationKind.REGIONAL)
    fields.setdefault("summary", "An organization made for a test.")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("parent", None)
    return baker.make(Organization, **fields)


def make_mission(organizations=(), countries=("CY",), **fields):
    number = _next()
    fields.setdefault("acronym", f"MISSION{number}")
    fields.setdefault("name", f"Test Mission {number}")
    fields.setdefault("slug", f"mission-{number}")
    fields.setdefault("summary", "A mission made for a test.")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("start_date", datetime.date(1990 + number % 30, 1, 1))
    fields.setdefault("start_precision", DatePrecision.YEAR)
    fields.setdefault("predecessor", None)
    mission = baker.make(Mission, **fields)
    for organization, role in organizations:
        MissionOrganization.objects.create(mission=mission, organization=organization, role=role)
    for country in countries:
        HostCountry.objects.create(mission=mission, country=country)
    return mission


def make_theme(**fields):
    number = _next()
    fields.setdefault("name", f"Theme {number}")
    fields.setdefault("slug", f"theme-{number}")
    return baker.make(Theme, **fields)


def make_topic(**fields):
    number = _next()
    fields.setdefault("name", f"Topic {number}")
    fields.setdefault("slug", f"topic-{number}")
    fields.setdefault("kind", TopicKind.PRINCIPLE)
    fields.setdefault("summary", "A topic made for a test.")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    return baker.make(Topic, **fields)


def make_lesson(**fields):
    number = _next()
    fields.setdefault("title", f"Lesson {number}")
    fields.setdefault("slug", f"lesson-{number}")
    fields.setdefault("kind", LessonKind.LESSON)
    fields.setdefault("observation", "Something seen in a test.")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    return baker.make(Lesson, **fields)


def cite(record, section=None, field="", **fields):
    """A citation of `record` (any citable model) to `section`."""
    target = {type(record).__name__.lower(): record}
    return Citation.objects.create(
        section=section or make_section(), field=field, **target, **fields
    )


def make_atlas(size):
    """A connected atlas of `size` missions, each with roles, countries, lessons and citations."""
    section = make_section()
    organizations = [make_organization() for _ in range(3)]
    themes = [make_theme() for _ in range(2)]
    topic = make_topic()
    missions = []
    for index in range(size):
        mission = make_mission(
            organizations=[
                (organizations[index % 3], Role.LEAD),
                (organizations[(index + 1) % 3], Role.PARTNER),
            ],
            countries=("CY", "LB"),
            start_date=datetime.date(1990 + index % 10, 1, 1),
        )
        cite(mission, section)
        cite(mission, section, field="start_date")
        lesson = make_lesson()
        lesson.themes.set(themes)
        lesson.missions.add(mission)
        lesson.organizations.add(organizations[0])
        lesson.topics.add(topic)
        cite(lesson, section)
        topic.missions.add(mission)
        missions.append(mission)
    for organization in organizations:
        cite(organization, section)
    cite(topic, section)
    return {
        "missions": missions,
        "organizations": organizations,
        "themes": themes,
        "topic": topic,
        "section": section,
    }


__all__ = [
    "DatePrecision",
    "Role",
    "cite",
    "make_atlas",
    "make_lesson",
    "make_mission",
    "make_organization",
    "make_section",
    "make_source",
    "make_theme",
    "make_topic",
]
