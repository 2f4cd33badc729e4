"""What other areas may use of the consultations: the SLA subject kind's name. (A work order
is made from a consultation through the order's create body, `consultation_id`, which this
area's hooks check and record: nothing else needs to call it.)"""

from __future__ import annotations

from chalicelib.modules.consultations.usecases import KIND

__all__ = ["KIND"]
