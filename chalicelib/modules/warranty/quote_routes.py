"""The quote sent to the customer as a link, and the customer's side of it (no sign-in). The
quote itself is made, approved, confirmed, refused and released through the order's lifecycle
actions (POST /api/work-orders/{order_id}/actions/<quote action>)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.warranty.quote_schemas import DECISION_SCHEMA

links = lazy("chalicelib.modules.warranty.quote_links")
quotes = lazy("chalicelib.modules.warranty.quotes")
bp = Blueprint(__name__)


@endpoint(bp, "/api/work-orders/{order_id}/quote/link", "POST", status=201,
          summary="A link for the customer to read and confirm the order's approved quote "
                  "(valid 7 days, for this revision, one decision)",
          response="QuoteLinkCreated", errors=(401, 403, 404, 409),
          permission="warranty.quotes.link")
def create_link(order_id):
    return reply(links.create(actor(), order_id), 201)


@endpoint(bp, "/api/work-orders/{order_id}/price-list", "GET",
          summary="The prices a quote of the order starts from: its unit's model template, else "
                  "the network's default (维修项目与收费标准表)",
          response="PriceList", errors=(401, 403, 404), permission="orders.read")
def order_price_list(order_id):
    return reply(quotes.order_price_list(actor(), order_id))


@endpoint(bp, "/api/public/quotes/{token}", "GET", public=True,
          summary="The quote as the customer sees it through a link (no sign-in)",
          response="PublicQuote", errors=(400, 404, 409))
def read_quote(token):
    return reply(links.read(token))


@endpoint(bp, "/api/public/quotes/{token}/decision", "POST", public=True, body=DECISION_SCHEMA,
          summary="The customer confirms or refuses the quote through a link (no sign-in)",
          response="PublicQuote", errors=(400, 404, 409))
def decide(token):
    return reply(links.decide(token, json_body()))
