"""An outlet's warehouse: the stock page (warnings filter), a part's line with its ledger, the
keeper's settings, goods received and returned to the supplier, purchase suggestions."""

from chalice import Blueprint, Response

from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.parts.warehouse_schemas import (
    DISMISS_BODY,
    MOVEMENT_BODY,
    ORDER_BODY,
    SETTINGS_BODY,
)

warehouse = lazy("chalicelib.modules.parts.warehouse")
bp = Blueprint(__name__)
STOCK = "/api/parts/warehouses/{outlet}/stock"
SUGGESTIONS = "/api/parts/warehouses/{outlet}/suggestions"


@endpoint(bp, "/api/parts/warehouses", "GET", summary="The network's warehouses (every outlet's "
          "but head office's): where a transfer may go", response="WarehouseList",
          errors=(401, 403), permission="parts.transfers.read")
def warehouses():
    return reply(warehouse.warehouses(actor()))


@endpoint(bp, STOCK, "GET", summary="The warehouse's stock by code, one query per page: all "
          "lines, those whose code begins with q, or (low=true) only those below their reorder "
          "point (库存预警)", response="StockPage", query=("q", "low", "limit", "cursor"),
          errors=(400, 401, 403, 404), permission="parts.stock.read")
def stock_page(outlet):
    return reply(warehouse.stock_page(actor(), outlet, query()))


@endpoint(bp, STOCK + "/{part_code}", "GET", summary="A part's stock line (zero figures before any "
          "movement), the part and a page of its ledger, newest first", response="StockDetail",
          query=("cursor",), errors=(400, 401, 403, 404), permission="parts.stock.read")
def stock_detail(outlet, part_code):
    return reply(warehouse.detail(actor(), outlet, part_code, query()))


@endpoint(bp, STOCK + "/{part_code}/settings", "PUT", summary="Reorder point, maximum and bin at the "
          "settings' version seen (0 creates the line); 400 max_level below the reorder point",
          response="Stock", body=SETTINGS_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.stock.write")
def stock_settings(outlet, part_code):
    return reply(warehouse.save_settings(actor(), outlet, part_code, json_body()))


@endpoint(bp, STOCK + "/{part_code}/movements", "POST", summary="Goods received from a supplier "
          "(on hand up, on order down) or defective parts returned to the supplier (409 "
          "insufficient_stock beyond the defective bin)", response="Stock", body=MOVEMENT_BODY,
          errors=(400, 401, 403, 404, 409), permission="parts.stock.write")
def stock_movement(outlet, part_code):
    return reply(warehouse.move(actor(), outlet, part_code, json_body()))


@endpoint(bp, SUGGESTIONS, "GET", summary="The warehouse's open purchase suggestions, each "
          "with its arithmetic", response="SuggestionList", errors=(401, 403, 404),
          permission="parts.stock.read")
def list_suggestions(outlet):
    return reply(warehouse.suggestions(actor(), outlet))


@endpoint(bp, SUGGESTIONS + "/{part_code}/order", "POST", summary="Order a suggestion (on order up; "
          "the suggestion removed in the same transaction)", response="Stock", body=ORDER_BODY,
          errors=(400, 401, 403, 404, 409), permission="parts.stock.write")
def order_suggestion(outlet, part_code):
    return reply(warehouse.order(actor(), outlet, part_code, json_body()))


@endpoint(bp, SUGGESTIONS + "/{part_code}/dismiss", "POST", summary="Dismiss a suggestion with a "
          "reason (audited)", response=None, status=204, body=DISMISS_BODY,
          errors=(400, 401, 403, 404), permission="parts.stock.write")
def dismiss_suggestion(outlet, part_code):
    warehouse.dismiss(actor(), outlet, part_code, json_body())
    return Response(body="", status_code=204)
