#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count-based HTTP driver for instruction counts: python3 drive.py PORT PHASE N [BATCH]
PHASE: setup (create sensor, print id) | get | post | batch. One keep-alive connection, sequential."""
import http.client, json, sys, socket, threading, os

port = int(sys.argv[1]); phase = sys.argv[2]; n = int(sys.argv[3]) if len(sys.argv) > 3 else 0
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 100
sid = int(os.environ.get('SID', '1'))
c = http.client.HTTPConnection('127.0.0.1', port)
def req(method, path, body=None, expect=(200, 201)):
    c.request(method, path, body=body, headers={'Content-Type': 'application/json'} if body else {})
    r = c.getresponse(); data = r.read()
    if r.status not in expect:
        raise SystemExit(f'{method} {path}: {r.status} {data[:200]!r}')
    return data
if phase == 'setup':
    print(json.loads(req('POST', '/api/v1/sensors', json.dumps({'tipo': 'temperatura', 'modelo': 'DHT22'})))['id'])
elif phase == 'get':
    for _ in range(n): req('GET', f'/api/v1/sensors/{sid}')
elif phase == 'post':
    body = json.dumps({'sensor_id': sid, 'valor': 21.5})
    for _ in range(n): req('POST', '/api/v1/readings', body)
elif phase == 'batch':
    body = json.dumps([{'sensor_id': sid, 'valor': 21.5 + i / 100} for i in range(batch)])
    for _ in range(n): req('POST', '/api/v1/readings/batch', body)
