"""The data set imports, one part per file (or group of files), in the order they run.

Each part takes the data folder and returns its Report; `import_datasets` runs the chosen
parts in one transaction (atlas.dataimport.run).
"""

from pathlib import Path

from django.conf import settings

from atlas.dataimport import run
from datasets.importers.authorized import import_authorized
from datasets.importers.budgets import import_budgets
from datasets.importers.contributors import import_contributors
from datasets.importers.deployments import import_deployments
from datasets.importers.fatalities import import_fatalities
from datasets.importers.leaders import import_leaders
from datasets.importers.mandates import import_mandates
from datasets.importers.operations import import_operations
from datasets.importers.personnel import import_personnel
from datasets.importers.sitecontributors import import_site_contributors
from datasets.summaries import refresh

DATASETS = Path(settings.BASE_DIR) / "data" / "datasets"

# name: (what it imports, the function)
PARTS = {
    "budgets": ("approved budgets 2026/27", import_budgets),
    "deployments": ("deployment sites per year (Geo-PKO)", import_deployments),
    "personnel": ("uniformed personnel per mission and month (IPI)", import_personnel),
    "authorized": ("authorized strength per mission and month", import_authorized),
    "non-un-personnel": ("UN and non-UN operations' personnel (Bara & Hultman)", import_operations),
    "fatalities": ("fatalities in UN peace operations 1948–2025", import_fatalities),
    "leaders": ("leadership appointments 1948–2019", import_leaders),
    "contributors": ("contributing countries by month 2009–2014", import_contributors),
    "site-contributors": ("contributing countries by site and year", import_site_contributors),
    "mandates": ("mandates by resolution (TAMM) and their documents", import_mandates),
}


def import_datasets(directory=DATASETS, parts=None, dry_run=False, strict=False):
    """Run the named parts (default: all) over the files in `directory`.

    The mission figures (datasets.summaries) are worked out again at the end.
    Returns (reports, written): nothing is written for a dry run, or with `strict` when a
    row was rejected.
    """
    directory = Path(directory)
    chosen = parts or list(PARTS)
    steps = [lambda function=PARTS[name][1]: function(directory) for name in chosen]
    # Last, whichever parts ran: the headline figures follow from every part's rows.
    steps.append(refresh)
    return run(steps, dry_run=dry_run, strict=strict)
