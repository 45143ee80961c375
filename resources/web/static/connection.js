// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A Pulso WebSocket connection that never loses an event, the browser twin of examples/pulso_client.py:
// it remembers the seq and epoch of the last event, and when the connection drops it reconnects with
// exponential backoff and full jitter and resumes from there, so the server replays what it missed.
// No DOM here: the page listens through the callbacks.
(function () {
  'use strict';

  const WS_PATH = '/api/v1/ws';
  const SECURE_PATH = '/api/v1/ws/secure';
  const SEEN_LIMIT = 20000;

  /**
   * Normalizes what an operator types ("localhost:8000", "http://h:8000/", "ws://h:8000/api/v1/ws") to the
   * server's HTTP origin ("http://localhost:8000"), or null when it is not a usable URL.
   */
  function httpBase(text) {
    let value = String(text || '').trim();
    if (!value) return null;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) value = 'http://' + value;
    let url;
    try {
      url = new URL(value);
    } catch (e) {
      return null;
    }
    const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
    if (!scheme || !url.host) return null;
    return scheme + '//' + url.host;
  }

  /** ws(s)://host:port/api/v1/ws[/secure]?query for an HTTP base. */
  function wsUrl(base, secure, params) {
    const url = new URL(base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.pathname = secure ? SECURE_PATH : WS_PATH;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    url.search = query.toString();
    return url.toString();
  }

  /** Exponential backoff with full jitter, as in pulso_client.py: uniform(0, min(max, 0.25 * 2^attempt)) s. */
  function backoffDelayMs(attempt, maxBackoffS, random) {
    const ceiling = Math.min(maxBackoffS, 0.25 * Math.pow(2, attempt));
    return Math.round((random || Math.random)() * ceiling * 1000);
  }

  class PulsoConnection {
    /**
     * options: base (HTTP origin), channels (first one in the URL, the rest subscribed after the handshake),
     * userId, token (uses /api/v1/ws/secure?token=: a browser cannot set an Authorization header on a WebSocket),
     * mode ('all' | 'latest'), maxBackoffS.
     * handlers: onEvent(event, {replayed}), onState(state, info), onLog(key, params, level), onGap(data),
     * onResumed(ack), onMessage(message) for every other frame.
     */
    constructor(options, handlers) {
      this.base = options.base;
      this.channels = options.channels && options.channels.length ? options.channels.slice() : ['general'];
      this.userId = options.userId || '';
      this.token = options.token || '';
      this.mode = options.mode === 'latest' ? 'latest' : 'all';
      this.maxBackoffS = options.maxBackoffS || 30;
      this.handlers = handlers || {};
      this.lastSeq = options.since === undefined ? null : options.since;
      this.epoch = options.epoch || null;
      this.generation = 0; // bumped when the epoch changes: seq numbers start again
      this.attempt = 0;
      this.socket = null;
      this.timer = null;
      this.stopped = true;
      this.resuming = false;
      this.resumeSince = null;
      this.seen = new Set();
      this.received = 0;
      this.retryAt = 0;
    }

    start() {
      this.stopped = false;
      this.attempt = 0;
      this.connect();
    }

    /** Closes for good (no reconnect). */
    stop() {
      this.stopped = true;
      clearTimeout(this.timer);
      this.timer = null;
      if (this.socket) {
        const socket = this.socket;
        this.socket = null;
        socket.onopen = socket.onmessage = socket.onerror = null;
        socket.onclose = null;
        try {
          socket.close(1000, 'client disconnect');
        } catch (e) { /* already closed */ }
      }
      this.state('disconnected');
    }

    /** The URL of the next connection: resumes with ?since=&epoch= when there is one channel. */
    url() {
      const params = { channel: this.channels[0], user_id: this.userId, token: this.token };
      if (this.mode !== 'all') params.mode = this.mode;
      if (this.lastSeq !== null && this.channels.length === 1) {
        params.since = this.lastSeq;
        if (this.epoch) params.epoch = this.epoch;
      }
      return wsUrl(this.base, Boolean(this.token), params);
    }

    send(object) {
      if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(object));
    }

    connect() {
      clearTimeout(this.timer);
      this.timer = null;
      const url = this.url();
      this.log('log.connecting', { url: url.replace(/token=[^&]*/, 'token=…') });
      this.state(this.attempt === 0 ? 'connecting' : 'reconnecting', { attempt: this.attempt });
      let socket;
      try {
        socket = new WebSocket(url);
      } catch (e) {
        this.log('log.failed', { code: e.message }, 'error');
        this.scheduleRetry();
        return;
      }
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        const resumeInUrl = this.lastSeq !== null && this.channels.length === 1;
        this.resuming = resumeInUrl;
        this.resumeSince = resumeInUrl ? this.lastSeq : null;
        this.log('log.open', { url: url.replace(/token=[^&]*/, 'token=…') });
        for (const channel of this.channels.slice(1))
          this.send({ action: 'subscribe', channel, mode: this.mode });
        // With several channels the URL's since would replay only the first: resume once all are subscribed.
        if (this.lastSeq !== null && !resumeInUrl) {
          const request = { action: 'resume', since: this.lastSeq };
          if (this.epoch) request.epoch = this.epoch;
          this.send(request);
          this.resuming = true;
          this.resumeSince = this.lastSeq;
        }
        if (this.resuming) this.log('log.resuming', { since: this.resumeSince });
        this.state(this.resuming ? 'resuming' : 'connected');
      };
      socket.onmessage = (message) => {
        // The connection works: the next failure starts again from the small delay.
        this.attempt = 0;
        let data;
        try {
          data = JSON.parse(message.data);
        } catch (e) {
          return;
        }
        this.handle(data);
      };
      socket.onclose = (close) => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.resuming = false;
        if (opened) {
          this.log('log.closed', { code: close.code, reason: close.reason ? ' ' + close.reason : '' },
            close.code === 1000 ? 'info' : 'warning');
        } else {
          this.log('log.failed', { code: close.code }, 'error');
        }
        if (!this.stopped) this.scheduleRetry();
      };
      socket.onerror = () => { /* onclose follows with the code */ };
    }

    scheduleRetry() {
      const delay = backoffDelayMs(this.attempt, this.maxBackoffS);
      this.attempt = Math.min(this.attempt + 1, 16);
      this.retryAt = Date.now() + delay;
      this.log('log.retry', { seconds: (delay / 1000).toFixed(1) });
      this.state('reconnecting', { attempt: this.attempt, retryAt: this.retryAt });
      this.timer = setTimeout(() => this.connect(), delay);
    }

    handle(message) {
      const type = message.type;
      if (type === 'system_event' && message.message === 'resume_gap' && message.seq === undefined) {
        const data = message.data || {};
        // A new epoch or a seq the server does not know: its numbers are not ours any more.
        if (data.reason !== 'retention' || (data.epoch && data.epoch !== this.epoch))
          this.newEpoch(data.epoch || this.epoch);
        this.log('log.gap', { reason: data.reason }, 'warning');
        this.call('onGap', data, { generation: this.generation });
        return;
      }
      if ((type === 'entity_event' || type === 'system_event') && typeof message.seq === 'number') {
        if (message.epoch && this.epoch && message.epoch !== this.epoch) this.newEpoch(message.epoch);
        else if (message.epoch) this.epoch = message.epoch;
        if (this.seen.has(message.seq)) return; // replayed and also delivered live: shown once
        this.remember(message.seq);
        if (this.lastSeq === null || message.seq > this.lastSeq) this.lastSeq = message.seq;
        this.received += 1;
        this.call('onEvent', message, {
          replayed: this.resuming,
          generation: this.generation,
        });
        return;
      }
      if (type === 'resumed') {
        this.resuming = false;
        // The server's view of this connection: after a gap (new epoch, unknown seq) it is where we go on from.
        if (typeof message.last_seq === 'number') this.lastSeq = message.last_seq;
        if (message.epoch) this.epoch = message.epoch;
        this.log('log.resumed', { replayed: message.replayed, last: message.last_seq });
        this.state('connected');
        this.call('onResumed', message);
        return;
      }
      if (type === 'subscribed') {
        this.log('log.subscribed', { channel: message.channel, mode: message.mode });
      } else if (type === 'unsubscribed') {
        this.log('log.unsubscribed', { channel: message.channel });
      } else if (type === 'error') {
        const error = message.error || {};
        this.log('log.error', { code: error.code, message: error.message }, 'error');
      }
      this.call('onMessage', message);
    }

    newEpoch(epoch) {
      this.epoch = epoch;
      this.generation += 1;
      this.seen.clear();
      this.lastSeq = null;
    }

    remember(seq) {
      this.seen.add(seq);
      if (this.seen.size > SEEN_LIMIT) {
        // Sets iterate in insertion order: forget the oldest half.
        let drop = this.seen.size / 2;
        for (const old of this.seen) {
          if (drop-- <= 0) break;
          this.seen.delete(old);
        }
      }
    }

    state(state, info) {
      this.call('onState', state, info || {});
    }

    log(key, params, level) {
      this.call('onLog', key, params || {}, level || 'info');
    }

    call(name, ...args) {
      const handler = this.handlers[name];
      if (typeof handler === 'function') handler(...args);
    }
  }

  window.PulsoSocket = { PulsoConnection, httpBase, wsUrl, backoffDelayMs };
})();
