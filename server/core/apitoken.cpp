// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/apitoken.h"

using namespace Qt::StringLiterals;

namespace pulso {

QString roleName(Role role)
{
    switch (role) {
    case Role::Reader:
        return u"reader"_s;
    case Role::Writer:
        return u"writer"_s;
    case Role::Admin:
        return u"admin"_s;
    }
    return u"reader"_s;
}

std::optional<Role> roleFromName(QStringView name)
{
    for (Role role : {Role::Reader, Role::Writer, Role::Admin}) {
        if (name == roleName(role))
            return role;
    }
    return std::nullopt;
}

QString roleNameList()
{
    return u"reader, writer, admin"_s;
}

QJsonObject ApiToken::toJson() const
{
    const auto time = [](const std::optional<TimeMs> &ms) {
        return ms ? QJsonValue(isotime::format(*ms)) : QJsonValue();
    };
    return QJsonObject {{u"id"_s, id}, {u"name"_s, name}, {u"role"_s, roleName(role)},
        {u"created_at"_s, isotime::format(createdAt)}, {u"last_used_at"_s, time(lastUsedAt)},
        {u"revoked"_s, isRevoked()}, {u"revoked_at"_s, time(revokedAt)}};
}

} // namespace pulso
