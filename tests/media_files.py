"""Real media files made by the tests: a Russian phrase spoken by espeak-ng into a WAV, and an
error dialog drawn by Pillow, to be read by the real Tesseract.

Without espeak-ng or Tesseract (with its Russian data) the tests that need them are skipped
with the reason — except under CI (CI=true), where a missing program is a failure; .ci/run
installs them (Debian: espeak-ng, tesseract-ocr, tesseract-ocr-rus).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI must have it: see .ci/run)")
    pytest.skip(what)


def need_tesseract() -> str:
    binary = shutil.which("tesseract")
    if binary is None:
        _missing("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-rus)")
    langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True,
                           timeout=30).stdout.split()
    if "rus" not in langs:
        _missing("Tesseract has no Russian data (apt-get install tesseract-ocr-rus)")
    return binary


def speak_wav(phrase: str, voice: str = "ru") -> bytes:
    """A WAV of espeak-ng saying `phrase`."""
    binary = shutil.which("espeak-ng")
    if binary is None:
        _missing("espeak-ng is not installed (apt-get install espeak-ng)")
    result = subprocess.run([binary, "-v", voice, "--stdout", phrase], capture_output=True,
                            timeout=60, check=True)
    return result.stdout


def wav_seconds(data: bytes) -> float:
    """How long a WAV plays; raises if it is not one. (espeak-ng streaming to stdout cannot
    know the length up front, so the frames are counted, not read from the header.)"""
    with wave.open(io.BytesIO(data)) as audio:
        frame = audio.getsampwidth() * audio.getnchannels()
        frames = len(audio.readframes(len(data))) // frame
        return frames / audio.getframerate()


def error_dialog(title: str, lines: list[str], *, fmt: str = "JPEG") -> bytes:
    """A screenshot of an error dialog as a client's phone sends it (Telegram stores JPEG)."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in _FONTS if Path(p).exists()), None)
    if font_path is None:
        _missing("no TrueType font with Cyrillic letters (apt-get install fonts-dejavu-core)")
    font = ImageFont.truetype(font_path, 28)
    bold = ImageFont.truetype(font_path, 32)
    image = Image.new("RGB", (1100, 140 + 50 * len(lines)), "#f0f0f0")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, image.width, 70), fill="#2b579a")
    draw.text((24, 16), title, font=bold, fill="white")
    draw.ellipse((24, 100, 74, 150), fill="#d13438")
    draw.text((41, 104), "!", font=bold, fill="white")
    for n, line in enumerate(lines):
        draw.text((100, 100 + 50 * n), line, font=font, fill="black")
    out = io.BytesIO()
    image.save(out, fmt, quality=92) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()
