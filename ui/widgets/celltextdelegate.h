// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace pulso {

/// Paints single-line cells with cached QStaticText: a cell's text is shaped once and then only drawn. The
/// live log repaints several times a second while events stream in, and shaping every visible cell on every
/// repaint was most of the GUI thread's time.
class CellTextDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CellTextDelegate)

public:
    explicit CellTextDelegate(QObject *parent = nullptr);

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    const QStaticText &staticText(const QString &text, const QFont &font, int width) const;

    struct Key
    {
        QString text;
        int width;
        bool operator==(const Key &other) const { return width == other.width && text == other.text; }
    };
    friend size_t qHash(const Key &key, size_t seed) { return qHashMulti(seed, key.text, key.width); }

    mutable QHash<Key, QStaticText> m_cache;
    mutable QFont m_cacheFont;
    mutable int m_narrowestAdvance = 0; ///< 0: not measured for m_cacheFont yet
};

} // namespace pulso
