// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/isotime.h"
#include "ui/models/entityschema.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace pulso {

class Server;

/// The console's door to the domain services, as JSON (the REST representation). Every function runs in
/// the server thread (through ServerHost::call) and goes through the same service as the REST API, so the
/// same validation, the same errors and the same events.
class EntityGateway final
{
public:
    struct ListQuery
    {
        int maxRows = 5000; ///< time series: the newest ones
        std::optional<qint64> sensorId;
        std::optional<TimeMs> from;
    };

    static Result<QList<QJsonObject>> list(Server &server, EntityKind kind, const ListQuery &query);
    static Result<QJsonObject> create(Server &server, EntityKind kind, const QJsonObject &body);
    /// A full replacement (PUT): absent optional fields are reset.
    static Result<QJsonObject> update(Server &server, EntityKind kind, qint64 id, const QJsonObject &body);
    static Result<QJsonObject> remove(Server &server, EntityKind kind, qint64 id);
};

} // namespace pulso
