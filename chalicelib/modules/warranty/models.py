"""The warranty area's items in the one table (see chalicelib/kernel/store/models.py).

A unit (产品档案) and what belongs to it live in its customer's collection, under the unit's own
sort-key prefix, so that the unit page and the coverage decision read it in one query:
    CUST#<customer> / EQUIP#<unit>                    the unit, with its frozen terms
    CUST#<customer> / EQUIP#<unit>#EV#<at>#<id>       its audit trail (registered, terms changed)
    CUST#<customer> / EQUIP#<unit>#REC#<at>#<order>   its service record (保修卡), one per acceptance
    CUST#<customer> / EQUIP#<unit>#PHOTO#<id>         its photos (nameplate, installation, site, barcode)
What an order decides about warranty and price lives in the order's collection (read with the
order in one query):
    ORDER#<order> / COVERAGE                          the coverage decision, line by line
    ORDER#<order> / QUOTE                             the quote (费用通知/报价单)
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item
from chalicelib.modules.evidence.public import UploadFields


class Equipment(Item, discriminator="equipment"):
    """产品档案: CUST#<customer> / EQUIP#<id>. gsi1 OUTLET#<o>#UNITS / <serial_no>#<id> (an
    outlet's units by serial number). `terms` is the warranty template as it stood when the unit
    was registered (domain/terms.py: TERMS_SCHEMA); a later template change does not touch it.
    Units registered before terms existed have `terms` None and may carry `warranty_until`."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    site_id = UnicodeAttribute(null=True)
    outlet = UnicodeAttribute()
    model = UnicodeAttribute()
    serial_no = UnicodeAttribute()
    customer_name = UnicodeAttribute(null=True)  # as registered: lists and the unit page show it
    site_name = UnicodeAttribute(null=True)
    category = UnicodeAttribute(null=True)
    invoice_no = UnicodeAttribute(null=True)
    invoice_date = UnicodeAttribute(null=True)  # YYYY-MM-DD
    delivered_on = UnicodeAttribute(null=True)  # YYYY-MM-DD
    installed_on = UnicodeAttribute(null=True)  # YYYY-MM-DD
    source = UnicodeAttribute(null=True)  # own | agent (vocabulary unit_source)
    dealer = UnicodeAttribute(null=True)  # the agent/dealer who sold it
    terms = Utf8JSONAttribute(null=True)
    warranty_until = UnicodeAttribute(null=True)  # legacy: one date for the whole unit
    registered_at = UnicodeAttribute(null=True)
    registered_by = UnicodeAttribute(null=True)
    version = VersionAttribute()


class UnitSerial(Item, discriminator="unit_serial"):
    """Holds a serial number for one unit of an outlet: UNITSERIAL#<outlet>#<serial> / SERIAL.
    Written with the unit (condition: does not exist), so a serial is registered once and an
    import of the same sheet again changes nothing."""

    outlet = UnicodeAttribute()
    serial_no = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    unit_id = UnicodeAttribute()


class UnitEvent(Item, discriminator="unit_event"):
    """An immutable entry of a unit's audit trail: CUST#<c> / EQUIP#<u>#EV#<at>#<id>."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    unit_id = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()  # register | import | change_terms
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)


class UnitPhoto(UploadFields, Item, discriminator="unit_photo"):
    """A photo of the unit taken at registration (nameplate, installation, site, barcode; seed
    001 第二章第11条): CUST#<c> / EQUIP#<u>#PHOTO#<id>, in the unit's own collection. Written
    `pending` with its upload form (expiring by TTL), then `verified` or `rejected` once the
    bytes in S3 are checked (unit_photos.py)."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    unit_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    category = UnicodeAttribute()  # vocabulary unit_photo
    # status, the declared and found bytes, EXIF facts, TTL: evidence's UploadFields


class ServiceRecord(Item, discriminator="service_record"):
    """One line of the unit's service record (保修卡), written in the transaction of the order's
    acceptance: CUST#<c> / EQUIP#<u>#REC#<accepted_at>#<order>. Immutable."""

    customer_id = UnicodeAttribute()
    unit_id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    order_number = UnicodeAttribute()
    accepted_at = UnicodeAttribute()
    components = Utf8JSONAttribute(default=list)  # the components the order repaired
    fault_cause = UnicodeAttribute(null=True)
    solution = UnicodeAttribute(null=True)
    parts = UnicodeAttribute(null=True)
    technician = UnicodeAttribute(null=True)
    technician_name = UnicodeAttribute(null=True)
    coverage = UnicodeAttribute(null=True)


