// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/serverconfig.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace pulso {

/// What the command line asked for.
struct CommandLine
{
    enum class Outcome { Run, Exit };
    Outcome outcome = Outcome::Run;
    int exitCode = 0;
    bool headless = false;
    ServerConfig config;
    /// --page: the console page shown at start (one of consolePageNames()); empty: the last one shown.
    QString page;
};

/// The names --page accepts, in the console's navigation order.
QStringList consolePageNames();

/// True when `--headless` is among the arguments (needed before the application object exists).
bool wantsHeadless(int argc, char **argv);

/// Parses the arguments of the running QCoreApplication; prints --help/--version/errors itself.
CommandLine parseCommandLine(const QStringList &arguments);

/// The default SQLite file: <AppDataLocation>/pulso.db.
QString defaultDatabasePath();

/// "4096", "64K", "4M", "1G" (binary units) as bytes; nullopt when malformed or absurdly large.
std::optional<qint64> parseByteSize(const QString &text);

} // namespace pulso
