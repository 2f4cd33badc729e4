"""What a list shows of a work order: the one list of its row's fields.

The orders' list indexes carry these (infra/resources.py ORDER_ROW, with `kind` and the clocks'
list copy `sla`), the list API answers them (`WorkOrderRow`, with the running and paused
clocks), and `usecases.row_view` builds a row from an index entry or a whole order alike. A
field added here is added to all three, and to the four list-row indexes (orders1, 2, 3 and 7):
DynamoDB allows 100 projected attributes over a table's indexes and these take 69, so a new
field costs four of the 31 left.
"""

LIST_ROW = ("id", "number", "outlet", "state", "type", "priority", "customer_id",
            "customer_name", "site_id", "site_name", "technician", "technician_name",
            "helpers", "created_at")
