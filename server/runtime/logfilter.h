// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pulso {

/// Installs a message handler that drops two warnings Qt 6.4 prints for Pulso's own, intended design
/// (a QHttpServer fed by a QTcpServer that never listens) and passes everything else on unchanged.
void installQtNoiseFilter();

/// Process-wide settings that make the server's event loop cheaper; call before the application object.
/// Uses Qt's own event dispatcher instead of GLib's (measurably less CPU per socket event).
void applyRuntimeDefaults();

} // namespace pulso
