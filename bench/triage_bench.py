"""Built-in classifier throughput on the bundled corpus."""

from __future__ import annotations

import json
import time
from pathlib import Path

import domain.triage
from domain.triage import BuiltinClassifier


def _texts() -> list[str]:
    corpus = Path(domain.triage.__file__).with_name("corpus")
    return [json.loads(line)["text"] for path in sorted(corpus.glob("*.jsonl"))
            for line in path.open(encoding="utf-8") if line.strip()]


def run() -> list[dict]:
    texts = _texts()
    started = time.perf_counter()
    classifier = BuiltinClassifier()
    classifier.predict("прогрев")  # the model trains on first use
    warmup = time.perf_counter() - started
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < 2.0:
        for text in texts:
            classifier.predict(text)
        count += len(texts)
    seconds = time.perf_counter() - started
    big = "Не работает выгрузка, вот лог: " + "ошибка соединения 0x80004005 " * 4000
    t0 = time.perf_counter()
    classifier.predict(big)
    return [
        {"bench": "triage_throughput", "messages": count, "seconds": round(seconds, 3),
         "messages_per_second": round(count / seconds), "startup_seconds": round(warmup, 3)},
        {"bench": "triage_100kb_message", "chars": len(big),
         "milliseconds": round((time.perf_counter() - t0) * 1000, 2)},
    ]
