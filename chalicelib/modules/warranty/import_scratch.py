"""An import run's scratch memory on disk (SQLite in the worker's /tmp): the workbook's shared
strings, the serial numbers the sheet has had so far (a repeated serial is a duplicate row) and
the customers and sites already found or created (a new customer on several rows is created
once, and looked up once). Whatever the sheet's size, the run's memory holds SQLite's small
page cache, not the sheet."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

CACHE_KIB = 1024  # SQLite's page cache for the whole run


@dataclass(frozen=True)
class Ref:
    """A customer or a site as the run knows it (the customer archive's id, outlet and name)."""

    id: str
    outlet: str
    name: str


class Strings:
    """The shared-string table, read by index (openpyxl's worksheet parser asks `strings[i]`)."""

    def __init__(self, db: sqlite3.Connection, count: int):
        self._db, self._count = db, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        found = self._db.execute("SELECT s FROM strings WHERE i = ?", (index,)).fetchone()
        if found is None:
            raise IndexError(index)
        return found[0]


class Scratch:
    def __init__(self, path: str):
        self._db = sqlite3.connect(path, isolation_level=None)
        for pragma in (f"cache_size = -{CACHE_KIB}", "journal_mode = OFF", "synchronous = OFF",
                       "temp_store = FILE"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.executescript("""
            CREATE TABLE strings (i INTEGER PRIMARY KEY, s TEXT NOT NULL);
            CREATE TABLE serials (serial TEXT PRIMARY KEY, row INTEGER NOT NULL);
            CREATE TABLE customers (phone TEXT PRIMARY KEY, id TEXT, outlet TEXT, name TEXT);
            CREATE TABLE sites_read (customer TEXT PRIMARY KEY);
            CREATE TABLE sites (customer TEXT, name TEXT, id TEXT, outlet TEXT, shown TEXT,
                                PRIMARY KEY (customer, name));
        """)

    def close(self) -> None:
        self._db.close()

    def strings(self, texts: Iterable[str]) -> Strings:
        it = iter(texts)
        count = 0
        self._db.execute("BEGIN")
        while chunk := list(islice(it, 1000)):
            self._db.executemany("INSERT INTO strings VALUES (?, ?)",
                                 ((count + n, s) for n, s in enumerate(chunk)))
            count += len(chunk)
        self._db.execute("COMMIT")
        return Strings(self._db, count)

    # ------------------------------------------------------------ serials seen in the sheet

    def first_row_of(self, serial: str) -> int | None:
        found = self._db.execute("SELECT row FROM serials WHERE serial = ?", (serial,)).fetchone()
        return found[0] if found else None

    def remember_serial(self, serial: str, row: int) -> None:
        self._db.execute("INSERT OR IGNORE INTO serials VALUES (?, ?)", (serial, row))

    # ------------------------------------------------------------ customers and their sites

    def customer(self, phone_digits: str) -> Ref | None | bool:
        """The customer of that phone; None when the archive has none (looked up before);
        False when not looked up yet."""
        found = self._db.execute("SELECT id, outlet, name FROM customers WHERE phone = ?",
                                 (phone_digits,)).fetchone()
        if found is None:
            return False
        return Ref(*found) if found[0] else None

    def remember_customer(self, phone_digits: str, customer: Ref | None) -> None:
        values = (customer.id, customer.outlet, customer.name) if customer else (None, None, None)
        self._db.execute("INSERT OR REPLACE INTO customers VALUES (?, ?, ?, ?)",
                         (phone_digits, *values))

    def sites_known(self, customer_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM sites_read WHERE customer = ?",
                                (customer_id,)).fetchone() is not None

    def remember_sites(self, customer_id: str, sites: Iterable[tuple[str, Ref]]) -> None:
        """Every site of the customer (name key, site): later lookups need no read."""
        self._db.execute("INSERT OR IGNORE INTO sites_read VALUES (?)", (customer_id,))
        for key, site in sites:
            self.remember_site(customer_id, key, site)

    def remember_site(self, customer_id: str, key: str, site: Ref) -> None:
        self._db.execute("INSERT OR IGNORE INTO sites VALUES (?, ?, ?, ?, ?)",
                         (customer_id, key, site.id, site.outlet, site.name))

    def site(self, customer_id: str, key: str) -> Ref | None:
        found = self._db.execute("SELECT id, outlet, shown FROM sites WHERE customer = ? AND "
                                 "name = ?", (customer_id, key)).fetchone()
        return Ref(*found) if found else None
