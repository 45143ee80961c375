// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httpresponse.h"

#include <QHash>
#include <QString>

namespace pulso {

class Router;

/// The web client: GET / and /client serve its page, GET /static/{file} its assets, all compiled in as
/// resources and answered from memory. Only files that exist in the resource are served: a name is looked up
/// in a table, never joined to a path, so "..", encoded slashes and the like cannot reach anything else.
class StaticController final
{
public:
    StaticController();
    void registerRoutes(Router &router);

    /// The response for one asset name ("index.html", "app.js"), 404 if there is no such asset.
    HttpResponse asset(const QString &name) const;
    /// Names of the compiled-in assets (index.html and everything under static/).
    QStringList assetNames() const { return m_assets.keys(); }

    static QByteArray contentTypeFor(const QString &name);

private:
    struct Asset
    {
        QByteArray body;
        QByteArray contentType;
    };

    QHash<QString, Asset> m_assets;
};

} // namespace pulso
