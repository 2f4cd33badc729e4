"""Fee facts (费用事实) and the monthly cost report's figures (seed 004 §1 五.6 = 001 §13: by the
4th, 安装调试(人、次/天)及费用, 售后派人(人、次/天)及费用, 售后材料费用, 售后运输费用, 售后总费用
(合同规定的指导安装调试费用除外)), pure.

A *fee fact* is what one event contributes to its outlet-month's cost figures, written with the
event (facts.py):
  order    an order accepted (every one, with or without fees): its type, whether it is an
           installation (安装调试) and under contract (合同规定的指导安装调试), persons (the
           lead and the helpers), person-days, its labour and parts cost, charge and booked cost
  payment  a payment recorded (收款): amount, method
  claim    a travel claim approved by head office (差旅费报销单): its amounts by category,
           whether its orders are installations (under contract), total, advance
  booking  a spend booked against the outlet's budget (the acceptance's, a claim's, by hand)

An outlet's row of the cost sheet (`cost_row`) is a pure function of its month's facts:
  installation persons / person-days   the installation orders' persons and person-days
  installation cost    those orders' labour cost + their claims' amounts other than transport
  of which contract guidance   the part of the installation cost of orders (and claims) under
                       contract: excluded from the total
  dispatch persons / person-days / cost   the same for every other accepted order (派工)
  material             the parts' cost of every order
  transport            the claims' transport amounts (trip costs are the claims': an order's
                       sheet books no trip cost)
  total                installation + dispatch + material + transport − contract guidance
  collected            the payments
  budget used          the bookings
Money is integer fen; a row's figures add up over outlets (`add_rows`: the network's row).
"""

from __future__ import annotations

from datetime import date

KINDS = ("order", "payment", "claim", "booking")  # the fact's `fact`, in the report's order
INSTALLATION = "installation"  # the order type 安装调试
CONTRACT = "contract"  # the order's coverage: under a service contract
TRANSPORT = "transport"  # the claim line category 交通费 (运输费用 in the report)
CLAIM_CATEGORIES = ("transport", "lodging", "meals", "allowance", "other")
LABOUR, PART = "labour", "part"

# a row of the cost sheet (费用), in the sheet's column order
ROW_FIELDS = ("install_persons", "install_days", "install_cost_fen", "contract_guidance_fen",
              "dispatch_persons", "dispatch_days", "dispatch_cost_fen", "material_fen",
              "transport_fen", "total_fen", "collected_fen", "budget_used_fen")


def on_site_days(arrived_on: date | None, accepted_on: date) -> int:
    """Calendar days on site, the arrival's date to the acceptance's inclusive (dates in the
    outlet's time zone), at least 1 (no arrival recorded: the acceptance's day)."""
    if arrived_on is None:
        return 1
    return max((accepted_on - arrived_on).days + 1, 1)


def line_costs(lines: list[dict]) -> tuple[int, int]:
    """(labour, parts) internal cost of a sheet's lines."""
    labour = sum(int(line.get("cost_fen") or 0) for line in lines if line.get("kind") == LABOUR)
    parts = sum(int(line.get("cost_fen") or 0) for line in lines if line.get("kind") == PART)
    return labour, parts


def order_data(*, number: str, order_type: str, coverage: str | None, technician: str | None,
               helpers: list[str], arrived_on: date | None, accepted_on: date,
               lines: list[dict], charge_fen: int, cost_fen: int) -> dict:
    """An accepted order's fact (arrival and acceptance dates in the outlet's time zone)."""
    persons = len({p for p in [technician, *helpers] if p}) or 1
    installation = order_type == INSTALLATION
    labour, parts = line_costs(lines)
    return {"number": number, "type": order_type, "installation": installation,
            "contract_guidance": installation and coverage == CONTRACT,
            "persons": persons, "days": persons * on_site_days(arrived_on, accepted_on),
            "labour_cost_fen": labour, "material_cost_fen": parts,
            "charge_fen": int(charge_fen), "cost_fen": int(cost_fen)}


def claim_data(*, number: str, by_category: dict[str, int], installation: bool,
               contract_guidance: bool, budget_category: str, total_fen: int,
               advance_fen: int, claimant: str) -> dict:
    """An approved travel claim's fact (every category present, 0 when none)."""
    amounts = {c: int(by_category.get(c) or 0) for c in CLAIM_CATEGORIES}
    unknown = set(by_category) - set(CLAIM_CATEGORIES)
    if unknown:
        raise ValueError(f"unknown claim categories {sorted(unknown)}")
    return {"number": number, "by_category": amounts, "installation": bool(installation),
            "contract_guidance": bool(installation) and bool(contract_guidance),
            "budget_category": budget_category, "total_fen": int(total_fen),
            "advance_fen": int(advance_fen), "claimant": claimant}


def claim_trip_fen(data: dict) -> tuple[int, int]:
    """(transport, everything else) of a claim's fact."""
    amounts = data.get("by_category") or {}
    transport = int(amounts.get(TRANSPORT) or 0)
    return transport, sum(int(v or 0) for k, v in amounts.items() if k != TRANSPORT)


def empty_row() -> dict[str, int]:
    return dict.fromkeys(ROW_FIELDS, 0)


def cost_row(facts: list[dict]) -> dict[str, int]:
    """One outlet-month's cost figures from its facts ({fact, data}; see the module text)."""
    row = empty_row()
    for fact in facts:
        kind, data = fact["fact"], fact.get("data") or {}
        if kind == "order":
            side = "install" if data.get("installation") else "dispatch"
            row[f"{side}_persons"] += int(data.get("persons") or 0)
            row[f"{side}_days"] += int(data.get("days") or 0)
            labour = int(data.get("labour_cost_fen") or 0)
            row[f"{side}_cost_fen"] += labour
            row["material_fen"] += int(data.get("material_cost_fen") or 0)
            if data.get("contract_guidance"):  # the whole cost of the contract's guidance
                row["contract_guidance_fen"] += labour + int(data.get("material_cost_fen") or 0)
        elif kind == "claim":
            side = "install" if data.get("installation") else "dispatch"
            transport, other = claim_trip_fen(data)
            row[f"{side}_cost_fen"] += other
            row["transport_fen"] += transport
            if data.get("contract_guidance"):
                row["contract_guidance_fen"] += other + transport
        elif kind == "payment":
            row["collected_fen"] += int(data.get("amount_fen") or 0)
        elif kind == "booking":
            row["budget_used_fen"] += int(data.get("amount_fen") or 0)
    row["total_fen"] = (row["install_cost_fen"] + row["dispatch_cost_fen"] + row["material_fen"]
                        + row["transport_fen"] - row["contract_guidance_fen"])
    return row


def add_rows(rows: list[dict[str, int]]) -> dict[str, int]:
    """The sum of outlets' rows (the network's: every figure adds up)."""
    total = empty_row()
    for row in rows:
        for name in ROW_FIELDS:
            total[name] += int(row[name])
    return total
