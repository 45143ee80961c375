#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Pulso WebSocket client that never loses an event.

It subscribes to one or more channels, prints every event as one JSON line on stdout, remembers the seq and epoch
of the last event it saw, and when the connection drops (server restart, network, a 1013 "too slow" close) it
reconnects with exponential backoff and full jitter and resumes with ?since=SEQ&epoch=EPOCH, so the server replays
what it missed. A `resume_gap` notice (history no longer kept, or reset) is reported on stderr: refetch through
the REST API then.

Needs only Debian's python3-websockets:  /usr/bin/python3 pulso_client.py --url ws://HOST:8000/api/v1/ws -c sensors
"""
import argparse
import asyncio
import json
import random
import sys
import urllib.parse

import websockets


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="ws://localhost:8000/api/v1/ws", help="WebSocket endpoint")
    parser.add_argument("-c", "--channel", action="append", dest="channels",
                        help="channel to follow (repeat for several; default general)")
    parser.add_argument("--user-id", help="user_id shown in the server's stats")
    parser.add_argument("--token", help="token for /api/v1/ws/secure (sent as Authorization: Bearer)")
    parser.add_argument("--mode", choices=["all", "latest"], default="all",
                        help="latest: a backed-up connection gets the newest reading per sensor")
    parser.add_argument("--since", type=int, default=None, help="resume after this seq on the first connect")
    parser.add_argument("--max-backoff", type=float, default=30.0, help="seconds, upper bound of the retry delay")
    parser.add_argument("--exit-after", type=int, default=0, help="stop after this many events (for tests)")
    return parser.parse_args(argv)


class Client:
    def __init__(self, args):
        self.args = args
        self.channels = args.channels or ["general"]
        self.last_seq = args.since
        self.epoch = None
        self.received = 0

    def url(self):
        query = {"channel": self.channels[0]}
        if self.args.user_id:
            query["user_id"] = self.args.user_id
        if self.args.mode != "all":
            query["mode"] = self.args.mode
        if self.last_seq is not None:
            query["since"] = str(self.last_seq)
            if self.epoch:
                query["epoch"] = self.epoch
        return self.args.url + "?" + urllib.parse.urlencode(query)

    async def run(self):
        attempt = 0
        while True:
            try:
                headers = {"Authorization": "Bearer " + self.args.token} if self.args.token else None
                async with websockets.connect(self.url(), extra_headers=headers, ping_interval=20,
                                              ping_timeout=40, max_size=16 * 1024 * 1024) as ws:
                    for channel in self.channels[1:]:
                        await ws.send(json.dumps({"action": "subscribe", "channel": channel,
                                                  "mode": self.args.mode}))
                    async for raw in ws:
                        attempt = 0  # the connection works: the next failure starts from the small delay
                        if self.handle(json.loads(raw)):
                            return 0
                    print(f"pulso_client: connection closed ({ws.close_code} {ws.close_reason}); resuming after "
                          f"seq {self.last_seq}", file=sys.stderr, flush=True)
            except (OSError, websockets.exceptions.WebSocketException, asyncio.TimeoutError) as error:
                code = getattr(error, "code", None)
                print(f"pulso_client: connection lost ({code or error}); resuming after seq {self.last_seq}",
                      file=sys.stderr, flush=True)
            # Exponential backoff with full jitter: spreads a crowd of clients after a server restart.
            delay = random.uniform(0, min(self.args.max_backoff, 0.25 * (2 ** attempt)))
            attempt = min(attempt + 1, 16)
            await asyncio.sleep(delay)

    def handle(self, message):
        """Returns True when the client should stop."""
        kind = message.get("type")
        if kind == "system_event" and message.get("message") == "resume_gap":
            data = message.get("data", {})
            print(f"pulso_client: resume_gap ({data.get('reason')}): events {data.get('missing_from')}.."
                  f"{data.get('missing_to')} are gone; refetch through the REST API", file=sys.stderr, flush=True)
            self.epoch = data.get("epoch", self.epoch)
            return False
        if kind in ("entity_event", "system_event") and "seq" in message:
            seq = message["seq"]
            if self.last_seq is None or seq > self.last_seq:
                self.last_seq = seq
            self.epoch = message.get("epoch", self.epoch)
            self.received += 1
            print(json.dumps(message, ensure_ascii=False), flush=True)
            return self.args.exit_after and self.received >= self.args.exit_after
        if kind == "error":
            print(f"pulso_client: server says {message.get('error')}", file=sys.stderr, flush=True)
        return False


def main(argv=None):
    client = Client(parse_args(argv))
    try:
        return asyncio.run(client.run())
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
