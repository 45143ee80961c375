// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pulso {

class Router;
class AnomalyService;

/// REST routes of /api/v1/anomalies (filters: sensor_id, from, to on detected_at).
class AnomalyController final
{
public:
    explicit AnomalyController(AnomalyService &service) : m_service(service) { }
    void registerRoutes(Router &router);

private:
    AnomalyService &m_service;
};

} // namespace pulso
