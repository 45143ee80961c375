// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Spanish and English strings of the web client; the language follows the browser (navigator.languages),
// ?lang=es|en overrides it. Elements carry data-i18n (text), data-i18n-placeholder and data-i18n-title.
(function () {
  'use strict';

  const STRINGS = {
    es: {
      subtitle: 'Cliente web en tiempo real',
      'state.disconnected': 'Desconectado',
      'state.connecting': 'Conectando…',
      'state.connected': 'Conectado',
      'state.reconnecting': 'Reconectando en {seconds} s (intento {attempt})',
      'state.resuming': 'Recuperando eventos…',
      connection: 'Conexión',
      serverUrl: 'URL del servidor',
      channels: 'Canales',
      userId: 'user_id',
      userIdPlaceholder: 'opcional, aparece en las estadísticas',
      token: 'Token (endpoint seguro y escrituras)',
      tokenPlaceholder: 'vacío: /api/v1/ws sin token',
      mode: 'Entrega',
      modeAll: 'todos los eventos',
      modeLatest: 'última lectura por sensor si la red va lenta',
      connect: 'Conectar',
      disconnect: 'Desconectar',
      fileHint: 'Página abierta desde el disco: escriba la URL del servidor Pulso (por ejemplo http://localhost:8000) y pulse Conectar.',
      chooseChannel: 'Elija al menos un canal.',
      badUrl: 'La URL del servidor debe empezar por http://, https://, ws:// o wss://.',
      events: 'Eventos',
      eventCount: '{shown} de {total}',
      clear: 'Vaciar',
      search: 'Buscar en el JSON…',
      allEntities: 'todas las entidades',
      system: 'sistema',
      noEvents: 'Todavía no hay eventos. Cree un sensor o envíe un evento de prueba.',
      noMatch: 'Ningún evento coincide con los filtros.',
      detail: 'Detalle del evento',
      detailEmpty: 'Pulse un evento de la lista para ver su JSON.',
      copy: 'Copiar',
      copied: 'Copiado',
      replayed: 'recuperado',
      stats: 'Estadísticas',
      statsConnections: 'Conexiones',
      statsChannels: 'Canales activos',
      statsChannel: 'Canal',
      statsUsers: 'Usuarios',
      statsUpdated: 'Actualizado {time}',
      statsError: 'No se pudieron leer: {error}',
      statsWaiting: 'Esperando la primera conexión…',
      testEvent: 'Evento de prueba',
      channel: 'Canal',
      message: 'Mensaje',
      testMessageDefault: 'Hola desde el cliente web',
      send: 'Enviar',
      testSent: 'Enviado: seq {seq}, destinatarios: {recipients}',
      createSensor: 'Crear sensor',
      tipo: 'Tipo',
      modelo: 'Modelo',
      unidad: 'Unidad',
      locationId: 'location_id',
      optional: 'opcional',
      umbralMin: 'Umbral mín.',
      umbralMax: 'Umbral máx.',
      create: 'Crear',
      sensorCreated: 'Sensor #{id} creado',
      postReading: 'Enviar lectura',
      sensor: 'Sensor',
      noSensors: '(no hay sensores)',
      valor: 'Valor',
      random: 'Aleatoria',
      readingCreated: 'Lectura #{id} guardada',
      chart: 'Lecturas por sensor',
      chartEmpty: 'Las lecturas que lleguen se dibujan aquí, una gráfica por sensor.',
      chartLast: 'última {value}',
      chartRange: 'mín {min} · máx {max} · {count} lecturas',
      log: 'Registro de la conexión',
      networkError: 'sin respuesta del servidor ({error})',
      corsHint: 'sin respuesta del servidor; abierta desde el disco, el navegador sólo deja leer la API REST si el servidor lo permite (CORS): abra la página desde el servidor, {url}',
      httpError: 'HTTP {status}: {message}',
      'log.connecting': 'Conectando a {url}',
      'log.open': 'Conectado a {url}',
      'log.closed': 'Conexión cerrada ({code}{reason})',
      'log.failed': 'No se pudo conectar ({code}); ¿URL, token o servidor parado?',
      'log.retry': 'Nuevo intento en {seconds} s',
      fileOriginHint: 'Abierta desde el disco, el servidor debe aceptar el origen «null» (pulso --allowed-origin null).',
      'log.subscribed': 'Suscrito a {channel} ({mode})',
      'log.unsubscribed': 'Baja de {channel}',
      'log.resuming': 'Reanudando desde seq {since}',
      'log.resumed': 'Reanudado: {replayed} eventos recuperados, último seq {last}',
      'log.error': 'Error del servidor {code}: {message}',
      'log.gap': 'Hueco en la reanudación: {reason}',
      gapTitle: 'Faltan eventos',
      'gap.retention': 'El servidor ya no guarda los eventos {from}–{to} (retención). Los datos actuales están en la API REST.',
      'gap.epoch_changed': 'La base de datos del servidor es otra (epoch nuevo): los números de seq empiezan de nuevo y los eventos anteriores no se pueden recuperar.',
      'gap.since_ahead': 'El servidor no conoce el seq {since} (su último es {last}): se ha restaurado o reiniciado su historial.',
      'gap.unknown': 'El servidor no pudo recuperar todos los eventos perdidos ({reason}).',
      dismiss: 'Cerrar',
      footer: 'Pulso sirve esta página; también funciona abierta desde el disco.',
      language: 'Idioma',
    },
    en: {
      subtitle: 'Real-time web client',
      'state.disconnected': 'Disconnected',
      'state.connecting': 'Connecting…',
      'state.connected': 'Connected',
      'state.reconnecting': 'Reconnecting in {seconds} s (attempt {attempt})',
      'state.resuming': 'Catching up…',
      connection: 'Connection',
      serverUrl: 'Server URL',
      channels: 'Channels',
      userId: 'user_id',
      userIdPlaceholder: 'optional, shown in the statistics',
      token: 'Token (secure endpoint and writes)',
      tokenPlaceholder: 'empty: unauthenticated /api/v1/ws',
      mode: 'Delivery',
      modeAll: 'every event',
      modeLatest: 'latest reading per sensor when the network is slow',
      connect: 'Connect',
      disconnect: 'Disconnect',
      fileHint: 'Page opened from disk: type the Pulso server URL (for example http://localhost:8000) and press Connect.',
      chooseChannel: 'Choose at least one channel.',
      badUrl: 'The server URL must start with http://, https://, ws:// or wss://.',
      events: 'Events',
      eventCount: '{shown} of {total}',
      clear: 'Clear',
      search: 'Search the JSON…',
      allEntities: 'all entities',
      system: 'system',
      noEvents: 'No events yet. Create a sensor or send a test event.',
      noMatch: 'No event matches the filters.',
      detail: 'Event detail',
      detailEmpty: 'Click an event in the list to see its JSON.',
      copy: 'Copy',
      copied: 'Copied',
      replayed: 'caught up',
      stats: 'Statistics',
      statsConnections: 'Connections',
      statsChannels: 'Active channels',
      statsChannel: 'Channel',
      statsUsers: 'Users',
      statsUpdated: 'Updated {time}',
      statsError: 'Could not read them: {error}',
      statsWaiting: 'Waiting for the first connection…',
      testEvent: 'Test event',
      channel: 'Channel',
      message: 'Message',
      testMessageDefault: 'Hello from the web client',
      send: 'Send',
      testSent: 'Sent: seq {seq}, recipients: {recipients}',
      createSensor: 'Create a sensor',
      tipo: 'Type',
      modelo: 'Model',
      unidad: 'Unit',
      locationId: 'location_id',
      optional: 'optional',
      umbralMin: 'Min. threshold',
      umbralMax: 'Max. threshold',
      create: 'Create',
      sensorCreated: 'Sensor #{id} created',
      postReading: 'Post a reading',
      sensor: 'Sensor',
      noSensors: '(no sensors)',
      valor: 'Value',
      random: 'Random',
      readingCreated: 'Reading #{id} stored',
      chart: 'Readings per sensor',
      chartEmpty: 'Readings are drawn here as they arrive, one chart per sensor.',
      chartLast: 'last {value}',
      chartRange: 'min {min} · max {max} · {count} readings',
      log: 'Connection log',
      networkError: 'no answer from the server ({error})',
      corsHint: 'no answer from the server; opened from disk, the browser lets the page read the REST API only if the server allows it (CORS): open the page from the server, {url}',
      httpError: 'HTTP {status}: {message}',
      'log.connecting': 'Connecting to {url}',
      'log.open': 'Connected to {url}',
      'log.closed': 'Connection closed ({code}{reason})',
      'log.failed': 'Could not connect ({code}); URL, token, or server down?',
      'log.retry': 'Retrying in {seconds} s',
      fileOriginHint: 'Opened from disk, the server must accept the origin "null" (pulso --allowed-origin null).',
      'log.subscribed': 'Subscribed to {channel} ({mode})',
      'log.unsubscribed': 'Unsubscribed from {channel}',
      'log.resuming': 'Resuming after seq {since}',
      'log.resumed': 'Resumed: {replayed} events caught up, last seq {last}',
      'log.error': 'Server error {code}: {message}',
      'log.gap': 'Gap in the resume: {reason}',
      gapTitle: 'Events missing',
      'gap.retention': 'The server no longer keeps events {from}–{to} (retention). The current data is in the REST API.',
      'gap.epoch_changed': 'The server has a different database (new epoch): seq numbers start again and earlier events cannot be caught up.',
      'gap.since_ahead': 'The server does not know seq {since} (its last is {last}): its history was restored or reset.',
      'gap.unknown': 'The server could not replay every missed event ({reason}).',
      dismiss: 'Dismiss',
      footer: 'Served by Pulso; it also works opened from disk.',
      language: 'Language',
    },
  };

  function pickLanguage() {
    const forced = new URLSearchParams(window.location.search).get('lang');
    if (forced && STRINGS[forced]) return forced;
    const preferred = (navigator.languages && navigator.languages.length)
      ? navigator.languages : [navigator.language || 'en'];
    for (const tag of preferred) {
      const base = String(tag).toLowerCase().split('-')[0];
      if (STRINGS[base]) return base;
    }
    return 'en';
  }

  const lang = pickLanguage();

  /** The string for `key` with {name} placeholders filled from `params`. */
  function t(key, params) {
    const table = STRINGS[lang];
    let text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : STRINGS.en[key];
    if (text === undefined) return key;
    if (params) {
      text = text.replace(/\{(\w+)\}/g, (whole, name) =>
        (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
    }
    return text;
  }

  function apply(root) {
    document.documentElement.lang = lang;
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
      el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  }

  window.PulsoI18n = { lang, t, apply, languages: Object.keys(STRINGS) };
})();
