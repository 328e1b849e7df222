"""Real mail servers for the mail-channel tests.

- IMAP: Debian's dovecot (package dovecot-imapd), started in a temporary folder with its own
  minimal config: plain IMAP on 127.0.0.1, one passwd-file user, Maildir. As root it runs as
  an unprivileged user via runuser (dovecot's internal and login users are that user too).
  Without the binary the tests that need it are skipped with the reason — except under CI
  (CI=true), where a missing server is a failure (.ci/run installs dovecot-imapd).
- SMTP: aiosmtpd's real SMTP server on a free port, keeping every mail it receives.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from tests.postgres import _free_port
from tests.servers import start_and_wait, stop_process

USER, PASSWORD = "support", "s3cret-pass"


class DovecotUnavailable(Exception):
    pass


_CONFIG = """\
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {folder}/passwd
  default_fields = home={folder}/home/%u mail=maildir:{folder}/home/%u/Maildir
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
"""


class DovecotServer:
    def __init__(self) -> None:
        binary = shutil.which("dovecot") or ("/usr/sbin/dovecot"
                                             if Path("/usr/sbin/dovecot").exists() else None)
        if binary is None:
            raise DovecotUnavailable("dovecot is not installed (Debian: apt-get install "
                                     "dovecot-imapd)")
        self.binary = binary
        self.folder = Path(tempfile.mkdtemp(prefix="chatdesk-dovecot-"))
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.run_as: str | None = None
        if os.geteuid() == 0:
            self.run_as = "nobody"
            try:
                entry = pwd.getpwnam(self.run_as)
            except KeyError:
                raise DovecotUnavailable("running as root and no user 'nobody' to run as") \
                    from None
            user, group = self.run_as, grp.getgrgid(entry.pw_gid).gr_name
        else:
            user = pwd.getpwuid(os.getuid()).pw_name
            group = grp.getgrgid(os.getgid()).gr_name
        self.config = self.folder / "dovecot.conf"
        self.config.write_text(_CONFIG.format(folder=self.folder, user=user, group=group,
                                              port=self.port))
        (self.folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        if self.run_as:
            for path in (self.folder, self.config, self.folder / "passwd"):
                shutil.chown(path, self.run_as, group)

    def start(self) -> None:
        command = [self.binary, "-F", "-c", str(self.config)]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        self.process = start_and_wait(
            command, self.port, lambda sock: sock.recv(64).startswith(b"* OK"), "dovecot",
            DovecotUnavailable)

    def stop(self) -> None:
        stop_process(self.process, self.folder)

    def _client(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        conn.login(USER, PASSWORD)
        return conn

    def deliver(self, raw: bytes, mailbox: str = "INBOX") -> None:
        """Put a mail into the mailbox as a delivery agent would (IMAP APPEND)."""
        conn = self._client()
        try:
            typ, data = conn.append(mailbox, None, None, raw)
            assert typ == "OK", data
        finally:
            conn.logout()

    def clear(self, mailbox: str = "INBOX") -> None:
        """Empty the mailbox (each test starts with none)."""
        conn = self._client()
        try:
            _, data = conn.select(mailbox)
            if int(data[0]):
                conn.store("1:*", "+FLAGS", r"(\Deleted)")
                conn.expunge()
        finally:
            conn.logout()

    def count(self, mailbox: str = "INBOX") -> int:
        conn = self._client()
        try:
            typ, data = conn.select(mailbox, readonly=True)
            return int(data[0])
        finally:
            conn.logout()


class SmtpSink:
    """aiosmtpd's SMTP server; every mail it receives is kept in `mails`."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.mails: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN202, N802
                sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
                sink.mails.append(message_from_bytes(envelope.original_content or
                                                     envelope.content, policy=policy.default))
                return "250 OK"

        self.port = _free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
