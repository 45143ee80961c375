// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/jsonhighlighter.h"

namespace pulso {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    m_key.setForeground(QColor(0x1a, 0x5f, 0xb4));
    m_string.setForeground(QColor(0x26, 0xa2, 0x69).darker(130));
    m_number.setForeground(QColor(0xc6, 0x46, 0x00));
    m_literal.setForeground(QColor(0x91, 0x41, 0xac));
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    // QJsonDocument::Indented output: one token group per line, so a small scanner is enough.
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != u'"') {
                if (text.at(end) == u'\\')
                    ++end;
                ++end;
            }
            const qsizetype len = qMin(end, n - 1) - i + 1;
            qsizetype after = i + len;
            while (after < n && text.at(after).isSpace())
                ++after;
            const bool isKey = after < n && text.at(after) == u':';
            setFormat(int(i), int(len), isKey ? m_key : m_string);
            i += len;
        } else if (c.isDigit() || c == u'-') {
            qsizetype end = i + 1;
            while (end < n
                && (text.at(end).isDigit() || text.at(end) == u'.' || text.at(end) == u'e'
                    || text.at(end) == u'E' || text.at(end) == u'+' || text.at(end) == u'-'))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetter())
                ++end;
            setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            ++i;
        }
    }
}

} // namespace pulso
