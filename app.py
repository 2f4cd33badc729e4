"""Fuwu (服务) API: the Chalice app. Wiring only — no business logic here."""

from chalice import Chalice

from chalicelib.api import auth, customers, directory, meta, middleware, work_orders

app = Chalice(app_name="fuwu")
app.experimental_feature_flags.update(["BLUEPRINTS"])
app.register_middleware(middleware.http_middleware, "http")

for blueprint in (meta.bp, auth.bp, directory.bp, customers.bp, work_orders.bp):
    app.register_blueprint(blueprint)
