"""Texts composed from domain objects: what the bot shows about tickets and chats."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from domain.desk import ChatTickets, TicketView
from domain.intake import cost_text
from domain.model import Language
from domain.texts import kind_name, status_name, t


def accepted(view: TicketView, by: str, reaction_hours: int) -> str:
    lang = view.client.language
    return t(lang, "accepted", number=view.ticket.number, title=view.ticket.title,
             kind=kind_name(lang, view.ticket.kind), cost=cost_text(view.client, view.ticket), hours=reaction_hours,
             by=by)


def open_tickets(found: ChatTickets) -> str:
    lang = found.client.language
    if not found.tickets:
        return t(lang, "tickets.none")
    lines = [t(lang, "tickets.header", client=found.client.name)]
    lines += [t(lang, "tickets.line", number=tk.number, status=status_name(lang, tk.status),
                title=tk.title) for tk in found.tickets]
    return "\n".join(lines)


def ticket_details(view: TicketView, tz: ZoneInfo) -> str:
    lang: Language = view.client.language
    tk = view.ticket
    return t(lang, "ticket.details", number=tk.number, title=tk.title,
             kind=kind_name(lang, tk.kind), status=status_name(lang, tk.status),
             created=tk.created_at.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
             requester=view.requester.name if view.requester else t(lang, "someone"))
