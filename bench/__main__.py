"""`make bench`: throughput and latency figures as JSON lines (never timed tests).

Every `bench/*_bench.py` module with `run() -> list[dict]` is run in turn; ratios are
measured within the same run, since the machines are shared and noisy.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import pkgutil
import sys
import time
import traceback

import bench


def main(selected: list[str]) -> int:
    failures = 0
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.endswith("_bench"))
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        started = time.perf_counter()
        try:
            rows = importlib.import_module(f"bench.{name}").run()
            if asyncio.iscoroutine(rows):
                rows = asyncio.run(rows)
        except Exception:  # noqa: BLE001 - one broken bench must not hide the others
            failures += 1
            print(json.dumps({"bench": name, "error": traceback.format_exc(limit=3)}), flush=True)
            continue
        for row in rows:
            print(json.dumps(row, ensure_ascii=False), flush=True)
        print(f"# {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
