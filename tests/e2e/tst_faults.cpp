// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Faults: kill -9 in the middle of an ingest loses nothing acknowledged; a locked, read-only or full database
// answers 503 with a JSON error, the server stays up, and it recovers by itself when the fault clears.
#include "testclients.h"
#include "testserver.h"

#include <QFile>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

quint16 startPulso(QProcess &process, const QStringList &arguments)
{
    process.start(qEnvironmentVariable("PULSO_BINARY"), arguments);
    if (!process.waitForStarted(5000))
        return 0;
    QByteArray out;
    QDeadlineTimer deadline(10000);
    static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
    while (!deadline.hasExpired() && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch())
            return match.captured(1).toUShort();
    }
    return 0;
}

/// A size-limited tmpfs on a temporary directory, for the duration of a test (root only: CAP_SYS_ADMIN).
/// Unmounted (lazily, so an open database cannot keep it) when it goes out of scope.
class SmallFilesystem final
{
public:
    explicit SmallFilesystem(int megabytes)
    {
        const QByteArray options = "size=" + QByteArray::number(megabytes) + "m,mode=0700";
        if (::mount("pulso-faults", QFile::encodeName(m_dir.path()).constData(), "tmpfs",
                MS_NOSUID | MS_NODEV, options.constData())
            == 0) {
            m_mounted = true;
        } else {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
        }
    }
    ~SmallFilesystem()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
    }
    Q_DISABLE_COPY_MOVE(SmallFilesystem)

    bool isMounted() const { return m_mounted; }
    QString error() const { return m_error; }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_error;
};

/// Sets or clears the immutable attribute (chattr +i), which stops writes even through descriptors opened
/// before (root: CAP_LINUX_IMMUTABLE). Empty on success, else the reason.
QString setImmutable(const QString &path, bool on)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return path + u": "_s + QString::fromLocal8Bit(std::strerror(errno));
    int flags = 0;
    QString error;
    if (::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        if (::ioctl(fd, FS_IOC_SETFLAGS, &flags) != 0)
            error = path + u": FS_IOC_SETFLAGS: "_s + QString::fromLocal8Bit(std::strerror(errno));
    } else {
        error = path + u": FS_IOC_GETFLAGS: "_s + QString::fromLocal8Bit(std::strerror(errno));
    }
    ::close(fd);
    return error;
}

/// Empty when the immutable attribute stops writes through a descriptor opened before it was set on the
/// filesystem of `path` (ext4 and xfs do; tmpfs does not), else why the read-only test cannot run here.
QString immutableStopsOpenWriters(const QString &path)
{
    const int fd
        = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return path + u": "_s + QString::fromLocal8Bit(std::strerror(errno));
    QString reason = setImmutable(path, true);
    if (reason.isEmpty()) {
        if (::pwrite(fd, "x", 1, 0) == 1)
            reason = u"the filesystem of %1 lets a descriptor opened before chattr +i write on"_s.arg(path);
        setImmutable(path, false);
    } else {
        reason = u"chattr +i is not supported here: "_s + reason;
    }
    ::close(fd);
    QFile::remove(path);
    return reason;
}

/// Writes zeros to `path` until the filesystem is full; the bytes written.
qint64 fillFilesystem(const QString &path)
{
    const int fd
        = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    const QByteArray zeros(64 * 1024, '\0');
    qint64 total = 0;
    for (;;) {
        const ssize_t written = ::write(fd, zeros.constData(), size_t(zeros.size()));
        if (written <= 0)
            break;
        total += written;
    }
    ::close(fd);
    return total;
}

/// The seqs of the messages, in order; false when one has none.
QList<qint64> seqsOf(const QList<QJsonObject> &messages)
{
    QList<qint64> seqs;
    for (const QJsonObject &m : messages)
        seqs.append(m.value(u"seq"_s).toInteger(-1));
    return seqs;
}

bool contiguous(const QList<qint64> &seqs)
{
    for (qsizetype i = 1; i < seqs.size(); ++i) {
        if (seqs.at(i) != seqs.at(i - 1) + 1)
            return false;
    }
    return true;
}

