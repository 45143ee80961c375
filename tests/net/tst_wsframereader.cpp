// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/wsframereader.h"
#include "net/wshandshake.h"

#include <QTest>

using namespace pulso;
using namespace pulso::ws;
using namespace Qt::StringLiterals;

namespace {

/// A client frame: masked unless told otherwise.
QByteArray clientFrame(
    quint8 opcode, const QByteArray &payload, bool fin = true, bool mask = true, quint8 rsv = 0)
{
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | rsv | opcode));
    const quint8 maskBit = mask ? 0x80 : 0;
    if (payload.size() < 126) {
        out.append(char(maskBit | payload.size()));
    } else if (payload.size() <= 0xffff) {
        out.append(char(maskBit | 126));
        out.append(char(payload.size() >> 8));
        out.append(char(payload.size() & 0xff));
    } else {
        out.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((quint64(payload.size()) >> shift) & 0xff));
    }
    const char key[4] = {'\x12', '\x34', '\x56', '\x78'};
    if (mask)
        out.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(mask ? char(payload[i] ^ key[i & 3]) : payload[i]);
    return out;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    QByteArray out;
    out.append(char(code >> 8));
    out.append(char(code & 0xff));
    return out + reason;
}

/// Everything the reader makes of `bytes`, fed `chunk` bytes at a time: "text:..", "binary:..", "ping:..",
/// "pong:..", "close:<code>", then "fail:<code>" or nothing.
QStringList readAll(const QByteArray &bytes, qsizetype chunk, quint64 limit = 1024)
{
    FrameReader reader(limit);
    QStringList out;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        reader.append(QByteArrayView(bytes).sliced(at, qMin(chunk, bytes.size() - at)));
        FrameReader::Message message;
        for (;;) {
            const FrameReader::Result result = reader.next(message);
            if (result == FrameReader::Result::NeedMore)
                break;
            if (result == FrameReader::Result::Failed) {
                out << u"fail:%1"_s.arg(reader.failureCode());
                return out;
            }
            switch (message.opcode) {
            case Text:
                out << u"text:"_s + QString::fromUtf8(message.payload);
                break;
            case Binary:
                out << u"binary:%1"_s.arg(message.payload.size());
                break;
            case Ping:
                out << u"ping:"_s + QString::fromUtf8(message.payload);
                break;
            case Pong:
                out << u"pong:"_s + QString::fromUtf8(message.payload);
                break;
            case Close:
                out << u"close:%1"_s.arg(FrameReader::closeCode(message.payload));
                break;
            case Continuation:
                out << u"continuation?"_s;
                break;
            }
        }
    }
    if (!reader.isIdle())
        out << u"incomplete"_s;
    return out;
}

} // namespace

class tst_WsFrameReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void frames_data();
    void frames();
    void idleReaderHoldsNoBuffer();
    void utf8_data();
    void utf8();
    void acceptKey();
    void closeFrameCutsAtCharacter();
};

