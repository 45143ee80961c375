// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Token buckets on a fake clock, and the per-address key.
#include "net/ratelimiter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_RateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRate();
    void keysAreIndependent();
    void disabledAllowsEverything();
    void retryAfterIsWholeSecondsAtLeastOne_data();
    void retryAfterIsWholeSecondsAtLeastOne();
    void idleBucketsAreForgotten();
    void addressKey_data();
    void addressKey();
};

void tst_RateLimiter::burstThenRate()
{
    qint64 now = 0;
    RateLimiter limiter(2, 4, [&now] { return now; });
    for (int i = 0; i < 4; ++i)
        QCOMPARE(limiter.acquire(u"a"_s), 0);
    QCOMPARE(limiter.acquire(u"a"_s), 1); // empty: the next token comes in 0.5 s, said as 1 s
    now += 500;
    QCOMPARE(limiter.acquire(u"a"_s), 0);
    QCOMPARE(limiter.acquire(u"a"_s), 1);
    now += 10000; // refills to the burst, not beyond
    for (int i = 0; i < 4; ++i)
        QCOMPARE(limiter.acquire(u"a"_s), 0);
    QVERIFY(limiter.acquire(u"a"_s) > 0);
}

void tst_RateLimiter::keysAreIndependent()
{
    qint64 now = 0;
    RateLimiter limiter(1, 1, [&now] { return now; });
    QCOMPARE(limiter.acquire(u"a"_s), 0);
    QVERIFY(limiter.acquire(u"a"_s) > 0);
    QCOMPARE(limiter.acquire(u"b"_s), 0);
}

void tst_RateLimiter::disabledAllowsEverything()
{
    RateLimiter limiter(0, 0);
    QVERIFY(!limiter.isEnabled());
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(limiter.acquire(u"a"_s), 0);
    QCOMPARE(limiter.trackedKeys(), 0);
}

void tst_RateLimiter::retryAfterIsWholeSecondsAtLeastOne_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("retry");
    QTest::newRow("10/s") << 10.0 << 1;
    QTest::newRow("1/s") << 1.0 << 1;
    QTest::newRow("0.5/s") << 0.5 << 2;
    QTest::newRow("0.1/s") << 0.1 << 10;
}

void tst_RateLimiter::retryAfterIsWholeSecondsAtLeastOne()
{
    QFETCH(double, rate);
    QFETCH(int, retry);
    qint64 now = 0;
    RateLimiter limiter(rate, 1, [&now] { return now; });
    QCOMPARE(limiter.acquire(u"k"_s), 0);
    QCOMPARE(limiter.acquire(u"k"_s), retry);
    now += qint64(retry) * 1000; // waiting as long as told is enough
    QCOMPARE(limiter.acquire(u"k"_s), 0);
}

void tst_RateLimiter::idleBucketsAreForgotten()
{
    qint64 now = 0;
    RateLimiter limiter(100, 1, [&now] { return now; });
    for (int i = 0; i < 5000; ++i)
        limiter.acquire(u"client-%1"_s.arg(i));
    QCOMPARE(limiter.trackedKeys(), 5000);
    now += 60000;
    limiter.acquire(u"late"_s);
    QCOMPARE(limiter.trackedKeys(), 1);
}

void tst_RateLimiter::addressKey_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("key");
    QTest::newRow("ipv4") << u"192.168.1.20"_s << u"192.168.1.20"_s;
    QTest::newRow("mapped ipv4") << u"::ffff:192.168.1.20"_s << u"192.168.1.20"_s;
    QTest::newRow("ipv6 /64") << u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("same /64") << u"2001:db8:1:2::1"_s << u"2001:db8:1:2::/64"_s;
}

void tst_RateLimiter::addressKey()
{
    QFETCH(QString, address);
    QFETCH(QString, key);
    QCOMPARE(pulso::addressKey(QHostAddress(address)), key);
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_ratelimiter.moc"