QByteArray batchBody(int size, int round)
{
    QJsonArray array;
    for (int i = 0; i < size; ++i)
        array.append(QJsonObject {{u"sensor_id"_s, 1}, {u"valor"_s, round * 1000 + i}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killDuringBatchIngestLosesNothingAcknowledged();
    void lockedDatabaseAnswers503AndRecovers();
    void readOnlyDatabaseAnswers503AndRecovers();
    void fullDiskAnswers503AndRecovers();
};

void tst_Faults::killDuringBatchIngestLosesNothingAcknowledged()
{
    QTemporaryDir dir;
    const QStringList arguments {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
        u"--database"_s, dir.filePath(u"crash.db"_s)};
    QProcess pulso;
    quint16 port = startPulso(pulso, arguments);
    QVERIFY(port != 0);
    HttpClient http;
    QCOMPARE(http.postJson(QUrl(u"http://127.0.0.1:%1/api/v1/sensors"_s.arg(port)),
                     {{u"tipo"_s, u"temperatura"_s}, {u"modelo"_s, u"DHT22"_s}})
                 .status,
        201);

    // Keep four batches in flight; kill -9 once 30 were acknowledged, with others half-way.
    constexpr int BatchSize = 500;
    QNetworkAccessManager nam;
    qint64 acknowledged = 0;
    int acknowledgedBatches = 0;
    int round = 0;
    bool killed = false;
    std::function<void()> sendOne = [&] {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/readings/batch"_s.arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = nam.post(request, batchBody(BatchSize, round++));
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201) {
                acknowledged += QJsonDocument::fromJson(reply->readAll()).object()[u"count"_s].toInt();
                ++acknowledgedBatches;
            }
            if (killed)
                return;
            if (acknowledgedBatches >= 30) {
                killed = true;
                pulso.kill(); // SIGKILL: no shutdown, no flush
                return;
            }
            sendOne();
        });
    };
    for (int i = 0; i < 4; ++i)
        sendOne();
    QTRY_VERIFY_WITH_TIMEOUT(killed, 60000);
    if (pulso.state() != QProcess::NotRunning)
        QVERIFY(pulso.waitForFinished(10000));
    QCOMPARE(pulso.exitStatus(), QProcess::CrashExit);
    QTest::qWait(200); // let the other replies fail
    const qint64 acknowledgedAtKill = acknowledged;

    // Restart on the same file and count.
    port = startPulso(pulso, arguments);
    QVERIFY(port != 0);
    qint64 stored = 0;
    for (int offset = 0;; offset += 1000) {
        const HttpResult page = http.get(QUrl(
            u"http://127.0.0.1:%1/api/v1/readings?sensor_id=1&limit=1000&offset=%2"_s.arg(port).arg(offset)));
        QCOMPARE(page.status, 200);
        stored += page.object()[u"items"_s].toArray().size();
        if (!page.object()[u"has_more"_s].toBool())
            break;
    }
    QVERIFY2(stored >= acknowledgedAtKill,
        qPrintable(u"stored %1 < acknowledged %2"_s.arg(stored).arg(acknowledgedAtKill)));
    QCOMPARE(stored % BatchSize, 0); // all or nothing per batch
    // Every stored reading has its event in the history: a resume from 0 on readings replays them all.
    WsClient client;
    QVERIFY(client.open(QUrl(u"ws://127.0.0.1:%1/api/v1/ws?channel=readings&since=0"_s.arg(port))));
    QVERIFY(client.waitForMessages(int(stored) + 1, 30000));
    QCOMPARE(client.jsonMessages().constLast()[u"type"_s].toString(), u"resumed"_s);
    QCOMPARE(client.jsonMessages().constLast()[u"replayed"_s].toInteger(), stored);
    pulso.terminate();
    QVERIFY(pulso.waitForFinished(10000));
}

