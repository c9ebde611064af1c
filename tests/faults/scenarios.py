"""Setting up a shop for a fault scenario: a hub behind the fault proxy, enrolled counters,
today's rates, and stock tagged on one counter and synced to every other."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy import Engine, create_engine

from tests.faults.cluster import Counter, Owner
from tests.faults.proxy import FaultProxy
from tests.hub.fixtures import LiveHub

CSV_HEADER = "tag_code,metal,purity,gross_weight,huid,making_mode,making_value\n"
HUID_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def huid(prefix: str, index: int) -> str:
    return f"{prefix}{HUID_LETTERS[index // 24 % 24]}{HUID_LETTERS[index % 24]}{index % 10}9"[:6]


@dataclass
class Shop:
    hub: LiveHub
    proxy: FaultProxy
    owner: Owner
    counters: list[Counter]
    shop_id: uuid.UUID
    folder: Path

    def hub_engine(self) -> Engine:
        url = self.hub.settings.database.migration_url
        return create_engine(url)

    def tag(self, counter: Counter, prefix: str, count: int) -> list[str]:
        """Tag `count` gold pieces on `counter` (CSV import, all or nothing)."""
        codes = [f"{prefix}{index:04d}" for index in range(1, count + 1)]
        rows = [
            f"{code},gold,916,{5 + index % 7}.250,{huid(prefix[:2], index)},per_gram,450\n"
            for index, code in enumerate(codes, start=1)
        ]
        path = self.folder / f"stock-{prefix}.csv"
        path.write_text(CSV_HEADER + "".join(rows))
        counter.run("stock", "import", str(path))
        return codes

    def sync_all(self, rounds: int = 2) -> None:
        for _ in range(rounds):
            for counter in self.counters:
                counter.sync()


@contextmanager
def open_shop(hub: LiveHub, folder: Path, names: tuple[str, ...] = ("A", "B")) -> Iterator[Shop]:
    parsed = urlparse(hub.url)
    proxy = FaultProxy((parsed.hostname or "127.0.0.1", parsed.port or 80)).start()
    owner = Owner(hub)
    try:
        # The demo shop's two sample terminals count against its plan: retire them.
        for terminal in owner.http.get("/api/terminals").json():
            if terminal["status"] == "active":
                revoked = owner.post(f"/api/terminals/{terminal['id']}/revoke")
                assert revoked.status_code in {200, 201}, revoked.text
        counters = []
        shop_id: uuid.UUID | None = None
        for name in names:
            counter = Counter(name, folder / f"counter-{name}", proxy.url)
            granted = counter.enrol(owner.enrolment_code(f"Till {name}"))
            shop_id = uuid.UUID(granted["shop_id"])
            counter.run("rates", "set", "gold", "916", "7000.00")
            counters.append(counter)
        assert shop_id is not None
        yield Shop(hub, proxy, owner, counters, shop_id, folder)
    finally:
        owner.http.close()
        proxy.stop()
