// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// pulso-bench: a load generator that measures a Pulso server (or any server with the same API) through
// its public HTTP and WebSocket API only. Single-threaded; see docs/PERFORMANCE.md.
#include "connsscenario.h"
#include "fanoutscenario.h"
#include "httpscenario.h"
#include "machinenoise.h"
#include "metrics.h"
#include "rampscenario.h"
#include "serverprocess.h"
#include "soakscenario.h"
#include "standardsuite.h"
#include "target.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <optional>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace pulso::bench;

namespace {

struct Cli
{
    QCommandLineParser parser;
    QCommandLineOption host {
        u"host"_s, u"Server address (default 127.0.0.1)."_s, u"address"_s, u"127.0.0.1"_s};
    QCommandLineOption port {u"port"_s, u"Port of a running server."_s, u"port"_s};
    QCommandLineOption serverPid {u"server-pid"_s,
        u"Pid of the server, for its CPU and RSS (default: found from the port via /proc)."_s, u"pid"_s};
    QCommandLineOption spawn {u"spawn"_s,
        u"Start this pulso binary (--headless, free port, temporary database) for the run and stop it after."_s,
        u"binary"_s};
    QCommandLineOption serverCpu {
        u"server-cpu"_s, u"Pin the spawned server to this CPU (standard: 0; -1: no pinning)."_s, u"cpu"_s};
    QCommandLineOption cpu {
        u"cpu"_s, u"Pin the bench to this CPU (standard with --spawn: 1; -1: no pinning)."_s, u"cpu"_s};
    QCommandLineOption serverEnv {
        u"server-env"_s, u"VAR=VALUE for the spawned server's environment (repeatable)."_s, u"var=value"_s};
    QCommandLineOption serverLog {u"server-log"_s,
        u"Write the spawned server's stderr (its log) to this file (default: a temporary file, removed)."_s,
        u"file"_s};
    QCommandLineOption serverArg {
        u"server-arg"_s, u"Extra argument for the spawned server (repeatable)."_s, u"arg"_s};
    QCommandLineOption subscribers {u"subscribers"_s, u"fanout: subscribers (default 1000)."_s, u"n"_s};
    QCommandLineOption events {u"events"_s, u"fanout: events (default 1000, or rate x duration)."_s, u"n"_s};
    QCommandLineOption inflight {
        u"inflight"_s, u"fanout: trigger requests in flight when not rate-limited (default 4)."_s, u"k"_s};
    QCommandLineOption rate {u"rate"_s,
        u"fanout: fixed rate in events per second (default: as fast as acked)."_s, u"per-second"_s};
    QCommandLineOption duration {
        u"duration"_s, u"fanout with --rate: seconds (sets --events)."_s, u"seconds"_s};
    QCommandLineOption channel {
        u"channel"_s, u"Channel to subscribe and publish on (default general)."_s, u"name"_s};
    QCommandLineOption eventSize {
        u"event-size"_s, u"Approximate event size in bytes (default 300)."_s, u"bytes"_s};
    QCommandLineOption window {
        u"window"_s, u"WebSocket handshakes in flight while connecting (default 256)."_s, u"n"_s};
    QCommandLineOption steps {
        u"steps"_s, u"ramp: comma-separated subscriber counts (default 100,...,15000)."_s, u"list"_s};
    QCommandLineOption burst {
        u"burst"_s, u"ramp: broadcasts per step, fired together (default 5)."_s, u"n"_s};
    QCommandLineOption threshold {u"threshold-ms"_s, u"ramp: p95 latency limit (default 500)."_s, u"ms"_s};
    QCommandLineOption connections {u"connections"_s, u"conns: idle subscribers (default 10000)."_s, u"n"_s};
    QCommandLineOption httpConnections {
        u"http-connections"_s, u"http: keep-alive connections (default 16)."_s, u"n"_s};
    QCommandLineOption httpSeconds {u"http-seconds"_s, u"http: seconds per endpoint (default 5)."_s, u"s"_s};
    QCommandLineOption batchSize {u"batch-size"_s, u"http: readings per batch (default 100)."_s, u"n"_s};
    QCommandLineOption quick {u"quick"_s, u"standard: tiny sizes, a few seconds (the smoke test)."_s};
    QCommandLineOption stalled {u"stalled"_s,
        u"fanout: extra clients on the channel that connect, subscribe and never read (default 0)."_s,
        u"n"_s};
    QCommandLineOption sensors {
        u"sensors"_s, u"soak: sensors the readings are spread over (default 100)."_s, u"n"_s};
    QCommandLineOption follow {
        u"follow"_s, u"soak: sensors in each client's subscription filter (default 1)."_s, u"n"_s};
    QCommandLineOption sampleSeconds {
        u"sample-seconds"_s, u"soak: seconds between samples (default 10)."_s, u"s"_s};
    QCommandLineOption warmup {
        u"warmup"_s, u"soak: seconds of warm-up before the RSS reference sample (default 60)."_s, u"s"_s};
    QCommandLineOption batchMs {
        u"batch-ms"_s, u"soak: one batch of the readings due every this many ms (default 20)."_s, u"ms"_s};
    QCommandLineOption nofile {u"nofile"_s,
        u"Raise RLIMIT_NOFILE to this (inherited by a spawned server; default 65536)."_s, u"n"_s};