void tst_Faults::lockedDatabaseAnswers503AndRecovers()
{
    ServerConfig config;
    config.busyTimeoutMs = 200;
    TestServer server(config);
    QVERIFY(server.start());
    HttpClient http;
    QCOMPARE(http.postJson(
                     server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"humedad"_s}, {u"modelo"_s, u"x"_s}})
                 .status,
        201);
    WsClient client;
    QVERIFY(client.open(server.wsUrl(u"/api/v1/ws?channel=sensors"_s)));

    // Another process-like connection takes the write lock and keeps it.
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        other.setDatabaseName(server.databasePath());
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));

        const HttpResult refused = http.postJson(
            server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"presion"_s}, {u"modelo"_s, u"y"_s}});
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), u"storage_busy"_s);
        QCOMPARE(refused.header("retry-after"), QByteArray("1"));
        // Reads and the WebSocket side keep working meanwhile.
        QCOMPARE(http.get(server.httpUrl(u"/api/v1/sensors"_s)).status, 200);
        QCOMPARE(http.get(server.httpUrl(u"/api/v1/ws/stats"_s)).status, 200);

        QVERIFY(lock.exec(u"ROLLBACK"_s));
        other.close();
    }
    QSqlDatabase::removeDatabase(u"locker"_s);

    // The fault cleared: the next write works, and only it produced an event.
    const HttpResult accepted = http.postJson(
        server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"presion"_s}, {u"modelo"_s, u"z"_s}});
    QCOMPARE(accepted.status, 201);
    QVERIFY(client.waitForMessages(1));
    QCOMPARE(client.messages().size(), 1);
    QCOMPARE(client.message(0)[u"data"_s].toObject()[u"modelo"_s].toString(), u"z"_s);
    const QJsonArray sensors = http.get(server.httpUrl(u"/api/v1/sensors"_s)).object()[u"items"_s].toArray();
    QCOMPARE(sensors.size(), 2);
}

void tst_Faults::readOnlyDatabaseAnswers503AndRecovers()
{
    // The server holds the database open. Linux checks a file's mode only at open(2), so chmod'ing the file
    // or its folder changes nothing for it (as root nothing at all); what makes an open file unwritable is
    // the immutable attribute or a read-only filesystem, and both need root.
    if (::geteuid() != 0)
        QSKIP("needs root: nothing a non-root user can do makes an already open file read-only (chmod is "
              "checked "
              "only at open(2); chattr +i needs CAP_LINUX_IMMUTABLE)");
    QTemporaryDir dir;
    const QString probeError = immutableStopsOpenWriters(dir.filePath(u"probe"_s));
    if (!probeError.isEmpty())
        QSKIP(qPrintable(probeError));
    ServerConfig config;
    config.databasePath = dir.filePath(u"ro.db"_s);
    TestServer server(config);
    QVERIFY(server.start());
    HttpClient http;
    WsClient client;
    QVERIFY(client.open(server.wsUrl(u"/api/v1/ws?channel=sensors"_s)));
    QCOMPARE(http.postJson(
                     server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"humedad"_s}, {u"modelo"_s, u"x"_s}})
                 .status,
        201);
    QVERIFY(client.waitForMessages(1));

    // The database and its write-ahead log become read-only (the shared-memory index must stay writable: it
    // is mapped, and SQLite cannot survive a failing page write there; a read-only filesystem keeps it in
    // memory too).
    const QStringList files {config.databasePath, config.databasePath + u"-wal"_s};
    auto clear = qScopeGuard([&files] {
        for (const QString &file : files)
            setImmutable(file, false);
    });
    for (const QString &file : files)
        QCOMPARE(setImmutable(file, true), QString());
    for (int attempt = 0; attempt < 3; ++attempt) {
        const HttpResult refused = http.postJson(
            server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"presion"_s}, {u"modelo"_s, u"y"_s}});
        QCOMPARE(refused.status, 503);
        QVERIFY2(refused.errorCode().startsWith(u"storage_"_s), refused.body.constData());
        QVERIFY(!refused.object()[u"error"_s].toObject()[u"message"_s].toString().isEmpty());
        // A single reading goes through a commit group: the group's COMMIT fails, and so does its answer.
        const HttpResult reading
            = http.postJson(server.httpUrl(u"/api/v1/readings"_s), {{u"sensor_id"_s, 1}, {u"valor"_s, 1.5}});
        QCOMPARE(reading.status, 503);
        QVERIFY2(reading.errorCode().startsWith(u"storage_"_s), reading.body.constData());
    }
    // The server stays up: reads, the stats and the WebSocket side keep working.
    QCOMPARE(http.get(server.httpUrl(u"/api/v1/sensors"_s)).status, 200);
    QCOMPARE(http.get(server.httpUrl(u"/api/v1/ws/stats"_s)).status, 200);
    QVERIFY(client.isConnected());

    // The fault clears: the next write works without a restart, and only it produced an event, with the
    // next seq (the refused writes used none).
    clear.dismiss();
    for (const QString &file : files)
        QCOMPARE(setImmutable(file, false), QString());
    const HttpResult accepted = http.postJson(
        server.httpUrl(u"/api/v1/sensors"_s), {{u"tipo"_s, u"presion"_s}, {u"modelo"_s, u"z"_s}});
    QCOMPARE(accepted.status, 201);
    QVERIFY(client.waitForMessages(2));
    QTest::qWait(100);
    QCOMPARE(client.messages().size(), 2);
    QCOMPARE(client.message(1)[u"data"_s].toObject()[u"modelo"_s].toString(), u"z"_s);
    QVERIFY(contiguous(seqsOf(client.jsonMessages()))); // the refused readings gave their seqs back too
    QCOMPARE(http.get(server.httpUrl(u"/api/v1/sensors"_s)).object()[u"items"_s].toArray().size(), 2);
    QCOMPARE(
        http.postJson(server.httpUrl(u"/api/v1/readings"_s), {{u"sensor_id"_s, 1}, {u"valor"_s, 2.5}}).status,
        201);
    QCOMPARE(http.get(server.httpUrl(u"/api/v1/readings"_s)).object()[u"items"_s].toArray().size(), 1);
}

