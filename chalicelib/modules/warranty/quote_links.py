"""A quote sent to the customer as a link (seed 001 §17 6.2.4: 通知用户，请用户确认): the agent or
manager of the order's outlet makes one for an approved quote; the customer opens it without
signing in, reads the quote and confirms or refuses it.

The token is 32 random bytes (secrets.token_urlsafe); only its SHA-256 is stored (QuoteLink,
expiring after LINK_DAYS by TTL, checked on every use too). A link is good for the one revision
it was made for and for one decision: the decision is the order's own `confirm_quote` or
`refuse_quote` action, taken by the server on the customer's behalf (actor role `system`, the
method `link`), and spends the link in that action's transaction. A link that is unknown or
expired answers 404; one already used or made for an earlier revision, 409. The customer's view
shows no staff and no personal data: the outlet, the order number, the unit, the lines and the
totals.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import Forbidden, NotFound, StaleVersion
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import public as orders
from chalicelib.modules.warranty import quote_store, quotes
from chalicelib.modules.warranty.domain import quotes as rules
from chalicelib.modules.warranty.models import Quote, QuoteLink

LINK_DAYS = 7
LINK_ROLES = ("agent", "manager")  # of the order's outlet
CUSTOMER = Actor(username="customer", role=quotes.SYSTEM, outlet="")  # outlet set per order


def _conflict(code: str):
    return quotes.conflict(code)


def create(actor: Actor, order_id: str) -> dict:
    """A new link to the order's approved quote: {url, expires_at}. On the timeline."""
    found = orders.get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    order = found.order
    orders.ensure_order_readable(actor, order)
    if actor.role not in LINK_ROLES or actor.outlet != order.outlet:
        raise Forbidden()
    quote = found.items.one(Quote)
    try:
        rules.check_link(quote.state if quote is not None else None)
    except rules.QuoteConflict as refusal:
        raise _conflict(refusal.code) from None
    now = keys.utc_now()
    expires = now + timedelta(days=LINK_DAYS)
    token = secrets.token_urlsafe(32)
    digest = quote_store.token_hash(token)
    link = QuoteLink(order_id=order.id, outlet=order.outlet, revision=int(quote.revision),
                     created_at=keys.iso(now), created_by=actor.username,
                     expires_at=int(expires.timestamp()))
    event, _condition = orders.step_entry(actor, order, "quote_link_sent", {
        "revision": int(quote.revision), "expires_at": keys.iso(expires)}, keys.iso(now))
    quote_store.create_link(link, digest, event)
    count("QuoteLinksSent")
    logger.info("quote link sent", extra={"order": order.number, "revision": int(quote.revision)})
    return {"url": f"/q/{token}", "expires_at": keys.iso(expires)}


def _open(token: str) -> tuple[QuoteLink, object, Quote]:
    """The link's order and quote; 404 unknown or expired, 409 used or superseded."""
    link = quote_store.get_link(token)
    if link is None or int(link.expires_at) <= int(keys.utc_now().timestamp()):
        raise NotFound()
    found = orders.get_order_with_items(link.order_id)
    if found is None:
        raise NotFound()
    quote = found.items.one(Quote)
    if quote is None or int(quote.revision) != int(link.revision):
        raise _conflict("quote_link_superseded")
    return link, found, quote


def public_view(link: QuoteLink, order, quote: Quote) -> dict:
    """What the customer sees: no staff and no personal data."""
    home = directory.outlet(order.outlet)
    today = keys.utc_now().astimezone(directory.zone(order.outlet)).date().isoformat()
    return {
        "order_number": order.number,
        "outlet_name": home.name if home else order.outlet,
        "outlet_phone": home.phone if home else None,
        "equipment_label": order.equipment_label,
        "revision": int(quote.revision), "state": quote.state,
        "lines": [{k: v for k, v in quotes.line_view(i, line).items()
                   if k not in ("list_price_fen", "needs_approval", "quantity_hundredths")}
                  for i, line in enumerate(quote.lines or [])],
        "total_fen": int(quote.total_fen), "charge_fen": int(quote.charge_fen),
        "free_fen": int(quote.total_fen) - int(quote.charge_fen),
        "valid_until": quote.valid_until,
        "expired": rules.expired(quote.valid_until, today),
        "decided": link.used_at is not None or quote.state != "approved",
        "link_expires_at": keys.iso(datetime.fromtimestamp(int(link.expires_at), UTC)),
    }


def read(token: str) -> dict:
    link, found, quote = _open(token)
    return public_view(link, found.order, quote)


def decide(token: str, body: dict) -> dict:
    """The customer's decision through the link, as the order's action (on the timeline)."""
    link, found, _quote = _open(token)
    if link.used_at is not None:
        raise _conflict("quote_link_used")
    order = found.order
    actor = Actor(username=CUSTOMER.username, role=CUSTOMER.role, outlet=order.outlet)
    if body["decision"] == "confirm":
        action = "confirm_quote"
        data = {"method": "link", "customer_name": body["customer_name"]}
    else:
        action = "refuse_quote"
        data = {"customer_name": body["customer_name"]}
    if body.get("note"):
        data["note"] = body["note"]
    token_ = quotes.LINK.set(link)
    try:
        orders.apply_action(actor, order.id, action, {"version": int(order.version), "data": data})
    except StaleVersion:  # another decision came first (its answer would show the order)
        raise _conflict("quote_link_used") from None
    finally:
        quotes.LINK.reset(token_)
    count("QuoteLinkDecisions")
    link, found, quote = _open(token)
    return public_view(link, found.order, quote)
