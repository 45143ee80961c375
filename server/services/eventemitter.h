// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/event.h"

#include <QObject>

namespace pulso {

/// The seed's EventEmitter as a Qt signal: every committed event, in seq order.
/// The WebSocket hub, the console's models and the tests all listen here.
class EventEmitter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventEmitter)

public:
    explicit EventEmitter(QObject *parent = nullptr);

    /// Called by services after their transaction committed.
    void emitEvent(const pulso::Event &event);

Q_SIGNALS:
    void eventEmitted(const pulso::Event &event);
};

} // namespace pulso