void tst_Faults::fullDiskAnswers503AndRecovers()
{
    if (::geteuid() != 0)
        QSKIP("needs root to mount a size-limited tmpfs (CAP_SYS_ADMIN)");
    SmallFilesystem fs(16);
    if (!fs.isMounted())
        QSKIP(qPrintable(u"cannot mount a tmpfs: "_s + fs.error()));
    ServerConfig config;
    config.databasePath = fs.filePath(u"full.db"_s);
    TestServer server(config);
    QVERIFY(server.start());
    HttpClient http;
    QCOMPARE(http.postJson(server.httpUrl(u"/api/v1/sensors"_s),
                     {{u"tipo"_s, u"temperatura"_s}, {u"modelo"_s, u"x"_s}})
                 .status,
        201);
    WsClient client;
    QVERIFY(client.open(server.wsUrl(u"/api/v1/ws?channel=readings"_s)));

    // Fill the filesystem, then write until the database needs a block it cannot get.
    const QString filler = fs.filePath(u"filler"_s);
    QVERIFY(fillFilesystem(filler) > 0);
    auto removeFiller = qScopeGuard([&filler] { QFile::remove(filler); });
    const QUrl batchUrl = server.httpUrl(u"/api/v1/readings/batch"_s);
    qint64 acknowledged = 0;
    HttpResult refused;
    for (int round = 0; round < 200 && refused.status == 0; ++round) {
        const HttpResult r = http.post(batchUrl, batchBody(1000, round));
        if (r.status == 201)
            acknowledged += r.object()[u"count"_s].toInt();
        else
            refused = r;
    }
    QCOMPARE(refused.status, 503);
    QVERIFY2(refused.errorCode().startsWith(u"storage_"_s), refused.body.constData());
    // The server stays up while the disk is full: reads, stats, and further writes are refused the same way.
    QCOMPARE(http.get(server.httpUrl(u"/api/v1/readings?limit=1"_s)).status, 200);
    QCOMPARE(http.get(server.httpUrl(u"/api/v1/ws/stats"_s)).status, 200);
    QCOMPARE(http.post(batchUrl, batchBody(1000, 1000)).status, 503);
    QVERIFY(client.isConnected());

    // Space comes back: writes work again without a restart.
    removeFiller.dismiss();
    QVERIFY(QFile::remove(filler));
    const HttpResult accepted = http.post(batchUrl, batchBody(10, 2000));
    QCOMPARE(accepted.status, 201);
    acknowledged += 10;
    // Every acknowledged reading, and nothing else, reached the subscriber, with no gap in seq.
    QVERIFY(client.waitForMessages(int(acknowledged), 30000));
    QTest::qWait(100);
    QCOMPARE(client.messages().size(), acknowledged);
    QVERIFY(contiguous(seqsOf(client.jsonMessages())));
    const HttpResult stored = http.get(server.httpUrl(u"/api/v1/readings?sensor_id=1&limit=1"_s));
    QCOMPARE(stored.status, 200);
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
