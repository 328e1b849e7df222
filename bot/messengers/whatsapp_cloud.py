"""Meta's WhatsApp Cloud API: the official route, for one-to-one chats (a client's owner,
staff notices). It cannot join a client's existing group, and outside the 24-hour window after
the person's last message only approved templates may be sent."""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp

from bot.messengers.http import JsonClient, MessengerError
from domain.kernel.model import Choice, MediaKind, Platform
from domain.kernel.ports import Capabilities

MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_INTERACTIVE_BODY = 1024

_MEDIA_TYPES = {
    MediaKind.PHOTO: "image",
    MediaKind.VIDEO: "video",
    MediaKind.ANIMATION: "video",
    MediaKind.DOCUMENT: "document",
    MediaKind.AUDIO: "audio",
    MediaKind.VOICE: "audio",
    MediaKind.STICKER: "sticker",
    MediaKind.OTHER: "document",
}
_MIME = {"image": "image/jpeg", "video": "video/mp4", "audio": "audio/ogg",
         "sticker": "image/webp", "document": "application/octet-stream"}
_NO_CAPTION = {"audio", "sticker"}


def button_title(label: str) -> str:
    return label if len(label) <= MAX_BUTTON_TITLE else label[:MAX_BUTTON_TITLE - 1] + "…"


def numbered_list(text: str, choices: Sequence[Choice]) -> str:
    """The port's fallback when buttons cannot carry the choice: plain numbered lines."""
    lines = [f"{n} — {choice.label}" for n, choice in enumerate(choices, start=1)]
    return "\n".join([text, "", *lines])


class WhatsAppCloudMessenger:
    """Sends through `POST {graph}/{phone_number_id}/messages`; ids are `wamid.…` strings."""

    platform = Platform.WHATSAPP
    capabilities = Capabilities(buttons=True, max_buttons=MAX_BUTTONS, edit=False, polls=False,
                                max_text=4096)

    def __init__(self, graph_url: str, phone_number_id: str, token: str, **client: float) -> None:
        self._base = f"{graph_url.rstrip('/')}/{phone_number_id}"
        self._http = JsonClient("WhatsApp Cloud API",
                                headers={"Authorization": f"Bearer {token}"}, **client)

    async def _send(self, to: str, kind: str, payload: dict, reply_to: str | None) -> str:
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                "type": kind, kind: payload}
        if reply_to:
            body["context"] = {"message_id": reply_to}
        answer = await self._http.post(f"{self._base}/messages", json=body)
        try:
            return str(answer["messages"][0]["id"])
        except (KeyError, IndexError, TypeError):
            raise MessengerError(f"WhatsApp Cloud API gave no message id: {answer}") from None

    async def send_text(self, chat_id: str, text: str, *, reply_to: str | None = None,
                        thread_id: str | None = None) -> str:
        return await self._send(chat_id, "text", {"body": text[:self.capabilities.max_text],
                                                  "preview_url": False}, reply_to)

    async def send_media(self, chat_id: str, kind: MediaKind, content: bytes | str, *,
                         caption: str = "", filename: str | None = None,
                         reply_to: str | None = None) -> str:
        media_type = _MEDIA_TYPES[kind]
        if isinstance(content, bytes):
            payload = {"id": await self._upload(media_type, content, filename)}
        else:
            payload = {"link": content}
        if caption and media_type not in _NO_CAPTION:
            payload["caption"] = caption
        if filename and media_type == "document":
            payload["filename"] = filename
        return await self._send(chat_id, media_type, payload, reply_to)

    async def _upload(self, media_type: str, content: bytes, filename: str | None) -> str:
        mime = _MIME[media_type]

        def form() -> aiohttp.FormData:
            data = aiohttp.FormData()
            data.add_field("messaging_product", "whatsapp")
            data.add_field("type", mime)
            data.add_field("file", content, filename=filename or "file", content_type=mime)
            return data

        answer = await self._http.post(f"{self._base}/media", form=form)
        if "id" not in answer:
            raise MessengerError(f"WhatsApp Cloud API did not take the file: {answer}")
        return str(answer["id"])

    async def ask_choice(self, chat_id: str, text: str, choices: Sequence[Choice], *,
                         reply_to: str | None = None) -> str:
        if len(choices) > MAX_BUTTONS or len(text) > MAX_INTERACTIVE_BODY:
            return await self.send_text(chat_id, numbered_list(text, choices), reply_to=reply_to)
        interactive = {
            "type": "button",
            "body": {"text": text},
            "action": {"buttons": [
                {"type": "reply", "reply": {"id": choice.key, "title": button_title(choice.label)}}
                for choice in choices
            ]},
        }
        return await self._send(chat_id, "interactive", interactive, reply_to)

    async def edit_text(self, chat_id: str, message_id: str, text: str,
                        choices: Sequence[Choice] | None = None) -> bool:
        return False  # WhatsApp cannot edit a business message; callers send a new one

    async def aclose(self) -> None:
        await self._http.aclose()