    Cli()
    {
        parser.setApplicationDescription(
            u"Pulso benchmark: measures a server through its public API.\n"
            "Scenarios: fanout, ramp, conns, http, soak (issue 6), noise (the "
            "machine's own CPU steadiness, no server), standard (a steadiness "
            "probe, then all of them but soak, and a table against the targets)."_s);
        parser.addHelpOption();
        parser.addPositionalArgument(
            u"scenario"_s, u"fanout | ramp | conns | http | soak | noise | standard"_s);
        parser.addOptions({host, port, serverPid, spawn, serverCpu, cpu, serverEnv, serverLog, serverArg,
            subscribers, events, inflight, rate, duration, channel, eventSize, window, steps, burst,
            threshold, connections, httpConnections, httpSeconds, batchSize, quick, stalled, sensors, follow,
            sampleSeconds, warmup, batchMs, nofile});
    }

    int integer(const QCommandLineOption &option, int fallback) const
    {
        return parser.isSet(option) ? parser.value(option).toInt() : fallback;
    }
    double real(const QCommandLineOption &option, double fallback) const
    {
        return parser.isSet(option) ? parser.value(option).toDouble() : fallback;
    }
};

void applyCommon(const Cli &cli, FanoutScenario::Options &o)
{
    o.subscribers = cli.integer(cli.subscribers, o.subscribers);
    o.inflight = qMax(1, cli.integer(cli.inflight, o.inflight));
    o.rate = cli.real(cli.rate, o.rate);
    if (cli.parser.isSet(cli.duration) && o.rate > 0)
        o.events = int(o.rate * cli.real(cli.duration, 10));
    o.events = cli.integer(cli.events, o.events);
    if (cli.parser.isSet(cli.channel))
        o.channel = cli.parser.value(cli.channel).toUtf8();
    o.eventBytes = cli.integer(cli.eventSize, o.eventBytes);
    o.window = cli.integer(cli.window, o.window);
    o.stalled = qMax(0, cli.integer(cli.stalled, o.stalled));
}

void applySoak(const Cli &cli, SoakScenario::Options &o)
{
    o.clients = qMax(1, cli.integer(cli.subscribers, o.clients));
    o.sensors = qMax(1, cli.integer(cli.sensors, o.sensors));
    o.follow = qMax(1, cli.integer(cli.follow, o.follow));
    o.rate = cli.real(cli.rate, o.rate);
    o.seconds = cli.real(cli.duration, o.seconds);
    o.sampleSeconds = qMax(1.0, cli.real(cli.sampleSeconds, o.sampleSeconds));
    o.warmupSeconds = cli.real(cli.warmup, o.warmupSeconds);
    o.batchMs = qMax(1, cli.integer(cli.batchMs, o.batchMs));
    o.httpConnections = qMax(1, cli.integer(cli.httpConnections, o.httpConnections));
    o.window = cli.integer(cli.window, o.window);
}

void applyRamp(const Cli &cli, RampScenario::Options &o)
{
    if (cli.parser.isSet(cli.steps)) {
        o.steps.clear();
        for (const QString &s : cli.parser.value(cli.steps).split(u','))
            o.steps.append(s.trimmed().toInt());
    }
    o.burst = qMax(1, cli.integer(cli.burst, o.burst));
    o.thresholdMs = cli.real(cli.threshold, o.thresholdMs);
    if (cli.parser.isSet(cli.channel))
        o.channel = cli.parser.value(cli.channel).toUtf8();
    o.eventBytes = cli.integer(cli.eventSize, o.eventBytes);
    o.window = cli.integer(cli.window, o.window);
}

void applyConns(const Cli &cli, ConnsScenario::Options &o)
{
    o.connections = cli.integer(cli.connections, o.connections);
    o.window = cli.integer(cli.window, o.window);
    if (cli.parser.isSet(cli.channel))
        o.channel = cli.parser.value(cli.channel).toUtf8();
}

void applyHttp(const Cli &cli, HttpScenario::Options &o)
{
    o.connections = qMax(1, cli.integer(cli.httpConnections, o.connections));
    o.seconds = cli.real(cli.httpSeconds, o.seconds);
    o.batchSize = qMax(1, cli.integer(cli.batchSize, o.batchSize));
}

} // namespace

