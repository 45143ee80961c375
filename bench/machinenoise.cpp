// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "machinenoise.h"

#include "metrics.h"

#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {

/// Work the compiler cannot drop or shorten: a dependent multiply-add chain.
quint64 spin(quint64 iterations)
{
    volatile quint64 sink = 1;
    quint64 x = sink;
    for (quint64 i = 0; i < iterations; ++i)
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    sink = x;
    return sink;
}

double timedUs(quint64 iterations)
{
    const qint64 start = nowNs();
    spin(iterations);
    return double(nowNs() - start) / 1000.0;
}

double percentile(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const auto index = std::size_t(p * double(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

} // namespace

MachineNoise::Result MachineNoise::run(const Options &options)
{
    // Calibrate to about 500 us at full speed: the fastest of a few tries, so a stall does not skew it.
    quint64 iterations = 100000;
    for (int round = 0; round < 3; ++round) {
        double best = 1e18;
        for (int i = 0; i < 5; ++i)
            best = std::min(best, timedUs(iterations));
        iterations = quint64(double(iterations) * 500.0 / std::max(best, 1.0));
    }
    std::vector<double> samples;
    const qint64 end = nowNs() + qint64(options.seconds * 1e9);
    const qint64 periodNs = qint64(options.periodMs) * 1000000;
    qint64 next = nowNs();
    while (nowNs() < end) {
        samples.push_back(timedUs(iterations));
        next += periodNs;
        const qint64 wait = next - nowNs();
        if (wait > 0)
            QThread::usleep(quint64(wait / 1000));
    }
    Result r;
    r.samples = int(samples.size());
    std::sort(samples.begin(), samples.end());
    if (samples.empty())
        return r;
    r.fastestUs = samples.front();
    r.p50Us = percentile(samples, 0.50);
    r.p95Us = percentile(samples, 0.95);
    r.p99Us = percentile(samples, 0.99);
    r.maxUs = samples.back();
    r.slowShare = double(std::count_if(samples.cbegin(), samples.cend(), [&r](double us) {
        return us > 2 * r.fastestUs;
    })) / double(samples.size());
    return r;
}

QString MachineNoise::summary(const Result &r)
{
    const double base = std::max(r.fastestUs, 1.0);
    return u"a fixed %1 us of work took p50 %2x, p95 %3x, p99 %4x, max %5x as long; %6% of %7 tries over 2x"_s
        .arg(qRound(r.fastestUs))
        .arg(r.p50Us / base, 0, 'f', 2)
        .arg(r.p95Us / base, 0, 'f', 2)
        .arg(r.p99Us / base, 0, 'f', 1)
        .arg(r.maxUs / base, 0, 'f', 1)
        .arg(100.0 * r.slowShare, 0, 'f', 1)
        .arg(r.samples);
}

void MachineNoise::print(const Result &r)
{
    std::printf(
        "noise: the same piece of work on the bench's core, once every period, %d times\n", r.samples);
    std::printf("  work us         fastest %.0f  p50 %.0f  p95 %.0f  p99 %.0f  max %.0f\n", r.fastestUs,
        r.p50Us, r.p95Us, r.p99Us, r.maxUs);
    std::printf("  steadiness      %s\n", qPrintable(summary(r)));
    std::fflush(stdout);
}

} // namespace pulso::bench
