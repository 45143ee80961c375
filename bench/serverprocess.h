// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>
#include <QTemporaryDir>

class QProcess;

namespace pulso::bench {

/// A `pulso --headless` started for a run: a free port on 127.0.0.1, a temporary database, optionally
/// pinned to one CPU, its stderr (the server's log) in a file. Stopped with SIGTERM.
class ServerProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerProcess)

public:
    struct Options
    {
        QString binary;
        QStringList extraArguments;
        QStringList environment; ///< VAR=VALUE entries added to the server's environment
        QStringList
            removeEnvironment; ///< variables the bench set for itself that the server must not inherit
        int cpu = -1; ///< pin to this CPU (sched_setaffinity in the child); -1: no pinning
        QString logPath; ///< where the server's stderr goes; empty: a file in the temporary directory
    };

    explicit ServerProcess(QObject *parent = nullptr);
    ~ServerProcess() override;

    /// Starts the server and waits for its "listening on" line; false with `error` set on failure.
    bool start(const Options &options, QString *error);
    /// SIGTERM, then SIGKILL after `graceMs`; returns the exit code (-1 when it had to be killed).
    int stop(int graceMs = 5000);

    quint16 port() const { return m_port; }
    qint64 pid() const;
    QString logPath() const;
    QString databasePath() const;
    QString commandLine() const { return m_commandLine; }

private:
    QTemporaryDir m_dir;
    QProcess *m_process = nullptr;
    quint16 m_port = 0;
    QString m_commandLine;
    QString m_logPath;
};

} // namespace pulso::bench
