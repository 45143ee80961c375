// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pulso {

class Router;
class SensorService;

/// REST routes of /api/v1/sensors (filters: location_id, tipo).
class SensorController final
{
public:
    explicit SensorController(SensorService &service) : m_service(service) { }
    void registerRoutes(Router &router);

private:
    SensorService &m_service;
};

} // namespace pulso
