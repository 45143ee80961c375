#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A WebSocket subscriber on `readings` that reads and discards frames, answering pings, until killed:
python3 wsdrain.py PORT"""
import socket, sys, base64, os, struct
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
key = base64.b64encode(os.urandom(16)).decode()
s.sendall(f'GET /api/v1/ws?channel=readings HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n'.encode())
buf = b''
while b'\r\n\r\n' not in buf:
    buf += s.recv(4096)
head, buf = buf.split(b'\r\n\r\n', 1)
sys.stderr.write('wsdrain: ' + head.split(b'\r\n')[0].decode() + '\n')
frames = 0
def send(opcode, payload):
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    s.sendall(bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked)
while True:
    while True:
        if len(buf) < 2: break
        b1 = buf[1] & 0x7f; off = 2
        if b1 == 126:
            if len(buf) < 4: break
            b1 = struct.unpack('>H', buf[2:4])[0]; off = 4
        elif b1 == 127:
            if len(buf) < 10: break
            b1 = struct.unpack('>Q', buf[2:10])[0]; off = 10
        if len(buf) < off + b1: break
        opcode = buf[0] & 0x0f; payload = buf[off:off + b1]; buf = buf[off + b1:]
        frames += 1
        if opcode == 0x9: send(0xA, payload)
        elif opcode == 0x8:
            sys.stderr.write(f'wsdrain: close {payload[:2].hex()} after {frames} frames\n'); sys.exit(0)
    d = s.recv(1 << 20)
    if not d: break
    buf += d
sys.stderr.write(f'wsdrain: closed after {frames} frames\n')
