// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <sched.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace pulso::bench {

qint64 nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

LatencyRecorder::Summary LatencyRecorder::summarize()
{
    Summary s;
    s.count = m_samples.size();
    if (m_samples.empty())
        return s;
    std::sort(m_samples.begin(), m_samples.end());
    const auto at = [this](double p) {
        const auto rank = std::size_t(std::ceil(p * double(m_samples.size())));
        return double(m_samples[std::clamp<std::size_t>(rank, 1, m_samples.size()) - 1]) / 1e6;
    };
    s.p50Ms = at(0.50);
    s.p90Ms = at(0.90);
    s.p95Ms = at(0.95);
    s.p99Ms = at(0.99);
    s.maxMs = double(m_samples.back()) / 1e6;
    long double sum = 0;
    for (qint64 v : m_samples)
        sum += v;
    s.meanMs = double(sum / m_samples.size()) / 1e6;
    return s;
}

namespace {
double selfCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

QByteArray readProcFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0: readAll reads until EOF
}
} // namespace

void CpuMeter::start()
{
    m_cpu0 = selfCpuSeconds();
    m_wall0 = nowNs();
}

double CpuMeter::cpuSeconds() const
{
    return selfCpuSeconds() - m_cpu0;
}

double CpuMeter::wallSeconds() const
{
    return double(nowNs() - m_wall0) / 1e9;
}

double CpuMeter::percent() const
{
    const double wall = wallSeconds();
    return wall > 0 ? 100.0 * cpuSeconds() / wall : 0;
}

double ProcessProbe::cpuSeconds() const
{
    // Nanoseconds on CPU from each thread's schedstat (precise), else clock ticks from stat (10 ms).
    const QDir tasks(u"/proc/%1/task"_s.arg(m_pid));
    const QStringList threads = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    qint64 ns = 0;
    bool precise = !threads.isEmpty();
    for (const QString &tid : threads) {
        const QByteArray schedstat = readProcFile(tasks.filePath(tid + u"/schedstat"_s));
        bool ok = false;
        ns += schedstat.left(schedstat.indexOf(' ')).toLongLong(&ok);
        precise = precise && ok;
    }
    if (precise)
        return double(ns) / 1e9;

    const QByteArray stat = readProcFile(u"/proc/%1/stat"_s.arg(m_pid));
    // The command name may contain spaces: fields are counted after the closing parenthesis.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After ")": state is field 3, utime field 14, stime field 15 (1-based in proc(5)).
    if (fields.size() < 13)
        return -1;
    const double ticks = double(fields.at(11).toLongLong() + fields.at(12).toLongLong());
    return ticks / double(sysconf(_SC_CLK_TCK));
}

double ProcessProbe::runQueueWaitSeconds() const
{
    // The second field of each thread's schedstat: nanoseconds spent runnable but waiting for a CPU.
    const QDir tasks(u"/proc/%1/task"_s.arg(m_pid));
    const QStringList threads = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (threads.isEmpty())
        return -1;
    qint64 ns = 0;
    for (const QString &tid : threads) {
        const QList<QByteArray> fields = readProcFile(tasks.filePath(tid + u"/schedstat"_s)).split(' ');
        if (fields.size() < 2)
            return -1;
        ns += fields.at(1).toLongLong();
    }
    return double(ns) / 1e9;
}

qint64 ProcessProbe::rssKb() const
{
    const QByteArray status = readProcFile(u"/proc/%1/status"_s.arg(m_pid));
    const qsizetype at = status.indexOf("VmRSS:");
    if (at < 0)
        return -1;
    const qsizetype end = status.indexOf('\n', at);
    const QByteArray value = status.mid(at + 6, end - at - 6).trimmed();
    return value.split(' ').value(0).toLongLong();
}

qint64 ProcessProbe::openFileLimit() const
{
    const QByteArray limits = readProcFile(u"/proc/%1/limits"_s.arg(m_pid));
    const qsizetype at = limits.indexOf("Max open files");
    if (at < 0)
        return -1;
    const QByteArray line = limits.mid(at + 14, limits.indexOf('\n', at) - at - 14).simplified();
    bool ok = false;
    const qint64 soft = line.split(' ').value(0).toLongLong(&ok);
    return ok ? soft : -1;
}

qint64 ProcessProbe::openFiles() const
{
    return QDir(u"/proc/%1/fd"_s.arg(m_pid))
        .entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)
        .size();
}

qint64 ProcessProbe::pidListeningOn(quint16 port)
{
    QList<QByteArray> inodes;
    for (const QString &table : {u"/proc/net/tcp"_s, u"/proc/net/tcp6"_s}) {
        const QList<QByteArray> lines = readProcFile(table).split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines.at(i).simplified().split(' ');
            // sl local_address rem_address st ... inode (field 9)
            if (f.size() < 10 || f.at(3) != "0A")
                continue;
            const QByteArray local = f.at(1);
            bool ok = false;
            if (local.mid(local.lastIndexOf(':') + 1).toUInt(&ok, 16) == port && ok)
                inodes.append("socket:[" + f.at(9) + ']');
        }
    }
    if (inodes.isEmpty())
        return 0;
    const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool ok = false;
        const qint64 value = pid.toLongLong(&ok);
        if (!ok)
            continue;
        const QDir fdDir(u"/proc/%1/fd"_s.arg(pid));
        const QStringList fds = fdDir.entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot);
        for (const QString &fd : fds) {
            const QString target = QFileInfo(fdDir.filePath(fd)).symLinkTarget();
            // symLinkTarget makes the target absolute: compare the file name part.
            const QByteArray name = QFileInfo(target).fileName().toLatin1();
            if (inodes.contains(name))
                return value;
        }
    }
    return 0;
}

qint64 raiseOpenFileLimit(qint64 wanted)
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (rlim_t(wanted) > limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_max = rlim_t(wanted);
        raised.rlim_cur = rlim_t(wanted);
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            return wanted;
    }
    limit.rlim_cur = std::max(limit.rlim_cur, std::min(limit.rlim_max, rlim_t(wanted)));
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return qint64(limit.rlim_cur);
}

bool pinToCpu(int cpu, QString *error)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof(set), &set) != 0) {
        if (error)
            *error = u"cannot pin to CPU %1: %2"_s.arg(cpu).arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    return true;
}

double machineBusySeconds()
{
    const QByteArray stat = readProcFile(u"/proc/stat"_s);
    const QList<QByteArray> f = stat.left(stat.indexOf('\n')).simplified().split(' ');
    // cpu user nice system idle iowait irq softirq steal ...
    if (f.size() < 9)
        return -1;
    double busy = 0;
    for (int i = 1; i <= 8; ++i) {
        if (i != 4 && i != 5)
            busy += f.at(i).toDouble();
    }
    return busy / double(sysconf(_SC_CLK_TCK));
}

double loadAverage1()
{
    return readProcFile(u"/proc/loadavg"_s).split(' ').value(0).toDouble();
}

QString machineDescription()
{
    QString model;
    const QList<QByteArray> lines = readProcFile(u"/proc/cpuinfo"_s).split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("model name")) {
            model = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
            break;
        }
    }
    const QByteArray load = readProcFile(u"/proc/loadavg"_s).trimmed();
    return u"%1 CPUs (%2), kernel %3, Qt %4 (built against %5), load average %6"_s.arg(
        QString::number(sysconf(_SC_NPROCESSORS_ONLN)), model, QSysInfo::kernelVersion(),
        QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
        QString::fromLatin1(load.split(' ').mid(0, 3).join(' ')));
}

} // namespace pulso::bench
