"""The staff workspace: ticket cards with buttons in a private chat with the bot (and the staff
chat), answering by replying to a card, logging time, statuses, estimates, /queue, /new, /kb.

Multi-step flows (custom minutes, a description, a test case, proof, a service comment) keep
their state in aiogram's FSM storage, keyed by chat and user.

Where the line is drawn: what reaches a client's chat (answers, status notices, estimates,
requests made on the client's behalf) and every card or notice a staff member did not ask
for right now (a new ticket's card, an approved estimate) goes through the outbox
(domain/outbox.py). The menu a staff member is navigating in their private chat — a card
edited in place, the next question of a flow, "answer sent" — answers their own press or
message directly: it is only useful this moment, and a retry after a crash would show them a
stale menu. Media answers and a DONE notice's proof go through the outbox too, re-sent by
their Telegram file id; only a round video note, which cannot be re-sent by id, is copied
directly."""

from __future__ import annotations

import logging
import re

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart, Filter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from domain.kernel.model import Language, Platform, TicketStatus
from domain.outbox.service import Post
from domain.texts import t
from domain.tickets.model import Actor, DeskError
from domain.workspace.model import Given, Need, TimeCategory
from domain.workspace.service import Card, QueueView, Workspace
from handlers.telegram.context import HandlerConfig
from handlers.telegram.convert import media_file, media_kind
from handlers.telegram.filters import InState, has_text, in_group, in_private
from handlers.telegram.keyboards import edit_text
from handlers.telegram.staff_keyboards import (
    CATEGORY_CODES,
    Act,
    Category,
    ClientChoice,
    Minutes,
    Move,
    Queue,
    card_keyboard,
    card_text,
    categories_keyboard,
    duration,
    minutes_keyboard,
    queue_keyboard,
    queue_text,
    statuses_keyboard,
)
from handlers.telegram.staff_render import (
    notify_staff,
    post_answer,
    post_estimate_offer,
    post_request_on_behalf,
    post_status_notice,
    staff_language,
    tell_serving_staff,
)

log = logging.getLogger(__name__)


class Flow(StatesGroup):
    answer = State()
    minutes = State()
    description = State()
    need = State()  # collecting what a status change requires, one item at a time
    comment = State()
    estimate = State()


def _actor(user) -> Actor:  # noqa: ANN001 - an aiogram User
    return Actor(Platform.TELEGRAM, str(user.id), user.full_name)


class IsStaff(Filter):
    """Lets a message through only from staff, so clients fall through to the other routers."""

    async def __call__(self, message: Message, workspace: Workspace) -> bool:
        return message.from_user is not None and await workspace.is_staff(
            _actor(message.from_user))


_lang = staff_language


# -- cards ---------------------------------------------------------------------------------------


async def _show_card(bot: Bot, chat_id: int | str, card: Card, config: HandlerConfig,
                     message_id: int | None = None) -> None:
    lang = _lang(config)
    text, markup = card_text(lang, card, config.tz), card_keyboard(lang, card)
    if message_id is None:
        await bot.send_message(chat_id, text, reply_markup=markup)
    else:
        await edit_text(bot, chat_id, message_id, text, markup)


def _card_ticket(message: Message | None) -> int | None:
    """The ticket of a card this message replies to: cards carry it in their buttons."""
    replied = message.reply_to_message if message else None
    markup = replied.reply_markup if replied else None
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data or ""
            if data.startswith(f"{Act.__prefix__}:"):
                return Act.unpack(data).t
    return None


class RepliesToCard(Filter):
    async def __call__(self, message: Message) -> bool | dict:
        ticket_id = _card_ticket(message)
        return {"ticket_id": ticket_id} if ticket_id is not None else False


# -- commands ------------------------------------------------------------------------------------


async def start(message: Message, state: FSMContext, config: HandlerConfig) -> None:
    await state.clear()
    await message.answer(t(_lang(config), "ws.menu"), reply_markup=queue_keyboard(_lang(config)))


def _queue_markup(items) -> InlineKeyboardMarkup | None:  # noqa: ANN001
    rows = [[InlineKeyboardButton(text=f"{item.client.name} №{item.ticket.number}",
                                  callback_data=Act(a="o", t=item.ticket.id).pack())]
            for item in items[:10]]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


