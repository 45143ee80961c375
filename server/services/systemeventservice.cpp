// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/systemeventservice.h"

using namespace Qt::StringLiterals;

namespace pulso {

SystemEventService::SystemEventService(const ServiceContext &context) : m_context(context) { }

Result<Event> SystemEventService::publish(
    SystemLevel level, const QString &message, const QJsonObject &data, Channel channel)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Event> event = work.record(EventDraft::system(level, message, data, channel));
    if (!event)
        return event.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return event;
}

Result<Event> SystemEventService::publishTestEvent(Channel channel, const QString &message)
{
    return publish(SystemLevel::Info, message,
        QJsonObject {{u"test"_s, true}, {u"channel"_s, channelName(channel)}}, channel);
}

} // namespace pulso
