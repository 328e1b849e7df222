# chatdesk in a container: `docker compose up -d` (compose.yaml) runs it with PostgreSQL and
# Redis; alone, it keeps its SQLite database in the /data volume.

# -- build: a wheel of chatdesk and of everything it needs ----------------------------------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY domain ./domain
COPY handlers ./handlers
COPY scheduler ./scheduler
COPY storage ./storage
RUN python -m venv /opt/chatdesk \
    && /opt/chatdesk/bin/pip install --upgrade pip \
    && /opt/chatdesk/bin/pip install ".[llm]"

# -- run: the installed environment only, as an unprivileged user --------------------------------
FROM python:3.11-slim
ENV PATH="/opt/chatdesk/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL="sqlite+aiosqlite:////data/chatdesk.sqlite3" \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8080 \
    LOG_FORMAT=json
RUN groupadd --system --gid 10001 chatdesk \
    && useradd --system --uid 10001 --gid chatdesk --home-dir /data --shell /usr/sbin/nologin chatdesk \
    && mkdir -p /data \
    && chown chatdesk:chatdesk /data
COPY --from=build /opt/chatdesk /opt/chatdesk
WORKDIR /data
VOLUME ["/data"]
USER chatdesk
EXPOSE 8080
# The database answers and, when the bot serves HTTP (webhook, WhatsApp), so does /healthz.
HEALTHCHECK --interval=30s --timeout=15s --start-period=30s --retries=3 \
    CMD ["chatdesk", "health"]
# `run` brings the schema up to date itself before it starts.
CMD ["chatdesk", "run"]