async def queue(message: Message, command: CommandObject, workspace: Workspace,
                config: HandlerConfig) -> None:
    view = (command.args or QueueView.ALL).strip()
    items = await workspace.queue(_actor(message.from_user), view)
    await message.answer(queue_text(_lang(config), items, config.tz),
                         reply_markup=_queue_markup(items))


async def queue_button(query: CallbackQuery, callback_data: Queue, workspace: Workspace,
                       config: HandlerConfig) -> None:
    items = await workspace.queue(_actor(query.from_user), callback_data.v)
    await query.bot.send_message(query.message.chat.id, queue_text(_lang(config), items,
                                                                    config.tz),
                                 reply_markup=_queue_markup(items))
    await query.answer()


_NEW = re.compile(r"^\s*(?:\"(?P<quoted>[^\"]+)\"|(?P<word>\S+))\s+(?P<text>.+)$", re.S)


async def new_on_behalf(message: Message, command: CommandObject, workspace: Workspace,
                        config: HandlerConfig, post: Post) -> None:
    """/new ACME text, or /new "ООО Вектор" text: a request from a call or an e-mail."""
    found = _NEW.match(command.args or "")
    if not found:
        raise DeskError("ws.new.usage")
    out = await workspace.new_on_behalf(_actor(message.from_user),
                                        found["quoted"] or found["word"], found["text"])
    await post_request_on_behalf(out, post, config)
    await message.answer(t(_lang(config), "ws.new.sent", number=out.ticket.number,
                           client=out.client.name))


async def kb_private(message: Message, command: CommandObject, workspace: Workspace,
                     config: HandlerConfig) -> None:
    hits = await workspace.kb(_actor(message.from_user), command.args or "")
    await message.answer(_kb_text(_lang(config), hits))


async def kb_group(message: Message, command: CommandObject, workspace: Workspace,
                   config: HandlerConfig) -> None:
    hits = await workspace.kb(_actor(message.from_user), command.args or "",
                              platform=Platform.TELEGRAM, chat_id=str(message.chat.id))
    await message.reply(_kb_text(_lang(config), hits))


def _kb_text(lang: Language, hits) -> str:  # noqa: ANN001
    if not hits:
        return t(lang, "ws.kb.none")
    return "\n".join([t(lang, "ws.kb.header")] + [
        t(lang, "ws.kb.line", number=h.number, title=h.title, snippet=h.snippet) for h in hits])


# -- card buttons --------------------------------------------------------------------------------


async def card_action(query: CallbackQuery, callback_data: Act, state: FSMContext,
                      workspace: Workspace, config: HandlerConfig, post: Post) -> None:
    """A card's button: take, open, statuses, close, or start a flow (minutes, answer, ...)."""
    press = _Press(query, callback_data.t, _actor(query.from_user), state, workspace, config, post)
    await _CARD_ACTIONS.get(callback_data.a, _ask)(press, callback_data.a)
    await query.answer()


class _Press:
    """One press of a card's button, with what every card action needs."""

    def __init__(self, query: CallbackQuery, tid: int, actor: Actor, state: FSMContext,
                 workspace: Workspace, config: HandlerConfig, post: Post) -> None:
        self.bot, self.tid, self.actor, self.state = query.bot, tid, actor, state
        self.chat_id, self.message_id = query.message.chat.id, query.message.message_id
        self.workspace, self.config, self.post = workspace, config, post
        self.lang = _lang(config)


async def _take(press: _Press, _: str) -> None:
    card = await press.workspace.take(press.tid, press.actor)
    await _show_card(press.bot, press.chat_id, card, press.config, press.message_id)


async def _open(press: _Press, action: str) -> None:
    """v: back to the card in place; o: open it from the queue as a new message."""
    card = await press.workspace.card(press.tid, press.actor)
    await _show_card(press.bot, press.chat_id, card, press.config,
                     press.message_id if action == "v" else None)


async def _statuses(press: _Press, _: str) -> None:
    card = await press.workspace.card(press.tid, press.actor)
    await edit_text(press.bot, press.chat_id, press.message_id,
                    card_text(press.lang, card, press.config.tz),
                    statuses_keyboard(press.lang, card))


