"""The figures one benchmark script measured, written as JSON by its `--json FILE` option.

`scripts/bench` runs every benchmark script with `--json` and collects these files into
Benchmarks/RESULTS.md. A file holds the script's name, how it was run, and one entry per figure:

    {"script": "bench-check", "settings": "median of 3 runs",
     "figures": [{"benchmark": "check: github-api-2022-07.json (4.0 MB)", "ours": "0.80 s",
                  "peer": "openapi-spec-validator", "peer_figure": "5.45 s", "ratio": "6.8x faster",
                  "target": "< 1 s", "met": true}]}

`met` is true, false or null (no target, or not measurable in this run).
"""
import json


class Figures:
    """Rows of one script's report, in the order they were measured."""

    def __init__(self, script, settings=""):
        self.script = script
        self.settings = settings
        self.rows = []

    def add(self, benchmark, ours, peer="", peer_figure="", ratio="", target="", met=None):
        self.rows.append({"benchmark": benchmark, "ours": ours, "peer": peer, "peer_figure": peer_figure,
                          "ratio": ratio, "target": target, "met": met})

    def write(self, path):
        """Writes the figures to `path`; does nothing when `path` is None (no --json given)."""
        if path is None:
            return
        with open(path, "w") as file:
            json.dump({"script": self.script, "settings": self.settings, "figures": self.rows}, file, indent=2)
            file.write("\n")


def seconds(value):
    """`0.61 s`, `12.3 s` or `4 min 05 s`: a wall time for a table cell."""
    if value >= 600:
        return f"{int(value // 60)} min {int(value % 60):02d} s"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def ratio(theirs, ours):
    """How many times faster ours is (peer time / our time), as `13.5x`."""
    if not ours or theirs is None:
        return ""
    return f"{theirs / ours:.1f}x"
