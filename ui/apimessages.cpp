// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/apimessages.h"

#include "ui/models/entityschema.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

QString entityLabel(const QString &entityType)
{
    const std::optional<EntityKind> kind = EntitySchema::kindForEntityType(entityType);
    return kind ? EntitySchema::forKind(*kind).singular : entityType;
}

} // namespace

QString ApiMessages::fieldMessage(const QString &message)
{
    // Fixed wordings first.
    if (message == u"is required")
        return tr("is required");
    if (message == u"must not be empty")
        return tr("must not be empty");
    if (message == u"must be a string")
        return tr("must be text");
    if (message == u"must be a string or null")
        return tr("must be text or empty");
    if (message == u"must be a number")
        return tr("must be a number");
    if (message == u"must be a number or null")
        return tr("must be a number or empty");
    if (message == u"must be an integer")
        return tr("must be a whole number");
    if (message == u"must be an integer or null")
        return tr("must be a whole number or empty");
    if (message == u"must be true or false")
        return tr("must be yes or no");
    if (message == u"must be a finite number")
        return tr("must be a finite number");
    if (message == u"must be a positive integer id")
        return tr("must be a positive id");
    if (message == u"must not contain NUL characters")
        return tr("must not contain NUL characters");
    if (message == u"must be between years 0001 and 9999")
        return tr("must be between the years 0001 and 9999");
    if (message.startsWith(u"must be an ISO-8601 timestamp string"))
        return tr("must be a date and time such as 2025-07-20T00:05:37Z");
    if (message.startsWith(u"is not an ISO-8601 timestamp"))
        return tr("is not a date and time between the years 0001 and 9999 (e.g. 2025-07-20T00:05:37Z)");

    // Wordings with values.
    struct Pattern
    {
        QRegularExpression re;
        QString (*make)(const QRegularExpressionMatch &);
    };
    static const QList<Pattern> patterns = {
        {QRegularExpression(u"^must be between (\\S+) and (\\S+)$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("must be between %1 and %2").arg(m.captured(1), m.captured(2));
            }},
        {QRegularExpression(u"^must be at most (\\d+) characters long$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("must be at most %1 characters long").arg(m.captured(1));
            }},
        {QRegularExpression(u"^must not be greater than (\\w+)$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("must not be greater than %1").arg(m.captured(1));
            }},
        {QRegularExpression(u"^must not be less than (\\w+)$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("must not be less than %1").arg(m.captured(1));
            }},
        {QRegularExpression(u"^must be a whole number of seconds between 1 and (\\d+)$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("must be a whole number of seconds between 1 and %1").arg(m.captured(1));
            }},
        {QRegularExpression(u"^must be one of: (.+)$"_s),
            [](const QRegularExpressionMatch &m) { return tr("must be one of: %1").arg(m.captured(1)); }},
        {QRegularExpression(u"^no (\\w+) with id (\\d+)$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("there is no %1 with id %2").arg(entityLabel(m.captured(1)), m.captured(2));
            }},
        {QRegularExpression(u"^reading (\\d+) belongs to sensor (\\d+), not to sensor (\\d+)$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("reading %1 belongs to sensor %2, not to sensor %3")
                    .arg(m.captured(1), m.captured(2), m.captured(3));
            }},
        {QRegularExpression(u"^unknown field; known fields: (.+)$"_s),
            [](const QRegularExpressionMatch &m) {
                return tr("unknown field; known fields: %1").arg(m.captured(1));
            }},
    };
    for (const Pattern &p : patterns) {
        const QRegularExpressionMatch match = p.re.match(message);
        if (match.hasMatch())
            return p.make(match);
    }
    return message;
}

QString ApiMessages::errorMessage(const Error &error)
{
    if (error.code == u"validation_failed" || error.code == u"unknown_reference") {
        QStringList parts;
        for (const QJsonValue &detail : error.details) {
            const QJsonObject d = detail.toObject();
            parts << d.value(u"field"_s).toString() + u": "_s
                    + fieldMessage(d.value(u"message"_s).toString());
        }
        if (!parts.isEmpty())
            return tr("Not saved: %1.").arg(parts.join(u"; "_s));
    }
    if (error.code == u"server_stopped")
        return tr("The server is not running; start it and try again.");
    static const QRegularExpression notFound(u"^No (\\w+) with id (\\d+)\\.$"_s);
    if (const QRegularExpressionMatch m = notFound.match(error.message); m.hasMatch())
        return tr("There is no %1 with id %2 (it may have just been deleted).")
            .arg(entityLabel(m.captured(1)), m.captured(2));
    static const QRegularExpression referenced(
        u"^The (\\w+) with id (\\d+) cannot be deleted while (.+) refer to it; delete those first\\.$"_s);
    if (const QRegularExpressionMatch m = referenced.match(error.message); m.hasMatch()) {
        return tr("The %1 with id %2 cannot be deleted while %3 refer to it; delete those first.")
            .arg(entityLabel(m.captured(1)), m.captured(2), m.captured(3));
    }
    return error.message;
}

} // namespace pulso
