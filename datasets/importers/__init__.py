"""The data set imports, one part per file (or group of files), in the order they run.

Each part takes the data folder and returns its Report; `import_datasets` runs the chosen
parts in one transaction (atlas.dataimport.run).
"""

from pathlib import Path

from django.conf import settings

from atlas.dataimport import run
from datasets.importers.budgets import import_budgets
from datasets.importers.mandates import import_mandates

DATASETS = Path(settings.BASE_DIR) / "data" / "datasets"

# name: (what it imports, the function)
PARTS = {
    "budgets": ("approved budgets 2026/27", import_budgets),
    "mandates": ("mandates by resolution (TAMM) and their documents", import_mandates),
}


def import_datasets(directory=DATASETS, parts=None, dry_run=False, strict=False):
    """Run the named parts (default: all) over the files in `directory`.

    Returns (reports, written): nothing is written for a dry run, or with `strict` when a
    row was rejected.
    """
    directory = Path(directory)
    chosen = parts or list(PARTS)
    steps = [lambda function=PARTS[name][1]: function(directory) for name in chosen]
    return run(steps, dry_run=dry_run, strict=strict)
