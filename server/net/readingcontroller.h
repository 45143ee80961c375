// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pulso {

class Router;
class ReadingService;

/// REST routes of /api/v1/readings (filters: sensor_id, from, to) and POST /api/v1/readings/batch.
class ReadingController final
{
public:
    explicit ReadingController(ReadingService &service) : m_service(service) { }
    void registerRoutes(Router &router);

private:
    ReadingService &m_service;
};

} // namespace pulso
