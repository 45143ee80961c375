// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/ratelimiter.h"

#include <cmath>

namespace pulso {

namespace {
constexpr qsizetype PruneThreshold = 4096;
constexpr qint64 PruneIntervalMs = 10000;
} // namespace

RateLimiter::RateLimiter(double ratePerSecond, double burst, Clock clock) : m_clock(std::move(clock))
{
    m_elapsed.start();
    if (!m_clock)
        m_clock = [this] { return m_elapsed.elapsed(); };
    setRate(ratePerSecond, burst);
}

void RateLimiter::setRate(double ratePerSecond, double burst)
{
    m_rate = ratePerSecond > 0 ? ratePerSecond : 0;
    m_burst = std::max(burst, 1.0);
    m_buckets.clear();
}

int RateLimiter::acquire(const QString &key)
{
    if (m_rate <= 0)
        return 0;
    const qint64 now = m_clock();
    if (m_buckets.size() > PruneThreshold && now - m_lastPruneMs > PruneIntervalMs)
        prune(now);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket {m_burst, now});
    Bucket &bucket = *it;
    bucket.tokens = std::min(m_burst, bucket.tokens + double(now - bucket.updatedMs) * m_rate / 1000.0);
    bucket.updatedMs = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    const double wait = (1.0 - bucket.tokens) / m_rate;
    return std::max(1, int(std::ceil(wait)));
}

QString addressKey(const QHostAddress &peer)
{
    bool v4 = false;
    const quint32 ipv4 = peer.toIPv4Address(&v4);
    if (v4)
        return QHostAddress(ipv4).toString();
    Q_IPV6ADDR bytes = peer.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

void RateLimiter::prune(qint64 now)
{
    m_lastPruneMs = now;
    // A bucket that has refilled completely is the same as no bucket.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + double(now - it->updatedMs) * m_rate / 1000.0 >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace pulso
