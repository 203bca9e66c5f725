"""Drives the real SDK host from Python: python3 test_host.py (the host command comes from the
ASTRAWEAVE_SDK_HOST environment variable, as a JSON array, default ["deno", "task", "sdk-host"])."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from astraweave_sdk_client import HostClient, HostError  # noqa: E402

COMMAND = json.loads(os.environ.get("ASTRAWEAVE_SDK_HOST", '["deno", "task", "sdk-host"]'))

AW_ERR_NULL, AW_ERR_PARAM, AW_ERR_PARSE, AW_ERR_EXEC = -1, -2, -3, -4
SEED = [
    {"id": 1, "x": 2, "y": 2, "team": 0, "hp": 100, "ammo": 0},
    {"id": 2, "x": 3, "y": 2, "team": 1, "hp": 80, "ammo": 10},
    {"id": 3, "x": 7, "y": 2, "team": 2, "hp": 60, "ammo": 0},
]


def plan(*steps):
    return {"plan_id": "py", "steps": list(steps)}


class HostTest(unittest.TestCase):
    def setUp(self):
        self.host = HostClient(COMMAND)

    def tearDown(self):
        if self.host.process.poll() is None:
            self.host.close()

    def assert_error(self, code, pattern, method, **params):
        with self.assertRaises(HostError) as caught:
            self.host.call(method, **params)
        self.assertEqual(caught.exception.code, code)
        self.assertRegex(caught.exception.message, pattern)

    def test_world_lifecycle_ticks_snapshots_and_deltas(self):
        version = self.host.call("version")
        self.assertEqual(version["string"], f"{version['major']}.{version['minor']}.{version['patch']}")
        world = self.host.call("createWorld", obstacles=[{"x": 5, "y": 2}])["handle"]
        self.assertEqual(self.host.call("snapshot", handle=world), {"t": 0, "tick": 0, "entities": SEED})
        self.assertEqual(self.host.call("delta", handle=world)["changed"], SEED)
        self.assertEqual(self.host.call("onDelta", handle=world, enabled=True), 0)
        self.assertEqual(self.host.call("tick", handle=world, dt=0.5), 0)
        [delta] = self.host.notifications
        self.assertEqual(delta["method"], "onDelta")
        self.assertEqual(delta["params"], {"handle": world, "delta": {"t": 0.5, "changed": [], "removed": []}})
        snapshot = self.host.call("snapshot", handle=world)
        self.assertEqual((snapshot["t"], snapshot["tick"]), (0.5, 1))
        self.assertEqual(self.host.call("destroyWorld", handle=world), 0)
        self.assert_error(AW_ERR_NULL, "^unknown world handle$", "tick", handle=world, dt=0.5)
        self.assert_error(AW_ERR_NULL, "^unknown world handle$", "snapshot", handle=world)
        self.assert_error(AW_ERR_NULL, "^unknown world handle$", "destroyWorld", handle=world)
        self.assertEqual(self.host.call("lastError"), {"code": -1, "message": "unknown world handle"})

    def test_valid_and_invalid_plans(self):
        world = self.host.call("createWorld", obstacles=[{"x": 5, "y": 2}])["handle"]
        move = plan({"act": "MoveTo", "x": 4, "y": 3})
        self.assertEqual(self.host.call("submitIntent", handle=world, actorId=1, intent=move, log=True), 0)
        lines = [n["params"]["line"] for n in self.host.notifications if n["method"] == "onLog"]
        self.assertEqual(lines, ["Plan py with 1 steps", '  [0] MoveTo {"x":4,"y":3}'])
        # The intent as JSON text, as the C API takes it, works too.
        as_text = json.dumps(plan({"act": "Reload"}))
        self.assertEqual(self.host.call("submitIntent", handle=world, actorId=2, intent=as_text), 0)
        before = self.host.call("snapshot", handle=world)
        self.assert_error(AW_ERR_PARSE, r'^parse error: steps\[0\]\.act: unknown act "Fly"$',
                          "submitIntent", handle=world, actorId=1, intent=plan({"act": "Fly"}))
        self.assert_error(AW_ERR_PARSE, "^parse error: ", "submitIntent", handle=world, actorId=1, intent="{oops")
        self.assert_error(AW_ERR_PARSE, r"steps\[0\]\.x: must be an integer from 0 to 19", "submitIntent",
                          handle=world, actorId=1, intent=plan({"act": "MoveTo", "x": 99, "y": 0}))
        self.assert_error(AW_ERR_PARSE, "at most 64 steps", "submitIntent", handle=world, actorId=1,
                          intent=plan(*[{"act": "Reload"}] * 65))
        self.assert_error(AW_ERR_PARAM, "not an entity", "submitIntent", handle=world, actorId=77,
                          intent=plan({"act": "Reload"}))
        # Reload, then a throw through the obstacle: the whole plan is undone.
        self.assert_error(AW_ERR_EXEC, r"^exec error: line of sight blocked \(step 1, Throw\)$", "submitIntent",
                          handle=world, actorId=1,
                          intent=plan({"act": "Reload"}, {"act": "Throw", "item": "smoke", "x": 9, "y": 2}))
        self.assertEqual(self.host.call("snapshot", handle=world), before)
        self.assert_error(-32602, "params.handle must be a number", "tick", handle="one", dt=1)
        self.assert_error(AW_ERR_PARAM, "^dt must be", "tick", handle=world, dt=-1)
        self.assert_error(-32601, "method not found: fly", "fly")

    def test_garbage_lines_get_parse_errors_and_the_host_keeps_serving(self):
        for garbage in ["not json", "{", '{"jsonrpc": "2.0", "method": 1, "id": 5}', "\u00ff\u00fe"]:
            self.host.send_line(garbage)
            reply = self.host.read_message()
            self.assertIn(reply["error"]["code"], (-32700, -32600), garbage)
        self.host.send_bytes(b"\xff\xfe\n")
        self.assertEqual(self.host.read_message()["error"]["message"], "parse error: message is not valid UTF-8")
        self.host.send_line("x" * (1 << 21))
        self.assertRegex(self.host.read_message()["error"]["message"], "^parse error: message longer than")
        self.host.send_line('{"jsonrpc":"1.0","id":9,"method":"version"}')
        self.assertEqual(self.host.read_message()["error"]["code"], -32600)
        self.host.send_line("[]")
        self.assertEqual(self.host.read_message()["error"]["code"], -32600)
        self.assertEqual(self.host.call("version")["major"], 0)

    def test_closing_stdin_makes_the_host_exit_0(self):
        self.host.call("createWorld")
        self.assertEqual(self.host.close(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
