// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "runtime/serverconfig.h"

#include <QObject>
#include <memory>

class QTimer;

namespace pulso {

class AnomalyController;
class AuthPolicy;
class AnomalyService;
class Database;
class DomainStores;
class EventEmitter;
class EventHistoryService;
class EventStore;
class FrontListener;
class HttpApi;
class LocationController;
class LocationService;
class OpenApiController;
class PredictionController;
class PredictionService;
class ReadingController;
class ReadingService;
class SensorController;
class SensorService;
class StaticController;
class SystemEventService;
class TokenController;
class TokenService;
class WebSocketController;
class WebSocketHub;
struct ServiceContext;

/// One running Pulso server: database, services, HTTP API, WebSocket hub and the front listener, all in the
/// thread that calls start(). Built by app/ (headless) or by ServerHost (console).
class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    explicit Server(ServerConfig config, QObject *parent = nullptr);
    ~Server() override;

    /// Opens the database and listens. On failure nothing is left listening or open.
    Status start();
    /// Stops accepting, tells clients 1001 "server shutting down", waits up to the grace period for them to
    /// close, then closes the database.
    void stop();
    bool isRunning() const { return m_running; }

    const ServerConfig &config() const { return m_config; }
    quint16 port() const;
    static QString version();

    EventEmitter &emitter() { return *m_emitter; }
    WebSocketHub &hub() { return *m_hub; }
    HttpApi &http() { return *m_http; }
    SystemEventService &systemEvents() { return *m_systemEvents; }
    EventHistoryService &history() { return *m_history; }
    /// What services write through; tests use it to record events of their own.
    const ServiceContext &context() const { return *m_context; }
    // The sensor domain, for the console and tools running in the server thread.
    LocationService &locations() { return *m_locations; }
    SensorService &sensors() { return *m_sensors; }
    ReadingService &readings() { return *m_readings; }
    AnomalyService &anomalies() { return *m_anomalies; }
    PredictionService &predictions() { return *m_predictions; }
    /// API tokens (create, list, revoke), for the console and tools running in the server thread.
    TokenService &tokens() { return *m_tokens; }
    const AuthPolicy &authPolicy() const { return *m_auth; }
    /// Whether the port serves TLS (https/wss).
    bool isTls() const;

Q_SIGNALS:
    void started(quint16 port);
    void stopped();

private:
    void warnAboutPolicy();

    ServerConfig m_config;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventStore> m_eventStore;
    EventEmitter *m_emitter = nullptr;
    std::unique_ptr<ServiceContext> m_context;
    std::unique_ptr<SystemEventService> m_systemEvents;
    std::unique_ptr<EventHistoryService> m_history;
    QTimer *m_retentionTimer = nullptr;
    HttpApi *m_http = nullptr;
    WebSocketHub *m_hub = nullptr;
    FrontListener *m_front = nullptr;
    std::unique_ptr<WebSocketController> m_wsController;
    std::unique_ptr<DomainStores> m_stores;
    std::unique_ptr<LocationService> m_locations;
    std::unique_ptr<SensorService> m_sensors;
    std::unique_ptr<ReadingService> m_readings;
    std::unique_ptr<AnomalyService> m_anomalies;
    std::unique_ptr<PredictionService> m_predictions;
    std::unique_ptr<LocationController> m_locationController;
    std::unique_ptr<SensorController> m_sensorController;
    std::unique_ptr<ReadingController> m_readingController;
    std::unique_ptr<AnomalyController> m_anomalyController;
    std::unique_ptr<PredictionController> m_predictionController;
    std::unique_ptr<OpenApiController> m_openApiController;
    std::unique_ptr<StaticController> m_staticController;
    TokenService *m_tokens = nullptr;
    std::unique_ptr<AuthPolicy> m_auth;
    std::unique_ptr<TokenController> m_tokenController;
    QTimer *m_revocationTimer = nullptr;
    bool m_running = false;
};

} // namespace pulso