async def _close(press: _Press, _: str) -> None:
    await _start_move(press.bot, press.chat_id, press.tid, TicketStatus.DONE, press.actor,
                      press.state, press.workspace, press.config, press.post)


async def _ask(press: _Press, action: str) -> None:
    """Minutes, an answer, a service comment or an estimate: ask for it, after the role check."""
    await press.workspace.card(press.tid, press.actor)
    if action == "m":
        await press.bot.send_message(press.chat_id, t(press.lang, "ws.ask.minutes"),
                                     reply_markup=minutes_keyboard(press.lang, press.tid))
        return
    flow, ask = _FLOWS[action]
    await press.state.set_state(flow)
    await press.state.update_data(ticket=press.tid)
    await press.bot.send_message(press.chat_id, t(press.lang, ask))


_CARD_ACTIONS = {"t": _take, "v": _open, "o": _open, "s": _statuses, "x": _close}
_FLOWS = {"a": (Flow.answer, "ws.ask.answer"), "c": (Flow.comment, "ws.ask.comment"),
          "e": (Flow.estimate, "ws.ask.estimate")}


# -- answering -----------------------------------------------------------------------------------


async def _send_answer(message: Message, ticket_id: int, workspace: Workspace,
                       config: HandlerConfig, post: Post) -> None:
    target = await workspace.answer_target(ticket_id, _actor(message.from_user))
    await post_answer(message, target, ticket_id, workspace, config, post)


async def reply_to_card(message: Message, ticket_id: int, state: FSMContext,
                        workspace: Workspace, config: HandlerConfig, post: Post) -> None:
    await state.clear()
    await _send_answer(message, ticket_id, workspace, config, post)


async def answer_flow(message: Message, state: FSMContext, workspace: Workspace,
                      config: HandlerConfig, post: Post) -> None:
    data = await state.get_data()
    await state.clear()
    await _send_answer(message, data["ticket"], workspace, config, post)


# -- time ----------------------------------------------------------------------------------------


async def minutes_chosen(query: CallbackQuery, callback_data: Minutes, state: FSMContext,
                         config: HandlerConfig) -> None:
    lang = _lang(config)
    if callback_data.m == 0:
        await state.set_state(Flow.minutes)
        await state.update_data(ticket=callback_data.t)
        await edit_text(query.bot, query.message.chat.id, query.message.message_id,
                        t(lang, "ws.ask.custom_minutes"))
    else:
        await edit_text(query.bot, query.message.chat.id, query.message.message_id,
                        t(lang, "ws.ask.category", time=duration(lang, callback_data.m)),
                        categories_keyboard(lang, callback_data.t, callback_data.m))
    await query.answer()


_DURATION = re.compile(r"^\s*(?:(?P<h>\d+)\s*(?:ч|h)\w*)?\s*(?:(?P<m>\d+)\s*(?:м|m)?\w*)?\s*$",
                       re.I)


def parse_minutes(text: str) -> int | None:
    """'20', '20 мин', '1 ч 30 мин', '1h30m', '1,5 ч' → minutes."""
    text = (text or "").strip().lower()
    decimal = re.fullmatch(r"(\d+)[.,](\d+)\s*(?:ч|h)\w*", text)
    if decimal:
        return round(float(f"{decimal[1]}.{decimal[2]}") * 60)
    found = _DURATION.match(text)
    if not found or not (found["h"] or found["m"]):
        return None
    return int(found["h"] or 0) * 60 + int(found["m"] or 0)


async def custom_minutes(message: Message, state: FSMContext, config: HandlerConfig) -> None:
    lang, minutes = _lang(config), parse_minutes(message.text or "")
    if not minutes:
        await message.reply(t(lang, "ws.err.minutes"))
        return
    data = await state.get_data()
    await state.clear()
    await message.answer(t(lang, "ws.ask.category", time=duration(lang, minutes)),
                         reply_markup=categories_keyboard(lang, data["ticket"], minutes))


