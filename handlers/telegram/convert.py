"""Telegram updates → the domain's InboundMessage."""

from __future__ import annotations

from aiogram.types import Message

from domain.intake.service import InboundMessage
from domain.kernel.model import MediaKind, MediaRef, Platform

_MEDIA = (
    ("photo", MediaKind.PHOTO),
    ("video", MediaKind.VIDEO),
    ("video_note", MediaKind.VIDEO),
    ("document", MediaKind.DOCUMENT),
    ("voice", MediaKind.VOICE),
    ("audio", MediaKind.AUDIO),
    ("sticker", MediaKind.STICKER),
    ("animation", MediaKind.ANIMATION),
)


def media_kind(message: Message) -> MediaKind | None:
    # An animation also carries `document`; check it before the generic document.
    if message.animation is not None:
        return MediaKind.ANIMATION
    for attribute, kind in _MEDIA:
        if getattr(message, attribute, None):
            return kind
    return None


def media_file(message: Message) -> tuple[MediaKind, str] | None:
    """The kind and Telegram file id of a message's media, to send it again by id (None: no
    media, or a kind that cannot be re-sent as such, like a round video note)."""
    kind = media_kind(message)
    if kind is None or message.video_note is not None:
        return None
    if message.photo:
        return kind, message.photo[-1].file_id
    attribute = "animation" if kind is MediaKind.ANIMATION else kind.value
    media = getattr(message, attribute, None)
    return (kind, media.file_id) if media is not None else None


def media_ref(message: Message) -> MediaRef | None:
    """The file of a voice note, a photo or a picture sent as a file, for the desk to read."""
    if message.voice is not None:
        voice = message.voice
        return MediaRef(MediaKind.VOICE, voice.file_id, voice.file_size, voice.mime_type)
    if message.photo:
        largest = message.photo[-1]  # Telegram lists the sizes smallest first
        return MediaRef(MediaKind.PHOTO, largest.file_id, largest.file_size, "image/jpeg")
    document = message.document
    if document is not None and message.animation is None and (
            document.mime_type or "").startswith("image/"):
        return MediaRef(MediaKind.DOCUMENT, document.file_id, document.file_size,
                        document.mime_type)
    return None


def sender(message: Message) -> tuple[str, str]:
    """(id, display name); anonymous admins and channels write as a chat, not a user."""
    if message.sender_chat is not None:
        return f"chat{message.sender_chat.id}", message.sender_chat.title or ""
    user = message.from_user
    return (str(user.id), user.full_name) if user else ("unknown", "")


def to_inbound(message: Message) -> InboundMessage:
    sender_id, name = sender(message)
    return InboundMessage(
        platform=Platform.TELEGRAM,
        chat_id=str(message.chat.id),
        message_id=str(message.message_id),
        sender_id=sender_id,
        sender_name=name,
        sent_at=message.date,
        text=message.text or message.caption or "",
        media=media_kind(message),
        reply_to=str(message.reply_to_message.message_id) if message.reply_to_message else None,
        album_id=message.media_group_id,
        thread_id=str(message.message_thread_id) if message.is_topic_message else None,
        forwarded=message.forward_origin is not None,
        media_ref=media_ref(message),
    )
