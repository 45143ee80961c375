// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The web client's page: wires the connection (connection.js), the REST forms, the event list with its
// filters and detail view, the statistics panel and the per-sensor charts. Everything the server sends is
// put into the page as text (textContent), never as HTML.
(function () {
  'use strict';

  const { t, apply, lang, languages } = window.PulsoI18n;
  const { PulsoConnection, httpBase } = window.PulsoSocket;
  const { drawSeries, formatNumber, PALETTE } = window.PulsoChart;

  const CHANNELS = ['general', 'sensors', 'readings', 'locations', 'anomalies', 'predictions'];
  const ENTITIES = ['sensor', 'reading', 'location', 'anomaly', 'prediction', 'system'];
  const KINDS = ['created', 'updated', 'deleted', 'anomaly_detected', 'prediction_completed', 'info', 'warning', 'error'];
  const MAX_EVENTS = 1000;
  const MAX_LOG = 100;
  const MAX_POINTS = 60;
  const MAX_CHARTS = 8;
  const STATS_INTERVAL_MS = 3000;
  const STORAGE_KEY = 'pulso.webclient';

  const $ = (id) => document.getElementById(id);
  const fromFile = window.location.protocol === 'file:';

  const state = {
    base: null,
    connection: null,
    rows: new WeakMap(), // <li> -> event
    selected: null,
    sensors: new Map(), // id -> sensor JSON
    series: new Map(), // sensor id -> {points, card, canvas, color, updated}
    statsTimer: null,
    statsBusy: false,
    countdown: null,
    filter: { text: '', entity: '', kinds: new Set(KINDS) },
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function timeText(date) {
    return date.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  // ---- settings that survive a reload when the page is opened from disk ----

  function loadSaved() {
    try {
      return JSON.parse(window.localStorage.getItem(STORAGE_KEY) || '{}') || {};
    } catch (e) {
      return {};
    }
  }

  function save(settings) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
    } catch (e) { /* storage disabled: nothing to remember */ }
  }

  // ---- REST ----

  class ApiError extends Error {
    constructor(message, details) {
      super(message);
      this.details = details || [];
    }
  }

  async function api(method, path, body) {
    if (!state.base) throw new ApiError(t('badUrl'));
    let response;
    try {
      const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
      // The token field also authorizes writes (--auth remote/all): sent as a bearer token.
      const token = $('token').value.trim();
      if (token) headers.Authorization = 'Bearer ' + token;
      response = await fetch(state.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      const crossOrigin = fromFile || new URL(state.base).origin !== window.location.origin;
      throw new ApiError(crossOrigin ? t('corsHint', { url: state.base + '/' }) : t('networkError', { error: e.message }));
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) { /* not JSON: reported below with the status */ }
    if (!response.ok) {
      const error = (json && json.error) || {};
      throw new ApiError(t('httpError', { status: response.status, message: error.message || response.statusText }),
        error.details);
    }
    return json;
  }

  function showResult(form, text, ok) {
    const output = form.querySelector('output');
    output.textContent = text;
    output.className = 'result ' + (ok ? 'ok' : 'bad');
  }

  function clearFieldErrors(form) {
    for (const input of form.querySelectorAll('.invalid')) {
      input.classList.remove('invalid');
      input.removeAttribute('title');
    }
  }

  function markFieldErrors(form, details) {
    for (const detail of details || []) {
      const name = String(detail.field || '').split('.').pop();
      const input = name && form.elements.namedItem(name);
      if (input && input.classList) {
        input.classList.add('invalid');
        input.title = detail.message || '';
      }
    }
  }

  async function submitApi(form, action) {
    clearFieldErrors(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      showResult(form, await action(), true);
    } catch (e) {
      markFieldErrors(form, e.details);
      const fields = (e.details || []).map((d) => `${d.field}: ${d.message}`).join('; ');
      showResult(form, fields ? `${e.message} (${fields})` : e.message, false);
    } finally {
      button.disabled = false;
    }
  }

  function numberField(form, name) {
    const text = form.elements.namedItem(name).value.trim();
    return text === '' ? undefined : Number(text);
  }

  function setupForms() {
    const sensorForm = $('sensor-form');
    sensorForm.addEventListener('submit', (e) => {
      e.preventDefault();
      submitApi(sensorForm, async () => {
        const body = { tipo: sensorForm.elements.tipo.value.trim(), modelo: sensorForm.elements.modelo.value.trim() };
        const unidad = sensorForm.elements.unidad.value.trim();
        if (unidad) body.unidad = unidad;
        for (const name of ['location_id', 'umbral_min', 'umbral_max']) {
          const value = numberField(sensorForm, name);
          if (value !== undefined) body[name] = value;
        }
        const sensor = await api('POST', '/api/v1/sensors', body);
        rememberSensor(sensor);
        $('reading-sensor').value = String(sensor.id);
        return t('sensorCreated', { id: sensor.id });
      });
    });

    const readingForm = $('reading-form');
    const postReading = (valor) => submitApi(readingForm, async () => {
      const sensorId = Number(readingForm.elements.sensor_id.value);
      const reading = await api('POST', '/api/v1/readings', { sensor_id: sensorId, valor });
      return t('readingCreated', { id: reading.id });
    });
    readingForm.addEventListener('submit', (e) => {
      e.preventDefault();
      postReading(numberField(readingForm, 'valor'));
    });
    $('random-reading').addEventListener('click', () => {
      const series = state.series.get(Number(readingForm.elements.sensor_id.value));
      const last = series && series.points.length ? series.points[series.points.length - 1].v : 20;
      const valor = Math.round((last + (Math.random() - 0.5) * 4) * 10) / 10;
      readingForm.elements.valor.value = String(valor);
      postReading(valor);
    });

    const testForm = $('test-form');
    testForm.elements.message.value = t('testMessageDefault');
    testForm.addEventListener('submit', (e) => {
      e.preventDefault();
      submitApi(testForm, async () => {
        const query = new URLSearchParams({ channel: testForm.elements.channel.value, message: testForm.elements.message.value });
        const result = await api('POST', '/api/v1/ws/test-event?' + query.toString());
        return t('testSent', { seq: result.seq, recipients: result.recipients });
      });
    });
  }

  // ---- sensors (for the reading form and the chart titles) ----

  function rememberSensor(sensor) {
    if (!sensor || typeof sensor.id !== 'number') return;
    state.sensors.set(sensor.id, sensor);
    refreshSensorSelect();
    const series = state.series.get(sensor.id);
    if (series) updateChartCard(sensor.id, series);
  }

  function forgetSensor(id) {
    state.sensors.delete(id);
    refreshSensorSelect();
  }

  function sensorLabel(id) {
    const sensor = state.sensors.get(id);
    if (!sensor) return `#${id}`;
    return `#${id} ${sensor.tipo}${sensor.modelo ? ' · ' + sensor.modelo : ''}`;
  }

  function refreshSensorSelect() {
    const select = $('reading-sensor');
    const current = select.value;
    select.replaceChildren();
    const ids = [...state.sensors.keys()].sort((a, b) => b - a);
    for (const id of ids) {
      const option = el('option', null, sensorLabel(id));
      option.value = String(id);
      select.append(option);
    }
    if (!ids.length) {
      const option = el('option', null, t('noSensors'));
      option.value = '';
      select.append(option);
    }
    if (current && state.sensors.has(Number(current))) select.value = current;
  }

  async function loadSensors() {
    try {
      const page = await api('GET', '/api/v1/sensors?limit=1000');
      for (const sensor of (page && page.items) || []) state.sensors.set(sensor.id, sensor);
      refreshSensorSelect();
    } catch (e) {
      // Shown by the statistics panel too; the reading form still takes events' sensors.
    }
  }

  // ---- the event list ----

  function kindOf(event) {
    return event.type === 'system_event' ? event.level || 'info' : event.event_type || 'created';
  }

  function entityOf(event) {
    return event.type === 'system_event' ? 'system' : event.entity_type || '';
  }

  function summaryOf(event) {
    const d = event.data || {};
    if (event.type === 'system_event') {
      return d.test && d.channel ? `${event.message} → ${d.channel}` : event.message;
    }
    const id = event.entity_id === null || event.entity_id === undefined ? '' : `#${event.entity_id}`;
    switch (event.entity_type) {
      case 'sensor':
        return [id, d.tipo, d.modelo, d.unidad ? `(${d.unidad})` : ''].filter(Boolean).join(' ');
      case 'reading': {
        const sensor = state.sensors.get(d.sensor_id);
        const unit = sensor && sensor.unidad ? ' ' + sensor.unidad : '';
        return d.valor === undefined ? id : `${sensorLabel(d.sensor_id)} = ${formatNumber(d.valor)}${unit}`;
      }
      case 'location':
        return [id, d.nombre].filter(Boolean).join(' ');
      case 'anomaly':
        return d.sensor_id === undefined ? id : `${sensorLabel(d.sensor_id)} ${d.severidad || ''} ${formatNumber(d.valor)}`;
      case 'prediction':
        return d.sensor_id === undefined ? id
          : `${sensorLabel(d.sensor_id)} → ${formatNumber(d.valor_predicho)} (+${d.horizonte} s)`;
      default:
        return id;
    }
  }

  function matchesFilter(event, row) {
    const f = state.filter;
    if (!f.kinds.has(row.dataset.kind)) return false;
    if (f.entity && row.dataset.entity !== f.entity) return false;
    if (f.text && !row.dataset.search.includes(f.text)) return false;
    return true;
  }

  function eventRows() {
    return $('event-list').querySelectorAll(':scope > li.event');
  }

  function updateCounts() {
    const rows = eventRows();
    let shown = 0;
    for (const row of rows) if (!row.hidden) ++shown;
    $('event-count').textContent = rows.length ? t('eventCount', { shown, total: rows.length }) : '';
    const empty = $('event-empty');
    empty.hidden = shown > 0;
    empty.textContent = rows.length ? t('noMatch') : t('noEvents');
  }

  function applyFilters() {
    for (const row of eventRows()) row.hidden = !matchesFilter(state.rows.get(row), row);
    updateCounts();
  }

  function addEvent(event, meta) {
    const row = el('li', 'event kind-' + kindOf(event));
    row.tabIndex = 0;
    row.dataset.kind = kindOf(event);
    row.dataset.entity = entityOf(event);
    row.dataset.search = JSON.stringify(event).toLowerCase();
    const stamp = Date.parse(event.timestamp);
    row.append(
      el('span', 'seq', '#' + event.seq),
      el('time', 'time', timeText(Number.isNaN(stamp) ? new Date() : new Date(stamp))),
      el('span', 'badge', `${entityOf(event) === 'system' ? t('system') : entityOf(event)} · ${kindOf(event)}`),
      el('span', 'summary', summaryOf(event)));
    if (meta.replayed) row.append(el('span', 'tag', t('replayed')));
    state.rows.set(row, event);
    row.hidden = !matchesFilter(event, row);

    insertRow(row, meta.generation, event.seq);
  }

  /** Newest first, ordered by (generation, seq): a resume may deliver older events after newer live ones. */
  function insertRow(row, generation, seq) {
    row.dataset.generation = String(generation);
    row.dataset.seq = String(seq);
    const list = $('event-list');
    let before = null;
    for (const other of list.children) {
      const g = Number(other.dataset.generation);
      if (g < generation || (g === generation && Number(other.dataset.seq) < seq)) {
        before = other;
        break;
      }
    }
    list.insertBefore(row, before);
    while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
    updateCounts();
  }

  /** A line in the list where events are missing: below the first event after the gap. */
  function addGapMarker(data, meta, reason) {
    const row = el('li', 'gap-marker');
    row.dataset.reason = String(data.reason);
    row.append(el('span', null, t('gapMarker.' + reason, { from: data.missing_from, to: data.missing_to })));
    // A retention gap sits between the seqs it names; after a new epoch or an unknown seq, below everything new.
    const seq = reason === 'retention' && typeof data.missing_to === 'number' ? data.missing_to + 0.5 : -1;
    insertRow(row, meta.generation, seq);
  }

  /** Pretty JSON as spans (keys, strings, numbers, literals), all through textContent. */
  function renderJson(value) {
    const pre = $('event-detail');
    pre.replaceChildren();
    const text = JSON.stringify(value, null, 2);
    const token = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
    let last = 0;
    for (let m = token.exec(text); m; m = token.exec(text)) {
      if (m.index > last) pre.append(text.slice(last, m.index));
      if (m[1]) {
        pre.append(el('span', m[2] ? 'j-key' : 'j-string', m[1]));
        if (m[2]) pre.append(m[2]);
      } else if (m[3]) {
        pre.append(el('span', 'j-number', m[3]));
      } else {
        pre.append(el('span', 'j-literal', m[4]));
      }
      last = token.lastIndex;
    }
    pre.append(text.slice(last));
  }

  function select(row) {
    if (state.selected) state.selected.classList.remove('selected');
    state.selected = row;
    row.classList.add('selected');
    renderJson(state.rows.get(row));
    $('copy-detail').disabled = false;
  }

  function setupEventList() {
    const list = $('event-list');
    list.addEventListener('click', (e) => {
      const row = e.target.closest('li.event');
      if (row) select(row);
    });
    list.addEventListener('keydown', (e) => {
      const row = e.target.closest('li.event');
      if (!row) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(row);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        let next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
        while (next && (next.hidden || !next.classList.contains('event'))) next = e.key === 'ArrowDown' ? next.nextElementSibling : next.previousElementSibling;
        if (next) {
          next.focus();
          select(next);
        }
      }
    });
    $('clear-events').addEventListener('click', () => {
      list.replaceChildren();
      state.selected = null;
      $('event-detail').replaceChildren(el('span', 'muted', t('detailEmpty')));
      $('copy-detail').disabled = true;
      updateCounts();
    });
    $('copy-detail').addEventListener('click', async () => {
      if (!state.selected) return;
      try {
        await navigator.clipboard.writeText(JSON.stringify(state.rows.get(state.selected), null, 2));
        $('copy-detail').textContent = t('copied');
        setTimeout(() => { $('copy-detail').textContent = t('copy'); }, 1500);
      } catch (e) { /* clipboard needs a secure context; the JSON stays selectable */ }
    });

    const text = $('filter-text');
    text.addEventListener('input', () => {
      state.filter.text = text.value.trim().toLowerCase();
      applyFilters();
    });
    const entity = $('filter-entity');
    const all = el('option', null, t('allEntities'));
    all.value = '';
    entity.append(all);
    for (const name of ENTITIES) {
      const option = el('option', null, name === 'system' ? t('system') : name);
      option.value = name;
      entity.append(option);
    }
    entity.addEventListener('change', () => {
      state.filter.entity = entity.value;
      applyFilters();
    });
    const kinds = $('filter-kinds');
    for (const kind of KINDS) {
      const chip = el('button', 'chip kind-' + kind, kind);
      chip.type = 'button';
      chip.dataset.kind = kind;
      chip.setAttribute('aria-pressed', 'true');
      chip.addEventListener('click', () => {
        const on = !state.filter.kinds.has(kind);
        if (on) state.filter.kinds.add(kind);
        else state.filter.kinds.delete(kind);
        chip.setAttribute('aria-pressed', String(on));
        applyFilters();
      });
      kinds.append(chip);
    }
    updateCounts();
  }

  // ---- charts ----

  function chartCard(id) {
    let series = state.series.get(id);
    if (series) return series;
    const charts = $('charts');
    if (state.series.size >= MAX_CHARTS) {
      // Make room: drop the sensor that has been quiet the longest.
      let quietest = null;
      for (const [key, value] of state.series) if (!quietest || value.updated < quietest[1].updated) quietest = [key, value];
      quietest[1].card.remove();
      state.series.delete(quietest[0]);
    }
    const card = el('figure', 'chart');
    card.dataset.sensorId = String(id);
    const head = el('figcaption', 'chart-head');
    const title = el('span', 'chart-title');
    const last = el('span', 'chart-last');
    head.append(title, last);
    const canvas = el('canvas');
    const foot = el('div', 'chart-foot muted');
    card.append(head, canvas, foot);
    charts.append(card);
    series = { points: [], card, canvas, title, last, foot, color: PALETTE[id % PALETTE.length], updated: 0, dirty: true };
    state.series.set(id, series);
    $('chart-empty').hidden = true;
    return series;
  }

  function updateChartCard(id, series) {
    const sensor = state.sensors.get(id);
    const unit = sensor && sensor.unidad ? ' ' + sensor.unidad : '';
    series.title.textContent = sensorLabel(id);
    const values = series.points.map((p) => p.v);
    if (values.length) {
      series.last.textContent = t('chartLast', { value: formatNumber(values[values.length - 1]) + unit });
      series.foot.textContent = t('chartRange', {
        min: formatNumber(Math.min(...values)), max: formatNumber(Math.max(...values)), count: values.length });
    }
    series.dirty = true;
    scheduleDraw();
  }

  function addReading(reading) {
    if (typeof reading.sensor_id !== 'number' || typeof reading.valor !== 'number') return;
    const series = chartCard(reading.sensor_id);
    const stamp = Date.parse(reading.timestamp);
    const point = { t: Number.isNaN(stamp) ? Date.now() : stamp, v: reading.valor };
    let i = series.points.length;
    while (i > 0 && series.points[i - 1].t > point.t) --i;
    series.points.splice(i, 0, point);
    if (series.points.length > MAX_POINTS) series.points.splice(0, series.points.length - MAX_POINTS);
    series.updated = Date.now();
    updateChartCard(reading.sensor_id, series);
  }

  let drawPending = false;
  function scheduleDraw() {
    if (drawPending) return;
    drawPending = true;
    window.requestAnimationFrame(() => {
      drawPending = false;
      for (const [id, series] of state.series) {
        if (!series.dirty) continue;
        series.dirty = false;
        const sensor = state.sensors.get(id) || {};
        drawSeries(series.canvas, series.points, {
          color: series.color, thresholds: { min: sensor.umbral_min, max: sensor.umbral_max } });
      }
    });
  }

  // ---- statistics ----

  async function pollStats() {
    if (!state.base || state.statsBusy || document.hidden) return;
    state.statsBusy = true;
    try {
      const stats = await api('GET', '/api/v1/ws/stats');
      $('stat-connections').textContent = String(stats.total_connections ?? '–');
      $('stat-channels').textContent = String(stats.total_channels ?? '–');
      const body = $('stats-body');
      body.replaceChildren();
      for (const [name, entry] of Object.entries(stats.channels || {})) {
        const row = el('tr');
        row.append(el('td', null, name), el('td', 'num', entry.connections),
          el('td', 'users', (entry.users || []).join(', ')));
        body.append(row);
      }
      $('stats-updated').textContent = t('statsUpdated', { time: timeText(new Date()) });
      $('stats-error').hidden = true;
    } catch (e) {
      $('stats-error').textContent = t('statsError', { error: e.message });
      $('stats-error').hidden = false;
    } finally {
      state.statsBusy = false;
    }
  }

  function startStats() {
    clearInterval(state.statsTimer);
    pollStats();
    state.statsTimer = setInterval(pollStats, STATS_INTERVAL_MS);
  }

  // ---- connection ----

  function log(key, params, level) {
    const list = $('connection-log');
    const item = el('li', 'log-' + level);
    // From disk the page's origin is "null", which the server must allow.
    const text = key === 'log.failed' && fromFile ? t(key, params) + ' ' + t('fileOriginHint') : t(key, params);
    item.append(el('time', 'time', timeText(new Date())), el('span', null, text));
    list.prepend(item);
    while (list.children.length > MAX_LOG) list.lastElementChild.remove();
  }

  function showState(name, info) {
    const status = $('status');
    status.dataset.state = name;
    clearInterval(state.countdown);
    const render = () => {
      const seconds = Math.max(0, ((info.retryAt || 0) - Date.now()) / 1000).toFixed(1);
      $('status-text').textContent = t('state.' + name, { seconds, attempt: info.attempt || 0 });
    };
    render();
    if (name === 'reconnecting' && info.retryAt) state.countdown = setInterval(render, 200);
    if (name === 'connected') pollStats(); // the server is back: do not wait for the next tick
    const active = name !== 'disconnected';
    $('disconnect-button').disabled = !active;
  }

  function showCursor() {
    const c = state.connection;
    $('last-seq').textContent = c && c.lastSeq !== null ? String(c.lastSeq) : '–';
    $('epoch').textContent = c && c.epoch ? c.epoch : '–';
    $('epoch').title = c && c.epoch ? c.epoch : '';
  }

  function showGap(data, meta) {
    const reason = ['retention', 'epoch_changed', 'since_ahead'].includes(data.reason) ? data.reason : 'unknown';
    const notice = el('div', 'notice notice-warning gap-notice');
    notice.dataset.reason = String(data.reason);
    notice.setAttribute('role', 'alert');
    const text = el('div');
    text.append(el('strong', null, t('gapTitle') + ': '), t('gap.' + reason, {
      from: data.missing_from, to: data.missing_to, since: data.requested_since, last: data.last_seq,
      reason: data.reason }));
    const dismiss = el('button', 'small', t('dismiss'));
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => notice.remove());
    notice.append(text, dismiss);
    $('notices').prepend(notice);
    addGapMarker(data, meta, reason);
  }

  function handleEvent(event, meta) {
    addEvent(event, meta);
    if (event.type === 'entity_event') {
      if (event.entity_type === 'sensor') {
        if (event.event_type === 'deleted') forgetSensor(event.entity_id);
        else rememberSensor(event.data);
      } else if (event.entity_type === 'reading' && event.event_type === 'created') {
        addReading(event.data || {});
      }
    }
    showCursor();
  }

  function selectedChannels() {
    return [...document.querySelectorAll('#channel-list input:checked')].map((input) => input.value);
  }

  function connect() {
    const base = httpBase($('server-url').value);
    const channels = selectedChannels();
    const error = $('connect-error');
    error.hidden = true;
    if (!base) {
      error.textContent = t('badUrl');
      error.hidden = false;
      return;
    }
    if (!channels.length) {
      error.textContent = t('chooseChannel');
      error.hidden = false;
      return;
    }
    const previous = state.connection;
    if (previous) previous.stop();
    // Same server again: go on from the last event seen, so nothing is missed or shown twice.
    const sameServer = previous && previous.base === base;
    state.base = base;
    state.connection = new PulsoConnection({
      base,
      channels,
      userId: $('user-id').value.trim(),
      token: $('token').value,
      mode: $('mode').value,
      since: sameServer && previous.lastSeq !== null ? previous.lastSeq : undefined,
      epoch: sameServer ? previous.epoch : undefined,
    }, {
      onEvent: handleEvent,
      onState: showState,
      onLog: log,
      onGap: (data, meta) => {
        showGap(data, meta);
        showCursor();
      },
      onResumed: showCursor,
    });
    if (sameServer) state.connection.generation = previous.generation;
    if (fromFile) save({ server: $('server-url').value.trim(), channels, userId: $('user-id').value.trim() });
    state.connection.start();
    showCursor();
    loadSensors();
    startStats();
  }

  function setupConnectForm() {
    const params = new URLSearchParams(window.location.search);
    const saved = fromFile ? loadSaved() : {};
    const wanted = (params.get('channels') || (saved.channels || []).join(','))
      .split(',').map((c) => c.trim()).filter((c) => CHANNELS.includes(c));
    const channels = wanted.length ? wanted : ['general'];
    const list = $('channel-list');
    for (const channel of CHANNELS) {
      const label = el('label', 'chip');
      const input = el('input');
      input.type = 'checkbox';
      input.value = channel;
      input.name = 'channel';
      input.checked = channels.includes(channel);
      label.append(input, el('span', null, channel));
      list.append(label);
      const option = el('option', null, channel);
      option.value = channel;
      $('test-channel').append(option);
    }
    $('test-channel').value = channels[0];
    $('user-id').value = params.get('user_id') || saved.userId || '';
    $('server-url').value = params.get('server') || (fromFile ? saved.server || '' : window.location.origin);
    $('file-hint').hidden = !fromFile;

    $('connect-form').addEventListener('submit', (e) => {
      e.preventDefault();
      connect();
    });
    $('disconnect-button').addEventListener('click', () => {
      if (state.connection) state.connection.stop();
    });
    refreshSensorSelect();
    showState('disconnected', {});
    // Served by Pulso: connect to this same server right away. From disk: wait for the operator.
    if (!fromFile && params.get('autoconnect') !== '0') connect();
    else $('server-url').focus();
  }

  function setupLanguageSwitch() {
    const holder = $('language-switch');
    holder.append(t('language') + ': ');
    languages.forEach((code, i) => {
      if (i) holder.append(' · ');
      if (code === lang) {
        holder.append(el('strong', null, code));
      } else {
        const link = el('a', null, code);
        const params = new URLSearchParams(window.location.search);
        params.set('lang', code);
        link.href = '?' + params.toString();
        holder.append(link);
      }
    });
  }

  function init() {
    apply(document);
    setupLanguageSwitch();
    setupEventList();
    setupForms();
    setupConnectForm();
    window.addEventListener('resize', () => {
      for (const series of state.series.values()) series.dirty = true;
      scheduleDraw();
    });
    document.addEventListener('visibilitychange', () => { if (!document.hidden) pollStats(); });
  }

  // For tests and the curious: the live connection (seq, epoch) without reaching into closures.
  window.pulsoClient = {
    get connection() { return state.connection; },
    get base() { return state.base; },
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
