// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A small line chart on a canvas, no library: one per sensor, redrawn when its readings change.
(function () {
  'use strict';

  // No reds: red is kept for the thresholds.
  const PALETTE = ['#1f6feb', '#0a7b83', '#8250df', '#2da44e', '#9a6700', '#0550ae', '#953800', '#116329'];
  const THRESHOLD_COLOR = '#cf222e';

  function formatNumber(value) {
    if (!Number.isFinite(value)) return '–';
    const abs = Math.abs(value);
    if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
    return String(Math.round(value * 100) / 100);
  }

  /**
   * Draws `points` ([{t: ms, v: number}], oldest first) into `canvas`, sized to its CSS box.
   * options: color, thresholds {min, max} drawn as dashed lines.
   */
  function drawSeries(canvas, points, options) {
    const opts = options || {};
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, canvas.clientWidth);
    const height = Math.max(1, canvas.clientHeight);
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const styles = getComputedStyle(canvas);
    const gridColor = styles.getPropertyValue('--chart-grid').trim() || '#d0d7de';
    const textColor = styles.getPropertyValue('--chart-text').trim() || '#57606a';
    const color = opts.color || PALETTE[0];

    const pad = { left: 40, right: 8, top: 8, bottom: 8 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    if (!points.length || plotW <= 0 || plotH <= 0) return;

    let min = Infinity;
    let max = -Infinity;
    for (const p of points) {
      min = Math.min(min, p.v);
      max = Math.max(max, p.v);
    }
    const thresholds = opts.thresholds || {};
    for (const limit of [thresholds.min, thresholds.max]) {
      if (Number.isFinite(limit)) {
        min = Math.min(min, limit);
        max = Math.max(max, limit);
      }
    }
    if (min === max) {
      const spread = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
      min -= spread;
      max += spread;
    } else {
      const margin = (max - min) * 0.08;
      min -= margin;
      max += margin;
    }
    const t0 = points[0].t;
    const t1 = points[points.length - 1].t;
    const byTime = t1 > t0;
    const x = (p, i) => pad.left + (byTime ? (p.t - t0) / (t1 - t0) : (points.length === 1 ? 1 : i / (points.length - 1))) * plotW;
    const y = (v) => pad.top + (1 - (v - min) / (max - min)) * plotH;

    // Grid and the y scale.
    ctx.lineWidth = 1;
    ctx.strokeStyle = gridColor;
    ctx.fillStyle = textColor;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let i = 0; i <= 2; ++i) {
      const value = min + ((max - min) * i) / 2;
      const gy = Math.round(y(value)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(pad.left, gy);
      ctx.lineTo(width - pad.right, gy);
      ctx.stroke();
      ctx.fillText(formatNumber(value), pad.left - 4, gy);
    }

    // Thresholds.
    ctx.save();
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = THRESHOLD_COLOR;
    for (const limit of [thresholds.min, thresholds.max]) {
      if (!Number.isFinite(limit)) continue;
      const ly = Math.round(y(limit)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(pad.left, ly);
      ctx.lineTo(width - pad.right, ly);
      ctx.stroke();
    }
    ctx.restore();

    // Area and line.
    ctx.beginPath();
    points.forEach((p, i) => (i === 0 ? ctx.moveTo(x(p, i), y(p.v)) : ctx.lineTo(x(p, i), y(p.v))));
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = color;
    ctx.stroke();
    ctx.lineTo(x(points[points.length - 1], points.length - 1), pad.top + plotH);
    ctx.lineTo(x(points[0], 0), pad.top + plotH);
    ctx.closePath();
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;

    // The newest reading.
    const last = points[points.length - 1];
    ctx.beginPath();
    ctx.arc(x(last, points.length - 1), y(last.v), 3, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
  }

  window.PulsoChart = { drawSeries, formatNumber, PALETTE };
})();
