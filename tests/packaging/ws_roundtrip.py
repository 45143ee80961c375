#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""WebSocket round trip against a running Pulso: subscribe to a channel, POST a test event, receive it.

Run with Debian's /usr/bin/python3 (python3-websockets). Exit 0 when the event arrived, 1 otherwise.
"""
import argparse
import asyncio
import json
import sys
import urllib.parse
import urllib.request
import uuid

import websockets


def post_test_event(port: int, channel: str, message: str, timeout: float) -> dict:
    query = urllib.parse.urlencode({"channel": channel, "message": message})
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/ws/test-event?{query}", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


async def roundtrip(port: int, channel: str, timeout: float) -> int:
    marker = f"packaging-test-{uuid.uuid4()}"
    uri = f"ws://127.0.0.1:{port}/api/v1/ws?channel={channel}"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with websockets.connect(uri, open_timeout=timeout) as ws:
        print(f"connected to {uri}")
        # The subscription is registered while the handshake completes; the reply says how many
        # subscribers got the event, so retry (a bounded number of times) until it reached ours.
        for attempt in range(20):
            reply = await asyncio.to_thread(post_test_event, port, channel, marker, timeout)
            print(f"POST test-event -> {reply}")
            if reply.get("status") != "sent":
                print("FAIL: unexpected reply", file=sys.stderr)
                return 1
            if reply.get("recipients", 1) >= 1:
                break
            await asyncio.sleep(0.1)
        else:
            print("FAIL: the event never reached a subscriber", file=sys.stderr)
            return 1
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                print(f"FAIL: no event with message {marker!r} within {timeout}s", file=sys.stderr)
                return 1
            try:
                raw = await asyncio.wait_for(ws.recv(), remaining)
            except asyncio.TimeoutError:
                continue
            event = json.loads(raw)
            if event.get("message") != marker:
                continue
            if event.get("type") != "system_event" or "timestamp" not in event:
                print(f"FAIL: the event has the wrong shape: {event}", file=sys.stderr)
                return 1
            print(f"received {event}")
            return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--channel", default="general")
    parser.add_argument("--timeout", type=float, default=15.0)
    args = parser.parse_args()
    try:
        return asyncio.run(roundtrip(args.port, args.channel, args.timeout))
    except (OSError, websockets.exceptions.WebSocketException, asyncio.TimeoutError) as error:
        print(f"FAIL: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
