"""Model."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kernel.model import MediaNote


@dataclass(frozen=True, slots=True)
class MediaReading:
    text: str = ""
    note: MediaNote | None = None


@dataclass(frozen=True, slots=True)
class MediaLimits:
    voice_max_bytes: int = 10 * 1024 * 1024
    image_max_bytes: int = 5 * 1024 * 1024
