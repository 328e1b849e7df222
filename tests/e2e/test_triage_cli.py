"""`chatdesk classify` and `chatdesk eval` as a person runs them: real processes, real files."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from tests.fakes.openai_server import FakeOpenAIServer, answer

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "tests" / "data" / "triage_holdout.jsonl"


async def chatdesk(*args: str, stdin: str = "", env: dict | None = None) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, cwd=ROOT,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env={**os.environ, **(env or {})},
    )
    out, err = await process.communicate(stdin.encode())
    return process.returncode, out.decode(), err.decode()


async def test_classify_answers_every_line_in_order_and_survives_bad_lines():
    lines = [
        json.dumps({"id": 1, "text": "скиньте кряк для 1С"}, ensure_ascii=False),
        "this is not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": 3, "text": "Как выставить счёт из сделки?"}, ensure_ascii=False),
    ]
    code, out, _ = await chatdesk("classify", stdin="\n".join(lines) + "\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 4
    assert rows[0] == {"id": 1, "kind": "out_of_scope", "confidence": rows[0]["confidence"],
                       "reason": "piracy"}
    assert "error" in rows[1] and rows[1]["line"] == 2
    assert rows[2]["kind"] == "noise" and rows[3]["kind"] == "managerial"


async def test_eval_prints_per_kind_scores_and_macro_f1():
    code, out, _ = await chatdesk("eval", str(HOLDOUT), "--json")
    report = json.loads(out)
    assert code == 0 and report["macro_f1"] >= 0.9
    assert set(report["per_kind"]) >= {"technical", "noise", "out_of_scope"}


async def test_eval_of_a_broken_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "kind": "noise"}\n{"text": "x", "kind": "weird"}\n')
    code, _, err = await chatdesk("eval", str(bad))
    assert code == 2 and "bad.jsonl:2" in err and "Traceback" not in err


async def test_eval_with_llm_compares_both_classifiers_side_by_side(tmp_path):
    labelled = tmp_path / "set.jsonl"
    labelled.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in [
        {"id": "1", "text": "Почта не синхронизируется у Петрова", "kind": "technical"},
        {"id": "2", "text": "Как поставить задачу коллеге?", "kind": "managerial"},
    ]) + "\n")
    async with FakeOpenAIServer() as server:
        server.then(answer(kind="technical", title="Почта"), answer(kind="managerial",
                                                                    title="Задача"))
        code, out, err = await chatdesk("eval", str(labelled), "--llm", env={
            "LLM_BASE_URL": server.base_url, "LLM_MODEL": "test-model",
            "OPENAI_API_KEY": "k"})
    assert code == 0, err
    assert "macro" in out.lower() and len(server.requests) == 2
