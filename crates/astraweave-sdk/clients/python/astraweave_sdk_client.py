"""A Python 3 client for the AstraWeave SDK host (standard library only).

The host speaks JSON-RPC 2.0 over its stdin and stdout, one message per line (PROTOCOL.md of
@astraweave/sdk). This client starts it as a child process and calls its methods:

    with HostClient(["deno", "task", "sdk-host"]) as host:
        world = host.call("createWorld")["handle"]
        host.call("tick", handle=world, dt=0.016)
        print(host.call("snapshot", handle=world))

Engine errors raise HostError with the SDK's code (-1 null handle, -2 param, -3 parse, -4 exec);
protocol errors carry JSON-RPC's codes (-32700 ... -32602). Notifications (onSnapshot, onDelta,
onLog) sent before a response are kept in `notifications`.
"""

import json
import subprocess


class HostError(Exception):
    """An error response: `code` and `message` as the host sent them."""

    def __init__(self, code, message):
        super().__init__(f"{message} (code {code})")
        self.code = code
        self.message = message


class HostClient:
    """One host child process, called one request at a time."""

    def __init__(self, command):
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.notifications = []
        self._next_id = 1

    def send_line(self, line):
        """Writes one raw line (for tests of bad input)."""
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def send_bytes(self, data):
        """Writes raw bytes (for tests of bytes that are not UTF-8)."""
        self.process.stdin.flush()
        self.process.stdin.buffer.write(data)
        self.process.stdin.buffer.flush()

    def read_message(self):
        """Reads one message line; raises EOFError when the host has closed its output."""
        line = self.process.stdout.readline()
        if line == "":
            raise EOFError("the host closed its output")
        return json.loads(line)

    def call(self, method, **params):
        """Calls `method` with named `params`; returns its result or raises HostError."""
        request_id = self._next_id
        self._next_id += 1
        request = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params:
            request["params"] = params
        self.send_line(json.dumps(request))
        while True:
            message = self.read_message()
            if "id" not in message:
                self.notifications.append(message)
                continue
            if message["id"] != request_id:
                raise RuntimeError(f"response to {message['id']}, expected {request_id}")
            if "error" in message:
                raise HostError(message["error"]["code"], message["error"]["message"])
            return message["result"]

    def close(self, timeout=30):
        """Closes the host's stdin and returns its exit status."""
        if not self.process.stdin.closed:
            self.process.stdin.close()
        status = self.process.wait(timeout=timeout)
        self.process.stdout.close()
        return status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.close()
