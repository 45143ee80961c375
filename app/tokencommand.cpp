// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokencommand.h"

#include "commandline.h"
#include "core/isotime.h"
#include "services/tokenservice.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

constexpr const char *Usage
    = "usage: pulso token create --name NAME --role reader|writer|admin [--database FILE] [--json]\n"
      "       pulso token list [--database FILE] [--json]\n"
      "       pulso token revoke ID [--database FILE]\n";

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "pulso token: %s\n", qPrintable(message));
    return code;
}

QString when(const std::optional<TimeMs> &ms)
{
    return ms ? isotime::format(*ms) : u"-"_s;
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    std::fputs(document.toJson(QJsonDocument::Indented).constData(), stdout);
}

int create(TokenService &tokens, const QString &name, const QString &roleText, bool json)
{
    const std::optional<Role> role = roleFromName(roleText);
    if (!role)
        return fail(u"--role must be one of %1"_s.arg(roleNameList()), 2);
    Result<IssuedToken> issued = tokens.create(name, *role);
    if (!issued) {
        QString message = issued.error().message;
        for (const QJsonValue &detail : issued.error().details)
            message += u"\n  "_s + detail[u"field"_s].toString() + u": "_s + detail[u"message"_s].toString();
        return fail(message);
    }
    if (json) {
        QJsonObject object = issued->token.toJson();
        object.insert(u"token"_s, QString::fromLatin1(issued->secret));
        printJson(object);
    } else {
        // The secret alone on stdout (TOKEN=$(pulso token create ...)); the explanation on stderr.
        std::fprintf(stderr,
            "Token %lld \"%s\" (%s) created. This is the only time it is shown; store it now:\n",
            static_cast<long long>(issued->token.id), qPrintable(issued->token.name),
            qPrintable(roleName(*role)));
        std::printf("%s\n", issued->secret.constData());
    }
    return 0;
}

int list(TokenService &tokens, bool json)
{
    Result<QList<ApiToken>> all = tokens.list();
    if (!all)
        return fail(all.error().message);
    if (json) {
        QJsonArray array;
        for (const ApiToken &token : *all)
            array.append(token.toJson());
        printJson(array);
        return 0;
    }
    if (all->isEmpty()) {
        std::fputs("No tokens. Create one with: pulso token create --name NAME --role reader\n", stdout);
        return 0;
    }
    std::printf("%-5s %-24s %-7s %-25s %-25s %s\n", "ID", "NAME", "ROLE", "CREATED", "LAST USED", "STATUS");
    for (const ApiToken &token : *all) {
        const QString status = token.isRevoked() ? u"revoked %1"_s.arg(when(token.revokedAt)) : u"active"_s;
        std::printf("%-5lld %-24s %-7s %-25s %-25s %s\n", static_cast<long long>(token.id),
            qPrintable(token.name.left(24)), qPrintable(roleName(token.role)),
            qPrintable(isotime::format(token.createdAt)), qPrintable(when(token.lastUsedAt)),
            qPrintable(status));
    }
    return 0;
}

int revoke(TokenService &tokens, const QString &idText)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return fail(u"'%1' is not a token id (see pulso token list)"_s.arg(idText), 2);
    Result<ApiToken> before = tokens.get(id);
    if (!before)
        return fail(before.error().message);
    Result<ApiToken> revoked = tokens.revoke(id);
    if (!revoked)
        return fail(revoked.error().message);
    if (before->isRevoked()) {
        std::printf("Token %lld \"%s\" was already revoked (%s).\n", static_cast<long long>(id),
            qPrintable(revoked->name), qPrintable(when(revoked->revokedAt)));
    } else {
        std::printf("Token %lld \"%s\" revoked; a running server closes its connections within a second.\n",
            static_cast<long long>(id), qPrintable(revoked->name));
    }
    return 0;
}

} // namespace

int runTokenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Manage Pulso API tokens."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption database(
        u"database"_s, u"SQLite database file (default %1)."_s.arg(defaultDatabasePath()), u"file"_s);
    const QCommandLineOption name(u"name"_s, u"Token name (create)."_s, u"name"_s);
    const QCommandLineOption role(u"role"_s, u"reader, writer or admin (create)."_s, u"role"_s);
    const QCommandLineOption json(u"json"_s, u"Print JSON."_s);
    parser.addOptions({help, database, name, role, json});
    // arguments: pulso token <action> ...
    QStringList args = arguments;
    if (args.size() >= 2)
        args.removeAt(1);
    if (!parser.parse(args))
        return fail(parser.errorText() + u"\n"_s + QString::fromLatin1(Usage), 2);
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(help) || positional.isEmpty()) {
        std::fputs(Usage, parser.isSet(help) ? stdout : stderr);
        return parser.isSet(help) ? 0 : 2;
    }
    const QString action = positional.first();
    const QString path = parser.isSet(database) ? parser.value(database) : defaultDatabasePath();

    if (action == u"create") {
        if (positional.size() != 1 || !parser.isSet(name) || !parser.isSet(role))
            return fail(u"create needs --name and --role\n"_s + QString::fromLatin1(Usage), 2);
    } else if (action == u"list") {
        if (positional.size() != 1)
            return fail(u"list takes no arguments"_s, 2);
    } else if (action == u"revoke") {
        if (positional.size() != 2)
            return fail(u"revoke needs one token id\n"_s + QString::fromLatin1(Usage), 2);
    } else {
        return fail(u"unknown action '%1'\n"_s.arg(action) + QString::fromLatin1(Usage), 2);
    }
    // Listing or revoking in a database that does not exist is a typo, not a reason to create one.
    if (action != u"create" && path != u":memory:" && !QFileInfo::exists(path))
        return fail(u"no database at %1 (use --database)"_s.arg(path));

    Database db(u"pulso-token-command"_s);
    if (Status s = db.open(path); !s)
        return fail(u"cannot open %1: %2"_s.arg(path, s.error().message));
    int code = 0;
    {
        TokenService tokens(db);
        if (action == u"create")
            code = create(tokens, parser.value(name), parser.value(role), parser.isSet(json));
        else if (action == u"list")
            code = list(tokens, parser.isSet(json));
        else
            code = revoke(tokens, positional.at(1));
        tokens.reset();
    }
    db.close();
    return code;
}

} // namespace pulso
