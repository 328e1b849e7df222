"""A throwaway PostgreSQL server for the benches: the test suite's (tests/postgres.py), but
with PostgreSQL's durable defaults — fsync and synchronous_commit stay on — since the floor
is "one *durable* insert per update"."""

from __future__ import annotations

import asyncio

from tests.postgres import PostgresServer, PostgresUnavailable, create_database

__all__ = ["DurablePostgres", "PostgresUnavailable"]


class DurablePostgres(PostgresServer):
    settings_note = "throwaway server, fsync=on synchronous_commit=on"

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "log"), "-w", "start")

    def database(self, name: str) -> str:
        return asyncio.run(create_database(self, name))