int main(int argc, char *argv[])
{
    // The bench's own event loop: the plain poll() dispatcher is lighter than GLib's with thousands of
    // sockets. Remember whether the user had set it, so a spawned server gets the environment it would
    // have had without the bench.
    const bool userSetNoGlib = qEnvironmentVariableIsSet("QT_NO_GLIB");
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"pulso-bench"_s);
    Cli cli;
    cli.parser.process(app);
    const QStringList positional = cli.parser.positionalArguments();
    const QString scenario = positional.value(0);
    static const QStringList known {
        u"fanout"_s, u"ramp"_s, u"conns"_s, u"http"_s, u"soak"_s, u"noise"_s, u"standard"_s};
    if (positional.size() != 1 || !known.contains(scenario)) {
        std::fprintf(
            stderr, "pulso-bench: name one scenario: %s (see --help)\n", qPrintable(known.join(u", "_s)));
        return 2;
    }
    if (scenario == u"noise") {
        // The machine alone, no server: on the --cpu core (if given) for --duration seconds (default 10).
        if (cli.parser.isSet(cli.cpu) && cli.integer(cli.cpu, -1) >= 0) {
            QString error;
            if (!pinToCpu(cli.integer(cli.cpu, -1), &error))
                std::fprintf(stderr, "pulso-bench: %s (continuing unpinned)\n", qPrintable(error));
        }
        std::printf("machine: %s\n", qPrintable(machineDescription()));
        MachineNoise::Options o;
        o.seconds = cli.real(cli.duration, 10);
        MachineNoise::print(MachineNoise::run(o));
        return 0;
    }
    if (!cli.parser.isSet(cli.port) && !cli.parser.isSet(cli.spawn)) {
        std::fprintf(stderr, "pulso-bench: pass --port of a running server or --spawn path/to/pulso\n");
        return 2;
    }
    const bool standard = scenario == u"standard";
    const bool spawning = cli.parser.isSet(cli.spawn);

    const qint64 nofile = raiseOpenFileLimit(cli.integer(cli.nofile, 65536));
    const int toolCpu = cli.integer(cli.cpu, standard && spawning ? 1 : -1);
    if (toolCpu >= 0) {
        QString error;
        if (!pinToCpu(toolCpu, &error))
            std::fprintf(stderr, "pulso-bench: %s (continuing unpinned)\n", qPrintable(error));
    }

    Target target;
    target.address = QHostAddress(cli.parser.value(cli.host));
    std::optional<ServerProcess> server;
    if (spawning) {
        server.emplace();
        ServerProcess::Options so;
        so.binary = cli.parser.value(cli.spawn);
        so.extraArguments = cli.parser.values(cli.serverArg);
        so.environment = cli.parser.values(cli.serverEnv);
        if (!userSetNoGlib)
            so.removeEnvironment << u"QT_NO_GLIB"_s;
        so.cpu = cli.integer(cli.serverCpu, standard ? 0 : -1);
        so.logPath = cli.parser.value(cli.serverLog);
        QString error;
        if (!server->start(so, &error)) {
            std::fprintf(stderr, "pulso-bench: %s\n", qPrintable(error));
            return 3;
        }
        target.address = QHostAddress::LocalHost;
        target.port = server->port();
        target.server = ProcessProbe(server->pid());
        std::printf("server: %s\n        (pid %lld, port %u, log %s)\n", qPrintable(server->commandLine()),
            static_cast<long long>(server->pid()), target.port, qPrintable(server->logPath()));
        if (!so.environment.isEmpty())
            std::printf("        environment: %s\n", qPrintable(so.environment.join(u' ')));
    } else {
        target.port = quint16(cli.parser.value(cli.port).toUInt());
        const qint64 pid = cli.parser.isSet(cli.serverPid) ? cli.parser.value(cli.serverPid).toLongLong()
                                                           : ProcessProbe::pidListeningOn(target.port);
        target.server = ProcessProbe(pid);
        std::printf("server: %s:%u, pid %s\n", qPrintable(target.address.toString()), target.port,
            pid > 0 ? qPrintable(QString::number(pid)) : "unknown (server CPU and RSS not measured)");
    }
    std::printf("machine: %s\n", qPrintable(machineDescription()));
    std::printf("bench: pid %lld, nice %d, %s, open-file limit %lld; server open-file limit %lld\n",
        static_cast<long long>(QCoreApplication::applicationPid()), ::getpriority(PRIO_PROCESS, 0),
        toolCpu >= 0 ? qPrintable(u"pinned to CPU %1"_s.arg(toolCpu)) : "not pinned",
        static_cast<long long>(nofile),
        static_cast<long long>(target.server.isValid() ? target.server.openFileLimit() : -1));
    std::fflush(stdout);

    CpuMeter total;
    total.start();
    int code = 0;
    if (scenario == u"fanout") {
        FanoutScenario::Options o;
        applyCommon(cli, o);
        const FanoutScenario::Result r = FanoutScenario::run(target, o);
        FanoutScenario::print(r);
        code = r.ok ? 0 : 1;
    } else if (scenario == u"ramp") {
        RampScenario::Options o;
        applyRamp(cli, o);
        const RampScenario::Result r = RampScenario::run(target, o);
        RampScenario::print(r);
        code = r.ok ? 0 : 1;
    } else if (scenario == u"conns") {
        ConnsScenario::Options o;
        applyConns(cli, o);
        const ConnsScenario::Result r = ConnsScenario::run(target, o);
        ConnsScenario::print(r);
        code = r.ok ? 0 : 1;
    } else if (scenario == u"soak") {
        SoakScenario::Options o;
        applySoak(cli, o);
        const SoakScenario::Result r = SoakScenario::run(target, o);
        SoakScenario::print(r);
        code = r.ok ? 0 : 1;
    } else if (scenario == u"http") {
        HttpScenario::Options o;
        applyHttp(cli, o);
        const HttpScenario::Result r = HttpScenario::run(target, o);
        HttpScenario::print(r);
        code = r.ok ? 0 : 1;
    } else {
        StandardSuite::Options o = StandardSuite::Options::defaults(cli.parser.isSet(cli.quick));
        applyConns(cli, o.conns);
        applyCommon(cli, o.throughput);
        applyRamp(cli, o.ramp);
        applyHttp(cli, o.http);
        if (cli.parser.isSet(cli.subscribers))
            o.latency.subscribers = o.throughput.subscribers;
        code = StandardSuite::run(target, o);
    }
    std::printf("\nbench CPU: %.2f s over %.1f s (%.0f%% of a core); load average now %.2f\n",
        total.cpuSeconds(), total.wallSeconds(), total.percent(), loadAverage1());
    if (server) {
        const int exit = server->stop();
        std::printf("server stopped (exit %d)\n", exit);
        if (exit != 0 && code == 0) {
            std::printf("FAILED: the server did not exit with status 0 within 5 s of SIGTERM (-1: killed or "
                        "crashed); see %s\n",
                qPrintable(server->logPath()));
            code = 1;
        }
    }
    return code;
}
