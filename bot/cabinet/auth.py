"""Who is calling the cabinet: Telegram Mini App `initData`, signed session cookies, CSRF.

initData follows Telegram's "Validating data received via the Mini App": every field but
`hash`, sorted by key as `key=value` lines, signed with HMAC-SHA256 whose key is
HMAC-SHA256(key="WebAppData", msg=bot_token).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

from domain.cabinet.model import Principal
from domain.kernel.model import Platform


class AuthError(Exception):
    """Credentials that must not be trusted; the message says why, for the log only."""


@dataclass(frozen=True, slots=True)
class WebAppUser:
    id: int
    first_name: str = ""
    language_code: str = ""


def _secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """The `hash` Telegram puts in initData for these fields (used by tests and fakes)."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    return hmac.new(_secret_key(bot_token), check.encode(), hashlib.sha256).hexdigest()


def verify_init_data(init_data: str, bot_token: str, *, now: datetime,
                     max_age: timedelta) -> WebAppUser:
    """The Mini App's user, if Telegram signed this initData for our bot recently enough."""
    if not bot_token:
        # Without a token the key is public: anyone could sign anything.
        raise AuthError("no bot token to check initData with")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise AuthError("initData is not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise AuthError("initData repeats a field")
    given = fields.pop("hash", "")
    if not given or not hmac.compare_digest(given, sign_init_data(fields, bot_token)):
        raise AuthError("initData hash does not match")
    try:
        signed_at = int(fields["auth_date"])
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError):
        raise AuthError("initData lacks auth_date or user") from None
    age = now.timestamp() - signed_at
    # A little clock skew is tolerated; a date from the future beyond it is not.
    if age > max_age.total_seconds() or age < -60:
        raise AuthError("initData is stale")
    return WebAppUser(user_id, str(user.get("first_name", "")), str(user.get("language_code", "")))


# -- sessions ------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Sessions:
    """Stateless sessions: the principal and an expiry, HMAC-signed with CABINET_SECRET."""

    def __init__(self, secret: str, lifetime: timedelta) -> None:
        if len(secret) < 16:
            raise ValueError("CABINET_SECRET must be at least 16 characters")
        self._key = hashlib.sha256(b"chatdesk-cabinet-session:" + secret.encode()).digest()
        self._csrf_key = hashlib.sha256(b"chatdesk-cabinet-csrf:" + secret.encode()).digest()
        self.lifetime = lifetime

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())

    def issue(self, principal: Principal, now: datetime) -> str:
        body = json.dumps([principal.platform.value, principal.external_id,
                           int((now + self.lifetime).timestamp())], separators=(",", ":"))
        payload = _b64(body.encode())
        return f"{payload}.{self._sign(payload)}"

    def read(self, cookie: str, now: datetime) -> Principal:
        payload, _, signature = cookie.partition(".")
        if not signature or not hmac.compare_digest(signature, self._sign(payload)):
            raise AuthError("session signature does not match")
        try:
            platform, external_id, expires = json.loads(_unb64(payload))
            principal = Principal(Platform(platform), str(external_id))
        except (ValueError, TypeError):
            raise AuthError("session is malformed") from None
        if now.timestamp() >= expires:
            raise AuthError("session expired")
        return principal

    def csrf(self, cookie: str) -> str:
        """A form token bound to this very session: a forged form from elsewhere lacks it."""
        return _b64(hmac.new(self._csrf_key, cookie.encode(), hashlib.sha256).digest())

    def check_csrf(self, cookie: str, token: str) -> bool:
        return bool(token) and hmac.compare_digest(token, self.csrf(cookie))
