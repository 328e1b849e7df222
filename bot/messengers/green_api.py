"""Green-API: a gateway that links an ordinary WhatsApp account, so the bot can sit in a
client's existing group (`…@g.us`). Unofficial: the README states the risks plainly.

WhatsApp has no buttons for such an account, so choices are numbered replies."""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp

from bot.messengers.http import JsonClient, MessengerError
from bot.messengers.whatsapp_cloud import numbered_list
from domain.kernel.model import Choice, MediaKind, Platform
from domain.kernel.ports import Capabilities

_EXTENSIONS = {MediaKind.PHOTO: "jpg", MediaKind.VIDEO: "mp4", MediaKind.ANIMATION: "mp4",
               MediaKind.VOICE: "ogg", MediaKind.AUDIO: "mp3", MediaKind.STICKER: "webp",
               MediaKind.DOCUMENT: "bin", MediaKind.OTHER: "bin"}


class GreenApiMessenger:
    """`{url}/waInstance{id}/{method}/{token}`; message ids are Green-API's `idMessage`."""

    platform = Platform.WHATSAPP
    capabilities = Capabilities(buttons=False, max_buttons=0, edit=False, polls=False,
                                max_text=20000)

    def __init__(self, api_url: str, instance_id: str, token: str, **client: float) -> None:
        self._api_url, self._instance_id, self._token = api_url.rstrip("/"), instance_id, token
        self._http = JsonClient("Green-API", **client)

    def _url(self, method: str) -> str:
        return f"{self._api_url}/waInstance{self._instance_id}/{method}/{self._token}"

    @staticmethod
    def _id(answer: dict) -> str:
        if "idMessage" not in answer:
            raise MessengerError(f"Green-API gave no message id: {answer}")
        return str(answer["idMessage"])

    async def send_text(self, chat_id: str, text: str, *, reply_to: str | None = None,
                        thread_id: str | None = None) -> str:
        body = {"chatId": chat_id, "message": text[:self.capabilities.max_text]}
        if reply_to:
            body["quotedMessageId"] = reply_to
        return self._id(await self._http.post(self._url("sendMessage"), json=body))

    async def send_media(self, chat_id: str, kind: MediaKind, content: bytes | str, *,
                         caption: str = "", filename: str | None = None,
                         reply_to: str | None = None) -> str:
        # Green-API tells a photo from a document by the file name's extension.
        name = filename or f"file.{_EXTENSIONS[kind]}"
        if isinstance(content, str):
            body = {"chatId": chat_id, "urlFile": content, "fileName": name, "caption": caption}
            if reply_to:
                body["quotedMessageId"] = reply_to
            return self._id(await self._http.post(self._url("sendFileByUrl"), json=body))

        def form() -> aiohttp.FormData:
            data = aiohttp.FormData()
            data.add_field("chatId", chat_id)
            data.add_field("caption", caption)
            if reply_to:
                data.add_field("quotedMessageId", reply_to)
            data.add_field("file", content, filename=name)
            return data

        return self._id(await self._http.post(self._url("sendFileByUpload"), form=form))

    async def ask_choice(self, chat_id: str, text: str, choices: Sequence[Choice], *,
                         reply_to: str | None = None) -> str:
        return await self.send_text(chat_id, numbered_list(text, choices), reply_to=reply_to)

    async def edit_text(self, chat_id: str, message_id: str, text: str,
                        choices: Sequence[Choice] | None = None) -> bool:
        return False  # callers send a new message instead

    async def aclose(self) -> None:
        await self._http.aclose()
