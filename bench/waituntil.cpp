// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "waituntil.h"

#include "metrics.h"

#include <QCoreApplication>
#include <QTimer>

namespace pulso::bench {

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const qint64 deadline = nowNs() + qint64(timeoutMs) * 1000000;
    // A coarse tick guarantees the blocking wait below returns to check the deadline.
    QTimer tick;
    tick.setInterval(20);
    tick.start();
    while (!done()) {
        if (nowNs() >= deadline)
            return done();
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void runFor(int ms)
{
    waitUntil([] { return false; }, ms);
}

} // namespace pulso::bench
