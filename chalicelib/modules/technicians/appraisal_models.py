"""The monthly appraisal's item in the one table (docs/technicians.md, "Monthly appraisal")."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


def appraisal_pk(outlet: str) -> str:
    return f"APPRAISAL#{outlet}"


def ready_marker_pk(outlet: str, month: str) -> str:
    """The outlet's managers were told the month is ready to sign (once)."""
    return f"APPRAISALMAIL#{outlet}#{month}"


class Appraisal(Item, discriminator="tech_appraisal"):
    """An outlet's signed-off month (月度考核签字): APPRAISAL#<outlet> / <yyyy-mm>. Written once,
    when the manager (or head office) signs, with the rows as they were then; never changed
    afterwards — it records who signed and when, and is the audit trail of itself. A month
    without it is open: computed from its facts whenever it is read."""

    outlet = UnicodeAttribute()
    month = UnicodeAttribute()
    # {rows: [...], adjustments: [...], digest, counted: {<yyyy-mm>: {username: valid
    # complaints}}: what this sign-off counted for its month and the signed months before it}
    document = Utf8JSONAttribute()
    signed_by = UnicodeAttribute()
    signed_by_name = UnicodeAttribute(null=True)
    signed_at = UnicodeAttribute()
    version = VersionAttribute()

    def place(self) -> Appraisal:
        self.pk, self.sk = appraisal_pk(self.outlet), self.month
        return self


HEAD = "HEAD"  # the sort key of an outlet's sign-off head


class AppraisalHead(Item, discriminator="tech_appraisal_head"):
    """An outlet's latest sign-off: APPRAISAL#<outlet> / HEAD, written in each sign-off's
    transaction on the version read before the figures were computed, so two months of one
    outlet are never signed at once on the same baselines (a late change counted by both)."""

    outlet = UnicodeAttribute()
    month = UnicodeAttribute(null=True)  # the month signed last
    signed_at = UnicodeAttribute(null=True)
    version = VersionAttribute()

    def place(self) -> AppraisalHead:
        self.pk, self.sk = appraisal_pk(self.outlet), HEAD
        return self


APPRAISAL_MODELS = (Appraisal, AppraisalHead)
