"""TAMM's mandates: the importer lives with the documents it makes (documents.importing);
the data sets give it their mission-name rules."""

from datasets.missionnames import MissionNames
from documents.importing import import_mandates as import_documents_and_tasks


def import_mandates(directory):
    return import_documents_and_tasks(directory, MissionNames())
