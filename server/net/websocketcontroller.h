// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pulso {

class Router;
class SystemEventService;
class WebSocketHub;

/// The seed's HTTP endpoints of api/v1/websocket.py: stats, per-channel stats and the test event.
class WebSocketController final
{
public:
    WebSocketController(WebSocketHub &hub, SystemEventService &systemEvents);
    void registerRoutes(Router &router);

private:
    WebSocketHub &m_hub;
    SystemEventService &m_systemEvents;
};

} // namespace pulso
