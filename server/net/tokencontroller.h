// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

namespace pulso {

class Router;
class TokenService;

/// Admin REST routes of /api/v1/tokens: list, create (the secret is in the 201 body, once), show, revoke.
/// Who may call them is decided around the routes (AuthPolicy: admin only), not here.
class TokenController final
{
public:
    static constexpr QStringView Prefix = u"/api/v1/tokens";

    explicit TokenController(TokenService &service) : m_service(service) { }
    void registerRoutes(Router &router);

private:
    TokenService &m_service;
};

} // namespace pulso
