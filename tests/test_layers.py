"""The code's layers: each app imports only the apps below it, counting imports inside
functions, so no two apps import each other and there is no import cycle.

    atlas (base) ← sources ← organizations ← missions ← documents ← datasets ← countries
    ← lessons ← website ← peacekeeping

A relation that points up the order is a string reference ("lessons.Lesson"), a reverse
relation or apps.get_model(), never an import.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    "atlas",
    "sources",
    "organizations",
    "missions",
    "documents",
    "datasets",
    "countries",
    "lessons",
    "website",
    "peacekeeping",
]


def module_name(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imported_modules(path, package):
    """(line, imported module) for every import in the file, inside functions too;
    `package` is the file's package as a list of names, for relative imports."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            yield node.lineno, target
            # `from atlas import freshness` imports the module atlas.freshness.
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}"


def app_edges():
    """{(importing app, imported app): [where]} between the project's apps."""
    edges = defaultdict(list)
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            package = module_name(path).split(".")[:-1]
            for line, target in imported_modules(path, package):
                other = target.split(".")[0]
                if other in LAYERS and other != app:
                    edges[(app, other)].append(f"{path.relative_to(ROOT)}:{line} {target}")
    return edges


def test_every_import_points_down_the_layers():
    upward = {
        (app, other): where
        for (app, other), where in app_edges().items()
        if LAYERS.index(other) > LAYERS.index(app)
    }
    assert not upward, "\n".join(f"{a} imports {b}: {w}" for (a, b), w in upward.items())


def test_no_two_apps_import_each_other():
    edges = app_edges()
    both_ways = sorted({tuple(sorted(pair)) for pair in edges if pair[::-1] in edges})
    assert not both_ways


def test_the_walker_sees_imports_inside_functions_and_relative_ones(tmp_path):
    source = tmp_path / "views.py"
    source.write_text(
        "import missions.models\nfrom . import models\ndef f():\n    from ..website import search\n"
    )
    found = {target for _, target in imported_modules(source, ["lessons"])}
    assert {"missions.models", "lessons.models", "website.search"} <= found
