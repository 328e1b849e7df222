"""The router tree's first branch: plain client messages in groups go straight to intake, and
nothing another router wants is taken there (handlers/telegram/__init__.py)."""

from __future__ import annotations

import pytest
from aiogram.types import Message

import bot.lean_aiogram  # noqa: F401 - aiogram as the bot imports it
from handlers.telegram import build_router
from handlers.telegram.filters import plain_group_message

GROUP = {"id": -1001, "type": "supergroup", "title": "ACME"}
PRIVATE = {"id": 42, "type": "private", "first_name": "Kate"}
KATE = {"id": 42, "is_bot": False, "first_name": "Kate"}


def _message(chat: dict, text: str | None = "Не работает телефония", **extra: object) -> Message:
    raw = {"message_id": 7, "date": 1_790_000_000, "chat": chat, "from": KATE, **extra}
    if text is not None:
        raw["text"] = text
    return Message.model_validate(raw)


async def test_a_plain_group_message_takes_the_intake_branch():
    assert await plain_group_message(_message(GROUP)) is True
    assert await plain_group_message(_message(GROUP, None, caption="вот скрин ошибки",
                                              photo=[{"file_id": "f", "file_unique_id": "u",
                                                      "width": 1, "height": 1}])) is True


@pytest.mark.parametrize("case", ["private", "command", "command_in_caption", "reply",
                                  "in_a_dialog", "migration"])
async def test_what_other_routers_want_is_not_taken_by_the_intake_branch(case):
    state = None
    if case == "private":
        message = _message(PRIVATE)
    elif case == "command":
        message = _message(GROUP, "/tickets")
    elif case == "command_in_caption":
        message = _message(GROUP, None, caption="/ticket 12",
                           photo=[{"file_id": "f", "file_unique_id": "u", "width": 1,
                                   "height": 1}])
    elif case == "reply":  # may answer a staff card or a satisfaction question
        message = _message(GROUP, "спасибо, всё работает",
                           reply_to_message={"message_id": 5, "date": 1_790_000_000,
                                             "chat": GROUP, "text": "Как вам ответ?"})
    elif case == "in_a_dialog":
        message, state = _message(GROUP), "Flow:answer"
    else:
        message = _message(GROUP, None, migrate_to_chat_id=-1002)
    assert await plain_group_message(message, raw_state=state) is False


def test_the_intake_branch_comes_before_every_router_that_takes_messages():
    """aiogram tries a router's own handlers before its sub-routers: the intake branch is the
    root's one message handler, so it is tried first, with no router levels in between."""
    from handlers.telegram import group

    root = build_router()
    assert [h.callback for h in root.message.handlers] == [group.any_message]
    assert [f.callback for f in root.message.handlers[0].filters] == [plain_group_message]
    assert any(router.message.handlers for router in root.sub_routers)  # the rest come after
