// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/server.h"

#include "net/anomalycontroller.h"
#include "net/authpolicy.h"
#include "net/frontlistener.h"
#include "net/httpapi.h"
#include "net/locationcontroller.h"
#include "net/openapicontroller.h"
#include "net/predictioncontroller.h"
#include "net/readingcontroller.h"
#include "net/sensorcontroller.h"
#include "net/staticcontroller.h"
#include "net/tlsfiles.h"
#include "net/tokencontroller.h"
#include "net/websocketcontroller.h"
#include "net/websockethub.h"
#include "services/anomalyservice.h"
#include "services/eventemitter.h"
#include "services/eventhistoryservice.h"
#include "services/locationservice.h"
#include "services/predictionservice.h"
#include "services/readingservice.h"
#include "services/sensorservice.h"
#include "services/systemeventservice.h"
#include "services/tokenservice.h"
#include "services/unitofwork.h"
#include "storage/database.h"
#include "storage/domainstores.h"
#include "storage/eventstore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "pulso.server")

namespace pulso {

namespace {
QAtomicInt connectionCounter;
} // namespace

Server::Server(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_db(std::make_unique<Database>(u"pulso-server-%1"_s.arg(connectionCounter.fetchAndAddRelaxed(1))))
    , m_eventStore(std::make_unique<EventStore>(*m_db))
    , m_emitter(new EventEmitter(this))
    , m_context(std::make_unique<ServiceContext>(ServiceContext {*m_db, *m_eventStore, *m_emitter}))
    , m_systemEvents(std::make_unique<SystemEventService>(*m_context))
    , m_history(std::make_unique<EventHistoryService>(*m_eventStore))
    , m_retentionTimer(new QTimer(this))
    , m_http(new HttpApi(this))
    , m_hub(new WebSocketHub(this))
    , m_front(new FrontListener(*m_http, *m_hub, this))
    , m_wsController(std::make_unique<WebSocketController>(*m_hub, *m_systemEvents))
    , m_stores(std::make_unique<DomainStores>(*m_db))
    , m_locations(std::make_unique<LocationService>(*m_context, *m_stores))
    , m_sensors(std::make_unique<SensorService>(*m_context, *m_stores))
    , m_readings(std::make_unique<ReadingService>(*m_context, *m_stores))
    , m_anomalies(std::make_unique<AnomalyService>(*m_context, *m_stores))
    , m_predictions(std::make_unique<PredictionService>(*m_context, *m_stores))
    , m_locationController(std::make_unique<LocationController>(*m_locations))
    , m_sensorController(std::make_unique<SensorController>(*m_sensors))
    , m_readingController(std::make_unique<ReadingController>(*m_readings))
    , m_anomalyController(std::make_unique<AnomalyController>(*m_anomalies))
    , m_predictionController(std::make_unique<PredictionController>(*m_predictions))
    , m_openApiController(std::make_unique<OpenApiController>())
    , m_staticController(std::make_unique<StaticController>())
    , m_tokens(new TokenService(*m_db, {}, this))
    , m_auth(std::make_unique<AuthPolicy>(AuthPolicy::Options {m_config.authMode, m_config.secureToken,
                                              m_config.loopbackIsRemote, m_config.allowedOrigins},
          m_tokens))
    , m_tokenController(std::make_unique<TokenController>(*m_tokens))
    , m_revocationTimer(new QTimer(this))
{
    // The hub hears every committed event directly, in this thread: no queue on the hot path.
    connect(m_emitter, &EventEmitter::eventEmitted, m_hub, &WebSocketHub::publish);
    m_wsController->registerRoutes(m_http->router());
    m_locationController->registerRoutes(m_http->router());
    m_sensorController->registerRoutes(m_http->router());
    m_readingController->registerRoutes(m_http->router());
    m_anomalyController->registerRoutes(m_http->router());
    m_predictionController->registerRoutes(m_http->router());
    m_openApiController->registerRoutes(m_http->router());
    // Subscriptions filtered by location need the location of a reading's (anomaly's, ...) sensor.
    m_hub->setSensorLocationResolver([this](qint64 sensorId) -> std::optional<qint64> {
        const Result<Sensor> sensor = m_sensors->get(sensorId);
        return sensor ? sensor->locationId : std::nullopt;
    });
    m_staticController->registerRoutes(m_http->router());
    m_tokenController->registerRoutes(m_http->router());

    // Security, once around every route: tokens and roles, --auth, Origin, limits (docs/SECURITY.md).
    m_auth->addAdminPrefix(TokenController::Prefix.toString());
    m_auth->addTokenPath(WebSocketHub::SecurePath.toString());
    m_http->setAuthPolicy(m_auth.get());
    if (m_config.maxBatchBodySize > 0)
        m_http->setBodyLimit(u"/api/v1/readings/batch"_s, m_config.maxBatchBodySize);
    m_http->setMaxHeadSize(m_config.maxHeadSize);
    m_http->setWriteRate(m_config.writesPerSecond, 2 * m_config.writesPerSecond);
    m_front->setAuthPolicy(m_auth.get());
    // A revoked token's sockets close at once; revocations by `pulso token revoke` are polled.
    connect(m_tokens, &TokenService::tokenRevoked, m_hub,
        [this](qint64 id) { m_hub->closeClientsOfToken(id, u"token revoked"_s); });
    m_revocationTimer->setInterval(500);
    connect(m_revocationTimer, &QTimer::timeout, m_tokens, &TokenService::pollRevocations);

    m_http->setMaxBodySize(m_config.maxBodySize);
    m_http->setIdleTimeout(m_config.httpIdleTimeoutMs);
    // Readings, single and in batches (the hottest writes), share one COMMIT per pass of the event loop
    // (docs/ARCHITECTURE.md, "Commit groups"); PULSO_COMMIT_GROUPS=0 turns that off, for comparisons.
    if (m_config.commitGroups && qEnvironmentVariable("PULSO_COMMIT_GROUPS") != u"0")
        m_http->setCommitGroups(m_db.get(), {u"/api/v1/readings"_s, u"/api/v1/readings/batch"_s});
    FrontListener::Limits limits;
    limits.maxHeadSize = m_config.maxHeadSize;
    limits.headTimeoutMs = m_config.headTimeoutMs;
    limits.maxConnections = m_config.maxConnections;
    limits.maxConnectionsPerAddress = m_config.maxConnectionsPerAddress;
    limits.handshakesPerSecond = m_config.handshakesPerSecond;
    limits.handshakeBurst = 2 * m_config.handshakesPerSecond;
    m_front->setLimits(limits);
    WebSocketHub::Options options;
    options.auth = m_auth.get();
    options.maxIncomingMessageSize = m_config.maxIncomingMessageSize;
    options.pingIntervalMs = m_config.pingIntervalMs;
    options.delivery.maxPendingBytes = m_config.maxPendingBytes;
    options.delivery.latestThreshold = m_config.latestThresholdBytes;
    m_hub->setOptions(options);
    m_hub->setHistory(m_history.get());

    m_history->setRetention({m_config.retentionEvents, m_config.retentionDays});
    m_retentionTimer->setInterval(60 * 1000);
    connect(m_retentionTimer, &QTimer::timeout, this, [this] { m_history->prune(); });
}

Server::~Server()
{
    stop();
}

QString Server::version()
{
    return QStringLiteral(PULSO_VERSION);
}

quint16 Server::port() const
{
    return m_front->port();
}

bool Server::isTls() const
{
    return m_front->isTls();
}

void Server::warnAboutPolicy()
{
    const bool loopbackOnly = m_config.bindAddress.isLoopback();
    if (m_config.authMode == AuthMode::Open && !loopbackOnly) {
        qCWarning(lcServer) << "--auth open on a network address: any device that reaches this port can "
                               "change data";
    }
    if (m_config.authMode == AuthMode::All && !m_auth->options().bootstrapToken.size()) {
        const Result<bool> any = m_tokens->hasActiveTokens();
        if (any.ok() && !*any) {
            qCWarning(lcServer) << "--auth all without any token: every request will be refused until one "
                                   "is created (pulso token create --name NAME --role reader)";
        }
    }
}

Status Server::start()
{
    if (m_running)
        return Ok {};
    m_db->setBusyTimeout(m_config.busyTimeoutMs);
    if (Status s = m_db->open(m_config.databasePath); !s)
        return s;
    m_db->startBackgroundCheckpoints();
    if (Status s = m_eventStore->load(); !s) {
        m_db->close();
        return s;
    }
    if (!m_config.tlsCertPath.isEmpty() || !m_config.tlsKeyPath.isEmpty()) {
        Result<QSslConfiguration> tls = loadServerTls(m_config.tlsCertPath, m_config.tlsKeyPath);
        if (!tls) {
            m_db->close();
            return tls.error();
        }
        m_front->setTlsConfiguration(*tls);
    }
    if (!m_front->listen(m_config.bindAddress, m_config.port)) {
        const QString reason = m_front->errorString();
        m_db->close();
        return Error::make(ErrorKind::Unavailable, u"listen_failed"_s,
            u"Cannot listen on %1:%2: %3"_s.arg(m_config.bindAddress.toString())
                .arg(m_config.port)
                .arg(reason));
    }
    m_running = true;
    m_history->prune();
    m_retentionTimer->start();
    m_tokens->pollRevocations();
    m_revocationTimer->start();
    warnAboutPolicy();
    qCInfo(lcServer) << "started on port" << port() << "database" << m_config.databasePath << "last seq"
                     << m_eventStore->lastSeq();
    m_systemEvents->publish(SystemLevel::Info, u"Sistema iniciado correctamente"_s,
        QJsonObject {{u"version"_s, version()}, {u"port"_s, int(port())}});
    Q_EMIT started(port());
    return Ok {};
}

void Server::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_retentionTimer->stop();
    m_revocationTimer->stop();
    m_front->close();
    m_db->settle(); // answers and events of acknowledged writes go out before the connections close
    m_hub->closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
    m_http->closeAll();
    // Let close frames and pending bytes go out; clients answer the close handshake quickly.
    const QDeadlineTimer deadline(m_config.shutdownGraceMs);
    while (m_hub->connectionCount() > 0 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    m_stores->reset();
    m_tokens->reset();
    m_db->close();
    qCInfo(lcServer) << "stopped";
    Q_EMIT stopped();
}

} // namespace pulso
