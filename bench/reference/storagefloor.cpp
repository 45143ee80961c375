// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later

// pulso-storagefloor: how many readings per second Pulso's storage layer alone can write on this machine,
// the floor under POST /api/v1/readings/batch (issue 3). It opens a database through pulso::Database (the
// server's pragmas and migrations, background checkpoints as the server starts them), makes one sensor, and
// writes batches exactly as ReadingService::createBatch does, with nothing else: BEGIN, the readings through
// MultiRowInsert (64 rows per statement, explicit ids), one outbox row per reading with a payload of the size
// of a reading's event (when --events), COMMIT. No HTTP, no JSON, no event objects, no fan-out.
//
//   taskset -c 0 pulso-storagefloor [--readings 200000] [--batch 100] [--payload-bytes 330] [--runs 3]
//
// Each run uses a fresh database and prints readings per second (wall clock) and per CPU second, first with
// the outbox rows and then without (what the readings table alone costs).

#include "storage/database.h"
#include "storage/sqlitestatement.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

namespace {

struct Options
{
    int readings = 200000;
    int batch = 100;
    int payloadBytes = 330;
};

double cpuSeconds()
{
    timespec ts {};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

/// One run on a fresh database; false with a message on stderr when the storage fails.
bool run(const Options &o, bool events, int index)
{
    QTemporaryDir dir;
    pulso::Database db(u"floor-%1-%2"_s.arg(index).arg(events));
    if (pulso::Status s = db.open(dir.filePath(u"floor.db"_s)); !s) {
        std::fprintf(stderr, "open: %s\n", qPrintable(s.error().message));
        return false;
    }
    db.startBackgroundCheckpoints();
    if (pulso::Status s = db.exec(u"INSERT INTO sensors (id, tipo, modelo, created_at, updated_at) "
                                  "VALUES (1, 'temperatura', 'DHT22', 0, 0)"_s);
        !s) {
        std::fprintf(stderr, "sensor: %s\n", qPrintable(s.error().message));
        return false;
    }
    pulso::MultiRowInsert readings(db, u"INSERT INTO readings (id, sensor_id, valor, ts, created_at)"_s, 5);
    pulso::MultiRowInsert outbox(db, u"INSERT INTO events (seq, channel, created_at, payload)"_s, 4);
    const QByteArray channel = "readings";
    const QByteArray createdAt = "2026-11-28T06:00:00.000Z";
    const QByteArray payload(qMax(1, o.payloadBytes), 'x');

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 nextId = 1;
    const double cpuStart = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int done = 0; done < o.readings; done += o.batch) {
        const int count = qMin(o.batch, o.readings - done);
        const qint64 first = nextId;
        pulso::Status s = db.begin();
        if (s) {
            s = readings.run(
                count,
                [&](pulso::SqliteStatement &st, int at, qsizetype row) {
                    st.bind(at, first + row);
                    st.bind(at + 1, qint64(1));
                    st.bind(at + 2, 21.5 + double(row % 10));
                    st.bind(at + 3, now + first + row);
                    st.bind(at + 4, now);
                },
                u"insert readings"_s);
        }
        if (s && events) {
            s = outbox.run(
                count,
                [&](pulso::SqliteStatement &st, int at, qsizetype row) {
                    st.bind(at, first + row);
                    st.bindText(at + 1, channel);
                    st.bindText(at + 2, createdAt);
                    st.bindText(at + 3, payload);
                },
                u"insert events"_s);
        }
        if (s)
            s = db.commit();
        if (!s) {
            std::fprintf(stderr, "batch: %s\n", qPrintable(s.error().message));
            db.rollback();
            return false;
        }
        nextId += count;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuStart;
    std::printf("  %-26s %9.0f readings/s  (%.2f s; CPU %.2f s, all threads: %.2f us per reading)\n",
        events ? "readings + outbox rows:" : "readings only:", double(o.readings) / seconds, seconds, cpu,
        cpu * 1e6 / double(o.readings));
    db.close();
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Pulso's storage layer alone: readings written per second."_s);
    parser.addHelpOption();
    const QCommandLineOption readings {u"readings"_s, u"Readings per run (default 200000)."_s, u"n"_s};
    const QCommandLineOption batch {u"batch"_s, u"Readings per transaction (default 100)."_s, u"n"_s};
    const QCommandLineOption payload {u"payload-bytes"_s,
        u"Bytes of each outbox row's payload (default 330, a reading's event)."_s, u"n"_s};
    const QCommandLineOption runs {u"runs"_s, u"Runs of each kind, alternating (default 3)."_s, u"n"_s};
    parser.addOptions({readings, batch, payload, runs});
    parser.process(app);

    Options o;
    if (parser.isSet(readings))
        o.readings = qMax(1, parser.value(readings).toInt());
    if (parser.isSet(batch))
        o.batch = qMax(1, parser.value(batch).toInt());
    if (parser.isSet(payload))
        o.payloadBytes = qMax(1, parser.value(payload).toInt());
    const int count = parser.isSet(runs) ? qMax(1, parser.value(runs).toInt()) : 3;

    std::printf("storagefloor: %d readings per run, %d per transaction, outbox payload %d bytes\n",
        o.readings, o.batch, o.payloadBytes);
    for (int i = 0; i < count; ++i) {
        std::printf("run %d\n", i + 1);
        if (!run(o, true, i) || !run(o, false, i))
            return 1;
    }
    return 0;
}
