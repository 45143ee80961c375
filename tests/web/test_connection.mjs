// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The web client's connection logic (resources/web/static/connection.js) without a browser: URLs, the
// backoff with jitter, resume by URL (one channel) and by action (several), duplicates, epochs and gaps.
// A fake WebSocket and a hand-driven clock; Node only, no npm packages.
//   node tests/web/test_connection.mjs
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = fs.readFileSync(path.resolve(HERE, '..', '..', 'resources', 'web', 'static', 'connection.js'), 'utf8');

class FakeWebSocket {
  static OPEN = 1;
  static instances = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeWebSocket.instances.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.readyState = 3; }
  // Test side
  open() {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen();
  }
  receive(object) { this.onmessage({ data: JSON.stringify(object) }); }
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose({ code, reason });
  }
}

let timers;
let random;
function load() {
  timers = [];
  FakeWebSocket.instances = [];
  const context = {
    window: {},
    WebSocket: FakeWebSocket,
    URL,
    URLSearchParams,
    Date,
    JSON,
    Math: Object.create(Math, { random: { value: () => random } }),
    setTimeout: (fn, ms) => timers.push({ fn, ms }) - 1,
    clearTimeout: (id) => { if (timers[id]) timers[id].fn = null; },
  };
  vm.runInNewContext(SOURCE, context);
  return context.window.PulsoSocket;
}

function fireTimer() {
  const timer = timers.findLast((t) => t.fn);
  assert.ok(timer, 'a retry is scheduled');
  const { fn } = timer;
  timer.fn = null;
  fn();
  return timer.ms;
}

function connection(api, options) {
  const seen = { events: [], gaps: [], states: [], logs: [] };
  const c = new api.PulsoConnection({ base: 'http://127.0.0.1:8000', ...options }, {
    onEvent: (event, meta) => seen.events.push({ seq: event.seq, ...meta }),
    onGap: (data, meta) => seen.gaps.push({ reason: data.reason, ...meta }),
    onState: (state) => seen.states.push(state),
    onLog: (key) => seen.logs.push(key),
  });
  return { c, seen };
}

const entity = (seq, epoch = 'E1') => ({ type: 'entity_event', entity_type: 'sensor', event_type: 'created',
  entity_id: seq, data: {}, timestamp: '2026-01-01T00:00:00.000Z', metadata: {}, seq, epoch });

let api;
beforeEach(() => {
  random = 0.5;
  api = load();
});

