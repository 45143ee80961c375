// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace pulso::bench {

/// Runs the event loop until `done()` holds or `timeoutMs` passes; returns done(). The scenarios are
/// written as straight-line code on top of this, all in the one thread.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);
/// Runs the event loop for `ms` milliseconds.
void runFor(int ms);

} // namespace pulso::bench
