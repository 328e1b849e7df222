"""`chatdesk import` of big synthetic exports on SQLite: time, throughput and peak memory.

Each import runs in its own process (the real command line), so peak RSS is the import's own.
`CHATDESK_BENCH_IMPORT_MESSAGES` changes the size (default 100,000).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.importers.synthetic import write_telegram_export, write_whatsapp_export

# Peak memory is the child's VmHWM: its ru_maxrss would carry the parent's peak across exec
# (Linux keeps the larger of the two), and the bench process has run other benches by then.
_CHILD = """
import contextlib, io, json, sys, time
from bot.cli import main
started = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["import", sys.argv[1], "--client", "Bench", "--staff", sys.argv[2], "--json"])
seconds = time.perf_counter() - started
report = json.loads(out.getvalue()) if code == 0 else {}
print(json.dumps({"code": code, "seconds": seconds, "tickets": len(report.get("tickets", [])),
                  "peak_rss_mb": next(int(line.split()[1]) for line in open("/proc/self/status")
                                      if line.startswith("VmHWM:")) / 1024}))
"""


def _import(path: Path, staff: str, db: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{db}", "LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), staff], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> list[dict]:
    count = int(os.environ.get("CHATDESK_BENCH_IMPORT_MESSAGES", "100000"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="chatdesk-import-bench-") as folder:
        tmp = Path(folder)
        cases = [("telegram", tmp / "result.json", "user900", write_telegram_export),
                 ("whatsapp", tmp / "chat.txt", "Павел | Поддержка", write_whatsapp_export)]
        for name, path, staff, write in cases:
            write(path, count, 1)
            measured = _import(path, staff, tmp / f"{name}.sqlite3")
            started = time.perf_counter()
            again = _import(path, staff, tmp / f"{name}.sqlite3")
            rows.append({
                "bench": f"import_{count // 1000}k_{name}",
                "messages": count,
                "seconds": round(measured["seconds"], 2),
                "messages_per_second": round(count / measured["seconds"]),
                "peak_rss_mb": round(measured["peak_rss_mb"], 1),
                "tickets": measured["tickets"],
                "reimport_seconds": round(time.perf_counter() - started, 2),
                "ok": measured["code"] == 0 and again["code"] == 0,
            })
    # Children's CPU time, for comparing runs on a shared, noisy machine.
    rows.append({"bench": "import_cpu_seconds",
                 "seconds": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime, 1)})
    return rows
