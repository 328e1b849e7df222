"""`chatdesk import FILE` of big synthetic exports: wall time, CPU time and peak memory.

Each import is the real command line (the `chatdesk` script next to this Python) in its own
process, on a fresh SQLite database, with the environment a person would have: nothing is
warm, nothing is skipped. The Telegram export is the varied one (a chat over years: many
tickets, each repeated, replies), at 10k, 50k and 100k messages, so growth shows; the
WhatsApp one and a re-import of the largest file are measured at the largest size only.

`CHATDESK_BENCH_IMPORT_MESSAGES` sets the largest size (default 100,000); the smaller ones
are a tenth and a half of it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.importers.synthetic import write_telegram_export, write_whatsapp_export


def _command() -> list[str]:
    script = Path(sys.executable).with_name("chatdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def _peak_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _import(path: Path, staff: str, db: Path) -> dict:
    """One `chatdesk import` run. Peak memory is the child's own VmHWM, read while it runs
    (its ru_maxrss would include the bench process's peak, inherited at fork)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{db}"}
    argv = [*_command(), "import", str(path), "--client", "Bench", "--staff", staff, "--json"]
    # The report goes to a file, not a pipe: a report larger than the pipe's buffer would
    # block the child on its last write while this loop waits for it to exit.
    with tempfile.TemporaryFile() as out_file:
        started = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdout=out_file, stderr=subprocess.DEVNULL)
        peak = 0.0
        while child.poll() is None:  # VmHWM only grows: the last reading is within 20 ms
            peak = max(peak, _peak_mb(child.pid) or 0.0)
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        out_file.seek(0)
        out = out_file.read()
    report = json.loads(out) if child.returncode == 0 else {}
    return {"code": child.returncode, "seconds": seconds, "peak_rss_mb": peak,
            "tickets": len(report.get("tickets", []))}


def _cpu_seconds() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


def _row(name: str, count: int, measured: dict, cpu: float) -> dict:
    return {
        "bench": name,
        "messages": count,
        "seconds": round(measured["seconds"], 2),
        "cpu_seconds": round(cpu, 2),
        "messages_per_second": round(count / measured["seconds"]),
        "peak_rss_mb": round(measured["peak_rss_mb"], 1),
        "tickets": measured["tickets"],
        "ok": measured["code"] == 0,
    }


def _label(count: int) -> str:
    return f"{count // 1000}k" if count % 1000 == 0 else str(count)


def run() -> list[dict]:
    largest = int(os.environ.get("CHATDESK_BENCH_IMPORT_MESSAGES", "100000"))
    sizes = sorted({max(largest // 10, 1), max(largest // 2, 1), largest})
    rows = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="chatdesk-import-bench-") as folder:
        tmp = Path(folder)
        # What every import pays before its first message (migrations, the classifier).
        path = tmp / "tiny.json"
        write_telegram_export(path, 10, 1, varied=True)
        before = _cpu_seconds()
        tiny = _import(path, "user900", tmp / "tiny.sqlite3")
        startup = {"seconds": tiny["seconds"], "cpu_seconds": _cpu_seconds() - before}
        rows.append({"bench": "import_startup", "seconds": round(startup["seconds"], 2),
                     "cpu_seconds": round(startup["cpu_seconds"], 2), "ok": tiny["code"] == 0})
        for count in sizes:
            path = tmp / f"result-{count}.json"
            write_telegram_export(path, count, 1, varied=True)
            db = tmp / f"telegram-{count}.sqlite3"
            before = _cpu_seconds()
            measured = _import(path, "user900", db)
            row = _row(f"import_{_label(count)}_telegram", count, measured,
                       _cpu_seconds() - before)
            if count == largest:
                before = _cpu_seconds()
                again = _import(path, "user900", db)  # the same file again: adds nothing
                row["reimport_seconds"] = round(again["seconds"], 2)
                row["reimport_cpu_seconds"] = round(_cpu_seconds() - before, 2)
                row["ok"] = row["ok"] and again["code"] == 0 and again["tickets"] == row["tickets"]
            rows.append(row)
        path = tmp / "chat.txt"
        write_whatsapp_export(path, largest, 1)
        before = _cpu_seconds()
        measured = _import(path, "Павел | Поддержка", tmp / "whatsapp.sqlite3")
        rows.append(_row(f"import_{_label(largest)}_whatsapp", largest, measured,
                         _cpu_seconds() - before))
    # Growth: time per message, start-up taken off, at the largest size over the smallest
    # (1.0 is linear, above it grows faster).
    first, last = rows[1], rows[len(sizes)]
    if len(sizes) > 1:
        def per_message(row: dict, key: str) -> float:
            return max(row[key] - startup[key], 1e-9) / row["messages"]

        rows.append({
            "bench": "import_growth",
            "per_message_ratio_cpu": round(per_message(last, "cpu_seconds")
                                           / per_message(first, "cpu_seconds"), 2),
            "per_message_ratio_wall": round(per_message(last, "seconds")
                                            / per_message(first, "seconds"), 2),
            "load_average_1min_at_start": round(load, 2),
        })
    return rows
