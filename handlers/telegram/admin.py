"""An admin's menu in the private chat with the bot (/admin): add a client (and get its link
code), the clients with plan, balance and open requests, set a plan, record a payment, add a
staff member, and who serves whom — buttons and short dialogs over the same use cases as the
command line (domain/administration.py), which refuse anyone but an admin.

Everything here answers the admin's own press or message in their private chat, so it is
sent directly (see handlers/telegram/staff.py for where the line to the outbox is drawn)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.billing.service import plan_text
from domain.kernel.model import BillingModel, Plan, Platform, StaffRole
from domain.onboarding.rules import (
    parse_hours_and_rate,
    parse_monthly_terms,
    parse_rubles,
    parse_telegram_id,
)
from domain.onboarding.service import Administration, summary_line
from domain.texts import money, t
from domain.tickets.model import Actor
from handlers.telegram.context import HandlerConfig
from handlers.telegram.filters import InState, has_text, in_private

MODELS = {"m": BillingModel.MONTHLY, "p": BillingModel.PACKAGE,
          "t": BillingModel.TIME_AND_MATERIALS}


class Adm(CallbackData, prefix="ad"):
    """`a`: nc new client, ls clients, pl plan, pm plan model, pa payment, ns new staff,
    nr new staff's role, sv serve; `c` client id, `s` staff id, `v` a model or a role."""

    a: str
    c: int = 0
    s: int = 0
    v: str = ""


class AdminFlow(StatesGroup):
    client_name = State()
    plan_terms = State()
    amount = State()
    staff_name = State()
    staff_id = State()


async def in_admin_flow(event: Message, raw_state: str | None = None) -> bool:
    return bool(raw_state) and raw_state.startswith(f"{AdminFlow.__name__}:")


def _actor(user) -> Actor:  # noqa: ANN001 - an aiogram User
    return Actor(Platform.TELEGRAM, str(user.id), user.full_name)


def _keyboard(rows: list[list[tuple[str, Adm]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=text, callback_data=data.pack()) for text, data in row]
        for row in rows])


def menu_keyboard(lang: str) -> InlineKeyboardMarkup:
    return _keyboard([
        [(t(lang, "admin.btn.clients"), Adm(a="ls")),
         (t(lang, "admin.btn.add_client"), Adm(a="nc"))],
        [(t(lang, "admin.btn.plan"), Adm(a="pl")), (t(lang, "admin.btn.payment"), Adm(a="pa"))],
        [(t(lang, "admin.btn.add_staff"), Adm(a="ns")),
         (t(lang, "admin.btn.serve"), Adm(a="sv"))],
    ])


async def menu(message: Message, state: FSMContext, administration: Administration,
               config: HandlerConfig) -> None:
    await administration.require_admin(_actor(message.from_user))
    await state.clear()
    await message.answer(t(config.language, "admin.menu"),
                         reply_markup=menu_keyboard(config.language))


async def cancel(message: Message, state: FSMContext, config: HandlerConfig) -> None:
    await state.clear()
    await message.answer(t(config.language, "admin.cancelled"))


async def button(query: CallbackQuery, callback_data: Adm, state: FSMContext,
                 administration: Administration, config: HandlerConfig) -> None:
    actor, lang, data = _actor(query.from_user), config.language, callback_data
    chat = query.message.chat.id
    send = query.bot.send_message
    action = data.a
    if action == "ls":
        rows = await administration.clients(by=actor)
        text = "\n".join(summary_line(lang, s, config.tz) for s in rows) or t(
            lang, "admin.clients.none")
        await send(chat, text)
    elif action in ("nc", "ns"):
        await administration.require_admin(actor)
        await state.set_state(AdminFlow.client_name if action == "nc" else AdminFlow.staff_name)
        await send(chat, t(lang, "admin.ask.client_name" if action == "nc"
                           else "admin.ask.staff_name"))
    elif action in ("pl", "pa", "sv") and not data.c:
        rows = await administration.clients(by=actor)
        await send(chat, t(lang, "admin.ask.pick_client") if rows else t(
            lang, "admin.clients.none"), reply_markup=_keyboard(
            [[(s.client.name, Adm(a=action, c=s.client.id))] for s in rows]) if rows else None)
    elif action == "pl":
        await administration.require_admin(actor)
        await send(chat, t(lang, "admin.ask.model"), reply_markup=_keyboard(
            [[(t(lang, f"billing.model.{model.value}"), Adm(a="pm", c=data.c, v=code))]
             for code, model in MODELS.items()]))
    elif action == "pm" and data.v in MODELS:
        await administration.require_admin(actor)
        await state.set_state(AdminFlow.plan_terms)
        await state.update_data(client=data.c, model=data.v)
        model = MODELS[data.v]
        key = {BillingModel.MONTHLY: "admin.ask.monthly", BillingModel.PACKAGE:
               "admin.ask.package"}.get(model, "admin.ask.rate")
        await send(chat, t(lang, key))
    elif action == "pa":
        summary = await administration.client(data.c, by=actor)
        await state.set_state(AdminFlow.amount)
        await state.update_data(client=data.c)
        await send(chat, t(lang, "admin.ask.amount", client=summary.client.name))
    elif action == "sv" and not data.s:
        team = await administration.staff(by=actor)
        await send(chat, t(lang, "admin.ask.pick_staff"), reply_markup=_keyboard(
            [[(s.staff.name, Adm(a="sv", c=data.c, s=s.staff.id))] for s in team]))
    elif action == "sv":
        member, client, added = await administration.serve(data.s, data.c, by=actor)
        await send(chat, t(lang, "admin.serve.added" if added else "admin.serve.already",
                           name=member.name, client=client.name))
    elif action == "nr" and data.v in ("staff", "admin"):
        flow = await state.get_data()
        if "telegram_id" not in flow:  # a stale button from a finished dialog
            await query.answer(t(lang, "admin.cancelled"))
            return
        member = await administration.add_staff(
            flow["name"], telegram_id=flow["telegram_id"], role=StaffRole(data.v),
            language=lang, by=actor)
        await state.clear()
        await send(chat, t(lang, "admin.staff.added", name=member.name, id=member.id,
                           role=t(lang, f"admin.role.{member.role.value}")))
    await query.answer()


