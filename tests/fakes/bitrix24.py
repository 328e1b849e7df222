"""A fake Bitrix24 portal on 127.0.0.1 answering its REST API through an incoming webhook,
as documented: `POST /rest/{user}/{key}/{method}.json`, answers `{"result": ..., "time": ...}`
or `{"error": "...", "error_description": "..."}` with the documented HTTP statuses (401
NO_AUTH_FOUND for a wrong key, 404 ERROR_METHOD_NOT_FOUND, 503 QUERY_LIMIT_EXCEEDED, 500
INTERNAL_SERVER_ERROR). Tasks' fields come back in camelCase from `tasks.task.*`, comments in
upper case from `task.commentitem.*`.

Tests change the portal the way people do (`set_status`, `comment`) and break it the way the
world does: `outage` answers 503 to everything, `throttle(n)` answers QUERY_LIMIT_EXCEEDED to
the next n calls, `lose_answers(n)` does the next n calls and then drops the connection (the
caller cannot know it happened)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

USER, KEY = 1, "k3y7fake0webhook"
CONTROLLER = 7  # the portal's employee who works in Bitrix24 in the tests


@dataclass
class Task:
    id: int
    title: str
    description: str
    responsible_id: int
    xml_id: str | None
    status: int = 2
    comments: list[dict[str, Any]] = field(default_factory=list)


class FakeBitrix24:
    def __init__(self) -> None:
        self.tasks: dict[int, Task] = {}
        self.calls: list[str] = []  # method names, in order
        self.outage = False
        self._throttle = 0
        self._lose = 0
        self._task_ids = itertools.count(101)
        self._comment_ids = itertools.count(1001)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    @property
    def webhook(self) -> str:
        return f"{self.base_url}/rest/{USER}/{KEY}/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/rest/{user}/{key}/{method}", self._call)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - the chosen free port
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- the world ----------------------------------------------------------------------------

    def throttle(self, calls: int) -> None:
        self._throttle = calls

    def lose_answers(self, calls: int) -> None:
        self._lose = calls

    def set_status(self, task_id: int, status: int) -> None:
        self.tasks[task_id].status = status

    def comment(self, task_id: int, text: str, author: str = "Ольга Контролёр") -> None:
        self.tasks[task_id].comments.append({
            "ID": str(next(self._comment_ids)), "AUTHOR_ID": str(CONTROLLER),
            "AUTHOR_NAME": author, "POST_MESSAGE": text,
            "POST_DATE": "2026-11-12T10:00:00+03:00"})

    def only_task(self) -> Task:
        [task] = self.tasks.values()
        return task

    # -- the API ------------------------------------------------------------------------------

    @staticmethod
    def _error(status: int, code: str, description: str) -> web.Response:
        return web.json_response({"error": code, "error_description": description},
                                 status=status)

    async def _call(self, request: web.Request) -> web.Response:
        info = request.match_info
        method = info["method"].removesuffix(".json")
        self.calls.append(method)
        if info["user"] != str(USER) or info["key"] != KEY:
            return self._error(401, "NO_AUTH_FOUND", "Wrong authorization data")
        if self.outage:
            return self._error(503, "INTERNAL_SERVER_ERROR", "Internal server error")
        if self._throttle:
            self._throttle -= 1
            return self._error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
        handler = getattr(self, "m_" + method.replace(".", "_"), None)
        if handler is None:
            return self._error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
        try:
            params = await request.json() if request.can_read_body else {}
        except ValueError:
            return self._error(400, "INVALID_REQUEST", "Body is not JSON")
        try:
            result = handler(params)
        except LookupError as exc:
            return self._error(400, "ERROR_CORE", f"{exc}")
        if self._lose:
            self._lose -= 1
            raise web.HTTPInternalServerError(text="upstream connection lost")  # after doing it
        return web.json_response({"result": result, "time": {"start": 0, "finish": 0}})

    def _task(self, params: dict[str, Any]) -> Task:
        task = self.tasks.get(int(params.get("taskId") or params.get("TASKID") or 0))
        if task is None:
            raise LookupError("Task not found or access denied")
        return task

    @staticmethod
    def _fields(task: Task, select: list[str] | None = None) -> dict[str, Any]:
        every = {"id": str(task.id), "title": task.title, "description": task.description,
                 "responsibleId": str(task.responsible_id), "status": str(task.status),
                 "xmlId": task.xml_id, "commentsCount": str(len(task.comments))}
        if not select:
            return every
        wanted = {"ID": "id", "TITLE": "title", "DESCRIPTION": "description",
                  "RESPONSIBLE_ID": "responsibleId", "STATUS": "status", "XML_ID": "xmlId",
                  "COMMENTS_COUNT": "commentsCount"}
        return {wanted[s]: every[wanted[s]] for s in select if s in wanted}

    def m_tasks_task_add(self, params: dict[str, Any]) -> dict[str, Any]:
        fields = params.get("fields") or {}
        if not fields.get("TITLE") or not fields.get("RESPONSIBLE_ID"):
            raise LookupError("TITLE and RESPONSIBLE_ID are required")
        task = Task(next(self._task_ids), fields["TITLE"], fields.get("DESCRIPTION", ""),
                    int(fields["RESPONSIBLE_ID"]), fields.get("XML_ID"))
        self.tasks[task.id] = task
        return {"task": self._fields(task)}

    def m_tasks_task_get(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"task": self._fields(self._task(params), params.get("select"))}

    def m_tasks_task_list(self, params: dict[str, Any]) -> dict[str, Any]:
        where = params.get("filter") or {}
        found = list(self.tasks.values())
        if "ID" in where:
            ids = where["ID"] if isinstance(where["ID"], list) else [where["ID"]]
            found = [t for t in found if t.id in {int(i) for i in ids}]
        if "XML_ID" in where:
            found = [t for t in found if t.xml_id == where["XML_ID"]]
        return {"tasks": [self._fields(t, params.get("select")) for t in found[:50]]}

    def m_tasks_task_complete(self, params: dict[str, Any]) -> dict[str, Any]:
        task = self._task(params)
        if task.status == 5:
            raise LookupError("Action is not allowed")
        task.status = 5
        return {"task": self._fields(task)}

    def m_tasks_task_renew(self, params: dict[str, Any]) -> dict[str, Any]:
        task = self._task(params)
        task.status = 2
        return {"task": self._fields(task)}

    def m_task_commentitem_add(self, params: dict[str, Any]) -> int:
        task = self._task(params)
        text = (params.get("FIELDS") or {}).get("POST_MESSAGE")
        if not text:
            raise LookupError("POST_MESSAGE is required")
        comment_id = next(self._comment_ids)
        task.comments.append({"ID": str(comment_id), "AUTHOR_ID": str(USER),
                              "AUTHOR_NAME": "chatdesk", "POST_MESSAGE": text,
                              "POST_DATE": "2026-11-12T10:00:00+03:00"})
        return comment_id

    def m_task_commentitem_getlist(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        task = self._task(params)
        after = int((params.get("FILTER") or {}).get(">ID") or 0)
        return [c for c in task.comments if int(c["ID"]) > after]
