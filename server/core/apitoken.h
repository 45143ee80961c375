// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/isotime.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace pulso {

/// What a token may do. Ordered: a higher role includes every lower one.
enum class Role : quint8 { Reader = 1, Writer = 2, Admin = 3 };

/// "reader", "writer", "admin".
QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);
/// "reader, writer, admin", for error messages.
QString roleNameList();

/// An API token as stored and listed: never the secret itself, which only its creator sees, once.
struct ApiToken
{
    qint64 id = 0;
    QString name;
    Role role = Role::Reader;
    TimeMs createdAt = 0;
    std::optional<TimeMs> lastUsedAt; ///< updated at most once a minute
    std::optional<TimeMs> revokedAt;

    bool isRevoked() const { return revokedAt.has_value(); }
    /// {"id","name","role","created_at","last_used_at","revoked","revoked_at"}: no hash, no secret.
    QJsonObject toJson() const;
};

} // namespace pulso

Q_DECLARE_METATYPE(pulso::ApiToken)
