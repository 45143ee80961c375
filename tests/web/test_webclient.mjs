// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The web client in a real browser: Debian's headless Chromium driven by playwright-core, against a real
// `pulso --headless` process on 127.0.0.1. Run by ctest (label "web"), or by hand:
//   PULSO_BINARY=build/app/pulso node tests/web/test_webclient.mjs
// Exits 77 (ctest's SKIP_RETURN_CODE) when Chromium or tests/web/node_modules is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCE_DIR = process.env.PULSO_SOURCE_DIR || path.resolve(HERE, '..', '..');
const CHROMIUM = process.env.PULSO_CHROMIUM || '/usr/bin/chromium';
const PULSO = process.env.PULSO_BINARY || process.argv[2] || '';
const SCREENSHOT = process.env.PULSO_WEB_SCREENSHOT || path.join(os.tmpdir(), 'pulso-web-client.png');
const SKIP = 77;
const WAIT_MS = 20000;

if (Number(process.versions.node.split('.')[0]) < 20) {
  console.log(`SKIP: playwright-core needs Node.js 20 or later; this is ${process.version}`);
  process.exit(SKIP);
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`SKIP: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; scripts/test installs it)`);
  process.exit(SKIP);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  console.log(`SKIP: playwright-core is not installed (npm ci --prefix tests/web): ${error.message}`);
  process.exit(SKIP);
}
if (!PULSO || !fs.existsSync(PULSO)) {
  console.error(`PULSO_BINARY must name the pulso executable (got "${PULSO}")`);
  process.exit(1);
}

// ---- the server as a process ----

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulso-web-'));
const running = new Set();

/** Starts pulso and resolves with {child, port} once it printed its "listening on" line. */
function startPulso(port, database, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(PULSO,
      ['--headless', '--bind', '127.0.0.1', '--port', String(port), '--database', database, ...extra],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
    running.add(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`pulso did not start in time:\n${output}`)), WAIT_MS);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => {
      running.delete(child);
      clearTimeout(timer);
      reject(new Error(`pulso exited with ${code}:\n${output}`));
    });
  });
}

