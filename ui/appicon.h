// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>

namespace pulso {

/// The application icon: resources/icons (PNGs, else the SVG when Qt can render it), otherwise a
/// drawn one (a pulse line on a rounded square). The tray variant adds a status dot.
class AppIcon final
{
public:
    static QIcon icon();
    /// `status` colours the dot (green running, grey stopped, red failed).
    static QIcon withStatus(const QColor &status);

    static QColor runningColor() { return {0x2e, 0xc2, 0x7e}; }
    static QColor busyColor() { return {0xe5, 0xa5, 0x0a}; }
    static QColor stoppedColor() { return {0x9a, 0x99, 0x96}; }
    static QColor failedColor() { return {0xe0, 0x1b, 0x24}; }
};

} // namespace pulso