describe('connection.js', () => {
  it('normalizes what an operator types to the server origin', () => {
    const table = [
      ['localhost:8000', 'http://localhost:8000'],
      ['http://10.0.0.5:8000/', 'http://10.0.0.5:8000'],
      ['https://pulso.lan/client', 'https://pulso.lan'],
      ['ws://h:9/api/v1/ws?channel=x', 'http://h:9'],
      ['wss://h', 'https://h'],
      ['  127.0.0.1:8000  ', 'http://127.0.0.1:8000'],
      ['', null],
      ['ftp://h', null],
      ['http://', null],
    ];
    for (const [input, expected] of table) assert.equal(api.httpBase(input), expected, input);
  });

  it('builds ws and wss URLs, the secure path when there is a token', () => {
    assert.equal(api.wsUrl('http://h:8000', false, { channel: 'sensors', user_id: '', since: 0 }),
      'ws://h:8000/api/v1/ws?channel=sensors&since=0');
    assert.equal(api.wsUrl('https://h', true, { channel: 'general', token: 'a b' }),
      'wss://h/api/v1/ws/secure?channel=general&token=a+b');
  });

  it('backs off exponentially with full jitter, capped', () => {
    for (const attempt of [0, 1, 2, 5, 10, 16]) {
      const ceiling = Math.min(30, 0.25 * 2 ** attempt) * 1000;
      assert.equal(api.backoffDelayMs(attempt, 30, () => 0), 0);
      assert.equal(api.backoffDelayMs(attempt, 30, () => 0.999999), Math.round(0.999999 * ceiling));
    }
    assert.equal(api.backoffDelayMs(16, 30, () => 0.5), 15000);
  });

  it('resumes one channel with ?since=&epoch= after a drop, and starts the backoff again once it works', () => {
    const { c, seen } = connection(api, { channels: ['sensors'], userId: 'ana' });
    c.start();
    const first = FakeWebSocket.instances[0];
    assert.equal(first.url, 'ws://127.0.0.1:8000/api/v1/ws?channel=sensors&user_id=ana');
    first.open();
    first.receive(entity(4));
    first.receive(entity(5));
    first.drop(1001, 'server shutting down');
    assert.equal(c.attempt, 1);
    random = 1;
    assert.ok(fireTimer() <= 250);
    const second = FakeWebSocket.instances[1];
    assert.equal(second.url, 'ws://127.0.0.1:8000/api/v1/ws?channel=sensors&user_id=ana&since=5&epoch=E1');
    second.drop(); // refused: the next delay may be longer
    assert.equal(c.attempt, 2);
    assert.ok(fireTimer() <= 1000);
    const third = FakeWebSocket.instances[2];
    third.open();
    assert.deepEqual(third.sent, [], 'the URL carries the resume');
    assert.equal(seen.states.at(-1), 'resuming');
    third.receive(entity(6));
    third.receive({ type: 'resumed', since: 5, replayed: 1, last_seq: 6, epoch: 'E1' });
    assert.equal(c.attempt, 0);
    assert.equal(seen.states.at(-1), 'connected');
    assert.deepEqual(seen.events.map((e) => [e.seq, e.replayed]), [[4, false], [5, false], [6, true]]);
    assert.equal(c.lastSeq, 6);
  });

  it('subscribes the other channels, then resumes them all with an action; duplicates are shown once', () => {
    const { c, seen } = connection(api, { channels: ['general', 'readings'], mode: 'latest', since: 10, epoch: 'E1' });
    c.start();
    const socket = FakeWebSocket.instances[0];
    assert.equal(socket.url, 'ws://127.0.0.1:8000/api/v1/ws?channel=general&mode=latest');
    socket.open();
    assert.deepEqual(socket.sent, [
      { action: 'subscribe', channel: 'readings', mode: 'latest' },
      { action: 'resume', since: 10, epoch: 'E1' },
    ]);
    socket.receive(entity(12)); // live, before the replay started
    socket.receive(entity(11));
    socket.receive(entity(12)); // replayed again
    socket.receive({ type: 'resumed', since: 10, replayed: 2, last_seq: 12, epoch: 'E1' });
    assert.deepEqual(seen.events.map((e) => e.seq), [12, 11]);
    assert.equal(c.lastSeq, 12);
  });

  it('after a resume_gap for a new epoch, seq numbers start again', () => {
    const { c, seen } = connection(api, { channels: ['general'], since: 40, epoch: 'E1' });
    c.start();
    const socket = FakeWebSocket.instances[0];
    assert.match(socket.url, /since=40&epoch=E1$/);
    socket.open();
    socket.receive({ type: 'system_event', level: 'warning', message: 'resume_gap',
      data: { reason: 'epoch_changed', requested_since: 40, missing_from: null, missing_to: null, last_seq: 2, epoch: 'E2' },
      timestamp: '2026-01-01T00:00:00.000Z' });
    socket.receive({ type: 'resumed', since: 40, replayed: 0, last_seq: 2, epoch: 'E2' });
    socket.receive(entity(3, 'E2'));
    assert.deepEqual(seen.gaps, [{ reason: 'epoch_changed', generation: 1 }]);
    assert.deepEqual(seen.events, [{ seq: 3, replayed: false, generation: 1 }]);
    assert.equal(c.epoch, 'E2');
    assert.equal(c.lastSeq, 3);
  });

  it('a retention gap keeps the numbering', () => {
    const { c, seen } = connection(api, { channels: ['general'], since: 5, epoch: 'E1' });
    c.start();
    const socket = FakeWebSocket.instances[0];
    socket.open();
    socket.receive({ type: 'system_event', level: 'warning', message: 'resume_gap',
      data: { reason: 'retention', requested_since: 5, missing_from: 6, missing_to: 99, last_seq: 120, epoch: 'E1' } });
    socket.receive(entity(100));
    assert.deepEqual(seen.gaps, [{ reason: 'retention', generation: 0 }]);
    assert.equal(c.lastSeq, 100);
  });

  it('stop() closes for good: no retry', () => {
    const { c, seen } = connection(api, { channels: ['general'] });
    c.start();
    FakeWebSocket.instances[0].open();
    c.stop();
    assert.equal(FakeWebSocket.instances[0].readyState, 3);
    assert.equal(timers.filter((t) => t.fn).length, 0);
    assert.equal(seen.states.at(-1), 'disconnected');
  });

  it('the token goes to the secure endpoint and is masked in the log', () => {
    const logs = [];
    const c = new api.PulsoConnection({ base: 'https://h:8443', channels: ['general'], token: 's3cret' },
      { onLog: (key, params) => logs.push(params.url || '') });
    c.start();
    assert.equal(FakeWebSocket.instances[0].url, 'wss://h:8443/api/v1/ws/secure?channel=general&token=s3cret');
    assert.ok(logs.every((line) => !line.includes('s3cret')));
  });
});
