"""What other areas may use of the installed base and warranty: the unit item (the customer
archive lists a customer's units; exports print them)."""

from __future__ import annotations

from chalicelib.modules.warranty.models import Equipment

__all__ = ["Equipment"]
