"""Head-office figures: key figures, drill-down, exports and monthly reports (数据与报表)."""

from chalicelib.kernel.parameters import CODE, MONTH
from chalicelib.kernel.registry import Area
from chalicelib.modules.figures import routes, schemas
from chalicelib.modules.figures.domain.kpi import DRILL_METRICS, SLA_CLOCKS
from chalicelib.modules.figures.models import ExportJob, KpiFact, KpiSummary, MonthlyReport

MANAGERS = ("manager", "head_office")


def _setup() -> None:
    from chalicelib.modules.figures import hooks

    hooks.register()


AREA = Area(
    name="figures",
    blueprints=(routes.bp,),
    models=(KpiFact, KpiSummary, ExportJob, MonthlyReport),
    permissions={"figures.kpi": MANAGERS, "figures.exports": MANAGERS,
                 "figures.monthly.read": MANAGERS, "figures.monthly.run": ("head_office",)},
    query={"scope": {**CODE, "description": "outlet code, or NETWORK (head office)"},
           "metric": {"enum": list(DRILL_METRICS)}, "clock": {"enum": list(SLA_CLOCKS)}},
    query_on_path={("/api/kpi/summary", "from"): MONTH, ("/api/kpi/summary", "to"): MONTH},
    schemas=schemas.SCHEMAS,
    setup=_setup,  # the facts of a work order's lifecycle, in its transactions
)
