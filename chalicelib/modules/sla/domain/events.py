"""The sla area's events on a subject's timeline (vocabulary group `event`)."""

ACK_EVENT = "breach_acknowledged"  # a manager acknowledged a breached clock