/** SIGTERM (the server closes its clients with 1001), and waits for the exit. */
function stopPulso(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function rest(port, method, pathAndQuery, body) {
  const response = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  assert.ok(response.ok, `${method} ${pathAndQuery}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

// ---- the browser ----

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser;
let server; // {child, port} of the server the page talks to
const database = path.join(workDir, 'pulso.db');
let page; // the Spanish page served by Pulso, kept across the steps below
const consoleErrors = [];

async function newPage(locale) {
  // Playwright starts Chromium with a fresh --user-data-dir of its own (and removes it); each context is a
  // fresh profile on top of that.
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  const p = await context.newPage();
  p.on('console', (message) => {
    // The browser reports refused connections (server restarts), 4xx answers and, from disk, CORS refusals as
    // console errors; the page handles those. Anything else is a bug in the page.
    const text = message.text();
    if (message.type() === 'error' && !/WebSocket connection to|Failed to load resource|blocked by CORS policy|net::ERR_/.test(text))
      consoleErrors.push(`${locale}: ${text}`);
  });
  p.on('pageerror', (error) => consoleErrors.push(`${locale}: uncaught ${error.message}`));
  return p;
}

async function eventRow(p, predicate, description, arg) {
  await p.waitForFunction(predicate, arg, { timeout: WAIT_MS }).catch(async (error) => {
    const rows = await p.$$eval('#event-list li.event', (items) => items.map((li) => li.textContent));
    const log = await p.$$eval('#connection-log li', (items) => items.map((li) => li.textContent));
    throw new Error(`${description}: ${error.message}\nrows: ${JSON.stringify(rows)}\nlog: ${JSON.stringify(log)}`);
  });
}

const lastSeqOf = (p) => p.evaluate(() => window.pulsoClient.connection.lastSeq);

before(async () => {
  server = await startPulso(0, database);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: WAIT_MS });
});

after(async () => {
  if (browser) await browser.close();
  await Promise.all([...running].map(stopPulso));
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the web client served by Pulso', () => {
  it('serves the page and its assets with content types and no-cache', async () => {
    const index = await fetch(`http://127.0.0.1:${server.port}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /^text\/html; charset=utf-8/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(index.headers.get('content-security-policy'), /script-src 'self'/);
    const html = await index.text();
    for (const asset of html.matchAll(/(?:src|href)="(static\/[^"]+)"/g)) {
      const response = await fetch(`http://127.0.0.1:${server.port}/${asset[1]}`);
      assert.equal(response.status, 200, asset[1]);
    }
  });

  it('connects on load to the same server, channel general, in the browser language (es)', async () => {
    page = await newPage('es-ES');
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForSelector('#status[data-state="connected"]', { timeout: WAIT_MS });
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal(await page.textContent('#status-text'), 'Conectado');
    assert.equal(await page.inputValue('#server-url'), `http://127.0.0.1:${server.port}`);
    assert.deepEqual(await page.$$eval('#channel-list input:checked', (inputs) => inputs.map((i) => i.value)),
      ['general']);
    assert.ok(await page.isHidden('#file-hint'));
    // The server counts it: the statistics panel polls /api/v1/ws/stats.
    await page.waitForFunction(() => document.querySelector('#stat-connections').textContent === '1',
      undefined, { timeout: WAIT_MS });
  });

  it('shows a sensor created through the REST API in the event list', async () => {
    const sensor = await rest(server.port, 'POST', '/api/v1/sensors',
      { tipo: 'temperatura', modelo: 'DHT22-rest', unidad: '°C' });
    await eventRow(page, (id) => [...document.querySelectorAll('#event-list li[data-entity="sensor"]')]
      .some((li) => li.textContent.includes(`#${id} temperatura DHT22-rest`)), 'the REST sensor row', sensor.id);
    // Its detail view is the event's JSON.
    await page.click('#event-list li[data-entity="sensor"]');
    const detail = JSON.parse(await page.textContent('#event-detail'));
    assert.equal(detail.type, 'entity_event');
    assert.equal(detail.entity_type, 'sensor');
    assert.equal(detail.event_type, 'created');
    assert.equal(detail.entity_id, sensor.id);
    assert.equal(typeof detail.seq, 'number');
    assert.equal(await lastSeqOf(page), detail.seq);
    assert.equal(await page.textContent('#last-seq'), String(detail.seq));
  });

  it('creates a sensor, posts readings and sends a test event from its forms', async () => {
    await page.fill('#sensor-form input[name="modelo"]', 'DHT22-form');
    await page.fill('#sensor-form input[name="umbral_max"]', '30');
    await page.click('#sensor-form button[type="submit"]');
    await page.waitForFunction(() => /Sensor #\d+ creado/.test(document.querySelector('#sensor-form output').textContent),
      undefined, { timeout: WAIT_MS });
    const id = Number(/#(\d+)/.exec(await page.textContent('#sensor-form output'))[1]);
    assert.equal(await page.inputValue('#reading-sensor'), String(id));

    for (const valor of ['21.5', '23', '22.25']) {
      await page.fill('#reading-form input[name="valor"]', valor);
      await page.click('#reading-form button[type="submit"]');
      await page.waitForFunction(() => /guardada/.test(document.querySelector('#reading-form output').textContent),
        undefined, { timeout: WAIT_MS });
      await page.evaluate(() => { document.querySelector('#reading-form output').textContent = ''; });
    }
    // The readings arrive as events and draw the sensor's chart.
    await page.waitForFunction((sensor) => {
      const card = document.querySelector(`.chart[data-sensor-id="${sensor}"]`);
      return card && card.querySelector('.chart-foot').textContent.includes('3 lecturas');
    }, id, { timeout: WAIT_MS });
    assert.match(await page.textContent(`.chart[data-sensor-id="${id}"] .chart-last`), /22\.25 °C/);

    // Validation errors come back per field.
    await page.fill('#sensor-form input[name="tipo"]', '');
    await page.click('#sensor-form button[type="submit"]');
    await page.waitForSelector('#sensor-form input[name="tipo"].invalid', { timeout: WAIT_MS });
    assert.match(await page.textContent('#sensor-form output'), /HTTP 422/);
    await page.fill('#sensor-form input[name="tipo"]', 'humedad');

    await page.fill('#test-form input[name="message"]', 'hola desde la prueba');
    await page.click('#test-form button[type="submit"]');
    await eventRow(page, () => [...document.querySelectorAll('#event-list li[data-entity="system"]')]
      .some((li) => li.textContent.includes('hola desde la prueba')), 'the test event row');
    assert.match(await page.textContent('#test-form output'), /Enviado: seq \d+, destinatarios: 1$/);
  });

  it('filters the list by kind, entity and text', async () => {
    const visible = () => page.$$eval('#event-list li.event:not([hidden])', (items) => items.map((li) => li.dataset.entity));
    await page.selectOption('#filter-entity', 'reading');
    assert.deepEqual([...new Set(await visible())], ['reading']);
    await page.selectOption('#filter-entity', '');
    await page.fill('#filter-text', 'dht22-rest');
    assert.deepEqual(await visible(), ['sensor']);
    await page.fill('#filter-text', '');
    await page.click('#filter-kinds button[data-kind="created"]');
    assert.deepEqual([...new Set(await visible())], ['system']);
    await page.click('#filter-kinds button[data-kind="created"]');
    assert.ok((await visible()).length >= 6);
  });

  it('reconnects after a server restart and shows the events created while it was away', async () => {
    const before = await lastSeqOf(page);
    await stopPulso(server.child);
    await page.waitForSelector('#status[data-state="reconnecting"]', { timeout: WAIT_MS });
    // While the page cannot reach its server, another Pulso on the same database (another port) takes writes.
    const other = await startPulso(0, database);
    const sensor = await rest(other.port, 'POST', '/api/v1/sensors', { tipo: 'presion', modelo: 'BMP280-offline' });
    await rest(other.port, 'POST', '/api/v1/readings', { sensor_id: sensor.id, valor: 1013.2 });
    await rest(other.port, 'POST', '/api/v1/ws/test-event?channel=general&message=mientras%20tanto');
    await stopPulso(other.child);
    assert.ok(await page.isVisible('#status[data-state="reconnecting"]'), 'the page must not have been connected');

    server = await startPulso(server.port, database);
    await page.waitForSelector('#status[data-state="connected"]', { timeout: 60000 });
    await eventRow(page, (id) => [...document.querySelectorAll('#event-list li[data-entity="sensor"]')]
      .some((li) => li.textContent.includes(`#${id} presion BMP280-offline`) && li.querySelector('.tag')),
    'the sensor created while away, replayed', sensor.id);
    await eventRow(page, () => [...document.querySelectorAll('#event-list li.event')]
      .some((li) => li.textContent.includes('mientras tanto')), 'the test event sent while away');
    // Nothing twice, nothing skipped: the seqs after the old cursor are consecutive.
    const seqs = await page.$$eval('#event-list li.event', (items) => items.map((li) => Number(li.dataset.seq)));
    assert.equal(new Set(seqs).size, seqs.length, 'no event is shown twice');
    const caughtUp = seqs.filter((seq) => seq > before).sort((a, b) => a - b);
    assert.ok(caughtUp.length >= 5, JSON.stringify(caughtUp));
    assert.deepEqual(caughtUp, caughtUp.map((_, i) => caughtUp[0] + i));
    assert.equal(caughtUp[0], before + 1);
    const log = await page.$$eval('#connection-log li', (items) => items.map((li) => li.textContent).join('\n'));
    assert.match(log, /Conexión cerrada \(1001 server shutting down\)/);
    assert.match(log, new RegExp(`Reanudado: \\d+ eventos recuperados`));
    assert.equal(await page.isVisible('.gap-notice'), false);
  });

  it('runs the seed\'s JavaScript snippet, which receives events', async () => {
    // In the console of a page from this server, as an operator would paste it (a page from another origin,
    // about:blank included, is refused unless the operator allows its origin). bypassCSP: the page's policy
    // forbids inline scripts, which is what the snippet is here.
    const context = await browser.newContext({ locale: 'es-ES', bypassCSP: true });
    const seedPage = await context.newPage();
    const logged = [];
    seedPage.on('console', (message) => logged.push(message.text()));
    await seedPage.goto(`http://127.0.0.1:${server.port}/client?autoconnect=0`);
    // The seed's snippet as published, with host and port replaced.
    const snippet = `
const ws = new WebSocket('ws://localhost:8000/api/v1/ws?channel=sensors');

ws.onopen = function(event) {
    console.log('Conectado al WebSocket');
};

ws.onmessage = function(event) {
    const data = JSON.parse(event.data);
    console.log('Evento recibido:', data);
};

ws.onclose = function(event) {
    console.log('Conexión cerrada');
};

ws.onerror = function(error) {
    console.log('Error:', error);
};
window.seedSocket = ws;`.replace('localhost:8000', `127.0.0.1:${server.port}`);
    await seedPage.addScriptTag({ content: snippet });
    await seedPage.waitForFunction(() => window.seedSocket.readyState === WebSocket.OPEN, undefined, { timeout: WAIT_MS });
    const received = seedPage.waitForEvent('console', {
      predicate: (message) => message.text().startsWith('Evento recibido:'), timeout: WAIT_MS });
    await rest(server.port, 'POST', '/api/v1/sensors', { tipo: 'luz', modelo: 'BH1750-seed' });
    const message = await received;
    const data = await message.args()[1].jsonValue();
    assert.equal(data.type, 'entity_event');
    assert.equal(data.entity_type, 'sensor');
    assert.equal(data.data.modelo, 'BH1750-seed');
    assert.ok(logged.includes('Conectado al WebSocket'));
    await seedPage.context().close();
  });

  it('takes the screenshot for the docs (English)', async () => {
    const shot = await newPage('en-US');
    await shot.goto(`http://127.0.0.1:${server.port}/`);
    await shot.waitForSelector('#status[data-state="connected"]', { timeout: WAIT_MS });
    assert.equal(await shot.getAttribute('html', 'lang'), 'en');
    assert.equal(await shot.textContent('#status-text'), 'Connected');
    await shot.fill('#user-id', 'operator');
    await shot.click('#channel-list input[value="sensors"]');
    await shot.click('#connect-button');
    await shot.waitForSelector('#status[data-state="connected"]', { timeout: WAIT_MS });
    const location = await rest(server.port, 'POST', '/api/v1/locations', { nombre: 'Invernadero norte' });
    const sensors = [];
    for (const [tipo, modelo, unidad, umbral_max] of [['temperatura', 'DHT22', '°C', 26], ['humedad', 'SHT31', '%', 80]]) {
      sensors.push(await rest(server.port, 'POST', '/api/v1/sensors',
        { tipo, modelo, unidad, umbral_max, location_id: location.id }));
    }
    const batch = [];
    for (let i = 0; i < 24; ++i) {
      const time = new Date(Date.now() - (24 - i) * 60000).toISOString();
      batch.push({ sensor_id: sensors[0].id, valor: Math.round((22 + 3 * Math.sin(i / 3) + i * 0.05) * 10) / 10, timestamp: time });
      batch.push({ sensor_id: sensors[1].id, valor: Math.round((60 + 8 * Math.cos(i / 4)) * 10) / 10, timestamp: time });
    }
    await rest(server.port, 'POST', '/api/v1/readings/batch', batch);
    await rest(server.port, 'POST', '/api/v1/anomalies',
      { sensor_id: sensors[0].id, valor: 31.4, severidad: 'critical', descripcion: 'above umbral_max' });
    await rest(server.port, 'POST', '/api/v1/ws/test-event?channel=sensors&message=Hello%20from%20the%20docs');
    await shot.waitForFunction(() => document.querySelectorAll('.chart').length >= 2 && [...document.querySelectorAll('#event-list li.event')]
      .some((li) => li.textContent.includes('Hello from the docs')), undefined, { timeout: WAIT_MS });
    await shot.click('#event-list li[data-entity="anomaly"]');
    await shot.waitForFunction(() => document.querySelector('#stats-body').children.length >= 2, undefined, { timeout: WAIT_MS });
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await shot.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(fs.statSync(SCREENSHOT).size > 10000);
    console.log(`# screenshot: ${SCREENSHOT}`);
    await shot.context().close();
  });

  it('shows a resume_gap notice when the server comes back with another database', async () => {
    const epochBefore = await page.evaluate(() => window.pulsoClient.connection.epoch);
    assert.ok(epochBefore);
    await stopPulso(server.child);
    await page.waitForSelector('#status[data-state="reconnecting"]', { timeout: WAIT_MS });
    server = await startPulso(server.port, path.join(workDir, 'other.db'));
    await page.waitForSelector('.gap-notice[data-reason="epoch_changed"]', { timeout: 60000 });
    assert.match(await page.textContent('.gap-notice'), /Faltan eventos/);
    await page.waitForSelector('#status[data-state="connected"]', { timeout: WAIT_MS });
    // Events of the new database are shown, and the cursor follows them.
    const sensor = await rest(server.port, 'POST', '/api/v1/sensors', { tipo: 'co2', modelo: 'SCD30-new' });
    await eventRow(page, (id) => [...document.querySelectorAll('#event-list li.event')]
      .some((li) => li.textContent.includes(`#${id} co2 SCD30-new`)), 'the new database\'s sensor', sensor.id);
    // A marker in the list separates the new database's events from the old ones.
    const order = await page.$$eval('#event-list > li', (items) => items.slice(0, 2)
      .map((li) => (li.classList.contains('gap-marker') ? `gap:${li.dataset.reason}` : li.dataset.entity)));
    assert.deepEqual(order, ['sensor', 'gap:epoch_changed']);
    const event = await page.$$eval('#event-list li[data-entity="sensor"]', (items) => items[0].dataset.seq);
    assert.equal(await lastSeqOf(page), Number(event));
    assert.notEqual(await page.evaluate(() => window.pulsoClient.connection.epoch), epochBefore);
  });

  it('opened from disk, asks for the server URL and connects (en)', async () => {
    // A page from disk has the origin "null"; a server that checks origins must be told to accept it.
    const help = await new Promise((resolve) => {
      const child = spawn(PULSO, ['--help'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
      let text = '';
      child.stdout.on('data', (chunk) => { text += chunk; });
      child.on('exit', () => resolve(text));
    });
    const diskServer = await startPulso(0, path.join(workDir, 'disk.db'),
      help.includes('--allowed-origin') ? ['--allowed-origin', 'null'] : []);
    const local = await newPage('en-GB');
    await local.goto(pathToFileURL(path.join(SOURCE_DIR, 'resources', 'web', 'index.html')).href);
    assert.ok(await local.isVisible('#file-hint'));
    assert.equal(await local.getAttribute('#status', 'data-state'), 'disconnected');
    assert.equal(await local.inputValue('#server-url'), '');
    await local.fill('#server-url', `127.0.0.1:${diskServer.port}`);
    await local.click('#channel-list input[value="general"]');
    await local.click('#channel-list input[value="locations"]');
    await local.click('#connect-button');
    await local.waitForSelector('#status[data-state="connected"]', { timeout: WAIT_MS });
    const created = await rest(diskServer.port, 'POST', '/api/v1/locations', { nombre: 'Almacen disco' });
    await eventRow(local, (id) => [...document.querySelectorAll('#event-list li[data-entity="location"]')]
      .some((li) => li.textContent.includes(`#${id} Almacen disco`)), 'the location row', created.id);
    await local.context().close();
    await stopPulso(diskServer.child);
  });

  it('connects to the secure endpoint with its token, and says so when the token is wrong', async () => {
    const secure = await startPulso(0, path.join(workDir, 'secure.db'), ['--token', 's3cret-token']);
    const p = await newPage('en-US');
    await p.goto(`http://127.0.0.1:${secure.port}/?autoconnect=0`);
    assert.equal(await p.getAttribute('#status', 'data-state'), 'disconnected');
    await p.fill('#token', 'wrong-token');
    await p.click('#connect-button');
    await p.waitForSelector('#status[data-state="reconnecting"]', { timeout: WAIT_MS });
    assert.match(await p.textContent('#connection-log'), /Could not connect \(1006\)/);
    await p.fill('#token', 's3cret-token');
    await p.click('#connect-button');
    await p.waitForSelector('#status[data-state="connected"]', { timeout: WAIT_MS });
    const log = await p.textContent('#connection-log');
    assert.match(log, /Connected to ws:\/\/127\.0\.0\.1:\d+\/api\/v1\/ws\/secure\?channel=general&token=…/);
    assert.ok(!log.includes('s3cret-token'), 'the token is not shown');
    await rest(secure.port, 'POST', '/api/v1/ws/test-event?channel=general&message=secreto');
    await eventRow(p, () => [...document.querySelectorAll('#event-list li.event')]
      .some((li) => li.textContent.includes('secreto')), 'the event on the secure endpoint');
    await p.context().close();
    await stopPulso(secure.child);
  });

  it('logged no script errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
