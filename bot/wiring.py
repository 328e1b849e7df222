"""The composition root: builds the object graph from settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.clock import system_clock
from bot.settings import Settings
from domain.intake.model import MediaLimits
from domain.intake.ports import MediaFiles
from domain.intake.service import IntakePolicy, IntakeService, MediaReader
from domain.kernel.ports import Classifier, Clock
from domain.triage import default_classifier
from storage.engine import make_engine, upgrade
from storage.uow import SqlUnitOfWorkFactory


@dataclass
class App:
    settings: Settings
    uow: SqlUnitOfWorkFactory
    classifier: Classifier
    intake: IntakeService
    clock: Clock

    async def close(self) -> None:
        closer = getattr(self.classifier, "aclose", None)
        if closer is not None:
            await closer()
        await self.uow.dispose()


def build_media_reader(settings: Settings, files: MediaFiles) -> tuple[MediaReader, list]:
    """Voice notes and screenshots are read when a transcription endpoint is configured and
    Tesseract is installed; returns the reader and what must be closed with it."""
    speech, closers = None, []
    if settings.transcribe_enabled:
        from bot.adapters.llm import make_llm_client  # optional dependency (openai)
        from bot.adapters.media import OpenAITranscriber

        speech = OpenAITranscriber(
            make_llm_client(settings.transcribe_base_url, settings.transcribe_api_key or "",
                            settings.transcribe_timeout_seconds, max_retries=0),
            settings.transcribe_model, timeout_s=settings.transcribe_timeout_seconds,
            language=settings.transcribe_language or None)
        closers.append(speech.aclose)
    from bot.adapters.media import TesseractOCR

    images = (TesseractOCR.find(languages=settings.ocr_languages,
                                timeout_s=settings.ocr_timeout_seconds)
              if settings.ocr_enabled else None)
    limits = MediaLimits(voice_max_bytes=int(settings.voice_max_mb * 1024 * 1024),
                         image_max_bytes=int(settings.screenshot_max_mb * 1024 * 1024))
    return MediaReader(files, speech=speech, images=images, limits=limits), closers


def build_classifier(settings: Settings, *, budget: int | None = None,
                     cache_size: int | None = None) -> Classifier:
    """The built-in classifier, or an LLM in front of it when one is configured."""
    builtin = default_classifier()
    if not settings.llm_enabled:
        return builtin
    from bot.adapters.llm import LLMClassifier, make_llm_client  # optional dependency

    client = make_llm_client(
        settings.llm_url, settings.openai_api_key or "",
        settings.llm_timeout_seconds, settings.llm_max_retries,
    )
    return LLMClassifier(
        client, settings.llm_model, builtin, system_clock(settings),
        daily_budget_per_client=(settings.llm_daily_budget_per_client if budget is None
                                 else budget),
        cache_size=settings.llm_cache_size if cache_size is None else cache_size,
        confident_skip=settings.llm_confident_skip,
    )


async def build_app(settings: Settings, *, migrate: bool = True, clock: Clock | None = None,
                    classifier: Classifier | None = None) -> App:
    """Everything the bot, the CLI and the scheduler share; the schema is upgraded first."""
    if migrate:
        await upgrade(settings.database_url)
    engine = make_engine(settings.database_url, synchronous=settings.sqlite_synchronous)
    classifier = classifier or build_classifier(settings)
    policy = IntakePolicy(
        burst_window=timedelta(minutes=settings.burst_group_minutes),
        repeat_threshold=settings.repeat_threshold,
    )
    return App(
        settings=settings,
        uow=SqlUnitOfWorkFactory(engine),
        classifier=classifier,
        intake=IntakeService(classifier, policy),
        clock=clock or system_clock(settings),
    )