async def category_chosen(query: CallbackQuery, callback_data: Category, state: FSMContext,
                          workspace: Workspace, config: HandlerConfig) -> None:
    await workspace.card(callback_data.t, _actor(query.from_user))  # role check first
    lang = _lang(config)
    await state.set_state(Flow.description)
    await state.update_data(ticket=callback_data.t, minutes=callback_data.m, category=callback_data.c)
    await edit_text(query.bot, query.message.chat.id, query.message.message_id,
                    t(lang, "ws.ask.description", time=duration(lang, callback_data.m),
                      category=t(lang, f"ws.category.{CATEGORY_CODES[callback_data.c].value}")))
    await query.answer()


async def description(message: Message, state: FSMContext, workspace: Workspace,
                      config: HandlerConfig) -> None:
    data = await state.get_data()
    lang = _lang(config)
    entries = await workspace.log_time(
        data["ticket"], _actor(message.from_user), data["minutes"],
        CATEGORY_CODES.get(data["category"], TimeCategory.BILLABLE), message.text or "",
        key=f"tg:{message.chat.id}:{message.message_id}")
    await state.clear()
    lines = [t(lang, "ws.logged", time=duration(lang, e.minutes),
               category=t(lang, f"ws.category.{e.category.value}"), text=e.description)
             for e in entries]
    await message.reply("\n".join(lines))


# -- statuses ------------------------------------------------------------------------------------


async def _start_move(bot: Bot, chat_id: int, tid: int, to: TicketStatus, actor: Actor,
                      state: FSMContext, workspace: Workspace, config: HandlerConfig,
                      post: Post) -> None:
    needs = await workspace.needs(tid, actor, to)
    if not needs:
        await _finish_move(bot, chat_id, tid, to, actor, {}, workspace, config, post)
        return
    await state.set_state(Flow.need)
    await state.update_data(ticket=tid, to=to.value, needs=[n.value for n in needs], given={})
    await bot.send_message(chat_id, t(_lang(config), f"ws.ask.{needs[0].value}"))


async def move_chosen(query: CallbackQuery, callback_data: Move, state: FSMContext,
                      workspace: Workspace, config: HandlerConfig, post: Post) -> None:
    await _start_move(query.bot, query.message.chat.id, callback_data.t,
                      TicketStatus(callback_data.s), _actor(query.from_user), state, workspace,
                      config, post)
    await query.answer()


async def need_given(message: Message, state: FSMContext, workspace: Workspace,
                     config: HandlerConfig, post: Post) -> None:
    """One item a status change needs (a reason, a test case, proof); then the next, or the move."""
    data = await state.get_data()
    needs, given = list(data["needs"]), dict(data["given"])
    need = Need(needs.pop(0))
    if not _take_need(message, need, given):
        await message.reply(t(_lang(config), f"ws.ask.{need.value}"))
    elif needs:
        await state.update_data(needs=needs, given=given)
        await message.answer(t(_lang(config), f"ws.ask.{needs[0]}"))
    else:
        await state.clear()
        await _finish_move(message.bot, message.chat.id, data["ticket"], TicketStatus(data["to"]),
                           _actor(message.from_user), given, workspace, config, post)


def _take_need(message: Message, need: Need, given: dict) -> bool:
    """Put what the message gives for `need` into `given`; False when it gives nothing."""
    if need is Need.PROOF and media_kind(message) is not None:
        given["proof_message_id"] = str(message.message_id)
        given["proof_note"] = message.caption or ""
        if (media := media_file(message)) is not None:  # to show the client by file id
            given["proof_file"] = [media[0].value, media[1]]
    elif message.text:
        given["proof_note" if need is Need.PROOF else need.value] = message.text
    else:
        return False
    return True


async def _finish_move(bot: Bot, chat_id: int, tid: int, to: TicketStatus, actor: Actor,
                       given: dict, workspace: Workspace, config: HandlerConfig,
                       post: Post) -> None:
    given = dict(given)
    proof_file = given.pop("proof_file", None)
    change = await workspace.change_status(tid, actor, to, Given(**given),
                                           proof_chat_id=str(chat_id))
    await _show_card(bot, chat_id, change.card, config)
    await post_status_notice(bot, chat_id, tid, to, change, given, proof_file, workspace,
                             config, post)


# -- service comments and estimates --------------------------------------------------------------


