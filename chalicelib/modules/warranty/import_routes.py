"""产品档案批量导入: upload an Excel sheet of units, start the import, follow its progress."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, lang, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.warranty.import_schemas import IMPORT_REQUEST

imports = lazy("chalicelib.modules.warranty.imports")
bp = Blueprint(__name__)


@endpoint(bp, "/api/unit-imports", "POST", status=201, body=IMPORT_REQUEST,
          summary="A new import of units and the presigned form to upload its .xlsx",
          response="UnitImportUpload", errors=(400, 401, 403), permission="warranty.units.import")
def create_unit_import():
    return reply(imports.create(actor(), json_body(), lang()), 201)


@endpoint(bp, "/api/unit-imports", "GET", summary="The outlet's latest imports of units",
          response="UnitImportList", errors=(401, 403), permission="warranty.units.import")
def list_unit_imports():
    return reply(imports.recent(actor(), lang()))


@endpoint(bp, "/api/unit-imports/sample", "GET",
          summary="The import sheet's columns (to make a blank template)",
          response="UnitImportSample", errors=(401, 403), permission="warranty.units.import")
def unit_import_sample():
    return reply(imports.sample())


@endpoint(bp, "/api/unit-imports/{import_id}", "GET",
          summary="An import: its progress and every bad row with its reasons",
          response="UnitImport", errors=(401, 403, 404), permission="warranty.units.import")
def get_unit_import(import_id):
    return reply(imports.get(actor(), import_id, lang()))


@endpoint(bp, "/api/unit-imports/{import_id}/start", "POST", status=202,
          summary="Check the uploaded file and queue the import (a queued, running or "
                  "finished import is returned as it is; a failed or stuck one starts again)",
          response="UnitImport", errors=(400, 401, 403, 404, 409), permission="warranty.units.import")
def start_unit_import(import_id):
    return reply(imports.start(actor(), import_id, lang()), 202)
