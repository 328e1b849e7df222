"""Bitrix24 tasks through a portal's incoming webhook: `POST {webhook}{method}.json` with a JSON
body; the answer is `{"result": ...}` or `{"error": "...", "error_description": "..."}`.

Errors become the domain's `BitrixError` with what they mean for the sync: a refused webhook
or a portal that is gone stops the client's sync until an admin fixes it; QUERY_LIMIT_EXCEEDED
backs off; a network failure, a timeout or a 5xx may or may not have done the call (retried,
looking first); any other error is Bitrix24 refusing this one call.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import aiohttp

from domain.bitrix.model import (
    PAGE,
    BitrixError,
    Failure,
    NewTask,
    RemoteComment,
    RemoteTask,
)

# The webhook itself is refused, or the portal is not there any more.
PORTAL_ERRORS = frozenset({
    "NO_AUTH_FOUND", "INVALID_CREDENTIALS", "expired_token", "invalid_token",
    "insufficient_scope", "WRONG_AUTH_TYPE", "PORTAL_DELETED", "ERROR_METHOD_NOT_FOUND",
    "OVERLOAD_LIMIT", "ACCESS_DENIED_PORTAL", "INVALID_REQUEST",
})
BUSY_ERRORS = frozenset({"QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT"})
TRANSIENT_ERRORS = frozenset({"INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER"})


def failure_of(status: int, code: str | None) -> Failure:
    """What an error answer means for the sync."""
    if code in BUSY_ERRORS or status == 429:
        return Failure.BUSY
    if code in PORTAL_ERRORS or status == 401 or (code is None and status in (403, 404)):
        return Failure.PORTAL
    if code in TRANSIENT_ERRORS or status >= 500:
        return Failure.TRANSIENT
    return Failure.REJECTED


class Bitrix24Rest:
    """`domain.bitrix.ports.TaskTracker` over Bitrix24's REST API."""

    def __init__(self, *, timeout: float = 10.0) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def call(self, webhook: str, method: str, params: dict[str, Any]) -> Any:
        """One method; its `result`, or `BitrixError`."""
        try:
            async with aiohttp.ClientSession(timeout=self._timeout) as http, \
                    http.post(f"{webhook}{method}.json", json=params) as response:
                body = await response.read()
                status = response.status
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise BitrixError(Failure.TRANSIENT, "NETWORK", str(exc) or type(exc).__name__) \
                from None
        try:
            payload = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError):
            payload = None
        if isinstance(payload, dict) and payload.get("error"):
            code = str(payload["error"])
            raise BitrixError(failure_of(status, code), code,
                              str(payload.get("error_description") or ""))
        if status >= 300 or not isinstance(payload, dict) or "result" not in payload:
            raise BitrixError(failure_of(status, None), f"HTTP_{status}",
                              body[:200].decode("utf-8", "replace"))
        return payload["result"]

    async def check(self, webhook: str) -> None:
        await self.call(webhook, "tasks.task.list",
                        {"filter": {"ID": 0}, "select": ["ID"]})

    async def add_task(self, webhook: str, task: NewTask) -> str:
        result = await self.call(webhook, "tasks.task.add", {"fields": {
            "TITLE": task.title, "DESCRIPTION": task.description,
            "RESPONSIBLE_ID": task.responsible_id, "XML_ID": task.xml_id}})
        return str(_task(result)["id"])

    async def find_task(self, webhook: str, xml_id: str) -> str | None:
        result = await self.call(webhook, "tasks.task.list", {
            "filter": {"XML_ID": xml_id}, "select": ["ID"]})
        tasks = (result or {}).get("tasks") or []
        return str(tasks[0]["id"]) if tasks else None

    async def task_status(self, webhook: str, task_id: str) -> int:
        result = await self.call(webhook, "tasks.task.get", {
            "taskId": int(task_id), "select": ["ID", "STATUS"]})
        return int(_task(result)["status"])

    async def tasks(self, webhook: str, task_ids: Sequence[str]) -> Sequence[RemoteTask]:
        found: list[RemoteTask] = []
        for start in range(0, len(task_ids), PAGE):
            result = await self.call(webhook, "tasks.task.list", {
                "filter": {"ID": [int(i) for i in task_ids[start:start + PAGE]]},
                "select": ["ID", "STATUS", "COMMENTS_COUNT"]})
            for task in (result or {}).get("tasks") or []:
                found.append(RemoteTask(str(task["id"]), int(task.get("status") or 0),
                                        int(task.get("commentsCount") or 0)))
        return found

    async def complete(self, webhook: str, task_id: str) -> None:
        await self.call(webhook, "tasks.task.complete", {"taskId": int(task_id)})

    async def renew(self, webhook: str, task_id: str) -> None:
        await self.call(webhook, "tasks.task.renew", {"taskId": int(task_id)})

    async def add_comment(self, webhook: str, task_id: str, text: str) -> int:
        result = await self.call(webhook, "task.commentitem.add", {
            "TASKID": int(task_id), "FIELDS": {"POST_MESSAGE": text}})
        return int(result)

    async def comments(self, webhook: str, task_id: str,
                       after_id: int) -> Sequence[RemoteComment]:
        result = await self.call(webhook, "task.commentitem.getlist", {
            "TASKID": int(task_id), "ORDER": {"ID": "asc"}, "FILTER": {">ID": after_id}})
        return [RemoteComment(int(c["ID"]), str(c.get("AUTHOR_NAME") or ""),
                              str(c.get("POST_MESSAGE") or "")) for c in result or []]


def _task(result: Any) -> dict:
    task = (result or {}).get("task") if isinstance(result, dict) else None
    if not isinstance(task, dict) or "id" not in task:
        raise BitrixError(Failure.REJECTED, "UNEXPECTED_ANSWER", json.dumps(result)[:200])
    return task
