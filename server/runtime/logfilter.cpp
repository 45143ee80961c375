// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/logfilter.h"

#include <QString>
#include <QtGlobal>

namespace pulso {

namespace {
QtMessageHandler previousHandler = nullptr;

void filterMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg
        && (message.startsWith(
                QLatin1String("QTcpServer::nextPendingConnection() called while not listening"))
            || (message.startsWith(QLatin1String("The TCP server QTcpServer("))
                && message.endsWith(QLatin1String("is not listening.")))))
        return;
    if (previousHandler)
        previousHandler(type, context, message);
}
} // namespace

void installQtNoiseFilter()
{
    if (!previousHandler)
        previousHandler = qInstallMessageHandler(filterMessage);
}

void applyRuntimeDefaults()
{
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
}

} // namespace pulso
