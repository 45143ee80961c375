// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pulso {

class Router;
class LocationService;

/// REST routes of /api/v1/locations: list, get, create, replace, patch, delete.
class LocationController final
{
public:
    explicit LocationController(LocationService &service) : m_service(service) { }
    void registerRoutes(Router &router);

private:
    LocationService &m_service;
};

} // namespace pulso
