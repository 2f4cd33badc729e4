def test_login_and_me(api):
    reply = api.get("/api/me", "sz_agent")
    assert reply.status == 200
    assert reply.body["role"] == "agent" and reply.body["outlet"] == "SZ"


def test_full_walk(new_order, walk):
    order = new_order()
    order = walk(order, ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
                         "complete", "accept", "return_visit", "archive"])
    assert order["state"] == "archived"
    assert [e["action"] for e in order["events"]][0] == "create"
