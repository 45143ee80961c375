// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "target.h"

namespace pulso::bench {

/// `total_connections` from GET /api/v1/ws/stats, -1 when the server does not answer within `timeoutMs`.
int serverConnectionCount(const Target &target, int timeoutMs = 10000);

/// Polls the stats until the server counts at most `count` WebSocket connections. Returns the seconds it
/// took, or -1 after `timeoutMs`. A server that processes disconnections slowly stays busy (and deaf to new
/// requests) long after its clients left; scenarios wait for it so that one does not skew the next.
double waitForConnectionsAtMost(const Target &target, int count, int timeoutMs);

} // namespace pulso::bench
