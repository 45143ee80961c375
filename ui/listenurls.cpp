// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/listenurls.h"

#include <QNetworkInterface>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

ListenUrl makeUrl(const QString &interfaceName, const QHostAddress &address, quint16 port)
{
    ListenUrl url;
    url.interfaceName = interfaceName;
    url.loopback = address.isLoopback();
    QHostAddress plain = address;
    plain.setScopeId({});
    url.http.setScheme(u"http"_s);
    url.http.setHost(plain.toString());
    url.http.setPort(port);
    url.webSocket = url.http;
    url.webSocket.setScheme(u"ws"_s);
    url.webSocket.setPath(u"/api/v1/ws"_s);
    return url;
}

} // namespace

QList<ListenUrl> listenUrls(const QHostAddress &bind, quint16 port)
{
    const bool anyV4 = bind == QHostAddress(QHostAddress::AnyIPv4) || bind == QHostAddress(QHostAddress::Any);
    const bool anyV6 = bind == QHostAddress(QHostAddress::AnyIPv6) || bind == QHostAddress(QHostAddress::Any);
    if (!anyV4 && !anyV6) {
        QString name;
        for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
            for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
                if (entry.ip().isEqual(bind))
                    name = iface.humanReadableName();
            }
        }
        return {makeUrl(name, bind, port)};
    }
    QList<ListenUrl> lan;
    QList<ListenUrl> loopback;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        const auto flags = iface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || !flags.testFlag(QNetworkInterface::IsRunning))
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            const bool v4 = ip.protocol() == QAbstractSocket::IPv4Protocol;
            if ((v4 && !anyV4) || (!v4 && !anyV6))
                continue;
            // Link-local IPv6 needs a scope id no browser URL carries; leave it out.
            if (!v4 && ip.isLinkLocal())
                continue;
            (ip.isLoopback() ? loopback : lan).append(makeUrl(iface.humanReadableName(), ip, port));
        }
    }
    if (loopback.isEmpty() && anyV4)
        loopback.append(makeUrl(u"lo"_s, QHostAddress(QHostAddress::LocalHost), port));
    return lan + loopback;
}

} // namespace pulso