void tst_WsFrameReader::frames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("text") << clientFrame(Text, "hello") << QStringList {u"text:hello"_s};
    QTest::newRow("two in one read") << clientFrame(Text, "a") + clientFrame(Text, "b")
                                     << QStringList {u"text:a"_s, u"text:b"_s};
    QTest::newRow("16-bit length") << clientFrame(Text, QByteArray(300, 'x'))
                                   << QStringList {u"text:"_s + QString(300, u'x')};
    QTest::newRow("fragmented text") << clientFrame(Text, "{\"ac", false)
            + clientFrame(Continuation, "tion\":", false) + clientFrame(Continuation, "1}")
                                     << QStringList {u"text:{\"action\":1}"_s};
    QTest::newRow("ping between fragments")
        << clientFrame(Text, "ab", false) + clientFrame(Ping, "p") + clientFrame(Continuation, "cd")
        << QStringList {u"ping:p"_s, u"text:abcd"_s};
    QTest::newRow("UTF-8 split across fragments") << clientFrame(Text, "\xc3", false)
            + clientFrame(Continuation, "\xa9") << QStringList {u"text:\u00e9"_s};
    QTest::newRow("binary") << clientFrame(Binary, "\x01\x02") << QStringList {u"binary:2"_s};
    QTest::newRow("pong") << clientFrame(Pong, "x") << QStringList {u"pong:x"_s};
    QTest::newRow("close with code") << clientFrame(Close, closePayload(1000, "bye"))
                                     << QStringList {u"close:1000"_s};
    QTest::newRow("close without code") << clientFrame(Close, {}) << QStringList {u"close:1005"_s};
    QTest::newRow("unmasked") << clientFrame(Text, "x", true, false) << QStringList {u"fail:1002"_s};
    QTest::newRow("RSV1") << clientFrame(Text, "x", true, true, 0x40) << QStringList {u"fail:1002"_s};
    QTest::newRow("reserved data opcode") << clientFrame(0x3, "x") << QStringList {u"fail:1002"_s};
    QTest::newRow("reserved control opcode") << clientFrame(0xB, "x") << QStringList {u"fail:1002"_s};
    QTest::newRow("continuation first") << clientFrame(Continuation, "x") << QStringList {u"fail:1002"_s};
    QTest::newRow("text inside a message")
        << clientFrame(Text, "a", false) + clientFrame(Text, "b") << QStringList {u"fail:1002"_s};
    QTest::newRow("fragmented ping") << clientFrame(Ping, "x", false) << QStringList {u"fail:1002"_s};
    QTest::newRow("ping over 125 bytes")
        << clientFrame(Ping, QByteArray(126, 'p')) << QStringList {u"fail:1002"_s};
    QTest::newRow("one-byte close") << clientFrame(Close, "x") << QStringList {u"fail:1002"_s};
    QTest::newRow("close code 1005") << clientFrame(Close, closePayload(1005))
                                     << QStringList {u"fail:1002"_s};
    QTest::newRow("close code 999") << clientFrame(Close, closePayload(999)) << QStringList {u"fail:1002"_s};
    QTest::newRow("close reason not UTF-8")
        << clientFrame(Close, closePayload(1000, "\xff")) << QStringList {u"fail:1007"_s};
    QTest::newRow("invalid UTF-8") << clientFrame(Text, "\xc3\x28") << QStringList {u"fail:1007"_s};
    QTest::newRow("truncated UTF-8") << clientFrame(Text, "\xe2\x82") << QStringList {u"fail:1007"_s};
    QTest::newRow("over the limit") << clientFrame(Text, QByteArray(1025, ' '))
                                    << QStringList {u"fail:1009"_s};
    QTest::newRow("fragments over the limit")
        << clientFrame(Text, QByteArray(600, ' '), false) + clientFrame(Continuation, QByteArray(600, ' '))
        << QStringList {u"fail:1009"_s};
    QTest::newRow("64-bit length with MSB")
        << QByteArray("\x81\xff\x80\x00\x00\x00\x00\x00\x00\x01", 10) << QStringList {u"fail:1002"_s};
    QTest::newRow("huge declared length refused before its payload")
        << QByteArray("\x81\xff\x00\x00\x00\x01\x00\x00\x00\x00", 10) << QStringList {u"fail:1009"_s};
    QTest::newRow("incomplete") << clientFrame(Text, "hello").chopped(1) << QStringList {u"incomplete"_s};
    QTest::newRow("open fragmented message")
        << clientFrame(Text, "he", false) << QStringList {u"incomplete"_s};
}

void tst_WsFrameReader::frames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    // Whole, then byte by byte: a frame split anywhere reads the same.
    QCOMPARE(readAll(bytes, bytes.size() + 1), expected);
    QCOMPARE(readAll(bytes, 1), expected);
    QCOMPARE(readAll(bytes, 3), expected);
}

void tst_WsFrameReader::idleReaderHoldsNoBuffer()
{
    FrameReader reader;
    reader.append(clientFrame(Text, QByteArray(500, 'a')));
    FrameReader::Message message;
    QCOMPARE(reader.next(message), FrameReader::Result::Message);
    QCOMPARE(reader.next(message), FrameReader::Result::NeedMore);
    QVERIFY(reader.isIdle());
}

void tst_WsFrameReader::utf8_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("plain ascii text, long enough for the fast path") << true;
    QTest::newRow("2-byte") << QByteArray("caf\xc3\xa9") << true;
    QTest::newRow("3-byte") << QByteArray("\xe2\x82\xac") << true;
    QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("overlong /") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("lone continuation") << QByteArray("a\x80") << false;
    QTest::newRow("0xff") << QByteArray("\xff") << false;
}

void tst_WsFrameReader::utf8()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(FrameReader::isValidUtf8(text), valid);
}

void tst_WsFrameReader::acceptKey()
{
    // RFC 6455 section 1.3's example.
    QCOMPARE(ws::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void tst_WsFrameReader::closeFrameCutsAtCharacter()
{
    const QByteArray frame = ws::closeFrame(1008, QByteArray(QByteArray(122, 'a') + "\xc3\xa9"));
    QCOMPARE(frame.size(), 2 + 2 + 122); // the two-byte character does not fit in 123 bytes: dropped whole
    QCOMPARE(quint8(frame[1]), quint8(124));
}

QTEST_APPLESS_MAIN(tst_WsFrameReader)
#include "tst_wsframereader.moc"
