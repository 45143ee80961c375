// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/error.h"

using namespace Qt::StringLiterals;

namespace pulso {

QJsonObject Error::toJson() const
{
    QJsonObject inner {{u"code"_s, code}, {u"message"_s, message}};
    if (!details.isEmpty())
        inner.insert(u"details"_s, details);
    return QJsonObject {{u"error"_s, inner}};
}

} // namespace pulso
