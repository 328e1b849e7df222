"""Messenger adapters behind the domain's `Messenger` port, and the registry that picks one
for a chat (the staff workspace uses it to post an answer into any client chat)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from domain.kernel.model import Chat, Platform
from domain.kernel.ports import Messenger

if TYPE_CHECKING:
    from aiogram import Bot

    from bot.settings import Settings
    from domain.uow import UnitOfWorkFactory


class NoMessenger(LookupError):
    """No configured messenger can reach this chat."""


def is_gateway_chat(chat_id: str) -> bool:
    """Gateway chats look like `…@g.us` / `…@c.us`; the Cloud API addresses bare numbers."""
    return "@" in chat_id


class MessengerRegistry:
    """Platform → messenger. WhatsApp may have two: the group gateway and the Cloud API."""

    def __init__(self, messengers: Iterable[Messenger] = ()) -> None:
        self._telegram: Messenger | None = None
        self._cloud: Messenger | None = None
        self._gateway: Messenger | None = None
        self._email: Messenger | None = None
        for messenger in messengers:
            self.add(messenger)

    def add(self, messenger: Messenger) -> None:
        if messenger.platform is Platform.TELEGRAM:
            self._telegram = messenger
        elif messenger.platform is Platform.EMAIL:
            self._email = messenger
        elif messenger.capabilities.buttons:  # only the Cloud API has buttons in WhatsApp
            self._cloud = messenger
        else:
            self._gateway = messenger

    @property
    def cloud(self) -> Messenger | None:
        return self._cloud

    @property
    def gateway(self) -> Messenger | None:
        return self._gateway

    @property
    def telegram(self) -> Messenger | None:
        return self._telegram

    @property
    def email(self) -> Messenger | None:
        return self._email

    def get(self, platform: Platform, chat_id: str) -> Messenger:
        """The messenger that reaches `chat_id`; `NoMessenger` when none is configured."""
        if platform is Platform.TELEGRAM:
            found = self._telegram
        elif platform is Platform.WHATSAPP:
            preferred, other = ((self._gateway, self._cloud) if is_gateway_chat(chat_id)
                                else (self._cloud, self._gateway))
            found = preferred or other
        elif platform is Platform.EMAIL:
            found = self._email
        else:
            found = None
        if found is None:
            raise NoMessenger(f"no {platform.value} messenger is configured for chat {chat_id}")
        return found

    def for_chat(self, chat: Chat) -> Messenger:
        return self.get(chat.platform, chat.external_id)

    def __bool__(self) -> bool:
        return any((self._telegram, self._cloud, self._gateway, self._email))

    async def aclose(self) -> None:
        for messenger in (self._telegram, self._cloud, self._gateway, self._email):
            closer = getattr(messenger, "aclose", None)
            if closer is not None:
                await closer()

    @classmethod
    def from_settings(cls, settings: Settings, *, bot: Bot | None = None,
                      uow: UnitOfWorkFactory | None = None) -> MessengerRegistry:
        """Every messenger the settings configure (Telegram only when a bot is given; e-mail
        only with the database, where it finds the threads it answers in)."""
        from bot.messengers.green_api import GreenApiMessenger
        from bot.messengers.telegram import TelegramMessenger
        from bot.messengers.whatsapp_cloud import WhatsAppCloudMessenger

        registry = cls()
        if bot is not None:
            registry.add(TelegramMessenger(bot))
        if settings.whatsapp_cloud_token and settings.whatsapp_phone_number_id:
            registry.add(WhatsAppCloudMessenger(settings.whatsapp_graph_url,
                                                settings.whatsapp_phone_number_id,
                                                settings.whatsapp_cloud_token))
        if settings.green_api_url and settings.green_api_instance_id and settings.green_api_token:
            registry.add(GreenApiMessenger(settings.green_api_url, settings.green_api_instance_id,
                                           settings.green_api_token))
        if uow is not None and settings.mail_enabled:
            from bot.mail.smtp import EmailMessenger, smtp_config

            registry.add(EmailMessenger(uow, smtp_config(settings)))
        return registry
