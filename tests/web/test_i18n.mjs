// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The web client speaks Spanish and English: both tables have the same keys, every key the page uses exists,
// the language follows the browser's list, and placeholders are filled. Node only.
//   node tests/web/test_i18n.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'web');
const read = (name) => fs.readFileSync(path.join(WEB, name), 'utf8');
const SOURCE = read('static/i18n.js');

function load(languages, search = '') {
  const window = { location: { search } };
  vm.runInNewContext(SOURCE, { window, navigator: { languages, language: languages[0] }, URLSearchParams });
  return window.PulsoI18n;
}

describe('i18n.js', () => {
  const { strings } = load(['en']);

  it('has the same keys in Spanish and English, none empty', () => {
    assert.deepEqual(Object.keys(strings.es).sort(), Object.keys(strings.en).sort());
    for (const lang of ['es', 'en']) {
      for (const [key, text] of Object.entries(strings[lang])) assert.ok(text.trim(), `${lang}.${key}`);
    }
  });

  it('knows every key the page uses', () => {
    const used = new Set();
    for (const match of read('index.html').matchAll(/data-i18n(?:-placeholder|-title)?="([^"]+)"/g)) used.add(match[1]);
    for (const file of ['static/app.js', 'static/connection.js']) {
      for (const match of read(file).matchAll(/\bt\('([\w.]*\w)'[,)]/g)) used.add(match[1]);
      for (const match of read(file).matchAll(/'(log\.\w+)'/g)) used.add(match[1]);
    }
    // Built from a prefix and a value.
    for (const state of ['disconnected', 'connecting', 'connected', 'reconnecting', 'resuming']) used.add(`state.${state}`);
    for (const reason of ['retention', 'epoch_changed', 'since_ahead', 'unknown']) {
      used.add(`gap.${reason}`);
      used.add(`gapMarker.${reason}`);
    }
    assert.ok(used.size > 60, String(used.size));
    const missing = [...used].filter((key) => !(key in strings.es) || !(key in strings.en));
    assert.deepEqual(missing, []);
  });

  it('follows the browser language list, with ?lang= overriding it', () => {
    const cases = [
      [['es-ES', 'en'], '', 'es'],
      [['es-MX'], '', 'es'],
      [['en-GB', 'es'], '', 'en'],
      [['fr-FR', 'es-ES'], '', 'es'],
      [['fr-FR', 'de'], '', 'en'],
      [['es-ES'], '?lang=en', 'en'],
      [['en-US'], '?lang=es&x=1', 'es'],
      [['en-US'], '?lang=xx', 'en'],
    ];
    for (const [languages, search, expected] of cases)
      assert.equal(load(languages, search).lang, expected, `${languages} ${search}`);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const es = load(['es']);
    assert.equal(es.t('testSent', { seq: 7, recipients: 2 }), 'Enviado: seq 7, destinatarios: 2');
    assert.equal(es.t('gap.retention', { from: 3 }), 'El servidor ya no guarda los eventos 3–{to} (retención). Los datos actuales están en la API REST.');
    assert.equal(es.t('no.such.key'), 'no.such.key');
  });
});
