"""What other areas may use of the contracts area: the contract covering a unit on a day, a
contract as the hooks show it, the contract item and its keys (the inspection generator and the
reminder job of this area read the rest directly)."""

from __future__ import annotations

from chalicelib.modules.contracts.hooks import contract_view, covering
from chalicelib.modules.contracts.models import Contract

__all__ = ["Contract", "contract_view", "covering"]
