"""aiogram is imported lean (bot/lean_aiogram.py): its Bot API types are built on first use,
with forward references resolved as aiogram resolves them."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import bot.telegram  # the composition root imports aiogram first, lean
from aiogram.methods.base import Response
from aiogram.types import CallbackQuery, Message, Update

assert not Message.__pydantic_complete__, "built at import"
update = Update.model_validate_json('''{"update_id": 1, "message": {"message_id": 2,
  "date": 1700000000, "chat": {"id": -100, "type": "supergroup", "title": "t"},
  "from": {"id": 5, "is_bot": false, "first_name": "U"}, "text": "hi",
  "reply_to_message": {"message_id": 1, "date": 1700000000,
    "chat": {"id": -100, "type": "supergroup"},
    "photo": [{"file_id": "a", "file_unique_id": "b", "width": 1, "height": 1}]}}}''')
assert update.message.reply_to_message.photo[0].file_id == "a"
assert Update.__pydantic_complete__
assert not CallbackQuery.__pydantic_complete__, "a type never used is never built"
answer = Response[list[Update]].model_validate({"ok": True, "result": [
    {"update_id": 3, "callback_query": {"id": "q", "chat_instance": "c", "data": "d",
                                        "from": {"id": 5, "is_bot": False, "first_name": "U"}}}]})
assert answer.result[0].callback_query.data == "d"
print("ok")
"""


def test_telegram_types_are_built_on_first_use_not_at_import():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


FALLBACK = """
import sys
import bot.lean_aiogram as lean  # installs at import; undo it to try the failure path
for name in [m for m in sys.modules if m == "aiogram" or m.startswith("aiogram.")]:
    del sys.modules[name]
def broken():
    import aiogram  # half-imported, then a newer pydantic refuses the trick
    raise TypeError("model_rebuild() got an unexpected keyword argument")
lean._install = broken
assert lean.install() is False
from aiogram.types import Message
assert Message.__pydantic_complete__, "imported as usual"
print("ok")
"""


def test_a_lean_import_that_fails_falls_back_to_the_usual_import():
    done = subprocess.run([sys.executable, "-c", FALLBACK], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
