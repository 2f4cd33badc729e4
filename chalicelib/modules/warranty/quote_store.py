"""Reads and writes of quotes and quote links (the only code that knows their keys).

    ORDER#<order> / QUOTE                 the order's quote, in the order's collection (read with
                                          the order in one query; written in its actions'
                                          transactions, on its own version)
    QUOTELINK#<sha256 of token> / LINK    a link sent to the customer (TTL: expires_at)
S3: quotes/<outlet>/<order>/quote-r<revision>.pdf, the confirmed (or released) revision; a
later decision on the same revision is a new object version.
"""

from __future__ import annotations

import hashlib

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import connection, refused
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.orders.public import OrderEvent, index_event
from chalicelib.modules.warranty.models import Equipment, Quote, QuoteLink

QUOTE_SK = "QUOTE"
LINK_SK = "LINK"


def index_quote(quote: Quote) -> None:
    quote.pk, quote.sk = keys.order_pk(quote.order_id), QUOTE_SK


def quote_write(quote: Quote):
    """The transaction entry of the quote: PynamoDB conditions it on the version read (or on
    there being none, for the first revision)."""
    index_quote(quote)
    return quote, None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def index_link(link: QuoteLink, digest: str) -> None:
    link.pk, link.sk = f"QUOTELINK#{digest}", LINK_SK


def get_link(token: str) -> QuoteLink | None:
    try:
        return QuoteLink.get(f"QUOTELINK#{token_hash(token)}", LINK_SK, consistent_read=True)
    except DoesNotExist:
        return None


def link_used_write(link: QuoteLink, at: str):
    """The entry that spends a link in the decision's transaction: only if nobody spent it."""
    link.used_at = at
    return link, QuoteLink.used_at.does_not_exist() & QuoteLink.pk.exists()


def create_link(link: QuoteLink, digest: str, event: OrderEvent) -> None:
    """The link and its timeline event at once."""
    index_link(link, digest)
    index_event(event)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(link, condition=QuoteLink.pk.does_not_exist())
            tx.save(event, condition=OrderEvent.pk.does_not_exist())
    except TransactWriteError as error:
        if refused(error):
            raise VersionConflict(link.order_id) from None
        raise


def get_unit(customer_id: str | None, unit_id: str | None) -> Equipment | None:
    if not customer_id or not unit_id:
        return None
    try:
        return Equipment.get(keys.customer_pk(customer_id), f"EQUIP#{unit_id}")
    except DoesNotExist:
        return None


# ---------------------------------------------------------------- the PDF

def pdf_key(outlet: str, order_id: str, revision: int) -> str:
    return f"quotes/{outlet}/{order_id}/quote-r{int(revision)}.pdf"


def put_pdf(key: str, pdf: bytes) -> str | None:
    return evidence.put(key, pdf, "application/pdf")


def discard_pdf(key: str, version_id: str | None) -> None:
    evidence.delete_version(key, version_id)
