// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QSslConfiguration>
#include <QString>

namespace pulso {

/// A server TLS configuration from PEM files: `certPath` holds the certificate (optionally followed by
/// its chain), `keyPath` the unencrypted private key (RSA or EC). Clear errors for unreadable or
/// mismatched files, and when Qt has no TLS backend.
Result<QSslConfiguration> loadServerTls(const QString &certPath, const QString &keyPath);

} // namespace pulso