# -- the dialogs' steps ----------------------------------------------------------------------------


async def client_name(message: Message, state: FSMContext, administration: Administration,
                      config: HandlerConfig) -> None:
    client = await administration.add_client(message.text, language=config.language,
                                             by=_actor(message.from_user))
    await state.clear()
    await message.answer(t(config.language, "admin.client.added", name=client.name,
                           id=client.id, code=client.link_code))


async def plan_terms(message: Message, state: FSMContext, administration: Administration,
                     config: HandlerConfig) -> None:
    flow = await state.get_data()
    model = MODELS[flow["model"]]
    if model is BillingModel.MONTHLY:
        plan = Plan(model, kinds=parse_monthly_terms(message.text))
    elif model is BillingModel.PACKAGE:
        minutes, rate = parse_hours_and_rate(message.text)
        plan = Plan(model, hourly_rate=rate, package_minutes=minutes)
    else:
        plan = Plan(model, hourly_rate=parse_rubles(message.text))
    client = await administration.set_plan(flow["client"], plan, by=_actor(message.from_user))
    await state.clear()
    await message.answer(plan_text(config.language, client))


async def amount(message: Message, state: FSMContext, administration: Administration,
                 config: HandlerConfig) -> None:
    lang, flow = config.language, await state.get_data()
    kopecks = parse_rubles(message.text)
    # The message's own id is the payment's key: a redelivered update records it once.
    key = f"telegram:{message.chat.id}:{message.message_id}"
    client, posted, balance = await administration.add_payment(
        flow["client"], kopecks, key, by=_actor(message.from_user))
    await state.clear()
    await message.answer(t(lang, "billing.payment_repeated" if posted.duplicate
                           else "billing.payment_added", amount=money(lang, kopecks),
                           client=client.name,
                           balance=money(lang, balance.balance) if balance else "—"))


async def staff_name(message: Message, state: FSMContext, administration: Administration,
                     config: HandlerConfig) -> None:
    await administration.require_admin(_actor(message.from_user))
    await state.update_data(name=" ".join(message.text.split()))
    await state.set_state(AdminFlow.staff_id)
    await message.answer(t(config.language, "admin.ask.staff_id"))


async def staff_id(message: Message, state: FSMContext, config: HandlerConfig) -> None:
    lang = config.language
    telegram_id = parse_telegram_id(message.text)  # refused at once, the dialog goes on
    flow = await state.update_data(telegram_id=telegram_id)
    await message.answer(t(lang, "admin.ask.staff_role", name=flow["name"]), reply_markup=_keyboard(
        [[(t(lang, f"admin.role.{role.value}"), Adm(a="nr", v=role.value))]
         for role in StaffRole]))


def build() -> Router:
    router = Router(name="admin")
    router.message.filter(in_private)
    router.message.register(menu, Command("admin"))
    router.message.register(cancel, Command("cancel"), in_admin_flow)
    router.message.register(client_name, InState(AdminFlow.client_name), has_text)
    router.message.register(plan_terms, InState(AdminFlow.plan_terms), has_text)
    router.message.register(amount, InState(AdminFlow.amount), has_text)
    router.message.register(staff_name, InState(AdminFlow.staff_name), has_text)
    router.message.register(staff_id, InState(AdminFlow.staff_id), has_text)
    router.callback_query.register(button, Adm.filter())
    return router
