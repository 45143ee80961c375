// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace pulso {

/// `pulso token create|list|revoke ...`: manages API tokens in the database file directly (no server or
/// display needed; a running server notices revocations within a second). Returns the exit code.
int runTokenCommand(const QStringList &arguments);

} // namespace pulso
