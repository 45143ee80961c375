// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QString>

#include <functional>

namespace pulso {

/// Token buckets, one per key (an address, a token): `rate` events per second on average, bursts up to
/// `burst`. Idle buckets are forgotten, so the table stays small whatever the number of keys seen.
class RateLimiter final
{
public:
    /// Milliseconds on a monotonic clock; tests pass their own.
    using Clock = std::function<qint64()>;

    explicit RateLimiter(double ratePerSecond = 0, double burst = 0, Clock clock = {});

    /// rate <= 0 disables the limiter (every acquire succeeds).
    void setRate(double ratePerSecond, double burst);
    double rate() const { return m_rate; }
    double burst() const { return m_burst; }
    bool isEnabled() const { return m_rate > 0; }

    /// Takes one event from `key`'s bucket: 0 when allowed, otherwise the whole seconds (>= 1) after which
    /// the next one will be.
    int acquire(const QString &key);

    qsizetype trackedKeys() const { return m_buckets.size(); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    void prune(qint64 now);

    double m_rate = 0;
    double m_burst = 0;
    Clock m_clock;
    QElapsedTimer m_elapsed;
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastPruneMs = 0;
};

/// The key per-address limits count under: the IPv4 address (also when mapped into IPv6), or the /64
/// network of an IPv6 address (one machine can use many addresses of its /64).
QString addressKey(const QHostAddress &peer);

} // namespace pulso
