// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverprocess.h"

#include "waituntil.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

#include <sched.h>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace pulso::bench {

ServerProcess::ServerProcess(QObject *parent) : QObject(parent) { }

ServerProcess::~ServerProcess()
{
    stop(2000);
}

qint64 ServerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QString ServerProcess::logPath() const
{
    return m_logPath;
}

QString ServerProcess::databasePath() const
{
    return m_dir.filePath(u"bench.db"_s);
}

bool ServerProcess::start(const Options &options, QString *error)
{
    if (!m_dir.isValid()) {
        *error = u"cannot create a temporary directory"_s;
        return false;
    }
    m_logPath = options.logPath.isEmpty() ? m_dir.filePath(u"pulso.log"_s) : options.logPath;
    m_process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : options.removeEnvironment)
        environment.remove(name);
    for (const QString &entry : options.environment) {
        const qsizetype eq = entry.indexOf(u'=');
        if (eq > 0)
            environment.insert(entry.left(eq), entry.mid(eq + 1));
    }
    m_process->setProcessEnvironment(environment);
    m_process->setStandardErrorFile(logPath());
    const int cpu = options.cpu;
    m_process->setChildProcessModifier([cpu] {
        // Runs in the child between fork and exec: die with the bench, sit on the chosen core.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (cpu >= 0) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(cpu, &set);
            ::sched_setaffinity(0, sizeof(set), &set);
        }
    });
    const QStringList arguments = QStringList {u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s,
                                      u"127.0.0.1"_s, u"--database"_s, databasePath()}
        + options.extraArguments;
    m_commandLine = (cpu >= 0 ? u"taskset -c %1 "_s.arg(cpu) : QString()) + options.binary + u' '
        + arguments.join(u' ');
    m_process->start(options.binary, arguments);
    if (!m_process->waitForStarted(10000)) {
        *error = u"cannot start %1: %2"_s.arg(options.binary, m_process->errorString());
        return false;
    }
    QByteArray output;
    static const QRegularExpression listening(u"listening on http://[^ ]*:(\\d+)"_s);
    QRegularExpressionMatch match;
    const bool up = waitUntil(
        [&] {
            output += m_process->readAllStandardOutput();
            match = listening.match(QString::fromUtf8(output));
            return match.hasMatch() || m_process->state() == QProcess::NotRunning;
        },
        15000);
    if (!up || !match.hasMatch()) {
        QFile log(logPath());
        log.open(QIODevice::ReadOnly);
        *error = u"the server did not report a port (%1); output: %2 %3"_s.arg(
            up ? u"it exited"_s : u"timeout"_s, QString::fromUtf8(output.left(500)),
            QString::fromUtf8(log.read(1000)));
        stop(1000);
        return false;
    }
    m_port = quint16(match.captured(1).toUInt());
    return true;
}

int ServerProcess::stop(int graceMs)
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? m_process->exitCode() : 0;
    m_process->terminate();
    if (m_process->waitForFinished(graceMs))
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    m_process->kill();
    m_process->waitForFinished(2000);
    return -1;
}

} // namespace pulso::bench