async def comment_flow(message: Message, state: FSMContext, workspace: Workspace,
                       config: HandlerConfig) -> None:
    data = await state.get_data()
    card = await workspace.service_comment(data["ticket"], _actor(message.from_user),
                                           message.text or "")
    await state.clear()
    await message.reply(t(_lang(config), "ws.comment_saved", number=card.ticket.number))


_ESTIMATE = re.compile(r"^\s*(?P<hours>\d+(?:[.,]\d+)?)\s*(?:ч|h)?\w*[\s;/]+(?P<price>\d[\d\s]*)"
                       r"(?:[.,](?P<kop>\d{1,2}))?\s*(?:₽|р|руб\w*|rub)?\.?\s*$", re.I)


def parse_estimate(text: str) -> tuple[int, int] | None:
    """'6 ч 30000' or '1.5 12000 ₽' → (minutes, kopecks)."""
    found = _ESTIMATE.match(text or "")
    if not found:
        return None
    minutes = round(float(found["hours"].replace(",", ".")) * 60)
    price = int(re.sub(r"\s", "", found["price"])) * 100 + int((found["kop"] or "0").ljust(2,
                                                                                         "0"))
    return (minutes, price) if minutes > 0 else None


async def estimate_flow(message: Message, state: FSMContext, workspace: Workspace,
                        config: HandlerConfig, post: Post) -> None:
    parsed = parse_estimate(message.text or "")
    if parsed is None:
        await message.reply(t(_lang(config), "ws.ask.estimate"))
        return
    data = await state.get_data()
    offer = await workspace.propose_estimate(data["ticket"], _actor(message.from_user), *parsed)
    await state.clear()
    await post_estimate_offer(offer, post, config)
    await message.reply(t(_lang(config), "ws.estimate.sent", number=offer.outgoing.ticket.number))


# -- the client's buttons in their chat ----------------------------------------------------------


async def client_choice(query: CallbackQuery, callback_data: ClientChoice,
                        workspace: Workspace, config: HandlerConfig, post: Post) -> None:
    """The client confirms a request recorded on its behalf, or decides an estimate."""
    actor, action = _actor(query.from_user), callback_data.a
    if action in ("y", "n"):
        out = await workspace.confirm_on_behalf(callback_data.i, actor, action == "y")
    else:
        out = (await workspace.decide_estimate(callback_data.i, actor, action == "ea")).outgoing
    text = t(out.client.language, _DECIDED[action], number=out.ticket.number,
             title=out.ticket.title, by=actor.name)
    await post.edit(Platform.TELEGRAM, query.message.chat.id, query.message.message_id, text)
    await query.answer()
    if action == "y":
        await notify_staff(post, workspace, config, out.ticket.id)
    elif action in ("ea", "ed"):
        await tell_serving_staff(post, workspace, out.ticket.id, text)


_DECIDED = {"y": "ws.new.confirmed", "n": "ws.new.declined", "ea": "ws.estimate.approved",
            "ed": "ws.estimate.declined"}


def build() -> Router:
    router = Router(name="staff")
    router.callback_query.register(card_action, Act.filter())
    router.callback_query.register(minutes_chosen, Minutes.filter())
    router.callback_query.register(category_chosen, Category.filter())
    router.callback_query.register(move_chosen, Move.filter())
    router.callback_query.register(queue_button, Queue.filter())
    router.callback_query.register(client_choice, ClientChoice.filter())

    private = in_private
    router.message.register(queue, Command("queue"), private)
    router.message.register(new_on_behalf, Command("new"), private)
    router.message.register(kb_private, Command("kb"), private)
    router.message.register(kb_group, Command("kb"), in_group)
    # Replies to a card and the steps of a flow; in a client's group nobody is ever in a flow,
    # and a client's reply never quotes a card, so their messages go on to intake untouched.
    router.message.register(reply_to_card, RepliesToCard(), IsStaff())
    router.message.register(answer_flow, InState(Flow.answer))
    router.message.register(custom_minutes, InState(Flow.minutes))
    router.message.register(description, InState(Flow.description), has_text)
    router.message.register(need_given, InState(Flow.need))
    router.message.register(comment_flow, InState(Flow.comment), has_text)
    router.message.register(estimate_flow, InState(Flow.estimate), has_text)
    router.message.register(start, CommandStart(deep_link=False), private, IsStaff())
    return router
