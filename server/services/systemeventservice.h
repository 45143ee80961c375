// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/event.h"
#include "services/unitofwork.h"

namespace pulso {

/// Publishes system events (start-up, shutdown, the seed's test event) through the outbox.
class SystemEventService final
{
public:
    explicit SystemEventService(const ServiceContext &context);
    Q_DISABLE_COPY_MOVE(SystemEventService)

    Result<Event> publish(SystemLevel level, const QString &message, const QJsonObject &data = {},
        Channel channel = Channel::General);

    /// The seed's POST /ws/test-event: a system_event on `channel` (and general) with data.test = true.
    Result<Event> publishTestEvent(Channel channel, const QString &message);

private:
    ServiceContext m_context;
};

} // namespace pulso
