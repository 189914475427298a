"""Write the results blocks of BENCHMARKS.md and the latency-against-size plot from results/."""

import json
import statistics
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from run import GROWING_ANSWER, SAME_ANSWER  # noqa: E402 - bench/run.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "BENCHMARKS.md"
PLOT = ROOT / "bench" / "results" / "latency-by-size.png"


def row(name, numbers, bare_rps, extra=""):
    ratio = numbers["rps"] / bare_rps if bare_rps else 0
    return (
        f"| {name} | {numbers['rps']:,.0f} | {numbers['p50_ms']:.1f} | {numbers['p95_ms']:.1f} "
        f"| {numbers['p99_ms']:.1f} | {ratio:.2f} | {extra} | {numbers['non_2xx']} |"
    )


def block(result):
    machine, settings = result["machine"], result["settings"]
    bare = result["bare"]["rps"]
    datasette = result.get("datasette", {})
    ds_rps = {name: numbers["rps"] for name, numbers in datasette.items()}
    lines = [
        f"Measured {result['date']} on {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gib']} GiB; Python {machine['python']}, Django {machine['django']}, "
        f"SQLite {machine['sqlite']}"
        + (f", PostgreSQL {machine['postgres']}" if machine.get("postgres") else "")
        + f", wrk {machine['wrk']}.",
        f"Server: {settings['server']}. Load: {settings['load']}, from a second process on the "
        f"same machine. Data: {settings['missions']:,} synthetic missions and "
        f"{settings['lessons']:,} lessons plus the shipped atlas.",
        "",
        "| page (uncached) | req/s | p50 ms | p95 ms | p99 ms | × bare view | × Datasette "
        "| non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        row("bare Django view (reference)", result["bare"], bare),
    ]
    for name, numbers in result["pages"].items():
        extra = ""
        if name.startswith("directory, 2 facets") and ds_rps.get("2 facets selected"):
            extra = f"{numbers['rps'] / ds_rps['2 facets selected']:.1f}"
        elif name == "directory, unfiltered" and ds_rps.get("unfiltered, 2 facets"):
            extra = f"{numbers['rps'] / ds_rps['unfiltered, 2 facets']:.1f}"
        lines.append(row(name, numbers, bare, extra))
    for name, numbers in datasette.items():
        lines.append(row(f"Datasette: missions table, {name} (reference)", numbers, bare))
    if result.get("cached"):
        cached_bare = result["bare_cached_server"]["rps"]
        lines += [
            "",
            "With the anonymous page cache on (same server settings; ratios to the bare view "
            "measured on that server):",
            "",
            "| page (cached) | req/s | p50 ms | p95 ms | p99 ms | × bare view | × Datasette "
            "| non-2xx |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            row("bare Django view (reference)", result["bare_cached_server"], cached_bare),
        ]
        for name, numbers in result["cached"].items():
            extra = ""
            if name.startswith("directory, 2 facets") and ds_rps.get("2 facets selected"):
                extra = f"{numbers['rps'] / ds_rps['2 facets selected']:.1f}"
            lines.append(row(name, numbers, cached_bare, extra))
    if result.get("rounds"):
        lines += [
            "",
            "Adjacent rounds, every server up (the paired targets are the medians of these):",
            "",
            "| round | bare req/s | directory, 2 facets req/s | Datasette req/s | ÷ Datasette "
            "| mission detail p95 ms | slowest cached req/s | cached ÷ bare |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for number, one in enumerate(result["rounds"], 1):
            directory, datasette = one[DIRECTORY_2]["rps"], one[DATASETTE_2]["rps"]
            slowest = min(n["rps"] for n in one["cached"].values())
            lines.append(
                f"| {number} | {one['bare']['rps']:,.0f} | {directory:,.0f} | {datasette:,.0f} "
                f"| {directory / datasette:.1f} | {one['mission detail']['p95_ms']:.1f} "
                f"| {slowest:,.0f} | {slowest / one['bare']['rps']:.2f} |"
            )
    if result.get("scaling"):
        sizes = list(result["scaling"])
        names = list(result["scaling"][sizes[0]])
        lines += [
            "",
            "p95 latency (ms) as the atlas grows, uncached:",
            "",
            "| page | "
            + " | ".join(f"{int(size):,} missions" for size in sizes)
            + " | largest ÷ smallest |",
            "|---|" + "---:|" * (len(sizes) + 1),
        ]
        for name in names:
            values = [result["scaling"][size][name]["p95_ms"] for size in sizes]
            lines.append(
                f"| {name} | "
                + " | ".join(f"{value:.1f}" for value in values)
                + f" | {values[-1] / values[0]:.2f} |"
            )
    if result.get("techniques"):
        lines += [
            "",
            "Each technique before and after (median ms of 15 in-process calls at this size):",
            "",
            "| what | before | ms | after | ms | speed-up |",
            "|---|---|---:|---|---:|---:|",
        ]
        for name, numbers in result["techniques"].items():
            before, after = numbers["before"], numbers["after"]
            speedup = f"{before / after:,.0f}×" if before and after else ""
            lines.append(
                f"| {name} | {numbers['before_is']} | "
                + ("" if before is None else f"{before:,.2f}")
                + f" | {numbers['after_is']} | {after:,.2f} | {speedup} |"
            )
    build = result.get("build_seconds", {})
    if build:
        lines += [
            "",
            f"Building the database took {build['total']} s, of which generate_synthetic "
            f"took {build['generate_synthetic']} s.",
        ]
    return "\n".join(lines)


def paired(read):
    """The median, over the adjacent rounds, of a number read from one round."""
    return lambda r: statistics.median(read(one) for one in r["rounds"])


DIRECTORY_2 = "directory, 2 facets (as Datasette)"
DATASETTE_2 = "Datasette, 2 facets selected"

TARGETS = [
    # (what, how to read it from a result, the target, how to compare)
    ("Directory with facets, uncached p95 (ms)",
     lambda r: r["pages"]["directory, 3 facets + search"]["p95_ms"], 50, "<"),
    ("Directory with facets, req/s ÷ Datasette's (same 2 facets selected; median of the "
     "adjacent rounds)",
     paired(lambda one: one[DIRECTORY_2]["rps"] / one[DATASETTE_2]["rps"]), 10, ">="),
    ("The same, with the page cache on",
     paired(lambda one: one["cached"][DIRECTORY_2]["rps"] / one[DATASETTE_2]["rps"]), 10, ">="),
    ("Mission detail, uncached p95 (ms; median of the adjacent rounds)",
     paired(lambda one: one["mission detail"]["p95_ms"]), 20, "<"),
    ("Site search p95 (ms)", lambda r: r["pages"]["site search"]["p95_ms"], 100, "<"),
    ("Cached pages, slowest req/s ÷ bare view's (uncached server; median of the adjacent "
     "rounds)",
     paired(lambda one: min(n["rps"] for n in one["cached"].values()) / one["bare"]["rps"]),
     0.8, ">="),
    ("p95 at the largest size ÷ p95 at the smallest, worst page with the same answer at "
     "every size (directory with 2 facets, a named place searched, mission page)",
     lambda r: growth(r, SAME_ANSWER), 2, "<="),
    ("The same for searches whose matches grow 100× with the atlas (reported, see below)",
     lambda r: growth(r, GROWING_ANSWER), None, None),
    ("Admin changelist p95 (ms)", lambda r: r["pages"]["admin changelist"]["p95_ms"], 150, "<"),
]  # fmt: skip


def growth(result, pages):
    """The largest ratio of p95 at the largest size to p95 at the smallest, among `pages`."""
    scaling = result["scaling"]
    largest, smallest = scaling[max(scaling, key=int)], scaling[min(scaling, key=int)]
    return max(largest[page]["p95_ms"] / smallest[page]["p95_ms"] for page in pages)


def targets(results):
    backends = list(results)
    lines = [
        "| target | " + " | ".join(backends) + " | wanted |",
        "|---|" + "---:|" * (len(backends) + 1),
    ]
    for what, read, wanted, compare in TARGETS:
        cells = []
        for backend in backends:
            try:
                value = read(results[backend])
            except (KeyError, ValueError, ZeroDivisionError):
                cells.append("–")
                continue
            if compare is None:
                cells.append(f"{value:,.2f}")
                continue
            met = {"<": value < wanted, "<=": value <= wanted, ">=": value >= wanted}[compare]
            cells.append(f"{value:,.2f} {'✔' if met else '✘'}")
        wanted_cell = f"{compare} {wanted}" if compare else "–"
        lines.append(f"| {what} | " + " | ".join(cells) + f" | {wanted_cell} |")
    return "\n".join(lines)


def before_after(before, after):
    lines = [
        "| page | before req/s | before p50 | before p95 | after req/s | after p50 | after p95 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, old in before["pages"].items():
        new = after["pages"].get(name)
        if new is None:
            continue
        lines.append(
            f"| {name} | {old['rps']:,.0f} | {old['p50_ms']:.1f} | {old['p95_ms']:.1f} "
            f"| {new['rps']:,.0f} | {new['p50_ms']:.1f} | {new['p95_ms']:.1f} |"
        )
    return "\n".join(lines)


def replace_block(text, backend, content):
    begin, end = f"<!-- results:{backend} -->", f"<!-- /results:{backend} -->"
    if begin not in text:
        return text + f"\n{begin}\n{content}\n{end}\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{content}\n{end}{tail}"


def plot(results):
    figure, axes = plt.subplots(1, len(results), figsize=(6 * len(results), 4), squeeze=False)
    for axis, (backend, result) in zip(axes[0], results.items(), strict=True):
        sizes = [int(size) for size in result.get("scaling", {})]
        if not sizes:
            continue
        for name in result["scaling"][str(sizes[0])]:
            p95 = [result["scaling"][str(size)][name]["p95_ms"] for size in sizes]
            growing = name in GROWING_ANSWER
            axis.plot(
                sizes,
                p95,
                marker="o",
                linestyle="--" if growing else "-",
                label=f"{name} (matches grow 100×)" if growing else name,
            )
        axis.set_xscale("log")
        axis.set_xlabel("missions in the atlas")
        axis.set_ylabel("p95 latency (ms)")
        axis.set_ylim(bottom=0)
        axis.set_title(f"{backend}: p95 latency against size (uncached)")
        axis.grid(True, alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(PLOT, dpi=100)


def main():
    results = {path.stem: json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))}
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n"
    for backend, result in results.items():
        text = replace_block(text, backend, block(result))
    text = replace_block(text, "targets", targets(results))
    baseline = ROOT / "bench" / "baseline" / "sqlite-before.json"
    if baseline.exists() and "sqlite" in results:
        text = replace_block(
            text, "before-after", before_after(json.loads(baseline.read_text()), results["sqlite"])
        )
    REPORT.write_text(text)
    if any(result.get("scaling") for result in results.values()):
        plot(results)


if __name__ == "__main__":
    main()