class WarrantyTemplate(Item, discriminator="warranty_template"):
    """Head office's warranty terms and price list for a product model (or the network's default):
    WARRANTY#TEMPLATES / MODEL#<model> | DEFAULT. The one partition holds every template (a
    network has tens of models), read in one query by the template page."""

    model = UnicodeAttribute(null=True)  # None: the network's default
    start_basis = UnicodeAttribute()  # invoice | delivery | installation
    groups = Utf8JSONAttribute()  # [{code, name, months, components: [..]}], see domain/terms.py
    exclusions = Utf8JSONAttribute()  # exclusion keys offered for units of the model
    prices = Utf8JSONAttribute()  # price item -> fen (维修项目与收费标准表)
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    version = VersionAttribute()


class TemplateEvent(Item, discriminator="template_event"):
    """An immutable entry of the templates' audit trail: WARRANTY#TEMPLATES / AUDIT#<at>#<id>
    (sorted before DEFAULT and MODEL#…, so the templates are read without it)."""

    id = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()  # save | delete
    model = UnicodeAttribute(null=True)  # None: the network's default
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    before = Utf8JSONAttribute(null=True)
    after = Utf8JSONAttribute(null=True)


class CoverageDecision(Item, discriminator="coverage_decision"):
    """What the order's warranty covers, line by line (ORDER#<order> / COVERAGE), decided from
    the unit's terms, the failure dates, the recorded exclusions and the unit's service record;
    rewritten by the order's coverage actions in their transactions."""

    order_id = UnicodeAttribute()
    unit_id = UnicodeAttribute(null=True)
    lines = Utf8JSONAttribute(default=list)
    exclusions = Utf8JSONAttribute(default=list)
    exclusions_offered = Utf8JSONAttribute(null=True)  # the unit's terms' list (None: any)
    decided_at = UnicodeAttribute()
    decided_by = UnicodeAttribute()
    version = VersionAttribute()


class Quote(Item, discriminator="quote"):
    """费用通知/报价单 of an order (ORDER#<order> / QUOTE): its lines with list and quoted prices
    in fen, the totals as the server computed them, and where it stands (draft, waiting for a
    manager's approval, approved, confirmed by the customer, refused, released by head office).
    Rewritten by the order's quote actions in their transactions; each revision is on the
    order's timeline."""

    order_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    revision = NumberAttribute()
    state = UnicodeAttribute()
    lines = Utf8JSONAttribute(default=list)
    total_fen = NumberAttribute()  # what the work is worth at the quoted prices
    charge_fen = NumberAttribute()  # what the customer pays (covered lines are free)
    valid_until = UnicodeAttribute(null=True)
    approval = Utf8JSONAttribute(null=True)
    confirmation = Utf8JSONAttribute(null=True)
    refusal = Utf8JSONAttribute(null=True)
    release = Utf8JSONAttribute(null=True)
    pdf_key = UnicodeAttribute(null=True)
    pdf_version_id = UnicodeAttribute(null=True)  # the S3 version of this revision's PDF
    pdf_sha256 = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute(null=True)  # this revision's
    created_by = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class QuoteLink(Item, discriminator="quote_link"):
    """A link sent to the customer to read and confirm a quote: QUOTELINK#<sha256 of token> /
    LINK. Only the hash is stored; it expires by TTL and is good for the one revision it was
    made for."""

    order_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    revision = NumberAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    used_at = UnicodeAttribute(null=True)
    expires_at = NumberAttribute()


class UnitImport(Item, discriminator="unit_import"):
    """产品档案批量导入: an Excel sheet of units and what became of each row (import_job.py):
    UNITIMPORT#<id> / IMPORT; gsi1 UNITIMPORTS#<outlet> / <created_at>#<id> (an outlet's
    imports, newest first). Every change after creation is a compare-and-set on (state,
    started_at), as the export jobs do; `next_row` is where a continued run picks up."""

    id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()  # uploading | queued | running | done | failed
    filename = UnicodeAttribute()
    size = NumberAttribute()
    s3_key = UnicodeAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_by_name = UnicodeAttribute()
    created_role = UnicodeAttribute()
    started_at = UnicodeAttribute(null=True)  # the current attempt's stamp
    finished_at = UnicodeAttribute(null=True)
    next_row = NumberAttribute(default=0)  # the first sheet row not yet handled (0: none yet)
    total = NumberAttribute(default=0)  # data rows handled so far (blank rows not counted)
    imported = NumberAttribute(default=0)
    unchanged = NumberAttribute(default=0)  # the serial was registered already
    failed = NumberAttribute(default=0)
    errors = Utf8JSONAttribute(default=list)  # [{row, field, code, params}], the first MAX_ERRORS
    error = UnicodeAttribute(null=True)  # why the whole import failed (a message code)
    error_params = Utf8JSONAttribute(null=True)
    expires_at = NumberAttribute(null=True)  # TTL while uploading (an upload never started)
