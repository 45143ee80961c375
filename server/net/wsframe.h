// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace pulso::ws {

/// An unmasked, unfragmented RFC 6455 text frame (server to client) around `payload`.
/// Server frames are identical for every client, so each event is framed once and the bytes are shared.
QByteArray textFrame(QByteArrayView payload);

} // namespace pulso::ws
