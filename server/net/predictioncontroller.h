// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pulso {

class Router;
class PredictionService;

/// REST routes of /api/v1/predictions (filters: sensor_id, from, to on created_at).
class PredictionController final
{
public:
    explicit PredictionController(PredictionService &service) : m_service(service) { }
    void registerRoutes(Router &router);

private:
    PredictionService &m_service;
};

} // namespace pulso
